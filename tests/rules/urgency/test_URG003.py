"""URG003: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.urgency.helpers import _ttf, base


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
