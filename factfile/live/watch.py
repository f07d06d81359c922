"""Notice saved files for the preview: Linux inotify when there is one, polling elsewhere.

The watcher plugs into livereload as its `Watcher`: livereload asks `examine()` what changed and
reloads the browsers. A burst of saves (an editor writing a file and its backup, a `git checkout`)
is gathered until the folders are quiet for a moment, so it causes one rebuild, not one per file.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import struct
import time
from collections.abc import Callable
from pathlib import Path

from livereload.watcher import Watcher
from tornado.ioloop import IOLoop

log = logging.getLogger("factfile")

QUIET = 0.025  # seconds without events that end a burst
LONGEST = 0.25  # a burst that never goes quiet is still handled after this long
POLL = 0.3  # seconds between scans where inotify is missing

_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE = 0x2, 0x4, 0x8
_IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x40, 0x80, 0x100, 0x200
_IN_ISDIR, _IN_IGNORED, _IN_Q_OVERFLOW = 0x40000000, 0x8000, 0x4000
_MASK = _IN_MODIFY | _IN_ATTRIB | _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
_EVENT = struct.Struct("iIII")


class SiteWatcher(Watcher):
    """Collects changed paths under some folders and hands them over once per burst."""

    def __init__(self, roots: list[Path], on_change: Callable[[list[Path]], object],
                 exclude: Path | None = None) -> None:
        super().__init__()
        self.roots = [root for root in roots if root.is_dir()]
        self.exclude = exclude.resolve() if exclude else None  # the output, should it lie inside a root
        self.on_change = on_change
        self.pending: set[Path] = set()
        self.ready: list[Path] = []
        self.first_event = 0.0
        self.flush_handle: object | None = None
        self.callback: Callable[[], None] | None = None
        self.fd: int | None = None
        self.folders: dict[int, Path] = {}
        self.snapshot: dict[Path, tuple[int, int]] = {}

    # livereload's side ---------------------------------------------------------------------------

    def start(self, callback: Callable[[], None]) -> bool:
        """Start watching; True tells livereload not to poll, since events arrive by themselves."""
        self.callback = callback
        self.fd = _inotify_init()
        loop = IOLoop.current()
        if self.fd is None:
            self.snapshot = self._scan()
            loop.call_later(POLL, self._poll)
            return True
        for root in self.roots:
            self._add_tree(root)
        loop.add_handler(self.fd, self._read_events, IOLoop.READ)
        return True

    def examine(self) -> tuple[str | None, float | None]:
        """Rebuild for the paths of a finished burst; return one of them for livereload's log."""
        self._changes.clear()  # livereload's start-up marker: there is nothing to reload for it
        if not self.ready:
            return None, None
        changes, self.ready = self.ready, []
        self.on_change(changes)
        self.filepath = str(changes[0])
        return self.filepath, None

    # Gathering bursts ----------------------------------------------------------------------------

    def _noticed(self, paths: set[Path]) -> None:
        if self.exclude is not None:
            paths = {p for p in paths if self.exclude not in p.resolve().parents and p.resolve() != self.exclude}
        if not paths:
            return
        loop = IOLoop.current()
        now = loop.time()
        if not self.pending:
            self.first_event = now
        self.pending |= paths
        if self.flush_handle is not None:
            loop.remove_timeout(self.flush_handle)
        delay = min(QUIET, max(0.0, self.first_event + LONGEST - now))
        self.flush_handle = loop.call_later(delay, self._flush)

    def _flush(self) -> None:
        self.flush_handle = None
        self.ready = sorted(set(self.ready) | self.pending)
        self.pending = set()
        if self.callback is not None:
            self.callback()

    # inotify -------------------------------------------------------------------------------------

    def _add_tree(self, root: Path) -> None:
        for folder, dirs, _ in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")
                       and (self.exclude is None or Path(folder, d).resolve() != self.exclude)]
            wd = _LIBC.inotify_add_watch(self.fd, os.fsencode(folder), _MASK) if _LIBC else -1
            if wd >= 0:
                self.folders[wd] = Path(folder)

    def _read_events(self, fd: int, events: int) -> None:
        try:
            data = os.read(fd, 1 << 16)
        except BlockingIOError:
            return
        paths: set[Path] = set()
        offset = 0
        while offset + _EVENT.size <= len(data):
            wd, mask, _, length = _EVENT.unpack_from(data, offset)
            name = data[offset + _EVENT.size: offset + _EVENT.size + length].rstrip(b"\0")
            offset += _EVENT.size + length
            folder = self.folders.get(wd)
            if mask & _IN_Q_OVERFLOW:  # events were lost: a root itself changed means rebuild all
                paths |= set(self.roots)
                continue
            if mask & _IN_IGNORED:
                self.folders.pop(wd, None)
                continue
            if folder is None or not name:
                continue
            path = folder / os.fsdecode(name)
            if mask & _IN_ISDIR:
                if mask & (_IN_CREATE | _IN_MOVED_TO):
                    self._add_tree(path)
                    paths |= {p for p in path.rglob("*") if p.is_file()}
                continue
            paths.add(path)
        self._noticed(paths)

    # Polling -------------------------------------------------------------------------------------

    def _scan(self) -> dict[Path, tuple[int, int]]:
        found = {}
        for root in self.roots:
            for folder, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    path = Path(folder, name)
                    try:
                        st = path.stat()
                    except OSError:
                        continue
                    found[path] = (st.st_mtime_ns, st.st_size)
        return found

    def _poll(self) -> None:
        started = time.perf_counter()
        snapshot = self._scan()
        changed = {p for p in snapshot.keys() | self.snapshot.keys() if snapshot.get(p) != self.snapshot.get(p)}
        self.snapshot = snapshot
        self._noticed(changed)
        # Scanning a big tree costs; keep it under a third of the time.
        IOLoop.current().call_later(max(POLL, 3 * (time.perf_counter() - started)), self._poll)


def _load_libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.inotify_init1  # noqa: B018 - raises AttributeError where there is no inotify
        return libc
    except (OSError, AttributeError, TypeError):
        return None


_LIBC = _load_libc()


def _inotify_init() -> int | None:
    if _LIBC is None or os.environ.get("FACTFILE_POLL"):
        return None
    fd = _LIBC.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    return fd if fd >= 0 else None
