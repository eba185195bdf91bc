"""A check that loops forever costs its own rule: it is stopped at its time budget."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from foundation_engine import Outcome, check, hookimpl
from foundation_engine.checks.outcome import Status
from foundation_engine.core.budget import BudgetExceeded, available, rule_budget
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.files.limits import Limits
from foundation_engine.testing.builder import StateBuilder
from tests.rulekit import RuleFolder, rule

from ..conftest import GENERIC, finding


@check("tst_forever")
def forever(state: Any, options: Any, context: Any) -> Outcome:
    while True:
        pass


@check("tst_stubborn")
def stubborn(state: Any, options: Any, context: Any) -> Outcome:
    """Swallows the first stops, as a check with a careless ``except BaseException`` would."""
    swallowed = 0
    while True:
        try:
            while True:
                pass
        except BaseException:
            swallowed += 1
            if swallowed > 3:
                raise


@check("tst_quick")
def quick(state: Any, options: Any, context: Any) -> Outcome:
    return Outcome.passed(1)


class Runaway:
    __name__ = "runaway-plugin"

    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        for function in (forever, stubborn, quick):
            register(function)


def _engine(tmp_path: Path, seconds: float | None, *checks: str) -> Engine:
    rules = [rule(f"TST00{i + 1}", name) for i, name in enumerate(checks)]
    folder = RuleFolder(tmp_path / "rules", rules)
    config = EngineConfig(limits=Limits(rule_seconds=seconds))
    return Engine(config, builtins=GENERIC, plugins=[Runaway(), folder], entrypoints=False)


def test_a_check_that_loops_forever_becomes_an_error_finding(tmp_path: Path) -> None:
    engine = _engine(tmp_path, 0.2, "tst_forever", "tst_quick")
    report = engine.assess(StateBuilder().build())
    stopped = finding(report, "TST001")
    assert stopped.status is Status.ERROR
    assert stopped.message == (
        "Rule TST001 could not run: check 'tst_forever' from plugin 'runaway-plugin' ran past "
        "its time budget of 0.2 s (limits.rule_seconds) and was stopped"
    )
    assert finding(report, "TST002").status is Status.PASSED


def test_a_check_that_swallows_the_stop_is_stopped_again(tmp_path: Path) -> None:
    engine = _engine(tmp_path, 0.1, "tst_stubborn", "tst_quick")
    report = engine.assess(StateBuilder().build())
    assert finding(report, "TST001").status is Status.ERROR
    assert "time budget of 0.1 s" in finding(report, "TST001").message
    assert finding(report, "TST002").status is Status.PASSED


def test_without_a_budget_nothing_is_armed(tmp_path: Path) -> None:
    engine = _engine(tmp_path, None, "tst_quick")
    handler = signal.getsignal(signal.SIGALRM)
    assert finding(engine.assess(StateBuilder().build()), "TST001").status is Status.PASSED
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_previous_handler_and_an_outer_alarm_are_put_back() -> None:
    fired: list[int] = []

    def outer(signum: int, frame: object) -> None:
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with rule_budget(5):
            pass
        assert signal.getsignal(signal.SIGALRM) is outer
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 20 < left <= 30
        with pytest.raises(BudgetExceeded), rule_budget(0.05):
            time.sleep(5)
        assert signal.getsignal(signal.SIGALRM) is outer
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_outside_the_main_thread_the_check_runs_without_a_budget() -> None:
    seen: list[bool] = []

    def worker() -> None:
        seen.append(available())
        with rule_budget(0.01):
            time.sleep(0.05)  # not stopped: no timer outside the main thread

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [False]
    assert available()
