"""Rules of the shared-purpose technique (PUR), each passing, failing and not applicable."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.config import EngineConfig
from foundation_engine.engine import Engine
from foundation_engine.report import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.builtins.purpose"
Assess = Callable[..., Finding]


@pytest.fixture
def assess(make_engine: Callable[..., Engine]) -> Assess:
    """Run the purpose rule set on a built state and return one rule's finding."""

    def run(rule_id: str, builder: StateBuilder, config: EngineConfig | None = None) -> Finding:
        engine = make_engine(MODULE, config=config)
        return finding(engine.assess(builder.build()), rule_id)

    return run


def agreed(start: str = "2025-01-06", as_of: str = "2026-01-05") -> StateBuilder:
    """A partnership whose purpose is written and signed by both sides."""
    return (
        StateBuilder(start=start, as_of=as_of)
        .purpose(documented="2025-01-20")
        .sign_off("client", "Cara Client", "2025-01-22")
        .sign_off("provider", "Pat Provider", "2025-01-24")
    )


def test_rule_set_has_at_least_seven_rules(make_engine: Callable[..., Engine]) -> None:
    ids = sorted(r.id for r in make_engine(MODULE).rules if r.id.startswith("PUR"))
    assert len(ids) >= 7
    assert ids[0] == "PUR001"


# --------------------------------------------------------------------------
# PUR001 written purpose statement
# --------------------------------------------------------------------------


class TestPUR001:
    def test_passes_with_a_statement(self, assess: Assess) -> None:
        f = assess("PUR001", StateBuilder().purpose("Hire nurses who stay."))
        assert f.status is Status.PASSED
        assert f.value is True
        assert f.evidence == ["/purpose/statement"]

    def test_fails_when_the_purpose_has_no_statement(self, assess: Assess) -> None:
        f = assess("PUR001", StateBuilder().purpose(statement=None, documented="2025-02-01"))
        assert f.status is Status.FAILED
        assert f.severity == "critical"
        assert f.evidence == []
        assert f.recommendation and "why this partnership exists" in f.recommendation

    def test_not_applicable_without_a_purpose_section(self, assess: Assess) -> None:
        f = assess("PUR001", StateBuilder())
        assert f.status is Status.NOT_APPLICABLE
        assert f.score is None


# --------------------------------------------------------------------------
# PUR002 signed off by both parties
# --------------------------------------------------------------------------


class TestPUR002:
    def test_passes_when_both_signed(self, assess: Assess) -> None:
        f = assess("PUR002", agreed())
        assert f.status is Status.PASSED
        assert f.value == 18  # second signature on 24 January, day 18
        assert f.evidence == ["/purpose/sign_offs/0", "/purpose/sign_offs/1"]
        assert "2025-01-24" in f.message

    def test_fails_when_only_the_provider_signed(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-04-06").purpose().sign_off(
            "provider", "Pat Provider", "2025-01-20"
        )
        f = assess("PUR002", b)
        assert f.status is Status.FAILED
        assert f.value == 90
        assert f.evidence == ["/purpose/sign_offs/0"]
        assert "the client" in f.message and "day 30" in f.message
        assert f.recommendation and f.recommendation.startswith("Still to sign: the client.")

    def test_fails_with_no_sign_off_at_all(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-03-06").purpose().recorded("sign_offs")
        f = assess("PUR002", b)
        assert f.status is Status.FAILED
        assert f.evidence == ["/purpose/sign_offs"]
        assert "the client and the provider" in f.message

    def test_a_sign_off_after_as_of_does_not_count(self, assess: Assess) -> None:
        b = (
            StateBuilder(start="2025-01-06", as_of="2025-03-06")
            .purpose()
            .sign_off("provider", "Pat Provider", "2025-01-20")
            .sign_off("client", "Cara Client", "2025-04-01")
        )
        f = assess("PUR002", b)
        assert f.status is Status.FAILED
        assert f.evidence == ["/purpose/sign_offs/0"]

    def test_not_applicable_while_there_is_still_time(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-01-26").purpose().sign_off(
            "provider", "Pat Provider", "2025-01-20"
        )
        f = assess("PUR002", b)
        assert f.status is Status.NOT_APPLICABLE
        assert "20 days old" in f.message

    def test_day_thirty_is_the_last_day_of_grace(self, assess: Assess) -> None:
        def unsigned(as_of: str) -> StateBuilder:
            return StateBuilder(start="2025-01-06", as_of=as_of).purpose().recorded("sign_offs")

        assert assess("PUR002", unsigned("2025-02-05")).status is Status.NOT_APPLICABLE
        f = assess("PUR002", unsigned("2025-02-06"))
        assert f.status is Status.FAILED
        assert f.value == 31

    def test_not_applicable_when_sign_offs_are_not_recorded(self, assess: Assess) -> None:
        f = assess("PUR002", StateBuilder().purpose())
        assert f.status is Status.NOT_APPLICABLE

    def test_deadline_is_configurable(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-03-06").purpose().recorded("sign_offs")
        config = EngineConfig.model_validate(
            {"rules": {"PUR002": {"options": {"deadline_days": 90}}}}
        )
        assert assess("PUR002", b, config).status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# PUR003 sponsor seats
# --------------------------------------------------------------------------


class TestPUR003:
    def test_passes_with_a_named_person_on_each_side(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .sponsor("client", "Cara", "executive_sponsor", start="2025-01-06")
            .sponsor("provider", "Pat", "point_person", start="2025-01-06", end="2025-06-30")
            .sponsor("provider", "Quinn", "point_person", start="2025-07-01")
        )
        f = assess("PUR003", b)
        assert f.status is Status.PASSED
        assert f.value == 0
        assert f.evidence == ["/partnership/client/sponsors/0", "/partnership/provider/sponsors/1"]

    def test_fails_when_the_client_seat_has_been_empty_too_long(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .sponsor("client", "Cara", "executive_sponsor", end="2025-11-05")
            .sponsor("provider", "Pat", "executive_sponsor")
        )
        f = assess("PUR003", b)
        assert f.status is Status.FAILED
        assert f.value == 61
        assert f.evidence == ["/partnership/client/sponsors/0"]
        assert "client seat has been empty for 61 days" in f.message
        assert f.recommendation and "for the client now" in f.recommendation
        assert f.score is not None and 0 < f.score < 1  # graded between 30 and 120 days

    def test_fails_when_a_side_never_named_anyone(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-04-06").sponsor(
            "provider", "Pat", "executive_sponsor"
        )
        b.set("/partnership/client/sponsors", [])
        f = assess("PUR003", b)
        assert f.status is Status.FAILED
        assert f.value == 90
        assert f.evidence == ["/partnership/client/sponsors"]

    def test_thirty_days_empty_passes_and_thirty_one_fails(self, assess: Assess) -> None:
        def vacated(end: str) -> StateBuilder:
            return (
                StateBuilder(as_of="2026-01-05")
                .sponsor("client", "Cara", "executive_sponsor", end=end)
                .sponsor("provider", "Pat", "executive_sponsor")
            )

        assert assess("PUR003", vacated("2025-12-06")).status is Status.PASSED
        f = assess("PUR003", vacated("2025-12-05"))
        assert f.status is Status.FAILED
        assert f.value == 31

    def test_a_vacancy_within_the_allowance_passes(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .sponsor("client", "Cara", "executive_sponsor", end="2025-12-20")
            .sponsor("provider", "Pat", "executive_sponsor")
        )
        f = assess("PUR003", b)
        assert f.status is Status.PASSED
        assert f.value == 16

    def test_a_successor_starting_after_as_of_does_not_fill_the_seat(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .sponsor("client", "Cara", "executive_sponsor", end="2025-10-31")
            .sponsor("client", "Dee", "executive_sponsor", start="2026-02-01")
            .sponsor("provider", "Pat", "executive_sponsor")
        )
        f = assess("PUR003", b)
        assert f.status is Status.FAILED
        assert f.evidence == ["/partnership/client/sponsors/0"]

    def test_roles_outside_the_seat_do_not_fill_it(self, assess: Assess) -> None:
        b = (
            StateBuilder(start="2025-01-06", as_of="2025-06-06")
            .sponsor("client", "Cara", "other")
            .sponsor("provider", "Pat", "executive_sponsor")
        )
        assert assess("PUR003", b).status is Status.FAILED

    def test_not_applicable_without_sponsors(self, assess: Assess) -> None:
        assert assess("PUR003", StateBuilder()).status is Status.NOT_APPLICABLE

    def test_not_applicable_when_one_side_is_unrecorded_and_the_other_passes(
        self, assess: Assess
    ) -> None:
        f = assess("PUR003", StateBuilder().sponsor("client", "Cara", "executive_sponsor"))
        assert f.status is Status.NOT_APPLICABLE
        assert "provider" in f.message


# --------------------------------------------------------------------------
# PUR004 concrete goals
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# PUR005 metrics trace to goals
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# PUR006 purpose reviewed
# --------------------------------------------------------------------------


class TestPUR006:
    def test_passes_after_a_recent_review(self, assess: Assess) -> None:
        b = agreed(as_of="2026-09-30").purpose(last_reviewed="2026-03-12")
        f = assess("PUR006", b)
        assert f.status is Status.PASSED
        assert f.value == 202
        assert f.evidence == ["/purpose/last_reviewed"]

    def test_fails_after_twelve_months_with_a_partial_score(self, assess: Assess) -> None:
        f = assess("PUR006", agreed(as_of="2026-04-24"))
        assert f.status is Status.FAILED
        assert f.value == 455  # the client signed on 2025-01-24, the latest date
        assert f.evidence == ["/purpose/sign_offs/1"]
        assert f.score is not None and 0.45 < f.score < 0.55

    def test_scores_zero_after_eighteen_months(self, assess: Assess) -> None:
        f = assess("PUR006", agreed(as_of="2026-09-30"))
        assert f.status is Status.FAILED
        assert f.score == 0.0
        assert "548" in f.message

    def test_a_review_dated_after_as_of_is_ignored(self, assess: Assess) -> None:
        b = agreed(as_of="2026-04-24").purpose(last_reviewed="2026-05-01")
        f = assess("PUR006", b)
        assert f.status is Status.FAILED
        assert f.evidence == ["/purpose/sign_offs/1"]

    def test_not_applicable_without_any_date(self, assess: Assess) -> None:
        assert assess("PUR006", StateBuilder().purpose()).status is Status.NOT_APPLICABLE

    def test_not_applicable_without_a_purpose(self, assess: Assess) -> None:
        assert assess("PUR006", StateBuilder()).status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# PUR007 shared-goals survey alignment
# --------------------------------------------------------------------------


class TestPUR007:
    def test_passes_when_both_sides_score_alike(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .survey("2025-09-15", "client", "shared_goals", 4.4)
            .survey("2025-09-15", "provider", "shared_goals", 4.2)
        )
        f = assess("PUR007", b)
        assert f.status is Status.PASSED
        assert f.value == pytest.approx(0.2)
        assert f.evidence == ["/surveys/0", "/surveys/1"]

    def test_fails_when_the_client_scores_far_lower(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .survey("2025-09-15", "client", "shared_goals", 2.1)
            .survey("2025-09-15", "provider", "shared_goals", 3.9)
            .survey("2025-09-15", "client", "satisfaction", 4.0)
        )
        f = assess("PUR007", b)
        assert f.status is Status.FAILED
        assert f.value == pytest.approx(1.8)
        assert f.evidence == ["/surveys/0", "/surveys/1"]
        assert "client averages 2.1" in f.message
        assert f.recommendation and "the client scores lower" in f.recommendation

    def test_scores_on_other_scales_are_normalised(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .survey("2025-09-15", "client", "shared_goals", 8, scale_max=10)
            .survey("2025-09-15", "provider", "shared_goals", 4.5)
        )
        f = assess("PUR007", b)
        assert f.status is Status.PASSED
        assert f.value == pytest.approx(0.5)

    def test_old_and_future_surveys_are_left_out(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .survey("2024-09-15", "client", "shared_goals", 1.0)
            .survey("2025-09-15", "client", "shared_goals", 4.0)
            .survey("2025-09-15", "provider", "shared_goals", 4.0)
            .survey("2026-02-15", "client", "shared_goals", 1.0)
        )
        f = assess("PUR007", b)
        assert f.status is Status.PASSED
        assert f.value == 0
        assert f.evidence == ["/surveys/1", "/surveys/2"]

    def test_not_applicable_when_only_one_side_answered(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2026-01-05").survey("2025-09-15", "provider", "shared_goals", 4)
        f = assess("PUR007", b)
        assert f.status is Status.NOT_APPLICABLE
        assert "the client" in f.message

    def test_not_applicable_without_surveys(self, assess: Assess) -> None:
        assert assess("PUR007", StateBuilder()).status is Status.NOT_APPLICABLE
