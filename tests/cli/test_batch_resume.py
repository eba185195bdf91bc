"""--resume refuses any changed input, and otherwise resumes to the same bytes.

Each record carries ``input_digest``, a running SHA-256 of the inputs read up
to it; a resume reads the input again up to the last record written and
compares. Each case writes the complete output of the original input, keeps
its first records as the partial output of an "interrupted" run, changes the
input, and resumes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import Result
from .test_batch import _states, _write_jsonl

FLAGS = ("--workers", "1", "--no-progress")


def _interrupted(cli: Callable[..., Result], workdir: Path, inputs: list[str], kept: int) -> str:
    assert cli("batch", *inputs, "-o", "full.jsonl", *FLAGS).code == 0
    full = (workdir / "full.jsonl").read_text()
    lines = full.splitlines(keepends=True)
    (workdir / "out.jsonl.partial").write_text("".join(lines[:kept]))
    return full


def _resume(cli: Callable[..., Result], inputs: list[str]) -> Result:
    return cli("batch", *inputs, "-o", "out.jsonl", "--resume", *FLAGS)


def _refused(result: Result) -> None:
    assert result.code == 2, result.err
    assert "cannot resume: the input has changed since the interrupted run" in result.err
    assert "Traceback" not in result.err


def test_an_unchanged_input_resumes_to_the_same_bytes(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(6)])
    full = _interrupted(cli, workdir, ["in.jsonl"], 3)
    assert _resume(cli, ["in.jsonl"]).code == 0
    assert (workdir / "out.jsonl").read_text() == full


def test_a_record_edited_before_the_resume_point_is_refused(
    cli: Callable[..., Result], workdir: Path
) -> None:
    states = _states(6)
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in states])
    _interrupted(cli, workdir, ["in.jsonl"], 4)
    states[1]["partnership"]["name"] = "Edited after the run"
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in states])
    _refused(_resume(cli, ["in.jsonl"]))


def test_an_input_replaced_by_one_of_the_same_layout_is_refused(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(5)])
    _interrupted(cli, workdir, ["in.jsonl"], 3)
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(5, prefix="other")])
    _refused(_resume(cli, ["in.jsonl"]))


def test_a_line_inserted_at_the_top_is_refused(cli: Callable[..., Result], workdir: Path) -> None:
    # Two inputs: once the first gained a line, its last record sat where the
    # second's first had been, and one input was assessed twice, another never.
    _write_jsonl(workdir / "a.jsonl", [json.dumps(s) for s in _states(3, prefix="a")])
    _write_jsonl(workdir / "b.jsonl", [json.dumps(s) for s in _states(3, prefix="b")])
    _interrupted(cli, workdir, ["a.jsonl", "b.jsonl"], 4)
    lines = (workdir / "a.jsonl").read_text().splitlines()
    _write_jsonl(workdir / "a.jsonl", [json.dumps(_states(1, prefix="new")[0]), *lines])
    result = _resume(cli, ["a.jsonl", "b.jsonl"])
    assert result.code == 2
    assert "cannot resume" in result.err


def test_a_blank_line_inserted_before_the_resume_point_is_refused(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(5)])
    _interrupted(cli, workdir, ["in.jsonl"], 3)
    text = (workdir / "in.jsonl").read_text()
    (workdir / "in.jsonl").write_text(text.replace("\n", "\n ", 1))
    _refused(_resume(cli, ["in.jsonl"]))


def test_a_state_file_edited_in_a_folder_is_refused(
    cli: Callable[..., Result], workdir: Path
) -> None:
    folder = workdir / "states"
    folder.mkdir()
    for n, state in enumerate(_states(4)):
        (folder / f"s{n}.json").write_text(json.dumps(state))
    _interrupted(cli, workdir, ["states"], 3)
    edited = json.loads((folder / "s0.json").read_text())
    edited["partnership"]["name"] = "Edited"
    (folder / "s0.json").write_text(json.dumps(edited))
    _refused(_resume(cli, ["states"]))


@pytest.mark.parametrize("edit_at", [0, 1])
def test_an_element_of_a_json_array_edited_is_refused(
    cli: Callable[..., Result], workdir: Path, edit_at: int
) -> None:
    states = _states(4)
    (workdir / "in.json").write_text(json.dumps(states, indent=1))
    _interrupted(cli, workdir, ["in.json"], 2)
    states[edit_at]["partnership"]["name"] = "Edited"
    (workdir / "in.json").write_text(json.dumps(states, indent=1))
    _refused(_resume(cli, ["in.json"]))


def test_every_record_carries_the_fingerprint_of_what_was_read(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(3)])
    assert cli("batch", "in.jsonl", "-o", "out.jsonl", *FLAGS).code == 0
    records = [json.loads(line) for line in (workdir / "out.jsonl").read_text().splitlines()]
    digests = [r["input_digest"] for r in records]
    assert len(set(digests)) == 3 and all(len(d) == 64 for d in digests)
