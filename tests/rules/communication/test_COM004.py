"""COM004: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

import pytest

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.communication.helpers import Assess, AssessAll, pointers


class TestCOM004:
    def test_passes_when_most_meetings_are_on_video(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-10-06", "2025-11-03", channel="video")  # 0..4
            .weekly_touchpoints("2025-11-10", "2025-11-17", channel="phone")  # 5, 6
            .touchpoint("2025-11-30", kind="status_report", channel="document")
        )
        f = assess("COM004", b)
        assert f.status is Status.PASSED
        assert f.value == pytest.approx(0.714)
        assert f.evidence == pointers(0, 1, 2, 3, 4)
        assert f.strength == (
            "5 of 7 meetings in the last 365 days (71%) were face to face or on video."
        )

    def test_fails_when_meetings_moved_to_email_and_phone(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-10-06", kind="qbr", channel="in_person")
            .weekly_touchpoints("2025-10-13", "2025-11-03", channel="email")  # 1..4
            .touchpoint("2025-11-10", channel="phone")
        )
        f = assess("COM004", b)
        assert f.status is Status.FAILED
        assert f.value == pytest.approx(0.167)
        assert f.evidence == pointers(1, 2, 3, 4, 5)
        assert "1 of 6 meetings" in f.message

    def test_just_under_half_is_low(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-10-06", "2025-10-27", channel="video")  # 0..3
            .weekly_touchpoints("2025-11-03", "2025-12-01", channel="phone")  # 4..8
        )
        f = assess("COM004", b)
        assert (f.status, f.severity) == (Status.FAILED, "low")

    def test_meetings_turned_to_email_are_one_defect_with_com010(
        self, assess_all: AssessAll
    ) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-10-06", kind="qbr", channel="video")
            .weekly_touchpoints("2025-10-13", "2025-12-29", channel="email")  # 1..12
        )
        report = assess_all(b)
        com004, com010 = finding(report, "COM004"), finding(report, "COM010")
        assert com004.status is com010.status is Status.FAILED
        # The same emailed meetings are the evidence of both: COM010 is primary.
        assert set(com004.evidence) == set(com010.evidence) == set(pointers(*range(1, 13)))
        assert com004.related_to == "COM010"
        assert com010.related == ["COM004"]
        assert com004.points_at_stake is None

    def test_not_applicable_with_too_few_meetings(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints("2025-12-01", "2025-12-15", channel="email")
        assert assess("COM004", b).status is Status.NOT_APPLICABLE

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM004", StateBuilder()).status is Status.NOT_APPLICABLE
