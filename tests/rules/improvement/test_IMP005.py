"""IMP005: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.improvement.helpers import base, missing_data, nothing_to_judge


def test_imp005_passes_when_causes_recur_only_after_90_days(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-02-03", root_cause_category="slow-feedback")
        .issue("I-2", "2025-06-02", root_cause_category="slow-feedback")
        .issue("I-3", "2025-06-10", root_cause_category="vague-spec")
    )
    f = assess(state, "IMP005")
    assert f.status is Status.PASSED
    assert f.value == 0
    # Each slip-up has had its full 90 days: they are the evidence that fixes held.
    assert f.evidence == [f"/improvement/issues/{i}" for i in range(3)]
    assert f.strength is not None and "none of the 3 slip-ups" in f.strength


def test_imp005_with_no_slip_up_yet_has_nothing_to_judge_and_claims_no_strength(
    assess: Callable[..., Finding],
) -> None:
    # It used to pass and say that fixes were holding, with no fix to hold.
    f = assess(base().recorded("issues"), "IMP005")
    assert nothing_to_judge(f)
    assert "fixes are holding" not in f.message


def test_imp005_has_nothing_to_judge_until_a_fix_has_had_90_days(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-11-03", root_cause_category="slow-feedback")
        .issue("I-2", "2025-12-01", root_cause_category="vague-spec")
    )
    f = assess(state, "IMP005")
    assert nothing_to_judge(f)
    assert "90 days old" in f.message


def test_imp005_fails_high_on_a_single_cause_that_returns_within_90_days(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-03-03", root_cause_category="Slow-Feedback")
        .issue("I-2", "2025-07-01", root_cause_category="vague-spec")
        .issue("I-3", "2025-05-20", root_cause_category="slow-feedback ")
    )
    f = assess(state, "IMP005")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/improvement/issues/0", "/improvement/issues/2"]
    assert "Slow-Feedback" in f.message
    # A red flag however few times it happens: no softer band.
    assert f.severity.value == "high"
    assert f.score is not None and f.score > 0.5
    assert f.recommendation is not None
    assert f.recommendation.startswith("Hold a joint review of each cause that came back")


def test_imp005_names_the_side_the_recurring_cause_lies_on(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-03-03", root_cause_category="late-approval", root_cause_side="client")
        .issue("I-2", "2025-04-14", root_cause_category="late-approval", root_cause_side="client")
        .issue("I-3", "2025-04-20", root_cause_category="sourcing", root_cause_side="provider")
    )
    f = assess(state, "IMP005")
    assert f.status is Status.FAILED
    assert f.owner.value == "client"
    assert f.recommendation is not None and f.recommendation.startswith("Have the client's")
    # A recurring cause attributed on both sides is both parties' to fix.
    state.issue("I-4", "2025-05-01", root_cause_category="sourcing", root_cause_side="provider")
    assert assess(state, "IMP005").owner.value == "both"


def test_imp005_judges_recurrences_of_the_last_year_only(assess: Callable[..., Finding]) -> None:
    # A cause came back in 2024 and has not since; this year's slip-ups held.
    state = (
        base(start="2024-01-08")
        .issue("I-1", "2024-03-04", root_cause_category="slow-feedback")
        .issue("I-2", "2024-04-15", root_cause_category="slow-feedback")
        .issue("I-3", "2025-03-03", root_cause_category="slow-feedback")
    )
    f = assess(state, "IMP005")
    assert f.status is Status.PASSED
    assert f.evidence == ["/improvement/issues/2"]


def test_imp005_not_applicable_without_categories(assess: Callable[..., Finding]) -> None:
    f = assess(base().issue("I-1", "2025-03-03").issue("I-2", "2025-03-10"), "IMP005")
    assert missing_data(f)
    assert "root_cause_category" in f.message
    assert missing_data(assess(base(), "IMP005"))
