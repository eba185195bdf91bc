"""COM008: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

import pytest

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import Assess, pointers

FULL = ["pipeline", "time_to_fill", "joint_actions"]


class TestCOM008:
    def test_passes_when_updates_cover_all_three(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-11-03", "2025-12-29", topics=FULL)  # 0..8
            .touchpoint("2025-12-31", kind="status_report", channel="document", topics=["pipeline"])
        )
        f = assess("COM008", b)
        assert f.status is Status.PASSED
        assert f.value == 0.9
        assert f.evidence == pointers(*range(9))
        assert f.strength and f.strength.startswith("9 of 10 status updates")

    def test_fails_and_names_the_topics_left_out(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-11-30", kind="status_report", topics=["pipeline"])
            .touchpoint("2025-12-31", kind="status_report", topics=["pipeline", "time_to_fill"])
            .touchpoint("2025-12-15", kind="monthly_review", topics=FULL)
            .touchpoint("2025-12-16", kind="qbr", topics=["goals"])  # a QBR is not a status update
        )
        f = assess("COM008", b)
        assert f.status is Status.FAILED
        assert f.value == pytest.approx(0.333)
        assert f.evidence == pointers(0, 1)
        assert "joint actions (missing from 2), time to fill (missing from 1)" in f.message
        assert f.owner == "provider"

    def test_half_the_updates_complete_is_low(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-11-03", "2025-11-24", topics=FULL)  # 0..3
            .weekly_touchpoints("2025-12-01", "2025-12-22", topics=["pipeline"])  # 4..7
        )
        f = assess("COM008", b)
        assert (f.status, f.value, f.severity) == (Status.FAILED, 0.5, "low")
        assert f.evidence == pointers(4, 5, 6, 7)

    def test_nothing_to_judge_without_an_update_in_the_window(self, assess: Assess) -> None:
        b = StateBuilder().touchpoint("2025-06-02", topics=FULL)
        f = assess("COM008", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight == 0

    def test_not_applicable_when_topics_are_not_recorded(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints("2025-11-03", "2025-12-29")
        f = assess("COM008", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight > 0  # the content is not recorded: missing data
        assert "records its topics" in f.message

    def test_not_applicable_during_implementation(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-03-01").touchpoint("2025-02-20", topics=["pipeline"])
        assert assess("COM008", b).status is Status.NOT_APPLICABLE
