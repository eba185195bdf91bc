"""TOML someone else wrote, screened before :mod:`tomllib` parses it.

:func:`loads` is :func:`tomllib.loads` for text that may be hostile: states,
rule files and configurations all go through it. tomllib handles a dotted key
(``a.b.c = 1``, or a table header ``[a.b.c]``) in time and memory that grow
with the square of its parts (it builds every prefix of the key): a key of
40,000 parts, 80 KB of text, takes 2.4 GB. No real state, rule or
configuration needs more than a dozen parts, so a key of more than
:data:`MAX_KEY_PARTS` is refused before tomllib runs, as a
:class:`tomllib.TOMLDecodeError` with its line and column, so every caller
reports it the way it reports any other TOML syntax error.

The screen is a single regular-expression pass, linear in the text. It does
not parse TOML, so it also counts dotted runs inside strings; a string value
would need more than :data:`MAX_KEY_PARTS` dot-separated words with no spaces
(``a.b.c...``) to be refused by mistake.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

#: The most parts a dotted key or table header may have.
MAX_KEY_PARTS = 32

_PART = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
KEY_PART = re.compile(_PART)
"""One part of a TOML key: bare, a basic string (with escapes) or a literal string."""
#: A dotted run: parts joined by dots, as long as it goes (possessive, so linear).
_RUN = re.compile(rf"{_PART}(?>[ \t]*+\.[ \t]*+{_PART})*+")
#: A line holding at least MAX_KEY_PARTS dots: a key cannot span lines.
_DOTTED_LINE = re.compile(rf"^(?:[^.\n]*+\.){{{MAX_KEY_PARTS}}}[^\n]*+", re.MULTILINE)


def long_key_position(text: str) -> tuple[int, int] | None:
    """``(line, column)`` of the first dotted key with more than MAX_KEY_PARTS parts.

    Only lines with that many dots are looked at, and each of those is read
    once, run by run.
    """
    if text.count(".") < MAX_KEY_PARTS:
        return None
    for line in _DOTTED_LINE.finditer(text):
        for run in _RUN.finditer(line.group()):
            found = run.group()
            if found.count(".") >= MAX_KEY_PARTS and len(KEY_PART.findall(found)) > (MAX_KEY_PARTS):
                start = line.start() + run.start()
                number = text.count("\n", 0, start) + 1
                column = start - (text.rfind("\n", 0, start) + 1) + 1
                return number, column
    return None


def loads(text: str) -> dict[str, Any]:
    """Parse TOML `text` as :func:`tomllib.loads` does, refusing over-long dotted keys first.

    Raises :class:`tomllib.TOMLDecodeError` for a key of more than
    :data:`MAX_KEY_PARTS` parts, and whatever tomllib raises otherwise
    (``TOMLDecodeError``, ``RecursionError`` for deep nesting, ``ValueError``
    for an integer of thousands of digits).
    """
    position = long_key_position(text)
    if position is not None:
        line, column = position
        raise tomllib.TOMLDecodeError(
            f"a dotted key has more than {MAX_KEY_PARTS} parts; expected a shorter key "
            f"(at line {line}, column {column})"
        )
    return tomllib.loads(text)
