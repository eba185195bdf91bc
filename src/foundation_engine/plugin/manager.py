"""The plugin manager: built-in plugins, installed plugins, tracing.

Built-ins are listed in :data:`DEFAULT_PLUGINS` and registered exactly like
third-party plugins. Installed plugins come from the ``foundation_engine``
entry-point group, loaded lazily and once per process.

Environment:

``FOUNDATION_ENGINE_LOAD_PLUGINS``
    Comma-separated entry-point names to load. Unset: all installed plugins.
    Empty: none (built-ins still load).
``FOUNDATION_ENGINE_TRACE_HOOKS``
    Set to ``1`` to print every hook call and result to standard error.

Compatibility: a plugin module may declare the engine versions it works with
as a PEP 440 specifier, ``FOUNDATION_ENGINE_REQUIRES = ">=0.1,<1"``. A plugin
whose specifier excludes the running engine is refused before it registers
anything: it is listed in :attr:`PluginSetup.failures` (and so in the report's
warnings), and under ``strict`` the run stops with a :class:`PluginError`.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

import pluggy

from foundation_engine._version import __version__
from foundation_engine.errors import PluginError, Problem
from foundation_engine.plugin import hookspecs

ENTRY_POINT_GROUP = "foundation_engine"
LOAD_ENV = "FOUNDATION_ENGINE_LOAD_PLUGINS"
TRACE_ENV = "FOUNDATION_ENGINE_TRACE_HOOKS"
REQUIRES_ATTRIBUTE = "FOUNDATION_ENGINE_REQUIRES"
"""Module attribute in which a plugin declares the engine versions it supports."""

DEFAULT_PLUGINS: tuple[str, ...] = (
    "foundation_engine.formats",
    "foundation_engine.importing.loader",
    "foundation_engine.writers.json_report",
    "foundation_engine.checks.generic",
    "foundation_engine.rules.purpose",
    "foundation_engine.rules.communication",
    "foundation_engine.rules.metrics",
    "foundation_engine.rules.recognition",
    "foundation_engine.rules.improvement",
    "foundation_engine.rules.urgency",
    "foundation_engine.writers.text_report",
    "foundation_engine.writers.concise_report",
    "foundation_engine.writers.markdown_report",
    "foundation_engine.writers.html_report",
    "foundation_engine.writers.csv_report",
)
"""Modules registered as built-in plugins, in order."""


@dataclass
class PluginFailure:
    """A plugin that was not registered, and why."""

    name: str
    error: str


@dataclass
class PluginSetup:
    """A plugin manager plus what went wrong while filling it."""

    manager: pluggy.PluginManager
    failures: list[PluginFailure] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    builtins: frozenset[str] = frozenset()
    """Names of the plugins registered from the built-in modules."""

    def plugin_names(self) -> list[str]:
        return [name for name, _ in self.manager.list_name_plugin() if name is not None]

    def is_builtin(self, name: str) -> bool:
        """Whether `name` is one of the engine's own plugins."""
        return name in self.builtins


def new_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    if os.environ.get(TRACE_ENV):
        pm.trace.root.setwriter(sys.stderr.write)
        pm.enable_tracing()
    return pm


def hook_specifications(manager: pluggy.PluginManager | None = None) -> dict[str, Any]:
    """Every hook `manager` holds a specification for: name -> the spec function, by name.

    Read from the plugin manager itself (a new one by default), so a spec
    added to :mod:`foundation_engine.plugin.hookspecs` is listed without
    anyone typing its name again.
    """
    manager = manager or new_manager()
    specs: dict[str, Any] = {}
    for name in sorted(dir(manager.hook)):
        caller = getattr(manager.hook, name)
        spec = caller.spec if isinstance(caller, pluggy.HookCaller) else None
        if not name.startswith("_") and spec is not None:
            specs[name] = spec.function
    return specs


def build_plugin_setup(
    *,
    builtins: Iterable[str] | None = None,
    extra: Sequence[Any] = (),
    entrypoints: bool | Sequence[str] | None = None,
    strict: bool = False,
) -> PluginSetup:
    """Make a plugin manager.

    `builtins`: modules to register (default: all built-ins). `extra`: plugin
    objects or modules to register (tests and embedding programs). `entrypoints`:
    True for every installed plugin, False for none, a list of names for those,
    None to follow ``FOUNDATION_ENGINE_LOAD_PLUGINS``.
    """
    pm = new_manager()
    modules = tuple(builtins if builtins is not None else DEFAULT_PLUGINS)
    setup = PluginSetup(pm, builtins=frozenset(modules))
    for module_name in modules:
        module = importlib.import_module(module_name)
        pm.register(module, name=module_name)
        setup.versions[module_name] = "builtin"
    for index, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{index}"
        if not _compatible(setup, plugin, name, strict):
            continue
        pm.register(plugin, name=name)
        setup.versions[name] = str(getattr(plugin, "__version__", "local"))
    _load_entrypoints(setup, _wanted_entrypoints(entrypoints), strict)
    pm.check_pending()
    return setup


def _wanted_entrypoints(entrypoints: bool | Sequence[str] | None) -> set[str] | None:
    """None means all; an empty set means none."""
    if entrypoints is True:
        return None
    if entrypoints is False:
        return set()
    if entrypoints is not None:
        return set(entrypoints)
    env = os.environ.get(LOAD_ENV)
    if env is None:
        return None
    return {name.strip() for name in env.split(",") if name.strip()}


def _load_entrypoints(setup: PluginSetup, wanted: set[str] | None, strict: bool) -> None:
    if wanted is not None and not wanted:
        return
    found = set()
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if wanted is not None and ep.name not in wanted:
            continue
        found.add(ep.name)
        if setup.manager.has_plugin(ep.name):
            continue
        try:
            plugin = ep.load()
            if not _compatible(setup, plugin, ep.name, strict):
                continue
            setup.manager.register(plugin, name=ep.name)
        except PluginError:
            raise
        except Exception as exc:  # a broken plugin must not take the engine down
            message = f"{type(exc).__name__}: {exc}"
            if strict:
                raise PluginError(
                    Problem(f"plugin {ep.name!r} ({ep.value}) failed to load: {message}")
                ) from exc
            setup.failures.append(PluginFailure(ep.name, message))
            continue
        dist = getattr(ep, "dist", None)
        setup.versions[ep.name] = str(getattr(dist, "version", "unknown"))
    for missing in sorted((wanted or set()) - found):
        failure = PluginFailure(missing, "no installed plugin has this name")
        if strict:
            raise PluginError(Problem(f"plugin {missing!r} is not installed"))
        setup.failures.append(failure)


def incompatibility(plugin: Any, engine_version: str = __version__) -> str | None:
    """Why `plugin` cannot run on `engine_version`, or None when it can.

    A plugin without :data:`REQUIRES_ATTRIBUTE` is assumed compatible.
    """
    required = getattr(plugin, REQUIRES_ATTRIBUTE, None)
    if required is None:
        return None
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        specifier = SpecifierSet(str(required))
    except InvalidSpecifier:
        return (
            f"{REQUIRES_ATTRIBUTE} = {required!r} is not a version specifier; "
            'expected something like ">=0.1,<1"'
        )
    if specifier.contains(engine_version, prereleases=True):
        return None
    return (
        f"it supports foundation-engine {specifier}, but this is foundation-engine "
        f"{engine_version}; install a release of the plugin made for this engine"
    )


def _compatible(setup: PluginSetup, plugin: Any, name: str, strict: bool) -> bool:
    """Record (or, under `strict`, raise) an incompatible plugin; True when it may register."""
    reason = incompatibility(plugin)
    if reason is None:
        return True
    if strict:
        raise PluginError(Problem(f"plugin {name!r} was refused: {reason}"))
    setup.failures.append(PluginFailure(name, f"refused as incompatible: {reason}"))
    return False


_default_lock = threading.Lock()
_default_setups: dict[tuple[Any, ...], PluginSetup] = {}


def default_plugin_setup(
    entrypoints: Sequence[str] | None = None, strict: bool = False
) -> PluginSetup:
    """The shared plugin manager for these settings, built once per process."""
    wanted = tuple(entrypoints) if entrypoints is not None else None
    key = (wanted, strict, os.environ.get(LOAD_ENV))
    with _default_lock:
        setup = _default_setups.get(key)
        if setup is None:
            setup = build_plugin_setup(
                entrypoints=list(entrypoints) if entrypoints is not None else None, strict=strict
            )
            _default_setups[key] = setup
        return setup
