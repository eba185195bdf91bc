"""Telling a TOML state from a JSON one by its first bytes, for standard input.

A file says what it is by its suffix; ``-`` does not. A state in JSON is an
object, so it starts with ``{``; a TOML state starts with a comment, a
``key =`` line or a ``[table]`` header. Anything else (a JSON array, a bare
value, binary) is ambiguous, and the command asks for ``--input-format``.
"""

from __future__ import annotations

import re

from foundation_engine.cli.diagnostics import CommandError

#: How much of the start of the input is looked at.
SNIFF_BYTES = 4096

_TOML_KEY = re.compile(rb'^(?:[A-Za-z0-9_-]+|"[^"\n]*"|\'[^\'\n]*\')\s*(?:\.|=)')
_TOML_TABLE = re.compile(rb'^\[\[?\s*(?:[A-Za-z0-9_-]+|"[^"\n]*"|\'[^\'\n]*\')\s*[.\]]')


def sniff_state_format(data: bytes) -> str | None:
    """``"json"`` or ``"toml"`` from the first non-blank bytes of `data`; None if unsure."""
    head = data[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{"):
        return "json"
    if head.startswith(b"#") or _TOML_KEY.match(head) or _TOML_TABLE.match(head):
        return "toml"
    return None


def state_format_of_stdin(data: bytes) -> str:
    """The format of a state read from standard input, or a :class:`CommandError` saying
    to name it."""
    found = sniff_state_format(data)
    if found is not None:
        return found
    what = "is empty" if not data.strip() else "starts like neither a JSON object nor TOML"
    raise CommandError(
        f"<stdin>: cannot tell whether the state is TOML or JSON: standard input {what}",
        hint="name the format with --input-format toml or --input-format json",
    )
