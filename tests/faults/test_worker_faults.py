"""Batch workers that die, hang or run out of memory cost at most the record they were on."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from foundation_engine.batch import BatchSettings, run_batch
from foundation_engine.batch.runner import BatchResult
from foundation_engine.core.config import EngineConfig
from foundation_engine.files.limits import Limits

from ..cli.conftest import gappy_state
from . import misbehaving_plugin

PLUGIN = misbehaving_plugin.__name__


def _batch(
    tmp_path: Path,
    ids: list[str],
    *,
    workers: int = 2,
    chunk_size: int = 3,
    limits: Limits | None = None,
    rule_seconds: float | None = None,
) -> tuple[list[dict[str, Any]], BatchResult, str]:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(gappy_state(id=pid)) + "\n" for pid in ids))
    stderr = io.StringIO()
    settings = BatchSettings(
        inputs=[str(source)],
        config=EngineConfig(limits=limits or Limits()),
        output=str(tmp_path / "out.jsonl"),
        workers=workers,
        chunk_size=chunk_size,
        plugins=[PLUGIN],
        rule_seconds=rule_seconds,
    )
    result = run_batch(settings, stdout=io.StringIO(), stderr=stderr)
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines], result, stderr.getvalue()


def _com990(record: dict[str, Any]) -> dict[str, Any]:
    return next(f for f in record["report"]["findings"] if f["rule_id"] == "COM990")


def test_records_of_dying_workers_are_retried_once_then_reported(tmp_path: Path) -> None:
    ids = [
        "ok-00",
        "crash-exit-01",
        "ok-02",
        "ok-03",
        "crash-kill-04",
        "ok-05",
        "ok-06",
        "ok-07",
        "crash-segv-08",
        "ok-09",
        "ok-10",
    ]
    records, result, _ = _batch(tmp_path, ids)
    assert [r["seq"] for r in records] == list(range(len(ids)))
    assert [r["partnership_id"] for r in records] == ids
    assert [r["ok"] for r in records] == [not pid.startswith("crash-") for pid in ids]
    errors = {r["partnership_id"]: r["error"] for r in records if not r["ok"]}
    assert {e["kind"] for e in errors.values()} == {"worker_crash"}
    assert errors["crash-exit-01"]["message"] == (
        "the worker process assessing this record exited unexpectedly (status 3); "
        "retried in a fresh worker, it exited unexpectedly (status 3) again"
    )
    assert "was killed (SIGKILL" in errors["crash-kill-04"]["message"]
    assert errors["crash-segv-08"]["message"].count("died (SIGSEGV)") == 2
    assert result.worker_restarts == 6  # each crashing record killed two workers
    assert result.summary.failure_kinds == {"worker_crash": 3}
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_a_record_whose_worker_dies_once_is_assessed_on_its_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    markers = tmp_path / "markers"
    markers.mkdir()
    monkeypatch.setenv(misbehaving_plugin.MARKERS_ENV, str(markers))
    ids = ["ok-0", "ok-1", "crash-once-2", "ok-3", "ok-4"]
    records, result, _ = _batch(tmp_path, ids, workers=1, chunk_size=5)
    assert [(r["partnership_id"], r["ok"]) for r in records] == [(pid, True) for pid in ids]
    assert result.worker_restarts == 1
    assert (markers / "crash-once-2").exists()


def test_one_worker_survives_a_crash_too(tmp_path: Path) -> None:
    records, result, _ = _batch(tmp_path, ["crash-exit-0", "ok-1"], workers=1)
    assert [(r["partnership_id"], r["ok"]) for r in records] == [
        ("crash-exit-0", False),
        ("ok-1", True),
    ]
    assert result.worker_restarts == 2


def test_a_check_looping_forever_becomes_an_error_finding_in_a_batch(tmp_path: Path) -> None:
    records, result, _ = _batch(tmp_path, ["ok-0", "loop-1", "ok-2"], rule_seconds=0.3)
    assert [r["ok"] for r in records] == [True, True, True]
    finding = _com990(records[1])
    assert finding["status"] == "error"
    assert finding["message"] == (
        "Rule COM990 could not run: check 'faults.misbehave' from plugin "
        f"'{PLUGIN}' ran past its time budget of 0.3 s (limits.rule_seconds) and was stopped"
    )
    assert _com990(records[0])["status"] == "passed"
    assert result.worker_restarts == 0


def test_the_batch_rule_budget_comes_from_the_config_when_not_given(tmp_path: Path) -> None:
    records, _, _ = _batch(tmp_path, ["loop-0"], limits=Limits(rule_seconds=0.2))
    assert "time budget of 0.2 s" in _com990(records[0])["message"]


def test_the_batch_rule_budget_defaults_to_ten_seconds() -> None:
    assert BatchSettings(inputs=[]).effective_config().limits.rule_seconds == 10
    configured = BatchSettings(inputs=[], config=EngineConfig(limits=Limits(rule_seconds=3)))
    assert configured.effective_config().limits.rule_seconds == 3
    overridden = BatchSettings(inputs=[], config=configured.config, rule_seconds=0)
    assert overridden.effective_config().limits.rule_seconds == 0


def test_a_check_stuck_where_signals_cannot_reach_is_stopped_by_the_record_limit(
    tmp_path: Path,
) -> None:
    limits = Limits(record_seconds=1)
    records, result, _ = _batch(tmp_path, ["ok-0", "stuck-1", "ok-2"], limits=limits)
    assert [r["ok"] for r in records] == [True, False, True]
    error = records[1]["error"]
    assert error["kind"] == "worker_timeout"
    assert error["message"] == (
        "the worker process assessing this record was stopped after 1 s on it "
        "(limits.record_seconds); retried in a fresh worker, it was stopped after 1 s on it "
        "(limits.record_seconds) again"
    )
    assert result.worker_restarts == 2


def test_a_check_allocating_without_bound_meets_the_worker_memory_cap(tmp_path: Path) -> None:
    limits = Limits(worker_memory_mb=512)
    records, result, _ = _batch(tmp_path, ["ok-0", "hog-1", "ok-2"], limits=limits)
    assert [r["ok"] for r in records] == [True, True, True]
    finding = _com990(records[1])
    assert finding["status"] == "error"
    assert "raised MemoryError" in finding["message"]
    assert result.worker_restarts == 0


def test_a_plugin_module_that_cannot_be_imported_is_a_batch_error(tmp_path: Path) -> None:
    from foundation_engine.batch import BatchError

    (tmp_path / "in.jsonl").write_text("")
    settings = BatchSettings(inputs=[str(tmp_path / "in.jsonl")], plugins=["no_such_module_x"])
    with pytest.raises(BatchError, match="cannot import plugin module: No module named"):
        run_batch(settings, stdout=io.StringIO(), stderr=io.StringIO())
