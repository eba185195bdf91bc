"""PUR005: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.purpose.helpers import Assess


class TestPUR005:
    @staticmethod
    def scorecard(linked: int, unlinked: int) -> StateBuilder:
        b = StateBuilder()
        for i in range(linked + unlinked):
            b.metric(f"m{i}", f"Metric {i}", kind="custom")
        b.goal("G1", metric_ids=[f"m{i}" for i in range(linked)])
        return b

    def test_passes_when_nine_in_ten_trace(self, assess: Assess) -> None:
        f = assess("PUR005", self.scorecard(9, 1))
        assert f.status is Status.PASSED
        assert f.value == 0.9
        assert f.evidence == [f"/metrics/{i}" for i in range(9)]

    def test_fails_and_names_the_untraced_metrics(self, assess: Assess) -> None:
        f = assess("PUR005", self.scorecard(3, 2))
        assert f.status is Status.FAILED
        assert f.value == 0.6
        assert f.evidence == ["/metrics/3", "/metrics/4"]
        assert "Metric 3 and Metric 4" in f.message
        assert f.recommendation and "Metric 3 and Metric 4" in f.recommendation

    def test_retired_future_and_secondary_metrics_are_not_judged(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .metric("ttf", kind="time_to_fill")
            .metric("old", retired="2025-06-30")
            .metric("later", adopted="2026-03-01")
            .metric("diag", primary=False)
            .goal("G1", metric_ids=["ttf"])
        )
        f = assess("PUR005", b)
        assert f.status is Status.PASSED
        assert f.value == 1.0
        assert f.evidence == ["/metrics/0"]

    def test_goals_recorded_but_linking_nothing_fail(self, assess: Assess) -> None:
        b = StateBuilder().metric("ttf", kind="time_to_fill").recorded("goals")
        f = assess("PUR005", b)
        assert f.status is Status.FAILED
        assert f.value == 0.0

    def test_not_applicable_without_metrics(self, assess: Assess) -> None:
        assert assess("PUR005", StateBuilder().goal("G1")).status is Status.NOT_APPLICABLE

    def test_not_applicable_without_goals(self, assess: Assess) -> None:
        b = StateBuilder().metric("ttf", kind="time_to_fill")
        assert assess("PUR005", b).status is Status.NOT_APPLICABLE
