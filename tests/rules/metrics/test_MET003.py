"""MET003: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding, Report
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.metrics.helpers import healthy

PURPOSE = "foundation_engine.rules.purpose"


def _kpis(count: int, builder: StateBuilder | None = None) -> StateBuilder:
    b = builder or StateBuilder()
    for n in range(count):
        b.metric(f"kpi{n}")
    return b


def test_met003_passes_with_a_focused_scorecard(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET003")
    assert f.status is Status.PASSED
    assert f.value == 3


def test_met003_does_not_praise_a_scorecard_too_thin_to_be_focused(
    assess: Callable[..., Finding],
) -> None:
    # "Kept to 1 primary KPIs, so attention stays on what matters" praised a gap (MET002's).
    f = assess(_kpis(1), "MET003")
    assert f.status is Status.PASSED
    assert f.strength is None


def test_met003_a_dozen_kpis_is_a_warning(assess: Callable[..., Finding]) -> None:
    b = _kpis(12)
    b.metric("secondary", primary=False)
    b.metric("retired", retired="2025-09-30")
    f = assess(b, "MET003")
    assert f.status is Status.FAILED
    assert f.value == 12
    assert f.evidence == [f"/metrics/{n}" for n in range(12)]
    assert "limit is 10" in f.message
    assert f.score == pytest.approx(0.8)
    assert f.severity == "low"


def test_met003_a_scorecard_far_over_the_limit_is_medium(assess: Callable[..., Finding]) -> None:
    f = assess(_kpis(16), "MET003")
    assert f.severity == "medium"
    assert assess(_kpis(15), "MET003").severity == "low"


def test_met003_counts_a_sprawling_scorecard_once(assess_all: Callable[..., Report]) -> None:
    """Undefined KPIs that serve no goal are the sprawl itself, not two more defects."""
    b = healthy()
    for goal, kpi in (("g1", "ttf"), ("g2", "fyt"), ("g3", "hms")):
        b.goal(goal, metric_ids=[kpi])
    _kpis(9, b)
    report = assess_all(b, PURPOSE)
    sprawl = finding(report, "MET003")
    assert sprawl.status is Status.FAILED
    assert sprawl.related == ["MET004", "PUR005"]
    for other in ("MET004", "PUR005"):
        folded = finding(report, other)
        assert folded.status is Status.FAILED
        assert folded.related_to == "MET003"


def test_met003_leaves_a_missing_quality_kpi_a_finding_of_its_own(
    assess_all: Callable[..., Report],
) -> None:
    """Trimming a sprawling scorecard does not add the quality or retention KPI it lacks."""
    report = assess_all(_kpis(12))
    assert finding(report, "MET003").status is Status.FAILED
    missing = finding(report, "MET005")
    assert missing.status is Status.FAILED
    assert missing.related_to is None


def test_met003_is_not_applicable_with_no_kpi(assess: Callable[..., Finding]) -> None:
    empty = assess(StateBuilder().recorded("metrics"), "MET003")
    assert empty.status is Status.NOT_APPLICABLE
    assert empty.weight == 0  # recorded and empty: MET001's to flag, nothing to judge here
