"""Interrupting a batch with SIGINT, SIGTERM and SIGKILL, then resuming, loses and
duplicates nothing: the soak of ``scripts/interrupt_batch.py``, small."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ..cli.conftest import gappy_state

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "interrupt_batch.py"


def _soak_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("interrupt_batch", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_each_signal_then_resume_gives_every_record_exactly_once(tmp_path: Path) -> None:
    soak = _soak_module()
    code = soak.main(
        [
            "--records",
            "300",
            "--per-signal",
            "1",
            "--workers",
            "2",
            "--seed",
            "3",
            "--max-delay",
            "0.8",
            "--workdir",
            str(tmp_path),
        ]
    )
    summary = json.loads((tmp_path / "soak-summary.json").read_text())
    assert summary["defects"] == []
    assert code == 0
    assert summary["interruptions"] == {"SIGINT": 1, "SIGTERM": 1, "SIGKILL": 1}
    assert summary["records"] == 300 and summary["complete_outputs_verified"] >= 1
    assert summary["output_records"] == 300 * summary["complete_outputs_verified"]
    assert (summary["lost"], summary["duplicates"], summary["out_of_order"]) == (0, 0, 0)
    assert summary["mismatched"] == 0


def test_the_soak_notices_a_lost_or_duplicated_record(tmp_path: Path) -> None:
    soak = _soak_module()
    expected = soak.write_portfolio(tmp_path / "portfolio.jsonl", 4, seed=1)
    lines = [
        json.dumps({"seq": i, "line": e.line, "partnership_id": e.partnership_id, "ok": e.ok})
        for i, e in enumerate(expected)
    ]
    lines[2] = lines[1]  # record 1 written twice, record 2 lost
    (tmp_path / "out.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "summary.json").write_text(
        json.dumps({"records": 4, "failed": sum(not e.ok for e in expected)})
    )
    result = soak.Soak(records=4, seed=1, workers=1)
    soak.verify(tmp_path, expected, result)
    assert (result.duplicates, result.lost, result.out_of_order) == (1, 1, 2)
    assert result.defects


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_a_graceful_stop_leaves_only_complete_records(tmp_path: Path, signal_name: str) -> None:
    import os
    import signal
    import subprocess
    import time

    count = 400
    (tmp_path / "in.jsonl").write_text(
        "".join(json.dumps(gappy_state(id=f"p-{i:04d}")) + "\n" for i in range(count))
    )
    command = [
        sys.executable,
        "-m",
        "foundation_engine",
        "batch",
        "in.jsonl",
        "-o",
        "out.jsonl",
        "--workers",
        "2",
        "--no-progress",
    ]
    env = {**os.environ, "FOUNDATION_ENGINE_LOAD_PLUGINS": ""}
    process = subprocess.Popen(
        command, cwd=tmp_path, stderr=subprocess.PIPE, start_new_session=True, env=env
    )
    partial = tmp_path / "out.jsonl.partial"
    for _ in range(3000):
        if process.poll() is not None or (partial.exists() and partial.stat().st_size > 50_000):
            break
        time.sleep(0.01)
    assert process.poll() is None, "the batch finished before it could be stopped"
    os.kill(process.pid, getattr(signal, signal_name))
    _, err = process.communicate(timeout=120)
    assert process.returncode == (130 if signal_name == "SIGINT" else 143)
    assert "Traceback" not in err.decode()
    assert "continue with: --resume -o out.jsonl" in err.decode()
    data = partial.read_bytes()
    assert data.endswith(b"\n"), "a graceful stop writes whole records only"
    seqs = [json.loads(line)["seq"] for line in data.splitlines()]
    assert seqs == list(range(len(seqs))) and 0 < len(seqs) < count
    resumed = subprocess.run(
        [*command, "--resume"], cwd=tmp_path, capture_output=True, env=env, timeout=300, check=False
    )
    assert resumed.returncode == 0, resumed.stderr.decode()
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["partnership_id"] for r in records] == [f"p-{i:04d}" for i in range(count)]
