"""``foundation-engine assess``: one state in, one report out, an exit code for CI."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from foundation_engine.cli.configuration import engine_from_args
from foundation_engine.cli.diagnostics import CommandError, ExitCode, print_note
from foundation_engine.cli.output import emit
from foundation_engine.cli.portfolio import with_benchmark

if TYPE_CHECKING:
    from foundation_engine.plugin.registry import Registry, ReportWriter
    from foundation_engine.report.model import Report


def choose_writer(registry: Registry, name: str | None, output: str | None) -> ReportWriter:
    """The writer named by --format; else the one whose suffix -o has; else text."""
    if name is None and output not in (None, "-"):
        suffix = Path(str(output)).suffix.lower()
        by_suffix = [w for w in registry.writers.values() if w.suffix == suffix]
        if len(by_suffix) == 1:
            return by_suffix[0]
    name = name or "text"
    writer = registry.writers.get(name)
    if writer is None:
        raise CommandError(
            f"unknown report format {name!r}",
            hint=f"known formats: {', '.join(sorted(registry.writers))}",
        )
    return writer


def run(args: argparse.Namespace) -> int:
    from foundation_engine.core.loading import load_path

    engine = engine_from_args(args)
    writer = choose_writer(engine.registry, args.format, args.output)
    baseline = _baseline(args.baseline) if args.baseline is not None else None
    state = load_path(
        args.file, engine.registry, format=args.input_format, limits=engine.config.limits
    )
    report = engine.assess(state, as_of=args.as_of)
    if args.history is not None:
        history = engine.history(state, args.history, since=args.since, as_of=args.as_of)
        report = report.model_copy(update={"history": history})
    elif args.since is not None:
        raise CommandError("--since goes with --history", hint="add --history monthly")
    if baseline is not None:
        report = since_baseline(report, baseline)
    report = with_benchmark(report, args)
    emit(writer.write(report), args.output)
    return verdict(report, args.fail_under, args.fail_on)


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
        print_note(f"fail: {reason}")
    return ExitCode.FAILED if reasons else ExitCode.OK
