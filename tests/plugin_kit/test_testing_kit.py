"""The testing kit plugin authors use: engines, assertions, conformance, pytest fixtures."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from foundation_engine import hookimpl
from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Report
from foundation_engine.testing import (
    StateBuilder,
    assert_finding,
    assert_no_errors,
    assert_plugin_conformance,
    check_plugin_conformance,
    find_finding,
    plugin_engine,
)

from .plugins_for_tests import NamedPlugin, fine, rule_folder, rule_text

COMMUNICATION = (
    "foundation_engine.formats",
    "foundation_engine.checks.generic",
    "foundation_engine.rules.communication",
)


@pytest.fixture(scope="module")
def report() -> Report:
    engine = plugin_engine(with_builtin_rules=True)
    state = StateBuilder(start="2025-01-06", as_of="2026-01-05").weekly_touchpoints(
        "2025-01-06", "2025-10-06"
    )
    return engine.assess(state.build())


# -- engines -------------------------------------------------------------------


def test_plugin_engine_loads_only_what_it_is_given() -> None:
    plugin = NamedPlugin("acme", (fine,))
    engine = plugin_engine(plugin)
    assert engine.registry.techniques == {}
    assert engine.setup.plugin_names() == [
        "foundation_engine.formats",
        "foundation_engine.checks.generic",
        "acme",
    ]
    assert engine.registry.checks["faulty.fine"].plugin == "acme"


def test_plugin_engine_ignores_installed_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    from foundation_engine.plugin import manager as plugins

    installed = EntryPoint(name="installed", value="json", group="foundation_engine")
    monkeypatch.setattr(plugins, "entry_points", lambda group: [installed])
    monkeypatch.delenv("FOUNDATION_ENGINE_LOAD_PLUGINS", raising=False)
    assert "installed" not in plugin_engine().setup.plugin_names()


def test_pytest_fixtures_are_registered_through_the_entry_point(
    request: pytest.FixtureRequest,
    state_builder: type[StateBuilder],
    plugin_engine: Callable[..., Engine],
) -> None:
    assert request.config.pluginmanager.hasplugin("foundation_engine")
    assert state_builder is StateBuilder
    assert isinstance(plugin_engine(), Engine)


def test_pytest_plugin_imports_no_engine_module() -> None:
    code = (
        "import sys, foundation_engine.testing.pytest_plugin; "
        "print(sorted(m for m in sys.modules if m.startswith('foundation_engine')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == (
        "['foundation_engine', 'foundation_engine._version', 'foundation_engine.plugin', "
        "'foundation_engine.plugin.hookspecs', 'foundation_engine.testing', "
        "'foundation_engine.testing.pytest_plugin']"
    )


# -- assertions ------------------------------------------------------------------


def test_assert_finding_returns_the_finding(report: Report) -> None:
    finding = assert_finding(report, "COM001", "failed", value=91, message_contains="91 days")
    assert finding is find_finding(report, "COM001")


def test_assert_finding_lists_every_mismatch(report: Report) -> None:
    with pytest.raises(AssertionError) as caught:
        assert_finding(report, "COM001", "passed", value=14, evidence=["/communications/0"])
    message = str(caught.value)
    assert message.startswith(
        "rule COM001: status is 'failed', expected 'passed'; value is 91, expected 14; "
        "evidence differs: missing ['/communications/0'], unexpected ['/communications/39']"
    )
    assert "  message:  The longest stretch" in message


def test_assert_finding_checks_evidence_inclusion(report: Report) -> None:
    assert_finding(report, "COM001", evidence_includes=["/communications/39"])
    with pytest.raises(AssertionError, match=r"evidence lacks \['/communications/1'\]"):
        assert_finding(report, "COM001", evidence_includes=["/communications/1"])


def test_missing_finding_names_the_rules_that_ran(report: Report) -> None:
    with pytest.raises(AssertionError, match=r"rule XYZ001 produced no finding; rules that ran: "):
        find_finding(report, "XYZ001")


def test_assert_no_errors(tmp_path: Path, report: Report) -> None:
    assert_no_errors(report)
    from .plugins_for_tests import FaultyPlugin

    folder = rule_folder(tmp_path, {"COM961": "faulty.raises"})
    faulty = plugin_engine(FaultyPlugin(folder), builtins=COMMUNICATION)
    expected = r"1 rule\(s\) could not run:\n  COM961 \(faulty-plugin\)"
    with pytest.raises(AssertionError, match=expected):
        assert_no_errors(faulty.assess(StateBuilder().build()))


# -- conformance -----------------------------------------------------------------


class RulePack:
    def __init__(self, name: str, folder: Path, checks: tuple[Any, ...] = ()) -> None:
        self.__name__ = name
        self.folder = folder
        self.checks = checks

    @hookimpl
    def register_rule_paths(self, register: Callable[..., None]) -> None:
        register(self.folder)

    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        for function in self.checks:
            register(function)


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)


def test_conforming_plugin_has_no_problems(tmp_path: Path) -> None:
    folder = rule_folder(tmp_path, {"COM981": "faulty.fine"})
    assert check_plugin_conformance(RulePack("good", folder, (fine,))) == []
    assert_plugin_conformance(RulePack("good", folder, (fine,)))


def test_conformance_flags_unregistered_check(tmp_path: Path) -> None:
    folder = rule_folder(tmp_path, {"COM982": "nobody.registers"})
    [problem] = check_plugin_conformance(RulePack("pack", folder))
    assert problem.path == "$.check.name" and problem.source == str(folder / "COM982.toml")
    assert problem.message.startswith("rule COM982: check 'nobody.registers' is registered by no")


def test_conformance_flags_wrong_prefix_and_unknown_technique(tmp_path: Path) -> None:
    text = rule_text("PUR990", "faulty.fine")
    write(tmp_path / "rules", "PUR990.toml", text)
    write(
        tmp_path / "rules",
        "ZZZ990.toml",
        rule_text("ZZZ990", "faulty.fine").replace('"communication"', '"zeta"'),
    )
    problems = check_plugin_conformance(RulePack("pack", tmp_path / "rules", (fine,)))
    assert sorted((p.message, p.path) for p in problems) == [
        ("rule PUR990: ids of technique 'communication' are COM plus 3 digits", "$.id"),
        (
            "rule ZZZ990: technique 'zeta' is registered by no plugin; known: communication, "
            "improvement, metrics, purpose, recognition, urgency",
            "$.technique",
        ),
    ]


def test_conformance_flags_invalid_options(tmp_path: Path) -> None:
    text = rule_text("COM983", "largest_gap") + (
        '\n[check.params]\ncollection = "/communications"\n'
        '\n[options.max_days]\ndefault = "two weeks"\ndescription = "Gap."\nsource = "Test."\n'
    )
    write(tmp_path / "rules", "COM983.toml", text)
    [problem] = check_plugin_conformance(RulePack("pack", tmp_path / "rules"))
    assert problem.path == "$.options.max_days"
    assert problem.message.startswith(
        "rule COM983: option max_days: Input should be a valid integer"
    )
    assert "(check 'largest_gap')" in problem.message


def test_conformance_flags_placeholder_docs_and_missing_sections(tmp_path: Path) -> None:
    write(
        tmp_path / "rules",
        "COM984.toml",
        rule_text("COM984", "faulty.fine").replace(
            'why = "To show one faulty plugin does not stop an assessment."', 'why = "TODO"'
        ),
    )
    write(
        tmp_path / "rules",
        "COM985.toml",
        rule_text("COM985", "faulty.fine").replace('limitations = "Test only."\n', ""),
    )
    problems = check_plugin_conformance(RulePack("pack", tmp_path / "rules", (fine,)))
    assert [(Path(p.source or "").name, p.path) for p in problems] == [("COM985.toml", "$.docs")], (
        "a file that does not parse is reported before its rules are judged"
    )
    assert "limitations" in problems[0].message
    (tmp_path / "rules" / "COM985.toml").unlink()
    [problem] = check_plugin_conformance(RulePack("pack", tmp_path / "rules", (fine,)))
    assert (problem.path, problem.message) == (
        "$.docs.why",
        "rule COM984: docs.why is a placeholder ('TODO')",
    )


def test_conformance_flags_unused_checks(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    [problem] = check_plugin_conformance(RulePack("pack", tmp_path / "rules", (fine,)))
    assert problem.message.startswith("check 'faulty.fine' from plugin 'pack' is registered but")
    assert (
        check_plugin_conformance(
            RulePack("pack", tmp_path / "rules", (fine,)), allow_unused_checks=True
        )
        == []
    )


def test_conformance_failure_lists_every_problem(tmp_path: Path) -> None:
    folder = rule_folder(tmp_path, {"COM986": "nobody.a", "COM987": "nobody.b"})
    with pytest.raises(AssertionError) as caught:
        assert_plugin_conformance(RulePack("pack", folder))
    lines = str(caught.value).splitlines()
    assert lines[0] == "2 conformance problem(s):"
    assert [line.split(": ")[2] for line in lines[1:]] == ["rule COM986", "rule COM987"]
