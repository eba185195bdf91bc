"""``foundation-engine actions``: the action list from a state or a report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from foundation_engine.writers.action_list import CSV_COLUMNS
from tests.conftest import EXAMPLES

from .conftest import Result


def test_the_actions_command_reads_a_state_or_a_report(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "actions.csv"
    done = cli("actions", str(EXAMPLES / "struggling-partnership.json"), "-o", str(out))
    assert done.code == 0
    assert out.read_text(encoding="utf-8").startswith(",".join(CSV_COLUMNS))
    report = tmp_path / "report.json"
    assert cli("assess", str(EXAMPLES / "strong-partnership.json"), "-o", str(report)).code == 0
    done = cli("actions", str(report))
    assert done.code == 0 and "Nothing is open." in done.out
