"""The perception rules of every rule set: gap (*020) and blind spot (*021), judged the same way.

Each rule's own test file (``tests/rules/<technique>/test_<id>.py``) holds a
case in its technique's words; here the behaviour all twelve share.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Report
from foundation_engine.state.instrument import STANDARD_STATEMENTS
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

PREFIXES = {
    "purpose": "PUR",
    "communication": "COM",
    "metrics": "MET",
    "recognition": "REC",
    "improvement": "IMP",
    "urgency": "URG",
}
WAVE = "2025-12-15"


def answers(
    builder: StateBuilder,
    technique: str,
    party: str,
    scores: list[int],
    date: str = WAVE,
    comments: tuple[str | None, ...] = (),
) -> StateBuilder:
    """The same answers from `party` to every standard statement on `technique`."""
    for statement in STANDARD_STATEMENTS:
        if statement.technique == technique:
            builder.pulse_answers(date, party, statement.id, scores, comments=comments)
    return builder


def poor_communication() -> StateBuilder:
    """A year with two check-ins and no review or QBR: the records score communication 0."""
    return (
        StateBuilder(start="2025-01-06", as_of="2026-01-05")
        .touchpoint("2025-10-01")
        .touchpoint("2025-11-20")
    )


def sound_purpose() -> StateBuilder:
    """A purpose written and signed by both sides: every purpose rule with data passes."""
    return (
        StateBuilder(start="2025-01-06", as_of="2026-01-05")
        .purpose(documented="2025-01-20", last_reviewed="2025-11-03")
        .sign_off("client", "Cara Client", "2025-01-22")
        .sign_off("provider", "Pat Provider", "2025-01-24")
    )


@pytest.fixture
def assess(make_engine: Callable[..., Engine]) -> Callable[..., Report]:
    def run(builder: StateBuilder, config: EngineConfig | None = None) -> Report:
        return make_engine(config=config).assess(builder.build())

    return run


# --------------------------------------------------------------------------
# the gap
# --------------------------------------------------------------------------


@pytest.mark.parametrize("technique", sorted(PREFIXES))
def test_a_gap_over_the_limit_fails_and_names_the_side_that_rates_higher(
    technique: str, assess: Callable[..., Report]
) -> None:
    builder = answers(StateBuilder(), technique, "provider", [4, 5, 4, 5, 4])  # 4.4
    answers(builder, technique, "client", [2, 3, 2, 3])  # 2.5
    f = finding(assess(builder), f"{PREFIXES[technique]}020")
    assert f.status is Status.FAILED
    assert f.value == pytest.approx(1.9)
    assert f.owner.value == "provider"
    assert f.evidence == ["/pulse/waves/0"]
    assert "2.5 and the provider 4.4 out of 5" in f.message
    assert f.recommendation is not None and "4.4" in f.recommendation


@pytest.mark.parametrize("technique", sorted(PREFIXES))
def test_views_within_the_limit_pass_and_are_a_strength(
    technique: str, assess: Callable[..., Report]
) -> None:
    builder = answers(StateBuilder(), technique, "provider", [4, 4, 4])
    answers(builder, technique, "client", [3, 4, 4])
    f = finding(assess(builder), f"{PREFIXES[technique]}020")
    assert f.status is Status.PASSED
    assert f.value == pytest.approx(0.33)
    assert f.strength is not None and "alike" in f.strength


def test_the_side_that_rates_higher_is_named_whichever_it_is(
    assess: Callable[..., Report],
) -> None:
    builder = answers(StateBuilder(), "recognition", "provider", [2, 2, 2])
    answers(builder, "recognition", "client", [4, 4, 5])
    f = finding(assess(builder), "REC020")
    assert (f.status, f.owner.value) == (Status.FAILED, "client")
    assert f.recommendation is not None and f.recommendation.startswith("Ask the provider's team")


def test_a_gap_scores_less_the_wider_it_is(assess: Callable[..., Report]) -> None:
    def score(client: list[int]) -> float | None:
        builder = answers(StateBuilder(), "urgency", "provider", [5, 5, 5])
        return finding(assess(answers(builder, "urgency", "client", client)), "URG020").score

    # 1.33 and 2.67 points apart; the score falls linearly from 1 at the limit to 0 at 2.5
    narrow, wide = score([4, 4, 3]), score([2, 2, 3])
    assert (narrow, wide) == (0.78, 0.0)
    assert score([4, 4, 5]) == 1.0


def test_the_limit_is_an_option(assess: Callable[..., Report]) -> None:
    builder = answers(StateBuilder(), "metrics", "provider", [4, 5, 4, 5, 4])
    answers(builder, "metrics", "client", [2, 3, 2, 3])
    config = EngineConfig.model_validate({"rules": {"MET020": {"options": {"max_gap": 2.0}}}})
    assert finding(assess(builder, config), "MET020").status is Status.PASSED


# --------------------------------------------------------------------------
# nothing to judge: the pulse never lowers coverage
# --------------------------------------------------------------------------


def test_without_a_pulse_the_perception_rules_weigh_nothing(
    assess: Callable[..., Report],
) -> None:
    report = assess(poor_communication())
    ours = [f for f in report.findings if f.rule_id[3:5] == "02"]
    assert len(ours) == 12
    assert all(f.status is Status.NOT_APPLICABLE and f.weight == 0 for f in ours)
    assert "records no pulse" in finding(report, "COM020").message
    assert report.perception is None
    without = assess(
        poor_communication(), EngineConfig.model_validate({"ignore": ["COM02", "PUR02"]})
    )
    assert [(t.score, t.coverage) for t in report.techniques] == [
        (t.score, t.coverage) for t in without.techniques
    ]


def test_too_few_respondents_on_one_side_is_nothing_to_judge_and_shows_no_average(
    assess: Callable[..., Report],
) -> None:
    builder = answers(StateBuilder(), "communication", "provider", [4, 5, 4, 5, 4])
    answers(builder, "communication", "client", [1, 2])  # two people: below the default 3
    report = assess(builder)
    gap = finding(report, "COM020")
    assert (gap.status, gap.weight) == (Status.NOT_APPLICABLE, 0.0)
    assert "too few responses from the client (2)" in gap.message
    assert "1.5" not in gap.message
    spot = finding(report, "COM021")
    assert spot.status is not Status.FAILED or "1.5" not in spot.message


def test_a_wave_older_than_a_year_is_not_judged(assess: Callable[..., Report]) -> None:
    builder = answers(
        StateBuilder(as_of="2026-01-05"), "purpose", "provider", [5, 5, 5], "2024-12-31"
    )
    answers(builder, "purpose", "client", [1, 1, 1], "2024-12-31")
    f = finding(assess(builder.set("/partnership/start_date", "2024-06-03")), "PUR020")
    assert (f.status, f.weight) == (Status.NOT_APPLICABLE, 0.0)
    assert "more than 365 days" in f.message


def test_a_wave_closed_after_the_day_assessed_is_not_judged(
    make_engine: Callable[..., Engine],
) -> None:
    builder = answers(
        StateBuilder(as_of="2026-01-05"), "urgency", "provider", [4, 4, 4], "2025-09-30"
    )
    answers(builder, "urgency", "client", [4, 4, 4], "2025-09-30")
    answers(builder, "urgency", "client", [1, 1, 1], "2025-12-31")
    answers(builder, "urgency", "provider", [5, 5, 5], "2025-12-31")
    engine = make_engine()
    earlier = finding(engine.assess(builder.build(), as_of="2025-11-30"), "URG020")
    later = finding(engine.assess(builder.build()), "URG020")
    assert (earlier.status, earlier.evidence) == (Status.PASSED, ["/pulse/waves/0"])
    assert (later.status, later.evidence) == (Status.FAILED, ["/pulse/waves/1"])


# --------------------------------------------------------------------------
# the blind spot
# --------------------------------------------------------------------------


def test_a_side_that_rates_well_what_the_records_show_weak_has_a_blind_spot(
    assess: Callable[..., Report],
) -> None:
    builder = answers(poor_communication(), "communication", "provider", [4, 5, 4, 5, 4])
    answers(builder, "communication", "client", [2, 3, 2, 3])
    report = assess(builder)
    f = finding(report, "COM021")
    assert (f.status, f.owner.value, f.score) == (Status.FAILED, "provider", 0.0)
    assert f.value == {
        "records": 0.0,
        "client_average": 2.5,
        "provider_average": 4.4,
        "quadrants": {
            "client": "agreed_weakness",
            "provider": "blind_spot",
            "both": "agreed_weakness",
        },
    }
    assert f.message.startswith("The provider rates communication 4.4 out of 5")
    assert "Weakest record: COM001" in f.message
    assert f.recommendation is not None and "COM001" in f.recommendation
    assert f.weight > 0 and f.evidence == ["/pulse/waves/0"]


def test_both_sides_rating_well_what_the_records_show_weak_is_addressed_to_both(
    assess: Callable[..., Report],
) -> None:
    builder = answers(poor_communication(), "communication", "provider", [4, 4, 4])
    answers(builder, "communication", "client", [4, 4, 5])
    f = finding(assess(builder), "COM021")
    assert (f.status, f.owner.value) == (Status.FAILED, "both")
    assert f.message.startswith("Both sides rate communication 4.17 out of 5")


def test_views_in_line_with_sound_records_pass_and_undervalued_is_said(
    assess: Callable[..., Report],
) -> None:
    builder = answers(sound_purpose(), "purpose", "provider", [4, 5, 4])
    answers(builder, "purpose", "client", [3, 3, 2])
    report = assess(builder)
    f = finding(report, "PUR021")
    assert f.status is Status.PASSED
    assert f.value["quadrants"] == {
        "client": "undervalued",
        "provider": "agreed_strength",
        "both": "agreed_strength",
    }
    assert "the client 2.67 (undervalued)" in f.message


def test_a_pulse_without_records_gives_the_technique_no_score(
    assess: Callable[..., Report],
) -> None:
    # Nothing recorded on the purpose: the pulse alone must not make it known.
    builder = answers(StateBuilder(), "purpose", "provider", [4, 5, 4, 5, 4])
    answers(builder, "purpose", "client", [2, 3, 2, 3])
    report = assess(builder)
    gap, spot = finding(report, "PUR020"), finding(report, "PUR021")
    assert (gap.status, gap.weight) == (Status.FAILED, 0.0)
    assert "does not count in its score" in gap.message
    assert (spot.status, spot.weight) == (Status.NOT_APPLICABLE, 0.0)
    assert "a pulse never stands in for records" in spot.message
    purpose = next(t for t in report.techniques if t.technique == "purpose")
    assert (purpose.score, purpose.evidence_score) == (None, None)
    assert report.perception is not None
    (seen,) = [t for t in report.perception.techniques if t.technique == "purpose"]
    assert seen.records is None and seen.note is not None and "never stands in" in seen.note


def test_the_blind_spot_thresholds_are_options(assess: Callable[..., Report]) -> None:
    builder = answers(poor_communication(), "communication", "provider", [4, 5, 4, 5, 4])
    answers(builder, "communication", "client", [2, 3, 2, 3])
    config = EngineConfig.model_validate(
        {"rules": {"COM021": {"options": {"rated_well": 4.5, "records_sound": 0}}}}
    )
    f = finding(assess(builder, config), "COM021")
    assert f.status is Status.PASSED
    assert f.value["quadrants"]["provider"] == "undervalued"


def test_the_perception_verdicts_count_in_the_technique_score_beside_the_records(
    assess: Callable[..., Report],
) -> None:
    def purpose(client: list[int]) -> tuple[float | None, int]:
        builder = answers(sound_purpose(), "purpose", "provider", [4, 5, 4])
        report = assess(answers(builder, "purpose", "client", client))
        found = next(t for t in report.techniques if t.technique == "purpose")
        return found.evidence_score, found.failed

    # The records rules with data (PUR001, PUR002, PUR006, weighing 4 each) pass, and so
    # do both perception rules, weighing 2 each (medium).
    assert purpose([4, 4, 4]) == (100.0, 0)
    # A gap of 2.67 points fails at 0; the blind spot still passes: 14 of 16.
    assert purpose([2, 2, 1]) == (87.5, 1)


# --------------------------------------------------------------------------
# one survey, one count
# --------------------------------------------------------------------------


def test_the_same_survey_recorded_as_averages_folds_into_the_gap(
    assess: Callable[..., Report],
) -> None:
    builder = answers(sound_purpose(), "purpose", "provider", [4, 5, 4, 5, 4])
    answers(builder, "purpose", "client", [2, 3, 2, 3])
    builder.survey(WAVE, "client", "shared_goals", 2.5).survey(
        WAVE, "provider", "shared_goals", 4.4
    )
    report = assess(builder)
    gap, survey = finding(report, "PUR020"), finding(report, "PUR007")
    assert gap.status is survey.status is Status.FAILED
    assert survey.related_to == "PUR020"
    assert gap.related == ["PUR007"]


def test_a_different_survey_counts_on_its_own(assess: Callable[..., Report]) -> None:
    builder = answers(sound_purpose(), "purpose", "provider", [4, 5, 4, 5, 4])
    answers(builder, "purpose", "client", [2, 3, 2, 3])
    builder.survey("2025-06-30", "client", "shared_goals", 2).survey(
        "2025-06-30", "provider", "shared_goals", 4.5
    )
    report = assess(builder)
    assert finding(report, "PUR007").related_to is None
