"""REC001: its rule file and its check sit side by side in ``rules/recognition/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder


def test_rec001_passes_with_recognition_this_month(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().recognition("2025-06-01").recognition("2025-12-22")
    f = assess(b, "REC001")
    assert f.status is Status.PASSED
    assert f.value == 14
    assert f.evidence == ["/recognitions/1"]


def test_rec001_fails_after_a_silent_month(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().recognition("2025-11-17").recognition("2025-10-01")
    b.recognition("2026-01-20")  # after as_of: not yet known
    f = assess(b, "REC001")
    assert f.status is Status.FAILED
    assert f.value == 49
    assert f.evidence == ["/recognitions/0"]
    assert "49 days have passed since the latest recognition (latest: 2025-11-17)" in f.message
    assert f.score == pytest.approx(41 / 60, abs=0.001)


def test_rec001_fails_when_recorded_and_empty(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().recorded("recognitions"), "REC001")
    assert f.status is Status.FAILED
    assert f.value == 364
    assert "latest: never" in f.message


def test_rec001_is_not_applicable_without_a_record(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder(), "REC001").status is Status.NOT_APPLICABLE


def test_rec001_does_not_judge_implementation(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(as_of="2025-03-15").recorded("recognitions")
    assert assess(b, "REC001").status is Status.NOT_APPLICABLE
