"""The scaffold creates a plugin package that installs, tests and assesses."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import import_module
from pathlib import Path

import pytest

from foundation_engine.cli.plugin_template import create_plugin
from foundation_engine.errors import FoundationError
from foundation_engine.testing import StateBuilder, assert_finding, assert_plugin_conformance
from foundation_engine.testing import plugin_engine as make_engine

ROOT = Path(__file__).resolve().parents[2]


def test_creates_a_complete_package(tmp_path: Path) -> None:
    root = create_plugin("acme-maturity", tmp_path)
    assert root == tmp_path / "foundation-engine-acme-maturity"
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert files == [
        "README.md",
        "pyproject.toml",
        "src/foundation_engine_acme_maturity/__init__.py",
        "src/foundation_engine_acme_maturity/checks.py",
        "src/foundation_engine_acme_maturity/py.typed",
        "src/foundation_engine_acme_maturity/rules/ACM001.toml",
        "tests/test_acme_maturity.py",
    ]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text())
    assert pyproject["project"]["entry-points"]["foundation_engine"] == {
        "acme_maturity": "foundation_engine_acme_maturity"
    }
    assert "ACM001" in (root / "README.md").read_text()


def test_created_plugin_conforms_and_assesses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = create_plugin("acme", tmp_path, prefix="ACX")
    monkeypatch.syspath_prepend(str(root / "src"))
    monkeypatch.delitem(sys.modules, "foundation_engine_acme", raising=False)
    plugin = import_module("foundation_engine_acme")
    assert_plugin_conformance(plugin)
    state = StateBuilder(as_of="2026-06-30").touchpoint("2026-06-20", parties=["provider"])
    report = make_engine(plugin).assess(state.build())
    assert_finding(report, "ACX001", "failed", value=0)
    assert [t.technique for t in report.techniques] == ["acme"]


def test_created_plugin_tests_pass(tmp_path: Path) -> None:
    root = create_plugin("globex", tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


@pytest.mark.parametrize(
    ("name", "prefix", "expected"),
    [
        ("Acme", None, "plugin name 'Acme' is not valid; expected lower case letters"),
        ("acme rules", None, "plugin name 'acme rules' is not valid"),
        ("communication", None, "rule prefix COM is taken by a built-in rule set"),
        ("urgency-extras", None, "rule prefix URG is taken by a built-in rule set"),
        ("acme", "SLA", "rule prefix SLA is taken by a built-in rule set"),
        ("acme", "acme", "rule prefix 'acme' is not valid; expected 2 to 6 capital letters"),
        ("a1", None, "cannot derive a rule prefix from 'a1'; pass one (--prefix)"),
    ],
)
def test_refuses_bad_names_and_prefixes(
    tmp_path: Path, name: str, prefix: str | None, expected: str
) -> None:
    with pytest.raises(FoundationError) as caught:
        create_plugin(name, tmp_path, prefix=prefix)
    assert str(caught.value).startswith(expected)
    assert list(tmp_path.iterdir()) == []


def test_never_overwrites(tmp_path: Path) -> None:
    root = create_plugin("acme", tmp_path)
    (root / "README.md").write_text("mine")
    with pytest.raises(FileExistsError) as caught:
        create_plugin("acme", tmp_path)
    assert caught.value.filename == str(root)
    assert (root / "README.md").read_text() == "mine"


def test_script_wrapper(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "new_plugin.py"
    done = subprocess.run(
        [sys.executable, str(script), "initech", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"created {tmp_path / 'foundation-engine-initech'}")
    again = subprocess.run(
        [sys.executable, str(script), "initech", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 2
    assert again.stderr == (
        f"error: {tmp_path / 'foundation-engine-initech'}: already exists; nothing was written\n"
    )
