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


def test_met004_fails_and_names_the_missing_fields(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.metric("cph", kind="cost_per_hire", target=4000, direction="lower", definition="Cost / hires")
    f = assess(b, "MET004")
    assert f.status is Status.FAILED
    assert f.value == 0.75
    assert f.evidence == ["/metrics/3"]
    assert "cph (no baseline, owner, benchmark)" in f.message
    assert f.score == pytest.approx(0.75)


def test_met004_required_fields_are_configurable(assess: Callable[..., Finding]) -> None:
    b = full_kpi(StateBuilder(), "ttf", "time_to_fill", baseline=None, benchmark=None)
    b.set("/metrics/0/baseline", None)
    assert assess(b, "MET004").status is Status.FAILED
    relaxed = assess(b, "MET004", required=["definition", "target", "direction", "owner"])
    assert relaxed.status is Status.PASSED


def test_met004_is_not_applicable_without_kpis(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder().recorded("metrics"), "MET004").status is Status.NOT_APPLICABLE
    assert assess(StateBuilder(), "MET004").status is Status.NOT_APPLICABLE
