"""A time budget for one rule's check: a runaway check is stopped, not waited for.

:func:`rule_budget` arms a real-time interval timer (``setitimer``) around a
check. When the budget runs out, the ``SIGALRM`` handler raises
:class:`BudgetExceeded` inside the check, wherever it is looping; the engine
turns that into an ``error`` finding naming the plugin, the rule and the
budget, and carries on with the next rule. If the check swallows the
exception and keeps going, it is raised again every
:data:`REPEAT_SECONDS` until the check gives up.

:class:`BudgetExceeded` derives from :class:`BaseException`, like
:class:`KeyboardInterrupt`, so that a check's own ``except Exception`` does
not catch it.

What a budget cannot do:

- Interrupt a check stuck inside C code that never returns to the
  interpreter (a long native call, a regular expression engine without a
  time bound): Python runs signal handlers only between bytecodes, so the
  check is stopped when the call returns. Batch workers have a second line of
  defence for this: a worker that spends longer than ``limits.record_seconds``
  on one record is stopped from outside.
- Work outside the main thread, or where ``setitimer`` does not exist
  (Windows): there the check runs without a budget.

The previous ``SIGALRM`` handler is restored after every check, and a timer
that was already running (an outer alarm of the embedding program) is put
back with the time it had left.
"""

from __future__ import annotations

import importlib
import signal
import threading
import time
from contextlib import AbstractContextManager, nullcontext
from types import FrameType
from typing import Any

_signals: Any
try:  # the C functions behind signal.signal and signal.setitimer (no stubs)
    _signals = importlib.import_module("_signal")
except ImportError:  # another Python implementation
    _signals = signal

REPEAT_SECONDS = 0.1
"""After the budget runs out, how often the stop is raised again in a check that ignores it."""


class BudgetExceeded(BaseException):
    """A check ran past its time budget (raised inside the check by the timer)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"ran past its time budget of {seconds:g} s")
        self.seconds = seconds


def available() -> bool:
    """True where a budget can be enforced: ``setitimer`` exists and this is the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


_NO_BUDGET = nullcontext()


def rule_budget(seconds: float | None) -> AbstractContextManager[None]:
    """Raise :class:`BudgetExceeded` in the block once it has run `seconds`.

    ``None`` or 0, or a place where budgets are not :func:`available`, runs
    the block without a budget (at no cost).
    """
    if not seconds or not available():
        return _NO_BUDGET
    return _Budget(seconds)


class _Budget:
    """One armed budget. It runs once per rule, so it calls the C functions of
    :mod:`signal` directly: the module's wrappers cost several times as much."""

    __slots__ = ("armed", "outer", "previous", "seconds", "started")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False
        self.previous: Any = None
        self.outer = 0.0
        self.started = 0.0

    def _expire(self, signum: int, frame: FrameType | None) -> None:
        if self.armed:
            raise BudgetExceeded(self.seconds)

    def __enter__(self) -> None:
        self.armed = True
        self.previous = _signals.signal(signal.SIGALRM, self._expire)
        self.outer, _ = _signals.setitimer(signal.ITIMER_REAL, self.seconds, REPEAT_SECONDS)
        if self.outer > 0:
            self.started = time.monotonic()

    def __exit__(self, *exc: object) -> None:
        try:
            self.armed = False
        finally:
            _signals.setitimer(signal.ITIMER_REAL, 0)
            _signals.signal(signal.SIGALRM, self.previous)
            if self.outer > 0:
                left = self.outer - (time.monotonic() - self.started)
                _signals.setitimer(signal.ITIMER_REAL, max(left, 0.001))
