"""The quick screen for repeated JSON keys never clears a document that repeats one.

``_no_repeated_keys`` (jiter's duplicate-key check) lets ``load_json`` skip the
full repeated-key search for most states; if it ever answered True for a
document with a repeated key, that key would be silently dropped. Documents
here mix what could fool a screen: colons inside keys and values, escaped
quotes, ``\\u`` escapes that spell a key another way, and whitespace before
colons.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from foundation_engine.formats.json_state import _no_repeated_keys, duplicate_key_problems

KEYS = ["a", "b", "a:b", ":", "x y", "\u00e9", "\\u0061", 'a\\"', '\\"', "", " :"]
VALUES = ['"v"', '"a: b"', '":-)"', '"x \\": y"', '"\\u003a"', "1", "2.5", "true", "null", '" : "']
SPACE = st.sampled_from(["", "", "", " ", "\n", "\t", "\r\n "])


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    pairs = []
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=5)):
        if depth < 3 and draw(st.booleans()):
            value = draw(documents(depth + 1))
        else:
            value = draw(st.sampled_from(VALUES))
        pairs.append(f'{draw(SPACE)}"{key}"{draw(SPACE)}:{draw(SPACE)}{value}{draw(SPACE)}')
    return "{" + ",".join(pairs) + "}"


def _repeats(text: str) -> bool:
    found: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found.append(len(dict(items)) != len(items))
        return dict(items)

    json.loads(text, object_pairs_hook=pairs)
    return any(found)


@settings(max_examples=500, deadline=None)
@given(documents(), st.booleans())
def test_screen_never_clears_a_repeated_key(text: str, as_bytes: bool) -> None:
    data = text.encode() if as_bytes else text
    repeats = _repeats(text)
    if repeats:
        assert not _no_repeated_keys(data)
    assert bool(duplicate_key_problems(data)) == repeats


def test_whitespace_before_a_colon_and_colons_in_values_cannot_hide_a_repeat() -> None:
    # A key written with a space before its colon is missed by a count of '":',
    # and a value holding '":' adds one: the two must not cancel out.
    data = b'{"a" :1,"b":"x\\":","a":2}'
    assert not _no_repeated_keys(data)
    assert duplicate_key_problems(data)


def test_a_plain_document_is_cleared() -> None:
    assert _no_repeated_keys(b'{"a": 1, "b": {"a": "note: agenda"}, "c": [{"a": 1}, {"a": 2}]}')


def test_a_key_spelled_with_an_escape_is_a_repeat() -> None:
    data = b'{"ab": 1, "a\\u0062": 2}'
    assert not _no_repeated_keys(data)
    assert duplicate_key_problems(data)


def test_documents_jiter_refuses_still_get_the_full_search() -> None:
    # Nesting deeper than jiter goes (the standard library goes deeper): the screen
    # declines, and the full search still finds the repeat after the deep list.
    data = b'{"b": ' + b"[" * 300 + b"]" * 300 + b', "a": 1, "a": 2}'
    assert not _no_repeated_keys(data)
    assert duplicate_key_problems(data)
