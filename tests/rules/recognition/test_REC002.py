"""REC002: its rule file and its check sit side by side in ``rules/recognition/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder


def test_rec002_passes_when_most_recognition_names_what_it_celebrates(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder().milestone("go-live").metric("ttf").goal("g1")
    b.recognition("2025-05-01", milestone_id="go-live")
    b.recognition("2025-06-01", metric_id="ttf")
    b.recognition("2025-07-01", goal_id="g1")
    b.recognition("2025-08-01")
    f = assess(b, "REC002")
    assert f.status is Status.PASSED
    assert f.value == 0.75
    assert f.evidence == ["/recognitions/0", "/recognitions/1", "/recognitions/2"]
    assert f.strength == (
        "Recognition is specific: 75% of it names the milestone, goal or KPI being celebrated."
    )


def test_rec002_fails_on_general_thanks_and_lists_them(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().milestone("go-live")
    b.recognition("2025-05-01", milestone_id="go-live")
    b.recognition("2025-06-01").recognition("2025-07-01").recognition("2025-08-01")
    f = assess(b, "REC002")
    assert f.status is Status.FAILED
    assert f.value == 0.25
    assert f.severity == "low"
    assert f.evidence == ["/recognitions/1", "/recognitions/2", "/recognitions/3"]
    assert "(25%)" in f.message
    assert "at least 70% should" in f.message


def test_rec002_names_the_side_whose_thanks_say_least(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().metric("ttf").metric("hmft")
    for day in ("2025-05-01", "2025-06-01", "2025-07-01"):
        b.recognition(day, "client", "provider", metric_id="ttf")
    for day in ("2025-08-01", "2025-09-01", "2025-10-01"):
        b.recognition(day, "provider", "client")
    f = assess(b, "REC002")
    assert f.status is Status.FAILED
    assert f.owner == "provider"
    assert f.recommendation is not None
    assert f.recommendation.startswith("When the provider thanks the client's managers")
    b.recognition("2025-11-01", "client", "provider")
    b.recognition("2025-11-15", "client", "provider")
    assert assess(b, "REC002").owner == "both"


def test_rec002_ignores_recognition_older_than_a_year(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(as_of="2026-06-30").metric("ttf")
    for _ in range(4):
        b.recognition("2025-02-01")
    for day in ("2025-08-01", "2025-09-01", "2025-10-01", "2025-11-01"):
        b.recognition(day, metric_id="ttf")
    f = assess(b, "REC002")
    assert f.status is Status.PASSED
    assert f.value == 1.0


def test_rec002_has_nothing_to_judge_with_too_few_entries(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().recognition("2025-06-01").recognition("2025-07-01")
    f = assess(b, "REC002")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight == 0
    # Not "0 matching records", which read as if none named a milestone.
    assert "2 recognitions in the last 365 days; at least 4 are needed" in f.message
    assert assess(StateBuilder().recorded("recognitions"), "REC002").weight == 0


def test_rec002_is_not_applicable_without_a_record(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder(), "REC002")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight > 0
