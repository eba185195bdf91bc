"""MET003: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.metrics.helpers import healthy


def test_met003_passes_with_a_focused_scorecard(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET003")
    assert f.status is Status.PASSED
    assert f.value == 3


def test_met003_fails_with_a_dozen_kpis(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    for n in range(12):
        b.metric(f"kpi{n}")
    b.metric("secondary", primary=False)
    f = assess(b, "MET003")
    assert f.status is Status.FAILED
    assert f.value == 12
    assert len(f.evidence) == 12
    assert "/metrics/12" not in f.evidence
    assert "limit is 10" in f.message
    assert f.score == pytest.approx(0.8)


def test_met003_is_not_applicable_with_no_kpi(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder().recorded("metrics"), "MET003").status is Status.NOT_APPLICABLE
