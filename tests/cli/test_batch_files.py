"""The files a batch writes: permissions kept, a full disk named, nothing left half-written."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Result
from .test_batch import _states, _write_jsonl

FLAGS = ("--workers", "1", "--no-progress")


def test_batch_output_keeps_a_private_file_private(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(2)])
    for name in ("out.jsonl", "scores.csv"):
        (workdir / name).write_text("old\n")
        os.chmod(workdir / name, 0o600)
    assert cli("batch", "in.jsonl", "-o", "out.jsonl", "--scores", "scores.csv", *FLAGS).code == 0
    for name in ("out.jsonl", "scores.csv"):
        assert stat.S_IMODE((workdir / name).stat().st_mode) == 0o600, name


def _full_disk(target: str) -> Callable[..., Any]:
    real = os.fsync

    def fsync(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(target):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    return fsync


@pytest.mark.parametrize("target", ["out.jsonl.partial", "scores.csv.partial"])
def test_a_full_disk_names_the_file_and_leaves_no_empty_scores_file(
    cli: Callable[..., Result],
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(2)])
    monkeypatch.setattr(os, "fsync", _full_disk(target))
    result = cli("batch", "in.jsonl", "-o", "out.jsonl", "--scores", "scores.csv", *FLAGS)
    assert result.code == 2
    assert result.err == f"error: {workdir / target}: No space left on device\n" or (
        result.err == f"error: {target}: No space left on device\n"
    )
    assert not (workdir / "scores.csv.partial").exists()
    assert not (workdir / "scores.csv").exists()


def test_a_full_disk_names_the_file_of_an_atomic_write(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foundation_engine.files.atomic import write_atomically

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as caught:
        write_atomically(workdir / "report.json", b"{}")
    assert caught.value.filename == str(workdir / "report.json")
    assert sorted(p.name for p in workdir.iterdir()) == []


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_an_as_of_outside_the_calendar_of_states_is_refused(
    cli: Callable[..., Result], workdir: Path, day: str
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(s) for s in _states(1)])
    result = cli("batch", "in.jsonl", "--as-of", day, *FLAGS)
    assert result.code == 2
    assert result.err == (
        f"error: --as-of: expected a date between 1900-01-01 and 2199-12-31, got {day}\n"
    )
