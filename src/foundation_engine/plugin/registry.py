"""What the plugins registered: checks, rules, techniques, extensions, loaders, writers.

The registry calls each registration hook once per plugin, so it knows which
plugin supplied each item, validates every item, and refuses clashes with an
error naming both suppliers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pluggy
from pydantic import BaseModel

from foundation_engine.checks.spec import CheckSpec, describe
from foundation_engine.errors import PluginError, Problem
from foundation_engine.plugin.manager import PluginSetup
from foundation_engine.rulebook.loading import check_unique, load_rules
from foundation_engine.rulebook.model import RULE_ID_PATTERN, TECHNIQUE_PATTERN, LoadedRule


@dataclass(frozen=True)
class Technique:
    id: str
    title: str
    prefix: str
    weight: float
    description: str
    plugin: str
    order: int = 100


@dataclass(frozen=True)
class Loader:
    name: str
    suffixes: tuple[str, ...]
    load: Callable[[bytes, str], Any]
    plugin: str
    folder_marker: str | None = None
    """A file whose presence marks a folder this loader reads (``Partnership.csv``)."""


@dataclass(frozen=True)
class ReportWriter:
    name: str
    write: Callable[[Any], str]
    media_type: str
    suffix: str
    plugin: str


@dataclass(frozen=True)
class Extension:
    namespace: str
    schema: dict[str, Any]
    plugin: str


@dataclass
class Registry:
    """Everything the loaded plugins supplied."""

    setup: PluginSetup
    checks: dict[str, CheckSpec] = field(default_factory=dict)
    rules: list[LoadedRule] = field(default_factory=list)
    techniques: dict[str, Technique] = field(default_factory=dict)
    extensions: dict[str, Extension] = field(default_factory=dict)
    loaders: dict[str, Loader] = field(default_factory=dict)
    writers: dict[str, ReportWriter] = field(default_factory=dict)

    @property
    def manager(self) -> pluggy.PluginManager:
        return self.setup.manager

    def loader_for(self, source: str, format: str | None = None) -> Loader:
        if format is not None:
            try:
                return self.loaders[format]
            except KeyError:
                raise PluginError(
                    Problem(
                        f"unknown input format {format!r}; known: {', '.join(sorted(self.loaders))}"
                    )
                ) from None
        lowered = source.lower()
        for loader in self.loaders.values():
            if any(lowered.endswith(s) for s in loader.suffixes):
                return loader
        return self.loaders["json"]

    def folder_loader_for(self, folder: Path) -> Loader | None:
        """The loader whose marker file `folder` holds (names compared ignoring case)."""
        try:
            names = {entry.name.lower() for entry in folder.iterdir() if entry.is_file()}
        except OSError:
            return None
        for loader in self.loaders.values():
            if loader.folder_marker is not None and loader.folder_marker.lower() in names:
                return loader
        return None

    def writer(self, name: str) -> ReportWriter:
        try:
            return self.writers[name]
        except KeyError:
            raise PluginError(
                Problem(f"unknown report format {name!r}; known: {', '.join(sorted(self.writers))}")
            ) from None


def _per_plugin(pm: pluggy.PluginManager, hook: str) -> list[tuple[str, Callable[..., Any]]]:
    """One caller per plugin implementing `hook`, so registrations can be attributed."""
    plugins = pm.list_name_plugin()
    callers: list[tuple[str, Callable[..., Any]]] = []
    # Call order (last registered first), so a later plugin can override a default.
    for impl in reversed(getattr(pm.hook, hook).get_hookimpls()):
        others = [p for _, p in plugins if p is not impl.plugin]
        callers.append((impl.plugin_name, pm.subset_hook_caller(hook, remove_plugins=others)))
    return callers


def build_registry(setup: PluginSetup, extra_rule_paths: Sequence[str] = ()) -> Registry:
    """Ask every plugin what it supplies, validate it, and load the rule files."""
    registry = Registry(setup)
    pm = setup.manager
    problems: list[Problem] = []

    for plugin, call in _per_plugin(pm, "register_checks"):

        def register_check(
            function: Callable[..., Any],
            name: str | None = None,
            options: type[BaseModel] | None = None,
            _plugin: str = plugin,
        ) -> None:
            spec = describe(function, name, options, _plugin)
            other = registry.checks.get(spec.name)
            if other is not None:
                problems.append(
                    Problem(
                        f"check {spec.name!r} is registered by both plugin {other.plugin!r} "
                        f"and plugin {_plugin!r}"
                    )
                )
                return
            registry.checks[spec.name] = spec

        call(register=register_check)

    for plugin, call in _per_plugin(pm, "register_techniques"):

        def register_technique(
            id: str,
            title: str,
            prefix: str,
            weight: float = 1.0,
            description: str = "",
            order: int = 100,
            _plugin: str = plugin,
        ) -> None:
            import re

            if not re.match(TECHNIQUE_PATTERN, id):
                problems.append(
                    Problem(f"plugin {_plugin!r}: technique id {id!r} is not lower_snake")
                )
                return
            other = registry.techniques.get(id)
            if other is not None:
                problems.append(
                    Problem(
                        f"technique {id!r} is registered by both plugin {other.plugin!r} "
                        f"and plugin {_plugin!r}"
                    )
                )
                return
            if not re.match(RULE_ID_PATTERN, prefix + "000"):
                problems.append(
                    Problem(f"plugin {_plugin!r}: prefix {prefix!r} is not 2-6 capitals")
                )
                return
            registry.techniques[id] = Technique(
                id, title, prefix, float(weight), description, _plugin, order
            )

        call(register=register_technique)

    rule_sources: list[tuple[Path | Traversable, str]] = []
    for plugin, call in _per_plugin(pm, "register_rule_paths"):

        def register_path(path: Path | Traversable | str, _plugin: str = plugin) -> None:
            rule_sources.append((Path(path) if isinstance(path, str) else path, _plugin))

        call(register=register_path)
    rule_sources += [(Path(p), "config") for p in extra_rule_paths]

    for plugin, call in _per_plugin(pm, "register_state_extensions"):

        def register_extension(
            namespace: str, schema: dict[str, Any] | type[BaseModel], _plugin: str = plugin
        ) -> None:
            as_dict = schema.model_json_schema() if isinstance(schema, type) else dict(schema)
            other = registry.extensions.get(namespace)
            if other is not None:
                problems.append(
                    Problem(
                        f"state extension {namespace!r} is registered by both plugin "
                        f"{other.plugin!r} and plugin {_plugin!r}"
                    )
                )
                return
            registry.extensions[namespace] = Extension(namespace, as_dict, _plugin)

        call(register=register_extension)

    for plugin, call in _per_plugin(pm, "register_loaders"):

        def register_loader(
            name: str,
            suffixes: Sequence[str],
            load: Callable[[bytes, str], Any],
            folder_marker: str | None = None,
            _plugin: str = plugin,
        ) -> None:
            registry.loaders.setdefault(
                name, Loader(name, tuple(suffixes), load, _plugin, folder_marker)
            )

        call(register=register_loader)

    for plugin, call in _per_plugin(pm, "register_report_writers"):

        def register_writer(
            name: str,
            write: Callable[[Any], str],
            media_type: str = "text/plain",
            suffix: str = ".txt",
            _plugin: str = plugin,
        ) -> None:
            registry.writers.setdefault(
                name, ReportWriter(name, write, media_type, suffix, _plugin)
            )

        call(register=register_writer)

    if problems:
        raise PluginError(problems)

    for source, plugin in rule_sources:
        registry.rules.extend(load_rules(source, plugin))
    check_unique(registry.rules)
    registry.rules.sort(key=lambda r: r.definition.id)
    return registry
