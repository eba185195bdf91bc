"""Evidence names told for many pointers into one state share the way, never the answer."""

from __future__ import annotations

import random
from typing import Any

import pytest
from bench.states import build_state

from foundation_engine.state.evidence import EvidenceNames, describe_evidence
from foundation_engine.state.model import PartnershipState
from foundation_engine.state.validation import validate_state


def _pointers(node: Any, at: str = "") -> list[str]:
    """Every pointer into a JSON document, sections and fields included."""
    found = [at]
    if isinstance(node, dict):
        for key, value in node.items():
            escaped = str(key).replace("~", "~0").replace("/", "~1")
            found += _pointers(value, f"{at}/{escaped}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _pointers(value, f"{at}/{index}")
    return found


@pytest.mark.parametrize(("size", "seed"), [("small", 0), ("typical", 7), ("typical", 2026)])
def test_one_namer_for_many_pointers_names_each_as_a_fresh_one_would(size: str, seed: int) -> None:
    document = build_state(size, seed)
    state: PartnershipState = validate_state(document)
    pointers = _pointers(document)
    # Pointers that lead nowhere, or past an empty field, share prefixes with real ones.
    pointers += [p + "/99999" for p in pointers[::7]] + [p + "/x/0" for p in pointers[::11]]
    pointers += ["communications", "/", "/extensions", "/extensions/sla", "/metrics/007"]
    random.Random(seed).shuffle(pointers)
    names = EvidenceNames(state)
    told = [names.name(p) for p in pointers]
    assert told == [EvidenceNames(state).name(p) for p in pointers]
    assert told == [describe_evidence(state, p) for p in pointers]
    assert [names.name(p) for p in reversed(pointers)] == told[::-1]


def test_a_pointer_past_an_empty_field_or_off_a_list_is_given_back_as_it_is() -> None:
    state = validate_state(build_state("small", 0))
    names = EvidenceNames(state)
    count = len(state.communications or [])
    assert names.name(f"/communications/{count}") == f"/communications/{count}"
    assert names.name("/communications/0") != "/communications/0"
    assert names.name("/communications/0/nowhere") == "/communications/0/nowhere"
    assert names.name("/communications") == "the communications"
    assert names.name("") == "the partnership state"
