"""MET010: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.metrics.helpers import full_kpi, healthy, series


def test_met010_passes_when_satisfaction_and_retention_meet_their_targets(
    assess: Callable[..., Finding],
) -> None:
    f = assess(healthy(), "MET010")
    assert f.status is Status.PASSED
    assert f.value == 0
    # Time to fill is a speed KPI: not this rule's to judge.
    assert f.evidence == ["/metrics/1/observations/2", "/metrics/2/observations/2"]
    assert f.strength is not None
    assert "first year turnover 24 against a target of 25" in f.strength


def test_met010_a_reading_just_short_of_target_is_a_low_finding(
    assess: Callable[..., Finding],
) -> None:
    b = healthy()
    b.set("/metrics/2/observations/2/value", 3.9)
    f = assess(b, "MET010")
    assert f.status is Status.FAILED
    assert f.severity == "low"
    assert f.value == pytest.approx(0.025)
    assert f.score == pytest.approx(0.875)
    assert f.evidence == ["/metrics/2/observations/2"]
    assert (
        "hiring manager satisfaction 3.9 against a target of 4 for the period ending 2025-12-31"
        in f.message
    )
    assert "1 of 2" in f.message


def test_met010_a_kpi_far_below_target_is_a_medium_finding(
    assess: Callable[..., Finding],
) -> None:
    b = healthy()
    b.set("/metrics/1/observations/2/value", 35)
    f = assess(b, "MET010")
    assert f.status is Status.FAILED
    assert f.severity == "medium"
    assert f.score == 0
    assert "first year turnover 35 against a target of 25" in f.message
    assert "40% short" in f.message


def test_met010_names_the_owner_the_missed_kpis_record(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set("/metrics/1/observations/2/value", 27)  # first-year turnover, owned by the provider
    f = assess(b, "MET010")
    assert f.owner == "provider"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Bring a recovery plan for each missed target you own")
    b.set("/metrics/1/owner", "client")
    f = assess(b, "MET010")
    assert f.owner == "client"
    assert f.recommendation is not None and "your teams own" in f.recommendation
    b.set("/metrics/2/observations/2/value", 3.5)  # satisfaction, owned by both
    assert assess(b, "MET010").owner == "both"


def test_met010_judges_a_secondary_satisfaction_kpi_and_skips_retired_ones(
    assess: Callable[..., Finding],
) -> None:
    b = healthy()
    b.metric(
        "nps",
        kind="candidate_nps",
        primary=False,
        target=40,
        direction="higher",
        observations=series([30, 28, 25]),
    )
    b.metric(
        "old",
        kind="quality_of_hire",
        target=80,
        direction="higher",
        retired="2025-12-01",
        observations=series([60, 58, 55]),
    )
    f = assess(b, "MET010")
    assert f.status is Status.FAILED
    assert f.evidence == ["/metrics/3/observations/2"]
    assert "old" not in f.message


def test_met010_tolerates_the_configured_shortfall(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set("/metrics/2/observations/2/value", 3.9)
    assert assess(b, "MET010", max_shortfall=0.05).status is Status.PASSED


def test_met010_is_not_applicable_without_a_judged_kpi(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder(), "MET010").status is Status.NOT_APPLICABLE
    b = full_kpi(StateBuilder(), "ttf", "time_to_fill")
    b.metric("hms", kind="hiring_manager_satisfaction", observations=series([4.0, 4.1]))
    f = assess(b, "MET010")
    assert f.status is Status.NOT_APPLICABLE
    assert "has a target, a direction and data" in f.message


def test_met010_leaves_ramp_up_targets_alone(assess: Callable[..., Finding]) -> None:
    b = healthy(StateBuilder(as_of="2025-06-15"))
    b.set("/metrics/2/observations", [{"period_end": "2025-05-31", "value": 3.6}])
    f = assess(b, "MET010")
    assert f.status is Status.NOT_APPLICABLE
    assert "ramp-up" in f.message
