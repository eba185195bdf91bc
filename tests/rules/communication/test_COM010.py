"""COM010: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import Assess, pointers


class TestCOM010:
    def test_passes_when_meetings_are_live(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-11-03", "2025-11-24", channel="video")
            .touchpoint("2025-12-01", channel="email")
        )
        f = assess("COM010", b)
        assert f.status is Status.PASSED
        assert f.value == 0.2
        assert f.evidence == pointers(4)

    def test_fails_when_almost_everything_is_email(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-10-14", kind="qbr", channel="video")
            .weekly_touchpoints("2025-10-20", "2025-11-10", channel="email")  # 1..4
            .touchpoint("2025-11-30", kind="status_report", channel="email")
        )
        f = assess("COM010", b)
        assert f.status is Status.FAILED
        assert f.value == 0.8
        assert f.evidence == pointers(1, 2, 3, 4)
        # 80% by email is just past the 75% limit: a failure, but a mild one
        assert f.severity == "low"

    def test_all_meetings_by_email_is_a_high_finding(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints("2025-10-20", "2025-11-10", channel="email")
        f = assess("COM010", b)
        assert (f.status, f.value, f.score) == (Status.FAILED, 1.0, 0.0)
        assert f.severity == "high"

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM010", StateBuilder()).status is Status.NOT_APPLICABLE
