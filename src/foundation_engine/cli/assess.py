"""``foundation-engine assess``: one state in, one report out, an exit code for CI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from foundation_engine.cli.configuration import engine_from_args
from foundation_engine.cli.diagnostics import CommandError, ExitCode, print_detail, print_note
from foundation_engine.cli.output import emit, to_stdout
from foundation_engine.cli.portfolio import with_benchmark
from foundation_engine.cli.report_formats import choose_writer, output_suffix
from foundation_engine.cli.setup_notes import describe_setup

if TYPE_CHECKING:
    from foundation_engine.core.engine import Engine
    from foundation_engine.plugin.registry import ReportWriter
    from foundation_engine.report.model import Report
    from foundation_engine.state.model import PartnershipState

__all__ = ["choose_writer", "run", "since_baseline", "verdict"]

#: The formats that are text for a person, and so get colour on a terminal.
EMPHASISED_FORMATS = frozenset({"text", "concise"})


def run(args: argparse.Namespace) -> int:
    engine = engine_from_args(args)
    writer = choose_writer(engine.registry, _format_name(args), args.output)
    describe_setup(engine, args)
    print_detail(f"report format: {_format_reason(writer, args)}")
    baseline = _baseline(args.baseline) if args.baseline is not None else None
    state = _load_state(args, engine)
    report = engine.assess(state, as_of=args.as_of)
    if args.history is not None:
        history = engine.history(state, args.history, since=args.since, as_of=args.as_of)
        report = report.model_copy(update={"history": history})
    elif args.since is not None:
        raise CommandError("--since goes with --history", hint="add --history monthly")
    if baseline is not None:
        report = since_baseline(report, baseline)
    report = with_benchmark(report, args)
    emit(writer.write(report), args.output, decorate=_decoration(writer, args.output))
    return verdict(report, args.fail_under, args.fail_on)


def _format_name(args: argparse.Namespace) -> str | None:
    if not getattr(args, "summary_only", False):
        return args.format  # type: ignore[no-any-return]
    if args.format not in (None, "concise"):
        raise CommandError(
            f"--summary-only is the concise report; it cannot be --format {args.format}",
            hint="drop one of them",
        )
    return "concise"


def _format_reason(writer: ReportWriter, args: argparse.Namespace) -> str:
    if args.format is not None or getattr(args, "summary_only", False):
        how = "as asked"
    elif output_suffix(args.output):
        how = f"from the suffix {output_suffix(args.output)}"
    else:
        how = "the default"
    return f"{writer.name} ({how}; plugin {writer.plugin})"


def _load_state(args: argparse.Namespace, engine: Engine) -> PartnershipState:
    from foundation_engine.core.loading import (
        STDIN_SOURCE,
        load_bytes,
        load_path,
        read_standard_input,
    )

    limits = engine.config.limits
    if args.file != "-":
        return load_path(args.file, engine.registry, format=args.input_format, limits=limits)
    data = read_standard_input(limits)
    fmt = args.input_format
    if fmt is None:
        from foundation_engine.cli.input_sniffing import state_format_of_stdin

        fmt = state_format_of_stdin(data)
        print_detail(f"input: standard input read as {fmt} (from its first bytes)")
    return load_bytes(data, STDIN_SOURCE, engine.registry, format=fmt, limits=limits)


def _decoration(writer: ReportWriter, output: str | None) -> Callable[[str], str] | None:
    """Colour and emphasis for a text report printed where colour is wanted."""
    from foundation_engine.cli.terminal_colour import colour_wanted, emphasise

    if writer.name in EMPHASISED_FORMATS and to_stdout(output) and colour_wanted(sys.stdout):
        return emphasise
    return None


def _baseline(name: str) -> Report:
    from foundation_engine.cli.documents import load_report

    return load_report(name)


def since_baseline(report: Report, baseline: Report) -> Report:
    """Only the findings new or regressed since `baseline`; the scores stay complete."""
    from foundation_engine.progress.diff import new_since_baseline

    if baseline.partnership_id != report.partnership_id:
        print_note(
            f"warning: the baseline is a report of {baseline.partnership_id!r}, not of "
            f"{report.partnership_id!r}; every finding counts as new"
        )
    return new_since_baseline(report, baseline)


def verdict(report: Report, fail_under: float | None, fail_on: str | None) -> int:
    """1 (with the reasons on stderr) when the report misses a CI threshold, else 0."""
    from foundation_engine.rulebook.model import SEVERITY_ORDER, Severity

    reasons: list[str] = []
    if fail_under is not None:
        score = report.overall_score
        if score is None:
            reasons.append(
                "no overall score (no rule had data), so it counts as below "
                f"--fail-under {fail_under:g}"
            )
        elif score < fail_under:
            reasons.append(f"overall score {score:.1f} is below --fail-under {fail_under:g}")
    if fail_on is not None:
        floor = SEVERITY_ORDER[Severity(fail_on)]
        open_failures = report.failed(include_related=True)
        hits = [f for f in open_failures if SEVERITY_ORDER[f.severity] >= floor]
        if hits:
            ids = ", ".join(f"{f.rule_id} ({f.severity.value})" for f in hits)
            reasons.append(f"{len(hits)} finding(s) at or above --fail-on {fail_on}: {ids}")
    for reason in reasons:
        print_note(f"fail: {reason}", always=True)
    return ExitCode.FAILED if reasons else ExitCode.OK
