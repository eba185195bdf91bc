"""Pulse exports to waves of anonymous answers (``import --pulse``).

Two layouts are read, found from the headers:

- **One row per answer** (the CSV template ``foundation-engine pulse template``
  writes): a date and/or a wave, the side, the respondent's role, the
  statement (its id, such as ``communication.early``, or its words), the
  score and a comment.
- **One row per respondent**, as survey tools export: a date, the side, the
  role, and a column per statement, headed by its id or its words; a column
  headed ``<statement id> comment`` holds the comments on that statement.

Answers group into waves: by the ``wave`` column when the export has one,
else by the calendar month of the answer; a wave closes on the day of its
latest answer (or on its name, when a wave named like a date has no dates).
A side is ``client`` or ``provider``, a value mapped under
``[pulse.parties]``, or the client's or provider's name in the state; a
statement's words can be mapped to its id under ``[pulse.questions]``; a role
is one of the respondent roles or mapped under ``[pulse.roles]``, and any
other role is recorded as ``other``. Answers that cannot be placed, and blank
answers, are skipped and listed.

Nothing that names a respondent is read: columns such as a name or an e-mail
address are left unread, and said so in the summary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..errors import Problem, ValidationProblem
from ..files.limits import Limits
from ..state.instrument import HIGHEST_SCORE, LOWEST_SCORE, STANDARD_STATEMENTS
from ..state.vocabulary import Party, RespondentRole
from . import cells
from .layout import header_key
from .mapping import PulseMapping
from .sources import Imported, SourceTable, as_names, find_columns, read_table, value_at

COLUMNS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "submitted",
        "submitted at",
        "submit date",
        "completion time",
        "response date",
        "end date",
        "timestamp",
    ),
    "wave": ("wave", "pulse", "survey", "round", "wave name"),
    "party": (
        "party",
        "side",
        "respondent side",
        "organisation",
        "organization",
        "company",
        "respondent company",
    ),
    "role": ("role", "respondent role", "job role", "your role"),
    "question": ("question", "statement", "item", "question id", "statement id"),
    "score": ("score", "answer", "rating", "response", "value"),
    "comment": ("comment", "comments", "remark", "why"),
}

#: Headers of columns that would name a respondent: never read.
IDENTIFYING = ("name", "full name", "email", "e-mail", "email address", "respondent", "user")

_COMMENT = re.compile(r"^(.*?)[\s:_-]*comments?$", re.IGNORECASE)


def import_pulse(
    path: str,
    mapping: PulseMapping,
    sides: Mapping[str, Party],
    limits: Limits,
    own_questions: Mapping[str, str] | None = None,
) -> Imported:
    """Pulse waves from the export at `path`.

    `sides` maps names (the client's and the provider's, from the state) to
    their side; `own_questions` maps the words of the partnership's own
    statements to their ids.
    """
    table = read_table(path, limits)
    wanted = {k: list(v) for k, v in COLUMNS.items()}
    for key, headers in mapping.columns.items():
        wanted[key] = as_names(headers)
    columns = find_columns(table, wanted)
    statements = _statement_index(mapping, own_questions or {})
    wide = _wide_columns(table, statements, columns)
    long = "question" in columns and "score" in columns
    missing = [c for c in ("party",) if c not in columns]
    if "date" not in columns and "wave" not in columns:
        missing.append("date or wave")
    if not long and not wide:
        missing.append("question and score (or a column per statement)")
    if missing:
        raise ValidationProblem(
            Problem(
                f"no column for {', '.join(missing)}; found: "
                f"{', '.join(h for h in table.headers if h)}. Name the columns in the mapping "
                "under [pulse.columns]",
                source=path,
                line=table.header_row,
            )
        )
    parties = {header_key(k): v for k, v in sides.items()}
    parties.update({header_key(k): v for k, v in mapping.parties.items()})
    parties.update({header_key(p.value): p for p in Party})
    result = Imported(path, "pulse", detail="one row per answer" if long else "one row per person")
    unread = [
        h for i, h in enumerate(table.headers) if header_key(h) in _IDENTIFYING and i not in wide
    ]
    if unread:
        result.notes.append(
            f"not read: {', '.join(unread)} (a pulse stores no names: answers stay anonymous)"
        )
    reader = _Reader(table, columns, parties, statements, mapping, result)
    for number, values in table.rows:
        if long:
            reader.answer_row(number, values)
        else:
            reader.respondent_row(number, values, wide)
    if reader.problems:
        raise ValidationProblem(reader.problems[:50])
    result.pulse_waves = reader.waves()
    answers = sum(len(w["responses"]) for w in result.pulse_waves)
    result.detail += f", {answers} answers"
    return result


_IDENTIFYING = {header_key(h) for h in IDENTIFYING}


def _statement_index(mapping: PulseMapping, own: Mapping[str, str]) -> dict[str, str]:
    """Every way an export may name a statement (loosely compared) and the id it means."""
    index: dict[str, str] = {}
    for s in STANDARD_STATEMENTS:
        index[header_key(s.id)] = s.id
        index[header_key(s.text)] = s.id
    for text, statement_id in own.items():
        index[header_key(text)] = statement_id
        index[header_key(statement_id)] = statement_id
    for text, statement_id in mapping.questions.items():
        index[header_key(text)] = statement_id
    return index


def _wide_columns(
    table: SourceTable, statements: dict[str, str], columns: dict[str, int]
) -> dict[int, tuple[str, str]]:
    """Columns holding a statement's answers (``score``) or comments (``comment``), by index."""
    taken = set(columns.values())
    found: dict[int, tuple[str, str]] = {}
    for index, header in enumerate(table.headers):
        if index in taken or not header:
            continue
        statement = statements.get(header_key(header))
        if statement is not None:
            found[index] = (statement, "score")
            continue
        comment = _COMMENT.match(header)
        if comment and statements.get(header_key(comment[1])):
            found[index] = (statements[header_key(comment[1])], "comment")
    return found


class _Bad(Exception):
    def __init__(self, column: int, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


class _Reader:
    """Reads rows into answers, grouped by wave, remembering where each wave's rows are."""

    def __init__(
        self,
        table: SourceTable,
        columns: dict[str, int],
        parties: dict[str, Party],
        statements: dict[str, str],
        mapping: PulseMapping,
        out: Imported,
    ) -> None:
        self.table, self.columns, self.parties = table, columns, parties
        self.statements, self.mapping, self.out = statements, mapping, out
        self.groups: dict[str, dict[str, Any]] = {}
        self.problems: list[Problem] = []
        self.roles = {header_key(k): v for k, v in mapping.roles.items()}

    # -- one row ---------------------------------------------------------------

    def answer_row(self, number: int, values: tuple[Any, ...]) -> None:
        where = self.table.row_where(number)
        try:
            head = self._head(number, values, where)
            if head is None:
                return
            raw_statement = value_at(values, self.columns["question"])
            statement = self._statement(raw_statement)
            if statement is None:
                self.out.skip(
                    where,
                    f"the statement {cells.show(raw_statement)} is not one of the pulse's; map "
                    "it under [pulse.questions]",
                )
                return
            score = self._score(values, self.columns["score"])
            if score is None:
                self.out.skip(where, "no answer")
                return
            comment = value_at(values, self.columns.get("comment"))
            self._add(head, number, statement, score, comment)
        except _Bad as exc:
            self.problems.append(self.table.cell(number, exc.column).problem(exc.message))

    def respondent_row(
        self, number: int, values: tuple[Any, ...], wide: dict[int, tuple[str, str]]
    ) -> None:
        where = self.table.row_where(number)
        try:
            head = self._head(number, values, where)
            if head is None:
                return
            comments = {
                statement: value_at(values, index)
                for index, (statement, kind) in wide.items()
                if kind == "comment"
            }
            answered = 0
            for index, (statement, kind) in wide.items():
                if kind != "score":
                    continue
                score = self._score(values, index)
                if score is None:
                    continue
                answered += 1
                self._add(head, number, statement, score, comments.get(statement))
            if not answered:
                self.out.skip(where, "no answer")
        except _Bad as exc:
            self.problems.append(self.table.cell(number, exc.column).problem(exc.message))

    # -- the parts of a row ----------------------------------------------------

    def _head(
        self, number: int, values: tuple[Any, ...], where: str
    ) -> tuple[str, dt.date | None, str, str | None] | None:
        """(wave key, answer date, side, role) of a row, or None when it cannot be placed."""
        date: dt.date | None = None
        raw_date = value_at(values, self.columns.get("date"))
        if raw_date is not None:
            try:
                date = cells.as_date(raw_date, tuple(self.mapping.date_formats))
            except cells.CellError as exc:
                raise _Bad(self.columns["date"], str(exc)) from None
        raw_wave = value_at(values, self.columns.get("wave"))
        wave = cells.as_text(raw_wave) if raw_wave is not None else None
        if wave is None and date is None:
            self.out.skip(where, "no date and no wave")
            return None
        raw_party = value_at(values, self.columns["party"])
        party = self.parties.get(header_key(cells.as_text(raw_party))) if raw_party else None
        if party is None:
            shown = cells.show(raw_party) if raw_party is not None else "empty"
            self.out.skip(where, f"the side {shown} is not known; map it under [pulse.parties]")
            return None
        key = wave if wave is not None else f"{date:%Y-%m}"  # a month without a wave name
        return key, date, party.value, self._role(values)

    def _role(self, values: tuple[Any, ...]) -> str | None:
        raw = value_at(values, self.columns.get("role"))
        if raw is None:
            return None
        text = cells.as_text(raw)
        mapped = self.roles.get(header_key(text))
        if mapped is not None:
            return mapped.value
        try:
            return cells.as_choice(text, RespondentRole)
        except cells.CellError:
            return RespondentRole.OTHER.value

    def _statement(self, raw: Any) -> str | None:
        if raw is None:
            return None
        return self.statements.get(header_key(cells.as_text(raw)))

    def _score(self, values: tuple[Any, ...], column: int) -> int | None:
        raw = value_at(values, column)
        if raw is None:
            return None
        try:
            number = cells.as_number(raw)
        except cells.CellError as exc:
            raise _Bad(column, str(exc)) from None
        if number != int(number) or not LOWEST_SCORE <= number <= HIGHEST_SCORE:
            raise _Bad(
                column,
                f"{number:g} is not an answer on the pulse's scale; expected a whole number "
                f"from {LOWEST_SCORE} (strongly disagree) to {HIGHEST_SCORE} (strongly agree)",
            )
        return int(number)

    def _add(
        self,
        head: tuple[str, dt.date | None, str, str | None],
        number: int,
        statement: str,
        score: int,
        comment: Any,
    ) -> None:
        key, date, party, role = head
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = {
                "dates": [],
                "responses": [],
                "rows": set(),
                "first": number,
            }
        if date is not None:
            group["dates"].append(date)
        group["rows"].add(number)
        response: dict[str, Any] = {"party": party, "question": statement, "score": score}
        if role is not None:
            response["role"] = role
        if comment is not None and cells.as_text(comment).strip():
            response["comment"] = cells.as_text(comment).strip()[:2000]
        group["responses"].append(response)

    # -- the waves -------------------------------------------------------------

    def waves(self) -> list[dict[str, Any]]:
        waves = []
        named = "wave" in self.columns
        for key, group in self.groups.items():
            closed = max(group["dates"]) if group["dates"] else _date_named(key)
            if closed is None:
                column = self.columns.get("wave", 0)
                self.problems.append(
                    self.table.cell(group["first"], column).problem(
                        f"the wave {key!r} has no dates; add a date column, or name the wave "
                        "by the day it closed (2026-03-31)"
                    )
                )
                continue
            source: dict[str, Any] = {"file": self.table.name, "row": group["first"]}
            if self.table.sheet is not None:
                source["sheet"] = self.table.sheet
            if len(group["rows"]) > 1:
                source["rows"] = len(group["rows"])
            wave: dict[str, Any] = {"date": closed.isoformat()}
            if named:
                wave["name"] = key[:100]
            wave["responses"] = group["responses"]
            wave["source"] = source
            waves.append(wave)
            people = {p: 0 for p in ("client", "provider")}
            for response in group["responses"]:
                people[response["party"]] += 1
            self.out.explanations.append(
                f"{self.table.name}: wave {key} closed {closed.isoformat()}: "
                f"{len(group['responses'])} answers ({people['client']} from the client, "
                f"{people['provider']} from the provider)"
            )
        if self.problems:
            raise ValidationProblem(self.problems[:50])
        waves.sort(key=lambda w: (w["date"], w.get("name") or ""))
        return waves


def _date_named(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(name.strip())
    except ValueError:
        return None
