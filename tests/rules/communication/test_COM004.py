"""COM004: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

import pytest

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import Assess, pointers


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

    def test_not_applicable_with_too_few_meetings(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints("2025-12-01", "2025-12-15", channel="email")
        assert assess("COM004", b).status is Status.NOT_APPLICABLE

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM004", StateBuilder()).status is Status.NOT_APPLICABLE
