"""Plugins declare the engine versions they support; others are refused with a message."""

from __future__ import annotations

import types
import warnings
from collections.abc import Callable

import pluggy
import pytest

from foundation_engine import __version__
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.errors import PluginError
from foundation_engine.plugin import hookspecs
from foundation_engine.plugin.manager import incompatibility
from foundation_engine.testing import StateBuilder

GENERIC = ("foundation_engine.formats", "foundation_engine.checks.generic")


def plugin(requires: str | None, name: str = "acme_rules") -> types.ModuleType:
    module = types.ModuleType(name)

    @hookspecs.hookimpl
    def register_techniques(register: Callable[..., None]) -> None:
        register("acme", "Acme", "ACME")

    module.register_techniques = register_techniques  # type: ignore[attr-defined]
    if requires is not None:
        module.FOUNDATION_ENGINE_REQUIRES = requires  # type: ignore[attr-defined]
    return module


@pytest.mark.parametrize("requires", [None, ">=0.1,<1", f"=={__version__}", ">=0.1"])
def test_compatible_plugin_registers(requires: str | None) -> None:
    assert incompatibility(plugin(requires)) is None
    engine = Engine(EngineConfig(), plugins=[plugin(requires)], builtins=GENERIC, entrypoints=False)
    assert "acme" in engine.registry.techniques
    assert engine.warnings == []


def test_incompatible_plugin_is_refused_with_a_warning() -> None:
    engine = Engine(EngineConfig(), plugins=[plugin(">=2,<3")], builtins=GENERIC, entrypoints=False)
    assert "acme" not in engine.registry.techniques
    report = engine.assess(StateBuilder().build())
    assert report.warnings == [
        f"plugin 'acme_rules' failed to load and was skipped: refused as incompatible: it "
        f"supports foundation-engine <3,>=2, but this is foundation-engine {__version__}; "
        "install a release of the plugin made for this engine"
    ]


def test_incompatible_plugin_stops_a_strict_run() -> None:
    with pytest.raises(PluginError) as caught:
        Engine(
            EngineConfig(strict=True),
            plugins=[plugin(">=2")],
            builtins=GENERIC,
            entrypoints=False,
        )
    assert str(caught.value).startswith("plugin 'acme_rules' was refused: it supports")


def test_unreadable_version_bound_is_explained() -> None:
    assert incompatibility(plugin("version one")) == (
        "FOUNDATION_ENGINE_REQUIRES = 'version one' is not a version specifier; "
        'expected something like ">=0.1,<1"'
    )


def test_version_bound_is_checked_against_the_given_engine_version() -> None:
    assert incompatibility(plugin(">=0.1,<1"), "1.0.0") is not None
    assert incompatibility(plugin(">=0.1,<1"), "0.9.2") is None


def test_deprecated_hooks_and_arguments_warn_at_registration() -> None:
    """The deprecation path documented in hookspecs.py: pluggy warns, the hook keeps working."""

    class Specs:
        @hookspecs.hookspec(
            warn_on_impl=hookspecs.PluginDeprecationWarning("use register_new instead")
        )
        def register_old(self, register: Callable[..., None]) -> None: ...

        @hookspecs.hookspec(
            warn_on_impl_args={"legacy": hookspecs.PluginDeprecationWarning("legacy goes in 1.0")}
        )
        def register_new(self, register: Callable[..., None], legacy: int) -> None: ...

    class Old:
        @hookspecs.hookimpl
        def register_old(self, register: Callable[..., None]) -> None:
            register("old")

    class UsesLegacy:
        @hookspecs.hookimpl
        def register_new(self, register: Callable[..., None], legacy: int) -> None:
            register(legacy)

    class Current:
        @hookspecs.hookimpl
        def register_new(self, register: Callable[..., None]) -> None:
            register("new")

    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(Specs)
    with pytest.warns(hookspecs.PluginDeprecationWarning, match="use register_new"):
        pm.register(Old())
    with pytest.warns(hookspecs.PluginDeprecationWarning, match="legacy goes in 1.0"):
        pm.register(UsesLegacy())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pm.register(Current())
    seen: list[object] = []
    pm.hook.register_old(register=seen.append)
    pm.hook.register_new(register=seen.append, legacy=7)
    assert sorted(map(str, seen)) == ["7", "new", "old"]
