"""Where each key of a TOML file is written, so a problem can name its line.

:mod:`tomllib` gives values without positions. :func:`key_lines` reads the
text once more, line by line, and records the line of every table header,
every key and every item of an array, by its path (``("rules", "COM001",
"options", "max_days")``, ``("ignore", 1)``, ``("waivers", 0, "rule")``).
It does not validate: the text has already been parsed by tomllib, and a
construct it does not follow (a key inside an inline table) simply takes the
line of the nearest enclosing key, through :func:`line_of`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence

from foundation_engine.files.toml_input import KEY_PART

Loc = tuple[str | int, ...]


def key_lines(text: str) -> dict[Loc, int]:
    """The 1-based line of each table, key and array item of a TOML document."""
    lines: dict[Loc, int] = {}
    arrays: dict[Loc, int] = {}  # how many [[tables]] of each path so far
    table: Loc = ()
    rows = text.splitlines()
    number = 0
    while number < len(rows):
        raw = rows[number]
        number += 1
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[["):
            parts = _key_parts(stripped[2 : stripped.find("]]")])
            index = arrays.get(parts, 0)
            arrays[parts] = index + 1
            table = (*parts, index)
            lines.setdefault(parts, number)
            lines[table] = number
            continue
        if stripped.startswith("["):
            table = _key_parts(stripped[1 : stripped.find("]")])
            lines.setdefault(table, number)
            continue
        key, equals, value = _split_assignment(raw)
        if not equals:
            continue
        path = (*table, *_key_parts(key))
        lines[path] = number
        value = value.lstrip()
        if value.startswith(("'''", '"""')):
            number = _skip_multiline_string(rows, number, value)
        elif value.startswith("["):
            number = _array_items(rows, number, value, path, lines)
    return lines


def line_of(lines: Mapping[Loc, int], loc: Sequence[str | int]) -> int | None:
    """The line of `loc`, or of its nearest enclosing key that has one."""
    path = tuple(loc)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


def _split_assignment(raw: str) -> tuple[str, bool, str]:
    """``key``, whether there was an ``=`` outside quotes, and the value text."""
    quote = ""
    for at, char in enumerate(raw):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "=":
            return raw[:at], True, raw[at + 1 :]
        elif char == "#":
            break
    return raw, False, ""


def _key_parts(key: str) -> Loc:
    """``a."b.c".d`` as ``("a", "b.c", "d")``: the parts :data:`KEY_PART` finds, unquoted."""
    return tuple(_unquoted(part) for part in KEY_PART.findall(key))


def _unquoted(part: str) -> str:
    if part.startswith("'"):
        return part[1:-1]
    if part.startswith('"'):  # a basic string may hold escapes: tomllib reads them
        return str(tomllib.loads(f"k = {part}")["k"])
    return part


def _skip_multiline_string(rows: Sequence[str], number: int, value: str) -> int:
    fence = value[:3]
    if value.count(fence) >= 2:
        return number
    while number < len(rows):
        number += 1
        if fence in rows[number - 1]:
            break
    return number


def _array_items(
    rows: Sequence[str], number: int, value: str, path: Loc, lines: dict[Loc, int]
) -> int:
    """Record the line of each top-level item of the array starting in `value`."""
    depth = 0
    index = 0
    expecting = False  # after "[" or ",": the next value starts an item
    text = value
    while True:
        quote = ""
        for char in text:
            if quote:
                if char == quote:
                    quote = ""
                continue
            if char == "#":
                break
            if char in " \t":
                continue
            if expecting and char != "]":
                lines[(*path, index)] = number
                expecting = False
            if char in "\"'":
                quote = char
            elif char in "[{":
                depth += 1
                if depth == 1:
                    expecting = True
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return number
            elif char == "," and depth == 1:
                index += 1
                expecting = True
        if number >= len(rows):
            return number
        text = rows[number]
        number += 1
