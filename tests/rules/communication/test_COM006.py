"""COM006: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.view import first_sentence
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
        # The client is the side that stays away: it acts, not "both".
        assert f.owner == "client"
        assert first_sentence(f.recommendation).startswith(
            "Have the client's sponsor or point person attend every monthly review"
        )

    @staticmethod
    def reviews(client_misses: int, provider_misses: int, total: int = 12) -> StateBuilder:
        b = StateBuilder()
        for n in range(total):
            parties = ["client", "provider"]
            if n < client_misses:
                parties.remove("client")
            elif total - n <= provider_misses:
                parties.remove("provider")
            b.touchpoint(f"2025-{n + 1:02d}-20", kind="monthly_review", parties=parties)
        return b

    def test_the_provider_acts_when_it_is_the_one_missing(self, assess: Assess) -> None:
        f = assess("COM006", self.reviews(0, 6))
        assert f.status is Status.FAILED
        assert f.owner == "provider"
        assert f.recommendation and f.recommendation.startswith("Have the provider's account lead")

    def test_both_act_when_both_stay_away(self, assess: Assess) -> None:
        f = assess("COM006", self.reviews(4, 4))
        assert f.owner == "both"
        assert "the client missed 4 of 12; the provider missed 4 of 12" in f.message
        assert f.recommendation and f.recommendation.startswith("Agree who from each side")

    def test_both_act_when_each_missed_one_too_many(self, assess: Assess) -> None:
        f = assess("COM006", self.reviews(1, 1))
        assert (f.status, f.owner) == (Status.FAILED, "both")

    def test_one_miss_too_many_is_low_and_a_side_never_there_high(self, assess: Assess) -> None:
        f = assess("COM006", self.reviews(2, 0))
        assert (f.status, f.severity) == (Status.FAILED, "low")
        f = assess("COM006", self.reviews(11, 0))
        assert (f.severity, f.score) == ("high", 0.0)

    def test_evidence_is_the_meetings_someone_missed(self, assess: Assess) -> None:
        f = assess("COM006", self.reviews(2, 1))
        assert f.evidence == pointers(0, 1, 11)

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
        f = assess("COM006", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight > 0  # attendance not recorded: missing data

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM006", StateBuilder()).status is Status.NOT_APPLICABLE

    def test_a_single_recorded_meeting_is_nothing_to_judge(self, assess: Assess) -> None:
        b = StateBuilder().touchpoint("2025-12-15", kind="qbr")
        f = assess("COM006", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight == 0
