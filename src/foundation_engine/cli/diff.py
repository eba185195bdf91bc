"""``foundation-engine diff OLD NEW``: progress between two reports or two states.

Each of OLD and NEW is a report (JSON from ``assess --format json``) or a state
file, which is assessed first with the engine options given (``--as-of``
applies to states only). The diff is written as text, JSON, Markdown or HTML;
``--fail-on-regression`` makes a new or regressed finding exit 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from foundation_engine.cli.diagnostics import CommandError, ExitCode, print_note
from foundation_engine.cli.documents import parse_report, read_document, report_document
from foundation_engine.cli.output import emit
from foundation_engine.cli.report_formats import SUFFIX_FORMATS, output_suffix

if TYPE_CHECKING:
    from foundation_engine.core.engine import Engine
    from foundation_engine.progress.diff import ReportDiff
    from foundation_engine.report.model import Report

FORMATS = ("text", "json", "markdown", "html")


def choose_format(name: str | None, output: str | None) -> str:
    """--format; else the format -o's suffix names; else text.

    A suffix that names no diff format (``.csv``, ``.pdf``) is an error, as it
    is for ``assess``, rather than a text file under a misleading name.
    """
    if name is not None:
        return name
    suffix = output_suffix(output)
    if not suffix:
        return "text"
    chosen = SUFFIX_FORMATS.get(suffix)
    if chosen not in FORMATS:
        known = ", ".join(s for s, f in SUFFIX_FORMATS.items() if f in FORMATS)
        raise CommandError(
            f"-o {output}: a diff cannot be written as {suffix!r}",
            hint=f"use --format {{{','.join(FORMATS)}}}, or one of the suffixes {known}",
        )
    return chosen


def renderer(name: str) -> Callable[[ReportDiff], str]:
    from foundation_engine.progress.diff import (
        diff_to_html,
        diff_to_json,
        diff_to_markdown,
        diff_to_text,
    )

    renderers: dict[str, Callable[[ReportDiff], str]] = {
        "text": diff_to_text,
        "json": diff_to_json,
        "markdown": diff_to_markdown,
        "html": diff_to_html,
    }
    return renderers[name]


class _Inputs:
    """Turns each input into a report, building the engine only if a state needs it."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._engine: Engine | None = None
        self.states = 0

    def engine(self) -> Engine:
        if self._engine is None:
            from foundation_engine.cli.configuration import engine_from_args

            self._engine = engine_from_args(self.args)
        return self._engine

    def report(self, name: str) -> Report:
        from foundation_engine.core.loading import load_bytes

        source, data = read_document(name)
        document = report_document(source, data)
        if document is not None:
            return parse_report(source, document)
        self.states += 1
        engine = self.engine()
        state = load_bytes(data, source, engine.registry)
        return engine.assess(state, as_of=self.args.as_of)


def run(args: argparse.Namespace) -> int:
    from foundation_engine.progress.diff import diff_reports

    if args.old == "-" and args.new == "-":
        raise CommandError("standard input (-) can be read only once")
    fmt = choose_format(args.format, args.output)
    inputs = _Inputs(args)
    old = inputs.report(args.old)
    new = inputs.report(args.new)
    if args.as_of is not None and inputs.states == 0:
        print_note("note: --as-of applies to states only; both inputs are reports")
    diff = diff_reports(old, new, margin=args.margin)
    for warning in diff.warnings:
        print_note(f"warning: {warning}")
    emit(renderer(fmt)(diff), args.output)
    if args.fail_on_regression and diff.has_regression:
        ids = ", ".join(f"{c.rule_id} ({c.change.value})" for c in [*diff.new, *diff.regressed])
        count = len(diff.new) + len(diff.regressed)
        print_note(f"fail: {count} finding(s) new or regressed: {ids}")
        return ExitCode.FAILED
    return ExitCode.OK
