"""Where a command's output goes: standard output, or a file written atomically."""

from __future__ import annotations

import sys

from foundation_engine.files.atomic import write_atomically


def emit(text: str, output: str | None) -> None:
    """Print `text`, or write it to `output` atomically (``-`` also means stdout)."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomically(output, text.encode("utf-8"))
