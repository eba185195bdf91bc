"""docs/cli.md can be run as shown: every ``$ ...`` command of its console blocks is run,
in the order the page shows them, in one folder that holds the walkthrough's input files
(examples/cli/, written by scripts/build_cli_examples.py), and what it prints must be
what the page shows (a line ``...`` stands for any number of lines; a command shown
without output must print nothing).

Commands run in bash, as a reader would type them, so pipes, redirections and
``echo $?`` work; ``foundation-engine`` is the one installed beside the running Python.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.cli.test_readme import LINKED, blocks, matches
from tests.conftest import ROOT
from tests.scripts import load_script

DOC = ROOT / "docs" / "cli.md"
CLI_EXAMPLES = ROOT / "examples" / "cli"


def shell_commands(block: str) -> Iterator[tuple[str, list[str]]]:
    """Each command of a console block, as typed (continuations joined), with its output."""
    lines = iter(block.splitlines())
    step: tuple[str, list[str]] | None = None
    for line in lines:
        if line.startswith("$ "):
            if step is not None:
                yield step
            command = line[2:]
            while command.endswith("\\"):
                command = command[:-1] + " " + next(lines).strip()
            step = (command, [])
        elif step is not None:
            step[1].append(line)
    if step is not None:
        yield step


STEPS = [
    step for block in blocks("console", DOC.read_text("utf-8")) for step in shell_commands(block)
]


def _builder() -> ModuleType:
    return load_script(ROOT / "scripts" / "build_cli_examples.py")


def test_the_walkthrough_files_are_up_to_date_with_their_generator() -> None:
    builder = _builder()
    for name, text in builder.text_files().items():
        committed = CLI_EXAMPLES / name
        assert committed.read_text("utf-8") == text, (
            f"{committed} drifted: run python scripts/build_cli_examples.py"
        )
    for name in builder.WORKBOOKS:
        assert (CLI_EXAMPLES / name).is_file(), name


def test_every_file_the_walkthrough_reads_is_shipped() -> None:
    shipped = {p.name for p in CLI_EXAMPLES.iterdir()}
    for name in ("march.toml", "june.toml", "portfolio.jsonl", "bad.json", "broken.json"):
        assert name in shipped
        assert any(name in command for command, _ in STEPS), name


@pytest.fixture
def walkthrough(tmp_path: Path) -> Path:
    folder = tmp_path / "walkthrough"
    folder.mkdir()
    for name in LINKED:
        (folder / name).symlink_to(ROOT / name)
    for path in CLI_EXAMPLES.iterdir():
        shutil.copy(path, folder / path.name)
    return folder


def test_every_command_docs_cli_shows_prints_what_it_shows(walkthrough: Path) -> None:
    assert len(STEPS) >= 30
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(walkthrough),
        "FOUNDATION_ENGINE_LOAD_PLUGINS": "",
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("FORCE_COLOR", None)
    last = 0
    wrong: list[str] = []
    for command, expected in STEPS:
        if command.strip() == "echo $?":
            printed = f"{last}\n"
        else:
            done = subprocess.run(
                ["bash", "-c", command],
                cwd=walkthrough,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,  # interleaved as on a terminal
                timeout=300,
                check=False,
            )
            last = done.returncode
            printed = done.stdout.decode("utf-8", "replace")
        printed = printed.replace(str(walkthrough) + os.sep, "")
        if not matches(expected, printed.splitlines()):
            wrong.append(
                f"$ {command}\n--- shown:\n" + "\n".join(expected) + f"\n--- printed:\n{printed}"
            )
    assert not wrong, "\n\n".join(wrong)


def test_the_concise_report_shown_is_the_struggling_examples(walkthrough: Path) -> None:
    text = DOC.read_text("utf-8")
    section = text[text.index("`--format concise` (or `--summary-only`) prints a screenful") :]
    shown = blocks("text", section)[0]
    example = "examples/struggling-partnership.json"
    done = subprocess.run(
        [sys.executable, "-m", "foundation_engine", "assess", "--summary-only", example],
        cwd=walkthrough,
        env={**os.environ, "FOUNDATION_ENGINE_LOAD_PLUGINS": "", "NO_COLOR": "1"},
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.stdout.decode("utf-8") == shown
