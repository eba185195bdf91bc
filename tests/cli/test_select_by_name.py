"""Rule names work wherever rule ids do: --select, --ignore and foundation.toml."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from foundation_engine.report.model import Report

from .conftest import Result


def _rule_ids(cli: Callable[..., Result], *argv: str) -> list[str]:
    result = cli("assess", *argv, "--format", "json")
    assert result.code == 0, result.err
    return [f.rule_id for f in Report.model_validate_json(result.out).findings]


def test_select_by_name_on_the_command_line(cli: Callable[..., Result], state_file: Path) -> None:
    assert _rule_ids(cli, str(state_file), "--select", "touchpoint-gap,stale-kpi-data") == [
        "COM001",
        "MET007",
    ]


def test_ignore_by_name_on_the_command_line(cli: Callable[..., Result], state_file: Path) -> None:
    ids = _rule_ids(cli, str(state_file), "--select", "COM", "--ignore", "touchpoint-gap")
    assert ids and "COM001" not in ids and all(i.startswith("COM") for i in ids)


def test_select_by_name_in_the_config(
    cli: Callable[..., Result], state_file: Path, workdir: Path
) -> None:
    (workdir / "foundation.toml").write_text('select = ["watermelon-scorecard"]\n')
    assert _rule_ids(cli, str(state_file)) == ["MET008"]
