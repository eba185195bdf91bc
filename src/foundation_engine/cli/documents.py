"""Reading the files ``diff`` and ``assess --baseline`` compare: reports and states.

A JSON object with ``engine_version`` and ``findings`` is a report (as written
by ``assess --format json``); anything else is read as a partnership state.
Every failure names the file and, where it can, the JSON path.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foundation_engine.cli.diagnostics import CommandError

if TYPE_CHECKING:
    from foundation_engine.report.model import Report

REPORT_KEYS = ("engine_version", "findings")
"""Top-level keys that mark a JSON document as a report rather than a state."""

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def read_document(name: str) -> tuple[str, bytes]:
    """The display name and the bytes of file `name` (``-`` reads standard input)."""
    if name == "-":
        return "<stdin>", sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    path = Path(name)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
    except FileNotFoundError:
        raise CommandError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{name}: is a folder, expected a report or a state file") from None
    except OSError as exc:
        raise CommandError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise CommandError(f"{name}: larger than {MAX_DOCUMENT_BYTES:,} bytes")
    return name, data


def report_document(source: str, data: bytes) -> dict[str, Any] | None:
    """The parsed JSON object when `data` is a report, else None (a state, or not JSON)."""
    if source.lower().endswith(".toml"):
        return None
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if isinstance(document, dict) and all(key in document for key in REPORT_KEYS):
        return document
    return None


def parse_report(source: str, document: dict[str, Any]) -> Report:
    """Validate a report document; every mismatch is a problem with its JSON path."""
    from pydantic import ValidationError

    from foundation_engine.errors import InputError, Problem, json_path
    from foundation_engine.report.model import Report

    try:
        return Report.model_validate(document)
    except ValidationError as exc:
        raise InputError(
            [
                Problem(
                    f"not a valid report: {_lower_first(error['msg'])}",
                    json_path(error["loc"]),
                    source,
                )
                for error in exc.errors(include_url=False)
            ]
        ) from None


def load_report(name: str) -> Report:
    """Read the report in file `name`; a file that is not a report is an error."""
    from foundation_engine.formats.json_state import explain_invalid_json

    source, data = read_document(name)
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # The explainer states read with, so the same bad JSON says the same thing.
        raise explain_invalid_json(data, source) from None
    if not isinstance(document, dict) or not all(key in document for key in REPORT_KEYS):
        raise CommandError(
            f"{source}: $: expected a report (a JSON object with "
            f"{' and '.join(REPORT_KEYS)}), as written by assess --format json",
            hint="write one with: foundation-engine assess FILE --format json -o report.json",
        )
    return parse_report(source, document)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
