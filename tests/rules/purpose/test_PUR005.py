"""PUR005: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.core.config import EngineConfig
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
        # Nine in ten is a pass, not "every metric".
        assert f.strength == "9 of 10 metrics on the scorecard (90%) serve a stated goal."

    def test_fails_and_points_at_the_untraced_metrics(self, assess: Assess) -> None:
        f = assess("PUR005", self.scorecard(3, 2))
        assert f.status is Status.FAILED
        assert f.value == 0.6
        assert f.evidence == ["/metrics/3", "/metrics/4"]
        assert "Metric 3 and Metric 4" in f.message
        assert f.recommendation and "Metric 3 and Metric 4" in f.recommendation

    def test_one_stray_metric_is_low_and_none_traced_medium(self, assess: Assess) -> None:
        f = assess("PUR005", self.scorecard(6, 1))
        assert (f.status, f.severity) == (Status.FAILED, "low")
        f = assess("PUR005", self.scorecard(0, 4))
        assert (f.score, f.severity) == (0.0, "medium")

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

    def test_a_retired_untraced_metric_is_never_charged(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .metric("ttf", kind="time_to_fill")
            .metric("old", "Advert response rate", retired="2025-06-30")
            .metric("cph", "Cost per hire", kind="cost_per_hire")
            .goal("G1", metric_ids=["ttf"])
        )
        f = assess("PUR005", b)
        assert f.status is Status.FAILED
        assert f.value == 0.5
        assert f.evidence == ["/metrics/2"]
        assert "Advert response rate" not in f.message

    def test_a_metric_retired_after_as_of_is_still_tracked(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .metric("ttf", kind="time_to_fill")
            .metric("old", "Advert response rate", retired="2026-06-30")
            .goal("G1", metric_ids=["ttf"])
        )
        f = assess("PUR005", b)
        assert f.status is Status.FAILED
        assert f.evidence == ["/metrics/1"]

    def test_supporting_metrics_count_when_asked(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .metric("ttf", kind="time_to_fill")
            .metric("diag", primary=False)
            .goal("G1", metric_ids=["ttf"])
        )
        config = EngineConfig.model_validate(
            {"rules": {"PUR005": {"options": {"primary_only": False}}}}
        )
        f = assess("PUR005", b, config)
        assert f.status is Status.FAILED
        assert f.evidence == ["/metrics/1"]

    def test_goals_recorded_but_linking_nothing_fail(self, assess: Assess) -> None:
        b = StateBuilder().metric("ttf", kind="time_to_fill").recorded("goals")
        f = assess("PUR005", b)
        assert f.status is Status.FAILED
        assert f.value == 0.0

    def test_nothing_to_judge_when_no_metric_is_in_force(self, assess: Assess) -> None:
        b = StateBuilder().metric("old", retired="2025-06-30").goal("G1", metric_ids=["old"])
        f = assess("PUR005", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight == 0

    def test_not_applicable_without_metrics(self, assess: Assess) -> None:
        f = assess("PUR005", StateBuilder().goal("G1"))
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight > 0

    def test_not_applicable_without_goals(self, assess: Assess) -> None:
        b = StateBuilder().metric("ttf", kind="time_to_fill")
        assert assess("PUR005", b).status is Status.NOT_APPLICABLE
