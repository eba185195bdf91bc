"""What the plugins registered: checks, rules, techniques, extensions, loaders, writers.

The registry calls each registration hook once per plugin, so it knows which
plugin supplied each item. Every item is validated when it is registered (a
check or writer that is not callable, an options model that is not a pydantic
model, a malformed name) and clashes are refused with an error naming both
suppliers. One clash is allowed on purpose: a plugin may replace a built-in
input or report format by registering it with ``replace=True``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pluggy
from pydantic import BaseModel

from foundation_engine.checks.spec import CheckSpec, describe
from foundation_engine.errors import PluginError, Problem, RuleDefinitionError
from foundation_engine.plugin.manager import PluginSetup
from foundation_engine.rulebook.loading import check_unique, load_rules
from foundation_engine.rulebook.model import (
    CHECK_NAME_PATTERN,
    MAX_RULE_WEIGHT,
    RULE_ID_PATTERN,
    TECHNIQUE_PATTERN,
    LoadedRule,
)

#: The format a source with no recognised suffix is read as (``<stdin>``, JSON text).
DEFAULT_INPUT_FORMAT = "json"


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
    replaces: str | None = None
    """The built-in plugin whose format of the same name this one replaced."""


@dataclass(frozen=True)
class ReportWriter:
    name: str
    write: Callable[[Any], str]
    media_type: str
    suffix: str
    plugin: str
    replaces: str | None = None
    """The built-in plugin whose format of the same name this one replaced."""


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
    _processors: list[tuple[str, Callable[..., Any]]] | None = field(default=None, repr=False)

    @property
    def manager(self) -> pluggy.PluginManager:
        return self.setup.manager

    def finding_processors(self) -> list[tuple[str, Callable[..., Any]]]:
        """(plugin, caller) for each ``process_findings`` implementation, in call order.

        One caller per plugin lets the engine isolate each implementation: one
        that raises is undone and named, and the others still run.
        """
        if self._processors is None:
            self._processors = _per_plugin(self.manager, "process_findings")
        return self._processors

    def loader_for(self, source: str, format: str | None = None) -> Loader:
        """The loader for `format`, else the one claiming the longest suffix of `source`.

        A source no loader claims (``<stdin>``, a name without a suffix) is read
        as :data:`DEFAULT_INPUT_FORMAT`.
        """
        if format is None:
            lowered = source.lower()
            claims = [
                (len(suffix), loader)
                for loader in self.loaders.values()
                for suffix in loader.suffixes
                if lowered.endswith(suffix.lower())
            ]
            if claims:
                return max(claims, key=lambda claim: claim[0])[1]
        wanted = format or DEFAULT_INPUT_FORMAT
        loader = self.loaders.get(wanted)
        if loader is not None:
            return loader
        known = ", ".join(sorted(self.loaders)) or "none (no loader plugin is registered)"
        if format is None:
            message = (
                f"cannot tell the input format of {source}: no loader claims its suffix and "
                f"there is no {DEFAULT_INPUT_FORMAT!r} loader to fall back on; known formats: "
                f"{known}"
            )
        else:
            message = f"unknown input format {format!r}; known: {known}"
        if not self.loaders:
            message += "; the built-in JSON and TOML loaders are plugin 'foundation_engine.formats'"
        raise PluginError(Problem(message, source=None if format else source))

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
    # Call order (last registered first); clashes are resolved by the rules
    # below, never by this order.
    for impl in reversed(getattr(pm.hook, hook).get_hookimpls()):
        others = [p for _, p in plugins if p is not impl.plugin]
        callers.append((impl.plugin_name, pm.subset_hook_caller(hook, remove_plugins=others)))
    return callers


def _both(kind: str, name: str, first: str, second: str) -> Problem:
    return Problem(f"{kind} {name!r} is registered by both plugin {first!r} and plugin {second!r}")


def _not_callable(plugin: str, hook: str, what: str, value: object) -> Problem:
    return Problem(
        f"plugin {plugin!r} ({hook}): {what} is {_shown(value)}, which is not callable; "
        "expected a function"
    )


def _shown(value: object) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'...' if len(text) > 60 else ''}"


def _is_model_class(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _is_suffix_list(value: object, *, may_be_empty: bool = False) -> bool:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and (bool(value) or may_be_empty)
        and all(isinstance(s, str) and s.startswith(".") and len(s) > 1 for s in value)
    )


_FORMAT_NAME = re.compile(r"^[a-z][a-z0-9_.\-]{0,39}$")


class _Formats:
    """Loaders or writers as registered, resolved once every plugin has spoken.

    Two plugins registering one name is an error naming both, whatever order
    pluggy calls them in. A plugin replaces a built-in's format only by
    passing ``replace=True``; without it the clash is refused, naming the
    built-in and the way to replace it.
    """

    def __init__(self, kind: str, hook: str, setup: PluginSetup) -> None:
        self.kind = kind
        self.hook = hook
        self.setup = setup
        self.offers: dict[str, list[tuple[str, bool, Any]]] = {}

    def offer(self, name: str, plugin: str, replace: bool, item: Any) -> None:
        self.offers.setdefault(name, []).append((plugin, replace, item))

    def resolve(self, problems: list[Problem]) -> dict[str, Any]:
        chosen: dict[str, Any] = {}
        for name, offers in self.offers.items():
            builtin = [o for o in offers if self.setup.is_builtin(o[0])]
            others = [o for o in offers if not self.setup.is_builtin(o[0])]
            for group in (builtin, others):
                if len(group) > 1:
                    problems.append(_both(self.kind, name, group[0][0], group[1][0]))
            if len(builtin) > 1 or len(others) > 1:
                continue
            if not others:
                chosen[name] = builtin[0][2]
                continue
            plugin, replace, item = others[0]
            if not builtin:
                chosen[name] = item
            elif replace:
                chosen[name] = _replacing(item, builtin[0][0])
            else:
                problems.append(
                    Problem(
                        f"{self.kind} {name!r} is registered by both built-in plugin "
                        f"{builtin[0][0]!r} and plugin {plugin!r}; to replace the built-in, "
                        f"the plugin registers it with replace=True ({self.hook})"
                    )
                )
        return chosen


def _replacing(item: Any, builtin: str) -> Any:
    return replace(item, replaces=builtin)


def _call(
    plugin: str, hook: str, call: Callable[..., Any], register: Any, problems: list[Problem]
) -> None:
    """Run one plugin's registration hook; an exception becomes a problem naming it."""
    try:
        call(register=register)
    except Exception as exc:
        problems.append(Problem(f"plugin {plugin!r} raised {type(exc).__name__} in {hook}: {exc}"))


def build_registry(setup: PluginSetup, extra_rule_paths: Sequence[str] = ()) -> Registry:
    """Ask every plugin what it supplies, validate it, and load the rule files."""
    registry = Registry(setup)
    pm = setup.manager
    problems: list[Problem] = []

    hook = "register_checks"
    for plugin, call in _per_plugin(pm, hook):

        def register_check(
            function: Callable[..., Any],
            name: str | None = None,
            options: type[BaseModel] | None = None,
            _plugin: str = plugin,
        ) -> None:
            if not callable(function):
                problems.append(_not_callable(_plugin, "register_checks", "the check", function))
                return
            if options is not None and not _is_model_class(options):
                problems.append(
                    Problem(
                        f"plugin {_plugin!r} (register_checks): options of check "
                        f"{name or getattr(function, '__name__', '?')!r} is {_shown(options)}; "
                        "expected a pydantic model class (such as foundation_engine.checks.Options)"
                    )
                )
                return
            spec = describe(function, name, options, _plugin)
            if not _is_model_class(spec.options):
                problems.append(
                    Problem(
                        f"plugin {_plugin!r} (register_checks): options of check {spec.name!r} "
                        f"is {_shown(spec.options)}; expected a pydantic model class"
                    )
                )
                return
            if not isinstance(spec.name, str) or not re.match(CHECK_NAME_PATTERN, spec.name):
                problems.append(
                    Problem(
                        f"plugin {_plugin!r} (register_checks): check name {spec.name!r} is not "
                        "valid; expected lower case letters, digits, '_', '.' or '-', starting "
                        "with a letter"
                    )
                )
                return
            other = registry.checks.get(spec.name)
            if other is not None:
                problems.append(_both("check", spec.name, other.plugin, _plugin))
                return
            registry.checks[spec.name] = spec

        _call(plugin, hook, call, register_check, problems)

    hook = "register_techniques"
    for plugin, call in _per_plugin(pm, hook):

        def register_technique(
            id: str,
            title: str,
            prefix: str,
            weight: float = 1.0,
            description: str = "",
            order: int = 100,
            _plugin: str = plugin,
        ) -> None:
            if not isinstance(id, str) or not re.match(TECHNIQUE_PATTERN, id):
                problems.append(
                    Problem(f"plugin {_plugin!r}: technique id {id!r} is not lower_snake")
                )
                return
            other = registry.techniques.get(id)
            if other is not None:
                problems.append(_both("technique", id, other.plugin, _plugin))
                return
            if not isinstance(prefix, str) or not re.match(RULE_ID_PATTERN, prefix + "000"):
                problems.append(
                    Problem(f"plugin {_plugin!r}: prefix {prefix!r} is not 2-6 capitals")
                )
                return
            if (
                isinstance(weight, bool)
                or not isinstance(weight, int | float)
                or not 0 <= weight <= MAX_RULE_WEIGHT
            ):
                problems.append(
                    Problem(
                        f"plugin {_plugin!r}: technique {id!r} has weight {weight!r}; expected "
                        f"a number from 0 to {MAX_RULE_WEIGHT:g}"
                    )
                )
                return
            registry.techniques[id] = Technique(
                id, title, prefix, float(weight), description, _plugin, order
            )

        _call(plugin, hook, call, register_technique, problems)

    rule_sources: list[tuple[Path | Traversable, str]] = []
    hook = "register_rule_paths"
    for plugin, call in _per_plugin(pm, hook):

        def register_path(path: Path | Traversable | str, _plugin: str = plugin) -> None:
            if isinstance(path, str | os.PathLike):
                rule_sources.append((Path(path), _plugin))
            elif callable(getattr(path, "iterdir", None)) and callable(
                getattr(path, "is_dir", None)
            ):  # an importlib.resources traversable, such as a folder inside a zip
                rule_sources.append((path, _plugin))
            else:
                problems.append(
                    Problem(
                        f"plugin {_plugin!r} (register_rule_paths): {_shown(path)} is not a "
                        "folder; expected a pathlib.Path, a string or an importlib.resources "
                        "traversable"
                    )
                )

        _call(plugin, hook, call, register_path, problems)
    rule_sources += [(Path(p), "config") for p in extra_rule_paths]

    hook = "register_state_extensions"
    for plugin, call in _per_plugin(pm, hook):

        def register_extension(
            namespace: str, schema: dict[str, Any] | type[BaseModel], _plugin: str = plugin
        ) -> None:
            if _is_model_class(schema):
                as_dict = schema.model_json_schema()  # type: ignore[union-attr]
            elif isinstance(schema, dict):
                as_dict = dict(schema)
            else:
                problems.append(
                    Problem(
                        f"plugin {_plugin!r} (register_state_extensions): the schema of "
                        f"{namespace!r} is {_shown(schema)}; expected a JSON Schema (a dict) "
                        "or a pydantic model class"
                    )
                )
                return
            other = registry.extensions.get(namespace)
            if other is not None:
                problems.append(_both("state extension", namespace, other.plugin, _plugin))
                return
            registry.extensions[namespace] = Extension(namespace, as_dict, _plugin)

        _call(plugin, hook, call, register_extension, problems)

    hook = "register_loaders"
    loaders = _Formats("input format", hook, setup)
    for plugin, call in _per_plugin(pm, hook):

        def register_loader(
            name: str,
            suffixes: Sequence[str],
            load: Callable[[bytes, str], Any],
            folder_marker: str | None = None,
            *,
            replace: bool = False,
            _plugin: str = plugin,
        ) -> None:
            if not isinstance(name, str) or not _FORMAT_NAME.match(name):
                problems.append(_bad_format_name(_plugin, "register_loaders", name))
            elif not _is_suffix_list(suffixes, may_be_empty=folder_marker is not None):
                problems.append(
                    Problem(
                        f"plugin {_plugin!r} (register_loaders): suffixes of input format "
                        f"{name!r} are {_shown(suffixes)}; expected a tuple of file endings "
                        'such as (".json.gz",), or () with a folder_marker'
                    )
                )
            elif folder_marker is not None and (
                not isinstance(folder_marker, str) or not folder_marker or "/" in folder_marker
            ):
                problems.append(
                    Problem(
                        f"plugin {_plugin!r} (register_loaders): folder_marker of input format "
                        f"{name!r} is {_shown(folder_marker)}; expected a file name such as "
                        "'Partnership.csv'"
                    )
                )
            elif not callable(load):
                problems.append(
                    _not_callable(_plugin, "register_loaders", f"the loader of {name!r}", load)
                )
            else:
                loader = Loader(name, tuple(suffixes), load, _plugin, folder_marker)
                loaders.offer(name, _plugin, replace, loader)

        _call(plugin, hook, call, register_loader, problems)
    registry.loaders = loaders.resolve(problems)
    problems += _suffix_clashes(registry.loaders.values())

    hook = "register_report_writers"
    writers = _Formats("report format", hook, setup)
    for plugin, call in _per_plugin(pm, hook):

        def register_writer(
            name: str,
            write: Callable[[Any], str],
            media_type: str = "text/plain",
            suffix: str = ".txt",
            *,
            replace: bool = False,
            _plugin: str = plugin,
        ) -> None:
            if not isinstance(name, str) or not _FORMAT_NAME.match(name):
                problems.append(_bad_format_name(_plugin, "register_report_writers", name))
            elif not callable(write):
                problems.append(
                    _not_callable(
                        _plugin, "register_report_writers", f"the writer of {name!r}", write
                    )
                )
            elif not isinstance(media_type, str) or not _is_suffix_list((suffix,)):
                problems.append(
                    Problem(
                        f"plugin {_plugin!r} (register_report_writers): report format {name!r} "
                        f"needs a media type such as 'text/plain' and a suffix such as '.txt'; "
                        f"got {media_type!r} and {suffix!r}"
                    )
                )
            else:
                writer = ReportWriter(name, write, media_type, suffix, _plugin)
                writers.offer(name, _plugin, replace, writer)

        _call(plugin, hook, call, register_writer, problems)
    registry.writers = writers.resolve(problems)

    if problems:
        raise PluginError(problems)

    for source, plugin in rule_sources:
        registry.rules.extend(load_rules(source, plugin))
    check_unique(registry.rules)
    registry.rules.sort(key=lambda r: r.definition.id)
    _check_unique_names(registry.rules)
    return registry


def _check_unique_names(rules: Iterable[LoadedRule]) -> None:
    """Raise when two rules share a name, naming both rules, files and plugins."""
    seen: dict[str, LoadedRule] = {}
    problems: list[Problem] = []
    for rule in rules:
        name = rule.definition.name
        if name is None:
            continue
        other = seen.setdefault(name, rule)
        if other is not rule:
            problems.append(
                Problem(
                    f"rule name {name!r} is given to two rules: {other.definition.id} by plugin "
                    f"{other.plugin!r} ({other.source}) and {rule.definition.id} by plugin "
                    f"{rule.plugin!r} ({rule.source})"
                )
            )
    if problems:
        raise RuleDefinitionError(problems)


def _bad_format_name(plugin: str, hook: str, name: object) -> Problem:
    return Problem(
        f"plugin {plugin!r} ({hook}): format name {name!r} is not valid; expected lower case "
        "letters, digits, '_', '.' or '-', starting with a letter (such as 'json-gz')"
    )


def _suffix_clashes(loaders: Iterable[Loader]) -> list[Problem]:
    """Two input formats claiming one file ending would make the choice arbitrary."""
    claimed: dict[str, Loader] = {}
    problems: list[Problem] = []
    for loader in sorted(loaders, key=lambda item: item.name):
        for suffix in loader.suffixes:
            other = claimed.setdefault(suffix.lower(), loader)
            if other is not loader:
                problems.append(
                    Problem(
                        f"file ending {suffix!r} is claimed by input format {other.name!r} "
                        f"(plugin {other.plugin!r}) and input format {loader.name!r} "
                        f"(plugin {loader.plugin!r})"
                    )
                )
    return problems
