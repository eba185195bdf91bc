"""Escaping text that came from a state or a rule pack, for every output the engine writes.

:func:`escape_unsafe` is the one place that decides which characters never
reach an output raw: C0 and C1 control characters and DEL (a terminal runs
``ESC [2J``, ``OSC 52`` writes the clipboard, ``OSC 8`` makes links), the
bidirectional controls that reorder what is shown ("Trojan Source",
CVE-2021-42574), invisible formatting characters (zero-width spaces and
joiners, the word joiner, the byte-order mark, the soft hyphen, tag
characters U+E0000..U+E007F that hide text inside a name), line and paragraph
separators, and the invisible Hangul fillers, which make one name look like
another. They become visible escapes: ``\\x1b``, ``\\u202e``, ``\\U000e0041``
in text, and the same ``\\u`` escapes in JSON, where they keep the value and
drop only the raw character. Tab and line feed are kept where the format
allows them (a multi-line document); nothing else is.

:func:`md_text` makes a value inert Markdown text as well.
"""

from __future__ import annotations

import re
from typing import Literal

#: Characters of Unicode categories Cc, Cf, Zl and Zp (Unicode 14, Python 3.11), the
#: whole tag block, and invisible fillers that make names look alike (U+034F, U+115F,
#: U+1160, U+17B4, U+17B5, U+180B..U+180F, U+3164, U+FFA0).
#: ``tests/reliability/test_output_escaping.py`` derives the categories from
#: :mod:`unicodedata` and checks every such character is here.
UNSAFE_CHARACTERS = (
    "\x00-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2"
    "\u115f-\u1160\u17b4-\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
_REST = UNSAFE_CHARACTERS.removeprefix("\x00-\x1f")
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
_UNSAFE_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f{_REST}]")  # tab and line feed kept
_UNSAFE_BUT_LAYOUT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_REST}]")  # and CR
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _text_escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a surrogate pair, as JSON writes characters past the first plane
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def escape_unsafe(text: object, style: Literal["line", "lines", "cells", "json"] = "line") -> str:
    """`text` with every unsafe character (see :data:`UNSAFE_CHARACTERS`) made a visible escape.

    ``line``: one line for a terminal, a log or a table cell; tab, line feed and
    carriage return become ``\\t``, ``\\n`` and ``\\r`` too. ``lines``: a
    document of several lines; tab and line feed stay as they are. ``cells``:
    CSV, whose quoted cells may hold tab, line feed and carriage return.
    ``json``: JSON text, where every character that may appear raw inside a
    string is written as a ``\\u`` escape (the value is unchanged) and the tab,
    line feed and carriage return of the layout stay.
    """
    value = str(text)
    if style == "json":
        return _UNSAFE_BUT_LAYOUT.sub(_json_escape, value)
    pattern = {"line": _UNSAFE, "lines": _UNSAFE_BUT_LINES, "cells": _UNSAFE_BUT_LAYOUT}[style]
    return pattern.sub(_text_escape, value)


def shorten(text: str, most: int) -> str:
    """`text` cut to about `most` characters, keeping its start and its end.

    A hostile file can make a key, and so a JSON path, ten megabytes long; an
    error line shows enough of it to find it.
    """
    if len(text) <= most:
        return text
    tail = most // 4
    left_out = len(text) - most
    return f"{text[: most - tail]}...[{left_out:,} characters]...{text[-tail:]}"


# Characters with inline meaning in CommonMark or GitHub Flavored Markdown.
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What would open a block if it began a line or a list item.
_BLOCK_START = re.compile(r"^(#|>|=|[-+](?=\s|$)|(\d+)([.)])(?=\s|$))")


# GitHub Flavored Markdown links bare text (its autolink extension) in three forms: a
# scheme followed by ://, www. after a delimiter, and an email address (after the other
# escapes are resolved, so only a code span keeps one from becoming a link).
_SCHEME = re.compile(r"(?<=[A-Za-z0-9])://")
_WWW = re.compile(r"(?<![A-Za-z0-9])(www)\.", re.IGNORECASE)
# Possessive runs that start only where a run starts keep the search linear in the length
# of the text, however hostile.
_EMAIL = re.compile(r"(?<![A-Za-z0-9.+_-])[A-Za-z0-9.+_-]++@[A-Za-z0-9_-]++(?:\.[A-Za-z0-9_-]++)++")


def _inert_inline(text: str) -> str:
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _SCHEME.sub(r"\\://", text)
    return _WWW.sub(r"\1\\.", text)


def md_text(value: object) -> str:
    """`value` as inert Markdown text: one line, metacharacters escaped.

    ``<`` and ``>`` become entities (inert everywhere outside code), the other
    inline metacharacters get a backslash, an ``&`` that would start an
    entity becomes ``&amp;``, and a leading ``#``, ``>``, ``-``, ``+``, ``=``
    or ``1.`` is escaped so the value cannot open a heading, quote or list.
    A bare web address from a state does not become a link where a renderer
    links bare text (GitHub's): the colon of ``://`` and the dot of ``www.``
    get a backslash, which shows them as they are, and an email address is
    shown as code. Invisible and bidirectional characters that survive
    :func:`plain` are made visible escapes.
    """
    from foundation_engine.report.view import plain

    text = escape_unsafe(plain(value))
    pieces: list[str] = []
    at = 0
    for email in _EMAIL.finditer(text):
        # The address holds no backtick, pipe or space, so a one-backtick code span
        # shows it exactly, in a table cell too.
        pieces += [_inert_inline(text[at : email.start()]), f"`{email.group()}`"]
        at = email.end()
    pieces.append(_inert_inline(text[at:]))
    text = "".join(pieces)

    def block(match: re.Match[str]) -> str:
        if match.group(2):
            return f"{match.group(2)}\\{match.group(3)}"
        return "\\" + match.group(1)

    return _BLOCK_START.sub(block, text)
