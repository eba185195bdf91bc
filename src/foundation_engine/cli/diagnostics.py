"""How the command line talks about failure: exit codes and ``error:`` lines.

Every error a person can cause (a bad file, a bad option, a bad config) is
printed as one ``error: FILE:LINE: $.json.path: message`` line per problem,
with control characters escaped, and never with a traceback unless
``--debug`` asked for one.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import IntEnum
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from foundation_engine.errors import Problem


class ExitCode(IntEnum):
    OK = 0
    """Success."""
    FAILED = 1
    """The assessment fell below ``--fail-under`` or has a finding at ``--fail-on``."""
    INPUT = 2
    """Bad usage or bad input: nothing was assessed."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C."""


class CommandError(Exception):
    """A failure of the command's own (a file exists, an unknown name): exits with 2."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _printable(text: str) -> str:
    from foundation_engine.writers.text_report import printable

    return printable(text)


def print_error(message: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    print(f"error: {_printable(message)}", file=stream)


#: The longest JSON path and message an error line shows, in characters: a hostile file
#: can make a key, and so a path, ten megabytes long.
MAX_PATH = 300
MAX_MESSAGE = 2_000


def print_problems(problems: Iterable[Problem], stream: TextIO | None = None) -> int:
    """Print each problem as an ``error:`` line; return how many there were.

    Long paths and messages are cut, keeping their start and end.
    """
    from foundation_engine.errors import Problem
    from foundation_engine.report.escaping import shorten

    count = 0
    for problem in problems:
        short = Problem(
            shorten(problem.message, MAX_MESSAGE),
            shorten(problem.path, MAX_PATH) if problem.path else problem.path,
            shorten(problem.source, MAX_PATH) if problem.source else problem.source,
            problem.line,
            problem.column,
        )
        print_error(str(short), stream)
        count += 1
    return count


class Verbosity(IntEnum):
    """How much a command says on stderr besides its errors (``--quiet``, ``--verbose``)."""

    QUIET = -1
    NORMAL = 0
    VERBOSE = 1


_verbosity = Verbosity.NORMAL


def set_verbosity(level: Verbosity) -> Verbosity:
    """Set how talkative notes are for the command about to run; return the previous level."""
    global _verbosity
    previous, _verbosity = _verbosity, level
    return previous


def verbosity() -> Verbosity:
    return _verbosity


def print_note(message: str, stream: TextIO | None = None, *, always: bool = False) -> None:
    """A note on stderr, unless ``--quiet``; `always` for what explains an exit code or an
    error (a ``fail:`` reason, an error's hint), which ``--quiet`` keeps."""
    if always or _verbosity > Verbosity.QUIET:
        print(_printable(message), file=stream or sys.stderr)


def print_detail(message: str, stream: TextIO | None = None) -> None:
    """A note only ``--verbose`` shows (which config, plugins and formats were used)."""
    if _verbosity >= Verbosity.VERBOSE:
        print(_printable(message), file=stream or sys.stderr)
