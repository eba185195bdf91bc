"""PUR004: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

import pytest

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.purpose.helpers import Assess


def goals(*ids: str, as_of: str = "2026-01-05") -> StateBuilder:
    """Concrete goals, each measured by time to fill and due at the end of 2026."""
    b = StateBuilder(as_of=as_of).metric("ttf", "Time to fill", kind="time_to_fill")
    for gid in ids:
        b.goal(gid, category="hire_talent", target_date="2026-12-31", metric_ids=["ttf"])
    return b


class TestPUR004:
    def test_passes_when_every_goal_is_concrete(self, assess: Assess) -> None:
        f = assess("PUR004", goals("G1"))
        assert f.status is Status.PASSED
        assert f.value == 1.0
        assert f.evidence == ["/purpose/goals/0"]
        assert f.strength and f.strength.startswith("1 of 1 goals are concrete")

    def test_fails_and_names_what_each_vague_goal_lacks(self, assess: Assess) -> None:
        b = (
            goals("G1")
            .goal("G2", "Fill roles faster", category="fill_gaps")
            .goal("G3", "Better candidates", category=None, target_date="2026-12-31")
        )
        f = assess("PUR004", b)
        assert f.status is Status.FAILED
        assert f.value == pytest.approx(0.333)
        assert f.evidence == ["/purpose/goals/1", "/purpose/goals/2"]
        assert "G2 lacks a target date and a linked metric" in f.message
        assert "G3 lacks a category and a linked metric" in f.message
        assert f.score == pytest.approx(0.333)

    def test_a_goal_measured_only_by_a_retired_metric_is_flagged(self, assess: Assess) -> None:
        b = (
            goals("G1")
            .metric("tfi", "Time to first interview", retired="2025-06-30")
            .goal("G2", category="hire_talent", target_date="2026-12-31", metric_ids=["tfi"])
        )
        f = assess("PUR004", b)
        assert f.status is Status.FAILED
        assert f.evidence == ["/purpose/goals/1"]
        assert (
            "G2 is measured only by retired metrics (Time to first interview, retired 2025-06-30)"
            in f.message
        )
        assert "1 of 2 goals" in f.message

    def test_one_metric_in_force_is_enough(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .metric("tfi", "Time to first interview", retired="2025-06-30")
            .metric("ttf", "Time to fill")
            .goal("G1", category="hire_talent", target_date="2026-12-31", metric_ids=["tfi", "ttf"])
        )
        assert assess("PUR004", b).status is Status.PASSED

    def test_a_metric_retired_after_as_of_still_measures_the_goal(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .metric("tfi", "Time to first interview", retired="2026-03-31")
            .goal("G1", category="hire_talent", target_date="2026-12-31", metric_ids=["tfi"])
        )
        assert assess("PUR004", b).status is Status.PASSED

    def test_a_goal_past_its_date_with_no_review_since_is_flagged(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .purpose(documented="2025-01-20")
            .metric("ttf", "Time to fill")
            .goal("G1", category="hire_talent", target_date="2025-06-30", metric_ids=["ttf"])
        )
        f = assess("PUR004", b)
        assert f.status is Status.FAILED
        assert (
            "G1 passed its target date of 2025-06-30 and the purpose was last written, reviewed "
            "or signed on 2025-01-20" in f.message
        )

    def test_a_review_after_the_target_date_keeps_the_goal_concrete(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .purpose(documented="2025-01-20", last_reviewed="2025-07-15")
            .metric("ttf", "Time to fill")
            .goal("G1", category="hire_talent", target_date="2025-06-30", metric_ids=["ttf"])
        )
        assert assess("PUR004", b).status is Status.PASSED

    def test_a_target_date_just_passed_has_a_quarter_to_be_reviewed(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .purpose(documented="2025-01-20")
            .metric("ttf", "Time to fill")
            .goal("G1", category="hire_talent", target_date="2025-10-31", metric_ids=["ttf"])
        )
        assert assess("PUR004", b).status is Status.PASSED

    def test_one_vague_goal_among_four_is_low_and_none_concrete_medium(
        self, assess: Assess
    ) -> None:
        one = assess("PUR004", goals("G1", "G2", "G3").goal("G4", category=None))
        assert (one.status, one.severity) == (Status.FAILED, "low")
        b = StateBuilder().goal("G1", category=None).goal("G2", category=None)
        none = assess("PUR004", b)
        assert (none.score, none.severity) == (0.0, "medium")

    def test_an_empty_list_of_goals_fails(self, assess: Assess) -> None:
        f = assess("PUR004", StateBuilder().purpose().recorded("goals"))
        assert f.status is Status.FAILED
        assert f.value == 0.0
        assert f.evidence == ["/purpose/goals"]

    def test_not_applicable_when_goals_are_not_recorded(self, assess: Assess) -> None:
        assert assess("PUR004", StateBuilder().purpose()).status is Status.NOT_APPLICABLE
