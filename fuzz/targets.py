"""What the fuzzers feed: one function taking raw bytes, shared by atheris and hypothesis.

The first byte picks the target; the rest is the input:

- ``json``, ``toml``, ``jsonl``, ``array``: a state, read as that format (the
  batch readers for the last two); states that load are assessed;
- ``rule``: a rule file; one that parses has its options validated by its
  check's model, as the engine does, and, when they are valid, its check runs
  on the example state;
- ``config``: a ``foundation.toml``, read by the configuration loader;
- ``jmespath``: an expression, compiled and evaluated on every touchpoint of
  the example state;
- ``schema``: a JSON Schema fragment (JSON), checked as a ``matches_schema``
  rule's schema and, when accepted, validated against parts of the state;
- ``grown``: a small input made large, to reach the paths that only size
  reaches (limits, record-by-record validation, the comma count, repeated
  keys): two bytes of count, one byte naming the list, then a JSON record that
  is repeated that many times (up to 65,535 times, scaled by up to 16) in the
  example state, which is then loaded and assessed.

An input must end in a validated, assessed state (or a rule or config read)
or in a FoundationError; a check stopped by its budget is an error finding,
which is fine. Anything else propagates and is a finding.
"""

from __future__ import annotations

import io
import json
import tempfile
import warnings
from functools import cache
from pathlib import Path
from typing import Any

from foundation_engine.batch.inputs import iter_records
from foundation_engine.checks.context import CheckContext
from foundation_engine.core.budget import BudgetExceeded, rule_budget
from foundation_engine.core.config import load_config
from foundation_engine.core.engine import Engine
from foundation_engine.core.loading import load_bytes
from foundation_engine.core.phase import derive_phase
from foundation_engine.errors import FoundationError
from foundation_engine.files.limits import Limits

TARGETS = ("json", "toml", "jsonl", "array", "rule", "config", "jmespath", "schema", "grown")
LIMITS = Limits(max_input_bytes=4 << 20, assessment_seconds=20)
AS_OF = "2026-06-30"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "new-partnership.json"
GROWN_LISTS = ("communications", "metrics", "recognitions", "milestones", "action_items",
               "requisitions", "surveys", "extensions")  # fmt: skip

_engine: Engine | None = None


def engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = Engine(entrypoints=False)
    return _engine


@cache
def example() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return document


@cache
def example_context() -> tuple[Any, CheckContext]:
    state = load_bytes(EXAMPLE.read_bytes(), "example.json", engine().registry)
    when = state.partnership.as_of
    assert when is not None
    phase = derive_phase(state, when, engine().config.phases)
    return state, CheckContext(state, when, phase.phase, phase.started, phase.go_live)


def _load(data: bytes, fmt: str, source: str) -> None:
    try:
        state = load_bytes(data, source, engine().registry, format=fmt, limits=LIMITS)
        # A state that starts after AS_OF is refused with a message too.
        engine().assess(state, as_of=AS_OF)
    except FoundationError:
        return


def _rule(data: bytes) -> None:
    from pydantic import ValidationError

    from foundation_engine.rulebook.loading import parse_rule
    from foundation_engine.rulebook.model import merge_options

    try:
        definition = parse_rule(data, "fuzz.toml")
    except FoundationError:
        return
    spec = engine().registry.checks.get(definition.check.name)
    if spec is None:
        return
    try:
        options = spec.options.model_validate(merge_options(definition, None))
    except (ValidationError, FoundationError):
        return
    state, context = example_context()
    fresh = CheckContext(
        state, context.as_of, context.phase, context.phase_started, context.go_live
    )
    try:
        with rule_budget(5):
            spec.function(state, options, fresh)
    except BudgetExceeded:
        return
    except Exception as exc:  # a check's own failure is an error finding, except these
        if isinstance(exc, RecursionError | MemoryError | SystemError):
            raise


def _config(data: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-config-") as folder:
        path = Path(folder) / "foundation.toml"
        path.write_bytes(data)
        (Path(folder) / "rules").mkdir()
        try:
            load_config(path)
        except FoundationError:
            return


def _jmespath(data: bytes) -> None:
    from foundation_engine.checks.selection import compile_search

    try:
        expression = data.decode("utf-8")
        with warnings.catch_warnings():  # jmespath warns of its old string literals
            warnings.simplefilter("ignore")
            search = compile_search(expression)
    except (UnicodeDecodeError, ValueError):
        return
    _, context = example_context()
    for item in context.select("/communications") or []:
        try:
            search(item)
        except ValueError:  # JMESPath's own errors and the work budget
            return


def _schema(data: bytes) -> None:
    from pydantic import ValidationError

    from foundation_engine.checks.generic import SchemaOptions
    from foundation_engine.files.limits import safe_schema_validator

    try:
        schema = json.loads(data)
    except (ValueError, RecursionError):
        return
    if not isinstance(schema, dict):
        return
    try:
        SchemaOptions.model_validate({"path": "/partnership", "schema": schema})
    except ValidationError:
        return
    _, context = example_context()
    validator = safe_schema_validator(schema)
    with rule_budget(5):
        for pointer in ("/partnership", "/communications", "/metrics", ""):
            try:
                list(validator.iter_errors(context.select(pointer)))
            except BudgetExceeded:
                return


def _grown(data: bytes) -> None:
    if len(data) < 4:
        return
    count = int.from_bytes(data[:2], "big") * (1 + data[2] % 16)
    name = GROWN_LISTS[data[2] % len(GROWN_LISTS)]
    try:
        record = json.loads(data[3:])
    except (ValueError, RecursionError):
        return
    document = dict(example())
    if name == "extensions":
        document["extensions"] = {"fuzz": [record] * count}
    else:
        document[name] = [record] * count
    _load(json.dumps(document).encode(), "json", "fuzz-grown.json")


def check_input(raw: bytes) -> None:
    """Read `raw` as its first byte says; raise only on a finding."""
    if not raw:
        return
    target = TARGETS[raw[0] % len(TARGETS)]
    data = raw[1:]
    if target in ("json", "toml"):
        _load(data, target, f"fuzz.{target}")
        return
    if target == "rule":
        _rule(data)
        return
    if target == "config":
        _config(data)
        return
    if target == "jmespath":
        _jmespath(data)
        return
    if target == "schema":
        _schema(data)
        return
    if target == "grown":
        _grown(data)
        return
    if target == "array" and not data.lstrip().startswith(b"["):
        data = b"[" + data
    for record in iter_records(["-"], io.BytesIO(data), LIMITS.max_input_bytes):
        if record.data is not None:
            _load(record.data, record.format or "json", record.position.describe())
