"""A faulty plugin costs its own rules, never the assessment; clashes are named."""

from __future__ import annotations

from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from foundation_engine import hookimpl
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.errors import PluginError, RuleDefinitionError
from foundation_engine.plugin import manager as plugins_module
from foundation_engine.report.model import Finding, Report
from foundation_engine.testing import StateBuilder, assert_finding, plugin_engine

from .plugins_for_tests import FaultyPlugin, NamedPlugin, fine, rule_folder

COMMUNICATION = (
    "foundation_engine.formats",
    "foundation_engine.checks.generic",
    "foundation_engine.rules.communication",
)


@pytest.fixture
def report(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = rule_folder(
        tmp_path,
        {
            "COM961": "faulty.raises",
            "COM962": "faulty.wrong_type",
            "COM963": "faulty.dangling",
            "COM964": "faulty.fine",
        },
    )
    engine = plugin_engine(FaultyPlugin(folder), builtins=COMMUNICATION)
    return engine.assess(StateBuilder().weekly_touchpoints("2025-01-06", "2026-01-05").build())


def test_check_that_raises_gives_an_error_finding(report) -> None:  # type: ignore[no-untyped-def]
    finding = assert_finding(report, "COM961", "error")
    assert finding.plugin == "faulty-plugin"
    assert finding.message == (
        "Rule COM961 could not run: check 'faulty.raises' from plugin 'faulty-plugin' "
        "raised KeyError: 'client'"
    )
    assert finding.score is None and finding.evidence == []


def test_check_returning_the_wrong_type_gives_an_error_finding(report) -> None:  # type: ignore[no-untyped-def]
    finding = assert_finding(report, "COM962", "error", message_contains="returned bool")
    assert "faulty-plugin" in finding.message and "COM962" in finding.message


def test_dangling_evidence_gives_an_error_finding(report) -> None:  # type: ignore[no-untyped-def]
    finding = assert_finding(report, "COM963", "error", message_contains="/communications/99")
    assert "/partnership/name" not in finding.message
    assert "faulty-plugin" in finding.message


def test_other_rules_still_run(report) -> None:  # type: ignore[no-untyped-def]
    assert_finding(report, "COM964", "passed", evidence=["/partnership/name"])
    assert_finding(report, "COM001", "passed")
    communication = next(t for t in report.techniques if t.technique == "communication")
    assert communication.errors == 3
    assert communication.score is not None


# -- plugins that fail to load -------------------------------------------------


@pytest.fixture
def broken_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed plugin whose module cannot be imported."""
    broken = EntryPoint(
        name="broken", value="foundation_engine_no_such_module", group="foundation_engine"
    )
    monkeypatch.setattr(plugins_module, "entry_points", lambda group: [broken])


@pytest.mark.usefixtures("broken_entry_point")
def test_plugin_that_fails_to_import_is_named_in_the_report() -> None:
    engine = Engine(EngineConfig(), builtins=COMMUNICATION, entrypoints=True)
    report = engine.assess(StateBuilder().build())
    [warning] = [w for w in report.warnings if "broken" in w]
    assert warning.startswith("plugin 'broken' failed to load and was skipped: ModuleNotFoundError")
    assert any(f.rule_id == "COM001" for f in report.findings)


@pytest.mark.usefixtures("broken_entry_point")
def test_plugin_that_fails_to_import_stops_a_strict_run() -> None:
    with pytest.raises(PluginError) as caught:
        Engine(EngineConfig(strict=True), builtins=COMMUNICATION, entrypoints=True)
    assert "plugin 'broken' (foundation_engine_no_such_module) failed to load" in str(caught.value)


# -- clashes -----------------------------------------------------------------


def test_two_plugins_registering_one_check_name_are_both_named() -> None:
    with pytest.raises(PluginError) as caught:
        plugin_engine(NamedPlugin("acme", (fine,)), NamedPlugin("globex", (fine,)))
    message = str(caught.value)
    assert "check 'faulty.fine' is registered by both plugin" in message
    assert "'acme'" in message and "'globex'" in message


def test_two_plugins_registering_one_rule_id_are_both_named(tmp_path: Path) -> None:
    first = rule_folder(tmp_path / "a", {"COM971": "faulty.fine"})
    second = rule_folder(tmp_path / "b", {"COM971": "faulty.fine"})
    with pytest.raises(RuleDefinitionError) as caught:
        plugin_engine(
            NamedPlugin("acme", (fine,), first),
            NamedPlugin("globex", folder=second),
            builtins=COMMUNICATION,
        )
    message = str(caught.value)
    assert "rule id COM971 is defined twice" in message
    assert "plugin 'acme'" in message and "plugin 'globex'" in message
    assert str(first / "COM971.toml") in message and str(second / "COM971.toml") in message


# -- process_findings ----------------------------------------------------------


class Processor:
    """A process_findings plugin: marks every message, then perhaps misbehaves."""

    def __init__(self, name: str, fault: str | None = None) -> None:
        self.__name__ = name
        self.fault = fault

    @hookimpl
    def process_findings(self, findings: list[Finding]) -> None:
        for index, finding in enumerate(findings):
            findings[index] = finding.model_copy(
                update={"message": f"[{self.__name__}] {finding.message}"}
            )
        if self.fault == "raises":
            raise ValueError("no such partnership in the CRM")
        if self.fault == "stray":
            findings.append({"rule_id": "COM999"})  # type: ignore[arg-type]


def _assess(*plugins: object) -> Report:
    engine = plugin_engine(*plugins, builtins=COMMUNICATION)
    return engine.assess(StateBuilder().weekly_touchpoints("2025-01-06", "2026-01-05").build())


def test_process_findings_that_raises_is_undone_and_named() -> None:
    plain = _assess()
    report = _assess(Processor("acme-crm", fault="raises"))
    assert report.findings == plain.findings
    assert report.warnings[-1] == (
        "process_findings from plugin 'acme-crm' failed and its changes were discarded: "
        "ValueError: no such partnership in the CRM"
    )


def test_process_findings_that_leaves_something_else_in_the_list_is_undone() -> None:
    report = _assess(Processor("acme-crm", fault="stray"))
    assert report.findings == _assess().findings
    assert report.warnings[-1].endswith(
        "TypeError: it left a dict in the findings, expected only Finding"
    )


def test_other_process_findings_implementations_still_run() -> None:
    report = _assess(Processor("first"), Processor("faulty", fault="raises"), Processor("last"))
    # pluggy calls the last registered first; the faulty one's changes alone are gone
    assert all(f.message.startswith("[first] [last] ") for f in report.findings)
    assert [w for w in report.warnings if "process_findings" in w] == [
        "process_findings from plugin 'faulty' failed and its changes were discarded: "
        "ValueError: no such partnership in the CRM"
    ]
