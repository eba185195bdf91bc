"""URG008: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.urgency.helpers import base, missing_data, nothing_to_judge


def _open_reqs(builder: StateBuilder, fresh: int, aged: int) -> StateBuilder:
    for n in range(fresh):
        builder.requisition(f"F-{n}", "2025-12-01")
    for n in range(aged):
        builder.requisition(f"A-{n}", "2025-09-01")
    return builder


def test_urg008_passes_when_few_open_requisitions_are_aged(
    assess: Callable[..., Finding],
) -> None:
    state = _open_reqs(base(), fresh=4, aged=1)
    # Filled and cancelled requisitions are not open, however old.
    state.requisition("X-1", "2025-02-01", filled="2025-05-01")
    state.requisition("X-2", "2025-02-01", cancelled="2025-03-01")
    f = assess(state, "URG008")
    assert f.status is Status.PASSED
    assert f.value == 0.2
    assert len(f.evidence) == 5 and "/requisitions/5" not in f.evidence
    assert f.strength is not None and f.strength.startswith("Only 20% of the 5 open requisitions")


def test_urg008_fails_when_aged_requisitions_pile_up(assess: Callable[..., Finding]) -> None:
    state = _open_reqs(base(), fresh=3, aged=2)
    # Filled only after as_of: still open on as_of.
    state.requisition("A-late", "2025-08-01", filled="2026-02-01")
    f = assess(state, "URG008")
    assert f.status is Status.FAILED
    assert f.value == 0.5
    assert f.evidence == ["/requisitions/3", "/requisitions/4", "/requisitions/5"]
    assert "157 days" in f.message and "A-0, A-1, A-late" in f.message
    assert f.score == 0.0  # half of them aged: as poor as it gets


@pytest.mark.parametrize(("fresh", "aged", "severity"), [(7, 3, "low"), (6, 5, "medium")])
def test_urg008_a_little_over_the_limit_is_low_over_twice_the_limit_medium(
    assess: Callable[..., Finding], fresh: int, aged: int, severity: str
) -> None:
    f = assess(_open_reqs(base(), fresh, aged), "URG008")
    assert f.status is Status.FAILED
    assert f.severity.value == severity


def test_urg008_has_nothing_to_judge_with_few_open(assess: Callable[..., Finding]) -> None:
    assert nothing_to_judge(assess(_open_reqs(base(), 1, 1), "URG008"))


def test_urg008_does_not_apply_in_implementation(assess: Callable[..., Finding]) -> None:
    young = base(as_of="2025-03-01")
    young.requisition("R-1", "2024-10-01").requisition("R-2", "2024-10-01")
    young.requisition("R-3", "2024-10-01")
    f = assess(young, "URG008")
    assert f.status is Status.NOT_APPLICABLE and f.weight == 0
    assert "implementation" in f.message


def test_urg008_not_applicable_without_requisitions(assess: Callable[..., Finding]) -> None:
    assert missing_data(assess(base(), "URG008"))
