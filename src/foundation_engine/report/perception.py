"""Where you see it differently: the report's section on the foundation pulse.

For each technique it sets each side's view (the pulse) beside what the
records show, and beside the verdicts of the perception rules, in one place a
writer can present. The figures come from :mod:`foundation_engine.checks.pulse`
and keep its anonymity: a side's average is null, and writers say "too few
responses", whenever fewer than ``min_respondents`` of its people answered.

**What the records show** (:func:`records_score`) is a technique's evidence
score worked out from its findings that rest on records: the perception
findings, whose evidence lies wholly in what people said (the pulse, or the
survey results under ``surveys``), are left out. Waivers and folding are
scoring decisions and are not applied here, since the question is what the
records say, not what the score counts; so the figure can differ from the
technique's ``evidence_score`` when a failure is waived or folded.

**The verdicts** are the perception rules' own. The section names the
findings that judged the latest wave (those whose evidence points at it),
takes the gap's verdict from the one whose value is a number (the gap), and
the quadrants from the one whose value holds them (the blind-spot rule). When
those rules did not run, the figures are shown without a verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from foundation_engine.checks.outcome import Status
from foundation_engine.checks.pulse import SideView, TechniquePulse, WavePulse, measure_waves
from foundation_engine.state.vocabulary import Party, PulseTechnique

if TYPE_CHECKING:
    from foundation_engine.report.model import Finding
    from foundation_engine.state.model import PartnershipState

#: Where what people said lies in a state: the pulse, and survey results by topic.
PERCEPTION_SECTIONS = ("/pulse", "/surveys")

Quadrant = Literal["agreed_strength", "agreed_weakness", "blind_spot", "undervalued"]

QUADRANTS: dict[str, str] = {
    "agreed_strength": "agreed strength",
    "agreed_weakness": "agreed weakness",
    "blind_spot": "blind spot",
    "undervalued": "undervalued",
}
"""Each quadrant as a reader says it."""


def is_perception(finding: Finding) -> bool:
    """Whether the finding rests on what people said alone, not on the records."""
    return bool(finding.evidence) and all(
        any(p == s or p.startswith(s + "/") for s in PERCEPTION_SECTIONS) for p in finding.evidence
    )


def records_score(findings: Iterable[Finding], technique: str) -> float | None:
    """What the records show of `technique`, 0 to 100; None when no records finding had data.

    The weighted mean of the technique's scored findings, perception findings
    left out, waivers and folding not applied.
    """
    num = den = 0.0
    for f in findings:
        if f.technique != technique or f.weight <= 0 or f.score is None or is_perception(f):
            continue
        num += f.weight * f.score
        den += f.weight
    return round(100 * num / den, 1) if den else None


def quadrant(view: float, records: float, rated_well: float, records_sound: float) -> Quadrant:
    """Where a view (1 to 5) and the records (0 to 100) put a technique."""
    well, sound = view >= rated_well, records >= records_sound
    if well:
        return "agreed_strength" if sound else "blind_spot"
    return "undervalued" if sound else "agreed_weakness"


def both_sides(client: float | None, provider: float | None) -> float | None:
    """Both sides' view as one: the mean of the sides shown, each side weighing the same."""
    shown = [v for v in (client, provider) if v is not None]
    return round(sum(shown) / len(shown), 2) if shown else None


# --------------------------------------------------------------------------
# the section, as the JSON report carries it
# --------------------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SideFigure(_Out):
    """One side's view: how many answered and, when enough did, their average."""

    respondents: int = Field(
        description="People of the side who answered (for a technique, the most who answered "
        "one of its statements)."
    )
    average: float | None = Field(
        description="The side's average answer, 1 to 5; null when fewer than min_respondents "
        "answered (too few responses)."
    )


class StatementFigures(_Out):
    """Both sides' answers to one statement in the latest wave."""

    statement: str = Field(description="The statement's id.")
    text: str = Field(description="The statement as respondents read it.")
    standard: bool = Field(description="False for a statement the partnership added.")
    client: SideFigure
    provider: SideFigure
    gap: float | None = Field(description="How far apart the averages are; null unless both shown.")


class WaveFigures(_Out):
    """One side's and the other's view of a technique in one wave."""

    date: dt.date = Field(description="The day the wave closed.")
    name: str | None = None
    client: float | None = Field(description="The client's average; null when too few answered.")
    provider: float | None = Field(
        description="The provider's average; null when too few answered."
    )
    gap: float | None = None


class PulseComment(_Out):
    """A comment written beside an answer: the side and statement, never who wrote it."""

    party: Party
    statement: str
    text: str


class TechniquePerception(_Out):
    """Both sides' view of one technique beside the records, and the perception verdicts."""

    technique: str
    title: str
    client: SideFigure = Field(description="The client's view in the latest wave.")
    provider: SideFigure = Field(description="The provider's view in the latest wave.")
    gap: float | None = Field(
        description="How far apart the two views are, in points; null unless both are shown."
    )
    records: float | None = Field(
        description="What the records show, 0 to 100: the technique's evidence score without "
        "the perception findings (waivers and folding not applied); null without records."
    )
    gap_flagged: bool | None = Field(
        None, description="The perception-gap rule's verdict on the latest wave; null unjudged."
    )
    quadrants: dict[str, str] | None = Field(
        None,
        description="The blind-spot rule's quadrant for the client, the provider and both "
        "sides (agreed_strength, agreed_weakness, blind_spot, undervalued); null unjudged.",
    )
    verdicts: list[str] = Field(
        default_factory=list, description="Rule ids of the findings that judged the latest wave."
    )
    change: dict[str, float] = Field(
        default_factory=dict,
        description="Each side's change since the previous wave, in points, where both waves "
        "show its average.",
    )
    waves: list[WaveFigures] = Field(
        default_factory=list, description="The views wave by wave, oldest first."
    )
    statements: list[StatementFigures] = Field(default_factory=list)
    comments: list[PulseComment] = Field(
        default_factory=list, description="Comments of the latest wave on this technique."
    )
    withheld_comments: int = Field(
        0, description="Comments not shown because too few of their side answered."
    )
    note: str | None = Field(None, description="What limits the comparison, in a sentence.")


class WaveSummary(_Out):
    date: dt.date
    name: str | None = None
    pointer: str = Field(description="JSON Pointer to the wave in the state.")
    respondents: dict[str, int] = Field(
        description="The most people of each side who answered one statement."
    )


class Perception(_Out):
    """Both sides' view from the foundation pulse, set against the records."""

    min_respondents: int = Field(
        description="A side's average is shown only when at least this many answered."
    )
    waves: list[WaveSummary] = Field(
        default_factory=list, description="The waves known on the day assessed, oldest first."
    )
    latest: dt.date | None = Field(None, description="The day the latest wave closed.")
    techniques: list[TechniquePerception] = Field(
        default_factory=list,
        description="Each technique someone answered on in the latest wave, in report order.",
    )


# --------------------------------------------------------------------------
# building it
# --------------------------------------------------------------------------


def build_perception(
    state: PartnershipState,
    as_of: dt.date,
    findings: Sequence[Finding],
    titles: Mapping[str, str],
) -> Perception | None:
    """The section for `state` (as recorded) assessed on `as_of`; None without a pulse.

    Waves closed after `as_of` are left out. `titles` gives each technique's
    title, in report order; techniques it does not name come last.
    """
    if state.pulse is None:
        return None
    measured = [w for w in measure_waves(state) if w.date <= as_of]
    section = Perception(
        min_respondents=state.pulse.min_respondents,
        waves=[
            WaveSummary(
                date=w.date,
                name=w.name,
                pointer=w.pointer,
                respondents={"client": w.respondents[0], "provider": w.respondents[1]},
            )
            for w in measured
        ],
    )
    if not measured:
        return section
    latest = measured[-1]
    order = {technique: i for i, technique in enumerate(titles)}
    answered = sorted(
        (t for t in latest.techniques if t.answered),
        key=lambda t: (order.get(t.technique.value, len(order)), t.technique.value),
    )
    techniques = [
        _technique(t, latest, measured, findings, titles.get(t.technique.value)) for t in answered
    ]
    return section.model_copy(update={"latest": latest.date, "techniques": techniques})


def _figure(view: SideView) -> SideFigure:
    return SideFigure(respondents=view.respondents, average=view.average)


def _technique(
    pulse: TechniquePulse,
    latest: WavePulse,
    measured: Sequence[WavePulse],
    findings: Sequence[Finding],
    title: str | None,
) -> TechniquePerception:
    technique = pulse.technique.value
    judged = [
        f
        for f in findings
        if f.technique == technique and latest.pointer in f.evidence and is_perception(f)
    ]
    gap_verdict = next(
        (f for f in judged if isinstance(f.value, int | float) and not isinstance(f.value, bool)),
        None,
    )
    spot = next((f for f in judged if isinstance(f.value, dict) and "quadrants" in f.value), None)
    quadrants = _quadrants(spot.value) if spot is not None and spot.status in _JUDGED else None
    history = [w.technique(technique) for w in measured]
    records = records_score(findings, technique)
    change: dict[str, float] = {}
    if len(history) > 1:
        for party in (Party.CLIENT, Party.PROVIDER):
            now, before = history[-1].side(party).average, history[-2].side(party).average
            if now is not None and before is not None:
                change[party.value] = round(now - before, 2)
    note = None
    if records is None:
        note = (
            "The records hold nothing on this technique yet, so the pulse is compared with "
            "nothing and does not count in its score: a pulse never stands in for records."
        )
    elif not (pulse.client.shown and pulse.provider.shown):
        note = (
            f"Too few responses from one side (at least {latest.min_respondents} needed) to "
            "set the two views side by side."
        )
    return TechniquePerception(
        technique=technique,
        title=title or PulseTechnique(technique).value.capitalize(),
        client=_figure(pulse.client),
        provider=_figure(pulse.provider),
        gap=pulse.gap,
        records=records,
        gap_flagged=(
            None
            if gap_verdict is None or gap_verdict.status not in _JUDGED
            else gap_verdict.status is Status.FAILED
        ),
        quadrants=quadrants,
        verdicts=[f.rule_id for f in judged],
        change=change,
        waves=[
            WaveFigures(
                date=w.date,
                name=w.name,
                client=t.client.average,
                provider=t.provider.average,
                gap=t.gap,
            )
            for w, t in zip(measured, history, strict=True)
            if t.answered
        ],
        statements=[
            StatementFigures(
                statement=s.statement.id,
                text=s.statement.text,
                standard=s.statement.standard,
                client=_figure(s.client),
                provider=_figure(s.provider),
                gap=(
                    round(abs(s.client.average - s.provider.average), 2)
                    if s.client.average is not None and s.provider.average is not None
                    else None
                ),
            )
            for s in pulse.statements
        ],
        comments=[
            PulseComment(party=c.party, statement=c.statement_id, text=c.text)
            for c in pulse.comments
        ],
        withheld_comments=pulse.withheld_comments,
        note=note,
    )


_JUDGED = (Status.PASSED, Status.FAILED)


def _quadrants(value: Mapping[str, Any]) -> dict[str, str] | None:
    found = value.get("quadrants")
    if not isinstance(found, Mapping):
        return None
    return {str(k): str(v) for k, v in found.items() if isinstance(v, str) and v in QUADRANTS}
