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
    assert assess(StateBuilder().recorded("metrics"), "MET007").status is Status.NOT_APPLICABLE
