"""Where a command's output goes: standard output, or a file written atomically.

Every writer escapes what came from a state or a rule pack; :func:`emit`
makes sure once more, for writers of any format (a plugin's too), that no raw
control, bidirectional or invisible character reaches the terminal or the
file: what is left is written as a ``\\u`` escape, valid text in every format
and the same value in JSON.
"""

from __future__ import annotations

import sys

from foundation_engine.files.atomic import write_atomically


def emit(text: str, output: str | None) -> None:
    """Print `text`, or write it to `output` atomically (``-`` also means stdout)."""
    from foundation_engine.report.escaping import escape_unsafe

    text = escape_unsafe(text, "json")
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomically(output, text.encode("utf-8"))
