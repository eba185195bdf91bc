"""The README shows what the commands and the Python example print today.

Every ``$ foundation-engine ...`` line in a console block that is followed by
output is run, from a folder that sees the repository's examples, and its
output must match what the README shows (a line ``...`` stands for any
number of lines). The excerpt under "What a report says" must be the first
quick-start command's output, the Python example must print what follows it,
and the table of bundled examples must give each example's score, rating and
number of findings.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from foundation_engine import Engine, EngineConfig
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from tests.cli.conftest import Result
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
LINKED = ("examples", "tests", "rules", "plugins", "docs")


def blocks(kind: str, text: str = README) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", text, re.S)


def commands(block: str) -> Iterator[tuple[list[str], list[str]]]:
    """Each command of a console block with the lines it is shown to print."""
    lines = iter(block.splitlines())
    step: tuple[list[str], list[str]] | None = None
    for line in lines:
        if line.startswith("$ "):
            if step is not None:
                yield step
            command = line[2:]
            while command.endswith("\\"):
                command = command[:-1] + next(lines).strip()
            argv = shlex.split(command, comments=True)
            step = (argv[1:], [])
        elif step is not None:
            step[1].append(line)
    if step is not None:
        yield step


def matches(expected: list[str], actual: list[str]) -> bool:
    """The output shown, where a line "..." stands for any number of lines."""
    at = 0
    for index, line in enumerate(expected):
        if line.strip() == "...":
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


SHOWN = [
    (argv, output)
    for block in blocks("console")
    for argv, output in commands(block)
    if argv and argv[0] != "pip"
]


@pytest.fixture
def linked(workdir: Path) -> Path:
    for name in LINKED:
        (workdir / name).symlink_to(ROOT / name)
    return workdir


def test_the_readme_shows_commands_with_their_output() -> None:
    assert sum(1 for _, output in SHOWN if output) >= 5


def test_every_command_shown_with_output_prints_it(
    cli: Callable[..., Result], linked: Path
) -> None:
    for argv, expected in SHOWN:
        result = cli(*argv)
        printed = (result.out + result.err).replace(str(linked) + os.sep, "")
        assert result.code in (0, 1, 2), argv
        if expected:
            assert matches(expected, printed.splitlines()), (argv, printed)


def test_the_report_excerpt_is_the_quick_start_commands_output(
    cli: Callable[..., Result], linked: Path
) -> None:
    section = README[README.index("## What a report says") :]
    excerpt = blocks("text", section)[0].splitlines()
    result = cli("assess", "examples/struggling-partnership.json")
    assert matches(excerpt, result.out.splitlines()), result.out


def test_the_python_example_prints_what_the_readme_says(monkeypatch: pytest.MonkeyPatch) -> None:
    section = README[README.index("## Use it from Python") :]
    code = blocks("python", section)[0]
    shown = blocks("text", section)[0]
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})  # the README's own example
    assert out.getvalue() == shown


def test_the_table_of_bundled_examples_gives_their_results() -> None:
    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    row = r"^\| `(examples/[^`]+)`[^|]*\| [^|]+\| ([0-9.]+), ([a-z ]+)[,;] (.+) \|$"
    rows = re.findall(row, README, re.M)
    assert len(rows) == 3
    for path, score, rating, rest in rows:
        report = engine.assess(ROOT / path)
        assert f"{report.overall_score:.1f}" == score, path
        assert report.rating.replace("_", " ") == rating, path
        count = re.search(r"(\d+) findings? to act on", rest)
        if count:
            assert len(report.failed()) == int(count[1]), path
