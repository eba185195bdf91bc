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
        # Staying under the red-flag line is no achievement to praise.
        assert f.strength is None

    def test_a_pass_at_seventy_percent_email_claims_nothing(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-10-06", "2025-11-17", channel="email")  # 0..6
            .weekly_touchpoints("2025-11-24", "2025-12-08", channel="video")  # 7..9
        )
        f = assess("COM010", b)
        assert (f.status, f.value) == (Status.PASSED, 0.7)
        assert f.strength is None

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

    def test_com004_on_the_same_meetings_is_shown_beside_it(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints("2025-10-20", "2025-11-10", channel="email")
        f = assess("COM010", b)
        assert f.related == ["COM004"]
        assert assess("COM004", b).related_to == "COM010"

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM010", StateBuilder()).status is Status.NOT_APPLICABLE
