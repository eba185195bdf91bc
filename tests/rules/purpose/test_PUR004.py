"""PUR004: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

import pytest

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.purpose.helpers import Assess


class TestPUR004:
    def test_passes_when_every_goal_is_concrete(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .metric("ttf", kind="time_to_fill")
            .goal("G1", category="hire_talent", target_date="2025-12-31", metric_ids=["ttf"])
        )
        f = assess("PUR004", b)
        assert f.status is Status.PASSED
        assert f.value == 1.0
        assert f.evidence == ["/purpose/goals/0"]

    def test_fails_and_names_what_each_vague_goal_lacks(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .metric("ttf", kind="time_to_fill")
            .goal("G1", category="hire_talent", target_date="2025-12-31", metric_ids=["ttf"])
            .goal("G2", "Fill roles faster", category="fill_gaps")
            .goal("G3", "Better candidates", category=None, target_date="2025-12-31")
        )
        f = assess("PUR004", b)
        assert f.status is Status.FAILED
        assert f.value == pytest.approx(0.333)
        assert f.evidence == ["/purpose/goals/1", "/purpose/goals/2"]
        assert "G2 lacks a target date and a linked metric" in f.message
        assert "G3 lacks a category and a linked metric" in f.message
        assert f.score == pytest.approx(0.333)

    def test_an_empty_list_of_goals_fails(self, assess: Assess) -> None:
        f = assess("PUR004", StateBuilder().purpose().recorded("goals"))
        assert f.status is Status.FAILED
        assert f.value == 0.0
        assert f.evidence == ["/purpose/goals"]

    def test_not_applicable_when_goals_are_not_recorded(self, assess: Assess) -> None:
        assert assess("PUR004", StateBuilder().purpose()).status is Status.NOT_APPLICABLE
