"""Work spread over forked workers comes back complete and in order, and workers are replaced."""

from __future__ import annotations

import os

import pytest

from factfile.engine import parallel


def _square_with_pid(items):
    return [(item * item, os.getpid()) for item in items]


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_results_keep_their_order_and_long_jobs_get_fresh_workers() -> None:
    items = list(range(3 * parallel.RESTART_AFTER + 123))  # an uneven last slice
    seen: list[int] = []
    results = parallel.map_chunks(_square_with_pid, items, processes=2, done=seen.append)
    assert [value for value, _ in results] == [item * item for item in items]
    assert sum(seen) == len(items)
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids, "the work ran in forked workers"
    # Two workers living through the whole job would be two pids; replaced ones are more.
    assert len(pids) >= 3


def test_small_jobs_run_here() -> None:
    results = parallel.map_chunks(_square_with_pid, [1, 2, 3], processes=2)
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
