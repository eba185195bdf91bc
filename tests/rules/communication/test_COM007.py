"""COM007: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.view import first_sentence
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import Assess, pointers


class TestCOM007:
    def test_passes_when_both_sides_start_conversations(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-11-03", "2025-11-24", initiated_by="provider")  # 0..3
            .touchpoint("2025-12-01", kind="feedback", initiated_by="client")
            .touchpoint("2025-12-08", initiated_by="client")
        )
        f = assess("COM007", b)
        assert f.status is Status.PASSED
        assert f.value == pytest.approx(0.333)
        assert f.evidence == pointers(0, 1, 2, 3, 4, 5)

    def test_fails_when_only_the_provider_ever_starts_one(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-11-03", "2025-12-01", initiated_by="provider")  # 0..4
            .touchpoint("2025-12-05", kind="status_report", initiated_by="client")
        )
        f = assess("COM007", b)
        assert f.status is Status.FAILED
        assert f.value == 0.0
        assert f.evidence == pointers(0, 1, 2, 3, 4)
        assert "the client started only 0" in f.message
        assert f.recommendation and "started by the client" in f.recommendation
        # The side that never starts a contact is the one to act.
        assert f.owner == "client"
        assert first_sentence(f.recommendation).startswith("Have the client raise its own topics")
        assert f.severity == "medium"

    def test_the_provider_acts_when_it_never_starts_one(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints("2025-11-03", "2025-12-01", initiated_by="client")
        f = assess("COM007", b)
        assert f.owner == "provider"
        assert f.recommendation and f.recommendation.startswith("Have the provider raise")

    def test_a_share_just_under_the_limit_is_low(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-03-03", "2025-11-24", initiated_by="provider")  # 39
            .touchpoint("2025-12-01", initiated_by="client")
            .touchpoint("2025-12-08", initiated_by="client")
            .touchpoint("2025-12-15", initiated_by="client")
            .touchpoint("2025-12-22", initiated_by="client")
        )
        f = assess("COM007", b)
        assert f.status is Status.FAILED
        assert f.value == pytest.approx(0.093)
        assert f.severity == "low"

    def test_not_applicable_when_nobody_records_who_started(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints("2025-11-03", "2025-12-01")
        f = assess("COM007", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight > 0  # initiators not recorded: missing data

    def test_too_few_touchpoints_is_nothing_to_judge(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints("2025-12-15", "2025-12-29", initiated_by="provider")
        f = assess("COM007", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight == 0
