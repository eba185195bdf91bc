"""IMP003: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding, Report
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.improvement.helpers import base, missing_data, nothing_to_judge


def _actions(
    builder: StateBuilder, on_time: int, late: int, open_overdue: int, owner: str = "provider"
) -> StateBuilder:
    """Actions named CA-1, CA-2... after those already in `builder`, all owned by `owner`."""
    n = len(builder.to_dict().get("improvement", {}).get("corrective_actions", []))
    for _ in range(on_time):
        n += 1
        builder.corrective_action(
            f"CA-{n}", "2025-03-01", owner, due="2025-04-01", completed="2025-03-30"
        )
    for _ in range(late):
        n += 1
        builder.corrective_action(
            f"CA-{n}", "2025-03-01", owner, due="2025-04-01", completed="2025-04-15"
        )
    for _ in range(open_overdue):
        n += 1
        builder.corrective_action(f"CA-{n}", "2025-03-01", owner, due="2025-12-20")
    return builder


def test_imp003_passes_when_most_actions_close_on_time(assess: Callable[..., Finding]) -> None:
    state = _actions(base(), on_time=6, late=1, open_overdue=0)
    # An open action not yet due is not judged.
    state.corrective_action("CA-9", "2025-12-01", due="2026-02-01")
    f = assess(state, "IMP003")
    assert f.status is Status.PASSED
    assert f.value == pytest.approx(0.857)
    assert len(f.evidence) == 7 and "/improvement/corrective_actions/7" not in f.evidence
    assert "6 of 7" in f.message
    assert (
        f.strength == "86% of the 7 corrective actions due so far were completed by their due date."
    )


def test_imp003_fails_below_85_percent_and_points_at_the_late_ones(
    assess: Callable[..., Finding],
) -> None:
    state = _actions(base(), on_time=3, late=1, open_overdue=1)
    f = assess(state, "IMP003")
    assert f.status is Status.FAILED
    assert f.value == 0.6
    assert f.evidence == [
        "/improvement/corrective_actions/3",
        "/improvement/corrective_actions/4",
    ]
    assert "60%" in f.message and "85%" in f.message
    assert "Still open past due: CA-5. Finished late: CA-4." in f.message
    # Graded between 51% (60% of the 85% expected) and 85%.
    assert f.score == pytest.approx(0.2647, abs=1e-3)
    assert f.severity.value == "medium"


def test_imp003_one_late_action_among_three_is_low(assess: Callable[..., Finding]) -> None:
    f = assess(_actions(base(), on_time=2, late=1, open_overdue=0), "IMP003")
    assert f.status is Status.FAILED
    assert f.severity.value == "low"


def test_imp003_names_the_party_that_owns_every_late_action(
    assess: Callable[..., Finding],
) -> None:
    state = _actions(base(), on_time=2, late=0, open_overdue=0)
    state = _actions(state, on_time=0, late=2, open_overdue=0, owner="client")
    f = assess(state, "IMP003")
    assert f.status is Status.FAILED
    assert f.owner.value == "client"
    assert f.recommendation is not None and f.recommendation.startswith(
        "Have each client owner of a corrective action report on it"
    )
    # Late actions on both sides: both must act.
    mixed = _actions(base(), on_time=1, late=1, open_overdue=0)
    mixed = _actions(mixed, on_time=0, late=1, open_overdue=0, owner="client")
    assert assess(mixed, "IMP003").owner.value == "both"


def test_imp003_and_imp004_count_a_long_overdue_action_once(
    report: Callable[..., Report],
) -> None:
    # CA-4 and CA-5 are open, due 1 April 2025: long overdue on 5 January 2026.
    state = _actions(base(), on_time=3, late=0, open_overdue=0)
    state.corrective_action("CA-4", "2025-03-01", due="2025-04-01")
    state.corrective_action("CA-5", "2025-03-01", due="2025-04-01")
    r = report(state)
    imp003, imp004 = finding(r, "IMP003"), finding(r, "IMP004")
    assert imp003.status is imp004.status is Status.FAILED
    assert set(imp004.evidence) <= set(imp003.evidence)
    assert imp004.related_to == "IMP003" and imp003.related == ["IMP004"]


def test_imp003_has_nothing_to_judge_with_too_few_actions_due(
    assess: Callable[..., Finding],
) -> None:
    state = _actions(base(), on_time=1, late=1, open_overdue=0)
    assert nothing_to_judge(assess(state, "IMP003"))
    assert nothing_to_judge(assess(base().recorded("corrective_actions"), "IMP003"))


def test_imp003_not_applicable_without_corrective_actions(
    assess: Callable[..., Finding],
) -> None:
    assert missing_data(assess(base().recorded("issues"), "IMP003"))
