"""REC008: its rule file and its check sit side by side in ``rules/recognition/``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder


def every(days: int, first: str, last: str = "2026-01-05") -> list[dt.date]:
    day, end, out = dt.date.fromisoformat(first), dt.date.fromisoformat(last), []
    while day <= end:
        out.append(day)
        day += dt.timedelta(days=days)
    return out


def test_rec008_passes_with_recognition_about_monthly(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    for day in every(35, "2025-01-20"):
        b.recognition(day)
    f = assess(b, "REC008")
    assert f.status is Status.PASSED
    assert f.value == 35
    assert "since 2025-03-31" in f.message


def test_rec008_fails_on_a_70_day_silence_and_points_at_its_ends(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    for day in every(28, "2025-04-07", "2025-08-25"):
        b.recognition(day)
    for day in every(28, "2025-11-03"):
        b.recognition(day)
    f = assess(b, "REC008")
    assert f.status is Status.FAILED
    assert f.value == 70
    assert f.evidence == ["/recognitions/5", "/recognitions/6"]
    assert "from 2025-08-25 to 2025-11-03" in f.message
    assert f.score == pytest.approx(110 / 120, abs=0.001)


def test_rec008_counts_the_silence_up_to_as_of(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    for day in every(14, "2025-04-07", "2025-10-20"):
        b.recognition(day)
    b.recognition("2026-01-20")  # after as_of: not yet known
    f = assess(b, "REC008")
    assert f.status is Status.FAILED
    assert f.value == 77
    assert "to 2026-01-05" in f.message


def test_rec008_counts_from_go_live_in_ramp_up(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(as_of="2025-05-20").recorded("recognitions")
    f = assess(b, "REC008")
    assert f.status is Status.PASSED
    assert f.value == 50
    assert f.evidence == []


def test_rec008_is_not_applicable_without_a_record(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder(), "REC008").status is Status.NOT_APPLICABLE
    b = StateBuilder(as_of="2025-03-15").recorded("recognitions")
    assert assess(b, "REC008").status is Status.NOT_APPLICABLE
