"""Rules as data: the declarative rule file, its meta-schema, and loading folders of them.

A rule file is TOML. It names the check function the rule uses, the options
that check receives (with defaults and where each default comes from), how the
outcome is scored, the messages, the recommendation and who should act, and the
rule's documentation in fixed sections. Rule files never run code: they are
parsed with :mod:`tomllib`, validated against the meta-schema with jsonschema,
and can only name checks that plugins registered.

A rule pack may come from the internet, so reading one is bounded: a file
over :data:`MAX_RULE_FILE_BYTES` is refused after reading one byte past the
limit, a folder tree with more than :data:`MAX_RULES_PER_FOLDER` rule files or
deeper than :data:`MAX_FOLDER_DEPTH` is refused, and every regular expression
in a ``matches_schema`` rule must compile with RE2 (linear-time matching) and
must not nest one repetition inside another.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import Problem, RuleDefinitionError, json_path
from .limits import iter_schema_patterns, looks_catastrophic, schema_pattern_problems
from .state.vocabulary import Owner, Phase

RULE_ID_PATTERN = r"^[A-Z]{2,6}[0-9]{3}$"
TECHNIQUE_PATTERN = r"^[a-z][a-z0-9_]{1,39}$"
SINCE_PATTERN = r"^\d+\.\d+(\.\d+)?$"
CHECK_NAME_PATTERN = r"^[a-z][a-z0-9_.\-]*$"
#: A rule file larger than this is refused unread.
MAX_RULE_FILE_BYTES = 256 * 1024
#: A rule folder with more files than this is refused.
MAX_RULES_PER_FOLDER = 2_000
#: A rule folder nested deeper than this (or a symbolic link loop) is refused.
MAX_FOLDER_DEPTH = 16

DOC_SECTIONS = ("what", "why", "example", "how_to_fix", "limitations")
"""The prose sections every rule documents (plus ``references`` and per-option docs)."""


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


SEVERITY_ORDER = {s: i for i, s in enumerate(reversed(list(Severity)))}
"""info=0 ... critical=4, for comparing severities."""

#: Default rule weights, by severity, in technique scores.
SEVERITY_WEIGHTS: dict[Severity, float] = {
    Severity.CRITICAL: 8.0,
    Severity.HIGH: 4.0,
    Severity.MEDIUM: 2.0,
    Severity.LOW: 1.0,
    Severity.INFO: 0.0,
}


class Lifecycle(StrEnum):
    PREVIEW = "preview"
    STABLE = "stable"
    DEPRECATED = "deprecated"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleOption(_Strict):
    """A tunable option: its default and where that default comes from."""

    default: Any = Field(description="The value used unless config overrides it.")
    description: str = Field(min_length=1, max_length=2000)
    source: str = Field(
        min_length=1,
        max_length=1000,
        description="Where the default comes from: a named source, or 'judgement' and why.",
    )


class CheckBinding(_Strict):
    """Which registered check the rule runs, and its fixed parameters."""

    name: str = Field(min_length=1, max_length=100, pattern=CHECK_NAME_PATTERN)
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="Wiring the rule fixes (paths, conditions); merged with the options.",
    )


class Scoring(_Strict):
    """How an outcome becomes a score between 0 and 1.

    ``binary``: passed scores 1, failed 0. ``graded``: the measured value is placed
    between the ``good`` control point (score 1) and the ``poor`` one (score 0),
    linearly, and clamped; a passed outcome never scores below ``pass_floor``.
    """

    method: Literal["binary", "graded"] = "binary"
    good: float | None = None
    poor: float | None = None
    good_option: str | None = Field(
        None, description="Take the good control point from this option's value."
    )
    poor_option: str | None = Field(
        None, description="Take the poor control point from this option's value."
    )

    @model_validator(mode="after")
    def _graded_has_points(self) -> Scoring:
        if self.method == "graded":
            if self.good is None and self.good_option is None:
                raise ValueError("graded scoring needs 'good' or 'good_option'")
            if self.poor is None and self.poor_option is None:
                raise ValueError("graded scoring needs 'poor' or 'poor_option'")
        return self


class Messages(_Strict):
    failed: str = Field(min_length=1, max_length=2000)
    passed: str = Field(min_length=1, max_length=2000)
    not_applicable: str = Field("Not enough data: {reason}", min_length=1, max_length=2000)


class RuleDocs(_Strict):
    what: str = Field(min_length=1, max_length=20_000, description="What the rule checks.")
    why: str = Field(min_length=1, max_length=20_000, description="Why it matters.")
    example: str = Field(min_length=1, max_length=20_000, description="A case it flags.")
    how_to_fix: str = Field(min_length=1, max_length=20_000)
    limitations: str = Field(min_length=1, max_length=20_000)
    references: list[str] = Field(min_length=1, max_length=50)


class RuleDefinition(_Strict):
    """One declarative rule, as written in its TOML file."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="RuleDefinition",
        json_schema_extra={"$id": "https://foundation-engine.dev/schemas/rule.schema.json"},
    )

    id: str = Field(pattern=RULE_ID_PATTERN, description="Prefix of the rule set plus 3 digits.")
    technique: str = Field(pattern=TECHNIQUE_PATTERN)
    title: str = Field(min_length=5, max_length=200, description="The condition it flags.")
    severity: Severity
    owner: Owner = Field(description="Who should act when the rule fails.")
    lifecycle: Lifecycle = Lifecycle.STABLE
    since: str = Field(pattern=SINCE_PATTERN, description="Version it arrived in.")
    phases: list[Phase] | None = Field(
        None, description="Phases the rule applies in; outside them it is not applicable."
    )
    phase_weights: dict[Phase, float] = Field(
        default_factory=dict, description="Weight multiplier per phase (default 1)."
    )
    weight: float | None = Field(None, ge=0, description="Overrides the severity weight.")
    check: CheckBinding
    options: dict[str, RuleOption] = Field(default_factory=dict)
    scoring: Scoring = Field(default_factory=Scoring)
    message: Messages
    recommendation: str = Field(min_length=1, max_length=4000)
    strength: str | None = Field(
        None, max_length=2000, description="Said when the rule passes: a strength to celebrate."
    )
    docs: RuleDocs

    @model_validator(mode="after")
    def _options_disjoint_from_params(self) -> RuleDefinition:
        both = set(self.options) & set(self.check.params)
        if both:
            raise ValueError(
                f"{', '.join(sorted(both))} appear in both [options] and [check.params]"
            )
        for point in (self.scoring.good_option, self.scoring.poor_option):
            if point is not None and point not in self.options:
                raise ValueError(f"scoring refers to option {point!r}, which [options] lacks")
        return self

    @property
    def prefix(self) -> str:
        return re.sub(r"\d+$", "", self.id)

    def option_defaults(self) -> dict[str, Any]:
        return {name: opt.default for name, opt in self.options.items()}


class LoadedRule(BaseModel):
    """A rule definition plus where it came from."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    definition: RuleDefinition
    source: str
    plugin: str


def rule_json_schema() -> dict[str, Any]:
    """The meta-schema of rule files (JSON Schema Draft 2020-12)."""
    schema = RuleDefinition.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


_validator: Any = None


def _meta_validator() -> Any:
    global _validator
    if _validator is None:
        from jsonschema import Draft202012Validator

        _validator = Draft202012Validator(rule_json_schema())
    return _validator


def _valid_definition(document: dict[str, Any]) -> RuleDefinition | None:
    """The rule a valid document defines, found without the meta-schema; None otherwise.

    Most rule files are valid, and the meta-schema (jsonschema, in Python) is
    the slowest part of reading one. Strict validation of the document as
    JSON accepts what the meta-schema accepts: strings only where strings
    are expected, numbers that are not booleans or strings, enum values as
    written. The meta-schema's patterns are Python regular expressions, so
    they are checked the same way here. Anything refused here, or a value JSON
    cannot carry (a TOML date), takes the full path, which explains every
    problem exactly as before.
    """
    try:
        text = json.dumps(document, allow_nan=False)
        definition = RuleDefinition.model_validate_json(text, strict=True)
    except (TypeError, ValueError, RecursionError):  # pydantic's ValidationError is a ValueError
        return None
    fields = (definition.id, definition.technique, definition.since, definition.check.name)
    if all(re.search(p, v) for p, v in zip(_FIELD_PATTERNS, fields, strict=True)):
        return definition
    return None


#: The patterns of ``id``, ``technique``, ``since`` and ``check.name``.
_FIELD_PATTERNS = (RULE_ID_PATTERN, TECHNIQUE_PATTERN, SINCE_PATTERN, CHECK_NAME_PATTERN)


def parse_rule(data: bytes, source: str) -> RuleDefinition:
    """Parse and validate one rule file's bytes, reporting every problem."""
    if len(data) > MAX_RULE_FILE_BYTES:
        raise RuleDefinitionError(
            Problem(
                f"rule file is {len(data):,} bytes; the limit is {MAX_RULE_FILE_BYTES:,}",
                source=source,
            )
        )
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RuleDefinitionError(
            Problem(f"not UTF-8 text (byte {exc.start})", source=source)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleDefinitionError(Problem(f"invalid TOML: {exc}", source=source)) from None
    except RecursionError:
        raise RuleDefinitionError(
            Problem("arrays or tables nested too deeply to read; expected a rule", source=source)
        ) from None
    except ValueError:  # int() refuses more than sys.get_int_max_str_digits() digits
        raise RuleDefinitionError(
            Problem("an integer has too many digits to read; expected a rule", source=source)
        ) from None
    definition = _valid_definition(document)
    if definition is None:
        errors = sorted(
            _meta_validator().iter_errors(document), key=lambda e: list(e.absolute_path)
        )
        if errors:
            raise RuleDefinitionError(
                [
                    Problem(_schema_message(e), json_path(list(e.absolute_path)), source)
                    for e in errors
                ]
            )
        try:
            definition = RuleDefinition.model_validate(document)
        except ValidationError as exc:  # cross-field rules the meta-schema cannot express
            raise RuleDefinitionError(
                [
                    Problem(
                        e["msg"].removeprefix("Value error, "), json_path(tuple(e["loc"])), source
                    )
                    for e in exc.errors(include_url=False)
                ]
            ) from None
    unsafe = pattern_problems(definition)
    if unsafe:
        raise RuleDefinitionError([Problem(p.message, p.path, source) for p in unsafe])
    return definition


def pattern_problems(definition: RuleDefinition) -> list[Problem]:
    """Regular expressions in a ``matches_schema`` rule that could not be matched safely.

    A pattern must compile with RE2, which rules out backreferences and
    lookaround, and stay short. A repetition nested inside another (``(a+)+``)
    is refused too: with a backtracking engine such a pattern can take time
    exponential in the length of the text it is matched against.
    """
    if definition.check.name != "matches_schema":
        return []
    schemas: list[tuple[tuple[str | int, ...], Any]] = [
        (("check", "params", "schema"), definition.check.params.get("schema"))
    ]
    if "schema" in definition.options:
        schemas.append((("options", "schema", "default"), definition.options["schema"].default))
    problems: list[Problem] = []
    for loc, schema in schemas:
        problems += schema_pattern_problems(schema, loc)
        for where, pattern in iter_schema_patterns(schema, loc):
            if looks_catastrophic(pattern):
                problems.append(
                    Problem(
                        f"pattern {pattern!r} repeats a group that itself repeats, which can "
                        "take exponential time to match; expected a pattern without nested "
                        "repetition",
                        json_path(where),
                    )
                )
    return problems


def _schema_message(error: Any) -> str:
    if error.validator == "additionalProperties":
        return f"{error.message}; see the rule meta-schema (foundation-engine schema rule)"
    if error.validator == "required":
        return str(error.message).replace("is a required property", "is required")
    return str(error.message)


def iter_rule_files(folder: Path | Traversable, _depth: int = 0) -> Iterator[Path | Traversable]:
    """The ``*.toml`` rule files in `folder` and its subfolders, in name order.

    Subfolders deeper than :data:`MAX_FOLDER_DEPTH` (which a symbolic link loop
    would make) are refused rather than followed for ever.
    """
    if _depth > MAX_FOLDER_DEPTH:
        raise RuleDefinitionError(
            Problem(
                f"rule folders are nested more than {MAX_FOLDER_DEPTH} deep (a symbolic link "
                "loop?); expected a shallower rule pack",
                source=str(folder),
            )
        )
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    for entry in entries:
        if entry.is_dir():
            yield from iter_rule_files(entry, _depth + 1)
        elif entry.name.endswith(".toml"):
            yield entry


def read_rule_file(path: Path | Traversable) -> bytes:
    """A rule file's bytes, reading at most one byte past :data:`MAX_RULE_FILE_BYTES`."""
    with path.open("rb") as handle:
        return handle.read(MAX_RULE_FILE_BYTES + 1)


def load_rules(folder: Path | Traversable, plugin: str) -> list[LoadedRule]:
    """Load every rule file under `folder`, collecting all problems before raising."""
    if not folder.is_dir():
        raise RuleDefinitionError(Problem(f"rule folder {folder} does not exist"))
    loaded: list[LoadedRule] = []
    problems: list[Problem] = []
    for count, path in enumerate(iter_rule_files(folder), start=1):
        if count > MAX_RULES_PER_FOLDER:
            raise RuleDefinitionError(
                Problem(
                    f"rule pack holds more than {MAX_RULES_PER_FOLDER:,} rule files; refusing "
                    f"to load it (expected at most {MAX_RULES_PER_FOLDER:,})",
                    source=str(folder),
                )
            )
        try:
            definition = parse_rule(read_rule_file(path), str(path))
        except RuleDefinitionError as exc:
            problems.extend(exc.problems)
            continue
        loaded.append(LoadedRule(definition=definition, source=str(path), plugin=plugin))
    if problems:
        raise RuleDefinitionError(problems)
    return loaded


def check_unique(rules: Iterable[LoadedRule]) -> None:
    """Raise when two rules share an id, naming both files and plugins."""
    seen: dict[str, LoadedRule] = {}
    problems: list[Problem] = []
    for rule in rules:
        other = seen.get(rule.definition.id)
        if other is not None:
            problems.append(
                Problem(
                    f"rule id {rule.definition.id} is defined twice: by plugin {other.plugin!r} "
                    f"({other.source}) and by plugin {rule.plugin!r} ({rule.source})"
                )
            )
        else:
            seen[rule.definition.id] = rule
    if problems:
        raise RuleDefinitionError(problems)


def matches_selector(rule_id: str, selectors: Iterable[str]) -> bool:
    """True when `rule_id` starts with any selector (``COM``, ``COM0``, ``COM001``, ``ALL``)."""
    return any(s == "ALL" or rule_id.startswith(s) for s in selectors)


def merge_options(
    definition: RuleDefinition, overrides: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The check's input: fixed params, option defaults, then config overrides."""
    merged = dict(definition.check.params)
    merged.update(definition.option_defaults())
    if overrides:
        unknown = set(overrides) - set(definition.options)
        if unknown:
            allowed = ", ".join(sorted(definition.options)) or "none"
            raise RuleDefinitionError(
                Problem(
                    f"rule {definition.id} has no option {', '.join(sorted(unknown))}; "
                    f"its options are: {allowed}"
                )
            )
        merged.update(overrides)
    return merged
