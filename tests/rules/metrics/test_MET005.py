"""MET005: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.metrics.helpers import full_kpi, healthy


def test_met005_passes_with_a_retention_kpi(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET005")
    assert f.status is Status.PASSED
    assert f.value == 1
    assert f.evidence == ["/metrics/1"]
    assert f.strength == (
        "The scorecard measures whether the people hired are good and stay: first year turnover."
    )


def test_met005_fails_with_speed_and_cost_only(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    full_kpi(b, "ttf", "time_to_fill")
    full_kpi(b, "tts", "time_to_start")
    full_kpi(b, "cph", "cost_per_hire")
    f = assess(b, "MET005")
    assert f.status is Status.FAILED
    assert f.value == 0
    assert f.evidence == ["/metrics/0", "/metrics/1", "/metrics/2"]
    assert "cost 1, speed 2" in f.message


def test_met005_honours_a_custom_kpis_own_family(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    full_kpi(b, "ttf", "time_to_fill")
    b.metric("ninety-day-rating", family="quality")
    f = assess(b, "MET005")
    assert f.status is Status.PASSED
    assert f.evidence == ["/metrics/1"]


def test_met005_is_not_applicable_without_kpis(assess: Callable[..., Finding]) -> None:
    empty = assess(StateBuilder().recorded("metrics"), "MET005")
    assert empty.status is Status.NOT_APPLICABLE
    assert empty.weight == 0  # recorded and empty: MET001's to flag, nothing to judge here


def test_met005_a_retired_retention_kpi_no_longer_counts(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    full_kpi(b, "ttf", "time_to_fill")
    full_kpi(b, "fyt", "first_year_turnover", retired="2025-11-30")
    f = assess(b, "MET005")
    assert f.status is Status.FAILED
    assert f.severity == "medium"
    assert f.evidence == ["/metrics/0"]
