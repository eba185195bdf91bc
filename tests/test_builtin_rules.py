"""The built-in rule sets as a whole: complete, documented, conformant."""

from __future__ import annotations

import importlib
import re
from collections import Counter

import pytest

from foundation_engine.core.engine import Engine
from foundation_engine.rulebook.model import DOC_SECTIONS
from foundation_engine.testing.conformance import check_plugin_conformance

from .conftest import GENERIC

TECHNIQUES = {
    "purpose": "PUR",
    "communication": "COM",
    "metrics": "MET",
    "recognition": "REC",
    "improvement": "IMP",
    "urgency": "URG",
}
RULE_CODE = re.compile(r"^(PUR|COM|MET|REC|IMP|URG)\d{3}$")


def test_six_rule_sets_with_at_least_six_rules_each(engine: Engine) -> None:
    builtin = [r for r in engine.rules if r.plugin.startswith("foundation_engine.rules.")]
    counts = Counter(r.definition.technique for r in builtin)
    assert set(counts) == set(TECHNIQUES)
    assert all(n >= 6 for n in counts.values()), counts
    assert sum(counts.values()) >= 36
    for r in builtin:
        assert RULE_CODE.match(r.id), r.id
        assert r.id.startswith(TECHNIQUES[r.definition.technique]), r.id


def test_technique_weights_are_equal_by_default(engine: Engine) -> None:
    assert {t.weight for t in engine.techniques} == {1.0}


@pytest.mark.parametrize("technique", sorted(TECHNIQUES))
def test_rule_set_conforms(technique: str) -> None:
    module = importlib.import_module(f"foundation_engine.rules.{technique}")
    assert check_plugin_conformance(module, builtins=GENERIC) == []


def test_every_rule_documents_every_section_and_option(engine: Engine) -> None:
    for r in engine.rules:
        d = r.definition
        for section in DOC_SECTIONS:
            text = getattr(d.docs, section)
            assert len(text.split()) >= 5, f"{d.id}: docs.{section} is too thin: {text!r}"
        assert d.docs.references, d.id
        for name, option in d.options.items():
            assert option.source.strip(), f"{d.id}: option {name} has no source"


def test_each_rule_set_names_strengths_worth_celebrating(engine: Engine) -> None:
    with_strength = Counter(r.definition.technique for r in engine.rules if r.definition.strength)
    assert all(with_strength[t] >= 5 for t in TECHNIQUES), with_strength


def test_every_failing_rule_says_who_should_act(engine: Engine) -> None:
    for r in engine.rules:
        assert r.definition.owner.value in {"client", "provider", "both"}
        assert len(r.definition.recommendation.split()) >= 8, r.id
