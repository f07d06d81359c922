"""Put a build's files into the output folder, all or nothing.

Three ways, one interface (`Publication`):
- `Fresh`: a new folder beside the output, filled whole and swapped in (a full build);
- `Linked`: the same, but starting as a copy of the live site made of hard links, so only changed
  files are written (a rebuild whose finishing steps, like the search index, read the whole site);
- `InPlace`: changed files are written beside their old versions under pending names and renamed
  over them only once everything succeeded (a rebuild with nothing reading the whole site: the
  preview, `build --no-search`). Readers see each file old or new, never half written.
`abort()` leaves the live site exactly as it was in all three.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from .write import MARKER, _remove_marked, _swap, check_whole, new_staging

TMP_PREFIX = ".factfile-new-"


def pending_name(path: str) -> str:
    """Return where a changed file waits, beside its final place, until the whole build succeeded."""
    folder, name = os.path.split(path)
    return os.path.join(folder, TMP_PREFIX + name)


def remove_file(out: Path, relative: str) -> None:
    """Remove a file of the output and the folders it leaves empty."""
    target = out / relative
    try:
        target.unlink()
    except FileNotFoundError:
        pass
    folder = target.parent
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty
            break
        folder = folder.parent


def _walk(root: Path) -> list[str]:
    """Return the '/'-separated names of the regular files under a folder, except the marker, sorted
    (os.scandir and plain strings: a large site has a hundred thousand files)."""
    found: list[str] = []
    todo = [("", str(root))]
    while todo:
        prefix, folder = todo.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    todo.append((prefix + entry.name + "/", entry.path))
                elif prefix or entry.name != MARKER:
                    found.append(prefix + entry.name)
    found.sort()
    return found


class Publication:
    """A set of changes to the output folder, applied all at once by `commit`."""

    writes_all = False  # the sink protocol (renderjobs.Sink): write unchanged pages too?

    def __init__(self, out: Path) -> None:
        self.out = out
        self.made: set[str] = set()
        self.written: set[str] = set()  # every file written by this build (for the offline zip)

    def put(self, path: str, data: bytes) -> None:
        """Write a file's new bytes, without noting it: render workers do this in other processes,
        and the engine tells `wrote` which paths they wrote once their results are back."""
        raise NotImplementedError

    def write(self, path: str, data: bytes) -> None:
        """Write a file's new bytes, in this process."""
        self.put(path, data)
        self.wrote([path])

    def wrote(self, paths: Iterable[str]) -> None:
        """Note files written (by `put`, maybe in another process) as part of the new site."""
        self.written.update(paths)

    def remove(self, path: str) -> None:
        raise NotImplementedError

    def files(self, known: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
        """Yield (name, where its new bytes are) for every file the site will have. `known`, the
        files of the last build, spares a build that writes in place the walk over the whole site."""
        raise NotImplementedError

    def target(self, path: str) -> Path:
        """Return where to write the new version of a file (for a step that writes it itself)."""
        raise NotImplementedError

    def remove_tree(self, name: str) -> None:
        """Remove a folder of the site (a search index or offline copy that no longer applies)."""
        raise NotImplementedError

    @property
    def root(self) -> Path:
        """Return the folder that will be the site (the staging folder), for finishing steps."""
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError

    def _folder(self, target: Path) -> None:
        folder = str(target.parent)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)


class Fresh(Publication):
    """A new staging folder beside the output, swapped in whole."""

    writes_all = True

    def __init__(self, out: Path, token: str = "") -> None:
        super().__init__(out)
        self.staging, self.token = new_staging(out, token)
        self.expected: set[str] = set()  # what must be in the folder when it is swapped in

    @property
    def root(self) -> Path:
        return self.staging

    def put(self, path: str, data: bytes) -> None:
        target = self.staging / path
        self._folder(target)
        with open(target, "wb") as file:
            file.write(data)

    def wrote(self, paths: Iterable[str]) -> None:
        paths = list(paths)
        super().wrote(paths)
        self.expected.update(paths)

    def remove(self, path: str) -> None:
        (self.staging / path).unlink(missing_ok=True)
        self.expected.discard(path)
        self.written.discard(path)

    def target(self, path: str) -> Path:
        target = self.staging / path
        self._folder(target)
        target.unlink(missing_ok=True)  # never write through a link to the live site
        self.wrote([path])
        return target

    def files(self, known: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
        top = str(self.staging) + os.sep
        for name in _walk(self.staging):
            yield name, top + name

    def remove_tree(self, name: str) -> None:
        folder = self.staging / name
        if folder.is_symlink():
            folder.unlink()
        elif folder.is_dir():
            shutil.rmtree(folder)
        self.expected = {path for path in self.expected if not path.startswith(name + "/")}

    def commit(self) -> None:
        check_whole(self.staging, self.token, self.expected)
        _swap(self.staging, self.out)

    def abort(self) -> None:
        _remove_marked(self.staging)


class Linked(Fresh):
    """A staging folder that starts as hard links to the live site's files."""

    writes_all = False

    def __init__(self, out: Path, skip: tuple[str, ...] = (), token: str = "") -> None:
        super().__init__(out, token)
        try:
            for name in _walk(out):
                if not name.startswith(skip):
                    target = self.staging / name
                    self._folder(target)
                    os.link(out / name, target)
                    self.expected.add(name)
        except BaseException:
            _remove_marked(self.staging)
            raise

    def put(self, path: str, data: bytes) -> None:
        # Never write through a link: that would change the live site's file too.
        (self.staging / path).unlink(missing_ok=True)
        super().put(path, data)


class InPlace(Publication):
    """Changed files written beside the live ones, renamed over them on commit."""

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        self.removed: set[str] = set()
        self.trees: set[str] = set()  # folders removed whole on commit

    @property
    def root(self) -> Path:
        raise RuntimeError("an in-place build has no staging folder")

    def put(self, path: str, data: bytes) -> None:
        target = self.out / pending_name(path)
        self._folder(target)
        with open(target, "wb") as file:
            file.write(data)

    def remove(self, path: str) -> None:
        self.removed.add(path)
        self.written.discard(path)

    def remove_tree(self, name: str) -> None:
        self.trees.add(name)

    def target(self, path: str) -> Path:
        target = self.out / pending_name(path)
        self._folder(target)
        self.wrote([path])
        return target

    def files(self, known: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
        top = str(self.out) + os.sep
        waiting = {path: top + pending_name(path) for path in sorted(self.written)}
        for name in _walk(self.out) if known is None else sorted(set(known) - self.written):
            if name in self.removed or name.rpartition("/")[2].startswith(TMP_PREFIX) \
                    or name.split("/", 1)[0] in self.trees:
                continue
            yield name, waiting.pop(name, top + name)
        yield from sorted(waiting.items())

    def commit(self) -> None:
        for path in sorted(self.written):
            os.replace(self.out / pending_name(path), self.out / path)
        for path in sorted(self.removed):
            remove_file(self.out, path)
        for name in sorted(self.trees):
            folder = self.out / name
            if folder.is_symlink():
                folder.unlink()
            elif folder.is_dir():
                shutil.rmtree(folder)

    def abort(self) -> None:
        # Written by workers before a failure the engine never heard of: every pending file goes.
        for folder, _dirs, files in os.walk(self.out):
            for name in files:
                if name.startswith(TMP_PREFIX):
                    remove_file(self.out, os.path.relpath(os.path.join(folder, name), self.out))


class Discard(Publication):
    """Nothing is written: `check` renders everything and keeps nothing."""

    def put(self, path: str, data: bytes) -> None:
        pass

    def remove(self, path: str) -> None:
        pass

    def files(self, known: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
        return iter(())

    def target(self, path: str) -> Path:
        raise RuntimeError("check writes nothing")

    def remove_tree(self, name: str) -> None:
        pass

    def commit(self) -> None:
        pass

    def abort(self) -> None:
        pass
