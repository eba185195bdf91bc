"""MET008: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding, Report
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.metrics.helpers import full_kpi, series


def _green_scorecard() -> StateBuilder:
    b = StateBuilder()
    full_kpi(b, "ttf", "time_to_fill", observations=series([41, 39, 38]))
    full_kpi(b, "fyt", "first_year_turnover", target=25, observations=series([24, 22, 21]))
    return b


def _satisfaction_kpi(b: StateBuilder, values: list[float], target: float = 4.2) -> StateBuilder:
    return full_kpi(
        b,
        "hms",
        "hiring_manager_satisfaction",
        direction="higher",
        target=target,
        owner="both",
        benchmark=(4.0, "Internal norm"),
        observations=series(values),
    )


def test_met008_passes_when_targets_are_met_and_satisfaction_holds(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    b.metric(
        "hms",
        kind="hiring_manager_satisfaction",
        primary=False,
        observations=series([4.1, 4.3, 4.2]),
    )
    f = assess(b, "MET008")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert f.evidence == ["/metrics/2/observations/2"]
    assert f.strength is not None and "hms 4.1 to 4.2" in f.strength


def test_met008_fails_high_when_all_green_while_satisfaction_metric_falls(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    b.metric(
        "hms",
        kind="hiring_manager_satisfaction",
        primary=False,
        observations=series([4.6, 4.4, 4.0, 3.5]),
    )
    f = assess(b, "MET008")
    assert f.status is Status.FAILED
    assert f.severity == "high"
    assert f.value == 1
    assert f.evidence == [
        "/metrics/0/observations/2",
        "/metrics/1/observations/2",
        "/metrics/2/observations/1",
        "/metrics/2/observations/2",
        "/metrics/2/observations/3",
    ]
    assert "hms 4.4 to 3.5" in f.message
    assert "All 2 service-level targets" in f.message
    assert "time to fill, first year turnover" in f.message


def test_met008_catches_satisfaction_that_fell_below_its_own_target(
    assess: Callable[..., Finding],
) -> None:
    # Satisfaction missing its own 4.2 target used to make the scorecard "not all green"
    # and silence the rule, which then praised the scorecard; the fall is the watermelon.
    b = _satisfaction_kpi(_green_scorecard(), [4.50, 4.29, 4.08])
    f = assess(b, "MET008")
    assert f.status is Status.FAILED
    assert f.severity == "high"
    assert "hiring manager satisfaction 4.5 to 4.08" in f.message
    assert f.strength is None


def test_met008_catches_a_satisfaction_kpi_still_above_target_but_falling(
    assess: Callable[..., Finding],
) -> None:
    b = _satisfaction_kpi(_green_scorecard(), [4.6, 4.4, 4.1], target=4.0)
    f = assess(b, "MET008")
    assert f.status is Status.FAILED
    assert "All 2 service-level targets" in f.message
    assert f.evidence == [
        "/metrics/0/observations/2",
        "/metrics/1/observations/2",
        "/metrics/2/observations/0",
        "/metrics/2/observations/1",
        "/metrics/2/observations/2",
    ]


def test_met008_reads_falling_client_satisfaction_surveys(assess: Callable[..., Finding]) -> None:
    b = _green_scorecard()
    b.survey("2025-06-30", "client", "satisfaction", 3.2)
    b.survey("2025-09-30", "client", "satisfaction", 3.11)
    b.survey("2025-12-31", "client", "satisfaction", 3.02)
    b.survey("2025-12-31", "provider", "satisfaction", 4.8)
    b.survey("2025-12-31", "client", "trust", 1.0)
    f = assess(b, "MET008")
    assert f.status is Status.FAILED
    assert f.evidence[-3:] == ["/surveys/0", "/surveys/1", "/surveys/2"]
    assert "client survey 3.2/5 to 3.02/5" in f.message


def test_met008_has_nothing_to_judge_when_the_scorecard_already_shows_a_miss(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    b.set("/metrics/0/observations/2/value", 48)
    b.metric("hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.0, 3.5]))
    f = assess(b, "MET008")
    # Neither a pass (nothing to praise while satisfaction falls) nor missing data.
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight == 0
    assert f.strength is None
    assert "already shows a missed target (time to fill)" in f.message


def test_met008_one_dip_is_not_a_trend(assess: Callable[..., Finding]) -> None:
    b = _green_scorecard()
    b.metric("nps", kind="candidate_nps", primary=False, observations=series([30, 20, 25]))
    assert assess(b, "MET008").status is Status.PASSED


def test_met008_a_fall_within_survey_noise_is_not_a_trend(assess: Callable[..., Finding]) -> None:
    b = _satisfaction_kpi(_green_scorecard(), [4.50, 4.49, 4.47])
    assert assess(b, "MET008").status is Status.PASSED
    assert assess(b, "MET008", min_fall=0).status is Status.FAILED


def test_met008_leaves_out_retired_kpis(assess: Callable[..., Finding]) -> None:
    b = _green_scorecard()
    # A retired KPI that missed its target does not make the current scorecard red.
    full_kpi(b, "old", "time_to_start", target=30, retired="2025-12-31")
    b.metric("hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.4, 4.0]))
    assert assess(b, "MET008").status is Status.FAILED
    # A retired satisfaction KPI's fall is history.
    b.set("/metrics/3/retired", "2026-01-02")
    f = assess(b, "MET008")
    assert f.status is Status.NOT_APPLICABLE
    assert "no satisfaction KPI or survey is recorded" in f.message


def test_met008_is_not_applicable_without_satisfaction_history(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    assert "no satisfaction KPI or survey is recorded" in assess(b, "MET008").message
    b.metric("hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.0]))
    f = assess(b, "MET008")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight > 0  # missing data lowers coverage
    assert "3 readings" in f.message


def test_met008_is_not_applicable_without_targets(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().metric(
        "hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.0, 3.5])
    )
    f = assess(b, "MET008")
    assert f.status is Status.NOT_APPLICABLE
    assert "outside satisfaction" in f.message


def test_met008_does_not_judge_during_implementation(assess: Callable[..., Finding]) -> None:
    b = _green_scorecard()
    b.set("/partnership/go_live_date", "2026-02-01")
    b.metric("hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.0, 3.5]))
    assert assess(b, "MET008").status is Status.NOT_APPLICABLE


def test_met008_counts_a_missed_satisfaction_target_on_the_same_reading_once(
    assess_all: Callable[..., Report],
) -> None:
    b = _satisfaction_kpi(_green_scorecard(), [4.50, 4.29, 4.08])
    report = assess_all(b)
    watermelon, missed = finding(report, "MET008"), finding(report, "MET010")
    assert watermelon.status is Status.FAILED and missed.status is Status.FAILED
    assert missed.related_to == "MET008"
    assert watermelon.related == ["MET010"]
