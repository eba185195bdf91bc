"""``foundation-engine actions REPORT``: the open findings as an action list.

REPORT is a report (JSON from ``assess --format json``) or a state file, which
is assessed first with the engine options given. The list is a Markdown
checklist (default) or CSV: who acts, what to do, by when, points at stake.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from foundation_engine.cli.diagnostics import ExitCode
from foundation_engine.cli.diff import _Inputs
from foundation_engine.cli.output import emit


def run(args: argparse.Namespace) -> int:
    from foundation_engine.writers.action_list import actions, actions_csv, actions_markdown

    report = _Inputs(args).report(args.report)
    fmt = args.format
    if fmt is None:
        suffix = Path(str(args.output)).suffix.lower() if args.output not in (None, "-") else ""
        fmt = "csv" if suffix == ".csv" else "markdown"
    items = actions(report)
    text = actions_csv(report, items) if fmt == "csv" else actions_markdown(report, items)
    emit(text, args.output)
    return ExitCode.OK
