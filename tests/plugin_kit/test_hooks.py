"""One test per hook, each running the hook's example from docs/plugins.md as a plugin."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from foundation_engine.checks import Status
from foundation_engine.errors import ParseError, ValidationProblem
from foundation_engine.testing import StateBuilder, assert_finding, plugin_engine

from .docs_examples import example_module

COMMUNICATION = "foundation_engine.rules.communication"
GENERIC = ("foundation_engine.formats", "foundation_engine.checks.generic")

RULE = """\
id = "{id}"
technique = "{technique}"
title = "A rule written for the hook tests"
severity = "medium"
owner = "both"
since = "0.1.0"
recommendation = "Do the thing."

[check]
name = "{check}"

[message]
failed = "Failed with {{value}}."
passed = "Passed with {{value}}."

[docs]
what = "Checks something for the hook tests."
why = "So that the hook is exercised end to end."
example = "A partnership without the thing."
how_to_fix = "Add the thing."
limitations = "A test fixture only."
references = ["docs/plugins.md"]
"""


def write_rule(folder: Path, rule_id: str, technique: str, check: str, extra: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = RULE.format(id=rule_id, technique=technique, check=check) + extra
    (folder / f"{rule_id}.toml").write_text(text)


def test_hook_register_checks(tmp_path: Path) -> None:
    plugin = example_module("register_checks")
    rules = tmp_path / "rules"
    write_rule(
        rules,
        "COM951",
        "communication",
        "example.partnership_age",
        '\n[options.max_days]\ndefault = 100\ndescription = "Age."\nsource = "Test."\n',
    )
    rules_plugin = _rule_path_plugin(rules)
    engine = plugin_engine(plugin, rules_plugin, builtins=(*GENERIC, COMMUNICATION))
    spec = engine.registry.checks["example.partnership_age"]
    assert spec.plugin == "docs_example_register_checks"
    assert spec.description == "The partnership is at most max_days old."
    state = StateBuilder(start="2026-01-01", as_of="2026-06-30").build()
    assert_finding(
        engine.assess(state), "COM951", "failed", value=180, evidence=["/partnership/start_date"]
    )


def _rule_path_plugin(folder: Path) -> object:
    from foundation_engine import hookimpl

    class RulePaths:
        @hookimpl
        def register_rule_paths(self, register):  # type: ignore[no-untyped-def]
            register(folder)

    return RulePaths()


def test_hook_register_rule_paths(tmp_path: Path) -> None:
    write_rule(
        tmp_path / "rules",
        "COM952",
        "communication",
        "present",
        '\n[check.params]\npath = "/partnership/name"\n',
    )
    plugin = example_module("register_rule_paths", tmp_path / "plugin.py")
    engine = plugin_engine(plugin, builtins=(*GENERIC, COMMUNICATION))
    loaded = {r.definition.id: r.plugin for r in engine.registry.rules}
    assert loaded["COM952"] == "docs_example_register_rule_paths"
    assert_finding(engine.assess(StateBuilder().build()), "COM952", "passed")


def test_hook_register_techniques(tmp_path: Path) -> None:
    plugin = example_module("register_techniques")
    write_rule(
        tmp_path / "rules",
        "VEN001",
        "vendor_management",
        "present",
        '\n[check.params]\npath = "/partnership/name"\n',
    )
    engine = plugin_engine(plugin, _rule_path_plugin(tmp_path / "rules"))
    technique = engine.registry.techniques["vendor_management"]
    assert (technique.title, technique.prefix, technique.weight, technique.order) == (
        "Vendor management",
        "VEN",
        0.5,
        80,
    )
    report = engine.assess(StateBuilder().build())
    assert [(t.technique, t.weight, t.score) for t in report.techniques] == [
        ("vendor_management", 0.5, 100.0)
    ]


def test_hook_register_state_extensions() -> None:
    engine = plugin_engine(example_module("register_state_extensions"))
    assert engine.registry.extensions["pulse"].plugin == "docs_example_register_state_extensions"
    good = StateBuilder().extension("pulse", {"responses": 12, "trust_score": 4.2})
    assert engine.load(good.to_dict()).extensions["pulse"]["responses"] == 12
    bad = StateBuilder().extension("pulse", {"responses": 12, "trust_score": 9})
    with pytest.raises(ValidationProblem) as caught:
        engine.load(bad.to_dict())
    assert [p.path for p in caught.value.problems] == ["$.extensions.pulse.trust_score"]
    assert "docs_example_register_state_extensions" in caught.value.problems[0].message


def test_hook_register_loaders(tmp_path: Path) -> None:
    engine = plugin_engine(example_module("register_loaders"))
    assert engine.registry.loaders["json-gz"].suffixes == (".json.gz",)
    path = tmp_path / "state.json.gz"
    path.write_bytes(gzip.compress(json.dumps(StateBuilder(name="Gzipped").to_dict()).encode()))
    assert engine.load(path).partnership.name == "Gzipped"
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(ParseError) as caught:
        engine.load(broken)
    assert caught.value.problems[0].source == str(broken)


def test_hook_register_report_writers() -> None:
    engine = plugin_engine(example_module("register_report_writers"), with_builtin_rules=True)
    writer = engine.registry.writer("summary")
    assert (writer.media_type, writer.suffix) == ("text/plain", ".txt")
    report = engine.assess(StateBuilder(name="Summary test").build())
    output = writer.write(report)
    assert output.splitlines()[0] == (f"Summary test: {report.overall_score} ({report.rating})")
    assert len(output.splitlines()) == 1 + len(report.techniques)


def test_hook_process_findings() -> None:
    plugin = example_module("process_findings")
    state = StateBuilder(id="acme-1", start="2026-01-05", as_of="2026-06-30").recorded(
        "communications"
    )
    report = plugin_engine(plugin, with_builtin_rules=True).assess(state.build())
    failed = [f for f in report.findings if f.status is Status.FAILED]
    assert failed, "the state should fail some built-in rules"
    assert all(f.message.startswith("[acme-1] ") for f in failed)
    others = [f for f in report.findings if f.status is not Status.FAILED]
    assert not any(f.message.startswith("[acme-1]") for f in others)
