"""Time the phases of a build, and show them on a terminal while they run.

On a TTY the build draws one line that it keeps rewriting ("rendering 5,200/120,337 pages"); when
stderr is a file or a pipe it draws nothing. `build --timings` prints how long each phase took.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

REDRAW = 0.1  # seconds between redraws of the progress line


class Phases:
    """The phases of one build, timed; drawn on `stream` when it is a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None and stream.isatty() else None
        self.times: list[tuple[str, float]] = []
        self.name = ""
        self.total = 0
        self.count = 0
        self.started = 0.0
        self.drawn = 0.0
        self.shown = False

    @contextmanager
    def phase(self, name: str, total: int = 0) -> Iterator[Phases]:
        """Time a phase named for the reader ("rendering"), of `total` items when countable."""
        self.name, self.total, self.count = name, total, 0
        self.started = time.perf_counter()
        self._draw(force=True)
        try:
            yield self
        finally:
            self.times.append((name, time.perf_counter() - self.started))

    def advance(self, count: int) -> None:
        """Count items of the running phase as done."""
        self.count += count
        self._draw()

    def _draw(self, force: bool = False) -> None:
        if self.stream is None:
            return
        now = time.perf_counter()
        if not force and now - self.drawn < REDRAW and self.count < self.total:
            return
        self.drawn = now
        if self.total:
            text = f"{self.name} {self.count:,}/{self.total:,} pages"
        else:
            text = f"{self.name}…"
        self.stream.write(f"\r\033[K{text}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Remove the progress line before the summary is printed."""
        if self.shown and self.stream is not None:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False

    def summary(self) -> str:
        """Return each phase with its time, in the order they ran."""
        return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.times)
