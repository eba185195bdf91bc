"""IMP006: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.improvement.helpers import base, missing_data, nothing_to_judge

DECLINING = [("2025-08-31", 88), ("2025-09-30", 85), ("2025-10-31", 81), ("2025-11-30", 77)]


def _declining(builder: StateBuilder, **oar: Any) -> StateBuilder:
    return builder.metric(
        "oar", kind="offer_acceptance_rate", direction="higher", observations=DECLINING, **oar
    ).metric(
        "ttf",
        kind="time_to_fill",
        direction="lower",
        observations=[
            ("2025-08-31", 52),
            ("2025-09-30", 50),
            ("2025-10-31", 45),
            ("2025-11-30", 47),
        ],
    )


def test_imp006_passes_when_the_decline_was_answered(assess: Callable[..., Finding]) -> None:
    state = _declining(base()).corrective_action("CA-1", "2025-09-15", metric_id="oar")
    f = assess(state, "IMP006")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert "None of the 2 KPIs in force" in f.message


def test_imp006_fails_medium_when_nobody_acted_since_the_decline_began(
    assess: Callable[..., Finding],
) -> None:
    # An issue on the metric before the decline began does not answer it.
    state = _declining(base()).issue("I-1", "2025-08-01", metric_id="oar")
    f = assess(state, "IMP006")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == [
        "/metrics/0",
        "/metrics/0/observations/0",
        "/metrics/0/observations/1",
        "/metrics/0/observations/2",
        "/metrics/0/observations/3",
    ]
    assert "oar" in f.message and "3 or more periods" in f.message
    # One KPI left to slide is the deviation from the goal DOMAIN.md names: medium.
    assert f.severity.value == "medium"
    assert f.score is not None and 0.6 < f.score < 0.7


def test_imp006_names_the_owner_of_the_declining_kpi(assess: Callable[..., Finding]) -> None:
    f = assess(_declining(base(), owner="provider").recorded("issues"), "IMP006")
    assert f.status is Status.FAILED
    assert f.owner.value == "provider"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Have the provider owners of the declining KPIs (oar)")
    # Without an owner on the metric, both must act.
    assert assess(_declining(base()).recorded("issues"), "IMP006").owner.value == "both"


def test_imp006_ignores_a_kpi_retired_from_the_scorecard(assess: Callable[..., Finding]) -> None:
    # Offer acceptance was retired in December, after its last reading: nobody
    # needs to act on a KPI the partnership no longer tracks.
    state = _declining(base(), retired="2025-12-15").recorded("issues")
    f = assess(state, "IMP006")
    assert f.status is Status.PASSED
    assert "None of the 1 KPIs in force" in f.message
    # Retired only after the assessment date: still in force, still flagged.
    later = _declining(base(), retired="2026-03-01").recorded("issues")
    assert assess(later, "IMP006").status is Status.FAILED


def test_imp006_does_not_apply_during_implementation(assess: Callable[..., Finding]) -> None:
    state = _declining(StateBuilder(start="2025-10-01", as_of="2025-12-01")).recorded("issues")
    f = assess(state, "IMP006")
    assert f.status is Status.NOT_APPLICABLE and f.weight == 0
    assert "implementation" in f.message


def test_imp006_has_nothing_to_judge_before_a_kpi_has_enough_readings(
    assess: Callable[..., Finding],
) -> None:
    short = base().recorded("issues").metric("oar", direction="higher", observations=DECLINING[:3])
    f = assess(short, "IMP006")
    assert nothing_to_judge(f)
    assert "4 readings" in f.message


def test_imp006_not_applicable_without_improvement_records_or_directions(
    assess: Callable[..., Finding],
) -> None:
    assert missing_data(assess(_declining(base()), "IMP006"))
    undirected = base().recorded("issues").metric("oar", observations=DECLINING)
    f = assess(undirected, "IMP006")
    assert missing_data(f)
    assert "direction" in f.message
