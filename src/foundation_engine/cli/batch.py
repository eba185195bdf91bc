"""``foundation-engine batch``: assess a portfolio, one JSON Lines record per state.

SIGTERM stops a batch as gracefully as Ctrl-C: the records already assessed
are written, the partial output is left for ``--resume``, and the command
exits with 143 (128 + SIGTERM).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from foundation_engine.cli.configuration import config_from_args
from foundation_engine.cli.diagnostics import (
    CommandError,
    ExitCode,
    Verbosity,
    print_detail,
    print_note,
    verbosity,
)
from foundation_engine.cli.output import to_stdout
from foundation_engine.cli.parser import add_fault_options as add_fault_options  # re-exported
from foundation_engine.cli.portfolio import DEFAULT_MIN_GROUP, history_since
from foundation_engine.cli.setup_notes import describe_config, describe_plugins

TERMINATED_EXIT = 128 + signal.SIGTERM
"""The exit code of a batch stopped by SIGTERM, as a shell reports a process it killed."""


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: stop like Ctrl-C, keeping what is written."""


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


@dataclass(frozen=True)
class _SideOutput:
    """Where the batch writes the summary or the scores, and whether that is stdout's stand-in."""

    path: str | None
    to_stdout: bool = False

    def copy_to_stdout(self) -> None:
        if self.to_stdout and self.path is not None:
            sys.stdout.flush()
            with open(self.path, "rb") as handle:
                shutil.copyfileobj(handle, sys.stdout.buffer)
            sys.stdout.buffer.flush()


@contextmanager
def _standard_output(
    output: str | None, *, summary: str | None, scores: str | None
) -> Iterator[tuple[_SideOutput, _SideOutput]]:
    """``--summary -`` and ``--scores -``: written to a temporary file, then to stdout.

    Standard output can carry one thing: the records unless ``-o FILE``, else
    the summary or the scores.
    """
    asked = [name for name, value in (("--summary", summary), ("--scores", scores)) if value == "-"]
    if len(asked) > 1:
        raise CommandError(
            "--summary - and --scores -: standard output can carry only one of them",
            hint="write the other to a file",
        )
    if asked and output is None:
        raise CommandError(
            f"{asked[0]} -: standard output already carries the records",
            hint="write the records to a file with -o FILE",
        )
    if not asked:
        yield _SideOutput(summary), _SideOutput(scores)
        return
    with tempfile.TemporaryDirectory(prefix="foundation-batch-") as folder:
        stand_in = str(Path(folder) / "stdout")
        yield (
            _SideOutput(stand_in, True) if summary == "-" else _SideOutput(summary),
            _SideOutput(stand_in, True) if scores == "-" else _SideOutput(scores),
        )


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
    output = None if to_stdout(args.output) else args.output
    quiet = verbosity() is Verbosity.QUIET
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    config = config_from_args(args)
    if verbosity() >= Verbosity.VERBOSE:
        from foundation_engine.plugin.manager import default_plugin_setup

        describe_config(args)
        describe_plugins(default_plugin_setup(config.plugins, config.strict))
    side_outputs = _standard_output(output, summary=args.summary, scores=args.scores)
    with side_outputs as (summary_out, scores_out):
        settings = BatchSettings(
            inputs=list(args.inputs),
            config=config,
            output=output,
            summary=summary_out.path,
            scores=scores_out.path,
            workers=args.workers or os.cpu_count() or 1,
            resume=args.resume,
            as_of=as_of,
            progress=progress and not quiet,
            rule_seconds=getattr(args, "rule_timeout", None),
            benchmark_min_group=getattr(args, "benchmark_min", DEFAULT_MIN_GROUP),
            history=getattr(args, "history", None),
            since=history_since(args),
        )
        print_detail(f"workers: {settings.workers}")
        try:
            with _sigterm_interrupts():
                # --quiet: the runner's own notes (a partial output replaced) go nowhere.
                result = run_batch(settings, stderr=io.StringIO()) if quiet else run_batch(settings)
        except InputNotFound as exc:
            raise CommandError(f"{exc}: no such file or folder") from None
        except ResumeMismatch as exc:
            raise CommandError(
                f"cannot resume: {exc}", hint="run without --resume to start the batch over"
            ) from None
        except BatchError as exc:
            raise CommandError(str(exc)) from None
        except KeyboardInterrupt as exc:
            if output is not None:
                print_note(f"interrupted; continue with: --resume -o {output}", always=True)
            if isinstance(exc, Terminated):
                print_note("stopped by SIGTERM", always=True)
                return TERMINATED_EXIT
            raise
        summary_out.copy_to_stdout()
        scores_out.copy_to_stdout()
    summary = result.summary
    if result.already_complete:
        print_note(f"{output} is already complete ({summary.records} records); nothing to resume")
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
