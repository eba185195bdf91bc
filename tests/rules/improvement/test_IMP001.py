"""IMP001: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.improvement.helpers import base


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
    assert "3 of 4 slip-ups" in f.message and "I-1, I-2, I-3" in f.message
    assert f.recommendation is not None and "I-1, I-2, I-3" in f.recommendation
    assert f.score is not None and f.score == 0.0  # 25% is below the poor point of 50%


def test_imp001_ignores_issues_still_within_their_allowance_and_after_as_of(
    assess: Callable[..., Finding],
) -> None:
    # Opened Wednesday 31 Dec 2025, assessed Monday 5 Jan 2026: 3 business days in.
    state = base().issue("I-1", "2025-12-31").issue("I-2", "2026-02-01")
    f = assess(state, "IMP001")
    assert f.status is Status.NOT_APPLICABLE
    assert "older than 5 business days" in f.message


def test_imp001_root_cause_found_after_as_of_is_not_yet_known(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base(as_of="2025-06-20")
        .issue("I-1", "2025-06-02", root_cause="Later", root_cause_date="2025-06-05")
        .set("/partnership/as_of", "2025-06-04")
    )
    # As of 4 June the issue is 2 business days old and its cause lies in the future.
    f = assess(state, "IMP001")
    assert f.status is Status.NOT_APPLICABLE


def test_imp001_not_applicable_when_issues_are_not_recorded(
    assess: Callable[..., Finding],
) -> None:
    f = assess(base().recorded("retrospectives"), "IMP001")
    assert f.status is Status.NOT_APPLICABLE
    assert "improvement.issues" in f.message
