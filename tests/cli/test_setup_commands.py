"""``init``, ``validate``, ``new-plugin``, help and start-up imports."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from foundation_engine.core.config import load_config
from foundation_engine.core.engine import Engine
from foundation_engine.state.validation import validate_state
from tests.conftest import ROOT

from .conftest import Result, gappy_state

COMMANDS = (
    "assess",
    "batch",
    "diff",
    "schema",
    "rules",
    "rule",
    "plugins",
    "init",
    "validate",
    "new-plugin",
)


# -- init ------------------------------------------------------------------------


def test_init_writes_a_config_with_every_rule_option(
    cli: Callable[..., Result], workdir: Path
) -> None:
    result = cli("init")
    assert result.code == 0, result.err
    assert sorted(p.name for p in workdir.iterdir()) == ["foundation.toml"]
    config = load_config(workdir / "foundation.toml")
    engine = Engine(config)
    for loaded in engine.registry.rules:
        defaults = loaded.definition.option_defaults()
        if defaults:
            assert config.rules[loaded.definition.id].options == defaults


def test_init_never_overwrites_without_force(cli: Callable[..., Result], workdir: Path) -> None:
    target = workdir / "foundation.toml"
    target.write_text("# mine\n")
    result = cli("init", "--state")
    assert result.code == 2
    assert "foundation.toml already exists" in result.err
    assert target.read_text() == "# mine\n"
    assert not (workdir / "partnership.toml").exists()
    assert cli("init", "--force").code == 0
    assert target.read_text() != "# mine\n"


def test_init_state_writes_a_starter_state_that_validates_and_assesses(
    cli: Callable[..., Result], workdir: Path
) -> None:
    assert cli("init", "--state").code == 0
    state_text = (workdir / "partnership.toml").read_text()
    assert state_text.startswith("# A starter partnership state.")
    state = validate_state(tomllib.loads(state_text), "partnership.toml")
    assert state.partnership.id == "acme-talentco"
    assert cli("validate", "partnership.toml").code == 0
    result = cli("assess", "partnership.toml", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["partnership_id"] == "acme-talentco"


# -- validate --------------------------------------------------------------------


def test_validate_accepts_good_states_and_rule_files(
    cli: Callable[..., Result], workdir: Path
) -> None:
    (workdir / "a.json").write_text(json.dumps(gappy_state()))
    rule_file = next((ROOT / "rules" / "communication").glob("*.toml"))
    result = cli("validate", "a.json", str(rule_file))
    assert result.code == 0, result.err
    assert result.out == f"ok: a.json (state)\nok: {rule_file} (rule)\n"


def test_validate_lists_every_problem_of_every_file(
    cli: Callable[..., Result], workdir: Path
) -> None:
    state = gappy_state()
    state["communications"][0]["channel"] = "pigeon"
    state["communications"][2]["date"] = "tomorrow"
    state["partnership"]["naem"] = "typo"
    (workdir / "bad.json").write_text(json.dumps(state))
    (workdir / "good.json").write_text(json.dumps(gappy_state()))
    result = cli("validate", "bad.json", "good.json", "missing.json")
    assert result.code == 2
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    assert any("bad.json: $.partnership.naem: unknown field 'naem'" in e for e in errors)
    assert any("bad.json: $.communications[0].channel" in e for e in errors)
    assert any("bad.json: $.communications[2].date" in e for e in errors)
    assert "error: missing.json: cannot read: No such file or directory" in errors
    assert "ok: good.json (state)" in result.out
    assert "2 of 3 files invalid" in result.err


def test_validate_checks_rule_files_against_the_meta_schema(
    cli: Callable[..., Result], workdir: Path
) -> None:
    rule_file = next((ROOT / "rules" / "communication").glob("*.toml"))
    document = tomllib.loads(rule_file.read_text())
    text = rule_file.read_text().replace(f'id = "{document["id"]}"', 'id = "bad id"')
    text = text.replace(f'severity = "{document["severity"]}"', 'severity = "dire"')
    (workdir / "BAD001.toml").write_text(text)
    result = cli("validate", "BAD001.toml")
    assert result.code == 2
    assert "error: BAD001.toml: $.id:" in result.err
    assert "error: BAD001.toml: $.severity:" in result.err


def test_validate_flags_a_rule_naming_an_unregistered_check(
    cli: Callable[..., Result], workdir: Path
) -> None:
    rule_file = next((ROOT / "rules" / "communication").glob("*.toml"))
    document = tomllib.loads(rule_file.read_text())
    text = rule_file.read_text().replace(
        f'name = "{document["check"]["name"]}"', 'name = "no_such_check"', 1
    )
    (workdir / "rule.toml").write_text(text)
    result = cli("validate", "rule.toml", "--as", "rule")
    assert result.code == 2
    assert "check 'no_such_check' is not registered" in result.err


def test_validate_reads_stdin(cli_process: Callable[..., Result]) -> None:
    result = cli_process("validate", "-", stdin=json.dumps(gappy_state()).encode())
    assert result.code == 0
    assert result.out == "ok: <stdin> (state)\n"


# -- new-plugin ------------------------------------------------------------------


def test_new_plugin_calls_the_scaffold(
    cli: Callable[..., Result], workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, Path, str | None]] = []

    def create_plugin(name: str, directory: Path, *, prefix: str | None = None) -> Path:
        calls.append((name, directory, prefix))
        return directory / name

    fake = types.ModuleType("foundation_engine.cli.plugin_template")
    fake.create_plugin = create_plugin  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "foundation_engine.cli.plugin_template", fake)
    (workdir / "src").mkdir()
    result = cli("new-plugin", "acme-rules", "--dir", "src")
    assert result.code == 0
    assert calls == [("acme-rules", Path("src"), None)]
    assert result.err == f"created {Path('src') / 'acme-rules'}\n"


def test_new_plugin_refuses_an_existing_project(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    def create_plugin(name: str, directory: Path, *, prefix: str | None = None) -> Path:
        raise FileExistsError(17, "File exists", str(directory / name))

    fake = types.ModuleType("foundation_engine.cli.plugin_template")
    fake.create_plugin = create_plugin  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "foundation_engine.cli.plugin_template", fake)
    result = cli("new-plugin", "acme-rules")
    assert result.code == 2
    assert "acme-rules: already exists; nothing was written" in result.err


def test_new_plugin_passes_the_prefix_to_the_scaffold(
    cli: Callable[..., Result], workdir: Path
) -> None:
    result = cli("new-plugin", "communication-extras", "--prefix", "CMX")
    assert result.code == 0, result.err
    root = workdir / "foundation-engine-communication-extras"
    assert result.err == f"created {Path('.') / root.name}\n"
    rules = sorted(p.name for p in root.rglob("*.toml") if p.name != "pyproject.toml")
    assert rules == ["CMX001.toml"]
    rule = tomllib.loads(next(root.rglob("CMX001.toml")).read_text())
    assert rule["id"] == "CMX001"


def test_new_plugin_without_a_prefix_reports_the_clash_with_a_built_in_one(
    cli: Callable[..., Result], workdir: Path
) -> None:
    # "communication" would take COM, the built-in communication rules' prefix.
    result = cli("new-plugin", "communication")
    assert result.code == 2
    assert result.err == (
        "error: rule prefix COM is taken by a built-in rule set; choose another (--prefix)\n"
    )
    assert list(workdir.iterdir()) == []
    fixed = cli("new-plugin", "communication", "--prefix", "CMN")
    assert fixed.code == 0, fixed.err
    assert list((workdir / "foundation-engine-communication").rglob("CMN001.toml"))


def test_new_plugin_rejects_a_malformed_prefix(cli: Callable[..., Result], workdir: Path) -> None:
    result = cli("new-plugin", "acme-rules", "--prefix", "acme")
    assert result.code == 2
    assert "rule prefix 'acme' is not valid; expected 2 to 6 capital letters" in result.err
    assert list(workdir.iterdir()) == []


# -- help and start-up -------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(cli: Callable[..., Result], command: str) -> None:
    result = cli(command, "--help")
    assert result.code == 0
    assert f"usage: foundation-engine {command}" in result.out
    assert "examples:\n  foundation-engine " in result.out


def test_no_command_prints_help_and_exits_2(cli: Callable[..., Result]) -> None:
    result = cli()
    assert result.code == 2
    assert "commands:" in result.err


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["assess", "--help"]])
def test_version_and_help_do_not_import_the_engine(argv: list[str], workdir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "foundation_engine", *argv],
        capture_output=True,
        text=True,
        cwd=workdir,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "argparse" in imported
    for heavy in (
        "foundation_engine.core.engine",
        "jsonschema",
        "pydantic",
        "foundation_engine.report.model",
    ):
        assert heavy not in imported, f"{' '.join(argv)} imported {heavy}"
