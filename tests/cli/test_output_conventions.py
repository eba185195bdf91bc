"""Output options: ``-`` is standard output everywhere, and the report format follows the
output file's suffix (an unknown suffix is an error, not a silent text report)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from foundation_engine.cli.report_formats import BUILTIN_FORMATS, SUFFIX_FORMATS
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine

from .conftest import Result, gappy_state
from .test_batch import _records, _write_jsonl

BATCH = ("--workers", "1", "--no-progress")


# -- "-" is standard output ------------------------------------------------------------


def test_assess_dash_output_prints_the_report_and_writes_no_file(
    cli: Callable[..., Result], state_file: Path, workdir: Path
) -> None:
    printed = cli("assess", str(state_file), "--format", "json").out
    result = cli("assess", str(state_file), "--format", "json", "-o", "-")
    assert result.code == 0, result.err
    assert result.out == printed
    assert not (workdir / "-").exists()


def test_batch_dash_output_prints_the_records_and_writes_no_file(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(gappy_state(id=f"p-{i}")) for i in range(2)])
    result = cli("batch", "in.jsonl", "-o", "-", *BATCH)
    assert result.code == 0, result.err
    assert [r["partnership_id"] for r in _records(result.out)] == ["p-0", "p-1"]
    assert not (workdir / "-").exists()
    assert result.out == cli("batch", "in.jsonl", *BATCH).out


@pytest.mark.parametrize("option", ["--summary", "--scores"])
def test_batch_summary_or_scores_on_stdout_match_the_file(
    cli: Callable[..., Result], workdir: Path, option: str
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(gappy_state(id=f"p-{i}")) for i in range(2)])
    to_file = cli("batch", "in.jsonl", "-o", "a.jsonl", option, "side.out", *BATCH)
    assert to_file.code == 0, to_file.err
    result = cli("batch", "in.jsonl", "-o", "b.jsonl", option, "-", *BATCH)
    assert result.code == 0, result.err
    assert result.out.encode() == (workdir / "side.out").read_bytes()
    assert (workdir / "a.jsonl").read_bytes() == (workdir / "b.jsonl").read_bytes()
    assert not (workdir / "-").exists()


def test_batch_stdout_carries_one_thing_only(cli: Callable[..., Result], workdir: Path) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(gappy_state())])
    both = cli("batch", "in.jsonl", "-o", "out.jsonl", "--summary", "-", "--scores", "-", *BATCH)
    assert both.code == 2
    assert both.err.startswith("error: --summary - and --scores -: standard output can carry")
    records_too = cli("batch", "in.jsonl", "--summary", "-", *BATCH)
    assert records_too.code == 2
    assert "--summary -: standard output already carries the records" in records_too.err
    assert not (workdir / "-").exists()


# -- the format follows the suffix -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("r.htm", "<!DOCTYPE html>"),
        ("r.html", "<!DOCTYPE html>"),
        ("r.HTML", "<!DOCTYPE html>"),
        ("r.markdown", "# Acme and TalentCo: partnership foundation report"),
        ("r.md", "# Acme and TalentCo: partnership foundation report"),
        ("r.csv", "priority,partnership_id,"),
        ("r.json", "{"),
        ("r.txt", "Foundation assessment: Acme and TalentCo"),
        ("report", "Foundation assessment: Acme and TalentCo"),
    ],
)
def test_assess_format_follows_the_output_suffix(
    cli: Callable[..., Result], state_file: Path, workdir: Path, name: str, starts: str
) -> None:
    result = cli("assess", str(state_file), "-o", name)
    assert result.code == 0, result.err
    assert (workdir / name).read_text(encoding="utf-8").startswith(starts)


def test_an_unknown_suffix_is_an_error_naming_it_and_the_known_ones(
    cli: Callable[..., Result], state_file: Path, workdir: Path
) -> None:
    result = cli("assess", str(state_file), "-o", "report.pdf")
    assert result.code == 2
    first, hint = result.err.splitlines()
    assert first == "error: report.pdf: cannot tell the report format from the suffix '.pdf'"
    assert hint.startswith("known suffixes: .csv, .htm, .html, .json, .markdown, .md, .txt;")
    assert "--format" in hint
    assert not (workdir / "report.pdf").exists()
    assert result.out == ""


def test_an_explicit_format_wins_over_the_suffix(
    cli: Callable[..., Result], state_file: Path, workdir: Path
) -> None:
    result = cli("assess", str(state_file), "-o", "report.pdf", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads((workdir / "report.pdf").read_text())["partnership_id"] == "acme-talentco"
    result = cli("assess", str(state_file), "-o", "report.html", "--format", "markdown")
    assert (workdir / "report.html").read_text().startswith("# Acme and TalentCo")


def test_assess_help_lists_the_formats_and_their_suffixes(cli: Callable[..., Result]) -> None:
    result = cli("assess", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    for name in BUILTIN_FORMATS:
        assert name in text
    for suffix in SUFFIX_FORMATS:
        assert suffix in text


def test_the_builtin_format_table_matches_the_builtin_writers() -> None:
    registry = Engine(EngineConfig()).registry
    builtin = {w.name for w in registry.writers.values() if registry.setup.is_builtin(w.plugin)}
    assert builtin == set(BUILTIN_FORMATS)
    for suffix, name in SUFFIX_FORMATS.items():
        assert name in builtin, suffix


def test_actions_refuse_an_unknown_suffix(
    cli: Callable[..., Result], state_file: Path, workdir: Path
) -> None:
    result = cli("actions", str(state_file), "-o", "actions.xlsx")
    assert result.code == 2
    assert "the suffix '.xlsx'" in result.err
    assert "known suffixes: .md, .markdown, .csv" in result.err
    assert not (workdir / "actions.xlsx").exists()
    assert cli("actions", str(state_file), "-o", "actions.markdown").code == 0
    assert (workdir / "actions.markdown").read_text().startswith("#")
