"""Writing a partnership workbook: the template ``init --workbook`` writes, or any state as one.

Each sheet of the layout gets a bold, frozen header row with a note on every
header saying what the column holds, a drop-down on every column with a
closed list of values (the lists live on a hidden ``_Lists`` sheet), a date
check and a date format on date columns, and the records of the state given
(for the template, one worked example per sheet). A ``_About`` sheet comes
first and says how to fill the workbook.

The bytes are the same for the same state: the workbook's created and
modified times are fixed, and so are the times inside the zip archive.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Any

from foundation_engine.state.labels import VALUES

from .layout import Column, Sheet, sheets

#: Rows below the header that carry drop-downs and date checks.
PREPARED_ROWS = 500
#: The time written into the workbook's properties and archive, so bytes do not drift.
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
DATE_FORMAT = "yyyy-mm-dd"

ABOUT = """\
Partnership workbook for foundation-engine

One sheet per kind of record, one row per record, one column per field.
Hover over a column's header to read what it holds; columns with a fixed list
of values have a drop-down. Dates are dates (2026-03-31).

Replace the example rows with your own records, then:
    foundation-engine validate {name}
    foundation-engine assess {name}

A sheet you delete means "not recorded": rules that need it say they have no
data. A sheet with its header and no rows means "recorded, there were none".
Rows may come in any order; empty rows are ignored.
Sheets and columns of your own: start their names with an underscore (_).
Lists in one cell (parties, topics, metric ids): separate them with commas.
Errors name the sheet and cell, for example Communications!C14.

Sheets:
"""


def _left_out(document: Mapping[str, Any], sheet: Sheet) -> bool:
    """Whether `document` leaves out the top-level list `sheet` holds."""
    top = len(sheet.path) == 1 and sheet.parent is None and not sheet.single
    return top and sheet.path[0] in _OPTIONAL_LISTS and sheet.path[0] not in document


#: Top-level lists a workbook leaves out when the state does not record them; every
#: other sheet is written, so a template shows where each kind of record goes.
_OPTIONAL_LISTS = frozenset({"agreed_actions"})


def workbook_bytes(document: Mapping[str, Any], name: str = "partnership.xlsx") -> bytes:
    """`document` (a state as JSON-like data) as the bytes of a partnership workbook."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    book.properties.creator = "foundation-engine"
    about = book.active
    assert about is not None
    about.title = "_About"
    lines = ABOUT.format(name=name).splitlines()
    lines += [f"    {sheet.name}: {sheet.description}" for sheet in sheets()]
    for row, line in enumerate(lines, start=1):
        about.cell(row=row, column=1, value=line or None)
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 110

    lists = book.create_sheet("_Lists")
    list_ranges = _write_lists(lists)
    lists.sheet_state = "hidden"
    header_fill = PatternFill("solid", fgColor="DDEBF7")

    for sheet in sheets():
        if _left_out(document, sheet):
            continue  # a section the state does not record gets no sheet: not recorded
        ws = book.create_sheet(sheet.name, index=len(book.sheetnames) - 1)
        for col, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=1, column=col, value=column.header)
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            note = Comment(column.note(), "foundation-engine")
            note.width, note.height = 320, 140
            cell.comment = note
            letter = get_column_letter(col)
            ws.column_dimensions[letter].width = _width(column)
            last = 1 + PREPARED_ROWS
            area = f"{letter}2:{letter}{last}"
            if column.kind == "date":  # the column's own format: new dates show as 2026-03-31
                ws.column_dimensions[letter].number_format = DATE_FORMAT
            check = _validation(column, list_ranges, DataValidation)
            if check is not None:
                ws.add_data_validation(check)
                check.add(area)
        ws.freeze_panes = "A2"
        for row, values in enumerate(_rows(sheet, document), start=2):
            for col, (column, value) in enumerate(zip(sheet.columns, values, strict=True), 1):
                if value is None:
                    continue
                cell = ws.cell(row=row, column=col, value=value)
                if column.kind == "date":
                    cell.number_format = DATE_FORMAT
                elif column.kind == "text" and len(str(value)) > 40:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.move_sheet("_Lists", offset=len(book.sheetnames))
    return stable_bytes(book)


def stable_bytes(book: Any) -> bytes:
    """An openpyxl workbook saved as bytes that do not change from one save to the next."""
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_times(buffer.getvalue())


def _width(column: Column) -> float:
    if column.kind == "text" and column.path[-1] in (
        "description",
        "note",
        "statement",
        "definition",
        "reason",
        "root_cause",
        "comment",
        "text",
    ):
        return 48
    return max(12.0, min(30.0, len(column.header) * 1.3 + 2))


def _write_lists(ws: Any) -> dict[type[StrEnum], str]:
    """One column per closed vocabulary (plus yes/no); the range each drop-down reads."""
    ranges: dict[type[StrEnum], str] = {}
    from openpyxl.utils import get_column_letter

    enums = [enum for enum in VALUES if enum.__name__ != "Phase"]
    for col, enum in enumerate(enums, start=1):
        values = list(VALUES[enum])
        ws.cell(row=1, column=col, value=enum.__name__)
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=col, value=value)
        letter = get_column_letter(col)
        ranges[enum] = f"'_Lists'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _validation(column: Column, ranges: dict[type[StrEnum], str], DataValidation: Any) -> Any:
    if column.kind == "choice" and column.enum is not None:
        check = DataValidation(type="list", formula1=ranges[column.enum], allow_blank=True)
        check.error = f"Choose one of the values in the list ({column.enum.__name__})."
    elif column.kind == "bool":
        check = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
        check.error = "yes or no."
    elif column.kind == "date":
        check = DataValidation(
            type="date",
            operator="between",
            formula1="DATE(1900,1,1)",
            formula2="DATE(2199,12,31)",
            allow_blank=True,
        )
        check.error = "A date, such as 2026-03-31."
    elif column.kind == "number":
        check = DataValidation(
            type="decimal",
            operator="between",
            formula1="-1E+300",
            formula2="1E+300",
            allow_blank=True,
        )
        check.error = "A number."
    elif column.kind == "choices" and column.enum is not None:
        # A drop-down holds one value; a list of several is typed, with the allowed ones shown.
        check = DataValidation(type=None, allow_blank=True)
        check.prompt = ", ".join(VALUES[column.enum])[:255]
        check.promptTitle = column.header[:32]
        check.showInputMessage = True
        return check
    else:
        return None
    check.errorTitle = column.header[:32]
    check.showErrorMessage = True
    return check


def _rows(sheet: Sheet, document: Mapping[str, Any]) -> Iterator[list[Any]]:
    """The values of each row `sheet` holds for `document`, in column order."""
    for record in _records(sheet, document):
        yield [_cell(column, _get(record, column.path)) for column in sheet.columns]


def _records(sheet: Sheet, document: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    if sheet.single:
        yield document
        return
    if sheet.parent == "side":
        partnership = document.get("partnership", {})
        for side in ("client", "provider"):
            for sponsor in partnership.get(side, {}).get("sponsors") or ():
                yield {"side": side, **sponsor}
        return
    if sheet.parent == "wave":
        for wave in (document.get("pulse") or {}).get("waves") or ():
            for response in wave.get("responses") or ():
                yield {"wave": {"date": wave.get("date"), "name": wave.get("name")}, **response}
        return
    if sheet.parent == "metric":
        for metric in document.get("metrics") or ():
            for observation in metric.get("observations") or ():
                yield {"metric_id": metric.get("id"), **observation}
        return
    found: Any = document
    for key in sheet.path:
        found = found.get(key) if isinstance(found, Mapping) else None
    yield from found or ()


def _get(record: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    found: Any = record
    for key in path:
        if not isinstance(found, Mapping):
            return None
        found = found.get(key)
    return found


def _cell(column: Column, value: Any) -> Any:
    if value is None or value == []:
        return None
    if column.kind == "date":
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if column.kind == "bool":
        return "yes" if value else "no"
    if column.kind in ("choices", "ids"):
        return ", ".join(str(v) for v in value)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _fixed_times(data: bytes) -> bytes:
    """The same archive with every member, and the workbook itself, dated :data:`FIXED_TIME`.

    openpyxl stamps the save time into ``docProps/core.xml`` and the zip members.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    content,
                )
            info = zipfile.ZipInfo(member.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content)
    return out.getvalue()
