"""The declarative rule file: its model, from which the meta-schema is derived, and severities.

A rule file is TOML. It names the check function the rule uses, the options
that check receives (with defaults and where each default comes from), how the
outcome is scored, the messages, the recommendation and who should act, and the
rule's documentation in fixed sections. Rule files never run code: they are
parsed with :mod:`tomllib`, validated against the meta-schema with jsonschema,
and can only name checks that plugins registered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from foundation_engine.errors import Problem, RuleDefinitionError
from foundation_engine.state.vocabulary import Owner, Phase

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

#: The largest weight a rule may have (the severity weights run from 0 to 8). Weights
#: are summed over every rule, so a bound keeps every sum, and every score, finite.
MAX_RULE_WEIGHT = 1_000.0
#: The largest multiplier a rule may give its weight in one phase.
MAX_PHASE_WEIGHT = 100.0

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
    phase_weights: dict[
        Phase, Annotated[float, Field(ge=0, le=MAX_PHASE_WEIGHT, allow_inf_nan=False)]
    ] = Field(default_factory=dict, description="Weight multiplier per phase (default 1).")
    weight: float | None = Field(
        None,
        ge=0,
        le=MAX_RULE_WEIGHT,
        allow_inf_nan=False,
        description="Overrides the severity weight.",
    )
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
