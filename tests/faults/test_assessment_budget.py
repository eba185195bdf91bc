"""An assessment has a budget of its own, in assess and library calls as in batch."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from foundation_engine import Outcome, check, hookimpl
from foundation_engine.checks.outcome import Status
from foundation_engine.core.budget import assessment_budget, rule_budget
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.errors import LimitExceeded
from foundation_engine.files.limits import Limits
from foundation_engine.testing.builder import StateBuilder
from tests.rulekit import RuleFolder, rule

from ..conftest import GENERIC, finding


@check("tst_loop")
def loop(state: Any, options: Any, context: Any) -> Outcome:
    while True:
        pass


@check("tst_hoard")
def hoard(state: Any, options: Any, context: Any) -> Outcome:
    kept = []
    for _ in range(64):  # 4 GiB at most, touched so that it is resident
        block = bytearray(64 << 20)
        block[::4096] = b"x" * len(range(0, 64 << 20, 4096))
        kept.append(block)
    return Outcome.passed(len(kept))


@check("tst_fine")
def fine(state: Any, options: Any, context: Any) -> Outcome:
    return Outcome.passed(1)


class Plugin:
    __name__ = "budget-plugin"

    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        for function in (loop, hoard, fine):
            register(function)


def _engine(tmp_path: Path, limits: Limits, *checks: str) -> Engine:
    rules = [rule(f"TST00{i + 1}", name) for i, name in enumerate(checks)]
    folder = RuleFolder(tmp_path / "rules", rules)
    config = EngineConfig(limits=limits)
    return Engine(config, builtins=GENERIC, plugins=[Plugin(), folder], entrypoints=False)


def test_a_looping_check_stops_the_assessment_at_its_time_budget(tmp_path: Path) -> None:
    engine = _engine(tmp_path, Limits(assessment_seconds=0.3), "tst_fine", "tst_loop")
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as caught:
        engine.assess(StateBuilder().build())
    assert time.monotonic() - started < 2
    assert str(caught.value) == (
        "the assessment ran past its time budget of 0.3 s (limits.assessment_seconds) "
        "and was stopped"
    )


def test_a_check_that_hoards_memory_stops_the_assessment(tmp_path: Path) -> None:
    limits = Limits(assessment_memory_mb=256, assessment_seconds=30)
    engine = _engine(tmp_path, limits, "tst_hoard")
    with pytest.raises(LimitExceeded) as caught:
        engine.assess(StateBuilder().build())
    assert str(caught.value) == (
        "the assessment's rules grew the process's memory by more than 256 MiB "
        "(limits.assessment_memory_mb) and were stopped"
    )


def test_a_rule_budget_inside_the_assessment_budget_costs_its_rule_only(tmp_path: Path) -> None:
    limits = Limits(assessment_seconds=30, rule_seconds=0.2)
    report = _engine(tmp_path, limits, "tst_loop", "tst_fine").assess(StateBuilder().build())
    assert finding(report, "TST001").status is Status.ERROR
    assert "time budget of 0.2 s (limits.rule_seconds)" in finding(report, "TST001").message
    assert finding(report, "TST002").status is Status.PASSED


def test_the_budgets_are_on_by_default_and_leave_nothing_armed(tmp_path: Path) -> None:
    assert Limits().assessment_seconds == 60
    assert Limits().assessment_memory_mb == 1024
    handler = signal.getsignal(signal.SIGALRM)
    report = _engine(tmp_path, Limits(), "tst_fine").assess(StateBuilder().build())
    assert finding(report, "TST001").status is Status.PASSED
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_outer_alarm_survives_an_assessment_budget() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with assessment_budget(5, 100), rule_budget(1):
            time.sleep(0.12)  # two ticks
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < left <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_a_rule_budget_inside_an_assessment_budget_only_sets_a_deadline() -> None:
    with assessment_budget(5):
        started = time.perf_counter()
        for _ in range(10_000):
            with rule_budget(1):
                pass
        per_rule = (time.perf_counter() - started) / 10_000
    assert per_rule < 20e-6  # a lone rule budget makes four system calls per rule


def test_the_command_line_reports_an_overrun_in_one_line_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from foundation_engine.cli import main
    from foundation_engine.core import engine as engine_module

    real = engine_module.Engine
    folder = RuleFolder(tmp_path / "rules", [rule("TST001", "tst_loop")])

    def with_loop(config: EngineConfig | None = None, **kwargs: Any) -> Engine:
        builtins = [*GENERIC, "foundation_engine.writers.text_report"]
        return real(config, builtins=builtins, plugins=[Plugin(), folder], entrypoints=False)

    monkeypatch.setattr(engine_module, "Engine", with_loop)
    monkeypatch.chdir(tmp_path)
    Path("foundation.toml").write_text("[limits]\nassessment_seconds = 0.2\n")
    Path("state.json").write_text(StateBuilder().build().model_dump_json())
    assert main(["assess", "state.json"]) == 2
    assert capsys.readouterr().err == (
        "error: the assessment ran past its time budget of 0.2 s (limits.assessment_seconds) "
        "and was stopped\n"
    )
