"""``foundation-engine import``: build or update a state from calendars, ATS exports,
KPI scorecards, survey exports and pulse exports.

The state is written to ``-o FILE`` (JSON, or TOML for ``.toml``), atomically,
and updated in place when that file exists: records are matched by their
stable ids, so importing a source again adds nothing twice. The summary goes
to standard output, or to standard error when the state itself goes to
standard output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from .configuration import config_from_args
from .diagnostics import CommandError, ExitCode
from .output import emit


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: expected a date like 2026-03-31, got {text!r}") from None


def run(args: argparse.Namespace) -> int:
    from ..importing.importer import ImportRequest, import_sources, state_text, summary
    from ..importing.mapping import default_mapping_text, load_mapping

    if args.show_mapping:
        sys.stdout.write(default_mapping_text())
        return ExitCode.OK
    sources = [args.calendar, args.requisitions, args.metrics, args.surveys, args.pulse]
    if not any(sources):
        raise CommandError(
            "nothing to import",
            hint="name at least one source: --calendar, --requisitions, --metrics, --surveys "
            "or --pulse",
        )
    from ..plugin.manager import default_plugin_setup
    from ..plugin.registry import build_registry

    config = config_from_args(args)
    registry = build_registry(default_plugin_setup())
    mapping = load_mapping(args.mapping)
    request = ImportRequest(
        calendars=args.calendar or (),
        requisitions=args.requisitions or (),
        metrics=args.metrics or (),
        surveys=args.surveys or (),
        pulse=args.pulse or (),
        ats=args.ats,
        base=args.base,
        output=args.output,
        since=_date(args.since, "--since"),
        until=_date(args.until, "--until"),
    )
    outcome = import_sources(request, mapping, registry, config.limits)
    to_stdout = args.output in (None, "-")
    report = sys.stderr if to_stdout else sys.stdout
    if args.explain:
        for imported in outcome.imports:
            for line in imported.explanations:
                print(line, file=report)
    emit(state_text(outcome.state, args.output), args.output)
    for line in summary(outcome, None if to_stdout else args.output):
        print(line, file=report)
    return ExitCode.OK
