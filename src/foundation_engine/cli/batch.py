"""``foundation-engine batch``: assess a portfolio, one JSON Lines record per state.

SIGTERM stops a batch as gracefully as Ctrl-C: the records already assessed
are written, the partial output is left for ``--resume``, and the command
exits with 143 (128 + SIGTERM).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from foundation_engine.cli.configuration import config_from_args
from foundation_engine.cli.diagnostics import CommandError, ExitCode, print_note
from foundation_engine.cli.portfolio import DEFAULT_MIN_GROUP, history_since

TERMINATED_EXIT = 128 + signal.SIGTERM
"""The exit code of a batch stopped by SIGTERM, as a shell reports a process it killed."""


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: stop like Ctrl-C, keeping what is written."""


def add_fault_options(parser: argparse.ArgumentParser) -> None:
    """The batch options about runaway checks (added to the ``batch`` command)."""
    parser.add_argument(
        "--rule-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="stop a rule's check after this long and report an error finding for it "
        "(default: limits.rule_seconds, else 10; 0 for no limit)",
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not 0 <= value <= 86_400:
        raise argparse.ArgumentTypeError(f"expected 0 to 86400 seconds, got {text!r}")
    return value


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(args: argparse.Namespace) -> int:
    from foundation_engine.batch import BatchError, BatchSettings, run_batch
    from foundation_engine.batch.inputs import InputNotFound
    from foundation_engine.batch.journal import ResumeMismatch
    from foundation_engine.state.model import EARLIEST_DATE, LATEST_DATE

    as_of = None
    if args.as_of is not None:
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise CommandError(
                f"--as-of: expected a date like 2026-03-31, got {args.as_of!r}"
            ) from None
        if not EARLIEST_DATE <= as_of <= LATEST_DATE:  # states' dates lie there too
            raise CommandError(
                f"--as-of: expected a date between {EARLIEST_DATE} and {LATEST_DATE}, "
                f"got {args.as_of}"
            )
    if args.inputs.count("-") > 1:
        raise CommandError("standard input (-) can be read only once")
    settings = BatchSettings(
        inputs=list(args.inputs),
        config=config_from_args(args),
        output=args.output,
        summary=args.summary,
        scores=args.scores,
        workers=args.workers or os.cpu_count() or 1,
        resume=args.resume,
        as_of=as_of,
        progress=sys.stderr.isatty() if args.progress is None else args.progress,
        rule_seconds=getattr(args, "rule_timeout", None),
        benchmark_min_group=getattr(args, "benchmark_min", DEFAULT_MIN_GROUP),
        history=getattr(args, "history", None),
        since=history_since(args),
    )
    try:
        with _sigterm_interrupts():
            result = run_batch(settings)
    except InputNotFound as exc:
        raise CommandError(f"{exc}: no such file or folder") from None
    except ResumeMismatch as exc:
        raise CommandError(
            f"cannot resume: {exc}", hint="run without --resume to start the batch over"
        ) from None
    except BatchError as exc:
        raise CommandError(str(exc)) from None
    except KeyboardInterrupt as exc:
        if args.output is not None:
            print_note(f"interrupted; continue with: --resume -o {args.output}")
        if isinstance(exc, Terminated):
            print_note("stopped by SIGTERM")
            return TERMINATED_EXIT
        raise
    summary = result.summary
    if result.already_complete:
        print_note(
            f"{args.output} is already complete ({summary.records} records); nothing to resume"
        )
    elif result.resumed:
        print_note(f"resumed after {result.resumed} records already written")
    if result.worker_restarts:
        print_note(
            f"{result.worker_restarts} worker process(es) died or were stopped while "
            "assessing; their records were retried in fresh workers"
        )
    if summary.failed:
        print_note(
            f"{summary.failed} of {summary.records} records could not be assessed "
            '(their records have "ok": false)'
        )
        if args.strict:
            return ExitCode.INPUT
    return ExitCode.OK
