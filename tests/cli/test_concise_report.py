"""``--format concise`` and ``assess --summary-only``: a screenful, not 458 lines."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.report.model import Report
from foundation_engine.writers.concise_report import TOP_FIXES, render_concise
from tests.conftest import ROOT

from .conftest import Result, gappy_state

STRUGGLING = ROOT / "examples" / "struggling-partnership.json"


def _report(cli: Callable[..., Result], path: Path) -> Report:
    result = cli("assess", str(path), "--format", "json")
    assert result.code == 0, result.err
    return Report.model_validate_json(result.out)


def test_the_concise_writer_is_a_builtin_plugin() -> None:
    assert "foundation_engine.writers.concise_report" in DEFAULT_PLUGINS
    writer = Engine(EngineConfig()).registry.writers["concise"]
    assert writer.plugin == "foundation_engine.writers.concise_report"
    assert writer.write is render_concise


def test_the_struggling_example_fits_a_screen(cli: Callable[..., Result]) -> None:
    result = cli("assess", str(STRUGGLING), "--format", "concise")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert 15 <= len(lines) <= 25, result.out
    full = cli("assess", str(STRUGGLING)).out.splitlines()
    assert len(full) > 3 * len(lines)


def test_one_line_per_technique_with_score_rating_and_coverage(
    cli: Callable[..., Result],
) -> None:
    report = _report(cli, STRUGGLING)
    out = cli("assess", str(STRUGGLING), "--format", "concise").out
    lines = out.splitlines()
    assert lines[1].startswith(f"Overall: {report.overall_score:.1f} / 100, rated at risk")
    for technique in report.techniques:
        assert technique.score is not None
        [row] = [line for line in lines if line.strip().startswith(technique.title)]
        cells = row[len(f"  {technique.title}") :].split()
        assert cells[0] == f"{technique.score:.1f}"
        assert cells[-1] == f"{technique.coverage * 100:.0f}%"
    assert "  Pursue a few selective metrics   68.6  sound" in out


def test_the_top_fixes_come_by_impact_with_what_else_is_open(cli: Callable[..., Result]) -> None:
    report = _report(cli, STRUGGLING)
    out = cli("assess", str(STRUGGLING), "--format", "concise").out
    heading = next(line for line in out.splitlines() if line.startswith("Top fixes by impact"))
    assert heading.startswith(f"Top fixes by impact ({len(report.failed())} open: ")
    fixes = [line for line in out.splitlines() if line.lstrip().startswith("+")]
    expected = report.top_fixes(TOP_FIXES)
    assert [line.split()[2] for line in fixes] == [f.rule_id for f in expected]
    for line, finding in zip(fixes, expected, strict=True):
        assert line.split()[:2] == [f"+{finding.points_at_stake:.1f}", finding.severity.value]
    rest = len(report.failed()) - TOP_FIXES
    assert out.rstrip().endswith(f"and {rest} more; the full report lists them: --format text")


def test_summary_only_is_the_concise_report(cli: Callable[..., Result], state_file: Path) -> None:
    concise = cli("assess", str(state_file), "--format", "concise")
    summary = cli("assess", str(state_file), "--summary-only")
    assert summary.code == concise.code == 0
    assert summary.out == concise.out
    clash = cli("assess", str(state_file), "--summary-only", "--format", "json")
    assert clash.code == 2
    assert "--summary-only is the concise report; it cannot be --format json" in clash.err


def test_a_clean_partnership_has_nothing_to_fix(cli: Callable[..., Result]) -> None:
    out = cli("assess", str(ROOT / "examples" / "strong-partnership.json"), "--summary-only").out
    assert "Top fixes by impact (none open)\n  Nothing to fix.\n" in out


def test_untrusted_text_is_escaped(cli: Callable[..., Result], workdir: Path) -> None:
    state = gappy_state(id="evil", name="Acme\x1b[2J\u200b\u202e")
    (workdir / "evil.json").write_text(json.dumps(state))
    out = cli("assess", "evil.json", "--summary-only").out
    assert out.startswith("Acme\\x1b[2J\\u200b\\u202e (evil), as of 2026-06-30\n")
    assert "\x1b" not in out and "\u202e" not in out and "\u200b" not in out
