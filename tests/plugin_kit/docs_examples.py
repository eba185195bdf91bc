"""Reading docs/plugins.md: hook sections, their examples, and the tutorial's files."""

from __future__ import annotations

import re
import types
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"

_BLOCK = r"\n```[a-z]*\n(.*?)\n```"


def text() -> str:
    return DOCS.read_text(encoding="utf-8")


def hook_sections() -> dict[str, str]:
    """Hook name -> its reference section (heading line included)."""
    reference = text().split("\n## Hook reference\n", 1)[1]
    sections = {}
    for chunk in re.split(r"\n(?=### )", reference):
        if chunk.startswith("### "):
            name = chunk[4:].split("(", 1)[0]
            sections[name] = chunk
    return sections


def hook_example(hook: str) -> str:
    found = re.search(r"<!-- hook-example: " + re.escape(hook) + r" -->" + _BLOCK, text(), re.S)
    if found is None:
        raise AssertionError(f"docs/plugins.md has no example for hook {hook}")
    return found.group(1)


def example_module(hook: str, file: Path | None = None) -> types.ModuleType:
    """Run a hook's documented example as a plugin module named after the hook."""
    module = types.ModuleType(f"docs_example_{hook}")
    if file is not None:
        module.__file__ = str(file)
    exec(compile(hook_example(hook), f"docs/plugins.md ({hook})", "exec"), module.__dict__)
    return module


def tutorial_files() -> dict[str, str]:
    """Relative path -> content, for every file the tutorial shows, in order."""
    return dict(re.findall(r"<!-- tutorial-file: (\S+) -->" + _BLOCK, text(), re.S))
