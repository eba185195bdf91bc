"""The foundation pulse: the standard statements both sides answer, and their scale.

A short instrument, two or three statements per technique, each answered on
the same 1-to-5 agreement scale by people on both sides of the partnership.
Asking both parties the same statements is the point: the engine compares
the two sides' answers with each other (a perception gap) and with what the
records show (a blind spot). ``docs/perception.md`` explains the method and
where it comes from.

Statement ids are stable: reports, imports and custom questions name them,
so an id is never reused for a different statement. A partnership adds its
own statements in the state (``pulse.questions``), each mapped to a technique.

Each statement asks one thing, in words either side can answer about the
partnership as a whole, and is worded positively so that agreeing is always
the favourable answer (a higher score is always better).
"""

from __future__ import annotations

from dataclasses import dataclass

from foundation_engine.state.vocabulary import PulseTechnique

#: The answer scale: the score and what it means.
SCALE: tuple[tuple[int, str], ...] = (
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
)
LOWEST_SCORE = SCALE[0][0]
HIGHEST_SCORE = SCALE[-1][0]
NEUTRAL_SCORE = 3
"""The middle of the scale: neither agree nor disagree."""

DEFAULT_MIN_RESPONDENTS = 3
"""A side's average is shown only when at least this many of its people answered."""


@dataclass(frozen=True)
class Statement:
    """One pulse statement: its stable id, the technique it asks about, and its words."""

    id: str
    technique: PulseTechnique
    text: str
    short: str
    """A few words for tables and charts."""
    standard: bool = True
    """False for a statement the partnership added itself."""


_T = PulseTechnique

STANDARD_STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "purpose.success",
        _T.PURPOSE,
        "We agree on what success looks like for this partnership.",
        "Agree on success",
    ),
    Statement(
        "purpose.goals",
        _T.PURPOSE,
        "Both sides are working toward the same goals.",
        "Same goals",
    ),
    Statement(
        "purpose.decisions",
        _T.PURPOSE,
        "I know who on the other side owns decisions about this partnership.",
        "Know the decision owner",
    ),
    Statement(
        "communication.early",
        _T.COMMUNICATION,
        "I hear about problems early, not after the fact.",
        "Hear about problems early",
    ),
    Statement(
        "communication.candid",
        _T.COMMUNICATION,
        "We talk openly about how the search for talent is going.",
        "Talk openly about the search",
    ),
    Statement(
        "communication.both_ways",
        _T.COMMUNICATION,
        "Feedback flows in both directions between us.",
        "Feedback both ways",
    ),
    Statement(
        "metrics.real",
        _T.METRICS,
        "Our KPIs tell us how we are really doing.",
        "KPIs tell the truth",
    ),
    Statement(
        "metrics.focused",
        _T.METRICS,
        "We focus on a small set of metrics that matter.",
        "A few metrics that matter",
    ),
    Statement(
        "recognition.noticed",
        _T.RECOGNITION,
        "Good work gets noticed.",
        "Good work noticed",
    ),
    Statement(
        "recognition.both_ways",
        _T.RECOGNITION,
        "Thanks and praise flow in both directions, not just one.",
        "Praise both ways",
    ),
    Statement(
        "improvement.root_cause",
        _T.IMPROVEMENT,
        "When something goes wrong we fix the cause, not just the symptom.",
        "Fix the cause",
    ),
    Statement(
        "improvement.learning",
        _T.IMPROVEMENT,
        "We regularly look back together and change how we work.",
        "Look back and change",
    ),
    Statement(
        "urgency.realistic",
        _T.URGENCY,
        "Expectations about pace are realistic.",
        "Realistic pace",
    ),
    Statement(
        "urgency.on_time",
        _T.URGENCY,
        "Things we agree to do get done on time.",
        "Done on time",
    ),
    Statement(
        "urgency.ramp_up",
        _T.URGENCY,
        "We give the partnership the time it needs to ramp up.",
        "Time to ramp up",
    ),
)
"""The standard instrument, technique by technique, in the order it is asked."""

STANDARD_IDS = frozenset(s.id for s in STANDARD_STATEMENTS)


def standard_statement(statement_id: str) -> Statement | None:
    """The standard statement with this id, if there is one."""
    return _BY_ID.get(statement_id)


_BY_ID = {s.id: s for s in STANDARD_STATEMENTS}


def scale_to_100(score: float) -> float:
    """A 1-to-5 answer on the engine's 0-to-100 scale: 1 is 0, 3 (neutral) is 50, 5 is 100."""
    return (score - LOWEST_SCORE) / (HIGHEST_SCORE - LOWEST_SCORE) * 100
