"""IMP001: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.checks.dates import add_business_days
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.improvement.helpers import base, missing_data, nothing_to_judge


def _healthy_year(builder: StateBuilder, slips: int) -> StateBuilder:
    """`slips` slip-ups a month apart, each with its cause found two business days later."""
    for n in range(slips):
        opened = dt.date(2025, 1 + n, 6)
        found = add_business_days(opened, 2)
        builder.issue(f"I-{n}", opened, root_cause="Found", root_cause_date=found)
    return builder


def test_imp001_passes_when_each_root_cause_is_found_within_five_business_days(
    assess: Callable[..., Finding],
) -> None:
    # Monday 2 June to Monday 9 June is exactly 5 business days.
    state = (
        base()
        .issue("I-1", "2025-06-02", root_cause="Vague spec", root_cause_date="2025-06-09")
        .issue("I-2", "2025-07-01", root_cause="Slow feedback", root_cause_date="2025-07-02")
    )
    f = assess(state, "IMP001")
    assert f.status is Status.PASSED
    assert f.value == 1.0
    assert f.evidence == ["/improvement/issues/0", "/improvement/issues/1"]
    assert "100% of 2 slip-ups" in f.message
    assert f.strength is not None and f.strength.startswith("100% of the 2 slip-ups")


def test_imp001_fails_on_a_late_missing_or_undated_root_cause(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-06-02", root_cause="Vague spec", root_cause_date="2025-06-10")
        .issue("I-2", "2025-07-01")
        .issue("I-3", "2025-08-01", root_cause="Undated cause")
        .issue("I-4", "2025-09-01", root_cause="Quick", root_cause_date="2025-09-02")
    )
    f = assess(state, "IMP001")
    assert f.status is Status.FAILED
    assert f.value == 0.25
    assert f.evidence == [
        "/improvement/issues/0",
        "/improvement/issues/1",
        "/improvement/issues/2",
    ]
    # The message tells a cause still missing from one found late.
    assert "3 of 4 slip-ups" in f.message
    assert "Still without a cause: I-2." in f.message
    assert "Found late or undated: I-1, I-3." in f.message
    assert f.score == 0.0  # 25% is below the poor point of 50%
    assert f.severity.value == "medium"


def test_imp001_recommendation_starts_with_a_complete_action(
    assess: Callable[..., Finding],
) -> None:
    state = base().issue("I-1", "2025-06-02").issue("I-2", "2025-07-01")
    f = assess(state, "IMP001")
    assert f.recommendation is not None
    first = f.recommendation.split(". ")[0]
    assert first.startswith("Review every new slip-up jointly within 5 business days")
    assert "Still without a cause: I-1, I-2." in f.recommendation


def test_imp001_one_cause_a_day_late_in_a_healthy_year_is_a_small_low_finding(
    assess: Callable[..., Finding],
) -> None:
    state = _healthy_year(base(), 10)
    state.issue("I-late", "2025-11-03", root_cause="Late", root_cause_date="2025-11-11")
    f = assess(state, "IMP001")
    assert f.status is Status.FAILED
    assert f.value == 0.909
    assert f.severity.value == "low"
    assert f.score is not None and f.score > 0.8
    assert f.evidence == ["/improvement/issues/10"]
    assert "Still without a cause: none." in f.message


def test_imp001_most_causes_missing_is_medium(assess: Callable[..., Finding]) -> None:
    state = _healthy_year(base(), 2)
    for n in range(4):
        state.issue(f"X-{n}", f"2025-0{6 + n}-02")
    f = assess(state, "IMP001")
    assert f.status is Status.FAILED
    assert f.severity.value == "medium"


def test_imp001_has_nothing_to_judge_while_slip_ups_are_within_their_allowance(
    assess: Callable[..., Finding],
) -> None:
    # Opened Wednesday 31 Dec 2025, assessed Monday 5 Jan 2026: 3 business days in.
    state = base().issue("I-1", "2025-12-31").issue("I-2", "2026-02-01")
    f = assess(state, "IMP001")
    assert nothing_to_judge(f)
    assert "older than 5 business days" in f.message
    # A log with no slip-up at all is no strength either: nothing to judge.
    assert nothing_to_judge(assess(base().recorded("issues"), "IMP001"))


def test_imp001_root_cause_found_after_as_of_is_not_yet_known(
    assess: Callable[..., Finding],
) -> None:
    state = base(as_of="2025-06-04").issue(
        "I-1", "2025-06-02", root_cause="Later", root_cause_date="2025-06-05"
    )
    # As of 4 June the issue is 2 business days old and its cause lies in the future.
    assert nothing_to_judge(assess(state, "IMP001"))


def test_imp001_not_applicable_when_issues_are_not_recorded(
    assess: Callable[..., Finding],
) -> None:
    f = assess(base().recorded("retrospectives"), "IMP001")
    assert missing_data(f)
    assert "improvement.issues" in f.message
