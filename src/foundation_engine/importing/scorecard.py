"""KPI scorecards to metric readings.

Two layouts are read, found from the headers (or set with
``[metrics] layout``):

- long: one row per reading, with columns for the metric, the period end and
  the value (``metric, period_end, value``);
- wide: one row per metric, its name in the first column and one column per
  period, headed by the month (``2026-01``, ``Jan 2026``, a date cell) or the
  period's last day.

A month is read as its last day, a quarter (``Q2 2026``) as the quarter's;
a date on the first of a month stands for that month (a month typed as
``Jan 2026`` is stored as 1 January). A
scorecard names metrics as people do: a name is matched to a metric of the
state by ``[metrics.names]`` in the mapping, then by id, by name, and by the
standard KPI it names (``Time to fill (days)`` is the state's time-to-fill
metric). A name matching none becomes a new metric, listed in the summary.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from foundation_engine.state.evidence import MONTHS
from foundation_engine.state.labels import VALUES

from ..errors import ParseError, Problem, ValidationProblem
from ..files.limits import Limits
from ..state.vocabulary import KpiKind
from . import cells
from .layout import header_key
from .mapping import MetricsMapping
from .sources import Imported, SourceTable, as_names, find_columns, read_table, slug, value_at

LONG_COLUMNS: dict[str, tuple[str, ...]] = {
    "metric": ("metric", "kpi", "measure", "metric id", "metric name", "name"),
    "period_end": ("period_end", "period end", "period ending", "period", "month", "date"),
    "value": ("value", "actual", "result", "reading"),
}

# English month names, whatever the locale: scorecards here are read the same everywhere.
_MONTHS = {name.lower(): i for i, name in enumerate(MONTHS, start=1)}
_MONTHS.update({name[:3].lower(): i for i, name in enumerate(MONTHS, start=1)})
_MONTHS["sept"] = 9


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_end(value: Any, formats: Sequence[str] = ()) -> dt.date:
    """The last day of the period a header or cell names; raises :class:`cells.CellError`."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        # A month typed as "Jan 2026" is stored as its first day.
        return _month_end(value.year, value.month) if value.day == 1 else value
    text = str(value).strip()
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        return _month_end(int(match[1]), int(match[2]))
    if match := re.fullmatch(r"([A-Za-z]+)[\s\-']+(\d{2}|\d{4})", text):
        month = _MONTHS.get(match[1].lower())
        if month:
            year = int(match[2]) + (2000 if len(match[2]) == 2 else 0)
            return _month_end(year, month)
    if match := re.fullmatch(r"(?:Q([1-4])[\s\-]*(\d{4})|(\d{4})[\s\-]*Q([1-4]))", text, re.I):
        quarter = int(match[1] or match[4])
        year = int(match[2] or match[3])
        return _month_end(year, quarter * 3)
    try:
        date = cells.as_date(value, tuple(formats))
    except cells.CellError:
        raise cells.CellError(
            f"expected a period such as 2026-06, Jun 2026, Q2 2026 or 2026-06-30, got "
            f"{cells.show(value)}"
        ) from None
    return _month_end(date.year, date.month) if date.day == 1 else date


class _Metrics:
    """Scorecard names to metric ids, making metrics for names the state does not have."""

    def __init__(self, metrics: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> None:
        self.metrics = list(metrics)
        self.names = {header_key(k): v for k, v in names.items()}
        self.created: dict[str, dict[str, Any]] = {}

    def resolve(self, name: str, source: dict[str, Any]) -> tuple[str, str]:
        """The metric id `name` stands for, and how it was found."""
        key = header_key(name)
        if key in self.names:
            return self.names[key], "named in [metrics.names]"
        for metric in self.metrics:
            if header_key(str(metric.get("id", ""))) == key:
                return str(metric["id"]), "its id"
            if header_key(str(metric.get("name", ""))) == key:
                return str(metric["id"]), "its name"
        kind = _kind_of(name)
        if kind is not None:
            same = [m for m in self.metrics if m.get("kind") == kind.value]
            if len(same) == 1:
                return str(same[0]["id"]), f"the state's {kind.value} metric"
        made = self.created.get(key)
        if made is None:
            taken = {str(m.get("id")) for m in self.metrics} | {
                m["id"] for m in self.created.values()
            }
            new_id = base = slug(name)
            n = 2
            while new_id in taken:
                new_id, n = f"{base}-{n}", n + 1
            made = {
                "id": new_id,
                "name": name.strip()[:500],
                "kind": (kind or KpiKind.CUSTOM).value,
            }
            made["source"] = source
            self.created[key] = made
        return made["id"], "a new metric"


def _kind_of(name: str) -> KpiKind | None:
    bare = header_key(re.sub(r"\([^)]*\)", "", name))
    for value, (label, _) in VALUES[KpiKind].items():
        if value != "custom" and bare in (header_key(value), header_key(label)):
            return KpiKind(value)
    return None


def import_scorecard(
    path: str,
    mapping: MetricsMapping,
    metrics: Sequence[Mapping[str, Any]],
    limits: Limits,
) -> Imported:
    """The readings in the KPI scorecard at `path`, and the metrics it names that are new."""
    table = read_table(path, limits)
    layout = mapping.layout or _layout(table, mapping)
    names = _Metrics(metrics, mapping.names)
    result = Imported(path, "metrics", f"{layout} layout")
    if layout == "long":
        _long(table, mapping, names, result)
    elif layout == "wide":
        _wide(table, mapping, names, result)
    else:
        raise ParseError(
            Problem(f"metrics.layout must be long or wide, got {layout!r}", source=path)
        )
    result.metrics = list(names.created.values())
    for made in result.metrics:
        result.notes.append(
            f"{made['name']!r} matched no metric of the state, so it was added as metric "
            f"{made['id']!r} (kind {made['kind']}); give it a target and definition, or map the "
            "name under [metrics.names]"
        )
    return result


def _wanted(mapping: MetricsMapping) -> dict[str, list[str]]:
    wanted = {k: list(v) for k, v in LONG_COLUMNS.items()}
    for key, headers in mapping.columns.items():
        wanted[key] = as_names(headers)
    return wanted


def _layout(table: SourceTable, mapping: MetricsMapping) -> str:
    if {"metric", "period_end", "value"} <= set(find_columns(table, _wanted(mapping))):
        return "long"
    periods = 0
    for header in table.header_values[1:]:
        if cells.is_empty(header):
            continue
        try:
            period_end(header, mapping.date_formats)
            periods += 1
        except cells.CellError:
            continue
    if periods >= 1:
        return "wide"
    raise ParseError(
        Problem(
            "not a KPI scorecard: expected columns metric, period_end and value (one row per "
            "reading), or a metric column then one column per period such as 2026-06 (one row "
            f"per metric); found: {', '.join(h for h in table.headers if h)}",
            source=table.path,
            line=table.header_row,
        )
    )


def _source(table: SourceTable, row: int) -> dict[str, Any]:
    source: dict[str, Any] = {"file": table.name, "row": row}
    if table.sheet is not None:
        source["sheet"] = table.sheet
    return source


def _long(table: SourceTable, mapping: MetricsMapping, names: _Metrics, out: Imported) -> None:
    columns = find_columns(table, _wanted(mapping))
    problems: list[Problem] = []
    for number, values in table.rows:
        where = table.row_where(number)
        name = value_at(values, columns["metric"])
        if name is None:
            out.skip(where, "no metric named")
            continue
        raw_value = value_at(values, columns["value"])
        raw_period = value_at(values, columns["period_end"])
        if raw_value is None:
            out.skip(where, f"no value for {cells.as_text(name)!r}")
            continue
        try:
            end = period_end(raw_period, mapping.date_formats) if raw_period is not None else None
        except cells.CellError as exc:
            problems.append(table.cell(number, columns["period_end"]).problem(str(exc)))
            continue
        if end is None:
            out.skip(where, f"no period for {cells.as_text(name)!r}")
            continue
        try:
            value = cells.as_number(raw_value)
        except cells.CellError as exc:
            problems.append(table.cell(number, columns["value"]).problem(str(exc)))
            continue
        metric_id, how = names.resolve(cells.as_text(name), _source(table, number))
        out.observations.append(
            (
                metric_id,
                {"period_end": end.isoformat(), "value": value, "source": _source(table, number)},
            )
        )
        if how != "its id":
            out.explanations.append(f"{where}: {cells.as_text(name)!r} is {metric_id} ({how})")
    if problems:
        raise ValidationProblem(problems[:50])


def _wide(table: SourceTable, mapping: MetricsMapping, names: _Metrics, out: Imported) -> None:
    periods: dict[int, dt.date] = {}
    problems: list[Problem] = []
    for index, header in enumerate(table.headers[1:], start=1):
        if not header:
            continue
        try:
            periods[index] = period_end(table.header_values[index], mapping.date_formats)
        except cells.CellError:
            if not header.startswith("_"):
                problems.append(
                    table.cell(table.header_row, index).problem(
                        f"expected a period such as 2026-06, Jun 2026 or Q2 2026 as the header "
                        f"of a wide scorecard's column, got {header!r} (a column of your own "
                        "needs a header starting with '_')"
                    )
                )
    if problems:
        raise ParseError(problems)
    for number, values in table.rows:
        where = table.row_where(number)
        name = value_at(values, 0)
        if name is None:
            out.skip(where, "no metric named in the first column")
            continue
        metric_name = cells.as_text(name)
        metric_id, how = names.resolve(metric_name, _source(table, number))
        out.explanations.append(f"{where}: {metric_name!r} is {metric_id} ({how})")
        empty = []
        for index, end in periods.items():
            raw = value_at(values, index)
            if raw is None:
                empty.append(table.headers[index])
                continue
            try:
                value = cells.as_number(raw)
            except cells.CellError as exc:
                problems.append(table.cell(number, index).problem(str(exc)))
                continue
            out.observations.append(
                (
                    metric_id,
                    {
                        "period_end": end.isoformat(),
                        "value": value,
                        "source": _source(table, number),
                    },
                )
            )
        if empty:
            out.skip(where, f"no reading of {metric_name!r} for {', '.join(empty)}")
    if problems:
        raise ValidationProblem(problems[:50])
