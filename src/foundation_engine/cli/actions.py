"""``foundation-engine actions REPORT``: the open findings as an action list.

REPORT is a report (JSON from ``assess --format json``) or a state file, which
is assessed first with the engine options given. The list is a Markdown
checklist (default) or CSV: who acts, what to do, by when, points at stake.
"""

from __future__ import annotations

import argparse

from foundation_engine.cli.diagnostics import CommandError, ExitCode
from foundation_engine.cli.diff import _Inputs
from foundation_engine.cli.output import emit
from foundation_engine.cli.report_formats import output_suffix

ACTION_SUFFIXES = {"": "markdown", ".md": "markdown", ".markdown": "markdown", ".csv": "csv"}
"""Output suffixes and the action-list format each one means (none: Markdown)."""


def run(args: argparse.Namespace) -> int:
    from foundation_engine.writers.action_list import actions, actions_csv, actions_markdown

    fmt = args.format or _format_for_suffix(args.output)
    report = _Inputs(args).report(args.report)
    items = actions(report)
    text = actions_csv(report, items) if fmt == "csv" else actions_markdown(report, items)
    emit(text, args.output)
    return ExitCode.OK


def _format_for_suffix(output: str | None) -> str:
    suffix = output_suffix(output)
    fmt = ACTION_SUFFIXES.get(suffix)
    if fmt is None:
        known = ", ".join(s for s in ACTION_SUFFIXES if s)
        raise CommandError(
            f"{output}: cannot tell the action-list format from the suffix {suffix!r}",
            hint=f"known suffixes: {known}; or choose one with --format markdown or --format csv",
        )
    return fmt
