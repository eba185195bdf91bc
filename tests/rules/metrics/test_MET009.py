"""MET009: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.metrics.helpers import full_kpi, healthy


def test_met009_passes_with_targets_near_their_benchmarks(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET009")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert f.evidence == ["/metrics/0/target", "/metrics/1/target", "/metrics/2/target"]
    assert f.strength == (
        "KPI targets are grounded: each of the 3 targets compared sits within 50% of its "
        "published benchmark."
    )


def test_met009_fails_a_20_day_time_to_fill_against_42(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set("/metrics/0/target", 20)
    f = assess(b, "MET009")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/metrics/0/target", "/metrics/0/benchmark"]
    assert "target 20 against a benchmark of 42 (SHRM), 52% better" in f.message
    assert "more than 50%" in f.message
    assert f.severity == "low"


def test_met009_three_unrealistic_targets_are_medium(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set("/metrics/0/target", 20)
    b.set("/metrics/1/target", 10)
    b.set("/metrics/2/target", 6.5)
    f = assess(b, "MET009")
    assert f.value == 3
    assert f.severity == "medium"


def test_met009_leaves_out_retired_kpis(assess: Callable[..., Finding]) -> None:
    b = healthy()
    full_kpi(b, "old", "time_to_fill", target=10, retired="2025-06-30")
    f = assess(b, "MET009")
    assert f.status is Status.PASSED
    assert f.value == 0


def test_met009_judges_higher_is_better_targets(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    full_kpi(
        b,
        "oar",
        "offer_acceptance_rate",
        direction="higher",
        target=60,
        benchmark=(30, "Custom survey"),
    )
    f = assess(b, "MET009")
    assert f.status is Status.FAILED
    assert "100% better" in f.message
    assert assess(b, "MET009", max_better_than_benchmark=1.0).status is Status.PASSED


def test_met009_is_not_applicable_without_benchmarks(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().metric("ttf", kind="time_to_fill", target=20, direction="lower")
    assert assess(b, "MET009").status is Status.NOT_APPLICABLE
