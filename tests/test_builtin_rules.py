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

#: The six techniques of the assessment; their prefixes come from the plugins that
#: register them (one table, read here rather than copied).
TECHNIQUES = ("purpose", "communication", "metrics", "recognition", "improvement", "urgency")


def test_each_technique_has_rules_under_its_own_prefix(engine: Engine) -> None:
    builtin = [r for r in engine.rules if r.plugin.startswith("foundation_engine.rules.")]
    counts = Counter(r.definition.technique for r in builtin)
    assert sorted(counts) == sorted(TECHNIQUES)
    for r in builtin:
        prefix = engine.registry.techniques[r.definition.technique].prefix
        assert re.fullmatch(rf"{prefix}\d{{3}}", r.id), r.id


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


def test_every_recommendation_says_enough_to_act_on(engine: Engine) -> None:
    for r in engine.rules:
        assert len(r.definition.recommendation.split()) >= 8, r.id
