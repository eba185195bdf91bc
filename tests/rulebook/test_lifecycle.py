"""A rule's lifecycle decides when it runs: preview on request, deprecated only by name."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from foundation_engine.cli import catalog
from foundation_engine.core.config import EngineConfig
from foundation_engine.errors import RuleDefinitionError
from foundation_engine.testing import StateBuilder, check_plugin_conformance, plugin_engine
from tests.rulekit import RuleFolder, rule

from ..conftest import GENERIC

PATH = {"path": "/partnership/name"}


def pack(tmp_path: Path) -> RuleFolder:
    return RuleFolder(
        tmp_path / "rules",
        [
            rule("TST001", "present", PATH, name="name-recorded"),
            rule(
                "TST002",
                "present",
                PATH,
                name="old-name-check",
                lifecycle="deprecated",
                replaced_by="TST001",
            ),
            rule("TST003", "present", PATH, name="retired-check", lifecycle="deprecated"),
            rule("TST004", "present", PATH, name="new-check", lifecycle="preview"),
        ],
    )


def run(tmp_path: Path, **config: object) -> tuple[list[str], list[str]]:
    engine = plugin_engine(pack(tmp_path), config=EngineConfig.model_validate(config))
    report = engine.assess(StateBuilder().build())
    return [f.rule_id for f in report.findings], report.warnings


def test_all_selects_neither_deprecated_nor_preview_rules(tmp_path: Path) -> None:
    assert run(tmp_path) == (["TST001"], [])


def test_a_prefix_does_not_select_a_deprecated_rule(tmp_path: Path) -> None:
    ids, warnings = run(tmp_path, select=["TST"], include_preview=True)
    assert ids == ["TST001", "TST004"]
    assert warnings == []


def test_a_deprecated_rule_selected_by_id_runs_and_warns_naming_its_replacement(
    tmp_path: Path,
) -> None:
    ids, warnings = run(tmp_path, select=["TST", "TST002"])
    assert ids == ["TST001", "TST002"]
    assert warnings == [
        "rule TST002 (old-name-check) is deprecated and will be removed; "
        "select TST001 (name-recorded) instead"
    ]


def test_a_deprecated_rule_selected_by_name_runs_and_warns(tmp_path: Path) -> None:
    ids, warnings = run(tmp_path, select=["retired-check"])
    assert ids == ["TST003"]
    assert warnings == ["rule TST003 (retired-check) is deprecated and will be removed"]


def test_ignore_wins_over_naming_a_deprecated_rule(tmp_path: Path) -> None:
    assert run(tmp_path, select=["TST002"], ignore=["TST"]) == ([], [])


def test_a_preview_rule_runs_when_named(tmp_path: Path) -> None:
    assert run(tmp_path, select=["new-check"])[0] == ["TST004"]


def test_replaced_by_is_only_for_deprecated_rules(tmp_path: Path) -> None:
    document = rule("TST001", "present", PATH, name="name-recorded", replaced_by="TST009")
    with pytest.raises(RuleDefinitionError) as caught:
        plugin_engine(RuleFolder(tmp_path / "rules", [document]))
    [problem] = caught.value.problems
    assert problem.message.startswith(
        "replaced_by names the rule to use instead of a deprecated one, but this rule's "
        "lifecycle is 'stable'"
    )


def test_replaced_by_must_look_like_a_rule_id(tmp_path: Path) -> None:
    document = rule("TST002", "present", PATH, lifecycle="deprecated", replaced_by="name-recorded")
    with pytest.raises(RuleDefinitionError) as caught:
        plugin_engine(RuleFolder(tmp_path / "rules", [document]))
    assert [p.path for p in caught.value.problems] == ["$.replaced_by"]


def test_conformance_refuses_a_replacement_nobody_defines(tmp_path: Path) -> None:
    document = rule(
        "TST002", "present", PATH, name="old", lifecycle="deprecated", replaced_by="TST404"
    )
    problems = check_plugin_conformance(
        RuleFolder(tmp_path / "rules", [document]), builtins=GENERIC
    )
    assert [p.message for p in problems] == [
        "rule TST002: replaced_by names TST404, which no loaded plugin defines"
    ]


def test_the_rules_listing_tags_a_deprecated_rule_with_its_replacement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = plugin_engine(pack(tmp_path))
    monkeypatch.setattr(catalog, "engine_from_args", lambda args: engine)
    catalog.rules(argparse.Namespace(technique=None, format="text"))
    lines = capsys.readouterr().out.splitlines()
    [row] = [line for line in lines if line.startswith("TST002")]
    assert row.endswith("[deprecated: use TST001]")
