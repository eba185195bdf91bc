"""Declarative rule files: the meta-schema, errors that name the file and field, loading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli_w

from foundation_engine.errors import RuleDefinitionError
from foundation_engine.rulebook.loading import load_rules, parse_rule
from foundation_engine.rulebook.model import RuleDefinition
from tests.conftest import ROOT
from tests.rulekit import rule


def parse(document: dict[str, Any], source: str = "rules/TST001.toml") -> RuleDefinition:
    return parse_rule(tomli_w.dumps(document).encode(), source)


def test_a_complete_rule_parses() -> None:
    definition = parse(rule("TST001", "count", {"collection": "/metrics"}, {"min": 3}))
    assert definition.id == "TST001"
    assert definition.prefix == "TST"
    assert definition.option_defaults() == {"min": 3}


def test_missing_field_names_file_and_field() -> None:
    document = rule("TST001", "count")
    del document["severity"]
    with pytest.raises(RuleDefinitionError) as caught:
        parse(document, "pack/TST001.toml")
    (problem,) = caught.value.problems
    assert problem.source == "pack/TST001.toml"
    assert "'severity' is required" in problem.message


def test_bad_values_are_each_reported_with_their_path() -> None:
    document = rule("tst-1", "count", severity="urgent")
    document["docs"] = {**document["docs"], "why": ""}
    with pytest.raises(RuleDefinitionError) as caught:
        parse(document)
    paths = sorted(str(p.path) for p in caught.value.problems)
    assert paths == ["$.docs.why", "$.id", "$.severity"]


def test_unknown_key_is_refused() -> None:
    document = rule("TST001", "count")
    document["run"] = "import os"
    with pytest.raises(RuleDefinitionError, match="'run' was unexpected"):
        parse(document)


def test_missing_doc_section_is_refused() -> None:
    document = rule("TST001", "count")
    del document["docs"]["limitations"]
    with pytest.raises(RuleDefinitionError) as caught:
        parse(document)
    assert caught.value.problems[0].path == "$.docs"


def test_graded_scoring_needs_a_direction_and_both_control_points() -> None:
    with pytest.raises(RuleDefinitionError, match="graded scoring needs 'better'"):
        parse(rule("TST001", "count", scoring={"method": "graded", "good": 1, "poor": 0}))
    with pytest.raises(RuleDefinitionError, match="exactly one of 'poor', 'poor_option'"):
        parse(rule("TST001", "count", scoring={"method": "graded", "better": "higher", "good": 1}))


@pytest.mark.parametrize(
    ("better", "relative", "expected"),
    [
        ("lower", {"poor_times": 0.5}, "above 1 when lower is better"),
        ("higher", {"poor_plus": 2}, "negative when higher is better"),
    ],
)
def test_a_relative_poor_point_must_lie_on_the_worse_side(
    better: str, relative: dict[str, float], expected: str
) -> None:
    scoring = {"method": "graded", "better": better, "good": 1, **relative}
    with pytest.raises(RuleDefinitionError, match=expected):
        parse(rule("TST001", "count", scoring=scoring))


def test_scoring_option_must_exist() -> None:
    scoring = {"method": "graded", "better": "lower", "good_option": "limit", "poor": 3}
    with pytest.raises(RuleDefinitionError, match="option 'limit'"):
        parse(rule("TST001", "count", scoring=scoring))


def test_severity_bands_only_soften_and_never_grow_harsher_with_the_score() -> None:
    def bands(*pairs: tuple[float, str]) -> dict[str, object]:
        return {
            "method": "graded",
            "better": "lower",
            "good": 0,
            "poor": 4,
            "severity_bands": [{"min_score": m, "severity": s} for m, s in pairs],
        }

    with pytest.raises(RuleDefinitionError, match="more severe than the rule"):
        parse(rule("TST001", "count", severity="medium", scoring=bands((0.5, "high"))))
    with pytest.raises(RuleDefinitionError, match="must not grow more severe"):
        parse(
            rule("TST001", "count", severity="high", scoring=bands((0.3, "low"), (0.6, "medium")))
        )


def test_an_option_cannot_also_be_a_fixed_param() -> None:
    with pytest.raises(RuleDefinitionError, match="both"):
        parse(rule("TST001", "count", {"min": 1}, {"min": 2}))


def test_invalid_toml_names_the_file() -> None:
    with pytest.raises(RuleDefinitionError) as caught:
        parse_rule(b"id = \n", "broken.toml")
    assert caught.value.problems[0].source == "broken.toml"
    assert "invalid TOML" in caught.value.problems[0].message


def test_oversized_rule_file_is_refused_unread() -> None:
    with pytest.raises(RuleDefinitionError, match="limit"):
        parse_rule(b"#" * 300_000, "huge.toml")


def test_loading_a_folder_collects_every_problem(tmp_path: Path) -> None:
    (tmp_path / "TST001.toml").write_text(tomli_w.dumps(rule("TST001", "count")))
    (tmp_path / "TST002.toml").write_text("not = [valid")
    bad = rule("TST003", "count")
    del bad["title"]
    (tmp_path / "TST003.toml").write_text(tomli_w.dumps(bad))
    with pytest.raises(RuleDefinitionError) as caught:
        load_rules(tmp_path, "test")
    sources = sorted(Path(p.source).name for p in caught.value.problems if p.source)
    assert sources == ["TST002.toml", "TST003.toml"]


def test_every_builtin_rule_file_is_valid() -> None:
    folder = ROOT / "rules"
    loaded = load_rules(folder, "builtin")
    assert loaded, "no built-in rules found"
    for item in loaded:
        assert Path(item.source).stem == item.definition.id, item.source
        assert Path(item.source).parent.name == item.definition.technique, item.source
