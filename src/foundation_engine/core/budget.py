"""Budgets for an assessment and for each rule's check: a runaway is stopped, not waited for.

Two budgets, one timer. :func:`assessment_budget` bounds the rules of one
assessment in wall time (``limits.assessment_seconds``) and in the growth of
the process's resident memory (``limits.assessment_memory_mb``); past either,
the assessment stops with a :class:`~foundation_engine.errors.LimitExceeded`
(one error line, exit code 2; an error record in a batch), so no state and no
rule pack can hang ``assess`` or fill the machine. :func:`rule_budget` bounds
one rule's check (``limits.rule_seconds``); past it, the engine turns the
check's :class:`BudgetExceeded` into an ``error`` finding naming the plugin,
the rule and the budget, and carries on with the next rule.

Inside an assessment budget a real-time interval timer (``setitimer``) ticks
every :data:`TICK_SECONDS`; the ``SIGALRM`` handler compares the clock with
the deadlines (and, from the first tick on, the resident memory with its
allowance) and raises inside whatever is running. A rule budget then only
sets a deadline, which costs a fraction of a microsecond per rule; on its own
(a library call without an assessment budget) it arms the timer itself. If a
check swallows the exception and keeps going, the next tick raises it again.

:class:`BudgetExceeded` and :class:`AssessmentOverrun` derive from
:class:`BaseException`, like :class:`KeyboardInterrupt`, so that a check's own
``except Exception`` does not catch them.

What the budgets cannot do:

- Interrupt code stuck inside one C call that never returns to the
  interpreter (a long native call; ``json.dumps`` of a huge value): Python
  runs signal handlers only between bytecodes, so the work is stopped when the
  call returns. Rule packs cannot reach such calls with large inputs (their
  expressions and schemas are bounded when loaded, and their evaluation by a
  work budget; see :mod:`foundation_engine.checks.selection`), and batch
  workers have a second line of defence: an address-space cap
  (``limits.worker_memory_mb``) and a per-record limit
  (``limits.record_seconds``) enforced from outside.
- Memory is sampled, not capped: an allocation made between two ticks is seen
  at the next one. Only a batch worker's address-space cap is a hard bound.
- Work outside the main thread, or where ``setitimer`` does not exist
  (Windows): there an assessment runs without either budget.

The previous ``SIGALRM`` handler is restored afterwards, and a timer that was
already running (an outer alarm of the embedding program) is put back with
the time it had left.
"""

from __future__ import annotations

import math
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from types import FrameType
from typing import Any

from foundation_engine.errors import LimitExceeded, Problem

TICK_SECONDS = 0.05
"""How often the timer looks at the clock and the memory while an assessment runs."""
REPEAT_SECONDS = 0.1
"""After a lone rule budget runs out, how often the stop is raised again in a check that
ignores it."""


class BudgetExceeded(BaseException):
    """A check ran past its time budget (raised inside the check by the timer)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"ran past its time budget of {seconds:g} s")
        self.seconds = seconds


class AssessmentOverrun(BaseException):
    """An assessment's rules ran past its time or memory budget (raised by the timer)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def available() -> bool:
    """True where a budget can be enforced: ``setitimer`` exists and this is the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class _Clock:
    """The deadlines the tick compares with; one per process (budgets run in the main thread)."""

    def __init__(self) -> None:
        self.ticking = False
        self.assessment_deadline = math.inf
        self.assessment_seconds = 0.0
        self.memory_allowance = 0
        self.memory_limit = 0  # bytes; 0 until the first tick measures the baseline
        self.rule_deadline = math.inf
        self.rule_seconds = 0.0

    def tick(self, signum: int, frame: FrameType | None) -> None:
        if not self.ticking:
            return
        now = time.monotonic()
        if now >= self.assessment_deadline:
            raise AssessmentOverrun(
                f"the assessment ran past its time budget of {self.assessment_seconds:g} s "
                "(limits.assessment_seconds) and was stopped"
            )
        if self.memory_allowance:
            resident = resident_bytes()
            if not self.memory_limit:
                self.memory_limit = resident + self.memory_allowance
            elif resident > self.memory_limit:
                raise AssessmentOverrun(
                    "the assessment's rules grew the process's memory by more than "
                    f"{self.memory_allowance >> 20:,} MiB (limits.assessment_memory_mb) and "
                    "were stopped"
                )
        if now >= self.rule_deadline:
            raise BudgetExceeded(self.rule_seconds)


_clock = _Clock()


def resident_bytes() -> int:
    """This process's resident memory in bytes (its peak, where the current size is unknown)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if os.uname().sysname == "Darwin" else peak * 1024


@contextmanager
def assessment_budget(seconds: float | None, memory_mb: int | None = None) -> Iterator[None]:
    """Bound the block (an assessment's rules) to `seconds` and `memory_mb` of growth.

    Past either, the block is stopped and :class:`~foundation_engine.errors.LimitExceeded`
    raised. None or 0 turns a bound off; without either, or where budgets are
    not :func:`available`, or inside another assessment's budget, the block
    runs as it is.
    """
    clock = _clock
    if not (seconds or memory_mb) or clock.ticking or not available():
        yield
        return
    clock.assessment_seconds = seconds or 0.0
    clock.assessment_deadline = time.monotonic() + seconds if seconds else math.inf
    clock.memory_allowance = (memory_mb or 0) << 20
    clock.memory_limit = 0
    clock.rule_deadline = math.inf
    previous = signal.signal(signal.SIGALRM, clock.tick)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, TICK_SECONDS, TICK_SECONDS)
    started = time.monotonic()
    clock.ticking = True
    try:
        yield
    except AssessmentOverrun as exc:
        raise LimitExceeded(Problem(exc.problem)) from None
    finally:
        clock.ticking = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        clock.assessment_deadline = clock.rule_deadline = math.inf
        if outer > 0:
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


_NO_BUDGET = nullcontext()


def rule_budget(seconds: float | None) -> AbstractContextManager[None]:
    """Raise :class:`BudgetExceeded` in the block once it has run `seconds`.

    ``None`` or 0, or a place where budgets are not :func:`available`, runs
    the block without a budget (at no cost). Inside an assessment budget only
    a deadline is set; alone, the timer is armed for the block.
    """
    if not seconds or not available():
        return _NO_BUDGET
    if _clock.ticking:
        return _RuleDeadline(seconds)
    return _LoneBudget(seconds)


class _RuleDeadline:
    """A rule's budget while an assessment budget's timer ticks: a deadline to compare with."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        _clock.rule_seconds = self.seconds
        _clock.rule_deadline = time.monotonic() + self.seconds

    def __exit__(self, *exc: object) -> None:
        _clock.rule_deadline = math.inf


class _LoneBudget:
    """A rule's budget with no assessment budget around it: it arms the timer itself."""

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
        self.previous = signal.signal(signal.SIGALRM, self._expire)
        self.outer, _ = signal.setitimer(signal.ITIMER_REAL, self.seconds, REPEAT_SECONDS)
        if self.outer > 0:
            self.started = time.monotonic()

    def __exit__(self, *exc: object) -> None:
        try:
            self.armed = False
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
            if self.outer > 0:
                left = self.outer - (time.monotonic() - self.started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
