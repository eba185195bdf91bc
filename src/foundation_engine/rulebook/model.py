"""The declarative rule file: its model, from which the meta-schema is derived, and severities.

:class:`Severity` itself is defined in :mod:`foundation_engine.rulebook.severity`
and re-exported here.

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
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from foundation_engine.errors import Problem, RuleDefinitionError
from foundation_engine.rulebook.severity import Severity as Severity  # re-exported
from foundation_engine.state.vocabulary import Owner, Phase

RULE_ID_PATTERN = r"^[A-Z]{2,6}[0-9]{3}$"
TECHNIQUE_PATTERN = r"^[a-z][a-z0-9_]{1,39}$"
RULE_NAME_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
"""A rule's readable name: lower-case words joined by hyphens (``touchpoint-gap``)."""
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


SEVERITY_ORDER: dict[Severity, int] = {s: s.rank for s in Severity}
"""info=0 ... critical=4. Severities compare directly (``f.severity >= Severity.HIGH``);
this mapping, derived from :attr:`Severity.rank`, is kept for code that indexes by one."""

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


class StrictModel(BaseModel):
    """A model read from a file someone wrote: unknown fields are errors, values never change.

    The one strict base: rule files here, check options
    (:class:`foundation_engine.checks.Options`) and configuration sections
    build on it, so a misspelled field is always refused the same way.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleOption(StrictModel):
    """A tunable option: its default and where that default comes from."""

    default: Any = Field(description="The value used unless config overrides it.")
    description: str = Field(min_length=1, max_length=2000)
    source: str = Field(
        min_length=1,
        max_length=1000,
        description="Where the default comes from: a named source, or 'judgement' and why.",
    )


class CheckBinding(StrictModel):
    """Which registered check the rule runs, and its fixed parameters."""

    name: str = Field(min_length=1, max_length=100, pattern=CHECK_NAME_PATTERN)
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="Wiring the rule fixes (paths, conditions); merged with the options.",
    )


class Scoring(StrictModel):
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


class Messages(StrictModel):
    failed: str = Field(min_length=1, max_length=2000)
    passed: str = Field(min_length=1, max_length=2000)
    not_applicable: str = Field("Not enough data: {reason}", min_length=1, max_length=2000)


class RuleDocs(StrictModel):
    what: str = Field(min_length=1, max_length=20_000, description="What the rule checks.")
    why: str = Field(min_length=1, max_length=20_000, description="Why it matters.")
    example: str = Field(min_length=1, max_length=20_000, description="A case it flags.")
    how_to_fix: str = Field(min_length=1, max_length=20_000)
    limitations: str = Field(min_length=1, max_length=20_000)
    references: list[str] = Field(min_length=1, max_length=50)


class RuleDefinition(StrictModel):
    """One declarative rule, as written in its TOML file."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="RuleDefinition",
        json_schema_extra={"$id": "https://foundation-engine.dev/schemas/rule.schema.json"},
    )

    id: str = Field(pattern=RULE_ID_PATTERN, description="Prefix of the rule set plus 3 digits.")
    name: str | None = Field(
        None,
        pattern=RULE_NAME_PATTERN,
        min_length=3,
        max_length=60,
        description="Readable kebab-case name of the condition it flags (touchpoint-gap), "
        "unique across rules; select and ignore accept it as they accept the id. "
        "Optional in the file, required by the conformance check.",
    )
    technique: str = Field(pattern=TECHNIQUE_PATTERN)
    title: str = Field(
        min_length=5,
        max_length=200,
        description="The condition it flags, in words that stay true whatever the options "
        "(no default thresholds).",
    )
    severity: Severity
    owner: Owner = Field(description="Who should act when the rule fails.")
    lifecycle: Lifecycle = Lifecycle.STABLE
    replaced_by: str | None = Field(
        None,
        pattern=RULE_ID_PATTERN,
        description="For a deprecated rule: the id of the rule to use instead.",
    )
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
        if self.replaced_by is not None:
            if self.lifecycle is not Lifecycle.DEPRECATED:
                raise ValueError(
                    f"replaced_by names the rule to use instead of a deprecated one, but this "
                    f"rule's lifecycle is {self.lifecycle.value!r}; set lifecycle = "
                    '"deprecated" or remove replaced_by'
                )
            if self.replaced_by == self.id:
                raise ValueError(f"rule {self.id} cannot be replaced by itself")
        return self

    @property
    def prefix(self) -> str:
        return re.sub(r"\d+$", "", self.id)

    @property
    def label(self) -> str:
        """``COM001 (touchpoint-gap)``, or the id alone for a rule without a name."""
        return f"{self.id} ({self.name})" if self.name else self.id

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


def matches_selector(rule_id: str, selectors: Iterable[str], name: str | None = None) -> bool:
    """True when `rule_id` starts with any selector (``COM``, ``COM0``, ``COM001``, ``ALL``)
    or a selector is the rule's `name` (``touchpoint-gap``)."""
    return any(s == "ALL" or rule_id.startswith(s) or (name and s == name) for s in selectors)


def names_rule(definition: RuleDefinition, selectors: Iterable[str]) -> bool:
    """True when a selector is the rule's own id or name, not a prefix or ``ALL``."""
    return any(s == definition.id or (definition.name and s == definition.name) for s in selectors)


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
