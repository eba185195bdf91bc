"""Fixtures for driving the command line: in-process through ``main(argv)`` or as a
real ``python -m foundation_engine`` subprocess, always from an empty folder so
no foundation.toml of the checkout is discovered."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from foundation_engine.cli import main
from foundation_engine.testing.builder import StateBuilder


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    yield folder


@pytest.fixture
def cli(workdir: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``main(argv)`` in this process and capture what it printed."""

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli_process(workdir: Path) -> Callable[..., Result]:
    """Run ``python -m foundation_engine`` as a subprocess (env inherited, so
    FOUNDATION_ENGINE_LOAD_PLUGINS is empty)."""

    def run(*argv: str, stdin: bytes | None = None) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "foundation_engine", *argv],
            input=stdin if stdin is not None else b"",
            capture_output=True,
            cwd=workdir,
            timeout=300,
            check=False,
        )
        return Result(done.returncode, done.stdout.decode(), done.stderr.decode())

    return run


def gappy_state(**fields: Any) -> dict[str, Any]:
    """A valid state whose check-ins stop three months before the assessment date."""
    fields = {"start": "2026-01-05", "as_of": "2026-06-30", **fields}
    return StateBuilder(**fields).weekly_touchpoints("2026-01-05", "2026-04-01").to_dict()


@pytest.fixture
def state_file(workdir: Path) -> Path:
    path = workdir / "partnership.json"
    path.write_text(json.dumps(gappy_state(id="acme-talentco", name="Acme and TalentCo")))
    return path
