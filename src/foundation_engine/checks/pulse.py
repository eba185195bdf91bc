"""The foundation pulse measured: each side's view of each technique, wave by wave.

Gathering only, no verdicts: the perception rules judge these figures and the
report shows them. Every figure respects the anonymity the pulse promised
(``pulse.min_respondents``):

- A side's average for a statement is taken when at least that many of its
  people answered the statement; below that it is None ("too few responses").
- A side's average for a technique is the mean of its statement averages that
  were taken, each statement weighing the same, so a statement answered by too
  few people never enters any figure (otherwise a shown statement average and
  a shown technique average could be subtracted to recover the hidden answers).
  The technique's respondents are the most people of the side who answered any
  one of its statements: answers carry no names, and people answering the same
  statement are different people.
- A comment is kept only when its side's average for its statement is taken.

Averages are on the 1-to-5 answer scale, rounded to two decimals; the gap
between the sides is worked out from the rounded averages, so the figures a
reader sees add up.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from foundation_engine.checks.context import CheckContext
from foundation_engine.state.instrument import STANDARD_STATEMENTS, Statement
from foundation_engine.state.model import PartnershipState, PulseWave
from foundation_engine.state.vocabulary import Party, PulseTechnique


@dataclass(frozen=True)
class SideView:
    """One side's answers to one statement, or to one technique's statements, in one wave."""

    party: Party
    respondents: int
    """People of the side who answered (for a technique: the most who answered one statement)."""
    average: float | None
    """The side's average answer, 1 to 5; None when too few people answered."""

    @property
    def shown(self) -> bool:
        return self.average is not None


@dataclass(frozen=True)
class StatementView:
    """Both sides' answers to one statement in one wave."""

    statement: Statement
    client: SideView
    provider: SideView

    def side(self, party: Party) -> SideView:
        return self.client if party is Party.CLIENT else self.provider


@dataclass(frozen=True)
class Comment:
    """A comment written beside an answer: which side wrote it, never who."""

    party: Party
    statement_id: str
    text: str


@dataclass(frozen=True)
class TechniquePulse:
    """Both sides' view of one technique in one wave."""

    technique: PulseTechnique
    client: SideView
    provider: SideView
    statements: tuple[StatementView, ...]
    comments: tuple[Comment, ...]
    """Comments whose side's average for their statement is shown, client's first."""
    withheld_comments: int
    """Comments left out because too few people of their side answered their statement."""

    def side(self, party: Party) -> SideView:
        return self.client if party is Party.CLIENT else self.provider

    @property
    def gap(self) -> float | None:
        """How far apart the two sides' averages are, in points; None unless both are shown."""
        if self.client.average is None or self.provider.average is None:
            return None
        return round(abs(self.client.average - self.provider.average), 2)

    @property
    def answered(self) -> bool:
        """Whether anyone answered a statement on this technique in the wave."""
        return bool(self.client.respondents or self.provider.respondents)


@dataclass(frozen=True)
class WavePulse:
    """One wave of the pulse, measured."""

    index: int
    """The wave's position in ``pulse.waves`` of the state measured."""
    date: dt.date
    name: str | None
    min_respondents: int
    respondents: tuple[int, int]
    """The most people of the client, then of the provider, who answered one statement."""
    techniques: tuple[TechniquePulse, ...]
    """One per technique, in the order of :class:`PulseTechnique`."""

    @property
    def pointer(self) -> str:
        return f"/pulse/waves/{self.index}"

    @property
    def label(self) -> str:
        """``2026 Q2 pulse (2026-06-19)``, or the date alone."""
        day = self.date.isoformat()
        return f"{self.name} ({day})" if self.name else day

    def technique(self, technique: PulseTechnique | str) -> TechniquePulse:
        wanted = PulseTechnique(technique)
        return next(t for t in self.techniques if t.technique is wanted)


def statements(state: PartnershipState) -> dict[str, Statement]:
    """Every statement the state's pulse can be answered on: the standard ones, then its own."""
    found = {s.id: s for s in STANDARD_STATEMENTS}
    for question in state.pulse.questions if state.pulse is not None else ():
        found.setdefault(
            question.id,
            Statement(
                question.id,
                question.technique,
                question.text,
                question.text,
                standard=False,
            ),
        )
    return found


def measure_waves(state: PartnershipState) -> tuple[WavePulse, ...]:
    """Every wave of the state's pulse measured, oldest first (by date, then as recorded)."""
    pulse = state.pulse
    if pulse is None:
        return ()
    known = statements(state)
    order = sorted(range(len(pulse.waves)), key=lambda i: (pulse.waves[i].date, i))
    return tuple(_measure(i, pulse.waves[i], known, pulse.min_respondents) for i in order)


def waves(context: CheckContext) -> tuple[WavePulse, ...]:
    """:func:`measure_waves` of the state assessed, worked out once per state."""
    return context.memo_of_records((__name__, "waves"), lambda: measure_waves(context.state))


def latest_wave(
    measured: Sequence[WavePulse], as_of: dt.date, max_age_days: int
) -> WavePulse | None:
    """The newest wave closed at most `max_age_days` before `as_of`, if any."""
    if not measured:
        return None
    newest = measured[-1]
    return newest if (as_of - newest.date).days <= max_age_days else None


def _measure(index: int, wave: PulseWave, known: dict[str, Statement], least: int) -> WavePulse:
    answers: dict[tuple[str, Party], list[int]] = {}
    notes: dict[tuple[str, Party], list[str]] = {}
    for response in wave.responses:
        key = (response.question, response.party)
        answers.setdefault(key, []).append(response.score)
        if response.comment is not None and response.comment.strip():
            notes.setdefault(key, []).append(response.comment)
    asked = [s for s in known.values() if any((s.id, p) in answers for p in Party)]
    techniques = tuple(
        _technique(t, [s for s in asked if s.technique is t], answers, notes, least)
        for t in PulseTechnique
    )
    respondents = tuple(
        max((len(scores) for (_, p), scores in answers.items() if p is party), default=0)
        for party in (Party.CLIENT, Party.PROVIDER)
    )
    return WavePulse(
        index=index,
        date=wave.date,
        name=wave.name,
        min_respondents=least,
        respondents=(respondents[0], respondents[1]),
        techniques=techniques,
    )


def _side(party: Party, scores: Sequence[int], least: int) -> tuple[SideView, float | None]:
    """The side's view of one statement, and its unrounded mean when it may be used."""
    if len(scores) < least:
        return SideView(party, len(scores), None), None
    mean = statistics.fmean(scores)
    return SideView(party, len(scores), round(mean, 2)), mean


def _technique(
    technique: PulseTechnique,
    asked: Iterable[Statement],
    answers: dict[tuple[str, Party], list[int]],
    notes: dict[tuple[str, Party], list[str]],
    least: int,
) -> TechniquePulse:
    views: list[StatementView] = []
    means: dict[Party, list[float]] = {Party.CLIENT: [], Party.PROVIDER: []}
    most: dict[Party, int] = {Party.CLIENT: 0, Party.PROVIDER: 0}
    comments: list[Comment] = []
    withheld = 0
    for statement in asked:
        sides: dict[Party, SideView] = {}
        for party in (Party.CLIENT, Party.PROVIDER):
            scores = answers.get((statement.id, party), [])
            sides[party], mean = _side(party, scores, least)
            most[party] = max(most[party], len(scores))
            written = notes.get((statement.id, party), [])
            if mean is None:
                withheld += len(written)
                continue
            means[party].append(mean)
            comments += [Comment(party, statement.id, text) for text in written]
        views.append(StatementView(statement, sides[Party.CLIENT], sides[Party.PROVIDER]))

    def overall(party: Party) -> SideView:
        taken = means[party]
        return SideView(party, most[party], round(statistics.fmean(taken), 2) if taken else None)

    comments.sort(key=lambda c: c.party is not Party.CLIENT)
    return TechniquePulse(
        technique=technique,
        client=overall(Party.CLIENT),
        provider=overall(Party.PROVIDER),
        statements=tuple(views),
        comments=tuple(comments),
        withheld_comments=withheld,
    )
