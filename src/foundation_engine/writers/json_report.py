"""Built-in plugin: the report as JSON, the public contract (``schemas/report.schema.json``)."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.plugin.hookspecs import hookimpl
from foundation_engine.report.escaping import escape_unsafe
from foundation_engine.report.model import Report


def write_json(report: Report) -> str:
    """The report as indented JSON with a trailing newline; key order is fixed.

    Control, bidirectional and invisible characters (``U+009B``, ``U+202E``...)
    are written as ``\\u`` escapes: the values are the same, and a terminal
    or an editor showing the file never meets them raw.
    """
    return escape_unsafe(report.model_dump_json(indent=2), "json") + "\n"


@hookimpl(trylast=True)
def register_report_writers(register: Callable[..., None]) -> None:
    register("json", write_json, media_type="application/json", suffix=".json")
