"""COM006: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

import pytest

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import Assess, pointers


class TestCOM006:
    def test_passes_when_both_attend(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-10-27", kind="monthly_review")
            .touchpoint("2025-11-24", kind="monthly_review")
            .touchpoint("2025-12-01", kind="weekly_checkin", parties=["provider"])
            .touchpoint("2025-12-15", kind="qbr")
        )
        f = assess("COM006", b)
        assert f.status is Status.PASSED
        assert f.value == 1.0
        assert f.evidence == pointers(0, 1, 3)

    def test_fails_when_the_client_stays_away(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-06-16", kind="qbr", parties=["provider"])
            .touchpoint("2025-10-14", kind="qbr", parties=["provider"])
            .touchpoint("2025-11-24", kind="monthly_review")
        )
        f = assess("COM006", b)
        assert f.status is Status.FAILED
        assert f.value == pytest.approx(0.333)
        assert f.evidence == pointers(0, 1)
        assert "the client missed 2 of 3" in f.message
        assert f.recommendation and "the client missed 2 of 3" in f.recommendation

    def test_meetings_outside_the_year_to_as_of_are_left_out(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2024-12-20", kind="qbr", parties=["provider"])
            .touchpoint("2025-11-24", kind="monthly_review")
            .touchpoint("2025-12-15", kind="qbr")
            .touchpoint("2026-01-20", kind="qbr", parties=["provider"])
        )
        f = assess("COM006", b)
        assert f.status is Status.PASSED
        assert f.evidence == pointers(1, 2)

    def test_meetings_without_attendance_are_left_out(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-10-27", kind="monthly_review", parties=[])
            .touchpoint("2025-11-24", kind="monthly_review", parties=[])
            .touchpoint("2025-12-15", kind="qbr")
        )
        assert assess("COM006", b).status is Status.NOT_APPLICABLE

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM006", StateBuilder()).status is Status.NOT_APPLICABLE
