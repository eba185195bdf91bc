from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import tomli_w

from foundation_engine.report.model import Report
from foundation_engine.rulebook.model import SEVERITY_ORDER, Severity

from .conftest import Result, gappy_state


def _report(cli: Callable[..., Result], *argv: str) -> Report:
    result = cli("assess", *argv, "--format", "json")
    assert result.code == 0, result.err
    return Report.model_validate_json(result.out)


def test_text_report_is_the_default_and_names_the_partnership(
    cli: Callable[..., Result], state_file: Path
) -> None:
    result = cli("assess", str(state_file))
    assert result.code == 0, result.err
    report = _report(cli, str(state_file))
    assert result.out.startswith("Foundation assessment: Acme and TalentCo (acme-talentco)")
    for technique in report.techniques:
        assert technique.title in result.out
    for failed in report.failed():
        assert failed.rule_id in result.out


def test_json_report_is_a_valid_report(cli: Callable[..., Result], state_file: Path) -> None:
    report = _report(cli, str(state_file))
    assert report.partnership_id == "acme-talentco"
    assert report.as_of.isoformat() == "2026-06-30"


def test_reads_the_state_from_stdin(cli_process: Callable[..., Result], state_file: Path) -> None:
    result = cli_process("assess", "-", "--format", "json", stdin=state_file.read_bytes())
    assert result.code == 0, result.err
    assert json.loads(result.out)["partnership_id"] == "acme-talentco"


def test_reads_toml_from_stdin_when_told(cli_process: Callable[..., Result]) -> None:
    text = tomli_w.dumps(gappy_state(id="from-toml"))
    result = cli_process(
        "assess", "-", "--input-format", "toml", "--format", "json", stdin=text.encode()
    )
    assert result.code == 0, result.err
    assert json.loads(result.out)["partnership_id"] == "from-toml"


def test_output_file_holds_the_same_report_and_no_temporary_file_is_left(
    cli: Callable[..., Result], state_file: Path, workdir: Path
) -> None:
    printed = cli("assess", str(state_file), "--format", "json").out
    result = cli("assess", str(state_file), "--format", "json", "-o", "report.json")
    assert result.code == 0
    assert result.out == ""
    assert (workdir / "report.json").read_text() == printed
    assert sorted(p.name for p in workdir.iterdir()) == ["partnership.json", "report.json"]


def test_format_follows_the_output_suffix(
    cli: Callable[..., Result], state_file: Path, workdir: Path
) -> None:
    assert cli("assess", str(state_file), "-o", "report.json").code == 0
    Report.model_validate_json((workdir / "report.json").read_text())
    assert cli("assess", str(state_file), "-o", "report.txt").code == 0
    assert (workdir / "report.txt").read_text().startswith("Foundation assessment:")


def test_a_failed_write_leaves_the_previous_output_intact(
    cli: Callable[..., Result],
    state_file: Path,
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = workdir / "report.json"
    target.write_text("previous report\n")

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("foundation_engine.files.atomic.os.replace", crash)
    result = cli("assess", str(state_file), "-o", str(target))
    assert result.code == 2
    assert "No space left on device" in result.err
    assert target.read_text() == "previous report\n"
    assert sorted(p.name for p in workdir.iterdir()) == ["partnership.json", "report.json"]


def test_unknown_format_exits_2_and_lists_the_known_ones(
    cli: Callable[..., Result], state_file: Path
) -> None:
    result = cli("assess", str(state_file), "--format", "yaml")
    assert result.code == 2
    assert "unknown report format 'yaml'" in result.err
    assert "json" in result.err and "text" in result.err


def test_bad_date_is_reported_with_file_and_json_path(
    cli_process: Callable[..., Result], workdir: Path
) -> None:
    state = gappy_state()
    state["communications"][3]["date"] = "31/03/2026"
    (workdir / "x.json").write_text(json.dumps(state))
    result = cli_process("assess", "x.json")
    assert result.code == 2
    assert result.err.splitlines() == [
        'error: x.json: $.communications[3].date: expected a date like 2026-03-31, got "31/03/2026"'
    ]
    assert result.out == ""


def test_every_problem_is_listed_and_no_traceback_without_debug(
    cli_process: Callable[..., Result], workdir: Path
) -> None:
    state = gappy_state()
    state["communications"][0]["channel"] = "pigeon"
    state["communications"][1]["date"] = "soon"
    (workdir / "x.json").write_text(json.dumps(state))
    result = cli_process("assess", "x.json")
    assert result.code == 2
    lines = result.err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("error: x.json: $.communications[0].channel: expected one of")
    assert lines[1].startswith("error: x.json: $.communications[1].date:")
    assert "Traceback" not in result.err
    debug = cli_process("assess", "x.json", "--debug")
    assert debug.code != 0
    assert "Traceback" in debug.err


def test_invalid_json_names_the_line(cli: Callable[..., Result], workdir: Path) -> None:
    (workdir / "x.json").write_text('{\n  "partnership": {\n    "id": oops\n}')
    result = cli("assess", "x.json")
    assert result.code == 2
    assert result.err.startswith("error: x.json:3: invalid JSON")


def test_missing_file_exits_2(cli: Callable[..., Result]) -> None:
    result = cli("assess", "nowhere.json")
    assert result.code == 2
    assert result.err == "error: nowhere.json: no such file\n"


def test_bad_usage_exits_2(cli: Callable[..., Result]) -> None:
    assert cli("assess").code == 2
    assert cli("assess", "x.json", "--fail-under", "high").code == 2
    assert cli("assess", "x.json", "--fail-on", "dreadful").code == 2
    assert cli("no-such-command").code == 2


def test_bad_as_of_exits_2(cli: Callable[..., Result], state_file: Path) -> None:
    result = cli("assess", str(state_file), "--as-of", "yesterday")
    assert result.code == 2
    assert "expected a date like 2026-03-31" in result.err


def test_as_of_changes_the_assessment_date(cli: Callable[..., Result], state_file: Path) -> None:
    assert _report(cli, str(state_file), "--as-of", "2026-05-01").as_of.isoformat() == "2026-05-01"


def test_fail_under_exits_1_only_below_the_score(
    cli: Callable[..., Result], state_file: Path
) -> None:
    report = _report(cli, str(state_file))
    assert report.overall_score is not None and report.overall_score < 100
    below = cli("assess", str(state_file), "--fail-under", "100")
    assert below.code == 1
    assert f"overall score {report.overall_score:.1f} is below --fail-under 100" in below.err
    assert cli("assess", str(state_file), "--fail-under", f"{report.overall_score}").code == 0


@pytest.mark.parametrize("severity", [s.value for s in Severity])
def test_fail_on_exits_1_when_a_failed_finding_is_that_severe(
    cli: Callable[..., Result], state_file: Path, severity: str
) -> None:
    report = _report(cli, str(state_file))
    floor = SEVERITY_ORDER[Severity(severity)]
    hits = [f.rule_id for f in report.failed() if SEVERITY_ORDER[f.severity] >= floor]
    result = cli("assess", str(state_file), "--fail-on", severity)
    assert result.code == (1 if hits else 0)
    for rule_id in hits:
        assert rule_id in result.err


def test_fail_on_info_fails_a_report_with_any_failed_finding(
    cli: Callable[..., Result], state_file: Path
) -> None:
    assert _report(cli, str(state_file)).failed(), "the fixture state must fail some rule"
    assert cli("assess", str(state_file), "--fail-on", "info").code == 1


def test_select_and_ignore(cli: Callable[..., Result], state_file: Path) -> None:
    only = _report(cli, str(state_file), "--select", "COM001")
    assert [f.rule_id for f in only.findings] == ["COM001"]
    without = _report(cli, str(state_file), "--ignore", "COM")
    assert without.findings
    assert not [f for f in without.findings if f.rule_id.startswith("COM")]


def test_config_is_discovered_in_the_current_folder(
    cli: Callable[..., Result], state_file: Path, workdir: Path
) -> None:
    (workdir / "foundation.toml").write_text('ignore = ["COM001"]\n')
    assert "COM001" not in {f.rule_id for f in _report(cli, str(state_file)).findings}


def test_config_option_names_a_config_file(
    cli: Callable[..., Result], state_file: Path, workdir: Path
) -> None:
    (workdir / "other.toml").write_text('select = ["COM001"]\n')
    report = _report(cli, str(state_file), "--config", "other.toml")
    assert [f.rule_id for f in report.findings] == ["COM001"]


def test_bad_config_exits_2_naming_the_file(
    cli: Callable[..., Result], state_file: Path, workdir: Path
) -> None:
    (workdir / "foundation.toml").write_text("selectt = []\n")
    result = cli("assess", str(state_file))
    assert result.code == 2
    assert "foundation.toml" in result.err and "selectt" in result.err


def test_terminal_control_characters_from_the_state_are_escaped(
    cli: Callable[..., Result], workdir: Path
) -> None:
    (workdir / "x.json").write_text(json.dumps(gappy_state(name="\x1b[31mX\u202e")))
    result = cli("assess", "x.json")
    assert result.code == 0
    assert "\x1b" not in result.out and "\u202e" not in result.out
    assert "\\x1b[31mX\\u202e" in result.out


def test_python_m_and_version(cli_process: Callable[..., Result]) -> None:
    from foundation_engine import __version__

    result = cli_process("--version")
    assert result.code == 0
    assert result.out == f"foundation-engine {__version__}\n"
