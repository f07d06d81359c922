"""The engine's memory between builds: one SQLite file in the cache folder, never in the output.

It holds what the last successful build read and wrote, so the next build can tell what changed:
- `files`: each content file's stamp and hash, its parsed record (pickled, loaded only when a page
  needs it), and its summary, problems and references (small; loaded every build);
- `deps`: which keys each page or output subject read (deps.py), with an index from key to subject;
- `facts`: the digest of every site-wide fact pages read;
- `outputs`: the digest of every file in the output folder and the subject that made it;
- `pieces`: parts kept to assemble whole files (one person's row of people.csv);
- `meta`: versions, options and the last build's result.

A build changes the state inside one transaction, committed only when the output was written, so
a failed or interrupted build leaves the state of the last good one. A file that is missing,
corrupt, truncated or from another version of factfile is replaced by an empty state: the build
is then a full one, never a wrong one. The same code keeps an in-memory state for `check`.
"""

from __future__ import annotations

import logging
import marshal
import os
import pickle
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger("factfile")

SCHEMA = 1
_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE files (path TEXT PRIMARY KEY, stamp BLOB, hash BLOB, record BLOB, info BLOB);
CREATE TABLE deps (subject TEXT, key TEXT, bits INTEGER);
CREATE INDEX deps_key ON deps (key);
CREATE INDEX deps_subject ON deps (subject);
CREATE TABLE facts (key TEXT PRIMARY KEY, digest BLOB);
CREATE TABLE outputs (path TEXT PRIMARY KEY, digest BLOB, subject TEXT);
CREATE TABLE pieces (path TEXT PRIMARY KEY, data BLOB);
"""


class State:
    """The engine's state in a SQLite database (a file, or memory when `path` is None)."""

    def __init__(self, path: Path | None, version: str) -> None:
        self.path = path
        self.version = version  # of factfile's code and this schema: another version starts empty
        self.pid = os.getpid()
        self.fresh = False
        self.db = self._open()

    # Opening -----------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._create(sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is not None and marshal.loads(row[0]) == self.version:
                db.execute("PRAGMA quick_check").fetchone()
                self._settings(db)
                return db
            db.close()
        except (sqlite3.Error, ValueError, EOFError, TypeError) as exc:
            log.debug("build cache %s unusable (%s): starting afresh", self.path, exc)
        try:
            self._remove()
            return self._create(sqlite3.connect(self.path, isolation_level=None, check_same_thread=False))
        except (sqlite3.Error, OSError) as exc:  # a cache that cannot be written: build without one
            log.warning("cannot keep the build cache in %s (%s): every build will be a full one",
                        self.path.parent, getattr(exc, "strerror", None) or exc)
            self.path = None
            return self._create(sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False))

    def _remove(self) -> None:
        assert self.path is not None
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _create(self, db: sqlite3.Connection) -> sqlite3.Connection:
        self.fresh = True
        self._settings(db)
        db.executescript(_TABLES)
        db.execute("INSERT INTO meta VALUES ('version', ?)", (marshal.dumps(self.version),))
        return db

    @property
    def token(self) -> str:
        """Return what names this state in the marker of the output folders it built."""
        token = self.get("token")
        if token is None:
            token = secrets.token_hex(8)
            self.put("token", token)
        return str(token)

    @staticmethod
    def _settings(db: sqlite3.Connection) -> None:
        # The cache is rebuilt whole when lost, so it need not survive a power cut: no fsync.
        db.execute("PRAGMA journal_mode = MEMORY")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA temp_store = MEMORY")

    def reader(self) -> sqlite3.Connection:
        """Return a connection this process may use (a forked worker opens its own)."""
        if os.getpid() != self.pid and self.path is not None:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.pid = os.getpid()
        return self.db

    def reset(self) -> None:
        """Forget everything: the next build is a full one."""
        for table in ("files", "deps", "facts", "outputs", "pieces"):
            self.db.execute(f"DELETE FROM {table}")  # not executescript: it would commit the build's transaction
        self.db.execute("DELETE FROM meta WHERE key NOT IN ('version', 'token')")

    # Transactions ------------------------------------------------------------------------------

    def begin(self) -> None:
        self.db.execute("BEGIN")

    def commit(self) -> None:
        """Keep this build's changes; if they cannot be written, drop the cache (the next build is full)."""
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            log.warning("could not save the build cache (%s): the next build will be a full one", exc)
            self.rollback()
            if self.path is not None:
                self.db.close()
                self._remove()
                self.db = self._open()
            return
        self.fresh = False  # it now holds a build

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def close(self) -> None:
        self.db.close()

    # Meta --------------------------------------------------------------------------------------

    def get(self, key: str, default: Any = None) -> Any:
        row = self.reader().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else pickle.loads(row[0])

    def put(self, key: str, value: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, pickle.dumps(value, 5)))

    # Files -------------------------------------------------------------------------------------

    def files(self) -> dict[str, tuple[Any, bytes, Any]]:
        """Return every content file's (stamp, hash, info) by path."""
        return {path: (marshal.loads(stamp), digest, marshal.loads(info))
                for path, stamp, digest, info in self.db.execute("SELECT path, stamp, hash, info FROM files")}

    def stamps(self) -> dict[str, Any]:
        """Return every content file's stamp by path."""
        return {path: marshal.loads(stamp) for path, stamp in self.db.execute("SELECT path, stamp FROM files")}

    def record(self, path: str) -> Any:
        """Return the record parsed from a file, or None."""
        row = self.reader().execute("SELECT record FROM files WHERE path = ?", (path,)).fetchone()
        return None if row is None or row[0] is None else pickle.loads(row[0])

    def put_files(self, rows: Iterable[tuple[str, Any, bytes, Any, Any]]) -> None:
        """Store (path, stamp, hash, record, info) rows."""
        self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                            ((path, marshal.dumps(stamp), digest,
                              None if record is None else pickle.dumps(record, 5), marshal.dumps(info))
                             for path, stamp, digest, record, info in rows))

    def put_stamps(self, rows: Iterable[tuple[str, Any]]) -> None:
        """Update the stamps of files whose bytes did not change (touched, or checked out again)."""
        self.db.executemany("UPDATE files SET stamp = ? WHERE path = ?",
                            ((marshal.dumps(stamp), path) for path, stamp in rows))

    def drop_files(self, paths: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM files WHERE path = ?", ((p,) for p in paths))

    # Dependencies ------------------------------------------------------------------------------

    def readers_of(self, changed: dict[str, int]) -> set[str]:
        """Return the subjects that read any changed bit of any changed key."""
        found: set[str] = set()
        db = self.db
        for key, bits in changed.items():
            found.update(subject for subject, read in db.execute(
                "SELECT subject, bits FROM deps WHERE key = ?", (key,)) if read & bits)
        return found

    def put_deps(self, subjects: dict[str, dict[str, int]]) -> None:
        """Replace what the given subjects read."""
        db = self.db
        db.executemany("DELETE FROM deps WHERE subject = ?", ((s,) for s in subjects))
        db.executemany("INSERT INTO deps VALUES (?, ?, ?)",
                       ((subject, key, bits) for subject, reads in subjects.items() for key, bits in reads.items()))

    def drop_subjects(self, subjects: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM deps WHERE subject = ?", ((s,) for s in subjects))

    def subjects(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT DISTINCT subject FROM outputs")}

    # Facts -------------------------------------------------------------------------------------

    def facts(self) -> dict[str, bytes]:
        return dict(self.db.execute("SELECT key, digest FROM facts"))

    def put_facts(self, digests: dict[str, bytes], gone: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM facts WHERE key = ?", ((k,) for k in gone))
        self.db.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?)", digests.items())

    # Outputs -----------------------------------------------------------------------------------

    def outputs(self) -> dict[str, tuple[bytes, str]]:
        """Return the digest and subject of every file the output folder holds."""
        return {path: (digest, subject) for path, digest, subject in self.db.execute("SELECT * FROM outputs")}

    def put_outputs(self, rows: Iterable[tuple[str, bytes, str]], gone: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM outputs WHERE path = ?", ((p,) for p in gone))
        self.db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)", rows)

    # Pieces ------------------------------------------------------------------------------------

    def pieces(self, prefix: str) -> Iterator[tuple[str, bytes]]:
        """Yield the kept pieces whose path starts with `prefix`, in path order."""
        yield from self.reader().execute("SELECT path, data FROM pieces WHERE path >= ? AND path < ? ORDER BY path",
                                         (prefix, prefix + "\uffff"))

    def put_pieces(self, rows: Iterable[tuple[str, bytes]], gone: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM pieces WHERE path = ?", ((p,) for p in gone))
        self.db.executemany("INSERT OR REPLACE INTO pieces VALUES (?, ?)", rows)
