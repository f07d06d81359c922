"""Time commands and sample the memory of a process and all its children."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    seconds: float
    peak_rss: int  # bytes: the largest sum of resident memory over the process tree
    peak_pss: int  # bytes: the same, counting pages shared between forked workers once
    code: int
    output: str


def _children(pid: int) -> list[int]:
    found = [pid]
    for index in range(len(found) + 1000):
        if index >= len(found):
            break
        try:
            with open(f"/proc/{found[index]}/task/{found[index]}/children") as file:
                found += [int(p) for p in file.read().split()]
        except OSError:
            continue
    return found


def _memory(pid: int) -> tuple[int, int]:
    rss = pss = 0
    for child in _children(pid):
        try:
            with open(f"/proc/{child}/smaps_rollup") as file:
                for line in file:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return rss, pss


def run(command: list[str], cwd: Path | None = None, env: dict | None = None) -> Measured:
    """Run a command to its end; return its wall time and peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, **(env or {})})
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = _memory(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return Measured(seconds, peak[0], peak[1], process.returncode, output.decode("utf-8", "replace"))
