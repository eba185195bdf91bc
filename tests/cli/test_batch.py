from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli_w

from foundation_engine.batch.records import batch_record_schema

from .conftest import Result, gappy_state


def _states(count: int, prefix: str = "p") -> list[dict[str, Any]]:
    return [gappy_state(id=f"{prefix}-{i:05d}") for i in range(count)]


def _write_jsonl(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines))


def _records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


MIXED = [
    json.dumps(gappy_state(id="good-0")),
    "{not json",
    json.dumps(
        {
            **gappy_state(id="bad-date"),
            "communications": [
                {"date": "31/03/2026", "kind": "weekly_checkin", "channel": "video"}
            ],
        }
    ),
    "",  # blank lines are not records
    json.dumps(gappy_state(id="good-1")),
    "[1, 2]",
    json.dumps(gappy_state(id="good-2")),
]


def test_mixed_good_and_bad_records_give_one_record_each_in_order(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", MIXED)
    result = cli("batch", "in.jsonl", "--workers", "1")
    assert result.code == 0
    records = _records(result.out)
    assert [r["seq"] for r in records] == [0, 1, 2, 3, 4, 5]
    assert [r["line"] for r in records] == [1, 2, 3, 5, 6, 7]
    assert [r["ok"] for r in records] == [True, False, False, True, False, True]
    assert [r["partnership_id"] for r in records] == [
        "good-0",
        None,
        "bad-date",
        "good-1",
        None,
        "good-2",
    ]
    assert all(r["source"] == "in.jsonl" and r["index"] is None for r in records)
    assert records[1]["error"]["kind"] == "parse"
    assert records[2]["error"] == {
        "kind": "validation",
        "message": 'expected a date like 2026-03-31, got "31/03/2026"',
        "path": "$.communications[0].date",
        "problems": [
            {
                "message": 'expected a date like 2026-03-31, got "31/03/2026"',
                "path": "$.communications[0].date",
                "line": None,
            }
        ],
    }
    assert records[4]["error"]["kind"] == "validation"
    assert records[0]["report"]["partnership_id"] == "good-0"
    assert "3 of 6 records could not be assessed" in result.err


def test_strict_exits_2_when_a_record_fails(cli: Callable[..., Result], workdir: Path) -> None:
    _write_jsonl(workdir / "in.jsonl", MIXED)
    assert cli("batch", "in.jsonl", "--strict", "--workers", "1").code == 2
    _write_jsonl(workdir / "good.jsonl", [json.dumps(s) for s in _states(2)])
    assert cli("batch", "good.jsonl", "--strict", "--workers", "1").code == 0


def test_every_record_matches_the_published_schema(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", MIXED)
    validator = jsonschema.Draft202012Validator(batch_record_schema())
    for record in _records(cli("batch", "in.jsonl", "--workers", "1").out):
        validator.validate(record)


def test_schema_command_prints_the_batch_record_schema(cli: Callable[..., Result]) -> None:
    result = cli("schema", "batch")
    assert result.code == 0
    assert json.loads(result.out) == batch_record_schema()


def test_json_array_input_gives_index_and_line(cli: Callable[..., Result], workdir: Path) -> None:
    states = _states(3)
    text = "[\n" + ",\n".join(json.dumps(s) for s in states[:2]) + ",\n  42,\n"
    text += json.dumps(states[2]) + "\n]\n"
    (workdir / "in.json").write_text(text)
    records = _records(cli("batch", "in.json", "--workers", "1").out)
    assert [(r["index"], r["line"], r["ok"]) for r in records] == [
        (0, 2, True),
        (1, 3, True),
        (2, 4, False),
        (3, 5, True),
    ]
    assert records[2]["error"]["message"].startswith("expected a JSON object")


def test_folder_input_reads_each_state_file_in_name_order(
    cli: Callable[..., Result], workdir: Path
) -> None:
    folder = workdir / "states"
    folder.mkdir()
    (folder / "b.json").write_text(json.dumps(gappy_state(id="b")))
    (folder / "a.toml").write_text(tomli_w.dumps(gappy_state(id="a")))
    (folder / "c.json").write_text('{"partnership": {"id": "c"}}')
    (folder / "notes.txt").write_text("not a state")
    records = _records(cli("batch", "states", "--workers", "1").out)
    assert [(Path(r["source"]).name, r["partnership_id"], r["ok"]) for r in records] == [
        ("a.toml", "a", True),
        ("b.json", "b", True),
        ("c.json", "c", False),
    ]


def test_several_inputs_are_numbered_as_one_batch(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "one.jsonl", [json.dumps(s) for s in _states(2, "one")])
    (workdir / "two.json").write_text(json.dumps(gappy_state(id="two")))
    records = _records(cli("batch", "one.jsonl", "two.json", "--workers", "1").out)
    assert [(r["seq"], r["partnership_id"]) for r in records] == [
        (0, "one-00000"),
        (1, "one-00001"),
        (2, "two"),
    ]


@pytest.mark.parametrize("shape", ["lines", "array"])
def test_stdin_takes_json_lines_or_an_array(cli_process: Callable[..., Result], shape: str) -> None:
    states = _states(3)
    if shape == "lines":
        data = "".join(json.dumps(s) + "\n" for s in states)
    else:
        data = json.dumps(states, indent=2)
    result = cli_process("batch", "-", "--workers", "1", stdin=data.encode())
    assert result.code == 0, result.err
    records = _records(result.out)
    assert [r["partnership_id"] for r in records] == [s["partnership"]["id"] for s in states]
    assert {r["source"] for r in records} == {"<stdin>"}


def test_several_workers_keep_input_order(
    cli_process: Callable[..., Result], workdir: Path
) -> None:
    states = _states(150)
    lines = [json.dumps(s) for s in states]
    lines[37] = "{broken"
    _write_jsonl(workdir / "in.jsonl", lines)
    result = cli_process("batch", "in.jsonl", "--workers", "3", "-o", "out.jsonl")
    assert result.code == 0, result.err
    records = _records((workdir / "out.jsonl").read_text())
    assert [r["seq"] for r in records] == list(range(150))
    assert [r["line"] for r in records] == list(range(1, 151))
    expected = [s["partnership"]["id"] for s in states]
    expected[37] = None
    assert [r["partnership_id"] for r in records] == expected
    assert not (workdir / "out.jsonl.partial").exists()


def test_summary_counts_and_distributions(cli: Callable[..., Result], workdir: Path) -> None:
    lines = [json.dumps(gappy_state(id="early", as_of="2026-04-10")), *MIXED]
    _write_jsonl(workdir / "in.jsonl", lines)
    result = cli(
        "batch", "in.jsonl", "-o", "out.jsonl", "--summary", "summary.json", "--workers", "1"
    )
    assert result.code == 0
    records = _records((workdir / "out.jsonl").read_text())
    summary = json.loads((workdir / "summary.json").read_text())
    reports = [r["report"] for r in records if r["ok"]]
    assert summary["records"] == len(records) == 7
    assert summary["assessed"] == len(reports) == 4
    assert summary["failed"] == 3
    assert summary["failures_by_kind"] == {"parse": 1, "validation": 2}
    scores = sorted(r["overall_score"] for r in reports if r["overall_score"] is not None)
    q1, median, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    assert summary["overall"] == {
        "count": len(scores),
        "mean": round(statistics.fmean(scores), 2),
        "min": round(scores[0], 2),
        "q1": round(q1, 2),
        "median": round(median, 2),
        "q3": round(q3, 2),
        "max": round(scores[-1], 2),
    }
    for technique, spread in summary["techniques"].items():
        values = [
            t["score"]
            for r in reports
            for t in r["techniques"]
            if t["technique"] == technique and t["score"] is not None
        ]
        assert spread["count"] == len(values)
        expected_median = round(statistics.median(values), 2) if values else None
        assert spread["median"] == expected_median
    counts: dict[str, int] = {}
    for report in reports:
        for rule_id in {
            f["rule_id"] for f in report["findings"] if f["status"] == "failed" and not f["waived"]
        }:
            counts[rule_id] = counts.get(rule_id, 0) + 1
    top = summary["top_findings"]
    assert top, "the fixture states fail some rule"
    assert top[0]["partnerships"] == max(counts.values())
    for entry in top:
        assert counts[entry["rule_id"]] == entry["partnerships"]
        assert entry["share"] == round(entry["partnerships"] / 4, 4)


def test_missing_input_exits_2(cli: Callable[..., Result]) -> None:
    result = cli("batch", "nowhere.jsonl")
    assert result.code == 2
    assert result.err == "error: nowhere.jsonl: no such file or folder\n"


def test_resume_needs_an_output_file(cli: Callable[..., Result], workdir: Path) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(gappy_state())])
    result = cli("batch", "in.jsonl", "--resume")
    assert result.code == 2
    assert "--resume needs -o FILE" in result.err


def test_resume_cuts_a_torn_last_line_and_finishes(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(5)])
    assert cli("batch", "in.jsonl", "-o", "full.jsonl", "--workers", "1").code == 0
    full = (workdir / "full.jsonl").read_text()
    lines = full.splitlines(keepends=True)
    (workdir / "out.jsonl.partial").write_text("".join(lines[:2]) + lines[2][:40])
    result = cli("batch", "in.jsonl", "-o", "out.jsonl", "--resume", "--workers", "1")
    assert result.code == 0
    assert "resumed after 2 records" in result.err
    assert (workdir / "out.jsonl").read_text() == full
    assert not (workdir / "out.jsonl.partial").exists()


def test_resume_refuses_output_from_another_input(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "a.jsonl", [json.dumps(s) for s in _states(3)])
    assert cli("batch", "a.jsonl", "-o", "full.jsonl", "--workers", "1").code == 0
    first = (workdir / "full.jsonl").read_text().splitlines(keepends=True)[0]
    (workdir / "out.jsonl.partial").write_text(first)
    _write_jsonl(workdir / "b.jsonl", [json.dumps(s) for s in _states(3)])
    result = cli("batch", "b.jsonl", "-o", "out.jsonl", "--resume", "--workers", "1")
    assert result.code == 2
    assert "cannot resume" in result.err and "a.jsonl" in result.err


def test_resume_of_a_finished_batch_writes_nothing_new(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(2)])
    assert cli("batch", "in.jsonl", "-o", "out.jsonl", "--workers", "1").code == 0
    before = (workdir / "out.jsonl").read_text()
    result = cli(
        "batch", "in.jsonl", "-o", "out.jsonl", "--resume", "--summary", "s.json", "--workers", "1"
    )
    assert result.code == 0
    assert "already complete" in result.err
    assert (workdir / "out.jsonl").read_text() == before
    assert json.loads((workdir / "s.json").read_text())["records"] == 2


def test_resume_after_sigkill_loses_and_duplicates_nothing(workdir: Path) -> None:
    count = 1200
    states = _states(count)
    lines = [json.dumps(s) for s in states]
    for bad in (5, 600, 1100):
        lines[bad] = '{"partnership": "oops"}'
    _write_jsonl(workdir / "in.jsonl", lines)
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
        "--summary",
        "s.json",
    ]
    partial = workdir / "out.jsonl.partial"
    process = subprocess.Popen(
        command,
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # Wait until some records are written, then kill the batch without warning.
        for _ in range(6000):
            if partial.exists() and partial.stat().st_size > 200_000:
                break
            if process.poll() is not None:
                break
            time.sleep(0.01)
        assert process.poll() is None, "the batch finished before it could be interrupted"
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert not (workdir / "out.jsonl").exists(), "the final file appears only when complete"
    written_before = partial.read_bytes().count(b"\n")
    assert 0 < written_before < count

    resumed = subprocess.run(
        [*command, "--resume"], cwd=workdir, capture_output=True, timeout=600, check=False
    )
    assert resumed.returncode == 0, resumed.stderr.decode()
    records = _records((workdir / "out.jsonl").read_text())
    assert len(records) == count
    assert [r["seq"] for r in records] == list(range(count))
    assert [r["line"] for r in records] == list(range(1, count + 1))
    ids = [r["partnership_id"] for r in records]
    expected = [s["partnership"]["id"] for s in states]
    for bad in (5, 600, 1100):
        expected[bad] = None
    assert ids == expected
    assert [i for i, r in enumerate(records) if not r["ok"]] == [5, 600, 1100]
    summary = json.loads((workdir / "s.json").read_text())
    assert (summary["records"], summary["assessed"], summary["failed"]) == (count, count - 3, 3)
