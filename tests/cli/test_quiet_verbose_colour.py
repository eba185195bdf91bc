"""``--quiet``, ``--verbose``, and colour on a terminal (NO_COLOR, FORCE_COLOR, files)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from foundation_engine.cli.terminal_colour import BOLD, RESET, SEVERITY_STYLES, colour_wanted
from foundation_engine.cli.terminal_colour import emphasise as emphasise_report

from .conftest import Result, gappy_state
from .test_batch import MIXED, _write_jsonl

OUR_SEQUENCES = {BOLD, RESET, *SEVERITY_STYLES.values()}
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def _no_colour_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)


# -- quiet and verbose -------------------------------------------------------------------


def test_quiet_batch_prints_no_notes(cli: Callable[..., Result], workdir: Path) -> None:
    _write_jsonl(workdir / "in.jsonl", MIXED)
    loud = cli("batch", "in.jsonl", "-o", "a.jsonl", "--workers", "1")
    assert "could not be assessed" in loud.err
    quiet = cli("batch", "in.jsonl", "-o", "b.jsonl", "--workers", "1", "--quiet")
    assert quiet.code == loud.code == 0
    assert quiet.err == ""
    assert (workdir / "a.jsonl").read_bytes() == (workdir / "b.jsonl").read_bytes()


def test_quiet_keeps_errors_and_the_reasons_for_failing(
    cli: Callable[..., Result], state_file: Path
) -> None:
    failing = cli("assess", str(state_file), "-q", "--fail-under", "99")
    assert failing.code == 1
    assert failing.err.startswith("fail: overall score")
    missing = cli("assess", "missing.json", "--quiet")
    assert missing.code == 2
    assert missing.err.startswith("error: missing.json")


def test_verbose_names_the_config_the_plugins_and_the_format(
    cli: Callable[..., Result], state_file: Path, workdir: Path
) -> None:
    plain = cli("assess", str(state_file), "-o", "r.html")
    assert plain.err == ""
    result = cli("assess", str(state_file), "-o", "r.html", "--verbose")
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert "config: none found; defaults" in lines
    assert any(line.startswith("plugins: ") and "built-in" in line for line in lines)
    assert any(line.startswith("report format: html (from the suffix .html;") for line in lines)
    (workdir / "foundation.toml").write_text('ignore = ["COM004"]\n')
    found = cli("assess", str(state_file), "-v")
    assert f"config: {workdir / 'foundation.toml'} (discovered)" in found.err.splitlines()


def test_verbose_batch_names_the_config_plugins_and_workers(
    cli: Callable[..., Result], workdir: Path
) -> None:
    _write_jsonl(workdir / "in.jsonl", [json.dumps(gappy_state())])
    plain = cli("batch", "in.jsonl", "-o", "a.jsonl", "--workers", "1")
    assert plain.err == ""
    result = cli("batch", "in.jsonl", "-o", "b.jsonl", "--workers", "1", "--verbose")
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert lines[0] == "config: none found; defaults"
    assert lines[1].startswith("plugins: ") and "built-in" in lines[1]
    assert "workers: 1" in lines
    assert (workdir / "a.jsonl").read_bytes() == (workdir / "b.jsonl").read_bytes()


def test_quiet_and_verbose_together_are_refused(
    cli: Callable[..., Result], state_file: Path
) -> None:
    result = cli("assess", str(state_file), "-q", "-v")
    assert result.code == 2
    assert "not allowed with argument" in result.err


# -- when to colour ------------------------------------------------------------------------


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("tty", "env", "wanted"),
    [
        (True, {}, True),
        (False, {}, False),
        (True, {"NO_COLOR": "1"}, False),
        (True, {"NO_COLOR": ""}, True),  # set but empty does not count (no-color.org)
        (False, {"FORCE_COLOR": "1"}, True),
        (False, {"FORCE_COLOR": "0"}, False),
        (False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (True, {"TERM": "dumb"}, False),
        (False, {"TERM": "dumb", "FORCE_COLOR": "1"}, True),
    ],
)
def test_colour_follows_the_terminal_and_the_environment(
    tty: bool, env: dict[str, str], wanted: bool
) -> None:
    assert colour_wanted(_Stream(tty), env) is wanted


def test_forced_colour_gives_bold_headings_and_coloured_severities(
    cli: Callable[..., Result], state_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = cli("assess", str(state_file)).out
    assert "\x1b" not in plain
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = cli("assess", str(state_file)).out
    assert f"{BOLD}Techniques{RESET}" in coloured
    assert f"  {SEVERITY_STYLES['high']}HIGH{RESET}" in coloured
    assert ESCAPE.sub("", coloured) == plain


def test_no_colour_in_a_file_json_or_with_no_color(
    cli: Callable[..., Result], state_file: Path, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert cli("assess", str(state_file), "-o", "r.txt").code == 0
    assert "\x1b" not in (workdir / "r.txt").read_text()
    assert "\x1b" not in cli("assess", str(state_file), "--format", "json").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in cli("assess", str(state_file)).out


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_a_state_cannot_inject_escape_sequences_into_a_coloured_report(
    cli: Callable[..., Result], workdir: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    hostile = "\x1b[2J\x1b[31mEvil\x1b[0m Co"
    state = gappy_state(id="evil", name=hostile)
    (workdir / "evil.json").write_text(json.dumps(state))
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = cli("assess", "evil.json", "--format", fmt).out
    assert "\x1b[2J" not in out
    assert set(ESCAPE.findall(out)) <= OUR_SEQUENCES
    assert out.count("\x1b") == len(ESCAPE.findall(out))
    assert "\\x1b[2J\\x1b[31mEvil" in out  # shown, escaped


def test_emphasis_only_marks_the_writers_own_layout() -> None:
    text = "Title\nAs of today\n\nTechniques\n  A  1.0\n  HIGH\n      HIGH\n    x HIGH\n"
    out = emphasise_report(text)
    assert out.splitlines() == [
        f"{BOLD}Title{RESET}",
        "As of today",
        "",
        f"{BOLD}Techniques{RESET}",
        "  A  1.0",
        f"  {SEVERITY_STYLES['high']}HIGH{RESET}",
        f"      {SEVERITY_STYLES['high']}HIGH{RESET}",
        "    x HIGH",
    ]
