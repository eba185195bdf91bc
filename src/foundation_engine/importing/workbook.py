"""Reading a partnership workbook (``.xlsx``) or a folder of CSV files into a state.

Every cell is converted as :mod:`.cells` says, every problem names its sheet,
row and column (``Communications!C14`` in a workbook, ``Communications.csv:14``
in a CSV folder), and every problem the state model finds afterwards is
mapped back to the cell it came from: the reader keeps a map from each JSON
path it fills to the cell that filled it.

Spreadsheet habits are handled as a spreadsheet user would expect: title
rows above the header (merged or not) are skipped, empty rows are no
records, header case and punctuation do not matter, a trailing ``*`` on a
header is ignored, Excel date serials are dates, and numbers typed where
text is expected are that text.

A workbook is a zip archive. Before it is opened, its members are counted
and their declared sizes added up against the limits in force
(:func:`foundation_engine.limits.current`), so an archive that would expand
past them (a zip bomb) is refused unread; it is then opened read-only,
streaming its rows.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..errors import (
    LimitExceeded,
    ParseError,
    Problem,
    ReferenceProblem,
    ValidationProblem,
    json_path,
)
from ..files.limits import Limits, current
from ..state.model import PartnershipState
from ..state.validation import validate_state
from . import cells
from .layout import PRIVATE_PREFIX, Column, Sheet, header_key, sheet_named, sheets

#: A workbook may expand to this many times the input size limit once unzipped.
EXPANSION_FACTOR = 8
#: Most members a workbook archive may hold (a real one has a few dozen).
MAX_ARCHIVE_MEMBERS = 2_000
#: Rows above the header (titles, notes) the reader looks through to find it.
MAX_TITLE_ROWS = 10
#: Problems listed before the reader stops looking for more.
MAX_PROBLEMS = 50

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Where:
    """Where a cell or row is: the problem's source, line and path."""

    source: str
    path: str | None = None
    line: int | None = None

    def problem(self, message: str) -> Problem:
        return Problem(message, self.path, self.source, self.line)


@dataclass
class Table:
    """One sheet (or CSV file): its name and its rows, numbered as the spreadsheet numbers them."""

    name: str
    rows: Iterable[tuple[int, tuple[Any, ...]]]
    cell: Callable[[int, int, str], Where]
    """Where a cell is, from its row, its column (0-based) and its header."""
    row: Callable[[int], Where]
    """Where a row is."""
    file: str
    """The file name recorded in each record's source."""
    sheet: str


@dataclass(frozen=True)
class _Row:
    """A record's row: where each of its values came from, found when a problem needs it."""

    table: Table
    number: int
    columns: tuple[tuple[int, Column], ...]
    base: Loc
    """The record's place in the document; its columns' paths continue from it."""

    def where(self, rest: tuple[str | int, ...]) -> Where:
        """The cell holding the field at `rest` below the record, else the row."""
        fields = tuple(part for part in rest if isinstance(part, str))
        while fields:
            for index, column in self.columns:
                if column.path == fields:
                    return self.table.cell(self.number, index, column.header)
            fields = fields[:-1]
        return self.table.row(self.number)

    def has(self, rest: tuple[str | int, ...]) -> bool:
        fields = tuple(part for part in rest if isinstance(part, str))
        return any(column.path == fields for _, column in self.columns)


@dataclass
class Conversion:
    """A document built from tables, and where each of its values came from."""

    document: dict[str, Any]
    rows: dict[str, _Row] = field(default_factory=dict)
    """The row each record came from, by the record's JSON path."""
    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


# --------------------------------------------------------------------------
# workbooks and CSV folders as tables
# --------------------------------------------------------------------------


def column_letter(index: int) -> str:
    """``0`` is ``A``, ``26`` is ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def check_archive(data: bytes, source: str, limits: Limits, what: str) -> zipfile.ZipFile:
    """Open `data` as a zip archive after checking it cannot expand past `limits`."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ParseError(
            Problem(
                "an Excel 97-2003 workbook (.xls) or an encrypted workbook; expected an .xlsx "
                "workbook: open it in Excel and save it as Excel Workbook (.xlsx), without a "
                "password",
                source=source,
            )
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ParseError(
            Problem(f"not {what}: the file is not a zip archive; is it truncated?", source=source)
        ) from None
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise LimitExceeded(
            Problem(
                f"the archive holds {len(members):,} files; a workbook has at most "
                f"{MAX_ARCHIVE_MEMBERS:,}",
                source=source,
            )
        )
    expanded = sum(member.file_size for member in members)
    most = limits.max_input_bytes * EXPANSION_FACTOR
    if expanded > most:
        raise LimitExceeded(
            Problem(
                f"the archive expands to {expanded:,} bytes; the limit is {most:,} "
                f"({EXPANSION_FACTOR} times limits.max_input_bytes)",
                source=source,
            )
        )
    return archive


def xlsx_tables(data: bytes, source: str, limits: Limits) -> tuple[list[Table], Any]:
    """The sheets of an ``.xlsx`` workbook as tables, and the open workbook (to close)."""
    check_archive(data, source, limits, "an Excel workbook (.xlsx)")
    import openpyxl

    try:
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:  # openpyxl raises whatever its XML and zip readers raise
        raise ParseError(
            Problem(f"cannot read the workbook: {_reason(exc)}", source=source)
        ) from None
    file = PurePosixPath(source.replace("\\", "/")).name
    tables = []
    for sheet in book.worksheets:
        name = str(sheet.title)

        def cell(row: int, col: int, header: str, _name: str = name) -> Where:
            return Where(source, f"{_name}!{column_letter(col)}{row}")

        def row_at(row: int, _name: str = name) -> Where:
            return Where(source, f"{_name} row {row}")

        tables.append(Table(name, _sheet_rows(sheet, source), cell, row_at, file, name))
    return tables, book


def _sheet_rows(sheet: Any, source: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, tuple(values)
    except Exception as exc:  # a damaged sheet: say so rather than show a traceback
        raise ParseError(
            Problem(f"cannot read sheet {sheet.title!r}: {_reason(exc)}", source=source)
        ) from None


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def csv_tables(files: dict[str, bytes], folder: str) -> list[Table]:
    """The CSV files of a folder (name to bytes) as tables."""
    tables = []
    for name, data in sorted(files.items()):
        stem = name[: -len(".csv")] if name.lower().endswith(".csv") else name
        path = f"{folder.rstrip('/')}/{name}"

        def cell(row: int, col: int, header: str, _path: str = path) -> Where:
            return Where(
                _path,
                f"column {column_letter(col)} ({header})"
                if header
                else f"column {column_letter(col)}",
                row,
            )

        def row_at(row: int, _path: str = path) -> Where:
            return Where(_path, None, row)

        tables.append(Table(stem, csv_rows(data, path), cell, row_at, name, stem))
    return tables


def csv_rows(data: bytes, path: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            Problem(
                f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the "
                'file as "CSV UTF-8"',
                source=path,
                line=data.count(b"\n", 0, exc.start) + 1,
            )
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for values in reader:
            yield reader.line_num, tuple(values)
    except csv.Error as exc:
        raise ParseError(
            Problem(f"invalid CSV: {exc}", source=path, line=reader.line_num)
        ) from None


# --------------------------------------------------------------------------
# tables to a state document
# --------------------------------------------------------------------------


def _set(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def _convert(value: Any, column: Column) -> Any:
    kind = column.kind
    if kind == "date":
        return cells.as_date(value).isoformat()
    if kind == "number":
        return cells.as_number(value)
    if kind == "bool":
        return cells.as_bool(value)
    if kind == "choice":
        assert column.enum is not None
        return cells.as_choice(value, column.enum)
    if kind == "choices":
        assert column.enum is not None
        return cells.as_choices(value, column.enum)
    if kind == "ids":
        return cells.as_ids(value)
    return cells.as_text(value)


@dataclass
class _Header:
    row: int
    columns: list[tuple[int, Column]]


def _find_header(
    table: Table, sheet: Sheet, rows: Iterator[tuple[int, tuple[Any, ...]]], out: Conversion
) -> _Header | None:
    known = {column.key: column for column in sheet.columns}
    for column in sheet.columns:  # the field's own name works as a header too
        known.setdefault(header_key(column.path[-1]), column)
    for number, values in rows:
        texts = [str(v).strip() if v is not None else "" for v in values]
        keys = [header_key(t.rstrip("*")) for t in texts]
        matched = [k for k in keys if k in known]
        filled = [t for t in texts if t]
        if matched and len(matched) * 2 >= len(filled):
            return _header(table, sheet, number, texts, keys, known, out)
        if number >= MAX_TITLE_ROWS:
            break
    headers = ", ".join(c.header for c in sheet.columns[:4])
    out.add(
        table.row(1).problem(
            f"no header row found in the first {MAX_TITLE_ROWS} rows; expected headers such "
            f"as {headers}"
        )
    )
    return None


def _header(
    table: Table,
    sheet: Sheet,
    number: int,
    texts: list[str],
    keys: list[str],
    known: dict[str, Column],
    out: Conversion,
) -> _Header:
    columns: list[tuple[int, Column]] = []
    seen: dict[str, int] = {}
    for index, (text, key) in enumerate(zip(texts, keys, strict=True)):
        if not text or text.startswith(PRIVATE_PREFIX):
            continue
        column = known.get(key)
        where = table.cell(number, index, text)
        if column is None:
            close = difflib.get_close_matches(text, [c.header for c in sheet.columns], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            out.add(
                where.problem(
                    f"unknown column {text!r} in sheet {sheet.name!r}{hint} (a column of "
                    f"your own needs a header starting with {PRIVATE_PREFIX!r})"
                )
            )
            continue
        if column.header in seen:
            out.add(where.problem(f"column {column.header!r} appears twice"))
            continue
        seen[column.header] = index
        columns.append((index, column))
    for column in sheet.columns:
        if column.required and column.header not in seen:
            out.add(
                table.row(number).problem(
                    f"missing required column {column.header!r} in sheet {sheet.name!r}"
                )
            )
    return _Header(number, columns)


def tables_to_document(tables: Iterable[Table], source: str, limits: Limits) -> Conversion:
    """Convert the tables of a workbook or CSV folder into a state document."""
    out = Conversion({"schema_version": "1.0"})
    found: dict[str, tuple[Sheet, Table]] = {}
    for table in tables:
        if table.name.startswith(PRIVATE_PREFIX):
            continue
        sheet = sheet_named(table.name)
        if sheet is None:
            names = [s.name for s in sheets() if s.key not in found]
            close = _closest_sheet(table.name, names)
            hint = (
                f"; did you mean {close[0]!r}?"
                if close
                else f"; expected one of: {', '.join(names)}"
            )
            out.add(
                Problem(
                    f"unknown sheet {table.name!r}{hint} (a sheet of your own needs a name "
                    f"starting with {PRIVATE_PREFIX!r})",
                    source=source,
                )
            )
            continue
        if sheet.key in found:
            out.add(
                Problem(
                    f"two sheets stand for {sheet.name!r}: "
                    f"{found[sheet.key][1].name!r} and {table.name!r}",
                    source=source,
                )
            )
            continue
        found[sheet.key] = (sheet, table)
    if "partnership" not in found:
        out.add(
            Problem(
                "no Partnership sheet: a workbook needs one, holding the partnership's id, "
                "name, parties and start date",
                source=source,
            )
        )
        return out
    metric_rows: dict[str, int] = {}
    for sheet in sheets():  # layout order: metrics before their observations
        if sheet.key in found:
            _read_sheet(sheet, found[sheet.key][1], out, limits, metric_rows)
    pulse = out.document.get("pulse")
    if pulse is not None and not any(pulse.values()):
        # Empty pulse sheets (every workbook has them) mean no pulse run: a pulse
        # without waves or statements says nothing a missing one does not.
        del out.document["pulse"]
    return out


def _closest_sheet(name: str, names: list[str]) -> list[str]:
    """The expected sheet a misnamed one most likely is: by spelling, else by its first letters."""
    keys = {header_key(n): n for n in names}
    close = difflib.get_close_matches(header_key(name), list(keys), n=1, cutoff=0.6)
    if not close:
        start = header_key(name)[:4]
        close = [key for key in keys if len(start) == 4 and key.startswith(start)][:1]
    return [keys[key] for key in close]


def _read_sheet(
    sheet: Sheet, table: Table, out: Conversion, limits: Limits, metric_rows: dict[str, int]
) -> None:
    rows = iter(table.rows)
    header = _find_header(table, sheet, rows, out)
    if header is None:
        return
    document = out.document
    if sheet.parent == "side":
        for side in ("client", "provider"):
            document.setdefault("partnership", {}).setdefault(side, {})["sponsors"] = []
    elif sheet.parent == "wave":
        _list_at(document, sheet.path)
    elif sheet.parent is None and not sheet.single:
        _set(document, sheet.path, [])
    count = 0
    for number, values in rows:
        if all(cells.is_empty(values[i]) for i, _ in header.columns if i < len(values)):
            _unheaded(table, header, number, values, out)
            continue
        count += 1
        if count > limits.max_records:
            raise LimitExceeded(
                table.row(number).problem(
                    f"sheet {sheet.name!r} has more than {limits.max_records:,} rows; the "
                    "limit is limits.max_records"
                )
            )
        if sheet.single and count > 1:
            out.add(
                table.row(number).problem(
                    f"the {sheet.name} sheet holds one partnership; this is a second row"
                )
            )
            continue
        _unheaded(table, header, number, values, out)
        record = _read_row(table, header, number, values, out)
        _place(sheet, table, number, record, header, out, metric_rows)
    if sheet.single and count == 0:
        out.add(
            table.row(header.row + 1).problem(
                f"the {sheet.name} sheet has no row under its headers; expected one row"
            )
        )


def _unheaded(
    table: Table, header: _Header, number: int, values: tuple[Any, ...], out: Conversion
) -> None:
    """Data under no header would be lost without a word: refuse it."""
    headed = {i for i, _ in header.columns}
    for index, value in enumerate(values):
        if index not in headed and not cells.is_empty(value):
            out.add(
                table.cell(number, index, "").problem(
                    f"{cells.show(value)} is in a column with no header (or a header the "
                    "reader does not know); give the column a header or move the value"
                )
            )
            return


def _read_row(
    table: Table, header: _Header, number: int, values: tuple[Any, ...], out: Conversion
) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for index, column in header.columns:
        value = values[index] if index < len(values) else None
        if cells.is_empty(value):
            if column.required:
                where = table.cell(number, index, column.header)
                out.add(where.problem(f"{column.header} is required; the cell is empty"))
            continue
        try:
            converted = _convert(value, column)
        except cells.CellError as exc:
            out.add(table.cell(number, index, column.header).problem(str(exc)))
            continue
        _set(record, column.path, converted)
    return record


def _place(
    sheet: Sheet,
    table: Table,
    number: int,
    record: dict[str, Any],
    header: _Header,
    out: Conversion,
    metric_rows: dict[str, int],
) -> None:
    """Put a row's record where it belongs in the document, and remember its row."""
    document = out.document
    source = {"file": table.file, "sheet": table.sheet, "row": number}
    columns = tuple(header.columns)
    if sheet.single:
        _merge(document, record)
        document.setdefault("partnership", {})["source"] = source
        row = _Row(table, number, columns, ())
        out.rows[json_path(("partnership",))] = row
        out.rows[json_path(("purpose",))] = row
        return
    if sheet.parent == "side":
        side = record.pop("side", None)
        if side is None:
            return
        target: list[Any] = document["partnership"].setdefault(side, {})["sponsors"]
        loc: Loc = ("partnership", side, "sponsors", len(target))
    elif sheet.parent == "wave":
        _place_answer(sheet, table, number, record, columns, out)
        return
    elif sheet.parent == "metric":
        metric_id = record.pop("metric_id", None)
        if metric_id is None:
            return
        at = metric_rows.get(metric_id)
        if at is None:
            index = next(i for i, c in columns if c.path == ("metric_id",))
            known = ", ".join(sorted(metric_rows)) or "none"
            out.add(
                table.cell(number, index, "Metric id").problem(
                    f"no metric with id {metric_id!r} on the Metrics sheet (known: {known})"
                )
            )
            return
        target = document["metrics"][at].setdefault("observations", [])
        loc = ("metrics", at, "observations", len(target))
    else:
        target = _list_at(document, sheet.path)
        loc = (*sheet.path, len(target))
        if sheet.key == "metrics" and isinstance(record.get("id"), str):
            metric_rows.setdefault(record["id"], len(target))
    record["source"] = source
    target.append(record)
    if sheet.parent is not None:  # the routing column is not one of the record's fields
        columns = tuple((i, c) for i, c in columns if c.path not in (("side",), ("metric_id",)))
    out.rows[json_path(loc)] = _Row(table, number, columns, loc)


def _place_answer(
    sheet: Sheet,
    table: Table,
    number: int,
    record: dict[str, Any],
    columns: tuple[tuple[int, Column], ...],
    out: Conversion,
) -> None:
    """A pulse answer joins the wave its wave date (and name) names, made on first use.

    Answers carry no provenance of their own, so that no report can point at
    one person's row; the wave records where its rows are.
    """
    wave = record.pop("wave", None)
    if not isinstance(wave, dict) or "date" not in wave:
        return
    waves = _list_at(out.document, sheet.path)
    key = (wave["date"], wave.get("name"))
    at = next((i for i, w in enumerate(waves) if (w["date"], w.get("name")) == key), None)
    if at is None:
        at = len(waves)
        waves.append(
            {
                **wave,
                "responses": [],
                "source": {"file": table.file, "sheet": table.sheet, "row": number},
            }
        )
        wave_columns = tuple(
            (i, dataclasses.replace(c, path=c.path[1:])) for i, c in columns if c.path[0] == "wave"
        )
        wave_loc: Loc = (*sheet.path, at)
        out.rows[json_path(wave_loc)] = _Row(table, number, wave_columns, wave_loc)
    else:
        waves[at]["source"]["rows"] = waves[at]["source"].get("rows", 1) + 1
    answers: list[Any] = waves[at]["responses"]
    loc: Loc = (*sheet.path, at, "responses", len(answers))
    answers.append(record)
    own = tuple((i, c) for i, c in columns if c.path[0] != "wave")
    out.rows[json_path(loc)] = _Row(table, number, own, loc)


def _merge(target: dict[str, Any], values: dict[str, Any]) -> None:
    for key, value in values.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def _list_at(document: dict[str, Any], path: tuple[str, ...]) -> list[Any]:
    target: Any = document
    for key in path[:-1]:
        target = target.setdefault(key, {})
    found: list[Any] = target.setdefault(path[-1], [])
    return found


# --------------------------------------------------------------------------
# the document to a state, problems back to cells
# --------------------------------------------------------------------------

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")
_MISSING_FIELD = re.compile(r"^required field '([A-Za-z_]+)' is missing$")


def _parts(path: str) -> tuple[str | int, ...]:
    """A JSON path such as ``$.metrics[0].target`` as ``("metrics", 0, "target")``."""
    return tuple(
        m[1] or (int(m[2]) if m[2] else m[3]) for m in _STEP.finditer(path.removeprefix("$"))
    )


def locate(problem: Problem, rows: dict[str, _Row]) -> Problem:
    """`problem` (with a JSON path) moved to the cell, or at least the row, it came from."""
    if problem.path is None:
        return problem
    parts = _parts(problem.path)
    missing = _MISSING_FIELD.match(problem.message)
    for end in range(len(parts), 0, -1):
        row = rows.get(json_path(parts[:end]))
        if row is None:
            continue
        rest = parts[len(row.base) :]
        if missing and row.has((*rest, missing[1])):
            rest = (*rest, missing[1])
        return row.where(rest).problem(problem.message)
    return problem


def state_from_tables(tables: Iterable[Table], source: str) -> PartnershipState:
    """Validate the tables as a partnership state; every problem names its cell."""
    limits = current()
    out = tables_to_document(tables, source, limits)
    if out.problems:
        raise ValidationProblem(out.problems)
    try:
        return validate_state(out.document, source)
    except ReferenceProblem as exc:
        raise ReferenceProblem([locate(p, out.rows) for p in exc.problems]) from None
    except ValidationProblem as exc:
        raise ValidationProblem([locate(p, out.rows) for p in exc.problems]) from None


def read_workbook(data: bytes, source: str) -> PartnershipState:
    """A partnership state from the bytes of an ``.xlsx`` workbook."""
    tables, book = xlsx_tables(data, source, current())
    try:
        return state_from_tables(tables, source)
    finally:
        book.close()


def read_csv_archive(data: bytes, source: str) -> PartnershipState:
    """A partnership state from a folder of CSV files, handed over as a zip archive."""
    archive = check_archive(data, source, current(), "a folder of CSV files")
    files: dict[str, bytes] = {}
    for member in archive.infolist():
        name = PurePosixPath(member.filename).name
        if member.is_dir() or "/" in member.filename.strip("/"):
            continue
        if not name.lower().endswith(".csv"):
            continue  # notes, read-me files and the like are not sheets
        files[name] = archive.read(member)
    return state_from_tables(csv_tables(files, source), source)
