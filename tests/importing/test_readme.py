"""The README's walk from the sample sources to a report prints what the README shows."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from ..cli.conftest import Result
from ..conftest import ROOT

SECTION = "## From the records you keep to a report"


def console_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    block = re.search(r"```console\n(.*?)```", section, re.S)
    assert block is not None
    return block[1].splitlines()


def commands_and_outputs() -> list[tuple[list[str], list[str]]]:
    steps: list[tuple[list[str], list[str]]] = []
    lines = iter(console_block())
    for line in lines:
        if line.startswith("$ "):
            command = line[2:]
            while command.endswith("\\"):
                command = command[:-1] + next(lines).strip()
            steps.append((shlex.split(command)[1:], []))
        else:
            steps[-1][1].append(line)
    return steps


def matches(expected: list[str], actual: list[str]) -> bool:
    """The output shown, where a line "..." stands for any number of lines."""
    at = 0
    for index, line in enumerate(expected):
        if line == "...":
            if index == len(expected) - 1:
                return True
            following = expected[index + 1]
            while at < len(actual) and actual[at] != following:
                at += 1
            continue
        if at >= len(actual) or actual[at] != line:
            return False
        at += 1
    return at == len(actual)


def test_the_two_commands_print_what_the_readme_shows(
    cli: Callable[..., Result], workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the README's paths start at the repository's root
    steps = commands_and_outputs()
    assert [argv[0] for argv, _ in steps] == ["import", "assess"]
    steps[0][0][-1] = str(workdir / "partnership.json")  # write outside the checkout
    steps[1][0][-1] = str(workdir / "partnership.json")
    for argv, expected in steps:
        result = cli(*argv)
        assert result.code == 0, result.err
        printed = result.out.replace(str(workdir / "partnership.json"), "partnership.json")
        assert matches(expected, printed.splitlines()), printed
