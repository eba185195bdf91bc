"""``batch --history``: one timeline per partnership, through the worker pool, resumable."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema

from foundation_engine import Engine, EngineConfig
from foundation_engine.batch.records import batch_record_schema
from foundation_engine.plugin.manager import DEFAULT_PLUGINS

from .conftest import Result
from .test_batch import MIXED, _records, _states, _write_jsonl

FLAGS = ("--no-progress",)


def test_every_record_gets_one_history_record_in_order_errors_included(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", MIXED)
    result = cli("batch", "in.jsonl", "--history", "monthly", "--workers", "2", *FLAGS)
    assert result.code == 0, result.err
    records = _records(result.out)
    assert [r["seq"] for r in records] == [0, 1, 2, 3, 4, 5]
    assert [r["ok"] for r in records] == [True, False, False, True, False, True]
    assert all("report" not in r for r in records)
    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    good = [json.loads(line) for line in MIXED if line.startswith('{"') and "good" in line]
    for record, state in zip([r for r in records if r["ok"]], good, strict=True):
        expected = engine.history(state, "monthly")
        assert record["history"] == json.loads(expected.model_dump_json())
        assert record["partnership_id"] == state["partnership"]["id"]
        assert len(record["history"]["points"]) == 6  # January to June
    assert records[1]["error"]["kind"] == "parse"
    validator = jsonschema.Draft202012Validator(batch_record_schema())
    for record in records:
        validator.validate(record)


def test_since_limits_every_history_and_a_start_after_the_end_is_that_records_error(
    cli: Callable[..., Result], workdir: Path
) -> None:
    states = _states(2)
    states[1]["partnership"]["as_of"] = "2026-03-15"
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in states])
    result = cli(
        "batch", "in.jsonl", "--history", "quarterly", "--since", "2026-04-01", "--workers", "1"
    )
    assert result.code == 0, result.err
    first, second = _records(result.out)
    assert [p["as_of"] for p in first["history"]["points"]] == ["2026-06-30"]
    assert second["ok"] is False
    assert second["error"]["kind"] == "validation"
    assert "2026-04-01 is after the last day, 2026-03-15" in second["error"]["message"]


def test_an_interrupted_history_batch_resumes_to_the_same_bytes(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(6)])
    args = ("batch", "in.jsonl", "--history", "monthly", "--workers", "1", *FLAGS)
    assert cli(*args, "-o", "full.jsonl", "--summary", "full-summary.json").code == 0
    full = (workdir / "full.jsonl").read_text()
    (workdir / "out.jsonl.partial").write_text("".join(full.splitlines(keepends=True)[:4]))
    result = cli(*args, "-o", "out.jsonl", "--resume", "--summary", "summary.json")
    assert result.code == 0, result.err
    assert "resumed after 4 records" in result.err
    assert (workdir / "out.jsonl").read_text() == full
    assert (workdir / "summary.json").read_text() == (workdir / "full-summary.json").read_text()


def test_resuming_reports_as_histories_is_refused(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(4)])
    assert cli("batch", "in.jsonl", "-o", "full.jsonl", "--workers", "1", *FLAGS).code == 0
    lines = (workdir / "full.jsonl").read_text().splitlines(keepends=True)
    (workdir / "out.jsonl.partial").write_text("".join(lines[:2]))
    result = cli("batch", "in.jsonl", "-o", "out.jsonl", "--resume", "--history", "monthly", *FLAGS)
    assert result.code == 2
    assert "holds reports (no --history), but this run writes monthly histories" in result.err
    assert "Traceback" not in result.err


def test_since_without_history_is_refused(cli: Callable[..., Result], workdir: Path) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(1)])
    result = cli("batch", "in.jsonl", "--since", "2026-01-01")
    assert result.code == 2
    assert "--since goes with --history" in result.err
