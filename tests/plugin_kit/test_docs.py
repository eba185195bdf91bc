"""docs/plugins.md stays true: every hook documented and tested, the tutorial works."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest

from foundation_engine.plugin import hookspecs
from foundation_engine.plugin.manager import hook_specifications
from foundation_engine.testing import assert_finding, plugin_engine

from . import docs_examples, test_hooks

#: Every hook, read from a live plugin manager: a new spec cannot escape by
#: being left out of a hand-typed list.
HOOKS = hook_specifications()
VERSION_ADDED = re.compile(r"^\s*\.\. versionadded:: \d+\.\d+\.\d+\s*$", re.MULTILINE)


def signature(hook: str, spec: Callable[..., Any]) -> str:
    """``name(arg: type, ...) -> None`` as written in hookspecs.py."""
    found = inspect.signature(spec)
    params = ", ".join(f"{name}: {p.annotation}" for name, p in found.parameters.items())
    return f"{hook}({params}) -> {found.return_annotation}"


def hook_problems(hook: str, spec: Callable[..., Any]) -> list[str]:
    """What the docs, the tests and the spec itself lack for `hook`."""
    problems: list[str] = []
    sections = docs_examples.hook_sections()
    if hook not in sections:
        problems.append(f"docs/plugins.md has no '### {hook}(...)' section")
    else:
        heading, body = (sections[hook] + "\n").split("\n", 1)
        if heading != f"### {signature(hook, spec)}":
            problems.append(f"docs/plugins.md heads {hook} with {heading!r}")
        for argument in inspect.signature(spec).parameters:
            if f"`{argument}`" not in body and f"`{argument}(" not in body:
                problems.append(f"docs for {hook} do not explain {argument}")
        if f"<!-- hook-example: {hook} -->" not in docs_examples.text():
            problems.append(f"docs/plugins.md has no example for {hook}")
    if not callable(getattr(test_hooks, f"test_hook_{hook}", None)):
        problems.append(f"tests/plugin_kit/test_hooks.py has no test_hook_{hook}")
    if not VERSION_ADDED.search(spec.__doc__ or ""):
        problems.append(
            f"the spec of {hook} does not say the version it arrived in (.. versionadded:: X.Y.Z)"
        )
    return problems


def test_hooks_are_read_from_the_plugin_manager() -> None:
    assert "register_checks" in HOOKS and "process_findings" in HOOKS
    assert all(not name.startswith("_") for name in HOOKS)


@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_hook_is_documented_tested_and_dated(hook: str) -> None:
    assert hook_problems(hook, HOOKS[hook]) == []


@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_hook_example_defines_the_hook(hook: str) -> None:
    assert f"def {hook}(" in docs_examples.hook_example(hook)


def test_every_documented_hook_exists() -> None:
    assert sorted(docs_examples.hook_sections()) == sorted(HOOKS)


def test_a_hook_added_without_docs_or_a_test_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    @hookspecs.hookspec
    def register_widgets(register: Callable[..., None]) -> None:
        """Register widgets."""

    monkeypatch.setattr(hookspecs, "register_widgets", register_widgets, raising=False)
    specs = hook_specifications()
    assert "register_widgets" in specs
    assert hook_problems("register_widgets", specs["register_widgets"]) == [
        "docs/plugins.md has no '### register_widgets(...)' section",
        "tests/plugin_kit/test_hooks.py has no test_hook_register_widgets",
        "the spec of register_widgets does not say the version it arrived in "
        "(.. versionadded:: X.Y.Z)",
    ]


# -- the tutorial, step by step -----------------------------------------------


@pytest.fixture
def tutorial(tmp_path: Path) -> Path:
    """Step 1-5: write every file the tutorial shows; returns the plugin's folder."""
    files = docs_examples.tutorial_files()
    assert files, "docs/plugins.md shows no tutorial files"
    for relative, content in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content + "\n", encoding="utf-8")
    roots = {Path(p).parts[0] for p in files}
    assert len(roots) == 1, f"tutorial files should share one folder, got {sorted(roots)}"
    return tmp_path / roots.pop()


def test_tutorial_entry_point_names_the_plugin_module(tutorial: Path) -> None:
    pyproject = tomllib.loads((tutorial / "pyproject.toml").read_text())
    points = pyproject["project"]["entry-points"]["foundation_engine"]
    module = next(iter(points.values()))
    assert (tutorial / "src" / module / "__init__.py").is_file()


def test_tutorial_tests_pass(tutorial: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tutorial)],
        cwd=tutorial,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout


def test_tutorial_plugin_assesses_its_state(
    tutorial: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyproject = tomllib.loads((tutorial / "pyproject.toml").read_text())
    module_name = next(iter(pyproject["project"]["entry-points"]["foundation_engine"].values()))
    monkeypatch.syspath_prepend(str(tutorial / "src"))
    monkeypatch.delitem(sys.modules, module_name, raising=False)
    plugin = import_module(module_name)
    report = plugin_engine(plugin).assess(json.loads((tutorial / "state.json").read_text()))
    assert_finding(report, "SPN001", "failed", value=["client"])
    assert [t.title for t in report.techniques] == ["Sponsor cover"]
    assert report.techniques[0].score == 0
