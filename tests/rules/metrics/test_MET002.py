"""MET002: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.metrics.helpers import full_kpi, healthy


def test_met002_passes_with_three_kpis(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET002")
    assert f.status is Status.PASSED
    assert f.value == 3


def test_met002_one_kpi_is_a_medium_finding_that_names_it(assess: Callable[..., Finding]) -> None:
    f = assess(full_kpi(StateBuilder(), "ttf", "time_to_fill"), "MET002")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/metrics/0"]
    assert "time to fill" in f.message
    assert f.score == pytest.approx(1 / 3, abs=0.001)
    assert f.severity == "medium"


def test_met002_two_kpis_is_a_low_finding(assess: Callable[..., Finding]) -> None:
    b = full_kpi(StateBuilder(), "ttf", "time_to_fill")
    full_kpi(b, "fyt", "first_year_turnover")
    assert assess(b, "MET002").severity == "low"


def test_met002_recommends_what_the_scorecard_does_not_measure(
    assess: Callable[..., Finding],
) -> None:
    # The only KPI measures retention: the advice must not call it a speed or cost KPI.
    b = full_kpi(StateBuilder(), "fyt", "first_year_turnover")
    f = assess(b, "MET002")
    assert f.recommendation is not None
    assert "speed or cost one" not in f.recommendation
    assert f.recommendation.startswith(
        "Add KPIs to the scorecard until it holds at least 3, starting with what it does not "
        "measure yet: a speed measure (time to fill) and a satisfaction measure"
    )
    assert "quality or retention" not in f.recommendation


def test_met002_does_not_count_retired_kpis(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set("/metrics/2/retired", "2025-12-31")
    f = assess(b, "MET002")
    assert f.status is Status.FAILED
    assert f.value == 2


def test_met002_leaves_an_empty_scorecard_to_met001(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().recorded("metrics"), "MET002")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight == 0  # recorded and empty: nothing to judge, not missing data


def test_met002_minimum_is_configurable(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET002", min_kpis=4)
    assert f.status is Status.FAILED
    assert "at least 4" in f.message
    assert f.recommendation is not None and "another KPI" in f.recommendation
