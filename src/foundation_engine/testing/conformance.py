"""Conformance: is a plugin fit to publish?

:func:`check_plugin_conformance` loads the plugins beside the built-ins and
lists everything wrong with what they supply: rule files that do not parse or
lack a name or documentation, rules naming a check no plugin registers or a technique
no plugin registers, ids that do not start with their technique's prefix,
option defaults the check's options model rejects, checks no rule uses, and
clashes with other plugins. :func:`assert_plugin_conformance` turns that list
into one test failure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from foundation_engine.errors import FoundationError, Problem, json_path
from foundation_engine.plugin.manager import DEFAULT_PLUGINS, build_plugin_setup
from foundation_engine.plugin.registry import Registry, build_registry
from foundation_engine.rulebook.model import DOC_SECTIONS, LoadedRule, merge_options

CONFIG_PLUGIN = "config"
"""The supplier the registry records for rules loaded from config ``rule_paths``."""

PLACEHOLDER = re.compile(r"^\s*(todo|tbd|fixme|xxx|\.\.\.|-|n/?a)\b", re.IGNORECASE)
"""Doc text that was never written."""


def check_plugin_conformance(
    *plugins: Any,
    rule_paths: Sequence[str | Path] = (),
    builtins: Sequence[str] = DEFAULT_PLUGINS,
    allow_unused_checks: bool = False,
) -> list[Problem]:
    """Everything wrong with what `plugins` supply; an empty list when they conform.

    Each plugin is a module or object with hook implementations, or the name
    of an installed plugin (its entry-point name). `rule_paths` are folders
    of a rule pack, loaded as config ``rule_paths`` would load them. Only the
    rules and checks these supply are judged; the built-ins load beside them
    so that rules may belong to a built-in technique and clashes show.
    """
    objects = [p for p in plugins if not isinstance(p, str)]
    names = [p for p in plugins if isinstance(p, str)]
    try:
        setup = build_plugin_setup(
            builtins=builtins, extra=objects, entrypoints=names or False, strict=True
        )
        registry = build_registry(setup, [str(p) for p in rule_paths])
    except FoundationError as exc:
        return list(exc.problems)
    own: set[str | None] = {setup.manager.get_name(p) for p in objects} | set(names)
    if rule_paths:
        own.add(CONFIG_PLUGIN)
    own.discard(None)
    rules = [r for r in registry.rules if r.plugin in own]
    problems: list[Problem] = []
    known_ids = {r.definition.id for r in registry.rules}
    for rule in rules:
        problems.extend(_rule_problems(rule, registry))
        replaced_by = rule.definition.replaced_by
        if replaced_by is not None and replaced_by not in known_ids:
            problems.append(
                Problem(
                    f"rule {rule.definition.id}: replaced_by names {replaced_by}, which no "
                    "loaded plugin defines",
                    "$.replaced_by",
                    rule.source,
                )
            )
    if not allow_unused_checks:
        used = {r.definition.check.name for r in registry.rules}
        for spec in registry.checks.values():
            if spec.plugin in own and spec.name not in used:
                problems.append(
                    Problem(
                        f"check {spec.name!r} from plugin {spec.plugin!r} is registered but "
                        "no rule uses it; add a rule file naming it, or stop registering it"
                    )
                )
    return problems


def _rule_problems(rule: LoadedRule, registry: Registry) -> list[Problem]:
    d = rule.definition
    problems: list[Problem] = []

    def problem(message: str, path: str) -> None:
        problems.append(Problem(f"rule {d.id}: {message}", path, rule.source))

    if d.name is None:
        problem(
            'has no name; add name = "..." after id: the condition it flags in kebab-case, '
            "such as touchpoint-gap",
            "$.name",
        )
    technique = registry.techniques.get(d.technique)
    if technique is None:
        problem(
            f"technique {d.technique!r} is registered by no plugin; known: "
            f"{', '.join(sorted(registry.techniques))}",
            "$.technique",
        )
    elif not d.id.startswith(technique.prefix) or d.prefix != technique.prefix:
        problem(
            f"ids of technique {d.technique!r} are {technique.prefix} plus 3 digits",
            "$.id",
        )
    for section in DOC_SECTIONS:
        text = getattr(d.docs, section)
        if PLACEHOLDER.match(text):
            problem(f"docs.{section} is a placeholder ({text.strip()[:20]!r})", f"$.docs.{section}")
    for index, reference in enumerate(d.docs.references):
        if PLACEHOLDER.match(reference) or not reference.strip():
            problem("docs.references holds a placeholder", f"$.docs.references[{index}]")
    spec = registry.checks.get(d.check.name)
    if spec is None:
        problem(
            f"check {d.check.name!r} is registered by no plugin; known: "
            f"{', '.join(sorted(registry.checks))}",
            "$.check.name",
        )
        return problems
    try:
        spec.options.model_validate(merge_options(d, None))
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where = ".".join(map(str, error["loc"])) or "options"
            section = "options" if error["loc"] and error["loc"][0] in d.options else "check.params"
            path = json_path((section, *error["loc"])) if error["loc"] else "$.options"
            problem(f"option {where}: {error['msg']} (check {spec.name!r})", path)
    return problems


def assert_plugin_conformance(
    *plugins: Any,
    rule_paths: Sequence[str | Path] = (),
    builtins: Sequence[str] = DEFAULT_PLUGINS,
    allow_unused_checks: bool = False,
) -> None:
    """Fail with every conformance problem listed, one per line."""
    problems = check_plugin_conformance(
        *plugins,
        rule_paths=rule_paths,
        builtins=builtins,
        allow_unused_checks=allow_unused_checks,
    )
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise AssertionError(f"{len(problems)} conformance problem(s):\n{lines}")
