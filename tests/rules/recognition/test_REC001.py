"""REC001: its rule file and its check sit side by side in ``rules/recognition/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding, Report
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.recognition.helpers import every


def test_rec001_passes_with_recognition_this_month(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().recognition("2025-06-01").recognition("2025-12-22")
    f = assess(b, "REC001")
    assert f.status is Status.PASSED
    assert f.value == 14
    assert f.evidence == ["/recognitions/1"]


def test_rec001_a_silent_month_and_a_half_is_a_low_finding(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder().recognition("2025-11-17").recognition("2025-10-01")
    b.recognition("2026-01-20")  # after as_of: not yet known
    f = assess(b, "REC001")
    assert f.status is Status.FAILED
    assert f.value == 49
    assert f.evidence == ["/recognitions/0"]
    assert "49 days have passed since the latest recognition (latest: 2025-11-17)" in f.message
    assert f.score == pytest.approx(71 / 90, abs=0.001)
    assert f.severity == "low"


@pytest.mark.parametrize(
    ("latest", "days", "severity"),
    [("2025-10-27", 70, "medium"), ("2025-09-22", 105, "high"), ("2025-07-01", 188, "high")],
)
def test_rec001_grows_more_severe_as_the_silence_lengthens(
    assess: Callable[..., Finding], latest: str, days: int, severity: str
) -> None:
    f = assess(StateBuilder().recognition(latest), "REC001")
    assert f.value == days
    assert f.severity == severity


def test_rec001_fails_high_when_recorded_and_empty(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().recorded("recognitions"), "REC001")
    assert f.status is Status.FAILED
    assert f.value == 364
    assert f.severity == "high"
    assert "latest: never" in f.message


def test_rec001_and_rec008_count_the_same_silence_once(
    assess_all: Callable[..., Report],
) -> None:
    b = StateBuilder()
    for day in every(21, "2025-04-07", "2025-09-29"):
        b.recognition(day)
    report = assess_all(b)
    current, gap = finding(report, "REC001"), finding(report, "REC008")
    assert current.status is Status.FAILED and gap.status is Status.FAILED
    assert gap.evidence == current.evidence
    assert gap.related_to == "REC001"
    assert current.related == ["REC008"]


def test_rec001_and_rec008_with_no_recognition_at_all_are_one_silence(
    assess_all: Callable[..., Report],
) -> None:
    report = assess_all(StateBuilder().recorded("recognitions"))
    assert finding(report, "REC008").related_to == "REC001"


def test_rec001_is_not_applicable_without_a_record(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder(), "REC001").status is Status.NOT_APPLICABLE


def test_rec001_does_not_judge_implementation(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(as_of="2025-03-15").recorded("recognitions")
    assert assess(b, "REC001").status is Status.NOT_APPLICABLE
