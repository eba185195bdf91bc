"""ATS requisition exports to requisitions.

A preset names, for each requisition field, the headers a system's export
uses for it, and says how that system tells a filled requisition from a
cancelled one. Headers vary with each customer's configuration and report
builder; a preset is a starting point, ``[requisitions.columns]`` in the
mapping names any column, and ``[requisitions.statuses]`` any status word.
Without ``--ats``, the preset whose headers the file has is chosen.

Fields: ``id`` and ``opened`` (required), ``assigned``, ``intake``,
``filled``, ``cancelled``; or, where an export has one close date and a
status, ``closed`` and ``status`` (the status, or a hire indicator, decides
whether the close was a fill or a cancellation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError, ParseError, Problem, ValidationProblem
from ..files.limits import Limits
from . import cells
from .layout import header_key
from .mapping import RequisitionMapping
from .sources import Imported, SourceTable, as_names, find_columns, read_table, value_at

FIELDS = ("id", "opened", "assigned", "intake", "filled", "cancelled", "closed", "status")
DATE_FIELDS = ("opened", "assigned", "intake", "filled", "cancelled", "closed")


@dataclass(frozen=True)
class Preset:
    """How one system's requisition export is read."""

    name: str
    title: str
    columns: Mapping[str, tuple[str, ...]]
    filled: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    open: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    closed: tuple[str, ...] = ()
    """Statuses that say closed without saying how; `hired` decides."""
    hired: tuple[str, ...] = ()
    """A column that is filled in when the close was a hire (a hired application's id)."""
    headcount: tuple[str, str] | None = None
    """(hired, total) headcount columns: a closed requisition is filled when hired reaches total."""
    epoch_milliseconds: bool = False
    note: str = ""


PRESETS: dict[str, Preset] = {
    # Greenhouse job openings, as the Harvest API and the Business Intelligence Connector
    # name their fields (developers.greenhouse.io/harvest.html#job-openings): an opening
    # is open or closed, and a closed opening with a hired application was filled.
    "greenhouse": Preset(
        "greenhouse",
        "Greenhouse",
        {
            "id": ("opening_id", "Opening ID", "requisition_id", "Requisition ID", "id"),
            "opened": ("opened_at", "Opened At", "Open Date", "Opened Date"),
            "closed": ("closed_at", "Closed At", "Close Date", "Closed Date"),
            "status": ("status", "Opening Status"),
        },
        open=("open",),
        closed=("closed",),
        hired=("application_id", "Hired Application ID", "hired_application_id"),
        note="A closed opening with a hired application is filled; without one, cancelled.",
    ),
    # Lever requisitions, as the Lever API names their fields
    # (hire.lever.co/developer/documentation#requisitions). A requisition has no close
    # date: a closed one is dated by its last update.
    "lever": Preset(
        "lever",
        "Lever",
        {
            "id": ("requisitionCode", "Requisition Code", "id"),
            "opened": ("createdAt", "Created At", "Created"),
            "closed": ("updatedAt", "Updated At", "Updated"),
            "status": ("status", "Requisition Status"),
        },
        open=("open", "onhold", "on hold"),
        skip=("draft",),
        closed=("closed",),
        headcount=("headcountHired", "headcountTotal"),
        epoch_milliseconds=True,
        note="Lever gives no close date; a closed requisition is dated by its last update "
        "(updatedAt), and is filled when its hired headcount reached its total.",
    ),
    # Workday job requisitions. Recruiting Start Date and Target Hire Date are fields of
    # the Create Job Requisition task, and a requisition is Open, Filled or Closed (closed
    # without a hire), as customers' published Workday job aids describe them (Grand
    # Valley State University, "Job Requisitions"); report columns carry the field names.
    "workday": Preset(
        "workday",
        "Workday",
        {
            "id": ("Job Requisition ID", "Job Requisition", "Requisition ID"),
            "opened": ("Recruiting Start Date", "Job Requisition Date", "Created On"),
            "filled": ("Filled Date", "Date Filled", "Hire Date"),
            "closed": ("Close Date", "Closed Date", "Job Requisition Close Date"),
            "status": ("Job Requisition Status", "Status"),
        },
        filled=("filled",),
        cancelled=("closed", "cancelled", "canceled"),
        open=("open", "frozen", "on hold"),
        skip=("draft", "pending approval", "in progress"),
    ),
    # iCIMS jobs: ID, Title and Folder are the Job profile's labels (iCIMS Community,
    # "Introduction to the Job Profile"); the folder holds the job's state, such as "Open",
    # "Closed (Filled)" or "Closed (Not Filled)". Date columns depend on the search's output
    # template: these are the names the preset looks for.
    "icims": Preset(
        "icims",
        "iCIMS",
        {
            "id": ("Job ID", "ID", "Requisition ID", "System ID"),
            "opened": ("Date Opened", "Open Date", "Date Approved", "Date Created"),
            "filled": ("Date Filled", "Filled Date"),
            "closed": ("Date Closed", "Closed Date", "Close Date"),
            "status": ("Folder", "Job Folder", "Status"),
        },
        filled=("closed (filled)", "filled"),
        cancelled=("closed (not filled)", "cancelled", "canceled", "closed (cancelled)"),
        open=("open", "approved", "on hold", "posted"),
        skip=("draft", "pending approval", "template"),
    ),
}

#: The preset used when a mapping names every column itself.
GENERIC = Preset(
    "generic",
    "column mapping",
    {
        "id": ("id", "requisition id", "req id"),
        "opened": ("opened", "open date", "approved"),
        "assigned": ("assigned", "recruiter assigned"),
        "intake": ("intake", "intake date", "intake meeting"),
        "filled": ("filled", "filled date", "offer accepted"),
        "cancelled": ("cancelled", "canceled", "cancelled date"),
        "closed": ("closed", "close date"),
        "status": ("status",),
    },
    filled=("filled", "hired"),
    cancelled=("cancelled", "canceled"),
    open=("open", "on hold"),
    skip=("draft",),
)


@dataclass
class _Reading:
    preset: Preset
    columns: dict[str, int]
    statuses: dict[str, set[str]] = field(default_factory=dict)
    formats: tuple[str, ...] = ()
    extra: dict[str, int] = field(default_factory=dict)


def _key(text: str) -> str:
    return header_key(text)


def _choose(table: SourceTable, mapping: RequisitionMapping, ats: str | None) -> _Reading:
    name = ats or mapping.preset
    if name is not None:
        preset = PRESETS.get(name.lower())
        if preset is None:
            raise ConfigError(
                Problem(f"unknown ATS preset {name!r}; known: {', '.join(sorted(PRESETS))}")
            )
    else:
        preset = _detect(table, mapping)
    wanted = {f: list(preset.columns.get(f, ())) for f in FIELDS}
    for field_name, headers in mapping.columns.items():
        if field_name not in FIELDS:
            raise ConfigError(
                Problem(
                    f"requisitions.columns: unknown field {field_name!r}; expected one of "
                    f"{', '.join(FIELDS)}"
                )
            )
        wanted[field_name] = as_names(headers)
    columns = find_columns(table, wanted)
    extra: dict[str, int] = {}
    if preset.hired:
        extra.update(find_columns(table, {"hired": preset.hired}))
    if preset.headcount:
        found = find_columns(
            table, {"hired": [preset.headcount[0]], "total": [preset.headcount[1]]}
        )
        extra.update({f"headcount_{k}": v for k, v in found.items()})
    missing = [f for f in ("id", "opened") if f not in columns]
    if missing:
        expected = "; ".join(f"{f}: {', '.join(wanted[f]) or '(none)'}" for f in missing)
        found_headers = ", ".join(h for h in table.headers if h)
        raise ParseError(
            Problem(
                f"no column for the requisition's {' and '.join(missing)} ({preset.title} "
                f"headers looked for: {expected}); found: {found_headers}. Name the columns in "
                "the mapping under [requisitions.columns]",
                source=table.path,
                line=table.header_row,
            )
        )
    statuses = {
        "filled": {_key(s) for s in preset.filled},
        "cancelled": {_key(s) for s in preset.cancelled},
        "open": {_key(s) for s in preset.open},
        "skip": {_key(s) for s in preset.skip},
        "closed": {_key(s) for s in preset.closed},
    }
    for kind, words in mapping.statuses.items():
        if kind not in statuses:
            raise ConfigError(
                Problem(
                    f"requisitions.statuses: unknown kind {kind!r}; expected filled, "
                    "cancelled, open or skip"
                )
            )
        statuses[kind] = {_key(w) for w in words}
    return _Reading(preset, columns, statuses, tuple(mapping.date_formats), extra)


def _detect(table: SourceTable, mapping: RequisitionMapping) -> Preset:
    if mapping.columns:
        return GENERIC
    best: tuple[int, Preset] | None = None
    for preset in PRESETS.values():
        found = find_columns(table, preset.columns)
        if "id" in found and "opened" in found:
            score = len(found)
            if best is None or score > best[0]:
                best = (score, preset)
    if best is not None:
        return best[1]
    if {"id", "opened"} <= set(find_columns(table, GENERIC.columns)):
        return GENERIC
    raise ParseError(
        Problem(
            "no ATS preset matches the headers "
            f"({', '.join(h for h in table.headers if h)}); choose one with --ats "
            f"({', '.join(sorted(PRESETS))}) or name the columns in the mapping under "
            "[requisitions.columns]",
            source=table.path,
            line=table.header_row,
        )
    )


def import_requisitions(
    path: str, mapping: RequisitionMapping, limits: Limits, ats: str | None = None
) -> Imported:
    """The requisitions in the ATS export at `path`, with what was skipped and why."""
    table = read_table(path, limits)
    reading = _choose(table, mapping, ats)
    result = Imported(path, "requisitions", f"{reading.preset.title} preset")
    used = ", ".join(
        f"{f} <- {table.headers[i]!r}"
        for f, i in sorted(reading.columns.items(), key=lambda x: x[1])
    )
    result.explanations.append(f"{table.name}: {reading.preset.title} columns: {used}")
    if reading.preset.note:
        result.explanations.append(f"{table.name}: {reading.preset.note}")
    problems: list[Problem] = []
    for number, values in table.rows:
        try:
            record = _requisition(table, reading, number, values, result)
        except BadCell as exc:
            problems.append(table.cell(number, exc.column).problem(exc.message))
            continue
        if record is not None:
            record["source"] = {"file": table.name, "row": number}
            if table.sheet is not None:
                record["source"]["sheet"] = table.sheet
            result.requisitions.append(record)
    if problems:
        raise ValidationProblem(problems[:50])
    return result


class BadCell(Exception):
    """A cell of an export that cannot be read, and which column it is in."""

    def __init__(self, column: int, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _date(value: Any, reading: _Reading, column: int) -> dt.date:
    try:
        if reading.preset.epoch_milliseconds:
            number = _epoch(value)
            if number is not None:
                return dt.datetime.fromtimestamp(number / 1000, dt.UTC).date()
        return cells.as_date(value, reading.formats)
    except cells.CellError as exc:
        raise BadCell(column, str(exc)) from None


def _epoch(value: Any) -> float | None:
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if number > 1e11 else None


def _requisition(
    table: SourceTable,
    reading: _Reading,
    number: int,
    values: tuple[Any, ...],
    out: Imported,
) -> dict[str, Any] | None:
    where = table.row_where(number)
    columns = reading.columns
    raw_id = value_at(values, columns.get("id"))
    if raw_id is None:
        out.skip(where, "no requisition id (a totals or notes row?)")
        return None
    try:
        req_id = cells.as_text(raw_id).replace(" ", "-")
    except cells.CellError as exc:
        raise BadCell(columns["id"], str(exc)) from None
    status_raw = value_at(values, columns.get("status"))
    status = _key(cells.as_text(status_raw)) if status_raw is not None else ""
    if status and status in reading.statuses["skip"]:
        out.skip(where, f"requisition {req_id} is {cells.as_text(status_raw)!r}, not opened yet")
        return None
    opened_raw = value_at(values, columns.get("opened"))
    if opened_raw is None:
        out.skip(where, f"requisition {req_id} has no open date")
        return None
    record: dict[str, Any] = {
        "id": req_id,
        "opened": _date(opened_raw, reading, columns["opened"]).isoformat(),
    }
    for name in ("assigned", "intake", "filled", "cancelled"):
        raw = value_at(values, columns.get(name))
        if raw is not None:
            record[name] = _date(raw, reading, columns[name]).isoformat()
    closed_raw = value_at(values, columns.get("closed"))
    if closed_raw is None or "filled" in record or "cancelled" in record:
        return record
    closed = _date(closed_raw, reading, columns["closed"]).isoformat()
    statuses = reading.statuses
    if status in statuses["filled"]:
        record["filled"] = closed
    elif status in statuses["cancelled"]:
        record["cancelled"] = closed
    elif status in statuses["open"]:
        pass  # reopened: the old close date no longer holds
    elif status in statuses["closed"] or not status:
        hired = _was_hired(values, reading)
        if hired is None:
            out.skip(
                where,
                f"requisition {req_id} closed on {closed} without saying whether it was filled; "
                "map its status under [requisitions.statuses]",
            )
            return None
        record["filled" if hired else "cancelled"] = closed
    else:
        out.skip(
            where,
            f"requisition {req_id} has the status {cells.as_text(status_raw)!r}, which the "
            f"{reading.preset.title} preset does not know; map it under [requisitions.statuses]",
        )
        return None
    return record


def _was_hired(values: tuple[Any, ...], reading: _Reading) -> bool | None:
    extra = reading.extra
    if "hired" in extra:
        return value_at(values, extra["hired"]) is not None
    if "headcount_hired" in extra and "headcount_total" in extra:
        try:
            hired = cells.as_number(value_at(values, extra["headcount_hired"]) or 0)
            total = cells.as_number(value_at(values, extra["headcount_total"]) or 0)
        except cells.CellError:
            return None
        return total > 0 and hired >= total
    return None
