"""URG003: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.urgency.helpers import _ttf, base, missing_data, nothing_to_judge

MONTHS = ["2025-05-31", "2025-06-30", "2025-07-31", "2025-08-31", "2025-09-30"]


def test_urg003_passes_when_speed_keeps_improving(assess: Callable[..., Finding]) -> None:
    state = _ttf(base(), [60, 55, 52, 52, 50], target=35)
    f = assess(state, "URG003")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert "None of the 1 speed KPIs in force" in f.message


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
    assert "(1 short of target, 0 with no target set)" in f.message
    # One stalled KPI is a small lapse: low.
    assert f.severity.value == "low"


def test_urg003_does_not_say_kpis_without_a_target_are_short_of_it(
    assess: Callable[..., Finding],
) -> None:
    # It used to say every stalled KPI was "not yet at target", targets or not.
    state = _ttf(base(), [60, 55, 50, 50, 51])
    state.metric(
        "tth",
        kind="time_to_hire",
        observations=list(zip(MONTHS, [30, 28, 27, 27, 28], strict=True)),
    )
    state.metric(
        "tts",
        kind="time_to_start",
        target=60,
        observations=list(zip(MONTHS, [90, 85, 80, 80, 81], strict=True)),
    )
    f = assess(state, "URG003")
    assert f.status is Status.FAILED
    assert f.value == 3
    assert "not yet at target" not in f.message
    assert "(1 short of target, 2 with no target set)" in f.message
    assert f.severity.value == "medium"
    assert f.recommendation is not None and "Where a stalled KPI has no target" in f.recommendation


def test_urg003_names_the_owner_of_the_stalled_kpis(assess: Callable[..., Finding]) -> None:
    f = assess(_ttf(base(), [60, 55, 50, 50, 51], owner="provider"), "URG003")
    assert f.owner.value == "provider"
    assert f.recommendation is not None and f.recommendation.startswith("Have the provider owners")


def test_urg003_ignores_speed_kpis_retired_from_the_scorecard(
    assess: Callable[..., Finding],
) -> None:
    # Time to fill stalled, then left the scorecard in October: nothing to act on now.
    state = _ttf(base(), [60, 55, 50, 50, 51], retired="2025-10-15")
    state.metric(
        "tth",
        kind="time_to_hire",
        observations=list(zip(MONTHS, [30, 28, 26, 25, 24], strict=True)),
    )
    f = assess(state, "URG003")
    assert f.status is Status.PASSED
    assert "None of the 1 speed KPIs in force" in f.message
    # Only retired speed KPIs: none is in force.
    assert missing_data(assess(_ttf(base(), [60, 55, 50, 50, 51], retired="2025-10-15"), "URG003"))


def test_urg003_does_not_apply_during_ramp_up(assess: Callable[..., Finding]) -> None:
    state = _ttf(base(as_of="2025-06-01"), [60, 61])
    f = assess(state, "URG003")
    assert f.status is Status.NOT_APPLICABLE and f.weight == 0
    assert "the partnership is in ramp-up" in f.message


def test_urg003_has_nothing_to_judge_without_enough_steady_state_readings(
    assess: Callable[..., Finding],
) -> None:
    # Only the reading before steady state and one after: one change, two needed.
    f = assess(_ttf(base(), [60, 62]), "URG003")
    assert nothing_to_judge(f)
    assert "3 readings" in f.message


def test_urg003_not_applicable_without_speed_kpis(assess: Callable[..., Finding]) -> None:
    assert missing_data(assess(base().recorded("metrics"), "URG003"))
    assert missing_data(assess(base(), "URG003"))
