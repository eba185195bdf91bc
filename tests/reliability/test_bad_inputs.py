"""The bad-input corpus: every malformed state gives exit code 2 and its exact error.

Each case in ``tests/data/bad/`` has a sidecar ``.expected`` file holding what
``foundation-engine assess`` prints on standard error (see the folder's
README). The same inputs go through ``validate`` and through a real process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from foundation_engine.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".json", ".toml"))
#: Cases `validate` still crashes on, with the cause; each is a strict xfail, so the
#: test starts failing (and this entry must go) the moment the cause is fixed.
VALIDATE_GAPS: dict[str, str] = {}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.fixture
def in_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CORPUS)
    monkeypatch.setenv("FOUNDATION_ENGINE_LOAD_PLUGINS", "")


def test_corpus_covers_at_least_forty_inputs_each_with_its_expected_error() -> None:
    assert len(CASES) >= 40
    expected = sorted(p.name.removesuffix(".expected") for p in CORPUS.glob("*.expected"))
    assert expected == CASES


def test_corpus_covers_every_kind_of_bad_input_the_issue_names() -> None:
    names = " ".join(CASES)
    for kind in (
        "empty", "truncated", "top-level-array", "top-level-number", "bom", "invalid-utf8",
        "duplicate-key", "nan", "infinity", "number-too-large", "wrong-type", "missing",
        "misspelled", "impossible-date", "start-after-as-of", "end-before-start", "negative",
        "percentage-over-100", "duplicate-ids", "dangling-reference", "unknown-schema-version",
        "deep-arrays", "syntax-error.toml",
    ):  # fmt: skip
        assert kind in names, kind


@pytest.mark.usefixtures("in_corpus")
@pytest.mark.parametrize("name", CASES)
def test_assess_refuses_with_exit_2_and_the_exact_error(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(capsys, "assess", name)
    assert code == 2
    assert err == (CORPUS / f"{name}.expected").read_text(encoding="utf-8")


@pytest.mark.usefixtures("in_corpus")
@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=VALIDATE_GAPS[n]))
        if n in VALIDATE_GAPS
        else n
        for n in CASES
    ],
)
def test_validate_refuses_with_exit_2_and_the_same_error(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(capsys, "validate", name)
    assert code == 2
    assert err.startswith((CORPUS / f"{name}.expected").read_text(encoding="utf-8"))


def test_every_message_says_where_and_is_one_line_per_problem() -> None:
    for name in CASES:
        lines = (CORPUS / f"{name}.expected").read_text(encoding="utf-8").splitlines()
        assert lines, name
        for line in lines:
            assert line.startswith(f"error: {name}"), (name, line)
            assert "Traceback" not in line and "pydantic" not in line.lower(), (name, line)


def test_a_real_process_refuses_the_whole_corpus_without_a_traceback() -> None:
    cases = [name for name in CASES if name not in VALIDATE_GAPS]
    done = subprocess.run(
        [sys.executable, "-m", "foundation_engine", "validate", *cases],
        cwd=CORPUS,
        capture_output=True,
        text=True,
        timeout=300,
        env={"FOUNDATION_ENGINE_LOAD_PLUGINS": "", "PATH": "", "PYTHONUTF8": "1"},
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    for name in cases:
        for line in (CORPUS / f"{name}.expected").read_text(encoding="utf-8").splitlines():
            assert line in done.stderr, line
    assert f"{len(cases)} of {len(cases)} files invalid" in done.stderr


def test_a_200_mb_file_is_refused_from_its_size_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: nothing is written to disk
        handle.truncate(200 * 1024 * 1024)
    monkeypatch.chdir(tmp_path)
    tracemalloc.start()
    try:
        code, err = run(capsys, "assess", "huge.json")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 2
    assert err == (
        "error: huge.json: file is 209,715,200 bytes; the limit is 33,554,432 "
        "(raise it with limits.max_input_bytes)\n"
    )
    assert peak < 16 * 1024 * 1024  # reading it, even up to the limit, would show here


def test_a_utf8_byte_order_mark_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    valid = (
        (CORPUS / "bom-then-syntax-error.json")
        .read_bytes()
        .replace(b'"Acme RPO"\n', b'"Acme RPO",\n')
    )
    assert valid.startswith(b"\xef\xbb\xbf")
    (tmp_path / "bom.json").write_bytes(valid)
    monkeypatch.chdir(tmp_path)
    code, err = run(capsys, "validate", "bom.json")
    assert (code, err) == (0, "")


FLAGS = ("--workers", "1", "--no-progress")


def test_a_batch_over_the_corpus_gives_one_error_record_per_file_and_finishes(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "foundation_engine", "batch", str(CORPUS), "-o", str(out), *FLAGS],
        capture_output=True,
        text=True,
        timeout=300,
        env={"FOUNDATION_ENGINE_LOAD_PLUGINS": "", "PATH": "", "PYTHONUTF8": "1"},
    )
    assert done.returncode == 0, done.stderr  # bad records are reported, not fatal
    assert "Traceback" not in done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["source"]).name for r in records) == CASES
    for record in records:
        assert record["ok"] is False, record["source"]
        assert record["error"]["kind"] in {"parse", "validation", "reference", "limit"}, record
