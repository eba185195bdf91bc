"""Command-line options for portfolios: peer benchmarks and batch histories.

The options live here, beside what they do, so that ``parser.py``, ``assess.py``
and ``batch.py`` only add them and make one call each.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from foundation_engine.cli.diagnostics import CommandError

if TYPE_CHECKING:
    from foundation_engine.report.model import Report

DEFAULT_MIN_GROUP = 5
"""As :data:`foundation_engine.progress.benchmark.DEFAULT_MIN_GROUP` (kept here so that
building the parser does not import the engine)."""


def _group_size(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of partnerships, got {text!r}"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more partnerships, got {text!r}")
    return value


def _min_group_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--benchmark-min",
        type=_group_size,
        default=DEFAULT_MIN_GROUP,
        metavar="N",
        help="show no percentile for a group of fewer than N partnerships, so none can be "
        f"identified (default: {DEFAULT_MIN_GROUP})",
    )


def add_assess_options(parser: argparse.ArgumentParser) -> None:
    """``assess --benchmark SUMMARY [--benchmark-min N]``."""
    parser.add_argument(
        "--benchmark",
        metavar="SUMMARY",
        help="place the partnership among a portfolio's: its percentile overall and per "
        "technique in a summary written by batch --summary",
    )
    _min_group_option(parser)


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    """``batch --history monthly|quarterly [--since DATE]`` and ``--benchmark-min N``."""
    parser.add_argument(
        "--history",
        choices=("monthly", "quarterly"),
        help="write each partnership's history instead of its report: the scores at each "
        "past month or quarter end, rebuilt from the records, with their trends",
    )
    parser.add_argument(
        "--since",
        metavar="DATE",
        help="with --history: start each history here (default: the partnership's start)",
    )
    _min_group_option(parser)


def with_benchmark(report: Report, args: argparse.Namespace) -> Report:
    """`report` with its place among the portfolio of ``--benchmark`` (unchanged without)."""
    summary = getattr(args, "benchmark", None)
    if summary is None:
        return report
    from foundation_engine.progress.benchmark import load_peers, place

    min_group = getattr(args, "benchmark_min", DEFAULT_MIN_GROUP)
    benchmark = place(report, load_peers(summary), min_group=min_group)
    return report.model_copy(update={"benchmark": benchmark})


def history_since(args: argparse.Namespace) -> dt.date | None:
    """The batch's ``--since`` date; refused without ``--history``, or when not a date."""
    since = getattr(args, "since", None)
    if since is None:
        return None
    if getattr(args, "history", None) is None:
        raise CommandError("--since goes with --history", hint="add --history monthly")
    try:
        return dt.date.fromisoformat(since)
    except ValueError:
        raise CommandError(f"--since: expected a date like 2026-01-31, got {since!r}") from None
