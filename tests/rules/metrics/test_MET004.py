"""MET004: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.metrics.helpers import full_kpi, healthy


def test_met004_passes_when_every_kpi_is_fully_defined(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET004")
    assert f.status is Status.PASSED
    assert f.value == 1.0


def test_met004_one_kpi_short_of_a_few_fields_is_a_low_finding(
    assess: Callable[..., Finding],
) -> None:
    b = healthy()
    b.metric("cph", kind="cost_per_hire", target=4000, direction="lower", definition="Cost / hires")
    f = assess(b, "MET004")
    assert f.status is Status.FAILED
    # 21 of the 24 required fields are filled in: a small gap, not a quarter of the scorecard.
    assert f.value == 0.875
    assert f.score == pytest.approx(0.875)
    assert f.severity == "low"
    assert f.evidence == ["/metrics/3"]
    assert "cph (no baseline, owner, benchmark)" in f.message
    assert "1 of 4 primary KPIs are incomplete (88% of the required fields filled in)" in f.message


def test_met004_a_scorecard_of_bare_names_is_a_high_finding(
    assess: Callable[..., Finding],
) -> None:
    b = healthy()
    for n in range(4):
        b.metric(f"kpi{n}")
    f = assess(b, "MET004")
    assert f.status is Status.FAILED
    assert f.value == pytest.approx(18 / 42, abs=0.001)
    assert f.severity == "high"
    assert f.evidence == ["/metrics/3", "/metrics/4", "/metrics/5", "/metrics/6"]


def test_met004_a_scorecard_missing_baselines_and_benchmarks_is_medium(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    for kpi, kind in (("ttf", "time_to_fill"), ("fyt", "first_year_turnover")):
        full_kpi(b, kpi, kind, baseline=None, benchmark=None)
    f = assess(b, "MET004")
    assert f.value == pytest.approx(4 / 6, abs=0.001)
    assert f.severity == "medium"


def test_met004_never_reads_100_percent_while_a_field_is_missing(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    for n in range(40):
        full_kpi(b, f"kpi{n}", "time_to_fill")
    b.set("/metrics/0/owner", None)
    f = assess(b, "MET004")
    assert f.status is Status.FAILED
    assert "(99% of the required fields filled in)" in f.message


def test_met004_leaves_out_retired_kpis(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.metric("old", kind="custom", retired="2025-10-31")
    assert assess(b, "MET004").status is Status.PASSED


def test_met004_required_fields_are_configurable(assess: Callable[..., Finding]) -> None:
    b = full_kpi(StateBuilder(), "ttf", "time_to_fill", baseline=None, benchmark=None)
    b.set("/metrics/0/baseline", None)
    assert assess(b, "MET004").status is Status.FAILED
    relaxed = assess(b, "MET004", required=["definition", "target", "direction", "owner"])
    assert relaxed.status is Status.PASSED


def test_met004_is_not_applicable_without_kpis(assess: Callable[..., Finding]) -> None:
    empty = assess(StateBuilder().recorded("metrics"), "MET004")
    assert empty.status is Status.NOT_APPLICABLE
    assert empty.weight == 0  # recorded and empty: MET001's to flag, nothing to judge here
    assert assess(StateBuilder(), "MET004").status is Status.NOT_APPLICABLE
