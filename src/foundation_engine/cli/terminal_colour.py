"""Colour and emphasis for the text reports on a terminal.

Whether to colour follows the common conventions: ``NO_COLOR`` (any non-empty
value) turns colour off; otherwise ``FORCE_COLOR`` (non-empty, and not ``0``
or ``false``) turns it on even through a pipe; otherwise only a terminal that
is not ``TERM=dumb`` gets colour. A report written to a file (``-o FILE``) is
never coloured: it is a document, not a terminal session.

:func:`emphasise` works on a report that has already been escaped, so every
escape sequence in its result is one this module added: a state cannot inject
one. It recognises the report's structure by layout alone (headings are lines
at the left margin after a blank line; severity groups are the indented
capitalised severity names; a fix in the concise report has its severity at a
fixed column), which only the writer controls: every line whose text comes
from a state is indented or begins with a fixed label.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import TextIO

from foundation_engine.rulebook.severity import SEVERITY_NAMES

RESET = "\x1b[0m"
BOLD = "\x1b[1m"

SEVERITY_STYLES: dict[str, str] = {
    "critical": "\x1b[1;31m",  # bold red
    "high": "\x1b[31m",  # red
    "medium": "\x1b[33m",  # yellow
    "low": "\x1b[36m",  # cyan
    "info": "\x1b[2m",  # dim
}
"""The escape sequence each severity is shown in."""

_SEVERITY_GROUP = re.compile(
    r"^(?P<indent> +)(?P<name>" + "|".join(n.upper() for n in SEVERITY_NAMES) + r")$"
)
# A fix in the concise report: "  +7.1  critical  URG001 ..."; a wrapped line of a
# title is indented further, so a title cannot start one.
_FIX_SEVERITY = re.compile(
    r"^(?P<head> {2,4}\+\d+\.\d  )(?P<name>" + "|".join(SEVERITY_NAMES) + r")(?P<tail> )"
)


def colour_wanted(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether text printed to `stream` should be coloured (NO_COLOR, FORCE_COLOR, a tty)."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    force = env.get("FORCE_COLOR")
    if force and force.strip().lower() not in ("0", "false", "no"):
        return True
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def emphasise(text: str) -> str:
    """`text` (an escaped text report) with bold headings and severities in colour."""
    lines = text.split("\n")
    out: list[str] = []
    previous_blank = True
    for line in lines:
        group = _SEVERITY_GROUP.match(line)
        if group is not None:
            style = SEVERITY_STYLES[group["name"].lower()]
            line = f"{group['indent']}{style}{group['name']}{RESET}"
        elif previous_blank and line and not line[0].isspace():
            line = f"{BOLD}{line}{RESET}"
        else:
            line = _FIX_SEVERITY.sub(_severity_of_fix, line, count=1)
        out.append(line)
        previous_blank = not line.strip()
    return "\n".join(out)


def _severity_of_fix(match: re.Match[str]) -> str:
    name = match["name"]
    return f"{match['head']}{SEVERITY_STYLES[name]}{name}{RESET}{match['tail']}"
