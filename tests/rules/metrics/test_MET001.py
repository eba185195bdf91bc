"""MET001: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.metrics.helpers import healthy


def test_met001_passes_with_kpis_on_the_scorecard(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET001")
    assert f.status is Status.PASSED
    assert f.value == 3
    assert f.evidence == ["/metrics/0", "/metrics/1", "/metrics/2"]


def test_met001_fails_critically_with_an_empty_scorecard(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().recorded("metrics"), "MET001")
    assert f.status is Status.FAILED
    assert f.severity == "critical"
    assert f.value == 0
    assert "0 primary KPIs" in f.message


def test_met001_leaves_out_retired_secondary_and_future_kpis(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.metric("old", kind="time_to_fill", retired="2025-06-30")
    b.metric("side", kind="cost_per_hire", primary=False)
    b.metric("later", kind="quality_of_hire", adopted="2026-03-01")
    f = assess(b, "MET001")
    assert f.status is Status.FAILED
    assert f.value == 0


def test_met001_a_kpi_retired_on_the_assessment_date_is_off_the_scorecard(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder().metric("ttf", kind="time_to_fill", retired="2026-01-05")
    f = assess(b, "MET001")
    assert f.status is Status.FAILED
    assert f.severity == "critical"


def test_met001_is_not_applicable_without_metrics(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder(), "MET001").status is Status.NOT_APPLICABLE


def test_met001_waits_for_go_live(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(start="2025-01-06", as_of="2025-02-20").recorded("metrics")
    f = assess(b, "MET001")
    assert f.status is Status.NOT_APPLICABLE
    assert "implementation" in f.message
