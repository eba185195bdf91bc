"""IMP003: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.improvement.helpers import base


def _actions(builder: StateBuilder, on_time: int, late: int, open_overdue: int) -> StateBuilder:
    n = 0
    for _ in range(on_time):
        n += 1
        builder.corrective_action(f"CA-{n}", "2025-03-01", due="2025-04-01", completed="2025-03-30")
    for _ in range(late):
        n += 1
        builder.corrective_action(f"CA-{n}", "2025-03-01", due="2025-04-01", completed="2025-04-15")
    for _ in range(open_overdue):
        n += 1
        builder.corrective_action(f"CA-{n}", "2025-03-01", due="2025-12-20")
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
    assert f.score == pytest.approx(0.2857, abs=1e-3)  # graded between 50% and 85%


def test_imp003_not_applicable_with_too_few_actions_due(assess: Callable[..., Finding]) -> None:
    state = _actions(base(), on_time=1, late=1, open_overdue=0)
    assert assess(state, "IMP003").status is Status.NOT_APPLICABLE
    assert assess(base().recorded("issues"), "IMP003").status is Status.NOT_APPLICABLE
