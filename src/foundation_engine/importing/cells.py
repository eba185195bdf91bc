"""Spreadsheet cells to state values, as a spreadsheet user would expect.

A cell arrives as whatever the workbook holds (text, a number, a date, a
boolean) or, from a CSV file, as text. Each reader here turns it into the
value a state field wants, or raises :class:`CellError` saying what was
expected and what was found, in the words the state's own errors use
(``expected a date like 2026-03-31, got "24/06"``).

What is accepted beyond the plain form:

- dates: real date cells, ISO dates and date-times (``2026-03-31``,
  ``2026-03-31 09:00``, ``2026-03-31T09:00:00Z``), and Excel date serials
  (``46112``), including ones a CSV export wrote as text. Day-month orders
  such as ``31/03/2026`` are refused: nothing tells ``03/04`` apart.
- numbers: ``1,234.5`` (thousands separators), ``45%`` (as 45).
- text and ids typed as numbers (``100`` typed in an id column is the id
  ``100``, not ``100.0``).
- yes/no: ``yes``, ``no``, ``y``, ``n``, ``true``, ``false``, ``1``, ``0``
  and real boolean cells.
- choices: the value (``weekly_checkin``) or its label (``Weekly check-in``),
  in any case; lists separated by commas or semicolons.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from enum import StrEnum
from functools import cache
from typing import Any

from foundation_engine.state.labels import VALUES

#: Excel serials in this range are dates from 1954 to 2119; outside it a number is no date.
SERIAL_RANGE = (20_000, 80_000)


class CellError(ValueError):
    """A cell that does not hold what its column expects."""


def show(value: Any) -> str:
    """A cell's content as the error shows it: text in double quotes, numbers bare."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    text = json.dumps(str(value), ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + '..."'


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """Text; a number typed where text is expected is that number as written."""
    if isinstance(value, bool):
        raise CellError(f"expected text, got {show(value)}")
    if isinstance(value, dt.date):
        raise CellError(
            f"expected text, got a date ({show(value)}); the spreadsheet may have turned what "
            "was typed into a date: format the column as text and type it again"
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    return str(value).strip()


_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?"
)


def as_date(value: Any, formats: tuple[str, ...] = ()) -> dt.date:
    """A date from a date cell, an ISO date or date-time, an Excel serial, or `formats`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError(f"expected a date like 2026-03-31, got {show(value)}")
    if isinstance(value, int | float):
        return _serial(value)
    text = str(value).strip()
    match = _ISO.fullmatch(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise CellError(f"{show(text)} is not a date in the calendar") from None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _serial(float(text))
    for pattern in formats:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(f"expected a date like 2026-03-31, got {show(text)}")


def _serial(number: float) -> dt.date:
    low, high = SERIAL_RANGE
    if not low <= number < high:
        raise CellError(f"expected a date like 2026-03-31, got the number {show(number)}")
    # Excel counts days from 1899-12-30 (its 1900 leap-year bug makes 1900-03-01 day 61).
    return dt.date(1899, 12, 30) + dt.timedelta(days=int(number))


def as_number(value: Any) -> float:
    """A number; ``1,234.5`` and ``45%`` are read as 1234.5 and 45."""
    if isinstance(value, bool):
        raise CellError(f"expected a number, got {show(value)}")
    if isinstance(value, dt.date):
        raise CellError(f"expected a number, got a date ({show(value)})")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u00a0", "")
    if text.endswith("%"):
        text = text[:-1].strip()
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    try:
        number = float(text)
    except ValueError:
        raise CellError(f"expected a number, got {show(value)}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError(f"expected a finite number, got {show(value)}")
    return number


_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0"}


def as_bool(value: Any) -> bool:
    """yes/no, true/false, y/n, 1/0, or a boolean cell."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f"expected yes or no, got {show(value)}")


def _choice_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


@cache
def _choices(enum: type[StrEnum]) -> dict[str, str]:
    """Every way of writing a value of `enum` (its value, its label), to the value."""
    table: dict[str, str] = {}
    for member in enum:
        label = VALUES.get(enum, {}).get(member.value, (member.value, ""))[0]
        table.setdefault(_choice_key(member.value), member.value)
        table.setdefault(_choice_key(label), member.value)
    return table


def as_choice(value: Any, enum: type[StrEnum]) -> str:
    """One value of `enum`, given as the value itself or its label, in any case."""
    text = as_text(value)
    table = _choices(enum)
    found = table.get(text) or table.get(_choice_key(text))
    if found is not None:
        return found
    allowed = ", ".join(m.value for m in enum)
    raise CellError(f"expected one of {allowed}, got {show(text)}")


def split_list(value: Any) -> list[str]:
    text = as_text(value)
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def as_choices(value: Any, enum: type[StrEnum]) -> list[str]:
    """Values of `enum` separated by commas or semicolons; each at most once."""
    found: list[str] = []
    for part in split_list(value):
        choice = as_choice(part, enum)
        if choice not in found:
            found.append(choice)
    return found


def as_ids(value: Any) -> list[str]:
    """Ids separated by commas, semicolons or spaces."""
    return [part for part in re.split(r"[,;\s]+", as_text(value)) if part]
