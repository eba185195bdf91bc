"""A plugin whose check misbehaves on purpose, chosen by the partnership id's prefix.

Loaded into batch workers with ``BatchSettings(plugins=[__name__])``:

- ``crash-exit-``: the process exits at once (``os._exit(3)``);
- ``crash-kill-``: the process kills itself with SIGKILL;
- ``crash-segv-``: the process reads address 0 (a real segmentation fault);
- ``crash-once-``: the process exits the first time it meets this id (a marker
  file in ``$FOUNDATION_ENGINE_TEST_MARKERS`` remembers), and passes after;
- ``loop-``: loops forever in Python (stopped by the rule time budget);
- ``stuck-``: loops forever with SIGALRM blocked, as a check stuck in C code
  would be (only the batch's per-record limit stops it);
- ``hog-``: allocates until memory runs out (at most 4 GiB);
- anything else: passes.
"""

from __future__ import annotations

import ctypes
import faulthandler
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from foundation_engine import hookimpl
from foundation_engine.checks import CheckContext, Outcome, check
from foundation_engine.state.model import PartnershipState

MARKERS_ENV = "FOUNDATION_ENGINE_TEST_MARKERS"


@check("faults.misbehave")
def misbehave(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    pid = state.partnership.id
    if pid.startswith("crash-exit-"):
        os._exit(3)
    if pid.startswith("crash-kill-"):
        os.kill(os.getpid(), signal.SIGKILL)
    if pid.startswith("crash-segv-"):
        faulthandler.disable()
        ctypes.string_at(0)
    if pid.startswith("crash-once-"):
        marker = Path(os.environ[MARKERS_ENV]) / pid
        if not marker.exists():
            marker.touch()
            os._exit(4)
    if pid.startswith("loop-"):
        while True:
            pass
    if pid.startswith("stuck-"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            pass
    if pid.startswith("hog-"):
        blocks = [bytearray(64 << 20) for _ in range(64)]
        return Outcome.passed(len(blocks))
    return Outcome.passed(1)


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    register(misbehave)


@hookimpl
def register_rule_paths(register: Callable[..., None]) -> None:
    register(Path(__file__).parent / "rules")
