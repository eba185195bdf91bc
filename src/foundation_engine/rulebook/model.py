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

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any, Literal

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

#: The largest weight a rule may have (the severity weights run from 0 to 8). Weights
#: are summed over every rule, so a bound keeps every sum, and every score, finite.
MAX_RULE_WEIGHT = 1_000.0
#: The largest multiplier a rule may give its weight in one phase.
MAX_PHASE_WEIGHT = 100.0

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
    build on it, so a misspelled field is always refused the same way. TOML can
    write ``nan`` and ``inf``; a number someone wrote must be finite to compare
    and score, so those are refused too.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


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
    reads_findings: bool = Field(
        False,
        description="The check judges the other rules' findings (for example whether the "
        "finding an agreed action targeted is resolved): it runs after every other rule and "
        "reads their findings from context.findings.",
    )


class SeverityBand(StrictModel):
    """A failed finding scoring at least `min_score` takes `severity` instead of the rule's."""

    min_score: float = Field(gt=0, lt=1, description="Lowest graded score of the band.")
    severity: Severity


class Scoring(StrictModel):
    """How an outcome becomes a score between 0 and 1, and how severe a failure is.

    ``binary``: passed scores 1, failed 0. ``graded``: the measured value is placed
    between the ``good`` control point (score 1) and the ``poor`` one (score 0),
    linearly; a failed outcome never scores 1. ``better`` says which way is
    better. The good point usually follows the rule's threshold option
    (``good_option``); the poor point is stated relative to it (``poor_times``,
    ``poor_plus``), so that any override keeps the two in order, or fixed
    (``poor``, ``poor_option``), in which case the engine refuses a
    configuration that puts the points out of order.

    The rule's ``severity`` is the severity of a failure at its worst. A graded
    rule's failure is less severe the closer it came to passing: a failed score
    of at least ``min_score`` in a band takes the band's severity. Without
    ``severity_bands`` the engine's default applies (two steps below the rule's
    severity from 2/3, one step from 1/3, never below low); ``[]`` keeps the
    rule's severity for every failure.
    """

    method: Literal["binary", "graded"] = "binary"
    better: Literal["higher", "lower"] | None = Field(
        None, description="Which way the measured value is better (graded scoring)."
    )
    good: float | None = None
    good_option: str | None = Field(
        None, description="Take the good control point from this option's value."
    )
    poor: float | None = None
    poor_option: str | None = Field(
        None, description="Take the poor control point from this option's value."
    )
    poor_times: float | None = Field(
        None, ge=0, description="The poor control point is the good one times this."
    )
    poor_plus: float | None = Field(
        None,
        description="The poor control point is the good one plus this (negative when higher "
        "is better).",
    )
    severity_bands: list[SeverityBand] | None = Field(
        None, max_length=4, description="Severity of a failure by its graded score."
    )

    @model_validator(mode="after")
    def _graded_has_points(self) -> Scoring:
        if self.method != "graded":
            return self
        if self.better is None:
            raise ValueError('graded scoring needs \'better\' ("higher" or "lower")')
        if (self.good is None) == (self.good_option is None):
            raise ValueError("graded scoring needs exactly one of 'good' and 'good_option'")
        poor = [self.poor, self.poor_option, self.poor_times, self.poor_plus]
        if sum(point is not None for point in poor) != 1:
            raise ValueError(
                "graded scoring needs exactly one of 'poor', 'poor_option', 'poor_times' "
                "and 'poor_plus'"
            )
        if self.poor_times is not None and (
            (self.better == "lower" and self.poor_times <= 1)
            or (self.better == "higher" and self.poor_times >= 1)
        ):
            raise ValueError(
                "poor_times must move the poor point to the worse side of the good one: "
                "above 1 when lower is better, below 1 when higher is better"
            )
        if self.poor_plus is not None and (
            (self.better == "lower" and self.poor_plus <= 0)
            or (self.better == "higher" and self.poor_plus >= 0)
        ):
            raise ValueError(
                "poor_plus must move the poor point to the worse side of the good one: "
                "positive when lower is better, negative when higher is better"
            )
        return self

    def control_points(self, options: Mapping[str, Any]) -> tuple[float, float] | None:
        """The good and poor control points for these option values; None when not numbers."""
        good = _number(self.good if self.good_option is None else options.get(self.good_option))
        if good is None:
            return None
        if self.poor_times is not None:
            return good, good * self.poor_times
        if self.poor_plus is not None:
            return good, good + self.poor_plus
        poor = _number(self.poor if self.poor_option is None else options.get(self.poor_option))
        return None if poor is None else (good, poor)

    def out_of_order(self, options: Mapping[str, Any]) -> str | None:
        """Why the control points for these options are out of order, or None when they are not."""
        if self.method != "graded":
            return None
        points = self.control_points(options)
        if points is None:
            return None
        good, poor = points
        if (self.better == "lower" and poor < good) or (self.better == "higher" and poor > good):
            side = "above" if self.better == "lower" else "below"
            return (
                f"the poor control point ({_name(poor, self.poor_option)}) must lie {side} the "
                f"good one ({_name(good, self.good_option)}), since {self.better} is better"
            )
        return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _name(value: float, option: str | None) -> str:
    shown = f"{value:g}"
    return f"{option} = {shown}" if option else shown


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
    recommendation: str = Field(
        min_length=1,
        max_length=4000,
        description="What to do, for the rule's owner. Starts with one complete sentence that "
        "says the action on its own (reports list that sentence under 'who does what').",
    )
    recommendations: dict[Owner, str] = Field(
        default_factory=dict,
        description="The recommendation worded for the party a check names as the one to act "
        "(a check may name the client or the provider per finding); the rule's "
        "recommendation is used for any party not listed.",
    )
    overlaps: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Rules that fail on the same defect as this one: when this rule and a "
        "listed one both fail on shared evidence, this finding is the primary one, the other "
        "is shown beside it, and the score counts the defect once.",
    )
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
        bands = self.scoring.severity_bands or []
        for band in bands:
            if band.severity > self.severity:
                raise ValueError(
                    f"a severity band ({band.severity.value}) is more severe than the rule "
                    f"({self.severity.value}); bands only soften failures that came close"
                )
        ordered = sorted(bands, key=lambda band: band.min_score)
        for lower, higher in itertools.pairwise(ordered):
            if higher.severity > lower.severity:
                raise ValueError(
                    "severity bands must not grow more severe as the score rises: "
                    f"{higher.min_score:g} is {higher.severity.value}, {lower.min_score:g} "
                    f"is {lower.severity.value}"
                )
        for other in self.overlaps:
            if not re.match(RULE_ID_PATTERN, other):
                raise ValueError(f"overlaps names {other!r}, which is not a rule id")
            if other == self.id:
                raise ValueError("a rule cannot overlap itself")
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

    def failure_severity(self, score: float | None, severity: Severity) -> Severity:
        """The severity of a failure scoring `score`, for a rule configured at `severity`.

        Graded failures that came close to passing are softened by the rule's
        severity bands, or by the default ones (:func:`default_severity_bands`).
        """
        return softened_severity(score, severity, self.failure_bands(severity))

    def failure_bands(self, severity: Severity) -> tuple[SeverityBand, ...]:
        """The bands that soften this rule's failures at `severity`, highest score first.

        Empty for a rule that is not graded. The same for every assessment, so
        the engine asks once per rule (:func:`softened_severity` applies them).
        """
        if self.scoring.method != "graded":
            return ()
        bands = self.scoring.severity_bands
        if bands is None:
            bands = default_severity_bands(severity)
        return tuple(sorted(bands, key=lambda band: band.min_score, reverse=True))

    @property
    def prefix(self) -> str:
        return re.sub(r"\d+$", "", self.id)

    @property
    def label(self) -> str:
        """``COM001 (touchpoint-gap)``, or the id alone for a rule without a name."""
        return f"{self.id} ({self.name})" if self.name else self.id

    def option_defaults(self) -> dict[str, Any]:
        return {name: opt.default for name, opt in self.options.items()}


def softened_severity(
    score: float | None, severity: Severity, bands: Sequence[SeverityBand]
) -> Severity:
    """`severity` softened by the first of `bands` (highest score first) that `score` reaches."""
    if score is None:
        return severity
    for band in bands:
        if score >= band.min_score:
            return band.severity if band.severity < severity else severity
    return severity


def default_severity_bands(severity: Severity) -> list[SeverityBand]:
    """Two steps softer from a failed score of 2/3, one step from 1/3; never below low."""
    rank = severity.rank
    low = Severity.LOW.rank
    by_rank = {s.rank: s for s in Severity}
    bands = []
    for min_score, steps in ((2 / 3, 2), (1 / 3, 1)):
        softened = max(rank - steps, low)
        if softened < rank:
            bands.append(SeverityBand(min_score=round(min_score, 4), severity=by_rank[softened]))
    return bands


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
