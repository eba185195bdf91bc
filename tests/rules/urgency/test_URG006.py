"""URG006: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.urgency.helpers import base, missing_data, nothing_to_judge


def _assigned(on_time: int, late: int) -> StateBuilder:
    """Requisitions opened on Tuesdays, assigned the next day or the Monday after."""
    state = base()
    for n in range(on_time):
        state.requisition(f"R-{n}", "2025-10-07", assigned="2025-10-08")
    for n in range(late):
        state.requisition(f"L-{n}", "2025-10-07", assigned="2025-10-13")
    return state


def test_urg006_passes_when_requisitions_are_assigned_next_working_day(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .requisition("R-1", "2025-10-03", assigned="2025-10-06")  # Friday -> Monday
        .requisition("R-2", "2025-10-07", assigned="2025-10-07")
        .requisition("R-3", "2025-11-04", assigned="2025-11-05")
        .requisition("R-4", "2025-11-10", cancelled="2025-11-10")  # cancelled, never assigned
        .requisition("R-5", "2026-01-05")  # opened today: still within its day
    )
    f = assess(state, "URG006")
    assert f.status is Status.PASSED
    assert f.value == 1.0
    assert f.evidence == ["/requisitions/0", "/requisitions/1", "/requisitions/2"]


def test_urg006_fails_when_assignment_is_slow_or_missing(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .requisition("R-1", "2025-10-07", assigned="2025-10-10")
        .requisition("R-2", "2025-10-07", assigned="2025-10-08")
        .requisition("R-3", "2025-11-04")
    )
    f = assess(state, "URG006")
    assert f.status is Status.FAILED
    assert f.value == pytest.approx(0.333)
    assert f.evidence == ["/requisitions/0", "/requisitions/2"]
    assert "R-1, R-3" in f.message and f.owner.value == "provider"


@pytest.mark.parametrize(
    ("on_time", "late", "severity"),
    [(16, 4, "low"), (12, 8, "medium"), (8, 12, "high")],
)
def test_urg006_severity_follows_how_many_requisitions_miss_the_service_level(
    assess: Callable[..., Finding], on_time: int, late: int, severity: str
) -> None:
    f = assess(_assigned(on_time, late), "URG006")
    assert f.status is Status.FAILED
    assert f.severity.value == severity


def test_urg006_does_not_count_a_backlog_inherited_at_the_start(
    assess: Callable[..., Finding],
) -> None:
    state = base(as_of="2025-02-10")
    for n in range(3):
        state.requisition(f"R-{n}", "2024-12-15", assigned="2025-01-07")
    assert assess(state, "URG006").status is Status.PASSED


def test_urg006_has_nothing_to_judge_with_too_few_requisitions(
    assess: Callable[..., Finding],
) -> None:
    f = assess(base().requisition("R-1", "2025-10-07", assigned="2025-10-07"), "URG006")
    assert nothing_to_judge(f)
    assert "at least 3 needed" in f.message


def test_urg006_not_applicable_without_assignment_dates(assess: Callable[..., Finding]) -> None:
    f = assess(base().requisition("R-1", "2025-10-07"), "URG006")
    assert missing_data(f)
    assert "assigned date" in f.message
    assert missing_data(assess(base(), "URG006"))
