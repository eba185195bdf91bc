"""The state format is documented: every schema property described, the reference current."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from foundation_engine.state.labels import VALUES
from foundation_engine.state.model import PartnershipState
from foundation_engine.state.validation import validate_state
from tests.scripts import load_script

from ..conftest import ROOT

SCHEMA = ROOT / "schemas" / "state.schema.json"
REFERENCE = ROOT / "docs" / "state-format.md"


def properties(node: Any, where: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}.{name}", prop
        for key, child in node.items():
            yield from properties(child, f"{where}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from properties(child, f"{where}[{index}]")


def test_every_property_of_the_state_schema_has_a_description() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    found = list(properties(schema))
    assert len(found) > 130
    undescribed = [where for where, prop in found if not prop.get("description")]
    assert undescribed == []


def test_the_state_format_reference_is_up_to_date() -> None:
    module = load_script(ROOT / "scripts" / "generate_state_docs.py")
    assert REFERENCE.read_text(encoding="utf-8") == module.state_format_markdown(), (
        "docs/state-format.md is out of date: run python scripts/generate_state_docs.py"
    )


def models() -> Iterator[type[Any]]:
    seen: list[type[Any]] = []
    stack: list[type[Any]] = [PartnershipState]
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.append(model)
        yield model
        for info in model.model_fields.values():
            for inner in re.findall(
                r"foundation_engine\.state\.model\.(\w+)", str(info.annotation)
            ):
                import foundation_engine.state.model as m

                found = getattr(m, inner)
                if isinstance(found, type) and issubclass(found, BaseModel):
                    stack.append(found)  # a model, not an annotation's helper


def test_the_reference_lists_every_field_and_every_allowed_value() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    for model in models():
        for name in model.model_fields:
            assert f"| `{name}` |" in text, f"{model.__name__}.{name}"
    for enum, values in VALUES.items():
        if enum.__name__ != "Phase":
            assert f"### {enum.__name__}\n" in text
            for value in values:
                assert f"| `{value}` |" in text, f"{enum.__name__}.{value}"


def test_the_smallest_state_in_the_reference_validates() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block is not None
    state = validate_state(tomllib.loads(block[1]))
    assert state.communications is not None and len(state.communications) == 1


def test_the_reference_examples_are_valid_records() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    examples = re.findall(r"```json\n(.*?)```", text, re.S)
    assert len(examples) > 15
    for example in examples:
        assert isinstance(json.loads(example), dict)
