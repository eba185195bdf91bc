"""Rule identity: a readable, unique kebab-case name selection accepts like the id, and a
title that stays true whatever the options say."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.errors import ConfigError, RuleDefinitionError
from foundation_engine.rulebook.docs import render_rule_markdown, render_rule_text
from foundation_engine.rulebook.model import RULE_NAME_PATTERN
from foundation_engine.testing import check_plugin_conformance, plugin_engine
from tests.rulekit import RuleFolder, rule

from ..conftest import GENERIC, ROOT

RULE_FILES = sorted(
    [
        *ROOT.glob("rules/*/*.toml"),
        *ROOT.glob("plugins/*/src/*/rules/*.toml"),
        *ROOT.glob("examples/rule-packs/*/rules/*.toml"),
    ]
)


def _document(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_rule_files_are_found() -> None:
    assert {p.parent.name for p in RULE_FILES} >= {"communication", "urgency"}
    assert any("foundation_engine_sla" in str(p) for p in RULE_FILES)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_every_rule_file_names_its_rule_right_after_its_id(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id = "), path
    assert re.fullmatch(r'name = "[a-z0-9-]+"', lines[1]), f"{path}: line 2 is {lines[1]!r}"
    assert re.match(RULE_NAME_PATTERN, str(_document(path)["name"]))


def test_rule_names_are_unique_across_the_tree() -> None:
    seen: dict[object, Path] = {}
    for path in RULE_FILES:
        name = _document(path)["name"]
        assert name not in seen, f"{name!r} is used by {seen[name]} and {path}"
        seen[name] = path


#: Words that would fix a threshold in a title ("more than two", "half of").
NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"hundred|half|twice|once|double|percent)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_titles_hard_code_no_threshold(path: Path) -> None:
    # Thresholds are options; a title that quotes a default ("more than 14 days
    # apart") is wrong as soon as someone sets the option to 60.
    title = str(_document(path)["title"])
    assert not re.search(r"\d|%", title), f"{path.stem}: {title!r} holds a number"
    assert not NUMBER_WORDS.search(title), f"{path.stem}: {title!r} holds a number word"


def _engine(tmp_path: Path, config: EngineConfig | None = None) -> Engine:
    rules = [
        rule("TST001", "present", {"path": "/partnership/name"}, name="name-present"),
        rule("TST002", "present", {"path": "/partnership/client"}, name="client-present"),
        rule("TST003", "present", {"path": "/partnership/provider"}),
    ]
    plugin = RuleFolder(tmp_path / "rules", rules)
    return plugin_engine(plugin, config=config or EngineConfig())


def test_select_accepts_a_rule_name(tmp_path: Path) -> None:
    engine = _engine(tmp_path, EngineConfig(select=["client-present"]))
    assert [r.id for r in engine.rules] == ["TST002"]


def test_select_mixes_names_ids_and_prefixes(tmp_path: Path) -> None:
    engine = _engine(tmp_path, EngineConfig(select=["name-present", "TST003"]))
    assert [r.id for r in engine.rules] == ["TST001", "TST003"]


def test_ignore_accepts_a_rule_name(tmp_path: Path) -> None:
    engine = _engine(tmp_path, EngineConfig(ignore=["name-present"]))
    assert [r.id for r in engine.rules] == ["TST002", "TST003"]


def test_a_name_is_not_a_prefix(tmp_path: Path) -> None:
    # "name" selects no rule (a name is matched whole, never as a prefix of
    # "name-present"), and a selection of nothing is refused with the nearest name.
    with pytest.raises(ConfigError, match="'name' names no loaded rule; did you mean"):
        _engine(tmp_path, EngineConfig(select=["name"]))


def test_the_built_in_names_select_built_in_rules() -> None:
    config = EngineConfig(select=["touchpoint-gap", "stale-kpi-data"])
    modules = ("foundation_engine.rules.communication", "foundation_engine.rules.metrics")
    engine = Engine(config, builtins=(*GENERIC, *modules), entrypoints=False)
    assert [r.id for r in engine.rules] == ["COM001", "MET007"]


def test_two_rules_with_one_name_are_both_named(tmp_path: Path) -> None:
    first = RuleFolder(tmp_path / "a", [rule("TST001", "present", {"path": "/x"}, name="same")])
    second = RuleFolder(
        tmp_path / "b",
        [rule("TST002", "present", {"path": "/x"}, name="same-name")],
        technique=False,
    )
    (tmp_path / "b" / "TST002.toml").write_text(
        (tmp_path / "b" / "TST002.toml").read_text().replace("same-name", "same"), "utf-8"
    )
    with pytest.raises(RuleDefinitionError) as caught:
        plugin_engine(first, second)
    message = str(caught.value)
    assert message.startswith("rule name 'same' is given to two rules: TST001 by plugin")
    assert str(tmp_path / "a" / "TST001.toml") in message
    assert str(tmp_path / "b" / "TST002.toml") in message


@pytest.mark.parametrize("name", ["TouchpointGap", "touchpoint_gap", "gap--days", "-gap", "gp"])
def test_a_name_that_is_not_kebab_case_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(RuleDefinitionError, match=r"\$\.name"):
        _engine_with(tmp_path, rule("TST001", "present", {"path": "/x"}, name=name))


def _engine_with(tmp_path: Path, document: dict[str, object]) -> Engine:
    return plugin_engine(RuleFolder(tmp_path / "rules", [document]))


def test_conformance_asks_for_a_name(tmp_path: Path) -> None:
    plugin = RuleFolder(tmp_path / "rules", [rule("TST001", "present", {"path": "/x"})])
    problems = check_plugin_conformance(plugin, builtins=GENERIC)
    assert [p.message for p in problems if p.path == "$.name"] == [
        'rule TST001: has no name; add name = "..." after id: the condition it flags in '
        "kebab-case, such as touchpoint-gap"
    ]


def test_rule_docs_show_the_name(engine: Engine) -> None:
    com001 = next(r for r in engine.registry.rules if r.definition.id == "COM001")
    text = render_rule_text(com001.definition, com001.plugin)
    assert re.search(r"\nName: +touchpoint-gap\n", text)
    markdown = render_rule_markdown(com001.definition, com001.plugin)
    assert "\n- **Name:** `touchpoint-gap`\n" in markdown
