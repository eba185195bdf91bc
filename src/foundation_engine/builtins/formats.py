"""Built-in plugin: JSON and TOML state loaders, and the JSON report writer."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from typing import Any

from ..errors import ParseError, Problem, ValidationProblem
from ..hookspecs import hookimpl
from ..report import Report
from ..state.model import PartnershipState
from ..state.validation import validate_state_json


def load_json(data: bytes, source: str) -> PartnershipState:
    """Parse and validate JSON bytes (UTF-8) in one pass; NaN and Infinity are refused.

    Returning the validated state, rather than a document, lets pydantic parse
    and validate together, which is markedly faster than two passes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise ParseError(Problem("empty input, expected a JSON object", source=source))
    try:
        return validate_state_json(data, source)
    except ValidationProblem as exc:
        if exc.problems and exc.problems[0].message.startswith("invalid JSON"):
            raise ParseError(_json_problem(data, exc.problems[0].message, source)) from None
        raise


def _json_problem(data: bytes, message: str, source: str) -> Problem:
    # pydantic_core reports "... at line L column C"; the stdlib parser gives the same
    # position in a structured form, so ask it when it agrees the input is invalid.
    try:
        json.loads(data)
    except json.JSONDecodeError as exc:
        return Problem(f"invalid JSON: {exc.msg}", source=source, line=exc.lineno, column=exc.colno)
    except (UnicodeDecodeError, RecursionError, ValueError):
        pass
    return Problem(message, source=source)


def load_toml(data: bytes, source: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            Problem(f"not UTF-8 text (invalid byte at offset {exc.start})", source=source)
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(Problem(f"invalid TOML: {exc}", source=source)) from None


def write_json(report: Report) -> str:
    """The report as indented JSON with a trailing newline; key order is fixed."""
    return report.model_dump_json(indent=2) + "\n"


@hookimpl(trylast=True)
def register_loaders(register: Callable[..., None]) -> None:
    register("json", (".json",), load_json)
    register("toml", (".toml",), load_toml)


@hookimpl(trylast=True)
def register_report_writers(register: Callable[..., None]) -> None:
    register("json", write_json, media_type="application/json", suffix=".json")
