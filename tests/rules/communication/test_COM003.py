"""COM003: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

import pytest

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import Assess, pointers


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
        assert f.evidence == pointers(0, 1)
        assert "2025-04-06 to 2025-07-05" in f.message
        assert "2025-10-06 to 2026-01-05" in f.message
        assert f.score == pytest.approx(0.0)

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

    def test_not_applicable_before_the_first_qbr_is_due(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-02-01").recorded("communications")
        f = assess("COM003", b)
        assert f.status is Status.NOT_APPLICABLE
        assert "2025-04-05" in f.message

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM003", StateBuilder()).status is Status.NOT_APPLICABLE
