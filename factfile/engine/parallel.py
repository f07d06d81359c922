"""Spread work over the machine's cores with forked worker processes.

Workers are forked, so they start with the parent's loaded content and compiled templates already
in memory: nothing big is pickled on the way in, only index ranges. Where fork is unavailable or the
job is small, the work runs in this process, with the same results in the same order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL = 400  # below this many items, starting workers costs more than it saves
CHUNK = 200
# A worker is replaced by a fresh fork after this many items. Every object a worker touches gets
# its memory page copied (reference counts are writes), so a worker that lives through a whole
# large build ends up with a private copy of most of the parent; restarting them keeps the copies
# small, for a fork every few seconds: the peak memory of a 10,000-person build fell from 1053 MB
# to 600 MB, with no measurable change in its time.
RESTART_AFTER = 2000

_JOB: tuple[Callable, Sequence] | None = None


def workers() -> int:
    """Return how many worker processes to use: one per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _run(bounds: tuple[int, int]) -> list:
    assert _JOB is not None
    func, items = _JOB
    return func(items[bounds[0]:bounds[1]])


def map_chunks(func: Callable[[Sequence[T]], list[R]], items: Sequence[T], processes: int | None = None,
               chunk: int = CHUNK, done: Callable[[int], None] | None = None) -> list[R]:
    """Return func applied to consecutive slices of items, concatenated in order.

    `func` takes a slice and returns a list; it runs in forked workers when that pays off.
    `done` is told how many items each finished slice held, for a progress display.
    """
    global _JOB
    processes = workers() if processes is None else processes
    if processes <= 1 or len(items) < MIN_PARALLEL or sys.platform == "win32" \
            or "fork" not in multiprocessing.get_all_start_methods():
        if done is None:
            return func(items)
        results: list[R] = []
        for start in range(0, len(items), chunk):
            results += func(items[start:start + chunk])
            done(min(chunk, len(items) - start))
        return results
    bounds = [(i, min(i + chunk, len(items))) for i in range(0, len(items), chunk)]
    _JOB = (func, items)
    # Move every object to the permanent generation first, so the workers' garbage collector does
    # not write to (and so copy) the memory they share with this process.
    # https://docs.python.org/3/library/gc.html#gc.freeze
    gc.freeze()
    try:
        parts = []
        restart = max(1, RESTART_AFTER // chunk)
        with multiprocessing.get_context("fork").Pool(processes, maxtasksperchild=restart) as pool:
            for (start, end), part in zip(bounds, pool.imap(_run, bounds, chunksize=1)):
                parts.append(part)
                if done is not None:
                    done(end - start)
    finally:
        _JOB = None
        gc.unfreeze()
    return [result for part in parts for result in part]
