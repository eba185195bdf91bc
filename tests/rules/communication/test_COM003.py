"""COM003: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

from typing import Any

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.view import first_sentence
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import Assess, options, pointers


class TestCOM003:
    def test_passes_with_a_qbr_in_each_of_four_quarters(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2026-01-06")
        for day in ("2025-01-07", "2025-04-10", "2025-07-10", "2025-10-10"):
            b.touchpoint(day, kind="qbr")
        f = assess("COM003", b)
        assert f.status is Status.PASSED
        assert f.value == 0
        assert f.evidence == pointers(0, 1, 2, 3)

    def test_fails_and_names_the_quarters_missed(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-06")
            .touchpoint("2025-01-07", kind="qbr")
            .touchpoint("2025-07-10", kind="qbr")
            .touchpoint("2025-08-10", kind="monthly_review")
        )
        f = assess("COM003", b)
        assert f.status is Status.FAILED
        assert f.value == 2
        # No record stands for a quarter that held nothing: the failure points at the section.
        assert f.evidence == ["/communications"]
        assert "2025-04-06 to 2025-07-05" in f.message
        assert "2025-10-06 to 2026-01-05" in f.message
        assert f.score == pytest.approx(1 / 3, abs=1e-3)
        assert f.severity == "medium"

    @staticmethod
    def year_of_qbrs(**last: Any) -> StateBuilder:
        """Four QBRs, one a quarter, the last one recorded with the fields given."""
        b = StateBuilder(as_of="2026-01-06")
        for day in ("2025-01-07", "2025-04-10", "2025-07-10"):
            b.touchpoint(day, kind="qbr")
        return b.touchpoint("2025-10-10", kind="qbr", **last)

    def test_a_deck_emailed_to_an_absent_client_is_no_qbr(self, assess: Assess) -> None:
        f = assess("COM003", self.year_of_qbrs(channel="email", parties=["provider"]))
        assert f.status is Status.FAILED
        assert f.value == 1
        assert f.evidence == pointers(3)
        assert "live QBR with both parties present" in f.message
        assert (
            "(2025-10-06 to 2026-01-05: the QBR of 2025-10-10 was held by email, without the "
            "client)" in f.message
        )

    def test_a_live_qbr_without_the_client_does_not_count(self, assess: Assess) -> None:
        f = assess("COM003", self.year_of_qbrs(channel="in_person", parties=["provider"]))
        assert f.status is Status.FAILED
        assert "the QBR of 2025-10-10 was held without the client" in f.message

    def test_a_qbr_by_phone_with_both_does_not_count(self, assess: Assess) -> None:
        f = assess("COM003", self.year_of_qbrs(channel="phone"))
        assert f.status is Status.FAILED
        assert "the QBR of 2025-10-10 was held by phone)" in f.message

    def test_a_video_qbr_with_attendance_unrecorded_counts(self, assess: Assess) -> None:
        f = assess("COM003", self.year_of_qbrs(channel="video", parties=[]))
        assert f.status is Status.PASSED

    def test_every_recorded_qbr_counts_when_live_only_is_off(self, assess: Assess) -> None:
        b = self.year_of_qbrs(channel="email", parties=["provider"])
        f = assess("COM003", b, options("COM003", live_only=False))
        assert f.status is Status.PASSED
        assert f.strength == "A QBR in every one of the last 4 contract quarters."

    def test_the_strength_says_what_counted(self, assess: Assess) -> None:
        f = assess("COM003", self.year_of_qbrs())
        assert f.status is Status.PASSED
        assert f.strength == (
            "A live QBR with both parties present in every one of the last 4 contract quarters."
        )

    def test_severity_grows_with_the_quarters_missed(self, assess: Assess) -> None:
        def held(*days: str) -> StateBuilder:
            b = StateBuilder(as_of="2026-01-06")
            for day in days:
                b.touchpoint(day, kind="qbr")
            return b

        one = assess("COM003", held("2025-01-07", "2025-04-10", "2025-07-10"))
        assert (one.value, one.severity) == (1, "low")
        two = assess("COM003", held("2025-01-07", "2025-04-10"))
        assert (two.value, two.severity) == (2, "medium")
        three = assess("COM003", held("2025-01-07"))
        assert (three.value, three.severity, three.score) == (3, "high", 0.0)
        assert three.recommendation
        assert first_sentence(three.recommendation).startswith("Book the QBRs")

    def test_no_qbr_at_all_points_at_the_communications(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2026-01-06").recorded("communications")
        f = assess("COM003", b)
        assert f.status is Status.FAILED
        assert f.value == 4
        assert f.evidence == ["/communications"]

    def test_a_kick_off_qbr_at_contract_start_passes_at_once(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-02-01").touchpoint("2025-01-07", kind="qbr")
        f = assess("COM003", b)
        assert f.status is Status.PASSED
        assert f.evidence == pointers(0)

    def test_only_the_latest_quarters_are_judged(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2026-07-06")  # six complete quarters; the first two missed
        for day in ("2025-07-10", "2025-10-10", "2026-01-10", "2026-04-10"):
            b.touchpoint(day, kind="qbr")
        f = assess("COM003", b)
        assert f.status is Status.PASSED
        assert f.value == 0

    def test_a_qbr_dated_after_as_of_does_not_count(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-02-01").touchpoint("2025-03-01", kind="qbr")
        assert assess("COM003", b).status is Status.NOT_APPLICABLE
        b = StateBuilder(as_of="2025-07-01").touchpoint("2025-07-02", kind="qbr")
        f = assess("COM003", b)
        assert f.status is Status.FAILED
        assert f.value == 1
        assert f.evidence == ["/communications"]

    def test_nothing_to_judge_before_the_first_qbr_is_due(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-02-01").recorded("communications")
        f = assess("COM003", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight == 0
        assert "2025-04-05" in f.message

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM003", StateBuilder()).status is Status.NOT_APPLICABLE
