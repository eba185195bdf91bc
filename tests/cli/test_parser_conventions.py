"""The grammar behaves as ruff and pytest users expect: help at the terminal's width, no
abbreviated options, a command's own usage on a bad option, severities in any case,
``--debug`` that keeps input errors at exit 2, and shell completion."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from foundation_engine.cli.completion import completion_script
from foundation_engine.cli.parser import COMPLETION_SHELLS, build_parser

from .conftest import Result


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)


def _command_names() -> list[str]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    raise AssertionError("no subcommands")


def test_help_follows_the_terminal_width(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "64")
    result = cli("assess", "--help")
    assert result.code == 0
    options = result.out[: result.out.index("examples:")]
    assert max(len(line) for line in options.splitlines()) <= 64
    monkeypatch.setenv("COLUMNS", "300")
    wide = cli("assess", "--help").out
    # never wider than 100 columns, however wide the terminal
    assert max(len(line) for line in wide[: wide.index("examples:")].splitlines()) <= 100


def test_no_parser_accepts_abbreviations() -> None:
    for parser in _parsers(build_parser()):
        assert parser.allow_abbrev is False, parser.prog


def test_an_abbreviated_option_is_an_error(cli: Callable[..., Result], state_file: Path) -> None:
    result = cli("assess", str(state_file), "--fail-und", "50")
    assert result.code == 2
    assert "unrecognized arguments: --fail-und 50" in result.err


@pytest.mark.parametrize(
    ("argv", "usage"),
    [
        (["assess", "x.json", "--bogus"], "usage: foundation-engine assess "),
        (["batch", "x.jsonl", "--bogus"], "usage: foundation-engine batch "),
        (["rules", "--bogus"], "usage: foundation-engine rules "),
    ],
)
def test_an_unknown_option_shows_the_commands_own_usage(
    cli: Callable[..., Result], argv: list[str], usage: str
) -> None:
    result = cli(*argv)
    assert result.code == 2
    assert result.err.startswith(usage)
    assert result.err.rstrip().endswith(
        f"foundation-engine {argv[0]}: error: unrecognized arguments: --bogus"
    )


def test_an_unknown_option_before_the_command_shows_the_top_level_usage(
    cli: Callable[..., Result],
) -> None:
    result = cli("--bogus", "rules")
    assert result.code == 2
    assert result.err.startswith("usage: foundation-engine [-h]")
    assert result.err.rstrip().endswith("foundation-engine: error: unrecognized arguments: --bogus")


@pytest.mark.parametrize("word", ["HIGH", "High", "high"])
def test_fail_on_takes_a_severity_in_any_case(
    cli: Callable[..., Result], state_file: Path, word: str
) -> None:
    result = cli("assess", str(state_file), "--fail-on", word)
    assert result.code == 1, result.err
    assert "at or above --fail-on high" in result.err


def test_fail_on_still_refuses_an_unknown_severity(
    cli: Callable[..., Result], state_file: Path
) -> None:
    result = cli("assess", str(state_file), "--fail-on", "SEVERE")
    assert result.code == 2
    assert "invalid choice: 'severe'" in result.err


@pytest.mark.parametrize(
    "argv",
    [
        ["assess", "missing.json", "--debug"],
        ["assess", "bad.json", "--debug"],
        ["assess", "{state}", "-o", "r.pdf", "--debug"],
        ["--debug", "assess", "missing.json"],
    ],
)
def test_debug_shows_a_traceback_but_input_errors_still_exit_2(
    cli: Callable[..., Result], state_file: Path, workdir: Path, argv: list[str]
) -> None:
    (workdir / "bad.json").write_text('{"partnership": ')
    result = cli(*[str(state_file) if a == "{state}" else a for a in argv])
    assert result.code == 2
    assert "Traceback (most recent call last)" in result.err
    assert result.err.splitlines()[-1].startswith("error: ") or "known suffixes" in result.err


@pytest.mark.parametrize("shell", COMPLETION_SHELLS)
def test_completion_prints_a_script_naming_every_command(
    cli: Callable[..., Result], shell: str
) -> None:
    result = cli("completion", shell)
    assert result.code == 0, result.err
    assert result.out == completion_script(shell)
    assert "foundation-engine" in result.out or "foundation_engine" in result.out
    for name in _command_names():
        assert name in result.out, (shell, name)


def test_bash_completion_offers_the_options_of_a_command() -> None:
    script = completion_script("bash")
    assess = next(line for line in script.splitlines() if "_assess_option_strings=" in line)
    for option in ("--format", "--summary-only", "--fail-on", "--quiet", "--verbose"):
        assert option in assess.split("(")[1].split()


def test_completion_refuses_an_unknown_shell(cli: Callable[..., Result]) -> None:
    result = cli("completion", "fish")
    assert result.code == 2
    assert "invalid choice: 'fish'" in result.err
