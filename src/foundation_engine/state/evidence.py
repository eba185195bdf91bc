"""Evidence named the way a person would name it.

Findings point at their evidence with JSON Pointers (``/communications/36``),
which stay in the JSON report for programs. People reading a text, Markdown,
HTML or CSV report want "weekly check-in, 2026-07-20 (Communications row 37)"
instead: :func:`describe_evidence` turns a pointer into that, using the
record's own fields and, when the record was imported or read from a
spreadsheet, where it came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from foundation_engine.state import model as m
from foundation_engine.state.labels import label
from foundation_engine.state.pointers import MISSING, child, walk_remembered
from foundation_engine.state.vocabulary import Cadence

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: How the lists of a state are named when a pointer stops at one.
LIST_NAMES = {
    "communications": "the communications",
    "metrics": "the metrics",
    "recognitions": "the recognitions",
    "milestones": "the milestones",
    "escalations": "the escalations",
    "action_items": "the action items",
    "requisitions": "the requisitions",
    "surveys": "the surveys",
    "agreed_actions": "the agreed actions",
    "goals": "the goals",
    "sign_offs": "the sign-offs",
    "sponsors": "the sponsors",
    "issues": "the issues",
    "corrective_actions": "the corrective actions",
    "retrospectives": "the retrospectives",
    "observations": "the readings",
    "metric_ids": "the linked metrics",
    "parties": "the parties",
    "topics": "the topics",
    "waves": "the pulse waves",
    "questions": "the pulse's own statements",
    "responses": "the pulse answers",
}

_LONGEST_TEXT = 50


def describe_evidence(state: m.PartnershipState, pointer: str) -> str:
    """A readable name for the record (or field) `pointer` points at in `state`.

    ``/communications/36`` becomes "weekly check-in, 2026-07-20 (Communications
    row 37)" when the record came from row 37 of a workbook's Communications
    sheet, and "weekly check-in, 2026-07-20" when it has no source;
    ``/metrics/0/observations/5`` becomes "Time to fill, June 2026 reading". A
    pointer into a record names the record and then the field
    ("issue I-7, opened 2026-03-02: root cause"). A pointer that does not
    resolve in `state` (or points into plugin extensions) is returned as it is.
    """
    return EvidenceNames(state).name(pointer)


class EvidenceNames:
    """:func:`describe_evidence` for many pointers into one state, sharing the way.

    The evidence of one report points into a few lists (``/communications/3``,
    ``/communications/7``), so the path to each list is walked once: the
    trail of every pointer prefix walked is kept, and each name once told is
    remembered. The state must not change while this is in use.
    """

    def __init__(self, state: m.PartnershipState) -> None:
        self.state = state
        self._home = state.partnership.source.file if state.partnership.source else None
        self._trails: dict[str, list[tuple[str | int, Any]] | None] = {"": []}
        self._names: dict[str, str] = {}

    def name(self, pointer: str) -> str:
        """The readable name of what `pointer` points at (see :func:`describe_evidence`)."""
        named = self._names.get(pointer)
        if named is None:
            named = self._names[pointer] = self._told(pointer)
        return named

    def _told(self, pointer: str) -> str:
        if pointer and (not pointer.startswith("/") or pointer.startswith("/extensions/")):
            return pointer
        if pointer == "/extensions":
            return pointer
        trail = self._trail(pointer)
        if trail is None:
            return pointer
        if not trail:
            return "the partnership state"
        last_token, last_value = trail[-1]
        if isinstance(last_value, BaseModel):  # most evidence names a record itself
            return self._record(last_value, trail)
        if isinstance(last_value, list) and isinstance(last_token, str):
            return LIST_NAMES.get(last_token, last_token.replace("_", " "))
        # The deepest record on the path names the evidence; what lies below it is a field.
        for depth in range(len(trail) - 1, -1, -1):
            value = trail[depth][1]
            if isinstance(value, BaseModel):
                name = self._record(value, trail[: depth + 1])
                rest = [str(t) for t, _ in trail[depth + 1 :] if not isinstance(t, int)]
                if rest:
                    name += ": " + " ".join(part.replace("_", " ") for part in rest)
                return name
        return pointer

    def _trail(self, pointer: str) -> list[tuple[str | int, Any]] | None:
        """(token, value reached) for each step of `pointer`; None where it leads nowhere."""
        return walk_remembered(self._trails, pointer, self._step_on)

    def _step_on(
        self, trail: list[tuple[str | int, Any]] | None, raw: str
    ) -> list[tuple[str | int, Any]] | None:
        return None if trail is None else self._step(trail, raw)

    def _step(
        self, trail: list[tuple[str | int, Any]], raw: str
    ) -> list[tuple[str | int, Any]] | None:
        node = trail[-1][1] if trail else self.state
        if node is None:  # a field left empty: only its name can be told
            return None
        text = raw.replace("~1", "/").replace("~0", "~") if "~" in raw else raw
        # List positions are numbers (so fields can be told from items), stepped to as written
        # back from the number: "007" reaches item 7.
        token: str | int = int(text) if text.isdigit() else text
        if isinstance(token, int) and isinstance(node, list):
            reached = node[token] if token < len(node) else MISSING
        else:
            reached = child(node, str(token) if isinstance(token, int) else text)
        if reached is MISSING:
            return None
        return [*trail, (token, reached)]

    def _record(self, record: BaseModel, trail: list[tuple[str | int, Any]]) -> str:
        text = _what(record, trail)
        source = getattr(record, "source", None)  # a benchmark's source is its citation
        where = _where(source, record, self._home) if isinstance(source, m.Provenance) else ""
        return f"{text} ({where})" if where else text


_Trail = list[tuple[str | int, Any]]

_DESCRIBERS: dict[type, Callable[[Any, _Trail], str]] = {}
"""The describer of each type of record met so far: the first in :data:`_DESCRIBED` it is."""


def _what(record: BaseModel, trail: _Trail) -> str:
    """What the record is, in words; the describer is looked up once per type of record."""
    kind = type(record)
    describe = _DESCRIBERS.get(kind)
    if describe is None:
        describe = next((d for k, d in _DESCRIBED if isinstance(record, k)), _type_name)
        _DESCRIBERS[kind] = describe
    return describe(record, trail)


def _type_name(record: BaseModel, _trail: _Trail) -> str:
    return type(record).__name__


def _touchpoint(record: m.Touchpoint, _trail: _Trail) -> str:
    return f"{label(record.kind)}, {record.date}"


def _observation(record: m.Observation, trail: _Trail) -> str:
    metric = _parent(trail, m.Metric)
    name = metric.name if metric else "metric"
    return f"{name}, {_period(record.period_end, metric.cadence if metric else None)} reading"


def _metric(record: m.Metric, _trail: _Trail) -> str:
    return f"KPI {record.name}"


def _benchmark(record: m.Benchmark, trail: _Trail) -> str:
    metric = _parent(trail, m.Metric)
    return f"benchmark of {metric.name if metric else 'a metric'}"


def _recognition(record: m.Recognition, _trail: _Trail) -> str:
    return (
        f"recognition from the {record.from_party.value} to the "
        f"{record.to_party.value}, {record.date}"
    )


def _milestone(record: m.Milestone, _trail: _Trail) -> str:
    return f"milestone {record.name}"


def _goal(record: m.Goal, _trail: _Trail) -> str:
    return f"goal {record.id} ({_short(record.description)})"


def _sign_off(record: m.SignOff, _trail: _Trail) -> str:
    return f"sign-off by the {record.party.value} ({record.name}), {record.date}"


def _sponsor(record: m.Sponsor, trail: _Trail) -> str:
    side = next((t for t, _ in trail if t in ("client", "provider")), "")
    return f"{side} {label(record.role)} {record.name}".strip()


def _party_side(record: m.PartySide, trail: _Trail) -> str:
    side = next((t for t, _ in reversed(trail) if t in ("client", "provider")), "")
    return f"the {side} ({record.name})"


def _issue(record: m.Issue, _trail: _Trail) -> str:
    return f"issue {record.id}, opened {record.opened}"


def _corrective_action(record: m.CorrectiveAction, _trail: _Trail) -> str:
    due = f"due {record.due}" if record.due else f"opened {record.opened}"
    return f"corrective action {record.id}, {due}"


def _retrospective(record: m.Retrospective, _trail: _Trail) -> str:
    return f"{record.title}, {record.date}"


def _escalation(record: m.Escalation, _trail: _Trail) -> str:
    threat = " with a termination threat" if record.termination_threatened else ""
    by = record.raised_by.value
    return f"{label(record.level)} escalation by the {by}{threat}, {record.date}"


def _action_item(record: m.ActionItem, _trail: _Trail) -> str:
    return f"action item {record.id}, due {record.due}"


def _requisition(record: m.Requisition, _trail: _Trail) -> str:
    return f"requisition {record.id}, opened {record.opened}"


def _agreed_action(record: m.AgreedAction, _trail: _Trail) -> str:
    return f"agreed action {record.id} on {record.rule}, due {record.due}"


def _survey(record: m.Survey, _trail: _Trail) -> str:
    return f"{record.party.value} survey on {label(record.topic)}, {record.date}"


def _pulse_wave(record: m.PulseWave, _trail: _Trail) -> str:
    named = f"{record.name}, " if record.name else ""
    return f"pulse wave {named}closed {record.date}"


def _pulse_question(record: m.PulseQuestion, _trail: _Trail) -> str:
    return f"pulse statement {record.id}"


def _pulse_response(record: m.PulseResponse, _trail: _Trail) -> str:
    return "a pulse answer"  # never who gave it


def _pulse(record: m.Pulse, _trail: _Trail) -> str:
    return "the pulse"


def _contract_terms(record: m.ContractTerms, _trail: _Trail) -> str:
    return "the contract terms"


def _purpose(record: m.Purpose, _trail: _Trail) -> str:
    return "the purpose"


def _improvement(record: m.Improvement, _trail: _Trail) -> str:
    return "the improvement records"


def _partnership(record: m.Partnership, _trail: _Trail) -> str:
    return f"the partnership {record.name}"


def _partnership_state(record: m.PartnershipState, _trail: _Trail) -> str:
    return "the partnership state"


_DESCRIBED: tuple[tuple[type[BaseModel], Callable[[Any, _Trail], str]], ...] = (
    (m.Touchpoint, _touchpoint),
    (m.Observation, _observation),
    (m.Metric, _metric),
    (m.Benchmark, _benchmark),
    (m.Recognition, _recognition),
    (m.Milestone, _milestone),
    (m.Goal, _goal),
    (m.SignOff, _sign_off),
    (m.Sponsor, _sponsor),
    (m.PartySide, _party_side),
    (m.Issue, _issue),
    (m.CorrectiveAction, _corrective_action),
    (m.Retrospective, _retrospective),
    (m.Escalation, _escalation),
    (m.ActionItem, _action_item),
    (m.Requisition, _requisition),
    (m.AgreedAction, _agreed_action),
    (m.Survey, _survey),
    (m.PulseWave, _pulse_wave),
    (m.PulseQuestion, _pulse_question),
    (m.PulseResponse, _pulse_response),
    (m.Pulse, _pulse),
    (m.ContractTerms, _contract_terms),
    (m.Purpose, _purpose),
    (m.Improvement, _improvement),
    (m.Partnership, _partnership),
    (m.PartnershipState, _partnership_state),
)


def _parent(trail: list[tuple[str | int, Any]], kind: type[BaseModel]) -> Any:
    for _, value in reversed(trail[:-1]):
        if isinstance(value, kind):
            return value
    return None


def _period(end: dt.date, cadence: Cadence | None) -> str:
    """A period as a person names it: "June 2026", "Q2 2026", "2026", "week ending ..."."""
    last_of_month = (end + dt.timedelta(days=1)).day == 1
    if cadence is Cadence.WEEKLY:
        return f"week ending {end}"
    if cadence is Cadence.ANNUALLY and (end.month, end.day) == (12, 31):
        return str(end.year)
    if cadence is Cadence.QUARTERLY and last_of_month and end.month % 3 == 0:
        return f"Q{end.month // 3} {end.year}"
    if last_of_month:
        return f"{MONTHS[end.month - 1]} {end.year}"
    return f"period ending {end}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LONGEST_TEXT else text[: _LONGEST_TEXT - 3].rstrip() + "..."


def _where(source: m.Provenance, record: BaseModel, home: str | None) -> str:
    """Where a record came from, as a reader would look for it; empty when unknown.

    A sheet of the workbook the partnership itself was read from (`home`) needs no
    file name; a sheet of any other file is named with its file.
    """
    if source.uid is not None:
        where = f"{source.file}, event {source.uid}" if source.file else f"event {source.uid}"
        when = getattr(record, "date", None)
        if source.instance and when is not None and source.instance[:10] != str(when):
            where += f", moved from {source.instance[:10]}"
        return f"calendar {where}" if not source.file else where
    holder = source.sheet or source.file
    if source.sheet and source.file and source.file != home:
        holder = f"{source.file}, {source.sheet}"
    if holder is None:
        return ""
    if source.row is None:
        return holder
    if source.rows and source.rows > 1:
        return f"{holder}, {source.rows} rows from row {source.row}"
    return f"{holder} row {source.row}"
