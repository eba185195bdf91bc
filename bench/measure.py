"""Timing and memory helpers for the benchmark: medians of repetitions, process trees."""

from __future__ import annotations

import contextlib
import os
import resource
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any


def per_item_seconds(
    work: Callable[[Any], object], items: Sequence[Any], repeats: int, rounds: int
) -> list[float]:
    """Seconds per item for each repetition; each repetition runs `rounds` passes over `items`."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(rounds):
            for item in items:
                work(item)
        samples.append((time.perf_counter() - start) / (rounds * len(items)))
    return samples


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def spread(samples: Sequence[float]) -> float:
    """Half the range of the samples relative to their median: a rough noise figure."""
    middle = statistics.median(samples)
    return (max(samples) - min(samples)) / 2 / middle if middle else 0.0


@dataclass
class ProcessRun:
    seconds: float
    returncode: int
    peak_tree_rss: int
    """Largest sum of resident memory over the process and its children, in bytes (sampled)."""
    peak_process_rss: int
    """Largest high-water mark (VmHWM) of any single process in the tree, in bytes."""
    cpu_seconds: float = 0.0
    """CPU time (user and system) of the whole tree, from the kernel's accounting of
    the children waited for (``getrusage``)."""
    main_cpu_seconds: float = 0.0
    """CPU time of the process itself, as last sampled (``/proc/<pid>/stat``) before it
    exited: at most one sampling interval short. The rest of ``cpu_seconds`` is its
    children's (batch workers)."""


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds of one process so far, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime


def _status_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_process(
    argv: Sequence[str],
    *,
    stdin: IO[bytes] | int | None = None,
    feed: Callable[[IO[bytes]], None] | None = None,
    sample_every: float = 0.05,
    env: dict[str, str] | None = None,
) -> ProcessRun:
    """Run `argv` to the end, output discarded, sampling the memory of its process tree.

    With `feed`, the process reads standard input from a pipe that `feed`
    writes on a thread (a portfolio streamed in without a file on disk).
    """
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE if feed else stdin,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    writer = None
    if feed is not None:
        assert process.stdin is not None
        pipe = process.stdin

        def write() -> None:
            try:
                feed(pipe)
            except BrokenPipeError:
                pass
            finally:
                with contextlib.suppress(BrokenPipeError):
                    pipe.close()

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
    errors: list[bytes] = []
    reader = threading.Thread(
        target=lambda: errors.append(process.stderr.read() if process.stderr else b""),
        daemon=True,
    )
    reader.start()
    peak_tree = 0
    peak_process: dict[int, int] = {}
    main_cpu = 0.0
    while process.poll() is None:
        main_cpu = _cpu_seconds(process.pid) or main_cpu
        tree = [process.pid]
        index = 0
        while index < len(tree):
            tree += _children(tree[index])
            index += 1
        total = 0
        for pid in tree:
            total += _status_kb(pid, "VmRSS:")
            peak_process[pid] = max(peak_process.get(pid, 0), _status_kb(pid, "VmHWM:"))
        peak_tree = max(peak_tree, total)
        time.sleep(sample_every)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if writer is not None:
        writer.join()
    reader.join()
    if process.returncode not in (0, 1):
        message = b"".join(errors).decode(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}: {message}")
    return ProcessRun(
        seconds,
        process.returncode,
        peak_tree * 1024,
        max(peak_process.values(), default=0) * 1024,
        cpu,
        main_cpu,
    )
