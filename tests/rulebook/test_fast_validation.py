"""The quick way of reading a valid rule file accepts only what the meta-schema accepts.

Reading a rule file first tries strict pydantic validation of the document as
JSON and falls back to the meta-schema (jsonschema) only when that refuses.
The quick path must never let through a document the meta-schema or the
model refuses, and what it builds must equal what the full path builds. These
tests mutate the built-in rule files at random and compare the two paths.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from foundation_engine.rulebook import loading
from foundation_engine.rulebook.model import RuleDefinition
from tests.conftest import ROOT

RULE_FILES = sorted((ROOT / "rules").rglob("*.toml"))
DOCUMENTS = [tomllib.loads(path.read_text("utf-8")) for path in RULE_FILES]

Path_ = tuple[str | int, ...]


def _paths(value: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every place in a document a value sits, the document itself first."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _values_in(value: Any) -> list[Any]:
    """Every value a document holds, to reuse elsewhere (plausible but misplaced)."""
    found = [value]
    if isinstance(value, dict):
        for child in value.values():
            found += _values_in(child)
    elif isinstance(value, list):
        for child in value:
            found += _values_in(child)
    return found


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(
        [
            "",
            "x",
            "COM001",
            "com001",
            "XYZ9999",
            "communication",
            "purpose",
            "nonsense",
            "1.0",
            "0.1",
            "v1",
            "touchpoint_gap",
            "present",
            "Bad Name",
            "high",
            "critical",
            "client",
            "provider",
            "both",
            "higher",
            "lower",
            "/meetings",
            "meetings",
            "10",
            "true",
        ]
    ),
    st.text(max_size=8),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(
        st.sampled_from(["a", "id", "name", "weight", "max_days"]), SCALARS, max_size=2
    ),
)


def _confused(value: Any, how: int) -> Any:
    """The same value in a type a lenient reader would still accept: "10" for 10, 1 for True.

    Only what TOML can write (no tuples, no bytes), so a difference is the loader's.
    """
    if isinstance(value, bool):
        return [int(value), str(value).lower(), str(int(value)), float(value), None][how]
    if isinstance(value, int | float):
        return [str(value), float(value), int(value), [value], value > 0][how]
    if isinstance(value, str):
        # A trailing newline and non-ASCII digits are where regular expression
        # engines disagree: Python's ``$`` matches before a final newline.
        unicode_digits = value.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        return [f"{value}\n", unicode_digits, [value], value * 2, value.upper()][how]
    if isinstance(value, list) and value:
        return [value[0], value + value, value[:0], {"0": value[0]}, [value]][how]
    if isinstance(value, dict):
        return [
            [list(item) for item in value.items()],
            list(value),
            {},
            None,
            {**value, "extra": 1},
        ][how]
    return value


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    document: dict[str, Any] = copy.deepcopy(draw(st.sampled_from(DOCUMENTS)))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(document)
        path = draw(st.sampled_from(paths[1:] or paths))
        parent: Any = document
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1] if path else None
        action = draw(st.sampled_from(["confuse", "replace", "reuse", "delete", "add"]))
        if action == "confuse" and path:
            parent[last] = _confused(parent[last], draw(st.integers(min_value=0, max_value=4)))
        elif action == "replace":
            parent[last] = draw(VALUES)
        elif action == "reuse":
            parent[last] = copy.deepcopy(draw(st.sampled_from(_values_in(document))))
        elif action == "delete" and isinstance(parent, dict):
            del parent[last]
        elif action == "delete" and isinstance(parent, list) and isinstance(last, int):
            parent.pop(last)
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "id", "params", "doc", "weight"]))] = draw(VALUES)
    return document


def _full_path(document: dict[str, Any]) -> Any:
    """What the meta-schema and then the model make of a document: a rule, or None."""
    if any(True for _ in loading._meta_validator().iter_errors(document)):
        return None
    try:
        return RuleDefinition.model_validate(document)
    except ValidationError:
        return None


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_builtin_rule_file_takes_the_quick_path(path: Path) -> None:
    document = tomllib.loads(path.read_text("utf-8"))
    quick = loading._valid_definition(document)
    assert quick is not None, f"{path.name} falls back to the meta-schema"
    assert quick == _full_path(document)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=mutated_documents())
def test_the_quick_path_accepts_nothing_the_full_path_refuses(document: dict[str, Any]) -> None:
    quick = loading._valid_definition(document)
    if quick is not None:
        full = _full_path(document)
        assert full is not None, "the quick path accepted a document the meta-schema refuses"
        assert quick == full


def test_the_mutations_reach_both_outcomes() -> None:
    """A differential test is only as good as its inputs: some mutants must be refused."""
    accepted = refused = 0

    @settings(max_examples=200, deadline=None, database=None)
    @given(document=mutated_documents())
    def count(document: dict[str, Any]) -> None:
        nonlocal accepted, refused
        if loading._valid_definition(document) is None:
            refused += 1
        else:
            accepted += 1

    count()
    assert accepted > 0 and refused > 0, (accepted, refused)
