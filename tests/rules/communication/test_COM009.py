"""COM009: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import Assess


def feedback_metric(unit: str | None, *observations: tuple[str, float]) -> StateBuilder:
    b = StateBuilder().metric(
        "hmf",
        "Feedback turnaround",
        kind="hiring_manager_feedback_time",
        observations=observations,
    )
    return b.set("/metrics/0/unit", unit) if unit is not None else b


class TestCOM009:
    def test_passes_with_feedback_inside_two_days(self, assess: Assess) -> None:
        b = feedback_metric("hours", ("2025-10-31", 60), ("2025-11-30", 36))
        f = assess("COM009", b)
        assert f.status is Status.PASSED
        assert f.value == 36
        assert f.evidence == ["/metrics/0/observations/1"]

    def test_fails_and_converts_days_to_hours(self, assess: Assess) -> None:
        b = feedback_metric("days", ("2025-11-30", 3.5), ("2026-02-28", 1))
        f = assess("COM009", b)
        assert f.status is Status.FAILED
        assert f.value == 84
        assert f.evidence == ["/metrics/0/observations/0"]
        assert "3.5 days" in f.message
        assert f.owner == "client"

    def test_a_day_over_is_low_and_a_week_medium(self, assess: Assess) -> None:
        f = assess("COM009", feedback_metric("hours", ("2025-11-30", 60)))
        assert (f.status, f.severity) == (Status.FAILED, "low")
        f = assess("COM009", feedback_metric("days", ("2025-11-30", 7)))
        assert (f.value, f.score, f.severity) == (168, 0.0, "medium")

    def test_a_retired_feedback_metric_is_history(self, assess: Assess) -> None:
        b = feedback_metric("hours", ("2025-11-30", 90)).set("/metrics/0/retired", "2025-12-15")
        f = assess("COM009", b)
        assert f.status is Status.NOT_APPLICABLE
        assert "no metric of kind hiring_manager_feedback_time" in f.message

    def test_a_metric_retired_after_as_of_still_counts(self, assess: Assess) -> None:
        b = feedback_metric("hours", ("2025-11-30", 90)).set("/metrics/0/retired", "2026-02-15")
        assert assess("COM009", b).status is Status.FAILED

    def test_hours_are_assumed_without_a_unit(self, assess: Assess) -> None:
        assert assess("COM009", feedback_metric(None, ("2025-11-30", 50))).value == 50

    def test_not_applicable_with_only_old_observations(self, assess: Assess) -> None:
        b = feedback_metric("hours", ("2025-03-31", 90))
        assert assess("COM009", b).status is Status.NOT_APPLICABLE

    def test_not_applicable_with_an_unknown_unit(self, assess: Assess) -> None:
        f = assess("COM009", feedback_metric("weeks", ("2025-11-30", 1)))
        assert f.status is Status.NOT_APPLICABLE
        assert "weeks" in f.message

    def test_not_applicable_without_the_metric(self, assess: Assess) -> None:
        b = StateBuilder().metric("ttf", kind="time_to_fill", observations=[("2025-11-30", 40)])
        assert assess("COM009", b).status is Status.NOT_APPLICABLE
