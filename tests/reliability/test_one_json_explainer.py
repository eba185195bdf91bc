"""The same bad JSON gets the same message, read as a state, a report to diff or a baseline."""

from __future__ import annotations

from pathlib import Path

import pytest

from foundation_engine.cli import main

BAD = {
    "trailing-comma": b'{"engine_version": "1.0", "findings": [],\n}',
    "comment": b'{"engine_version": "1.0", // a note\n "findings": []}',
    "truncated": b'{"engine_version": "1.0",\n  "findings": [\n',
    "single-quotes": b"{'engine_version': '1.0'}",
    "utf-16": "{}".encode("utf-16"),
    "utf-32": "{}".encode("utf-32"),
    "not-utf-8": b'{"engine_version": "\xff"}',
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_diff_and_assess_explain_bad_json_alike(
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FOUNDATION_ENGINE_LOAD_PLUGINS", "")
    Path("bad.json").write_bytes(BAD[name])
    examples = Path(__file__).resolve().parents[2] / "examples"
    assert main(["assess", str(examples / "new-partnership.json"), "--format", "json",
                 "-o", "good.json"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["assess", "bad.json"]) == 2
    as_state = capsys.readouterr().err
    assert main(["diff", "good.json", "bad.json"]) == 2
    in_diff = capsys.readouterr().err
    assert main(["assess", str(examples / "new-partnership.json"), "--baseline", "bad.json"]) == 2
    as_baseline = capsys.readouterr().err
    assert as_state.startswith("error: bad.json")
    assert in_diff == as_state
    assert as_baseline == as_state
