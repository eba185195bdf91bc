"""Limits on input that may come from someone else, and the checks that enforce them.

State files are exported from other systems, typed by hand or sent over by the
other party; rule packs come from the internet. Every limit here bounds the
work one input can cause, and every refusal is a
:class:`~foundation_engine.errors.LimitExceeded` (or, for rule files, a
:class:`~foundation_engine.errors.RuleDefinitionError`) that says which limit
was hit, where, and which setting raises it.

The ``[limits]`` section of ``foundation.toml`` sets them (:class:`Limits`);
:func:`applying` makes them visible to loader plugins while they run, through
:func:`current`, so a loader needs no extra argument to honour them.

Regular expressions inside rule packs (``pattern`` and ``patternProperties``
in the JSON Schema fragments of ``matches_schema``) are compiled with RE2,
which matches in time linear in the input, and are bounded in length:
:func:`safe_schema_validator` builds a jsonschema validator that uses RE2 for
both keywords, and :func:`schema_pattern_problems` lists the patterns of a
fragment that cannot be matched safely.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from foundation_engine.errors import LimitExceeded, Problem, ValidationProblem, json_path

#: Default largest state input, in bytes.
DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024
#: Default deepest nesting of objects and lists (the state itself needs 5 levels).
DEFAULT_MAX_DEPTH = 64
#: The JSON parser refuses nesting beyond this many levels, whatever the setting.
PARSER_MAX_DEPTH = 200
#: Default longest list of records (touchpoints, observations, requisitions...).
DEFAULT_MAX_RECORDS = 100_000
#: Default time budget of one rule's check in a batch (none in library calls).
DEFAULT_BATCH_RULE_SECONDS = 10.0
#: Default time budget of one assessment's rules, in seconds.
DEFAULT_ASSESSMENT_SECONDS = 60.0
#: Default growth of resident memory one assessment's rules may cause, in MiB.
DEFAULT_ASSESSMENT_MEMORY_MB = 1024
#: Default address space of a batch worker process, in MiB.
DEFAULT_WORKER_MEMORY_MB = 4096
#: Default longest a batch worker may spend on one record, in seconds.
DEFAULT_RECORD_SECONDS = 300.0

#: Longest regular expression a rule pack may use.
MAX_PATTERN_LENGTH = 1_000
#: Largest compiled RE2 program a rule pack's pattern may need.
MAX_PATTERN_PROGRAM_SIZE = 10_000


class Limits(BaseModel):
    """How large, deep and long an input may be before it is refused unread."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_input_bytes: int = Field(
        DEFAULT_MAX_INPUT_BYTES,
        ge=1,
        le=2**31,
        description="Largest state file, JSON Lines record or array element, in bytes.",
    )
    max_depth: int = Field(
        DEFAULT_MAX_DEPTH,
        ge=8,
        le=PARSER_MAX_DEPTH,
        description="Deepest nesting of objects and lists in a state (at most 200: "
        "the JSON parser's own bound).",
    )
    max_records: int = Field(
        DEFAULT_MAX_RECORDS,
        ge=1,
        description="Most items in any one list of a state (records, observations, "
        "lists inside extensions), and most keys in any one object.",
    )
    rule_seconds: float | None = Field(
        None,
        ge=0,
        le=86_400,
        description="Time budget of one rule's check, in seconds: a check still running "
        "is stopped and its finding becomes an error. Unset: no budget, except in batch "
        f"(default {DEFAULT_BATCH_RULE_SECONDS:g} s); 0: no budget anywhere.",
    )
    assessment_seconds: float = Field(
        DEFAULT_ASSESSMENT_SECONDS,
        ge=0,
        le=86_400,
        description="Time budget of one assessment's rules, in seconds, in assess, batch and "
        "library calls alike: past it the assessment stops with an error (exit code 2; an "
        "error record in a batch). 0: no budget.",
    )
    assessment_memory_mb: int = Field(
        DEFAULT_ASSESSMENT_MEMORY_MB,
        ge=0,
        le=1 << 20,
        description="How much one assessment's rules may grow the process's resident memory, "
        "in MiB, sampled 20 times a second: past it the assessment stops with an error. "
        "0: no budget.",
    )
    worker_memory_mb: int = Field(
        DEFAULT_WORKER_MEMORY_MB,
        ge=0,
        description="Address space each batch worker process may use, in MiB; a check "
        "allocating past it gets a MemoryError (an error finding). 0: no cap.",
    )
    record_seconds: float = Field(
        DEFAULT_RECORD_SECONDS,
        ge=0,
        description="Longest a batch worker may spend on one record before it is stopped "
        "and the record retried once, then reported as an error. 0: no limit.",
    )


DEFAULT_LIMITS = Limits()

#: Integers beyond what a float holds are refused: they cannot be compared,
#: averaged or printed safely (str() refuses more than 4,300 digits).
_LARGEST_NUMBER = 10**308

_current: ContextVar[Limits] = ContextVar("foundation_engine_limits", default=DEFAULT_LIMITS)


def current() -> Limits:
    """The limits in force for the input being read (the defaults outside :func:`applying`)."""
    return _current.get()


@contextmanager
def applying(limits: Limits) -> Iterator[Limits]:
    """Make `limits` the ones :func:`current` returns inside the block."""
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)


# --------------------------------------------------------------------------
# size, depth, records
# --------------------------------------------------------------------------


def size_problem(size: int, limits: Limits, source: str | None, what: str = "input") -> Problem:
    return Problem(
        f"{what} is {size:,} bytes; the limit is {limits.max_input_bytes:,} "
        "(raise it with limits.max_input_bytes)",
        source=source,
    )


def check_size(size: int, limits: Limits, source: str | None, what: str = "input") -> None:
    """Refuse an input of `size` bytes when it is over ``max_input_bytes``."""
    if size > limits.max_input_bytes:
        raise LimitExceeded(size_problem(size, limits, source, what))


def depth_problem(
    limits: Limits, source: str | None, path: str | None = None, line: int | None = None
) -> Problem:
    return Problem(
        f"nested more than {limits.max_depth} levels deep; the limit is "
        f"{limits.max_depth} (limits.max_depth)",
        path,
        source,
        line,
    )


def _records_problem(
    count: int, limits: Limits, path: str, source: str | None, what: str = "list has {} items"
) -> Problem:
    return Problem(
        f"{what.format(f'{count:,}')}; the limit is {limits.max_records:,} "
        "(raise it with limits.max_records)",
        path,
        source,
    )


def check_document(
    document: Any,
    limits: Limits,
    source: str | None = None,
    *,
    start: tuple[str | int, ...] = (),
) -> None:
    """Refuse a parsed document nested deeper, or holding longer lists or objects with
    more keys, than `limits` allow (``max_records`` bounds both).

    Walks the document without recursion, so any depth is measured safely; stops
    at the first object or list past the limits. NaN and infinities, which JSON
    does not have and which would make reports invalid JSON, are refused too
    (a :class:`~foundation_engine.errors.ValidationProblem`).
    """
    # Each entry: the value, its depth, and its place as (parent's place, key), a chain
    # turned into a JSON path only when something is refused, so the walk costs the
    # same at any depth.
    most, deepest = limits.max_records, limits.max_depth
    root: Any = None
    for key in start:
        root = (root, key)
    stack: list[tuple[Any, int, Any]] = [(document, len(start) + 1, root)]
    pop, push = stack.pop, stack.append
    while stack:
        value, depth, place = pop()
        kind = type(value)
        if kind is dict or (kind is not list and isinstance(value, Mapping)):
            if len(value) > most:
                raise LimitExceeded(
                    _records_problem(len(value), limits, _path(place), source, "object has {} keys")
                )
            children: Any = value.items()
        elif kind is list or isinstance(value, list | tuple):
            if len(value) > most:
                raise LimitExceeded(_records_problem(len(value), limits, _path(place), source))
            children = enumerate(value)
        else:
            continue
        if depth > deepest:
            raise LimitExceeded(depth_problem(limits, source, _path(place)))
        for key, child in children:
            kind = type(child)
            if kind is str or kind is bool or child is None:
                continue
            if kind is dict or kind is list:
                push((child, depth + 1, (place, key)))
            elif kind is int:
                if abs(child) > _LARGEST_NUMBER:
                    raise ValidationProblem(
                        Problem(
                            "the number is too large; expected a number below 1e308",
                            _path((place, key)),
                            source,
                        )
                    )
            elif kind is float:
                if not math.isfinite(child):
                    what = "NaN is not a number" if math.isnan(child) else f"{child} is not finite"
                    raise ValidationProblem(
                        Problem(f"{what}; expected a finite number", _path((place, key)), source)
                    )
            elif isinstance(child, Mapping | list | tuple):
                push((child, depth + 1, (place, key)))
            elif isinstance(child, int) and not isinstance(child, bool):
                if abs(child) > _LARGEST_NUMBER:
                    raise ValidationProblem(
                        Problem(
                            "the number is too large; expected a number below 1e308",
                            _path((place, key)),
                            source,
                        )
                    )
            elif isinstance(child, float) and not math.isfinite(child):
                what = "NaN is not a number" if math.isnan(child) else f"{child} is not finite"
                raise ValidationProblem(
                    Problem(f"{what}; expected a finite number", _path((place, key)), source)
                )


def _path(place: Any) -> str:
    """The JSON path of a place in :func:`check_document`'s chain of (parent, key)."""
    keys: list[str | int] = []
    while place is not None:
        place, key = place
        keys.append(key if isinstance(key, int) else str(key))
    return json_path(reversed(keys))


def non_finite_problem(document: Any, source: str | None = None) -> Problem | None:
    """A problem at the first NaN or infinity in a parsed document (TOML writes both), if any.

    Rule files and configurations are read through this as states are through
    :func:`check_document`: a rule's weights, thresholds and control points
    must be numbers that compare and add up.
    """
    stack: list[tuple[Any, Any]] = [(document, None)]
    while stack:
        value, place = stack.pop()
        if isinstance(value, Mapping):
            stack.extend((child, (place, str(key))) for key, child in value.items())
        elif isinstance(value, list | tuple):
            stack.extend((child, (place, i)) for i, child in enumerate(value))
        elif isinstance(value, float) and not math.isfinite(value):
            what = "NaN is not a number" if math.isnan(value) else f"{value} is not finite"
            return Problem(f"{what}; expected a finite number", _path(place), source)
    return None


def check_state(state: Any, limits: Limits, source: str | None = None) -> None:
    """Refuse a validated state whose lists or extensions exceed `limits`.

    The model fixes how deep a state's own records nest, so only the lists'
    lengths and the free-form ``extensions`` need measuring; this is cheap
    enough to run on every state read by the JSON fast path.
    """
    biggest = limits.max_records

    def lists() -> Iterator[tuple[tuple[str | int, ...], list[Any] | None]]:
        for side in ("client", "provider"):
            yield ("partnership", side, "sponsors"), getattr(state.partnership, side).sponsors
        for name in (
            "communications",
            "metrics",
            "recognitions",
            "milestones",
            "escalations",
            "action_items",
            "requisitions",
            "surveys",
        ):
            yield (name,), getattr(state, name)
        if state.purpose is not None:
            yield ("purpose", "goals"), state.purpose.goals
            yield ("purpose", "sign_offs"), state.purpose.sign_offs
            for i, goal in enumerate(state.purpose.goals or ()):
                yield ("purpose", "goals", i, "metric_ids"), goal.metric_ids
        if state.improvement is not None:
            for name in ("issues", "corrective_actions", "retrospectives"):
                yield ("improvement", name), getattr(state.improvement, name)
        for i, metric in enumerate(state.metrics or ()):
            yield ("metrics", i, "observations"), metric.observations

    for loc, found in lists():
        if found is not None and len(found) > biggest:
            raise LimitExceeded(_records_problem(len(found), limits, json_path(loc), source))
    if state.extensions:
        check_document(state.extensions, limits, source, start=("extensions",))


# --------------------------------------------------------------------------
# regular expressions in rule packs
# --------------------------------------------------------------------------


@lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> Any:
    """Compile a rule pack's regular expression with RE2 (linear-time matching).

    Raises ValueError saying why a pattern is refused: too long, a feature RE2
    does not have (backreferences, lookaround), or a program too large.
    """
    import re2  # type: ignore[import-untyped]  # google-re2 ships no type hints

    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(
            f"pattern is {len(pattern):,} characters; the limit is {MAX_PATTERN_LENGTH:,}"
        )
    options = re2.Options()
    options.log_errors = False
    options.max_mem = 8 << 20
    try:
        compiled = re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "not a regular expression"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise ValueError(
            f"pattern {_short(pattern)} cannot be matched in linear time ({reason}); "
            "expected a regular expression without backreferences or lookaround"
        ) from None
    if compiled.programsize > MAX_PATTERN_PROGRAM_SIZE:
        raise ValueError(
            f"pattern {_short(pattern)} is too complex (program size {compiled.programsize:,}; "
            f"the limit is {MAX_PATTERN_PROGRAM_SIZE:,})"
        )
    return compiled


def _short(pattern: str) -> str:
    shown = pattern if len(pattern) <= 60 else pattern[:57] + "..."
    return repr(shown)


def iter_schema_patterns(
    schema: Any, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """``(location, pattern)`` for every ``pattern`` and ``patternProperties`` key in `schema`."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(schema, loc)]
    while stack:
        node, here = stack.pop()
        if isinstance(node, Mapping):
            pattern = node.get("pattern")
            if isinstance(pattern, str):
                yield (*here, "pattern"), pattern
            properties = node.get("patternProperties")
            if isinstance(properties, Mapping):
                for key in properties:
                    if isinstance(key, str):
                        yield (*here, "patternProperties", key), key
            for key, child in node.items():
                if key != "enum" and key != "const" and isinstance(child, Mapping | list):
                    stack.append((child, (*here, str(key))))
        elif isinstance(node, list):
            for i, child in enumerate(node):
                if isinstance(child, Mapping | list):
                    stack.append((child, (*here, i)))


def schema_pattern_problems(schema: Any, loc: tuple[str | int, ...] = ()) -> list[Problem]:
    """A problem for each regular expression in `schema` that RE2 cannot run safely."""
    problems = []
    for where, pattern in iter_schema_patterns(schema, loc):
        try:
            compile_pattern(pattern)
        except ValueError as exc:
            problems.append(Problem(str(exc), json_path(where)))
    return sorted(problems, key=lambda p: p.path or "")


def _re2_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not compile_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _re2_pattern_properties(
    validator: Any, pattern_properties: Mapping[str, Any], instance: Any, schema: Any
) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in pattern_properties.items():
        compiled = compile_pattern(pattern)
        for key, value in instance.items():
            if compiled.search(key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _linear_unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """``uniqueItems`` in time linear in the array: jsonschema compares every pair of items
    that cannot be sorted (objects), 100,000 of them in hours; here each item gets a
    hashable key that is equal exactly when JSON Schema calls two values equal."""
    from jsonschema.exceptions import ValidationError

    if not unique or not validator.is_type(instance, "array"):
        return
    seen: set[Any] = set()
    for item in instance:
        key = _equality_key(item)
        if key in seen:
            yield ValidationError(f"{_short(repr(instance))} has non-unique elements")
            return
        seen.add(key)


def _equality_key(value: Any) -> Any:
    """A key equal for JSON-equal values: 1 and 1.0 alike, true and 1 not, objects by content."""
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, int | float):
        return ("number", value)  # 1 == 1.0 and hash(1) == hash(1.0)
    if isinstance(value, Mapping):
        return ("object", frozenset((k, _equality_key(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return ("array", tuple(_equality_key(v) for v in value))
    return (type(value).__name__, value)


@lru_cache(maxsize=1)
def _safe_validator_class() -> Any:
    from jsonschema import Draft202012Validator, validators

    return validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator,
        {
            "pattern": _re2_pattern,
            "patternProperties": _re2_pattern_properties,
            "uniqueItems": _linear_unique_items,
        },
    )


def safe_schema_validator(schema: Mapping[str, Any]) -> Any:
    """A Draft 2020-12 validator for `schema` whose regular expressions run on RE2,
    whose ``uniqueItems`` is linear, and whose shape :func:`schema_shape_problems` accepts.

    Raises ValueError naming the first problem.
    """
    problems = schema_shape_problems(schema) or schema_pattern_problems(schema)
    if problems:
        first = problems[0]
        raise ValueError(f"{first.path}: {first.message}")
    return _safe_validator_class()(schema)


# --------------------------------------------------------------------------
# the shape of JSON Schema fragments in rule packs
# --------------------------------------------------------------------------

#: The most objects and arrays a JSON Schema fragment in a rule pack may hold.
MAX_SCHEMA_NODES = 2_000
#: The most it may hold once every ``$ref`` is followed where it is used.
MAX_SCHEMA_EXPANDED_NODES = 20_000
#: The deepest it may nest.
MAX_SCHEMA_DEPTH = 32
#: Keywords that move references out of the fragment or make them dynamic.
_REFUSED_KEYWORDS = frozenset(
    {"$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor"}
)


#: Keywords whose keys are names chosen by the author, not keywords.
_NAMING = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})


def schema_shape_problems(schema: Any, loc: tuple[str | int, ...] = ()) -> list[Problem]:
    """Problems that would let a JSON Schema fragment run for ever or reach outside itself.

    A rule pack's schema may refer (``$ref``) only to places inside itself
    (``#/$defs/name``), never to itself in a loop, and may be no larger than
    :data:`MAX_SCHEMA_NODES` as written and :data:`MAX_SCHEMA_EXPANDED_NODES`
    once references are followed: 40 levels of ``allOf`` that each refer twice
    to the next level are 2^40 validations of every value. Without these
    bounds an unresolvable reference surfaces as jsonschema's internal
    ``_WrappedReferencingError`` while a state is assessed.
    """
    problems: list[Problem] = []
    refs: list[tuple[tuple[str | int, ...], str]] = []
    nodes = 0
    stack: list[tuple[Any, tuple[str | int, ...], int]] = [(schema, (), 1)]
    while stack:
        node, here, depth = stack.pop()
        if not isinstance(node, Mapping | list):
            continue
        nodes += 1
        if depth > MAX_SCHEMA_DEPTH:
            return [
                Problem(
                    f"the schema nests more than {MAX_SCHEMA_DEPTH} levels deep; expected a "
                    "flatter schema",
                    json_path((*loc, *here)),
                )
            ]
        if isinstance(node, list):
            stack.extend((child, (*here, i), depth + 1) for i, child in enumerate(node))
            continue
        for key, child in node.items():
            if key in ("enum", "const", "examples", "default"):
                continue  # data, not schema
            named = bool(here) and here[-1] in _NAMING  # a property or definition's name
            if key in _REFUSED_KEYWORDS and not named:
                problems.append(
                    Problem(
                        f"{key} is not allowed in a rule's schema; expected references "
                        "within the schema only ($ref to #/$defs/...)",
                        json_path((*loc, *here, key)),
                    )
                )
            elif key == "$ref" and not named:
                refs.append((here, child))
            stack.append((child, (*here, str(key)), depth + 1))
    if nodes > MAX_SCHEMA_NODES:
        return [
            Problem(
                f"the schema has {nodes:,} objects and arrays; the limit is {MAX_SCHEMA_NODES:,}",
                json_path(loc),
            )
        ]
    targets: dict[int, Any] = {}
    for here, ref in refs:
        target = _local_target(schema, ref)
        if target is None:
            problems.append(
                Problem(
                    f"$ref {_short(str(ref))} does not point inside this schema; expected "
                    "'#' or a JSON Pointer such as '#/$defs/name' to a part of it",
                    json_path((*loc, *here, "$ref")),
                )
            )
        else:
            targets[id(_at(schema, here))] = target
    if problems:
        return sorted(problems, key=lambda p: p.path or "")
    expanded = _expanded_size(schema, targets)
    if expanded is None:
        return [Problem("the schema refers to itself in a loop ($ref)", json_path(loc))]
    if expanded > MAX_SCHEMA_EXPANDED_NODES:
        return [
            Problem(
                f"the schema grows to more than {MAX_SCHEMA_EXPANDED_NODES:,} objects and "
                "arrays once its $refs are followed; expected a schema that refers to "
                "its parts fewer times",
                json_path(loc),
            )
        ]
    return []


def _at(schema: Any, here: tuple[str | int, ...]) -> Any:
    node = schema
    for part in here:
        node = node[part]
    return node


def _local_target(schema: Any, ref: Any) -> Any:
    """The part of `schema` a local ``$ref`` names, or None."""
    if not isinstance(ref, str) or not ref.startswith("#"):
        return None
    if ref == "#":
        return schema
    if not ref.startswith("#/"):
        return None  # an anchor name; anchors are refused
    from urllib.parse import unquote

    node = schema
    for raw in unquote(ref[2:]).split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node if isinstance(node, Mapping | bool) else None


def _expanded_size(schema: Any, targets: dict[int, Any]) -> int | None:
    """Objects and arrays in `schema` with every ``$ref`` followed; None for a loop.

    Each part is sized once (a reference used twice costs its size twice, but
    is walked once), without recursion.
    """
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[Any, bool]] = [(schema, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            total = 1
            for child in _schema_children(node, targets):
                total += sizes.get(id(child), 0) if isinstance(child, Mapping | list) else 0
            sizes[key] = min(total, MAX_SCHEMA_EXPANDED_NODES + 1)
            visiting.discard(key)
            continue
        if key in sizes:
            continue
        if key in visiting:
            return None
        visiting.add(key)
        stack.append((node, True))
        for child in _schema_children(node, targets):
            if isinstance(child, Mapping | list) and id(child) not in sizes:
                if id(child) in visiting:
                    return None
                stack.append((child, False))
    return sizes[id(schema)]


def _schema_children(node: Any, targets: dict[int, Any]) -> list[Any]:
    if isinstance(node, list):
        return list(node)
    if not isinstance(node, Mapping):
        return []
    children = [v for k, v in node.items() if k not in ("enum", "const", "examples", "default")]
    target = targets.get(id(node))
    if target is not None:
        children.append(target)
    return children


_QUANTIFIER = re.compile(r"[+*?]|\{\d*(,\d*)?\}")


def looks_catastrophic(pattern: str) -> bool:
    """True for the classic shape of catastrophic backtracking: a repeated group that
    itself holds a variable repetition, such as ``(a+)+``, ``((\\w*,))*`` or ``(x{1,9}){5}``.

    A scan over the pattern, not a parser: escapes and character classes are
    skipped, groups are tracked on a stack. A fixed count inside a group
    (``(\\d{3}-)*``) is not variable repetition. Conservative: an unambiguous
    pattern of this shape, such as ``([a-z]+-)+``, is refused too.
    """
    stack: list[bool] = []  # per open group: does it hold a variable repetition?
    last_group_varies = False  # the group that just closed, if the next token repeats it
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            i += 2
            last_group_varies = False
            continue
        if char == "[":
            i = _skip_class(pattern, i)
            last_group_varies = False
            continue
        if char == "(":
            stack.append(False)
            i += 1
            last_group_varies = False
            continue
        if char == ")":
            varies = stack.pop() if stack else False
            if stack and varies:
                stack[-1] = True
            last_group_varies = varies
            i += 1
            continue
        quantifier = _QUANTIFIER.match(pattern, i)
        if quantifier:
            token = quantifier.group()
            if token != "?" and last_group_varies:  # even {5}: n^5 ways to split the text
                return True
            variable = token != "?" and not re.fullmatch(r"\{\d+\}", token)
            if variable and stack:
                stack[-1] = True
            i = quantifier.end()
            last_group_varies = False
            continue
        last_group_varies = False
        i += 1
    return False


def _skip_class(pattern: str, i: int) -> int:
    """The index just past the character class opening at `i`."""
    i += 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1
