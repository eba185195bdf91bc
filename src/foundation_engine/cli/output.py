"""Where a command's output goes: standard output, or a file written atomically.

Every writer escapes what came from a state or a rule pack; :func:`emit`
makes sure once more, for writers of any format (a plugin's too), that no raw
control, bidirectional or invisible character reaches the terminal or the
file: what is left is written as a ``\\u`` escape, valid text in every format
and the same value in JSON.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from foundation_engine.files.atomic import write_atomically


def to_stdout(output: str | None) -> bool:
    """Whether an output option means standard output: not given, or ``-``."""
    return output is None or output == "-"


def emit(text: str, output: str | None, *, decorate: Callable[[str], str] | None = None) -> None:
    """Print `text`, or write it to `output` atomically (``-`` also means stdout).

    `decorate` (colour for a terminal) is applied to what is printed, after the
    escaping, so the only control sequences in the output are its own; a file
    is never decorated.
    """
    from foundation_engine.report.escaping import escape_unsafe

    text = escape_unsafe(text, "json")
    if output is None or output == "-":
        if decorate is not None:
            text = decorate(text)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomically(output, text.encode("utf-8"))
