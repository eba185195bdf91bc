"""REC004: its rule file and its check sit side by side in ``rules/recognition/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder


def test_rec004_passes_when_each_milestone_is_celebrated(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.milestone("go-live", "Go-live", achieved="2025-03-31")
    b.milestone("hires-50", "First 50 hires", achieved="2025-06-12")
    b.milestone("assess", "New assessment centre", planned="2026-03-01")
    b.recognition("2025-04-04", milestone_id="go-live")
    b.recognition("2025-06-20", milestone_id="hires-50")
    f = assess(b, "REC004")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert f.strength == (
        "Milestones are celebrated promptly: the 2 achieved in the last 365 days were each "
        "recognised within 14 days."
    )
    assert f.evidence == ["/milestones/0", "/milestones/1", "/recognitions/0", "/recognitions/1"]


def test_rec004_names_each_uncelebrated_milestone(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.milestone("go-live", "Go-live", achieved="2025-03-31")
    b.milestone("hires-50", "First 50 hires", achieved="2025-06-12")
    b.milestone("hires-100", "First 100 hires", achieved="2025-10-01")
    b.recognition("2025-04-04", milestone_id="go-live")
    b.recognition("2025-07-20", milestone_id="hires-50")  # 38 days late
    b.recognition("2025-10-03")  # general thanks, not linked
    f = assess(b, "REC004")
    assert f.status is Status.FAILED
    assert f.value == 2
    assert f.evidence == ["/milestones/1", "/milestones/2"]
    assert "milestone 'First 50 hires' achieved 2025-06-12" in f.message
    assert "milestone 'First 100 hires' achieved 2025-10-01" in f.message
    assert "2 of 3 achieved milestones" in f.message
    assert f.score == pytest.approx(0.5)
    assert f.severity == "low"
    assert f.owner == "both"  # milestones do not record who delivered them


def test_rec004_one_milestone_missed_is_low_four_are_medium(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    days = ("2025-04-30", "2025-06-30", "2025-08-29", "2025-10-31")
    for n, day in enumerate(days):
        b.milestone(f"m{n}", f"Milestone {n}", achieved=day)
    b.recorded("recognitions")
    f = assess(b, "REC004")
    assert f.value == 4
    assert f.severity == "medium"
    for n, day in enumerate(days[1:], 1):
        b.recognition(day, milestone_id=f"m{n}")
    f = assess(b, "REC004")
    assert f.value == 1
    assert f.severity == "low"


def test_rec004_accepts_a_celebration_just_before_sign_off(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.milestone("ttf-45", "Time to fill under 45 days", achieved="2025-09-30")
    b.recognition("2025-09-25", milestone_id="ttf-45")
    assert assess(b, "REC004").status is Status.PASSED
    assert assess(b, "REC004", early_days=0).status is Status.FAILED
    b.set("/recognitions/0/date", "2025-09-20")
    assert assess(b, "REC004").status is Status.FAILED


def test_rec004_gives_a_recent_milestone_its_14_days(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.milestone("hires-100", "First 100 hires", achieved="2025-12-30")
    b.recorded("recognitions")
    f = assess(b, "REC004")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight == 0  # recorded, nothing to judge yet
    assert "still within their 14-day window" in f.message


def test_rec004_ignores_milestones_achieved_after_as_of(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(as_of="2025-06-30")
    b.milestone("hires-100", achieved="2025-10-01")
    b.recorded("recognitions")
    f = assess(b, "REC004")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight == 0
    assert "no milestone was achieved" in f.message


def test_rec004_is_not_applicable_without_recognition_records(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder().milestone("go-live", achieved="2025-03-31")
    f = assess(b, "REC004")
    assert f.status is Status.NOT_APPLICABLE
    assert "recognitions" in f.message
