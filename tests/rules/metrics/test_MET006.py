"""MET006: its rule file and its check sit side by side in ``rules/metrics/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.metrics.helpers import healthy


def test_met006_passes_when_changes_are_a_quarter_apart(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set("/metrics/1/adopted", "2025-06-30")
    b.set("/metrics/0/retired", "2025-09-30")
    b.metric("tts", kind="time_to_start", adopted="2025-09-30")
    f = assess(b, "MET006")
    assert f.status is Status.PASSED
    assert f.value == 1
    assert "the busiest quarter, 2025 Q2, saw primary KPIs change on 1 day" in f.message


def test_met006_ignores_the_scorecard_built_before_go_live(assess: Callable[..., Finding]) -> None:
    b = healthy()
    for index, day in enumerate(("2025-02-03", "2025-02-17", "2025-03-03")):
        b.set(f"/metrics/{index}/adopted", day)
    f = assess(b, "MET006")
    assert f.status is Status.PASSED
    assert f.value == 0
    # Not "the busiest quarter saw primary KPIs change on 0 days".
    assert f.message == "Since 2025-03-31, the primary KPIs have not changed (limit 1 per quarter)."


def test_met006_fails_when_the_scorecard_churns_within_a_quarter(
    assess: Callable[..., Finding],
) -> None:
    b = healthy()
    b.metric("s2i", kind="submittal_to_interview", adopted="2025-07-10", retired="2025-08-14")
    b.metric("oar", kind="offer_acceptance_rate", adopted="2025-08-14")
    b.set("/metrics/0/retired", "2025-09-22")
    b.metric("side", primary=False, adopted="2025-07-20")
    f = assess(b, "MET006")
    assert f.status is Status.FAILED
    assert f.value == 3
    assert f.evidence == [
        "/metrics/3/adopted",
        "/metrics/3/retired",
        "/metrics/4/adopted",
        "/metrics/0/retired",
    ]
    assert "2025 Q3" in f.message
    assert f.score == pytest.approx(1 / 3, abs=0.001)
    assert f.severity == "low"


def test_met006_a_scorecard_rebuilt_month_after_month_is_medium(
    assess: Callable[..., Finding],
) -> None:
    b = healthy()
    for n, day in enumerate(("2025-07-03", "2025-07-24", "2025-08-14", "2025-09-04")):
        b.metric(f"new{n}", adopted=day)
    f = assess(b, "MET006")
    assert f.value == 4
    assert f.severity == "medium"


def test_met006_forgets_churn_older_than_its_lookback(assess: Callable[..., Finding]) -> None:
    b = healthy(StateBuilder(as_of="2027-01-05"))
    b.metric("a", adopted="2025-07-10")
    b.metric("b", adopted="2025-08-10")
    assert assess(b, "MET006").status is Status.PASSED
    assert assess(b, "MET006", lookback_days=730).status is Status.FAILED


def test_met006_ignores_changes_after_as_of(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.metric("a", adopted="2026-01-10")
    b.metric("b", adopted="2026-02-10")
    assert assess(b, "MET006").value == 0


def test_met006_has_nothing_to_judge_without_primary_kpis(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().metric("side", primary=False)
    f = assess(b, "MET006")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight == 0
    assert assess(StateBuilder(), "MET006").weight > 0  # no metrics recorded at all
