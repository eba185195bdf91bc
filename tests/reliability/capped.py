"""Running the command line as a hostile sender's victim would: in a process with a memory cap.

A reproducer must end within seconds, under a 2 GiB address-space cap, with a
clean result or a one-line error and exit code 2: never a traceback, a
``MemoryError`` or a hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: The memory a reproducer may use, as the issue states it.
MEMORY_CAP = 2 << 30


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error: ")]


def _cap_memory() -> None:  # runs in the child, before the engine starts
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(
    argv: Sequence[str],
    cwd: Path | str | None = None,
    *,
    timeout: float = 60,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """``foundation-engine ARGV`` in a fresh process capped at :data:`MEMORY_CAP`."""
    environment = {
        "FOUNDATION_ENGINE_LOAD_PLUGINS": "",
        "PATH": os.environ.get("PATH", ""),
        "PYTHONUTF8": "1",
        **(env or {}),
    }
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "foundation_engine", *argv],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=environment,
        preexec_fn=_cap_memory,
    )
    return Run(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        time.monotonic() - started,
    )


def assert_refused_cleanly(run: Run, *, most_seconds: float = 10, most_lines: int = 60) -> None:
    """Exit 2, a few ``error:`` lines, no traceback, in reasonable time."""
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "MemoryError" not in run.stderr, run.stderr[-2000:]
    assert run.code == 2, (run.code, run.stderr[-2000:])
    assert run.error_lines(), run.stderr[-2000:]
    assert len(run.stderr.splitlines()) <= most_lines, len(run.stderr.splitlines())
    assert run.seconds < most_seconds, run.seconds
