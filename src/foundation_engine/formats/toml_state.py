"""TOML states: parsed with :mod:`tomllib`; errors carry the line and column."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from foundation_engine.errors import LimitExceeded, ParseError, Problem
from foundation_engine.files import toml_input
from foundation_engine.files.limits import current, depth_problem


def load_toml(data: bytes, source: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            Problem(
                f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot "
                "start or continue a character; expected UTF-8",
                source=source,
                line=data.count(b"\n", 0, exc.start) + 1,
            )
        ) from None
    try:
        return toml_input.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(at[1]), int(at[2])) if at else (None, None)
        raise ParseError(
            Problem(f"invalid TOML: {exc}", source=source, line=line, column=column)
        ) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise LimitExceeded(depth_problem(current(), source)) from None
    except ValueError:  # int() refuses more than sys.get_int_max_str_digits() digits
        raise ParseError(
            Problem(
                "invalid TOML: an integer has too many digits; expected a number below 1e308",
                source=source,
            )
        ) from None
