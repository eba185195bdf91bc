"""The ``foundation-engine`` command line (also ``python -m foundation_engine``).

Start-up stays quick: this package imports only :mod:`argparse` up front; each
command imports the engine, jsonschema or a report writer when it runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from foundation_engine.cli.diagnostics import (
    CommandError,
    ExitCode,
    print_error,
    print_note,
    print_problems,
)

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: ``sys.argv[1:]``); return the exit code."""
    from foundation_engine.cli.parser import build_parser, resolve_handler

    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help/--version
        return int(exc.code) if isinstance(exc.code, int) else ExitCode.INPUT
    if getattr(args, "handler", None) is None:
        parser.print_help(sys.stderr)
        return ExitCode.INPUT
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
        if debug:
            raise
        print_error(exc.message)
        if exc.hint:
            print_note(exc.hint)
        return ExitCode.INPUT
    except OSError as exc:
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print_error(f"{where}{exc.strerror or exc}")
        return ExitCode.INPUT
    except Exception as exc:
        from foundation_engine.errors import FoundationError

        if debug or not isinstance(exc, FoundationError):
            raise
        print_problems(exc.problems)
        return ExitCode.INPUT


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
