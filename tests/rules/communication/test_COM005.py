"""COM005: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

import pytest

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import Assess, pointers


class TestCOM005:
    def test_passes_when_qbrs_alternate(self, assess: Assess) -> None:
        b = StateBuilder()
        for day, channel in (
            ("2025-01-10", "in_person"),
            ("2025-04-10", "video"),
            ("2025-07-10", "in_person"),
            ("2025-10-10", "video"),
        ):
            b.touchpoint(day, kind="qbr", channel=channel)
        f = assess("COM005", b)
        assert f.status is Status.PASSED
        assert f.value == 1
        assert f.evidence == pointers(0, 2)

    def test_fails_on_two_remote_qbrs_in_a_row(self, assess: Assess) -> None:
        b = StateBuilder()
        for day, channel in (
            ("2025-04-10", "in_person"),
            ("2025-07-10", "video"),
            ("2025-10-10", "phone"),
        ):
            b.touchpoint(day, kind="qbr", channel=channel)
        f = assess("COM005", b)
        assert f.status is Status.FAILED
        assert f.value == 2
        assert f.evidence == pointers(1, 2)
        # One remote QBR more than allowed moves the score a third of the way down.
        assert f.score == pytest.approx(2 / 3, abs=1e-3)
        assert f.severity == "low"

    def test_every_qbr_away_from_the_room_scores_zero(self, assess: Assess) -> None:
        b = StateBuilder()
        for day, channel in (
            ("2025-01-10", "video"),
            ("2025-04-10", "email"),
            ("2025-07-10", "video"),
            ("2025-10-10", "document"),
        ):
            b.touchpoint(day, kind="qbr", channel=channel)
        f = assess("COM005", b)
        assert (f.status, f.value, f.score) == (Status.FAILED, 4, 0.0)
        assert f.evidence == pointers(0, 1, 2, 3)

    def test_only_the_latest_qbrs_are_judged(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2026-07-31")
        for day, channel in (
            ("2025-01-10", "video"),
            ("2025-04-10", "video"),
            ("2025-07-10", "in_person"),
            ("2025-10-10", "video"),
            ("2026-01-10", "in_person"),
            ("2026-04-10", "video"),
        ):
            b.touchpoint(day, kind="qbr", channel=channel)
        f = assess("COM005", b)
        assert f.status is Status.PASSED
        assert f.evidence == pointers(2, 4)

    def test_nothing_to_judge_with_a_single_qbr(self, assess: Assess) -> None:
        b = StateBuilder().touchpoint("2025-10-10", kind="qbr", channel="video")
        f = assess("COM005", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight == 0
        assert "1 QBR held" in f.message

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        f = assess("COM005", StateBuilder())
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight > 0
