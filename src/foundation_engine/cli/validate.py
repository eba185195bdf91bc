"""``foundation-engine validate``: check files against their schemas without assessing.

Every problem in every file is listed, not only the first. A file named
``foundation.toml`` (or a ``pyproject.toml`` with a ``[tool.foundation-engine]``
table, or any file with ``--as config``) is read as a configuration exactly as
``assess`` reads one, and an engine is built with it, so an unknown key, a
selector naming no rule and a bad rule option are reported at their lines. A
state is read by
the same loaders and validated by the same model (and plugin extension
schemas) as ``assess`` uses; a rule file is checked against the rule
meta-schema, its check and technique must be ones a loaded plugin registers,
and the options it gives its check are validated by that check's options
model, as ``assess`` does when it loads the rule (so an expression, pointer or
schema ``assess`` would refuse is reported here too).
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
    from foundation_engine.checks.spec import CheckSpec
    from foundation_engine.core.engine import Engine
    from foundation_engine.errors import Problem
    from foundation_engine.rulebook.model import RuleDefinition


def looks_like_rule(path: str, data: bytes) -> bool:
    """A TOML file with ``[check]`` and ``[docs]`` tables is a rule file."""
    if not path.lower().endswith(".toml"):
        return False
    try:
        document = toml_input.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return False  # not a readable rule file; the state loader explains what is wrong
    return isinstance(document.get("check"), dict) and isinstance(document.get("docs"), dict)


def looks_like_config(path: str, data: bytes) -> bool:
    """``foundation.toml``, or a ``pyproject.toml`` holding a ``[tool.foundation-engine]``."""
    from foundation_engine.core.config import CONFIG_FILENAME, PYPROJECT_TABLE

    name = Path(path).name.lower()
    if name == CONFIG_FILENAME:
        return True
    if name != "pyproject.toml":
        return False
    try:
        document = toml_input.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return False
    tool = document.get(PYPROJECT_TABLE[0])
    return isinstance(tool, dict) and PYPROJECT_TABLE[1] in tool


def config_problems(engine: Engine, name: str, data: bytes, source: str) -> list[Problem]:
    """What ``assess`` would refuse in this configuration: its settings, then an engine
    built with them (selectors that name no rule, rule options of the wrong type)."""
    from foundation_engine.core.config import config_from_bytes
    from foundation_engine.core.engine import Engine
    from foundation_engine.errors import FoundationError

    folder = Path.cwd() if name == "-" else Path(name).parent
    try:
        config = config_from_bytes(
            data, source, folder, pyproject=Path(name).name.lower() == "pyproject.toml"
        )
        Engine(config)
    except FoundationError as exc:
        return list(exc.with_source(source).problems)
    return []


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
    technique = registry.techniques.get(rule.technique)
    if technique is None:
        problems.append(
            Problem(
                f"technique {rule.technique!r} is not registered by any loaded plugin; known: "
                f"{', '.join(sorted(registry.techniques))}",
                "$.technique",
                source,
            )
        )
    elif not rule.id.startswith(technique.prefix):
        problems.append(
            Problem(
                f"rule {rule.id} is in technique {rule.technique!r}, whose ids start with "
                f"{technique.prefix}",
                "$.id",
                source,
            )
        )
    spec = registry.checks.get(rule.check.name)
    if spec is not None:
        problems += option_problems(rule, spec, source)
    return problems


def option_problems(rule: RuleDefinition, spec: CheckSpec, source: str) -> list[Problem]:
    """What the engine would refuse in the options the rule gives its check.

    The check's own options model bounds what a rule pack may ask of it (JMESPath
    expressions, JSON Pointers, JSON Schema fragments), so validate reports what
    assess would refuse when it loads the rule.
    """
    from pydantic import ValidationError

    from foundation_engine.errors import Problem, json_path
    from foundation_engine.rulebook.model import merge_options

    try:
        spec.options.model_validate(merge_options(rule, None))
    except ValidationError as exc:
        return [
            Problem(
                f"rule {rule.id}: option {'.'.join(map(str, e['loc']))}: {e['msg']}",
                json_path(("options", *e["loc"])),
                source,
            )
            for e in exc.errors(include_url=False)
        ]
    return []


def state_problems(engine: Engine, data: bytes, source: str) -> list[Problem]:
    from foundation_engine.core.loading import load_bytes
    from foundation_engine.errors import FoundationError

    try:
        engine.load(load_bytes(data, source, engine.registry, limits=engine.config.limits))
    except FoundationError as exc:  # a faulty loader plugin too: the next file is read
        return list(exc.with_source(source).problems)
    return []


def folder_problems(engine: Engine, name: str) -> list[Problem]:
    from ..core.loading import load_path
    from ..errors import InputError

    try:
        engine.load(load_path(name, engine.registry, limits=engine.config.limits))
    except InputError as exc:
        return list(exc.with_source(name).problems)
    return []


def _report(source: str, problems: list[Problem], kind: str) -> int:
    """Print a file's problems, or that it is fine; 1 when it had problems."""
    if problems:
        count = print_problems(problems)
        print_note(f"{source}: {count} problem{'s' if count != 1 else ''}")
        return 1
    from foundation_engine.writers.text_report import printable

    print(f"ok: {printable(source)} ({kind})")
    return 0


def _engine(args: argparse.Namespace) -> Engine:
    """The engine files are checked with; when the configuration it would discover is
    broken and is itself among the files, the defaults, so that file's problems are
    listed with the others instead of stopping the command."""
    from foundation_engine.core.config import discover_config
    from foundation_engine.core.engine import Engine
    from foundation_engine.errors import ConfigError

    try:
        return engine_from_args(args)
    except ConfigError:
        found = getattr(args, "config", None) or discover_config()
        named = {Path(f).resolve() for f in args.files if f != "-"}
        if found is None or Path(found).resolve() not in named:
            raise
        return Engine()


def run(args: argparse.Namespace) -> int:
    from foundation_engine.errors import LimitExceeded, Problem
    from foundation_engine.files.limits import check_size

    engine = _engine(args)
    most = engine.config.limits.max_input_bytes
    bad = 0
    for name in args.files:
        source = "<stdin>" if name == "-" else name
        if name != "-" and Path(name).is_dir():  # a state kept as a folder of CSV files
            problems = folder_problems(engine, name)
            bad += _report(source, problems, "state")
            continue
        try:
            if name == "-":
                data = sys.stdin.buffer.read(most + 1)
                if len(data) > most:  # the rest is left unread: it could be endless
                    raise LimitExceeded(
                        Problem(
                            f"standard input holds more than {most:,} bytes; the limit is "
                            f"{most:,} (raise it with limits.max_input_bytes)",
                            source=source,
                        )
                    )
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
        kind = args.kind
        if kind == "auto":
            kind = (
                "config"
                if looks_like_config(name, data)
                else "rule"
                if looks_like_rule(name, data)
                else "state"
            )
        if kind == "config":
            problems = config_problems(engine, name, data, source)
        else:
            problems = (rule_problems if kind == "rule" else state_problems)(engine, data, source)
        bad += _report(source, problems, kind)
    total = len(args.files)
    if bad:
        print_note(f"{bad} of {total} file{'s' if total != 1 else ''} invalid")
        return ExitCode.INPUT
    return ExitCode.OK
