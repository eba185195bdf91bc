"""Shared fixtures. Tests never depend on whatever plugins happen to be installed."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.report.model import Finding, Report
from foundation_engine.testing.builder import StateBuilder

# The rule book cache of every engine the suite builds (at collection too, and in the
# processes it starts) goes to a folder of its own, never into the home folder.
_RULE_CACHE_HOME = tempfile.mkdtemp(prefix="foundation-engine-test-cache-")
os.environ["XDG_CACHE_HOME"] = _RULE_CACHE_HOME
atexit.register(shutil.rmtree, _RULE_CACHE_HOME, ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

GENERIC = ("foundation_engine.formats", "foundation_engine.checks.generic")


@pytest.fixture(autouse=True)
def _no_installed_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Installed third-party plugins never leak into the suite."""
    monkeypatch.setenv("FOUNDATION_ENGINE_LOAD_PLUGINS", "")
    yield


@pytest.fixture(scope="session")
def engine() -> Engine:
    """Every built-in plugin, no installed ones, default config."""
    return Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)


@pytest.fixture
def make_engine() -> Callable[..., Engine]:
    """Build an engine from built-in module names, extra plugins and a config."""

    def make(
        *modules: str, plugins: tuple[object, ...] = (), config: EngineConfig | None = None
    ) -> Engine:
        return Engine(
            config or EngineConfig(),
            builtins=(*GENERIC, *modules) if modules else DEFAULT_PLUGINS,
            plugins=plugins,
            entrypoints=False,
        )

    return make


@pytest.fixture
def builder() -> Callable[..., StateBuilder]:
    return StateBuilder


def finding(report: Report, rule_id: str) -> Finding:
    """The finding of `rule_id` in `report` (fails the test when absent)."""
    for f in report.findings:
        if f.rule_id == rule_id:
            return f
    ran = [f.rule_id for f in report.findings]
    raise AssertionError(f"{rule_id} produced no finding; rules run: {ran}")
