"""What every importer shares: reading an export as a table, and saying what came in.

An export is a CSV file or a workbook (its first sheet whose name does not
start with ``_``). Its header is its first non-empty row; its rows are
numbered as the spreadsheet numbers them, so ``requisitions.csv:14`` is the
line a person finds in their editor. Files are read under the same size and
record limits as state files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, LimitExceeded, ParseError, Problem
from ..files.limits import Limits, check_size
from . import cells
from .layout import PRIVATE_PREFIX, header_key
from .workbook import Where, column_letter, csv_rows, xlsx_tables


@dataclass(frozen=True)
class Skip:
    """A row or event that did not become a record, and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class Imported:
    """What one source brought in."""

    source: str
    what: str
    """What kind of source it is, as the summary names it ("calendar", "requisitions"...)."""
    detail: str = ""
    """How it was read ("Greenhouse preset", "wide layout")."""
    communications: list[dict[str, Any]] = field(default_factory=list)
    requisitions: list[dict[str, Any]] = field(default_factory=list)
    observations: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """(metric id, observation)."""
    metrics: list[dict[str, Any]] = field(default_factory=list)
    """Metrics the source named that the state did not have."""
    surveys: list[dict[str, Any]] = field(default_factory=list)
    pulse_waves: list[dict[str, Any]] = field(default_factory=list)
    """Pulse waves, each with its answers."""
    skipped: list[Skip] = field(default_factory=list)
    explanations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def skip(self, where: str, reason: str) -> None:
        self.skipped.append(Skip(where, reason))


@dataclass
class SourceTable:
    """An export read as a table."""

    path: str
    name: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, tuple[Any, ...]]]
    sheet: str | None = None
    header_values: tuple[Any, ...] = ()
    """The header cells as the file holds them (a wide scorecard's months may be dates)."""

    def cell(self, row: int, column: int) -> Where:
        if self.sheet is not None:
            return Where(self.path, f"{self.sheet}!{column_letter(column)}{row}")
        header = self.headers[column] if column < len(self.headers) else ""
        return Where(self.path, f"column {header!r}" if header else None, row)

    def row_where(self, row: int) -> str:
        """A row as the summary names it."""
        if self.sheet is not None:
            return f"{self.name} {self.sheet} row {row}"
        return f"{self.name}:{row}"

    def location(self, row: int) -> tuple[str, int | None, str | None]:
        return self.path, row, self.sheet


def read_file(path: str, limits: Limits) -> bytes:
    """The bytes of `path`, refused unread when it is over the size limit."""
    file = Path(path)
    try:
        check_size(file.stat().st_size, limits, path, "file")
        with file.open("rb") as handle:
            return handle.read(limits.max_input_bytes + 1)
    except FileNotFoundError:
        raise InputError(Problem("no such file", source=path)) from None
    except IsADirectoryError:
        raise InputError(Problem("is a folder, expected a file", source=path)) from None
    except OSError as exc:
        raise InputError(Problem(f"cannot read: {exc.strerror}", source=path)) from None


def read_table(path: str, limits: Limits) -> SourceTable:
    """A CSV file or a workbook's first sheet as a table (header first)."""
    data = read_file(path, limits)
    name = Path(path).name
    if name.lower().endswith((".xlsx", ".xlsm")):
        tables, book = xlsx_tables(data, path, limits)
        try:
            table = next((t for t in tables if not t.name.startswith(PRIVATE_PREFIX)), None)
            if table is None:
                raise ParseError(Problem("the workbook has no sheet to read", source=path))
            return _collect(path, name, table.rows, limits, sheet=table.name)
        finally:
            book.close()
    return _collect(path, name, csv_rows(data, path), limits)


def _collect(
    path: str,
    name: str,
    rows: Iterable[tuple[int, tuple[Any, ...]]],
    limits: Limits,
    sheet: str | None = None,
) -> SourceTable:
    header: tuple[int, tuple[Any, ...]] | None = None
    body: list[tuple[int, tuple[Any, ...]]] = []
    for number, values in rows:
        if all(cells.is_empty(v) for v in values):
            continue
        if header is None:
            header = (number, values)
            continue
        body.append((number, values))
        if len(body) > limits.max_records:
            raise LimitExceeded(
                Problem(
                    f"more than {limits.max_records:,} rows; the limit is limits.max_records",
                    source=path,
                    line=number,
                )
            )
    if header is None:
        raise ParseError(Problem("the file is empty; expected a header row", source=path))
    headers = [_header_text(v) for v in header[1]]
    return SourceTable(path, name, header[0], headers, body, sheet, header[1])


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    return cells.show(value).strip('"') if not isinstance(value, str) else value.strip()


def find_columns(table: SourceTable, wanted: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """For each field, the column whose header is one of its names (compared loosely)."""
    keys = [header_key(h) for h in table.headers]
    found: dict[str, int] = {}
    for name, aliases in wanted.items():
        for alias in aliases:
            key = header_key(alias)
            if key in keys:
                found[name] = keys.index(key)
                break
    return found


def as_names(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def slug(text: str) -> str:
    """An id made from a name: ``Time to fill (days)`` is ``time-to-fill-days``."""
    made = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return made[:60] or "metric"


def value_at(values: tuple[Any, ...], index: int | None) -> Any:
    if index is None or index >= len(values):
        return None
    value = values[index]
    return None if cells.is_empty(value) else value
