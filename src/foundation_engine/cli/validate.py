"""``foundation-engine validate``: check files against their schemas without assessing.

Every problem in every file is listed, not only the first. A state is read by
the same loaders and validated by the same model (and plugin extension
schemas) as ``assess`` uses; a rule file is checked against the rule
meta-schema, and its check and technique must be ones a loaded plugin
registers.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from foundation_engine.cli.configuration import engine_from_args
from foundation_engine.cli.diagnostics import ExitCode, print_note, print_problems
from foundation_engine.files import toml_input

if TYPE_CHECKING:
    from foundation_engine.core.engine import Engine
    from foundation_engine.errors import Problem


def looks_like_rule(path: str, data: bytes) -> bool:
    """A TOML file with ``[check]`` and ``[docs]`` tables is a rule file."""
    if not path.lower().endswith(".toml"):
        return False
    try:
        document = toml_input.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return False  # not a readable rule file; the state loader explains what is wrong
    return isinstance(document.get("check"), dict) and isinstance(document.get("docs"), dict)


def rule_problems(engine: Engine, data: bytes, source: str) -> list[Problem]:
    from foundation_engine.errors import Problem, RuleDefinitionError
    from foundation_engine.rulebook.loading import parse_rule

    try:
        rule = parse_rule(data, source)
    except RuleDefinitionError as exc:
        return list(exc.problems)
    problems: list[Problem] = []
    registry = engine.registry
    if rule.check.name not in registry.checks:
        problems.append(
            Problem(
                f"check {rule.check.name!r} is not registered by any loaded plugin; known: "
                f"{', '.join(sorted(registry.checks))}",
                "$.check.name",
                source,
            )
        )
    if rule.technique not in registry.techniques:
        problems.append(
            Problem(
                f"technique {rule.technique!r} is not registered by any loaded plugin; known: "
                f"{', '.join(sorted(registry.techniques))}",
                "$.technique",
                source,
            )
        )
    return problems


def state_problems(engine: Engine, data: bytes, source: str) -> list[Problem]:
    from foundation_engine.core.loading import load_bytes
    from foundation_engine.errors import InputError

    try:
        engine.load(load_bytes(data, source, engine.registry, limits=engine.config.limits))
    except InputError as exc:
        return list(exc.with_source(source).problems)
    return []


def run(args: argparse.Namespace) -> int:
    from foundation_engine.errors import LimitExceeded, Problem
    from foundation_engine.files.limits import check_size

    engine = engine_from_args(args)
    most = engine.config.limits.max_input_bytes
    bad = 0
    for name in args.files:
        source = "<stdin>" if name == "-" else name
        try:
            if name == "-":
                data = sys.stdin.buffer.read(most + 1)
            else:
                check_size(Path(name).stat().st_size, engine.config.limits, name, "file")
                with Path(name).open("rb") as handle:
                    data = handle.read(most + 1)  # never more than the limit allows
        except LimitExceeded as exc:
            print_problems(list(exc.problems))
            bad += 1
            continue
        except OSError as exc:
            print_problems([Problem(f"cannot read: {exc.strerror}", source=source)])
            bad += 1
            continue
        is_rule = args.kind == "rule" or (args.kind == "auto" and looks_like_rule(name, data))
        problems = (rule_problems if is_rule else state_problems)(engine, data, source)
        if problems:
            bad += 1
            count = print_problems(problems)
            print_note(f"{source}: {count} problem{'s' if count != 1 else ''}")
        else:
            print(f"ok: {source} ({'rule' if is_rule else 'state'})")
    total = len(args.files)
    if bad:
        print_note(f"{bad} of {total} file{'s' if total != 1 else ''} invalid")
        return ExitCode.INPUT
    return ExitCode.OK
