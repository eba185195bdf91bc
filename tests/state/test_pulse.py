"""The foundation pulse in the state: anonymous answers, statements that resolve, waves by date."""

from __future__ import annotations

import datetime as dt

import pytest

from foundation_engine.errors import ReferenceProblem, ValidationProblem
from foundation_engine.state.instrument import STANDARD_STATEMENTS, scale_to_100
from foundation_engine.state.known import known_on
from foundation_engine.state.model import PulseResponse
from foundation_engine.state.vocabulary import PulseTechnique
from foundation_engine.testing.builder import StateBuilder


def test_the_standard_instrument_asks_two_or_three_statements_per_technique() -> None:
    per_technique = {
        t: [s for s in STANDARD_STATEMENTS if s.technique is t] for t in PulseTechnique
    }
    assert all(2 <= len(statements) <= 3 for statements in per_technique.values())
    ids = [s.id for s in STANDARD_STATEMENTS]
    assert len(set(ids)) == len(ids)
    assert all(s.id.startswith(f"{s.technique.value}.") for s in STANDARD_STATEMENTS)


def test_the_answer_scale_maps_onto_the_engines_hundred_point_scale() -> None:
    assert [scale_to_100(score) for score in (1, 3, 4.4, 5)] == [0, 50, pytest.approx(85), 100]


def test_a_response_names_a_side_and_a_role_but_never_a_person() -> None:
    assert set(PulseResponse.model_fields) == {"party", "role", "question", "score", "comment"}
    with pytest.raises(ValidationProblem, match="name"):
        StateBuilder().set(
            "/pulse/waves",
            [
                {
                    "date": "2025-06-30",
                    "responses": [
                        {"party": "client", "question": "purpose.goals", "score": 4, "name": "Kim"}
                    ],
                }
            ],
        ).build()


@pytest.mark.parametrize("score", [0, 6, 4.5])
def test_an_answer_off_the_one_to_five_scale_is_refused(score: float) -> None:
    builder = StateBuilder().pulse_answers("2025-06-30", "client", "purpose.goals", [4])
    builder.set("/pulse/waves/0/responses/0/score", score)
    with pytest.raises(ValidationProblem, match=r"score"):
        builder.build()


def test_an_answer_to_an_unknown_statement_names_the_known_ones() -> None:
    builder = StateBuilder().pulse_answers("2025-06-30", "client", "purpose.goal", [4])
    with pytest.raises(ReferenceProblem) as caught:
        builder.build()
    (problem,) = caught.value.problems
    assert problem.path == "$.pulse.waves[0].responses[0].question"
    assert "communication.early" in problem.message


def test_a_statement_of_the_partnerships_own_may_be_answered() -> None:
    state = (
        StateBuilder()
        .pulse_question("custom.tools", "Our shared tools make hiring easier.", "communication")
        .pulse_answers("2025-06-30", "provider", "custom.tools", [4, 5])
        .build()
    )
    assert state.pulse is not None and state.pulse.questions[0].technique == "communication"


def test_an_own_statement_cannot_take_a_standard_id_or_repeat_one() -> None:
    builder = (
        StateBuilder()
        .pulse_question("purpose.goals", "Mine", "purpose")
        .pulse_question("custom.x", "One", "metrics")
        .pulse_question("custom.x", "Two", "metrics")
    )
    with pytest.raises(ReferenceProblem) as caught:
        builder.build()
    paths = [p.path for p in caught.value.problems]
    assert paths == ["$.pulse.questions[0].id", "$.pulse.questions[2].id"]


def test_two_waves_closing_on_one_day_need_different_names() -> None:
    builder = (
        StateBuilder()
        .pulse_answers("2025-06-30", "client", "purpose.goals", [4])
        .pulse_answers("2025-06-30", "client", "purpose.goals", [3], wave="follow-up")
        .set("/pulse/waves/1/name", None)
    )
    with pytest.raises(ReferenceProblem, match="second pulse wave"):
        builder.build()
    builder.set("/pulse/waves/1/name", "follow-up")
    assert builder.build().pulse is not None


def test_the_anonymity_threshold_is_at_least_two() -> None:
    with pytest.raises(ValidationProblem, match="min_respondents"):
        StateBuilder().pulse_min_respondents(1).build()
    assert StateBuilder().build().pulse is None


def test_a_wave_closed_after_the_day_assessed_is_not_known_yet() -> None:
    state = (
        StateBuilder(as_of="2026-06-30")
        .pulse_answers("2026-05-29", "client", "purpose.goals", [4, 4, 4])
        .pulse_answers("2026-03-31", "client", "purpose.goals", [2, 2, 2])
        .build()
    )
    known = known_on(state, dt.date(2026, 4, 30))
    assert known.state.pulse is not None
    assert [w.date.isoformat() for w in known.state.pulse.waves] == ["2026-03-31"]
    assert known.recorded_pointer("/pulse/waves/0") == "/pulse/waves/1"
    assert known_on(state, dt.date(2026, 6, 30)).state is state
