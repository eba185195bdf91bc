"""``batch --scores FILE.csv``: one CSV row per input record, streamed and resumable."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Report
from foundation_engine.writers.csv_report import SUMMARY_COLUMNS, summary_rows_csv

from .conftest import Result, gappy_state
from .test_batch import MIXED, _records, _states, _write_jsonl


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _techniques() -> list[str]:
    return [t.id for t in Engine(EngineConfig()).techniques]


def test_one_row_per_record_good_and_bad_in_input_order(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", MIXED)
    result = cli("batch", "in.jsonl", "-o", "out.jsonl", "--scores", "scores.csv", "--workers", "1")
    assert result.code == 0, result.err
    records = _records((workdir / "out.jsonl").read_text())
    raw = (workdir / "scores.csv").read_bytes()
    assert raw.count(b"\r\n") == len(records) + 1 == 7  # header plus N rows for N records
    header = raw.split(b"\r\n", 1)[0].decode()
    techniques = _techniques()
    assert header.split(",") == [
        *SUMMARY_COLUMNS,
        *(f"score_{t}" for t in techniques),
        "ok",
        "error",
    ]
    rows = _rows(workdir / "scores.csv")
    assert [r["ok"] for r in rows] == ["true", "false", "false", "true", "false", "true"]
    assert [r["partnership_id"] for r in rows] == ["good-0", "", "bad-date", "good-1", "", "good-2"]
    for record, row in zip(records, rows, strict=True):
        if record["ok"]:
            report = record["report"]
            assert row["error"] == ""
            assert row["partnership_name"] == report["partnership_name"]
            assert row["as_of"] == report["as_of"] == "2026-06-30"
            assert row["phase"] == report["phase"]
            assert float(row["overall_score"]) == round(report["overall_score"], 2)
            assert row["rating"] == report["rating"]
            assert (
                int(row["findings_to_fix"])
                == sum(1 for f in report["findings"] if f["status"] == "failed" and not f["waived"])
                > 0
            )
            by_technique = {t["technique"]: t["score"] for t in report["techniques"]}
            for technique in techniques:
                score = by_technique[technique]
                cell = row[f"score_{technique}"]
                assert cell == ("" if score is None else repr(round(score, 2)))
        else:
            error = record["error"]
            assert row["error"] == (
                f"{error['kind']}: {error['path']}: {error['message']}"
                if error["path"]
                else f"{error['kind']}: {error['message']}"
            )
            assert all(row[c] == "" for c in SUMMARY_COLUMNS[1:])
            assert all(row[f"score_{t}"] == "" for t in techniques)
    assert rows[2]["error"] == (
        'validation: $.communications[0].date: expected a date like 2026-03-31, got "31/03/2026"'
    )
    assert rows[1]["error"].startswith("parse: ")


def test_rows_of_assessed_records_match_the_summary_csv(
    cli: Callable[..., Result], workdir: Path
) -> None:
    # The same leading columns and cells as summary_rows_csv for the same reports.
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(4)])
    assert (
        cli("batch", "in.jsonl", "-o", "out.jsonl", "--scores", "scores.csv", "--workers", "1").code
        == 0
    )
    reports = [
        Report.model_validate(r["report"]) for r in _records((workdir / "out.jsonl").read_text())
    ]
    expected = summary_rows_csv(reports, _techniques()).splitlines()
    got = (workdir / "scores.csv").read_text(encoding="utf-8").splitlines()
    assert [line.removesuffix(",true,") for line in got[1:]] == expected[1:]
    assert got[0] == expected[0] + ",ok,error"


def test_formula_cells_are_neutralised(cli: Callable[..., Result], workdir: Path) -> None:
    state = gappy_state(id="formula", name='=HYPERLINK("http://example.com","x")')
    _write_jsonl(workdir / "in.jsonl", [json.dumps(state), '{"partnership": "@SUM(A1)"}'])
    assert cli("batch", "in.jsonl", "--scores", "scores.csv", "--workers", "1").code == 0
    rows = _rows(workdir / "scores.csv")
    assert rows[0]["partnership_name"] == "'" + '=HYPERLINK("http://example.com","x")'
    assert not rows[1]["error"].startswith(("=", "+", "-", "@"))
    text = (workdir / "scores.csv").read_text()
    for line in text.splitlines()[1:]:
        for cell in next(csv.reader(io.StringIO(line))):
            assert not cell.startswith(("=", "+", "@")), cell
            if cell.startswith("-"):
                float(cell)  # only a computed negative number may start with a minus


def test_scores_without_an_output_file_while_records_go_to_stdout(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", MIXED)
    result = cli("batch", "in.jsonl", "--scores", "scores.csv", "--workers", "1")
    assert result.code == 0
    assert len(_records(result.out)) == len(_rows(workdir / "scores.csv")) == 6
    assert sorted(p.name for p in workdir.iterdir()) == ["in.jsonl", "scores.csv"]


def test_a_resumed_batch_writes_the_same_csv_as_an_uninterrupted_one(
    cli: Callable[..., Result], workdir: Path
) -> None:
    lines = [json.dumps(s) for s in _states(40)]
    lines[3] = "{broken"
    lines[25] = '{"partnership": {"id": "half"}}'
    _write_jsonl(workdir / "in.jsonl", lines)
    assert (
        cli("batch", "in.jsonl", "-o", "full.jsonl", "--scores", "full.csv", "--workers", "1").code
        == 0
    )
    full_csv = (workdir / "full.csv").read_bytes()
    written = (workdir / "full.jsonl").read_text().splitlines(keepends=True)
    # An interrupted run: 21 complete records and a torn one, and a stale CSV.
    (workdir / "out.jsonl.partial").write_text("".join(written[:21]) + written[21][:50])
    (workdir / "scores.csv.partial").write_text("stale,rows\r\n")
    result = cli(
        "batch",
        "in.jsonl",
        "-o",
        "out.jsonl",
        "--scores",
        "scores.csv",
        "--resume",
        "--workers",
        "1",
    )
    assert result.code == 0, result.err
    assert "resumed after 21 records" in result.err
    assert (workdir / "scores.csv").read_bytes() == full_csv
    assert not (workdir / "scores.csv.partial").exists()
    # Resuming the finished batch rebuilds the same CSV from the output.
    (workdir / "scores.csv").unlink()
    again = cli(
        "batch",
        "in.jsonl",
        "-o",
        "out.jsonl",
        "--scores",
        "scores.csv",
        "--resume",
        "--workers",
        "1",
    )
    assert "already complete" in again.err
    assert (workdir / "scores.csv").read_bytes() == full_csv


def test_several_workers_write_the_same_csv(
    cli_process: Callable[..., Result], workdir: Path
) -> None:
    lines = [json.dumps(s) for s in _states(60)]
    lines[10] = "[]"
    _write_jsonl(workdir / "in.jsonl", lines)
    one = cli_process("batch", "in.jsonl", "--scores", "one.csv", "--workers", "1")
    three = cli_process("batch", "in.jsonl", "--scores", "three.csv", "--workers", "3")
    assert one.code == three.code == 0, one.err + three.err
    assert (workdir / "one.csv").read_bytes() == (workdir / "three.csv").read_bytes()
    rows = _rows(workdir / "one.csv")
    assert len(rows) == 60
    assert [r["partnership_id"] for r in rows][9:12] == ["p-00009", "", "p-00011"]


def test_no_csv_is_left_when_the_batch_cannot_run(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "a.jsonl", [json.dumps(s) for s in _states(3)])
    assert cli("batch", "a.jsonl", "-o", "full.jsonl", "--workers", "1").code == 0
    first = (workdir / "full.jsonl").read_text().splitlines(keepends=True)[0]
    (workdir / "out.jsonl.partial").write_text(first)
    _write_jsonl(workdir / "b.jsonl", [json.dumps(s) for s in _states(3, "b")])
    result = cli(
        "batch",
        "b.jsonl",
        "-o",
        "out.jsonl",
        "--resume",
        "--scores",
        "scores.csv",
        "--workers",
        "1",
    )
    assert result.code == 2
    assert "cannot resume" in result.err
    assert not (workdir / "scores.csv").exists()
    assert not (workdir / "scores.csv.partial").exists()


def test_scores_on_stdout_need_the_records_in_a_file(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(gappy_state())])
    result = cli("batch", "in.jsonl", "--scores", "-")
    assert result.code == 2
    assert result.err == (
        "error: --scores -: standard output already carries the records\n"
        "write the records to a file with -o FILE\n"
    )
    assert result.out == ""
