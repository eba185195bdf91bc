"""``schema``, ``rules``, ``rule ID``, ``plugins``, and the generated rules reference."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from foundation_engine.cli.schema_documents import SCHEMAS, schema_text
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.rulebook.docs import SECTION_TITLES, render_rule_markdown, render_rule_text
from tests.scripts import load_script

from .conftest import Result

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def builtin_engine() -> Engine:
    return Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_prints_the_published_schema(cli: Callable[..., Result], name: str) -> None:
    result = cli("schema", name)
    assert result.code == 0
    assert result.out == schema_text(name)


def test_schema_rejects_an_unknown_name(cli: Callable[..., Result]) -> None:
    result = cli("schema", "everything")
    assert result.code == 2
    assert "invalid choice" in result.err


def test_rules_json_lists_every_loaded_rule(
    cli: Callable[..., Result], builtin_engine: Engine
) -> None:
    result = cli("rules", "--format", "json")
    assert result.code == 0
    listed = json.loads(result.out)
    assert [r["id"] for r in listed] == [r.definition.id for r in builtin_engine.registry.rules]
    first = builtin_engine.registry.rules[0]
    assert listed[0] == {
        "id": first.definition.id,
        "name": first.definition.name,
        "title": first.definition.title,
        "severity": first.definition.severity.value,
        "technique": first.definition.technique,
        "owner": first.definition.owner.value,
        "lifecycle": first.definition.lifecycle.value,
        "replaced_by": None,
        "since": first.definition.since,
        "plugin": first.plugin,
    }


def test_rules_text_is_a_table_with_one_row_per_rule(
    cli: Callable[..., Result], builtin_engine: Engine
) -> None:
    result = cli("rules")
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "SEVERITY", "TECHNIQUE", "PLUGIN", "TITLE"]
    rules = builtin_engine.registry.rules
    for rule, line in zip(rules, lines[1:], strict=False):
        assert line.split()[:2] == [rule.definition.id, rule.definition.name]
        assert line.endswith(rule.definition.title)
    assert lines[-1] == f"{len(rules)} rule(s)"


def test_rules_by_technique(cli: Callable[..., Result], builtin_engine: Engine) -> None:
    listed = json.loads(cli("rules", "--technique", "communication", "--format", "json").out)
    expected = [
        r.definition.id
        for r in builtin_engine.registry.rules
        if r.definition.technique == "communication"
    ]
    assert expected
    assert [r["id"] for r in listed] == expected


def test_rules_with_an_unknown_technique_exits_2(cli: Callable[..., Result]) -> None:
    result = cli("rules", "--technique", "telepathy")
    assert result.code == 2
    assert "unknown technique 'telepathy'" in result.err
    assert "communication" in result.err


def test_rule_prints_every_doc_section(cli: Callable[..., Result], builtin_engine: Engine) -> None:
    loaded = builtin_engine.registry.rules[0]
    result = cli("rule", loaded.definition.id.lower())
    assert result.code == 0
    assert result.out == render_rule_text(loaded.definition, loaded.plugin)
    assert result.out.startswith(f"{loaded.definition.id}: {loaded.definition.title}\n")
    for _, title in [*SECTION_TITLES, ("", "Options"), ("", "Limitations"), ("", "References")]:
        assert f"\n{title}\n" in result.out
    for name, option in loaded.definition.options.items():
        assert f"{name} (default {json.dumps(option.default)})" in result.out
    markdown = cli("rule", loaded.definition.id, "--format", "markdown").out
    assert markdown == render_rule_markdown(loaded.definition, loaded.plugin)


def test_rule_accepts_a_rule_name(cli: Callable[..., Result], builtin_engine: Engine) -> None:
    loaded = next(r for r in builtin_engine.registry.rules if r.definition.id == "COM001")
    result = cli("rule", "touchpoint-gap")
    assert result.code == 0
    assert result.out == render_rule_text(loaded.definition, loaded.plugin)


def test_a_misspelled_rule_name_gets_a_suggestion(cli: Callable[..., Result]) -> None:
    result = cli("rule", "touchpoint-gpa")
    assert result.code == 2
    assert "did you mean touchpoint-gap?" in result.err


def test_unknown_rule_exits_2_with_a_suggestion(cli: Callable[..., Result]) -> None:
    result = cli("rule", "COM01")
    assert result.code == 2
    assert "no rule 'COM01'" in result.err
    assert "did you mean COM0" in result.err


def test_plugins_json_names_versions_and_hooks(cli: Callable[..., Result]) -> None:
    result = cli("plugins", "--format", "json")
    assert result.code == 0
    plugins = {p["name"]: p for p in json.loads(result.out)}
    assert set(DEFAULT_PLUGINS) <= set(plugins)
    text = plugins["foundation_engine.writers.text_report"]
    assert text == {
        "name": "foundation_engine.writers.text_report",
        "version": "builtin",
        "hooks": ["register_report_writers"],
        "error": None,
    }
    assert "register_loaders" in plugins["foundation_engine.formats"]["hooks"]
    listing = cli("plugins").out
    expected = "foundation_engine.writers.text_report builtin\n  hooks: register_report_writers\n"
    assert expected in listing


def test_generated_rules_reference_is_up_to_date() -> None:
    module = load_script(ROOT / "scripts" / "generate_rule_docs.py")
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == module.rules_markdown(), (
        "docs/rules.md is out of date: run python scripts/generate_rule_docs.py"
    )


def test_rules_reference_documents_every_builtin_rule(builtin_engine: Engine) -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for loaded in builtin_engine.registry.rules:
        assert f"### {loaded.definition.id}: {loaded.definition.title}\n" in text
