"""Start a new built-in rule: its rule file, with every field and empty doc sections, and its tests.

    python scripts/add_rule.py communication meeting-notes-missing --like COM004
    python scripts/add_rule.py urgency slow-offer-approval --check urgency_requisition_response \\
        --like URG006 --severity high --owner client

Writes ``rules/<technique>/<ID>.toml`` (the next free id of the technique's
prefix unless ``--id`` is given) and ``tests/rules/<technique>/test_<ID>.py``.
The options come from the check's options model, with their defaults, or
from the rule named by ``--like``. Every text to write is marked ``TODO``:
the rule loads at once, but the conformance test (``tests/test_builtin_rules.py``)
fails until its docs are written, and the tests fail until they are. The rule
arrives as ``preview``; CONTRIBUTING.md says when it becomes ``stable``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import tomli_w

from foundation_engine._version import __version__
from foundation_engine.errors import FoundationError
from foundation_engine.plugin.manager import DEFAULT_PLUGINS, build_plugin_setup
from foundation_engine.plugin.registry import Registry, build_registry
from foundation_engine.rulebook.model import RULE_ID_PATTERN, RULE_NAME_PATTERN, LoadedRule
from foundation_engine.rulebook.severity import SEVERITY_NAMES
from foundation_engine.state.vocabulary import Owner

ROOT = Path(__file__).resolve().parent.parent
TODO = "TODO"


class AddRuleError(Exception):
    """The rule cannot be added as asked; the message says why and what to do."""


def add_rule(
    technique: str,
    name: str,
    *,
    check: str | None = None,
    like: str | None = None,
    rule_id: str | None = None,
    severity: str = "medium",
    owner: str = "both",
    root: Path = ROOT,
) -> tuple[Path, Path]:
    """Write the rule file and its test skeleton under `root`; returns both paths."""
    registry = _builtin_registry()
    known = registry.techniques.get(technique)
    if known is None or not known.plugin.startswith("foundation_engine.rules."):
        builtin = sorted(
            t.id for t in registry.techniques.values() if t.plugin.startswith("foundation_engine.")
        )
        raise AddRuleError(f"no built-in technique {technique!r}; known: {', '.join(builtin)}")
    if not re.match(RULE_NAME_PATTERN, name) or len(name) < 3:
        raise AddRuleError(
            f"rule name {name!r} is not kebab-case; expected lower-case words joined by "
            "hyphens that name the condition the rule flags, such as touchpoint-gap"
        )
    rules_folder = root / "rules" / technique
    loaded = [*registry.rules, *_rules_in(rules_folder)]
    taken = {r.definition.name: r.definition.id for r in loaded if r.definition.name}
    if name in taken:
        raise AddRuleError(f"rule name {name!r} is taken by {taken[name]}")
    rule_id = rule_id or _next_id(known.prefix, loaded)
    if not re.match(RULE_ID_PATTERN, rule_id) or not rule_id.startswith(known.prefix):
        raise AddRuleError(f"rule id {rule_id!r} is not {known.prefix} plus three digits")
    if rule_id in {r.definition.id for r in loaded}:
        raise AddRuleError(f"rule id {rule_id} is taken")
    if severity not in SEVERITY_NAMES:
        raise AddRuleError(f"severity {severity!r}; expected one of {', '.join(SEVERITY_NAMES)}")
    if owner not in {o.value for o in Owner}:
        raise AddRuleError(f"owner {owner!r}; expected one of {', '.join(o.value for o in Owner)}")

    check_name, params, options = _binding(registry, check, like)
    rule_path = rules_folder / f"{rule_id}.toml"
    test_path = root / "tests" / "rules" / technique / f"test_{rule_id}.py"
    for path in (rule_path, test_path):
        if path.exists():
            raise AddRuleError(f"{path} exists; nothing was written")
    rule_path.parent.mkdir(parents=True, exist_ok=True)
    test_path.parent.mkdir(parents=True, exist_ok=True)
    rule_path.write_text(
        _rule_text(rule_id, name, technique, severity, owner, check_name, params, options),
        encoding="utf-8",
    )
    test_path.write_text(_test_text(rule_id, name, technique), encoding="utf-8")
    return rule_path, test_path


def _builtin_registry() -> Registry:
    setup = build_plugin_setup(builtins=DEFAULT_PLUGINS, entrypoints=False, strict=True)
    return build_registry(setup)


def _rules_in(folder: Path) -> list[LoadedRule]:
    """Rules already in the target folder (it may be a copy of the tree, or hold new files)."""
    from foundation_engine.rulebook.loading import load_rules

    return load_rules(folder, "target") if folder.is_dir() else []


def _next_id(prefix: str, loaded: list[LoadedRule]) -> str:
    numbers = [
        int(r.definition.id[len(prefix) :])
        for r in loaded
        if r.definition.id.startswith(prefix) and r.definition.id[len(prefix) :].isdigit()
    ]
    # Three-digit ids from 900 up are kept for example packs and tests; the rule set's
    # own rules count up from 001, and a block set apart (020 and 021 for the pulse)
    # leaves the numbers below it to fill first.
    used = {n for n in numbers if n < 900}
    return f"{prefix}{next(n for n in range(1, 900) if n not in used):03d}"


def _binding(
    registry: Registry, check: str | None, like: str | None
) -> tuple[str, dict[str, Any], dict[str, dict[str, Any]]]:
    """The check's name, fixed params and documented options for the new rule."""
    if like is not None:
        model = next((r.definition for r in registry.rules if r.definition.id == like), None)
        if model is None:
            raise AddRuleError(f"--like {like}: no such rule")
        if check is not None and check != model.check.name:
            raise AddRuleError(f"--like {like} uses check {model.check.name!r}, not {check!r}")
        copied = {
            key: {**option.model_dump(), "source": f"{TODO}: (copied from {like}) {option.source}"}
            for key, option in model.options.items()
        }
        return model.check.name, dict(model.check.params), copied
    if check is None:
        raise AddRuleError("name the check the rule runs (--check NAME) or a rule to copy (--like)")
    spec = registry.checks.get(check)
    if spec is None:
        raise AddRuleError(f"no check {check!r}; known: {', '.join(sorted(registry.checks))}")
    required = [key for key, field in spec.options.model_fields.items() if field.is_required()]
    if required:
        raise AddRuleError(
            f"check {check!r} needs {', '.join(required)}, which no default supplies; pass "
            "--like RULE to copy them from a rule that uses this check"
        )
    options: dict[str, dict[str, Any]] = {}
    for key, field in spec.options.model_fields.items():
        default = field.get_default(call_default_factory=True)
        if default is None:
            continue
        options[key] = {
            "default": default.value if hasattr(default, "value") else default,
            "description": field.description or f"{TODO}: what {key} sets.",
            "source": f"{TODO}: where the default comes from (a named source, or "
            "'Judgement:' and why).",
        }
    return check, {}, options


_WHO = {"client": "the client", "provider": "the provider", "both": "the client and the provider"}


def _value(value: Any) -> str:
    return tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")


def _rule_text(
    rule_id: str,
    name: str,
    technique: str,
    severity: str,
    owner: str,
    check: str,
    params: dict[str, Any],
    options: dict[str, dict[str, Any]],
) -> str:
    lines = [
        f"id = {_value(rule_id)}",
        f"name = {_value(name)}",
        f"technique = {_value(technique)}",
        f'title = "{TODO}: the condition it flags, in words without numbers"',
        f"severity = {_value(severity)}",
        f"owner = {_value(owner)}",
        'lifecycle = "preview"',
        f"since = {_value(__version__)}",
        f'recommendation = "{TODO}: what {_WHO[owner]} should do, in a sentence or two."',
        "",
        "[check]",
        f"name = {_value(check)}",
    ]
    if params:
        lines += ["", "[check.params]", *(f"{k} = {_value(v)}" for k, v in params.items())]
    for key, option in options.items():
        lines += [
            "",
            f"[options.{key}]",
            f"default = {_value(option['default'])}",
            f"description = {_value(option['description'])}",
            f"source = {_value(option['source'])}",
        ]
    lines += [
        "",
        "[message]",
        f'failed = "{TODO}: what failed, with the measured {{value}} and the limit."',
        f'passed = "{TODO}: what passed, with the measured {{value}}."',
        f'not_applicable = "{TODO}: what cannot be judged: {{reason}}."',
        "",
        "[docs]",
        f'what = "{TODO}: what the rule checks, and which records it reads."',
        f'why = "{TODO}: why it matters to the partnership."',
        f'example = "{TODO}: a case the rule flags."',
        f'how_to_fix = "{TODO}: what to do about it."',
        f'limitations = "{TODO}: what a pass or a failure does not mean."',
        f'references = ["{TODO}: the sources of the rule and of its defaults"]',
    ]
    return "\n".join(lines) + "\n"


def _test_text(rule_id: str, name: str, technique: str) -> str:
    values = {"ID": rule_id, "NAME": name, "TECHNIQUE": technique}
    return re.sub(r"@(\w+)@", lambda m: values[m.group(1)], _TEST)


# Fields are marked @NAME@: the template holds Python braces of its own.
_TEST = '''"""@ID@ (@NAME@).

Its rule file and its check sit side by side in ``rules/@TECHNIQUE@/``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.rules.@TECHNIQUE@"
RULE = "@ID@"


def assess(make_engine: Callable[..., Engine], builder: StateBuilder) -> Finding:
    # Selected by id, so the rule runs while its lifecycle is still preview.
    engine = make_engine(MODULE, config=EngineConfig(select=[RULE]))
    return finding(engine.assess(builder.build()), RULE)


class Test@ID@:
    def test_passes_when_the_partnership_meets_it(self, make_engine: Callable[..., Engine]) -> None:
        f = assess(make_engine, StateBuilder())
        pytest.fail(f"TODO: build a state the rule passes on (this one: {f.status})")

    def test_fails_and_points_at_the_records_behind_it(
        self, make_engine: Callable[..., Engine]
    ) -> None:
        f = assess(make_engine, StateBuilder())
        pytest.fail(f"TODO: build a state it fails on; check value, evidence ({f.status})")

    def test_not_applicable_without_the_records_it_needs(
        self, make_engine: Callable[..., Engine]
    ) -> None:
        f = assess(make_engine, StateBuilder())
        pytest.fail(f"TODO: build a state without the records it reads ({f.status})")
'''


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/add_rule.py", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("technique", help="the built-in technique, such as communication")
    parser.add_argument("name", help="the rule's kebab-case name, such as touchpoint-gap")
    parser.add_argument("--check", help="the registered check the rule runs")
    parser.add_argument("--like", metavar="RULE", help="copy the check, params and options")
    parser.add_argument("--id", dest="rule_id", help="the rule id (default: the next free one)")
    parser.add_argument("--severity", default="medium", choices=SEVERITY_NAMES)
    parser.add_argument("--owner", default="both", choices=[o.value for o in Owner])
    parser.add_argument("--root", type=Path, default=ROOT, help="the source tree to write into")
    args = parser.parse_args(argv)
    try:
        rule_path, test_path = add_rule(
            args.technique,
            args.name,
            check=args.check,
            like=args.like,
            rule_id=args.rule_id,
            severity=args.severity,
            owner=args.owner,
            root=args.root,
        )
    except (AddRuleError, FoundationError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {rule_path}")
    print(f"wrote {test_path}")
    print("next: fill in every TODO, write the tests, then follow CONTRIBUTING.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
