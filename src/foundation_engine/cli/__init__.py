"""The ``foundation-engine`` command line (also ``python -m foundation_engine``).

Start-up stays quick: this package imports only :mod:`argparse` up front; each
command imports the engine, jsonschema or a report writer when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from foundation_engine.cli.diagnostics import (
    CommandError,
    ExitCode,
    Verbosity,
    print_error,
    print_note,
    print_problems,
    set_verbosity,
)

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: ``sys.argv[1:]``); return the exit code."""
    from foundation_engine.cli.parser import build_parser, parse_arguments

    try:
        args = parse_arguments(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help/--version
        return int(exc.code) if isinstance(exc.code, int) else ExitCode.INPUT
    if getattr(args, "handler", None) is None:
        build_parser().print_help(sys.stderr)
        return ExitCode.INPUT
    level = (
        Verbosity.QUIET
        if getattr(args, "quiet", False)
        else Verbosity.VERBOSE
        if getattr(args, "verbose", False)
        else Verbosity.NORMAL
    )
    previous = set_verbosity(level)
    try:
        return _run(args)
    finally:
        set_verbosity(previous)


def _run(args: argparse.Namespace) -> int:
    from foundation_engine.cli.parser import resolve_handler

    debug = bool(getattr(args, "debug", False))
    try:
        return int(resolve_handler(args.handler)(args))
    except KeyboardInterrupt:
        print_note("interrupted")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`... | head`); quietly stop writing.
        _silence_stdout()
        return ExitCode.OK
    except CommandError as exc:
        _traceback(debug)
        print_error(exc.message)
        if exc.hint:
            print_note(exc.hint, always=True)
        return ExitCode.INPUT
    except OSError as exc:
        _traceback(debug)
        where = f"{exc.filename}: " if exc.filename else ""
        print_error(f"{where}{exc.strerror or exc}")
        return ExitCode.INPUT
    except Exception as exc:
        from foundation_engine.errors import FoundationError

        if not isinstance(exc, FoundationError):
            raise
        _traceback(debug)
        print_problems(exc.problems)
        return ExitCode.INPUT


def _traceback(debug: bool) -> None:
    """Under ``--debug``, the traceback of the error being handled; the exit code stays 2,
    because an input error is still the user's to fix, not a crash."""
    if debug:
        import traceback

        traceback.print_exc(file=sys.stderr)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
