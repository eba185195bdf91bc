"""MET007: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.metrics.helpers import healthy


def test_met007_passes_with_last_months_figures(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET007")
    assert f.status is Status.PASSED
    assert f.value == 1.0
    assert f.evidence == [
        "/metrics/0/observations/2",
        "/metrics/1/observations/2",
        "/metrics/2/observations/2",
    ]


def test_met007_fails_for_a_kpi_last_reported_in_september(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set(
        "/metrics/1/observations",
        [
            {"period_end": "2025-08-31", "value": 30},
            {"period_end": "2025-09-30", "value": 28},
        ],
    )
    f = assess(b, "MET007")
    assert f.status is Status.FAILED
    assert f.value == pytest.approx(0.667)
    assert f.evidence == ["/metrics/1/observations/1"]
    assert "last data 2025-09-30, 97 days ago; monthly allows 45" in f.message
    assert f.severity == "low"  # one KPI of three late
    assert f.owner == "provider"  # the KPI's recorded owner


def _stale(b: StateBuilder, index: int) -> None:
    b.set(f"/metrics/{index}/observations", [{"period_end": "2025-09-30", "value": 30}])


def test_met007_names_the_owner_the_stale_kpis_record(assess: Callable[..., Finding]) -> None:
    b = healthy()
    _stale(b, 1)
    b.set("/metrics/1/owner", "client")
    f = assess(b, "MET007")
    assert f.owner == "client"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Send the overdue figures of the KPIs your teams own")
    _stale(b, 0)  # time to fill, owned by the provider
    f = assess(b, "MET007")
    assert f.owner == "both"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Bring the scorecard up to date before the next review")


def test_met007_a_kpi_without_an_owner_is_the_providers_to_report(
    assess: Callable[..., Finding],
) -> None:
    b = healthy()
    _stale(b, 2)
    b.set("/metrics/2/owner", None)
    f = assess(b, "MET007")
    assert f.owner == "provider"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Publish the overdue KPI figures before the next review")


def test_met007_every_kpi_stale_is_a_medium_finding(assess: Callable[..., Finding]) -> None:
    b = healthy()
    for index in range(3):
        _stale(b, index)
    f = assess(b, "MET007")
    assert f.value == 0
    assert f.severity == "medium"
    assert "(0% current)" in f.message


def test_met007_leaves_out_retired_kpis(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.metric("old", kind="time_to_start", retired="2025-10-31", observations=[("2025-06-30", 80)])
    assert assess(b, "MET007").status is Status.PASSED


def test_met007_uses_the_kpis_cadence(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set("/metrics/1/cadence", "quarterly")
    b.set("/metrics/1/observations", [{"period_end": "2025-09-30", "value": 28}])
    assert assess(b, "MET007").status is Status.PASSED


def test_met007_flags_a_kpi_never_reported_since_go_live(assess: Callable[..., Finding]) -> None:
    b = healthy().metric("qoh", kind="quality_of_hire")
    f = assess(b, "MET007")
    assert f.status is Status.FAILED
    assert f.evidence == ["/metrics/3"]
    assert "no data since 2025-03-31" in f.message


def test_met007_ignores_figures_dated_after_as_of(assess: Callable[..., Finding]) -> None:
    b = healthy(StateBuilder(as_of="2025-11-15"))
    b.set("/metrics/0/observations", [{"period_end": "2025-12-31", "value": 39}])
    f = assess(b, "MET007")
    assert f.status is Status.FAILED
    assert f.evidence[0] == "/metrics/0"


def test_met007_is_not_applicable_during_implementation(assess: Callable[..., Finding]) -> None:
    b = healthy(StateBuilder(as_of="2025-03-01"))
    assert assess(b, "MET007").status is Status.NOT_APPLICABLE


def test_met007_is_not_applicable_without_kpis(assess: Callable[..., Finding]) -> None:
    empty = assess(StateBuilder().recorded("metrics"), "MET007")
    assert empty.status is Status.NOT_APPLICABLE
    assert empty.weight == 0  # recorded and empty: MET001's to flag, nothing to judge here
