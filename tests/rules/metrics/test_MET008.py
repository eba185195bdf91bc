"""MET008: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.metrics.helpers import full_kpi, series


def _green_scorecard() -> StateBuilder:
    b = StateBuilder()
    full_kpi(b, "ttf", "time_to_fill", observations=series([41, 39, 38]))
    full_kpi(b, "fyt", "first_year_turnover", target=25, observations=series([24, 22, 21]))
    return b


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
    assert f.evidence == ["/metrics/0/observations/2", "/metrics/1/observations/2"]


def test_met008_fails_when_all_green_while_satisfaction_metric_falls(
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
    assert "All 2 KPI targets" in f.message


def test_met008_catches_a_satisfaction_kpi_still_above_target_but_falling(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    full_kpi(
        b,
        "hms",
        "hiring_manager_satisfaction",
        direction="higher",
        target=4.0,
        benchmark=(4.0, "Internal norm"),
        observations=series([4.6, 4.4, 4.1]),
    )
    f = assess(b, "MET008")
    assert f.status is Status.FAILED
    assert "All 3 KPI targets" in f.message
    assert f.evidence == [
        "/metrics/0/observations/2",
        "/metrics/1/observations/2",
        "/metrics/2/observations/2",
        "/metrics/2/observations/0",
        "/metrics/2/observations/1",
    ]


def test_met008_reads_falling_client_satisfaction_surveys(assess: Callable[..., Finding]) -> None:
    b = _green_scorecard()
    b.survey("2025-06-30", "client", "satisfaction", 4.5)
    b.survey("2025-09-30", "client", "satisfaction", 4.0)
    b.survey("2025-12-31", "client", "satisfaction", 3.2)
    b.survey("2025-12-31", "provider", "satisfaction", 4.8)
    b.survey("2025-12-31", "client", "trust", 1.0)
    f = assess(b, "MET008")
    assert f.status is Status.FAILED
    assert f.evidence[-3:] == ["/surveys/0", "/surveys/1", "/surveys/2"]
    assert "client survey 4.5/5 to 3.2/5" in f.message


def test_met008_passes_when_the_scorecard_already_shows_a_miss(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    b.set("/metrics/0/observations/2/value", 48)
    b.metric("hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.0, 3.5]))
    f = assess(b, "MET008")
    assert f.status is Status.PASSED
    assert "1 of 2 KPI targets met" in f.message


def test_met008_one_dip_is_not_a_trend(assess: Callable[..., Finding]) -> None:
    b = _green_scorecard()
    b.metric("nps", kind="candidate_nps", primary=False, observations=series([30, 20, 25]))
    assert assess(b, "MET008").status is Status.PASSED


def test_met008_is_not_applicable_without_satisfaction_history(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    b.metric("hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.0]))
    f = assess(b, "MET008")
    assert f.status is Status.NOT_APPLICABLE
    assert "3 readings" in f.message


def test_met008_is_not_applicable_without_targets(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().metric(
        "hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.0, 3.5])
    )
    assert assess(b, "MET008").status is Status.NOT_APPLICABLE


def test_met008_does_not_judge_during_implementation(assess: Callable[..., Finding]) -> None:
    b = _green_scorecard()
    b.set("/partnership/go_live_date", "2026-02-01")
    b.metric("hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.0, 3.5]))
    assert assess(b, "MET008").status is Status.NOT_APPLICABLE
