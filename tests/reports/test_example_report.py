"""The committed example report matches what the engine renders today."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from ..conftest import ROOT

SCRIPT = ROOT / "scripts" / "render_example_report.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_example_report", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_example_report_does_not_drift(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOUNDATION_ENGINE_LOAD_PLUGINS", "")
    script = load_script()
    state: Path = script.STATE
    target: Path = script.TARGET
    if not state.exists():
        pytest.skip(f"{state.relative_to(ROOT)} does not exist yet")
    if not target.exists():
        pytest.fail(
            f"{target.relative_to(ROOT)} is missing: run python scripts/render_example_report.py"
        )
    assert target.read_text(encoding="utf-8") == script.render(), (
        f"{target.relative_to(ROOT)} is out of date: run python scripts/render_example_report.py"
    )
