"""A hundred thousand events build within a memory and time bound (the build runs in the background
from the first hardening test on; see conftest.large_build)."""

from __future__ import annotations

import subprocess
import time

import pytest
from harden_tools import LARGE_MEMORY_MB, LargeBuild

pytestmark = pytest.mark.slow

TIME_BOUND = 1200  # seconds from start: generous for a shared 2-core machine, short of a hang


def test_a_hundred_thousand_events_build_within_bounds(large_build: LargeBuild) -> None:
    remaining = TIME_BOUND - (time.monotonic() - large_build.started)
    try:
        code = large_build.process.wait(timeout=max(remaining, 1))
    except subprocess.TimeoutExpired:
        pytest.fail(f"100,000 events did not build in {TIME_BOUND} s")
    err = (large_build.root / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    assert code == 0, f"exit {code} under a {LARGE_MEMORY_MB} MB address-space limit:\n{err[-3000:]}"
    events = large_build.root / "site" / "en" / "events"
    assert sum(1 for _ in events.iterdir()) == 100_000
    print(f"100,000 events: {err.strip().splitlines()[-1]}; "
          f"{time.monotonic() - large_build.started:.0f} s including writing the content")
