"""COM002: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import GO_LIVE, Assess, pointers


class TestCOM002:
    def test_passes_with_a_review_every_four_weeks(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints(
            "2025-04-28", "2026-01-05", every_days=28, kind="monthly_review"
        )
        f = assess("COM002", b)
        assert f.status is Status.PASSED
        assert f.value == 28
        assert f.evidence == pointers(0)  # go-live to the first review
        assert f.strength and "with the client" not in f.strength

    def test_a_qbr_stands_in_for_that_months_review(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-04-28", "2025-09-29", every_days=28, kind="monthly_review")
            .touchpoint("2025-10-27", kind="qbr")
            .weekly_touchpoints("2025-11-24", "2026-01-05", every_days=28, kind="monthly_review")
        )
        assert assess("COM002", b).status is Status.PASSED

    def test_fails_when_reviews_stop(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-04-28", "2025-07-21", every_days=28, kind="monthly_review")
            .weekly_touchpoints(GO_LIVE, "2026-01-05")  # weekly check-ins do not count
        )
        f = assess("COM002", b)
        assert f.status is Status.FAILED
        assert f.value == 168
        assert f.evidence == pointers(3)
        assert "2025-07-21 to 2026-01-05" in f.message
        assert f.recommendation and "monthly performance review" in f.recommendation
        assert f.owner == "provider"
        assert f.severity == "medium"  # more than three months without a review

    def test_one_skipped_month_is_low(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-04-28", "2025-08-18", every_days=28, kind="monthly_review")
            .weekly_touchpoints("2025-10-13", "2026-01-05", every_days=28, kind="monthly_review")
        )
        f = assess("COM002", b)
        assert (f.status, f.value, f.severity) == (Status.FAILED, 56, "low")

    def test_nothing_to_judge_before_the_first_review_is_due(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-05-05").weekly_touchpoints(GO_LIVE, "2025-05-05")
        f = assess("COM002", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight == 0
        # No review held yet: no strength about reviewing performance.
        assert f.strength is None

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM002", StateBuilder()).status is Status.NOT_APPLICABLE
