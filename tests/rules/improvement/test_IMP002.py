"""IMP002: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.improvement.helpers import base, missing_data, nothing_to_judge


def test_imp002_passes_when_each_slip_up_gets_an_action_in_time(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-06-02")
        .corrective_action("CA-1", "2025-06-09", issue_id="I-1")
        .corrective_action("CA-2", "2025-06-20", issue_id="I-1")
    )
    f = assess(state, "IMP002")
    assert f.status is Status.PASSED
    assert f.value == 1.0
    assert f.evidence == ["/improvement/issues/0"]


def test_imp002_fails_when_the_first_action_comes_late_or_never(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-06-02")
        .issue("I-2", "2025-07-01")
        .issue("I-3", "2025-08-04")
        .corrective_action("CA-1", "2025-06-10", issue_id="I-1")
        .corrective_action("CA-3", "2025-08-05", issue_id="I-3")
    )
    f = assess(state, "IMP002")
    assert f.status is Status.FAILED
    assert f.value == pytest.approx(0.333)
    assert f.evidence == ["/improvement/issues/0", "/improvement/issues/1"]
    assert "Still without an action: I-2." in f.message
    assert "Action opened late: I-1." in f.message and "expected 100%" in f.message
    assert f.severity.value == "medium"


def test_imp002_one_action_a_day_late_among_ten_is_low(assess: Callable[..., Finding]) -> None:
    state = base()
    for n in range(10):
        opened = dt.date(2025, 1 + n, 6)  # each acted on the day it was logged
        state.issue(f"I-{n}", opened)
        state.corrective_action(f"CA-{n}", opened, issue_id=f"I-{n}")
    # Monday 3 November to Tuesday 11 November: six business days.
    state.issue("I-late", "2025-11-03").corrective_action(
        "CA-late", "2025-11-11", issue_id="I-late"
    )
    f = assess(state, "IMP002")
    assert f.status is Status.FAILED
    assert f.severity.value == "low"
    assert f.evidence == ["/improvement/issues/10"]


def test_imp002_has_nothing_to_judge_without_slip_ups_old_enough(
    assess: Callable[..., Finding],
) -> None:
    state = base().recorded("corrective_actions").issue("I-1", "2026-01-02")
    assert nothing_to_judge(assess(state, "IMP002"))


def test_imp002_not_applicable_without_corrective_actions_recorded(
    assess: Callable[..., Finding],
) -> None:
    f = assess(base().issue("I-1", "2025-06-02"), "IMP002")
    assert missing_data(f)
    assert "corrective_actions" in f.message
