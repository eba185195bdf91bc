"""REC008: its rule file and its check sit side by side in ``rules/recognition/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding, Report
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.recognition.helpers import every


def test_rec008_passes_with_recognition_about_monthly(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    for day in every(35, "2025-01-20"):
        b.recognition(day)
    f = assess(b, "REC008")
    assert f.status is Status.PASSED
    assert f.value == 35
    assert "since 2025-03-31" in f.message
    assert f.strength is not None and f.strength.startswith("Recognition is a habit: since 2025")


def test_rec008_fails_on_a_70_day_silence_and_points_at_its_opening(
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
    # The last recognition before the silence; the one that ended it is the latest
    # recognition, which is REC001's evidence for a different silence.
    assert f.evidence == ["/recognitions/5"]
    assert "from 2025-08-25 to 2025-11-03" in f.message
    assert f.score == pytest.approx(110 / 120, abs=0.001)
    assert f.severity == "low"


def test_rec008_counts_the_silence_up_to_as_of(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    for day in every(14, "2025-04-07", "2025-10-20"):
        b.recognition(day)
    b.recognition("2026-01-20")  # after as_of: not yet known
    f = assess(b, "REC008")
    assert f.status is Status.FAILED
    assert f.value == 77
    assert f.evidence == ["/recognitions/14"]
    assert "to 2026-01-05" in f.message


def test_rec008_prefers_the_current_silence_on_a_tie(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    for day in ("2025-06-09", "2025-08-18", "2025-10-27"):  # every gap, from go-live, is 70
        b.recognition(day)
    f = assess(b, "REC008")
    assert f.value == 70
    assert f.evidence == ["/recognitions/2"]
    assert "from 2025-10-27 to 2026-01-05" in f.message


def test_rec008_an_earlier_lapse_is_not_rec001s_silence(assess: Callable[..., Finding]) -> None:
    """A lapse that ended is a finding of its own beside the silence running now."""
    b = StateBuilder()
    for day in every(14, "2025-04-07", "2025-06-02"):
        b.recognition(day)
    b.recognition("2025-10-20")  # ends a 140-day lapse; 77 quiet days since
    gap, current = assess(b, "REC008"), assess(b, "REC001")
    assert gap.value == 140 and current.value == 77
    assert current.evidence == ["/recognitions/5"]
    assert not set(gap.evidence) & set(current.evidence)


def test_rec008_an_earlier_lapse_counts_apart_from_the_current_silence(
    assess_all: Callable[..., Report],
) -> None:
    b = StateBuilder()
    for day in every(14, "2025-04-07", "2025-06-02"):
        b.recognition(day)
    b.recognition("2025-10-20")
    assert finding(assess_all(b), "REC008").related_to is None


def test_rec008_counts_from_go_live_in_ramp_up(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(as_of="2025-05-20").recognition("2025-04-20")
    f = assess(b, "REC008")
    assert f.status is Status.PASSED
    assert f.value == 30
    assert f.evidence == ["/recognitions/0"]


def test_rec008_praises_no_habit_before_any_recognition(assess: Callable[..., Finding]) -> None:
    # Fifty days after go-live with nothing recorded used to pass as "a habit".
    b = StateBuilder(as_of="2025-05-20").recorded("recognitions")
    f = assess(b, "REC008")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight == 0
    assert f.strength is None
    assert "no recognition has been recorded since 2025-03-31, 50 days ago" in f.message
    b = StateBuilder(as_of="2025-06-20").recorded("recognitions")
    assert assess(b, "REC008").status is Status.FAILED  # 81 days: a lapse


def test_rec008_is_not_applicable_without_a_record(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder(), "REC008").status is Status.NOT_APPLICABLE
    b = StateBuilder(as_of="2025-03-15").recorded("recognitions")
    assert assess(b, "REC008").status is Status.NOT_APPLICABLE
