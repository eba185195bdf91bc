"""No raw control, bidirectional or invisible character from an input reaches any output.

A state and a rule pack carry terminal escapes (ESC [2J, OSC 52, which writes
the clipboard, OSC 8 links), bell and carriage return, C1 controls (U+009B is
a one-byte CSI), bidirectional overrides, zero-width and tag characters; every
report format, the diff in every format, the action list, ``rule ID``, ``rules``, ``validate``
and the error lines must show them as escapes. JSON keeps the values (as
``\\u`` escapes).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
import tomli_w

from foundation_engine.cli import main
from foundation_engine.report.escaping import UNSAFE_CHARACTERS, escape_unsafe, shorten
from foundation_engine.writers.csv_report import safe_cell
from tests.rulekit import rule

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "new-partnership.json"
HOSTILE = (
    "Acme\x1b[2J\x1b]52;c;SGVsbG8=\x07\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\"
    "\x07\r\x9b31m\u202egnp.exe\u200b\u200d\u2066\ufeff\u00ad\U000e0041\U000e0042\u3164"
)
RAW = re.compile(f"[{UNSAFE_CHARACTERS}]")


def raw_characters(text: str, allowed: str = "\n") -> set[str]:
    return {c for c in RAW.findall(text) if c not in allowed}


def test_the_unsafe_set_holds_every_control_format_and_separator_character() -> None:
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp") and not RAW.match(chr(code))
    ]
    assert missing == []


def test_escapes_are_visible_and_json_keeps_the_value() -> None:
    assert escape_unsafe("a\x1b[2J\u202e\U000e0041\x9b") == "a\\x1b[2J\\u202e\\U000e0041\\x9b"
    encoded = escape_unsafe(json.dumps({"v": HOSTILE}, ensure_ascii=False), "json")
    assert raw_characters(encoded, "") == set()
    assert json.loads(encoded) == {"v": HOSTILE}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FOUNDATION_ENGINE_LOAD_PLUGINS", "")
    state = json.loads(EXAMPLE.read_text())
    state["partnership"]["name"] = HOSTILE
    state["partnership"]["client"]["name"] = "Client " + HOSTILE
    (tmp_path / "state.json").write_text(json.dumps(state))
    document = rule(
        "COM991",
        "share",
        {"collection": "/communications", "match": "channel == 'video'", "min_share": 0.99},
        title="Evil " + HOSTILE,
        recommendation="Call " + HOSTILE,
    )
    document["technique"] = "communication"
    document["docs"]["what"] = "Docs " + HOSTILE
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "COM991.toml").write_text(tomli_w.dumps(document))
    (tmp_path / "foundation.toml").write_text('rule_paths = ["rules"]\n')
    return tmp_path


@pytest.mark.parametrize("format", ["text", "concise", "json", "csv", "markdown", "html"])
def test_every_report_format_shows_them_as_escapes(
    workdir: Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    assert main(["assess", "state.json", "--format", format]) == 0
    out = capsys.readouterr().out
    assert raw_characters(out, "\n\r" if format == "csv" else "\n") == set()
    if format == "json":
        report = json.loads(out)
        assert report["partnership_name"] == HOSTILE  # the value is kept
        assert "\\u009b" in out and "\\u202e" in out


@pytest.mark.parametrize("format", ["text", "json", "markdown", "html"])
def test_the_diff_shows_them_as_escapes(
    workdir: Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    assert main(["assess", "state.json", "--format", "json", "-o", "a.json"]) == 0
    assert main(["diff", "a.json", "a.json", "--format", format]) == 0
    out = capsys.readouterr().out
    assert raw_characters(out) == set()
    if format == "html":
        title = out[out.index("<title>") : out.index("</title>")]
        assert "\\x1b[2J" in title and "\\u202e" in title


@pytest.mark.parametrize("format", ["markdown", "csv"])
def test_the_action_list_shows_them_as_escapes(
    workdir: Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    assert main(["actions", "state.json", "--format", format]) == 0
    out = capsys.readouterr().out
    assert "Call " in out  # the pack's recommendation, with its payload, is listed
    assert raw_characters(out, "\n\r" if format == "csv" else "\n") == set()


@pytest.mark.parametrize("format", ["text", "markdown"])
def test_rule_id_shows_a_pack_s_title_and_docs_as_escapes(
    workdir: Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    assert main(["rule", "COM991", "--format", format]) == 0
    out = capsys.readouterr().out
    assert raw_characters(out) == set()
    assert "\\x1b]52;c;SGVsbG8=\\x07" in out  # OSC 52, the clipboard write, made inert


def test_rules_and_plugins_listings_show_them_as_escapes(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["rules"], ["rules", "--format", "json"]):
        assert main(argv) == 0
        assert raw_characters(capsys.readouterr().out) == set()


def test_a_batch_writes_records_and_scores_without_them(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["batch", "state.json", "-o", "out.jsonl", "--scores", "s.csv", "--summary", "s.json"]
    assert main([*argv, "--workers", "1", "--no-progress"]) == 0
    for name in ("out.jsonl", "s.json"):
        assert raw_characters(Path(name).read_text()) == set(), name
    assert raw_characters(Path("s.csv").read_text(), "\n\r") == set()


def test_error_lines_cut_a_ten_megabyte_key(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = json.loads(EXAMPLE.read_text())
    state["x" * 10_000_000 + "\u202e"] = 1
    Path("long.json").write_text(json.dumps(state))
    assert main(["assess", "long.json"]) == 2
    err = capsys.readouterr().err
    assert len(err) < 5_000
    assert "characters]..." in err
    assert raw_characters(err) == set()


@pytest.mark.parametrize(
    "payload", [" =1+1", "\n=1+1", "\u3000@SUM(A1)", "\uff1dHYPERLINK(x)", "\ufe62cmd", " \t-2+3"]
)
def test_csv_neutralises_formulas_behind_whitespace_and_in_fullwidth_forms(payload: str) -> None:
    cell = safe_cell(payload)
    assert isinstance(cell, str) and cell.startswith("'"), cell


def test_shorten_keeps_the_start_and_the_end() -> None:
    text = "a" * 1000 + "z" * 1000
    short = shorten(text, 200)
    assert short.startswith("a" * 150) and short.endswith("z" * 50)
    assert "[1,800 characters]" in short
