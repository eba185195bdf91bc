"""Rules URG001-URG009: patient urgency, each passing, failing and not applicable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from foundation_engine.checks import Status
from foundation_engine.engine import Engine
from foundation_engine.report import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.builtins.urgency"
START = "2025-01-06"  # a Monday; with default phases, steady state begins 2025-06-29
AS_OF = "2026-01-05"


@pytest.fixture
def assess(make_engine: Callable[..., Engine]) -> Callable[..., Finding]:
    engine = make_engine(MODULE)

    def run(state: StateBuilder, rule_id: str) -> Finding:
        return finding(engine.assess(state.build()), rule_id)

    return run


def base(as_of: str = AS_OF, start: str = START) -> StateBuilder:
    return StateBuilder(start=start, as_of=as_of)


def test_every_rule_has_a_registered_check(make_engine: Callable[..., Engine]) -> None:
    engine = make_engine(MODULE)
    ids = sorted(r.id for r in engine.rules if r.id.startswith("URG"))
    assert ids == [f"URG00{n}" for n in range(1, 10)]


# --------------------------------------------------------------------------
# URG001 termination threats / URG002 executive escalations in the first 90 days
# --------------------------------------------------------------------------


def test_urg001_and_urg002_pass_when_early_concerns_stay_operational(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .escalation("2025-02-10", level="operational")
        .escalation("2025-02-20", level="management")
        # Day 90 and later is outside the window, even a threat.
        .escalation("2025-04-06", level="executive", termination_threatened=True)
    )
    for rule in ("URG001", "URG002"):
        f = assess(state, rule)
        assert f.status is Status.PASSED, rule
        assert f.value == 0
        assert f.evidence == []


def test_urg001_fails_on_a_termination_threat_in_the_first_90_days(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .escalation("2025-02-17", level="management", termination_threatened=True)
        .escalation("2025-03-01", level="executive")
    )
    f = assess(state, "URG001")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/escalations/0"]
    assert "Termination threats in the first 90 days: 1 (days since start: 42)" in f.message
    assert f.severity.value == "high" and f.owner.value == "client"


def test_urg002_counts_every_executive_escalation_in_the_window(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .escalation("2025-02-17", level="management", termination_threatened=True)
        .escalation("2025-03-01", level="executive", raised_by="provider")
        .escalation("2025-03-20", level="executive")
    )
    f = assess(state, "URG002")
    assert f.status is Status.FAILED
    assert f.value == 2
    assert f.evidence == ["/escalations/1", "/escalations/2"]
    assert "54, 73" in f.message


def test_urg001_flags_a_partnership_still_in_implementation(
    assess: Callable[..., Finding],
) -> None:
    state = base(as_of="2025-02-28").escalation("2025-02-20", termination_threatened=True)
    # An escalation after as_of has not happened yet.
    state.escalation("2025-03-05", termination_threatened=True)
    f = assess(state, "URG001")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/escalations/0"]


def test_urg001_and_urg002_not_applicable_without_escalations_recorded(
    assess: Callable[..., Finding],
) -> None:
    for rule in ("URG001", "URG002"):
        f = assess(base().recorded("action_items"), rule)
        assert f.status is Status.NOT_APPLICABLE
        assert "escalations" in f.message
    assert assess(base().recorded("escalations"), "URG001").status is Status.PASSED


# --------------------------------------------------------------------------
# URG003 stagnation after ramp-up
# --------------------------------------------------------------------------


def _ttf(builder: StateBuilder, values: list[float], **fields: Any) -> StateBuilder:
    months = ["2025-05-31", "2025-06-30", "2025-07-31", "2025-08-31", "2025-09-30"]
    return builder.metric(
        "ttf", kind="time_to_fill", observations=list(zip(months, values, strict=False)), **fields
    )


def test_urg003_passes_when_speed_keeps_improving(assess: Callable[..., Finding]) -> None:
    state = _ttf(base(), [60, 55, 52, 52, 50], target=35)
    f = assess(state, "URG003")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert "None of the 1 speed KPIs" in f.message


def test_urg003_passes_for_a_flat_kpi_already_at_target(assess: Callable[..., Finding]) -> None:
    state = _ttf(base(), [40, 36, 34, 34, 34], target=35)
    assert assess(state, "URG003").status is Status.PASSED


def test_urg003_fails_after_two_flat_or_worse_periods(assess: Callable[..., Finding]) -> None:
    # The last two changes: 50 -> 50.3 (flat, under 1%) and 50.3 -> 52 (worse).
    state = _ttf(base(), [60, 55, 50, 50.3, 52], target=35)
    state.metric("oar", kind="offer_acceptance_rate", observations=[("2025-09-30", 80)])
    f = assess(state, "URG003")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == [
        "/metrics/0",
        "/metrics/0/observations/2",
        "/metrics/0/observations/3",
        "/metrics/0/observations/4",
    ]
    assert "ttf" in f.message and "2025-06-29" in f.message


def test_urg003_does_not_apply_during_ramp_up(assess: Callable[..., Finding]) -> None:
    state = _ttf(base(as_of="2025-06-01"), [60, 61])
    f = assess(state, "URG003")
    assert f.status is Status.NOT_APPLICABLE
    assert "the partnership is in ramp-up" in f.message


def test_urg003_not_applicable_without_enough_speed_readings(
    assess: Callable[..., Finding],
) -> None:
    assert assess(base().recorded("metrics"), "URG003").status is Status.NOT_APPLICABLE
    assert assess(base(), "URG003").status is Status.NOT_APPLICABLE
    # Only the reading before steady state and one after: one change, two needed.
    f = assess(_ttf(base(), [60, 62]), "URG003")
    assert f.status is Status.NOT_APPLICABLE
    assert "3 readings" in f.message


# --------------------------------------------------------------------------
# URG004 action items on time / URG005 action items long overdue
# --------------------------------------------------------------------------


def _items(builder: StateBuilder, on_time: int, late: int, open_overdue: int) -> StateBuilder:
    n = 0
    for _ in range(on_time):
        n += 1
        builder.action_item(f"A-{n}", "2025-10-01", due="2025-10-15", completed="2025-10-14")
    for _ in range(late):
        n += 1
        builder.action_item(f"A-{n}", "2025-10-01", due="2025-10-15", completed="2025-10-20")
    for _ in range(open_overdue):
        n += 1
        builder.action_item(f"A-{n}", "2025-10-01", due="2025-11-15")
    return builder


def test_urg004_passes_when_most_items_are_on_time(assess: Callable[..., Finding]) -> None:
    state = _items(base(), on_time=4, late=1, open_overdue=0)
    state.action_item("A-old", "2025-01-10", due="2025-02-01", completed="2025-03-01")
    state.action_item("A-next", "2025-12-20", due="2026-01-20")
    f = assess(state, "URG004")
    assert f.status is Status.PASSED
    assert f.value == 0.8
    assert f.evidence == [f"/action_items/{i}" for i in range(5)]


def test_urg004_fails_when_items_are_routinely_late(assess: Callable[..., Finding]) -> None:
    state = _items(base(), on_time=2, late=2, open_overdue=1)
    f = assess(state, "URG004")
    assert f.status is Status.FAILED
    assert f.value == 0.4
    assert f.evidence == ["/action_items/2", "/action_items/3", "/action_items/4"]
    assert "Only 2 of 5" in f.message and "80%" in f.message
    assert f.score == 0.0


def test_urg004_not_applicable_with_too_few_items(assess: Callable[..., Finding]) -> None:
    assert assess(_items(base(), 1, 1, 0), "URG004").status is Status.NOT_APPLICABLE
    assert assess(base(), "URG004").status is Status.NOT_APPLICABLE


def test_urg005_passes_with_only_recent_slippage(assess: Callable[..., Finding]) -> None:
    state = base().action_item("A-1", "2025-12-01", due="2025-12-25")
    f = assess(state, "URG005")
    assert f.status is Status.PASSED
    assert f.value == 0


def test_urg005_fails_for_items_left_open_past_due(assess: Callable[..., Finding]) -> None:
    state = _items(base(), on_time=1, late=0, open_overdue=2)
    f = assess(state, "URG005")
    assert f.status is Status.FAILED
    assert f.value == 2
    assert f.evidence == ["/action_items/1", "/action_items/2"]
    assert "A-2, A-3" in f.message and "51 days overdue" in f.message


def test_urg005_not_applicable_without_action_items(assess: Callable[..., Finding]) -> None:
    assert assess(base(), "URG005").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# URG006 assignment within 1 business day / URG007 intake within 7 days
# --------------------------------------------------------------------------


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


def test_urg006_does_not_count_a_backlog_inherited_at_the_start(
    assess: Callable[..., Finding],
) -> None:
    state = base(as_of="2025-02-10")
    for n in range(3):
        state.requisition(f"R-{n}", "2024-12-15", assigned="2025-01-07")
    assert assess(state, "URG006").status is Status.PASSED


def test_urg006_not_applicable_without_assignment_dates(assess: Callable[..., Finding]) -> None:
    f = assess(base().requisition("R-1", "2025-10-07"), "URG006")
    assert f.status is Status.NOT_APPLICABLE
    assert "assigned date" in f.message
    assert assess(base(), "URG006").status is Status.NOT_APPLICABLE


def test_urg007_passes_with_intake_within_a_week(assess: Callable[..., Finding]) -> None:
    state = base()
    for n, (opened, intake) in enumerate(
        [("2025-10-01", "2025-10-08"), ("2025-10-02", "2025-10-03"), ("2025-11-03", "2025-11-05")]
    ):
        state.requisition(f"R-{n}", opened, intake=intake)
    f = assess(state, "URG007")
    assert f.status is Status.PASSED
    assert f.value == 1.0


def test_urg007_fails_with_slow_intakes(assess: Callable[..., Finding]) -> None:
    state = (
        base()
        .requisition("R-1", "2025-10-01", intake="2025-10-09")
        .requisition("R-2", "2025-10-02", intake="2025-10-03")
        .requisition("R-3", "2025-11-03", intake="2025-11-20")
    )
    f = assess(state, "URG007")
    assert f.status is Status.FAILED
    assert f.value == pytest.approx(0.333)
    assert f.evidence == ["/requisitions/0", "/requisitions/2"]
    assert "within 7 days" in f.message


def test_urg007_not_applicable_with_too_few_judged(assess: Callable[..., Finding]) -> None:
    state = base().requisition("R-1", "2025-10-01", intake="2025-10-02")
    f = assess(state, "URG007")
    assert f.status is Status.NOT_APPLICABLE
    assert "at least 3 needed" in f.message


# --------------------------------------------------------------------------
# URG008 aged open requisitions
# --------------------------------------------------------------------------


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


def test_urg008_fails_when_aged_requisitions_pile_up(assess: Callable[..., Finding]) -> None:
    state = _open_reqs(base(), fresh=3, aged=2)
    # Filled only after as_of: still open on as_of.
    state.requisition("A-late", "2025-08-01", filled="2026-02-01")
    f = assess(state, "URG008")
    assert f.status is Status.FAILED
    assert f.value == 0.5
    assert f.evidence == ["/requisitions/3", "/requisitions/4", "/requisitions/5"]
    assert "157 days" in f.message and "A-0, A-1, A-late" in f.message


def test_urg008_not_applicable_in_implementation_or_with_few_open(
    assess: Callable[..., Finding],
) -> None:
    assert assess(_open_reqs(base(), 1, 1), "URG008").status is Status.NOT_APPLICABLE
    young = _open_reqs(base(as_of="2025-03-01"), 0, 0)
    young.requisition("R-1", "2024-10-01").requisition("R-2", "2024-10-01")
    young.requisition("R-3", "2024-10-01")
    f = assess(young, "URG008")
    assert f.status is Status.NOT_APPLICABLE
    assert "implementation" in f.message


# --------------------------------------------------------------------------
# URG009 time to fill against the pre-RPO baseline
# --------------------------------------------------------------------------


def test_urg009_passes_at_30_percent_below_baseline(assess: Callable[..., Finding]) -> None:
    state = _ttf(base(), [60, 55, 50, 45, 42], baseline=60)
    f = assess(state, "URG009")
    assert f.status is Status.PASSED
    assert f.value == 30.0
    assert f.evidence == ["/metrics/0", "/metrics/0/observations/4"]


def test_urg009_fails_short_of_the_expected_reduction(assess: Callable[..., Finding]) -> None:
    state = _ttf(base(), [60, 55, 52, 51, 50], baseline=60)
    f = assess(state, "URG009")
    assert f.status is Status.FAILED
    assert f.value == 16.7
    assert "50 days, 16.7% below the pre-RPO baseline of 60 days" in f.message
    assert f.score == pytest.approx(0.5567, abs=1e-3)


def test_urg009_judges_the_time_to_fill_furthest_from_expectation(
    assess: Callable[..., Finding],
) -> None:
    state = _ttf(base(), [60, 55, 50, 45, 40], baseline=60)
    state.metric("ttf-tech", kind="time_to_fill", baseline=50,
                 observations=[("2025-09-30", 55)])
    f = assess(state, "URG009")
    assert f.status is Status.FAILED
    assert f.value == -10.0
    assert f.evidence == ["/metrics/1", "/metrics/1/observations/0"]
    assert "55 days, 10% above the pre-RPO baseline of 50 days" in f.message
    assert f.score == 0.0


def test_urg009_not_applicable_without_baseline_or_before_steady_state(
    assess: Callable[..., Finding],
) -> None:
    f = assess(_ttf(base(), [60, 55, 50]), "URG009")
    assert f.status is Status.NOT_APPLICABLE
    assert "baseline" in f.message
    f = assess(_ttf(base(as_of="2025-06-15"), [60, 55], baseline=60), "URG009")
    assert f.status is Status.NOT_APPLICABLE
    assert "steady state" in f.message
    # Steady state, but the only readings predate it.
    early = base().metric(
        "ttf", kind="time_to_fill", baseline=60,
        observations=[("2025-04-30", 60), ("2025-05-31", 55)],
    )
    f = assess(early, "URG009")
    assert f.status is Status.NOT_APPLICABLE
    assert "since steady state began" in f.message
