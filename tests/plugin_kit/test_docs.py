"""docs/plugins.md stays true: every hook documented and tested, the tutorial works."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
import tomllib
from importlib import import_module
from pathlib import Path

import pytest

from foundation_engine.plugin import hookspecs
from foundation_engine.testing import assert_finding, plugin_engine

from . import docs_examples, test_hooks


def signature(hook: str) -> str:
    """``name(arg: type, ...) -> None`` as written in hookspecs.py."""
    spec = inspect.signature(getattr(hookspecs, hook))
    params = ", ".join(f"{name}: {p.annotation}" for name, p in spec.parameters.items())
    return f"{hook}({params}) -> {spec.return_annotation}"


@pytest.mark.parametrize("hook", hookspecs.hook_names())
def test_hook_is_documented_under_its_exact_signature(hook: str) -> None:
    sections = docs_examples.hook_sections()
    assert hook in sections, f"docs/plugins.md has no '### {hook}(...)' section"
    heading = sections[hook].splitlines()[0]
    assert heading == f"### {signature(hook)}"


@pytest.mark.parametrize("hook", hookspecs.hook_names())
def test_hook_section_explains_every_argument_and_has_an_example(hook: str) -> None:
    body = docs_examples.hook_sections()[hook].split("\n", 1)[1]
    for argument in inspect.signature(getattr(hookspecs, hook)).parameters:
        assert f"`{argument}`" in body or f"`{argument}(" in body, (
            f"docs for {hook} do not explain {argument}"
        )
    assert f"def {hook}(" in docs_examples.hook_example(hook)


@pytest.mark.parametrize("hook", hookspecs.hook_names())
def test_hook_has_a_test(hook: str) -> None:
    assert callable(getattr(test_hooks, f"test_hook_{hook}", None)), (
        f"tests/plugin_kit/test_hooks.py has no test_hook_{hook}"
    )


def test_every_documented_hook_exists() -> None:
    assert sorted(docs_examples.hook_sections()) == sorted(hookspecs.hook_names())


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
