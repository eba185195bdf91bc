"""The batch output record: one JSON line per input record, in input order.

An assessed record::

    {"seq": 0, "source": "portfolio.jsonl", "line": 1, "index": null,
     "input_digest": "9f2c...", "partnership_id": "acme-talentco", "ok": true,
     "report": {...}}

A record that could not be assessed::

    {"seq": 1, "source": "portfolio.jsonl", "line": 2, "index": null,
     "input_digest": "41d0...", "partnership_id": "beta-rpo", "ok": false,
     "error": {"kind": "validation", "message": "...", "path": "$.communications[3].date",
               "problems": [{"message": "...", "path": "...", "line": null}]}}

``seq`` counts records across the whole batch from 0. ``line`` is the line a
record starts on (JSON Lines, arrays); ``index`` its place in a JSON array;
both are null where they do not apply. ``input_digest`` fingerprints what
was read to reach the record (a running SHA-256 over the inputs' names and
bytes), which ``--resume`` compares to refuse a changed input. ``partnership_id`` is null when the
record is too broken to tell. ``error.kind`` is ``parse``, ``validation``,
``reference``, ``limit``, ``input``, ``internal`` (a fault in the engine or a
plugin while assessing this record), ``worker_crash`` (the worker process
died while assessing this record, twice: once on the first try and once on
the retry) or ``worker_timeout`` (the worker spent longer than
``limits.record_seconds`` on it, twice). ``error.message`` and ``error.path``
repeat the first problem. ``schema batch`` prints the JSON Schema.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from foundation_engine.batch.inputs import Position
from foundation_engine.errors import Problem
from foundation_engine.report.escaping import escape_unsafe, shorten
from foundation_engine.report.history import History
from foundation_engine.report.model import Report


class ProblemOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str
    path: str | None = Field(description="JSON path in the record, such as $.metrics[0].target.")
    line: int | None = Field(description="Line within the record, when the parser knows it.")


class RecordError(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(
        description="parse, validation, reference, limit or input (the record), "
        "internal (a fault in the engine or a plugin), or worker_crash / worker_timeout "
        "(the worker process died, or took too long, on this record twice)."
    )
    message: str = Field(description="The first problem's message.")
    path: str | None = Field(description="The first problem's JSON path.")
    problems: list[ProblemOut] = Field(description="Every problem found, in order.")


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seq: int = Field(ge=0, description="Record number across the batch, from 0.")
    source: str = Field(description="The input file, or <stdin>.")
    line: int | None = Field(description="Line the record starts on, where inputs have lines.")
    index: int | None = Field(description="Place in a JSON array input, from 0.")
    input_digest: str = Field(
        description="SHA-256 (hex) of the inputs' names and bytes read up to and including "
        "this record; --resume refuses an input that no longer reads the same."
    )
    partnership_id: str | None = Field(description="The partnership's id, when it can be read.")


class AssessedRecord(_Base):
    ok: Literal[True]
    report: Report


class HistoryRecord(_Base):
    """A partnership's history (``batch --history``), in place of its report."""

    ok: Literal[True]
    history: History


class FailedRecord(_Base):
    ok: Literal[False]
    error: RecordError


BatchRecord = Annotated[AssessedRecord | FailedRecord, Field(discriminator="ok")]
HistoryBatchRecord = Annotated[HistoryRecord | FailedRecord, Field(discriminator="ok")]
"""A line of ``batch --history`` output."""


def batch_record_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of one line of batch output, ``--history`` included."""
    from pydantic import TypeAdapter

    line = AssessedRecord | HistoryRecord | FailedRecord
    schema = _without_ids(TypeAdapter(line).json_schema(mode="serialization"))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://foundation-engine.dev/schemas/batch-record.schema.json",
        "title": "BatchRecord",
        **schema,
    }


def _without_ids(node: Any) -> Any:
    # The embedded report keeps its own "$id", which would make its "#/$defs/..."
    # references resolve inside the report alone; here every definition is shared.
    if isinstance(node, dict):
        return {k: _without_ids(v) for k, v in node.items() if k != "$id"}
    if isinstance(node, list):
        return [_without_ids(v) for v in node]
    return node


def _envelope(
    seq: int, position: Position, digest: str, partnership_id: str | None, ok: bool
) -> str:
    head = {
        "seq": seq,
        "source": position.source,
        "line": position.line,
        "index": position.index,
        "input_digest": digest,
        "partnership_id": partnership_id,
        "ok": ok,
    }
    return json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]


def assessed_line(seq: int, position: Position, report: Report, digest: str = "") -> str:
    """The record of an assessed state, as one line of JSON (no newline).

    Control, bidirectional and invisible characters are written as ``\\u``
    escapes, as in the JSON report.
    """
    return escape_unsafe(
        _envelope(seq, position, digest, report.partnership_id, True)
        + ',"report":'
        + report.model_dump_json()
        + "}",
        "json",
    )


def history_line(seq: int, position: Position, history: History, digest: str = "") -> str:
    """The record of a state's history (``batch --history``), as one line of JSON."""
    return escape_unsafe(
        _envelope(seq, position, digest, history.partnership_id, True)
        + ',"history":'
        + history.model_dump_json()
        + "}",
        "json",
    )


def failed_line(
    seq: int,
    position: Position,
    partnership_id: str | None,
    kind: str,
    problems: Sequence[Problem],
    digest: str = "",
) -> str:
    """The record of a state that could not be assessed, as one line of JSON (no newline)."""
    first = problems[0] if problems else Problem("unknown error")
    error = {
        "kind": kind,
        "message": _short(first.message, MAX_MESSAGE),
        "path": _short(first.path, MAX_PATH),
        "problems": [
            {
                "message": _short(p.message, MAX_MESSAGE),
                "path": _short(p.path, MAX_PATH),
                "line": p.line,
            }
            for p in problems
        ],
    }
    return escape_unsafe(
        _envelope(seq, position, digest, partnership_id, False)
        + ',"error":'
        + json.dumps(error, ensure_ascii=False, separators=(",", ":"))
        + "}",
        "json",
    )


#: The longest message and JSON path an error record holds, in characters: a
#: hostile file can make a key, and so a path, megabytes long.
MAX_MESSAGE = 2_000
MAX_PATH = 300


def _short(text: str | None, most: int) -> str | None:
    return None if text is None else shorten(text, most)
