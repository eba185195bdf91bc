"""``foundation-engine batch``: assess a portfolio, one JSON Lines record per state."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from .configuration import config_from_args
from .diagnostics import CommandError, ExitCode, print_note


def run(args: argparse.Namespace) -> int:
    from ..batch import BatchError, BatchSettings, run_batch
    from ..batch.inputs import InputNotFound
    from ..batch.journal import ResumeMismatch

    as_of = None
    if args.as_of is not None:
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise CommandError(
                f"--as-of: expected a date like 2026-03-31, got {args.as_of!r}"
            ) from None
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
    )
    try:
        result = run_batch(settings)
    except InputNotFound as exc:
        raise CommandError(f"{exc}: no such file or folder") from None
    except ResumeMismatch as exc:
        raise CommandError(
            f"cannot resume: {exc}", hint="run without --resume to start the batch over"
        ) from None
    except BatchError as exc:
        raise CommandError(str(exc)) from None
    except KeyboardInterrupt:
        if args.output is not None:
            print_note(f"interrupted; continue with: --resume -o {args.output}")
        raise
    summary = result.summary
    if result.already_complete:
        print_note(
            f"{args.output} is already complete ({summary.records} records); nothing to resume"
        )
    elif result.resumed:
        print_note(f"resumed after {result.resumed} records already written")
    if summary.failed:
        print_note(
            f"{summary.failed} of {summary.records} records could not be assessed "
            '(their records have "ok": false)'
        )
        if args.strict:
            return ExitCode.INPUT
    return ExitCode.OK
