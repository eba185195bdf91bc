"""``batch`` shows a tqdm progress bar on a terminal: done of total, rate, time left."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from foundation_engine.batch import progress_bar
from foundation_engine.batch.progress_bar import ProgressBar, count_records
from foundation_engine.batch.summary import PortfolioSummary

from .conftest import Result, gappy_state
from .test_batch import MIXED, _write_jsonl


def test_records_are_counted_when_that_is_cheap(workdir: Path) -> None:
    (workdir / "in.jsonl").write_text('{"a": 1}\n\n  \n{"a": 2}\n{"a": 3}')
    folder = workdir / "states"
    folder.mkdir()
    for name in ("a.json", "b.toml", "c.xlsx", "notes.txt"):
        (folder / name).write_text("{}")
    (workdir / "one.json").write_text("{}")
    (workdir / "array.json").write_text("[{}, {}]")
    assert count_records(["in.jsonl"]) == 3
    assert count_records(["states"]) == 3
    assert count_records(["in.jsonl", "states", "one.json"]) == 7
    assert count_records(["array.json"]) is None  # counting would mean parsing it
    assert count_records(["-"]) is None
    assert count_records(["in.jsonl", "-"]) is None


def test_a_very_large_json_lines_file_is_not_read_twice(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / "in.jsonl").write_text('{"a": 1}\n' * 100)
    monkeypatch.setattr(progress_bar, "MAX_COUNTED_BYTES", 99)
    assert count_records(["in.jsonl"]) is None


def test_the_bar_shows_done_of_total_and_what_failed() -> None:
    stream = io.StringIO()
    summary = PortfolioSummary()
    bar = ProgressBar(stream, summary, total=4)
    summary.records, summary.failed = 3, 1
    bar.update()
    bar.end()
    text = stream.getvalue()
    assert "3/4" in text
    assert "records/s" in text or "s/ records" in text
    assert "1 could not be assessed" in text


def test_a_resumed_batch_starts_the_bar_at_the_records_kept() -> None:
    stream = io.StringIO()
    summary = PortfolioSummary()
    summary.records = 5
    bar = ProgressBar(stream, summary, total=8)
    bar.end()
    assert "5/8" in stream.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _batch_with_terminal(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, *argv: str
) -> tuple[Result, str]:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    result = cli("batch", *argv, "--workers", "1")
    monkeypatch.undo()
    return result, terminal.getvalue()


def test_on_a_terminal_the_batch_shows_a_bar_with_its_total(
    cli: Callable[..., Result], workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_jsonl(workdir / "in.jsonl", MIXED)
    plain = cli("batch", "in.jsonl", "--workers", "1", "--no-progress")
    result, shown = _batch_with_terminal(cli, monkeypatch, "in.jsonl")
    assert result.code == plain.code == 0
    records = sum(1 for line in MIXED if line.strip())
    assert f"{records}/{records}" in shown
    assert "could not be assessed" in shown
    assert result.out == plain.out  # the records are byte for byte the same


def test_no_bar_off_a_terminal_or_with_quiet(
    cli: Callable[..., Result], workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(gappy_state())])
    off_terminal = cli("batch", "in.jsonl", "--workers", "1")
    assert off_terminal.err == ""
    result, shown = _batch_with_terminal(cli, monkeypatch, "in.jsonl", "--quiet")
    assert result.code == 0
    assert shown == ""
