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


def test_met002_fails_with_one_kpi_and_names_it(assess: Callable[..., Finding]) -> None:
    f = assess(full_kpi(StateBuilder(), "ttf", "time_to_fill"), "MET002")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/metrics/0"]
    assert "time to fill" in f.message
    assert f.score == pytest.approx(1 / 3, abs=0.001)


def test_met002_leaves_an_empty_scorecard_to_met001(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().recorded("metrics"), "MET002")
    assert f.status is Status.NOT_APPLICABLE


def test_met002_minimum_is_configurable(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET002", min_kpis=4)
    assert f.status is Status.FAILED
    assert "at least 4" in f.message
