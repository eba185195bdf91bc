from __future__ import annotations

import io
import json

import pytest

from foundation_engine.batch import jsonarray
from foundation_engine.batch.jsonarray import read_array


def _read(data: bytes, max_bytes: int = 10_000) -> list[tuple[int, int, bytes | None, str | None]]:
    return [(e.index, e.line, e.data, e.kind) for e in read_array(io.BytesIO(data), max_bytes)]


TRICKY = (
    b'\xef\xbb\xbf \n [ {"a": "x,]\\"}", "b": "\\\\"},\n'
    b'  {"n": [1, 2, {"c": [3]}]} , 3 ,"s\\\\" ,\n null ]\n'
)
EXPECTED = [
    (0, 2, b'{"a": "x,]\\"}", "b": "\\\\"}', None),
    (1, 3, b'{"n": [1, 2, {"c": [3]}]}', None),
    (2, 3, b"3", None),
    (3, 3, b'"s\\\\"', None),
    (4, 4, b"null", None),
]


def test_elements_are_split_at_top_level_commas_only() -> None:
    assert _read(TRICKY) == EXPECTED
    assert [json.loads(data) for _, _, data, _ in EXPECTED if data] == json.loads(TRICKY[3:])


@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_chunk_boundaries_do_not_matter(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(jsonarray, "CHUNK_BYTES", chunk)
    assert _read(TRICKY) == EXPECTED


def test_empty_array_has_no_elements() -> None:
    assert _read(b"  [ \n ]  \n") == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"[1,,2]", [(0, 1, b"1", None), (1, 1, None, "parse")]),
        (b"[1,2,]", [(0, 1, b"1", None), (1, 1, b"2", None), (2, 1, None, "parse")]),
        (b"[1]\n x", [(0, 1, b"1", None), (1, 2, None, "parse")]),
        (b"[1,\n2", [(0, 1, b"1", None), (1, 1, None, "parse")]),
        (b'{"a": 1}', [(0, 1, None, "parse")]),
        (b"", [(0, 1, None, "parse")]),
    ],
)
def test_broken_array_syntax_ends_with_one_problem(
    data: bytes, expected: list[tuple[int, int, bytes | None, str | None]]
) -> None:
    assert _read(data) == expected


def test_an_oversized_element_is_skipped_and_reported() -> None:
    data = b'[{"big": "' + b"x" * 500 + b'"},\n{"small": 1}]'
    assert _read(data, max_bytes=100) == [(0, 1, None, "limit"), (1, 2, b'{"small": 1}', None)]
