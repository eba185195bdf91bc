"""The partnership workbook: which sheets it has, which columns each holds, and what they mean.

Derived from the state model, so a field added to a record appears in the
workbook, its notes and its reader without being listed twice. Each sheet
holds one kind of record, one row per record and one column per field; the
``Partnership`` sheet holds the one partnership (and its purpose statement),
``Sponsors`` the people of both sides, and ``Observations`` the readings of
the metrics on the ``Metrics`` sheet.

A sheet left out of a workbook means the records it holds were not
recorded; a sheet with a header and no rows means they were recorded and
there were none (the same distinction a state file makes between a list
left out and an empty list). The pulse is the exception: its sheets empty
mean no pulse was run, as a pulse without answers says nothing more. Sheets
whose names start with ``_`` are the reader's own (notes, lookups) and are
never read.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from foundation_engine.state.labels import VALUES

from ..state import model as m
from ..state.vocabulary import Party

ColumnKind = Literal["text", "id", "ids", "date", "number", "bool", "choice", "choices"]

#: Sheets of the reader's own: never read, never refused.
PRIVATE_PREFIX = "_"

#: Headers nicer than the field name turned into words.
HEADERS = {
    "id": "Id",
    "from_party": "From",
    "to_party": "To",
    "metric_ids": "Metric ids",
    "metric_id": "Metric id",
    "milestone_id": "Milestone id",
    "goal_id": "Goal id",
    "issue_id": "Issue id",
    "go_live_date": "Go-live date",
    "as_of": "As of",
    "scale_max": "Scale max",
    "termination_threatened": "Termination threatened",
}


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, where its value goes and what it holds."""

    header: str
    path: tuple[str, ...]
    """Where the value goes, within the sheet's record (or the state, on Partnership)."""
    kind: ColumnKind
    required: bool
    description: str
    enum: type[StrEnum] | None = None
    default: Any = None

    @property
    def key(self) -> str:
        return header_key(self.header)

    def note(self) -> str:
        """The header note: what the column holds, whether it is required, what it accepts."""
        parts = [self.description]
        if self.required:
            parts.append("Required.")
        elif self.default is not None and self.default != []:
            shown = self.default.value if isinstance(self.default, StrEnum) else self.default
            if isinstance(shown, bool):
                shown = "yes" if shown else "no"
            parts.append(f"Empty means {shown}.")
        parts.append(_accepts(self))
        return " ".join(parts)


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook."""

    name: str
    path: tuple[str, ...]
    """Where its records go in the state: a list (``("improvement", "issues")``)."""
    model: type[BaseModel]
    columns: tuple[Column, ...]
    description: str
    single: bool = False
    """One row only (the Partnership sheet), written into the state itself."""
    parent: str | None = None
    """``"side"`` for Sponsors, ``"metric"`` for Observations, ``"wave"`` for Pulse: a column
    says where each row goes."""
    example: tuple[Any, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        return sheet_key(self.name)


def header_key(text: str) -> str:
    """How headers are compared: case, spaces, punctuation and a trailing ``*`` do not matter."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def sheet_key(text: str) -> str:
    """How sheet (and CSV file) names are compared, as :func:`header_key` compares headers."""
    return header_key(text)


def _words(name: str) -> str:
    text = HEADERS.get(name) or name.replace("_", " ")
    return text[:1].upper() + text[1:]


def _accepts(column: Column) -> str:
    if column.kind == "date":
        return "A date, such as 2026-03-31."
    if column.kind == "number":
        return "A number."
    if column.kind == "bool":
        return "yes or no."
    if column.kind == "id":
        return "Letters, digits, '.', '_', ':' or '-', no spaces."
    if column.kind == "ids":
        return "Ids separated by commas."
    if column.enum is not None:
        values = ", ".join(VALUES[column.enum]) if column.enum in VALUES else ""
        if column.kind == "choices":
            return f"Any of: {values}; separated by commas."
        return f"One of: {values}."
    return "Text."


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``| None``, and whether it was a list."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0]
        origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
        origin = typing.get_origin(annotation)
    if origin is list:
        inner = typing.get_args(annotation)[0]
        if typing.get_origin(inner) is typing.Annotated:
            inner = typing.get_args(inner)[0]
        return inner, True
    return annotation, False


def _kind(name: str, info: FieldInfo) -> tuple[ColumnKind, type[StrEnum] | None]:
    inner, is_list = _unwrap(info.annotation)
    metadata = [str(x) for x in info.metadata]
    is_id = name == "id" or name.endswith("_id") or name == "metric_ids"
    if isinstance(inner, type) and issubclass(inner, StrEnum):
        return ("choices" if is_list else "choice"), inner
    if is_list:
        return "ids", None
    if inner is dt.date:
        return "date", None
    if inner is bool:
        return "bool", None
    if inner in (float, int):
        return "number", None
    if is_id or any("pattern" in x for x in metadata):
        return "id", None
    return "text", None


def _columns(
    model: type[BaseModel],
    prefix: tuple[str, ...] = (),
    header_prefix: str = "",
    skip: frozenset[str] = frozenset(),
) -> list[Column]:
    columns: list[Column] = []
    for name, info in model.model_fields.items():
        inner, is_list = _unwrap(info.annotation)
        if name in skip or inner is m.Provenance:
            continue
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            if is_list:
                continue  # a list of records has a sheet of its own
            columns += _columns(inner, (*prefix, name), f"{header_prefix}{_words(name)} ")
            continue
        kind, enum = _kind(name, info)
        header = header_prefix + (_words(name) if not header_prefix else _words(name).lower())
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        columns.append(
            Column(
                header=header,
                path=(*prefix, name),
                kind=kind,
                required=info.is_required() and not header_prefix,
                description=info.description or "",
                enum=enum,
                default=default,
            )
        )
    return columns


def _partnership_columns() -> tuple[Column, ...]:
    columns = []
    for column in _columns(m.Partnership, ("partnership",), skip=frozenset({"client", "provider"})):
        if column.path[1] == "contract_terms":
            column = Column(
                _words(column.path[-1]), *_rest(column)
            )  # "Positive incentives", not "Contract terms positive incentives"
        columns.append(column)
    at = 2  # after Id and Name
    sides = [
        Column("Client", ("partnership", "client", "name"), "text", True, "The client's name."),
        Column(
            "Provider", ("partnership", "provider", "name"), "text", True, "The provider's name."
        ),
    ]
    columns[at:at] = sides
    purpose = [
        Column(
            "Purpose " + column.header.lower() if column.path[-1] != "statement" else "Purpose",
            *_rest(column),
        )
        for column in _columns(m.Purpose, ("purpose",))
    ]
    pulse = [
        Column("Pulse " + column.header.lower(), *_rest(column))
        for column in _columns(m.Pulse, ("pulse",))
    ]
    return tuple(columns + purpose + pulse)


def _rest(column: Column) -> tuple[Any, ...]:
    return (
        column.path,
        column.kind,
        column.required,
        column.description,
        column.enum,
        column.default,
    )


def _side_column() -> Column:
    return Column(
        "Side",
        ("side",),
        "choice",
        True,
        "The side the person works for.",
        enum=Party,
    )


def _metric_column() -> Column:
    return Column(
        "Metric id",
        ("metric_id",),
        "id",
        True,
        "The id of the metric (on the Metrics sheet) this is a reading of.",
    )


def _wave_columns() -> tuple[Column, ...]:
    """The columns that say which wave a pulse answer belongs to."""
    date = m.PulseWave.model_fields["date"].description or ""
    name = m.PulseWave.model_fields["name"].description or ""
    return (
        Column("Wave date", ("wave", "date"), "date", True, date),
        Column("Wave", ("wave", "name"), "text", False, name),
    )


@cache
def sheets() -> tuple[Sheet, ...]:
    """Every sheet of the partnership workbook, in workbook order."""

    def plain(name: str, path: tuple[str, ...], model: type[BaseModel], text: str) -> Sheet:
        return Sheet(name, path, model, tuple(_columns(model)), text)

    return (
        Sheet(
            "Partnership",
            (),
            m.Partnership,
            _partnership_columns(),
            "The partnership: who the parties are, the dates that set its phase, and its "
            "purpose. One row.",
            single=True,
        ),
        Sheet(
            "Sponsors",
            ("sponsors",),
            m.Sponsor,
            (_side_column(), *_columns(m.Sponsor)),
            "The executive sponsors and point people of both sides, past and present.",
            parent="side",
        ),
        plain("Goals", ("purpose", "goals"), m.Goal, "The partnership's concrete goals."),
        plain(
            "Sign-offs",
            ("purpose", "sign_offs"),
            m.SignOff,
            "Each side's written agreement to the purpose.",
        ),
        plain(
            "Communications",
            ("communications",),
            m.Touchpoint,
            "Every check-in, review, QBR and status report, one row each.",
        ),
        plain(
            "Metrics",
            ("metrics",),
            m.Metric,
            "The KPIs on the partnership scorecard; their readings go on Observations.",
        ),
        Sheet(
            "Observations",
            ("observations",),
            m.Observation,
            (_metric_column(), *_columns(m.Observation)),
            "The readings of the metrics: one row per metric and period.",
            parent="metric",
        ),
        plain(
            "Recognitions",
            ("recognitions",),
            m.Recognition,
            "Who thanked or celebrated whom, and for what.",
        ),
        plain("Milestones", ("milestones",), m.Milestone, "Planned and reached milestones."),
        plain(
            "Issues",
            ("improvement", "issues"),
            m.Issue,
            "Slip-ups and SLA misses, their root causes, and when they closed.",
        ),
        plain(
            "Corrective actions",
            ("improvement", "corrective_actions"),
            m.CorrectiveAction,
            "What was done about each issue or declining metric.",
        ),
        plain(
            "Retrospectives",
            ("improvement", "retrospectives"),
            m.Retrospective,
            "Retrospectives and improvement initiatives.",
        ),
        plain(
            "Escalations",
            ("escalations",),
            m.Escalation,
            "Concerns taken above the day-to-day contacts, and termination threats.",
        ),
        plain(
            "Action items",
            ("action_items",),
            m.ActionItem,
            "Actions agreed in meetings, with owners and due dates.",
        ),
        plain(
            "Requisitions",
            ("requisitions",),
            m.Requisition,
            "Requisitions and the dates they moved through.",
        ),
        plain(
            "Surveys",
            ("surveys",),
            m.Survey,
            "Pulse survey results: each side's average answer per topic.",
        ),
        plain(
            "Agreed actions",
            ("agreed_actions",),
            m.AgreedAction,
            "Actions agreed to fix findings of an earlier assessment, each naming the rule.",
        ),
        plain(
            "Pulse questions",
            ("pulse", "questions"),
            m.PulseQuestion,
            "Statements the partnership asks in its pulse besides the standard ones.",
        ),
        Sheet(
            "Pulse",
            ("pulse", "waves"),
            m.PulseResponse,
            (*_wave_columns(), *_columns(m.PulseResponse)),
            "The foundation pulse: one row per person and statement, anonymous (a side and "
            "a role, never a name); rows with the same wave date make one wave.",
            parent="wave",
        ),
    )


def sheet_named(name: str) -> Sheet | None:
    """The sheet a workbook sheet (or CSV file) name stands for, if any."""
    key = sheet_key(name)
    return next((s for s in sheets() if s.key == key), None)
