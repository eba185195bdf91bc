"""IMP004: its rule file sits in ``rules/improvement/``; its check, shared with URG005, in
``rules/follow_through.py``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.improvement.helpers import base, missing_data, nothing_to_judge


def test_imp004_passes_when_every_action_long_due_is_done(assess: Callable[..., Finding]) -> None:
    state = (
        base()
        .corrective_action("CA-1", "2025-09-01", due="2025-10-01", completed="2025-09-30")
        # Due 10 Dec 2025, assessed 5 Jan 2026: 26 days overdue, inside the 30 allowed.
        .corrective_action("CA-2", "2025-11-01", due="2025-12-10")
    )
    f = assess(state, "IMP004")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert f.evidence == ["/improvement/corrective_actions/0"]
    assert f.strength == (
        "None of the 1 corrective actions due more than 30 days ago is still open."
    )


def test_imp004_has_nothing_to_judge_before_any_action_could_be_that_late(
    assess: Callable[..., Finding],
) -> None:
    # An empty log, or actions due recently, is no sign that actions get finished.
    assert nothing_to_judge(assess(base().recorded("corrective_actions"), "IMP004"))
    recent = base().corrective_action("CA-1", "2025-11-01", due="2025-12-10")
    f = assess(recent, "IMP004")
    assert nothing_to_judge(f)
    assert "due more than 30 days before 2026-01-05" in f.message


def test_imp004_fails_for_an_action_open_more_than_30_days_past_due(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .corrective_action("CA-1", "2025-09-01", due="2025-10-01")
        .corrective_action("CA-2", "2025-09-01", due="2025-10-01", completed="2025-11-20")
        # Completed only after as_of: still open on as_of.
        .corrective_action("CA-3", "2025-09-01", due="2025-11-01", completed="2026-01-20")
    )
    f = assess(state, "IMP004")
    assert f.status is Status.FAILED
    assert f.value == 2
    assert f.evidence == [
        "/improvement/corrective_actions/0",
        "/improvement/corrective_actions/2",
    ]
    assert "2 of the 3 corrective actions" in f.message
    assert "CA-1, CA-3" in f.message and "96 days overdue" in f.message


def test_imp004_one_stalled_action_is_low_and_many_are_medium(
    assess: Callable[..., Finding],
) -> None:
    one = base().corrective_action("CA-1", "2025-09-01", due="2025-10-01")
    assert assess(one, "IMP004").severity.value == "low"
    many = base()
    for n in range(4):
        many.corrective_action(f"CA-{n}", "2025-09-01", due="2025-10-01")
    f = assess(many, "IMP004")
    assert f.severity.value == "medium"
    assert f.score is not None and f.score < 1 / 3


def test_imp004_names_the_party_that_owns_every_stalled_action(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .corrective_action("CA-1", "2025-09-01", "client", due="2025-10-01")
        .corrective_action(
            "CA-2", "2025-09-01", "provider", due="2025-10-01", completed="2025-10-01"
        )
    )
    f = assess(state, "IMP004")
    assert f.owner.value == "client"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Have the client owners of the corrective actions")
    state.corrective_action("CA-3", "2025-09-01", "provider", due="2025-10-01")
    assert assess(state, "IMP004").owner.value == "both"


def test_imp004_not_applicable_without_corrective_actions(assess: Callable[..., Finding]) -> None:
    f = assess(base().issue("I-1", "2025-06-02"), "IMP004")
    assert missing_data(f)
    assert "improvement.corrective_actions" in f.message
