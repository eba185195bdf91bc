"""The report: the public JSON contract of an assessment.

Batch users build on these names; fields may be added, never renamed.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from foundation_engine.checks.outcome import Status
from foundation_engine.report.benchmark import Benchmark
from foundation_engine.report.history import History
from foundation_engine.report.perception import Perception
from foundation_engine.rulebook.model import Severity
from foundation_engine.state.vocabulary import Owner, Phase

REPORT_SCHEMA_VERSION = "1.0"


class Rating(StrEnum):
    """The rating of an assessment under the default bands, with a label for people.

    A str enum: ``Rating.AT_RISK == "at_risk"`` and it is written to JSON as
    ``"at_risk"``. A configuration may name its own bands (``rating_bands``);
    a report rated by such a band carries the band's name as a plain string,
    and :func:`rating_label` words either.
    """

    STRONG = "strong"
    SOUND = "sound"
    FRAGILE = "fragile"
    AT_RISK = "at_risk"
    INSUFFICIENT_DATA = "insufficient_data"
    """Too little data (coverage below ``scoring.min_coverage``) to rate."""
    UNRATED = "unrated"
    """The score reaches no band (bands that do not start at 0)."""

    @property
    def label(self) -> str:
        """The rating as a report shows it: ``At risk``, ``Insufficient data``."""
        return rating_label(self.value)


def rating_label(rating: str) -> str:
    """A rating (a :class:`Rating` or a configured band's name) as words: ``At risk``."""
    words = rating.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


# The default bands as Rating members, any configured band name as a string.
RatingValue = Annotated[Rating | str, Field(union_mode="left_to_right")]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WaiverInfo(_Out):
    rule: str
    reason: str
    owner: str
    expires: dt.date


class Finding(_Out):
    """The verdict of one rule on the partnership."""

    rule_id: str
    title: str
    technique: str
    status: Status
    severity: Severity
    score: float | None = Field(description="0 to 1; null when not applicable or error.")
    weight: float = Field(description="Weight of the rule in its technique score.")
    value: Any = Field(None, description="The measured value.")
    message: str
    evidence: list[str] = Field(
        default_factory=list, description="JSON Pointers to the state records behind the verdict."
    )
    recommendation: str | None = Field(None, description="What to do; null when passed.")
    owner: Owner
    waived: bool = False
    waiver: WaiverInfo | None = None
    plugin: str = Field(description="The plugin that supplied the rule.")
    fingerprint: str = Field(description="Stable id of this finding across assessments.")
    strength: str | None = Field(
        None, description="For a passed rule: the strength worth celebrating, in words."
    )
    points_at_stake: float | None = Field(
        None,
        description="Overall points that fixing this finding (and the findings folded into "
        "it) would restore, computed by scoring the assessment again with it passed; null "
        "unless it is an open failure.",
    )
    related_to: str | None = Field(
        None,
        description="The rule id of the primary finding this one was folded into as the same "
        "defect; it is shown beside that finding and not counted in the score.",
    )
    related: list[str] = Field(
        default_factory=list, description="Rule ids of the findings folded into this one."
    )
    evidence_named: list[str] = Field(
        default_factory=list,
        description="For an open failure: each evidence record as a person would name it "
        "('weekly check-in, 2026-07-20 (Communications row 37)'), in the order of evidence.",
    )


class TechniqueScore(_Out):
    technique: str
    title: str
    score: float | None = Field(
        description="0 to 100, waivers applied, lowered toward the neutral score by missing "
        "data; null without data."
    )
    unwaived_score: float | None = Field(description="0 to 100, ignoring waivers.")
    evidence_score: float | None = Field(
        None, description="0 to 100: the weighted mean of the rules that had data."
    )
    coverage: float = Field(description="Share of rule weight that had data, 0 to 1.")
    applicable: bool = Field(
        True,
        description="False when none of the technique's rules applies to this partnership "
        "now (outside their phase, or nothing the rule set judges is recorded); it then "
        "weighs nothing overall.",
    )
    weight: float
    rules_run: int
    passed: int
    failed: int
    not_applicable: int
    errors: int


class RatingCap(_Out):
    """A weakest-link cap that bounded the rating and the overall score."""

    reason: str
    at_most: str = Field(description="The best rating the cap allows.")
    ceiling: float = Field(description="The highest overall score that rating allows.")


class ScoringBasis(_Out):
    """How the scores were rolled up, so a reader (and ``diff``) can redo the arithmetic."""

    aggregation: str
    neutral_score: float
    min_coverage: float
    caps: list[dict[str, Any]] = Field(default_factory=list)
    rating_bands: list[dict[str, Any]] = Field(default_factory=list)


class DueItem(_Out):
    """Something that will fail soon if nothing new is recorded."""

    kind: Literal["rule", "waiver"] = Field(
        description="A rule that passes today but will fail, or a waiver about to expire."
    )
    rule_id: str
    title: str
    technique: str | None = None
    due: dt.date = Field(description="The first day it fails (or the waiver stops applying).")
    owner: str = Field(description="Who should act: a party, or the waiver's owner.")
    severity: Severity | None = None
    message: str = Field(description="What the rule will say on that day.")


class ActionReview(_Out):
    """How an action agreed to fix a finding has gone, as of this assessment."""

    id: str
    rule_id: str = Field(description="The rule whose finding the action targets.")
    owner: Owner
    due: dt.date
    status: str = Field(description="open, done or dropped, as recorded.")
    on_time: bool | None = Field(
        description="Done by its due date (true), done late or still open past it (false); "
        "null while open and not yet due, or dropped."
    )
    finding_status: Status | None = Field(
        description="The targeted rule's status in this assessment; null when it did not run."
    )
    resolved: bool | None = Field(
        description="Whether the targeted finding no longer fails; null when it was not judged."
    )
    verdict: str = Field(description="The review in one sentence.")


class Strength(_Out):
    rule_id: str
    technique: str
    message: str
    evidence: list[str] = Field(default_factory=list)


class WaiverReport(_Out):
    """What happened to each configured waiver."""

    rule: str
    owner: str
    reason: str
    expires: dt.date
    status: str = Field(description="applied, expired or unused")
    findings: list[str] = Field(default_factory=list)


class Report(_Out):
    """The result of assessing one partnership."""

    model_config = ConfigDict(
        extra="forbid",
        title="Report",
        json_schema_extra={"$id": "https://foundation-engine.dev/schemas/report.schema.json"},
    )

    engine_version: str
    schema_version: str = REPORT_SCHEMA_VERSION
    partnership_id: str
    partnership_name: str
    as_of: dt.date
    phase: Phase
    days_since_start: int
    overall_score: float | None = Field(
        description="0 to 100, waivers applied, after the weakest-link caps."
    )
    unwaived_overall_score: float | None = Field(description="0 to 100, ignoring waivers.")
    uncapped_score: float | None = Field(
        None, description="0 to 100, waivers applied, before the weakest-link caps."
    )
    rating: RatingValue = Field(
        description="The rating band the overall score reaches (strong, sound, fragile, "
        "at_risk under the default bands, or a configured band's name), or "
        "insufficient_data."
    )
    caps: list[RatingCap] = Field(
        default_factory=list, description="The weakest-link caps that applied, and why."
    )
    coverage: float
    techniques: list[TechniqueScore]
    findings: list[Finding]
    strengths: list[Strength]
    waivers: list[WaiverReport] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    plugins: list[str] = Field(default_factory=list, description="Plugins that took part.")
    plugin_versions: dict[str, str] = Field(
        default_factory=dict,
        description="The version of each installed (not built-in) plugin that took part, so "
        "two reports can tell whether their rules may differ; built-ins share engine_version.",
    )
    config_fingerprint: str
    scoring: ScoringBasis | None = Field(
        None, description="The scoring settings the scores were rolled up with."
    )
    due_soon: list[DueItem] = Field(
        default_factory=list,
        description="What will fail within due_within_days if nothing new is recorded, "
        "soonest first.",
    )
    due_within_days: int = Field(0, description="How far ahead due_soon looks, in days.")
    agreed_actions: list[ActionReview] = Field(
        default_factory=list,
        description="Each recorded agreed action: done on time, and whether its finding is "
        "resolved.",
    )
    history: History | None = Field(
        None, description="Scores at each past period end, with trends (assess --history)."
    )
    perception: Perception | None = Field(
        None,
        description="Where the two sides see it differently: the foundation pulse beside the "
        "records, per technique; null when the state records no pulse.",
    )
    benchmark: Benchmark | None = Field(
        None,
        description="Where the partnership stands among a saved portfolio's, overall and per "
        "technique (assess --benchmark SUMMARY); null otherwise.",
    )

    @property
    def rating_label(self) -> str:
        """The rating as a report shows it: ``At risk``."""
        return rating_label(self.rating)

    def failed(self, *, include_related: bool = False) -> list[Finding]:
        """The open failures: failed and not waived.

        A finding folded into another as the same defect is left out unless
        `include_related`; it is listed beside its primary finding.
        """
        return [
            f
            for f in self.findings
            if f.status is Status.FAILED
            and not f.waived
            and (include_related or f.related_to is None)
        ]

    def for_party(self, party: str) -> list[Finding]:
        """The open failures `party` must act on ("client", "provider" or "both"), by priority.

        Findings owned by both parties are listed for each party as well.
        """
        wanted = {party, "both"} if party in ("client", "provider") else {party}
        return [f for f in self.prioritised() if f.owner.value in wanted]

    def prioritised(self) -> list[Finding]:
        """The open failures in the order to act on them: severity, then points at stake."""
        return sorted(
            self.failed(),
            key=lambda f: (-severity_rank(f.severity), -(f.points_at_stake or 0.0), f.rule_id),
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per finding, with the partnership's id, name and date, for dashboards."""
        head = {
            "partnership_id": self.partnership_id,
            "partnership_name": self.partnership_name,
            "as_of": self.as_of.isoformat(),
            "overall_score": self.overall_score,
            "rating": self.rating,
        }
        return [
            {
                **head,
                "rule_id": f.rule_id,
                "technique": f.technique,
                "title": f.title,
                "status": f.status.value,
                "severity": f.severity.value,
                "severity_rank": severity_rank(f.severity),
                "score": f.score,
                "points_at_stake": f.points_at_stake,
                "owner": f.owner.value,
                "message": f.message,
                "recommendation": f.recommendation,
                "waived": f.waived,
                "related_to": f.related_to,
            }
            for f in self.findings
        ]

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a pandas DataFrame (pandas must be installed)."""
        try:
            import pandas as pd  # type: ignore[import-untyped,import-not-found,unused-ignore]
        except ImportError:
            raise ImportError(
                "Report.to_dataframe needs pandas: pip install pandas "
                "(Report.to_records gives the same rows as plain dicts)"
            ) from None
        return pd.DataFrame.from_records(self.to_records())

    def top_fixes(self, most: int | None = None) -> list[Finding]:
        """The open failures by the points fixing them would restore, most first."""
        ranked = sorted(
            self.failed(),
            key=lambda f: (-(f.points_at_stake or 0.0), -severity_rank(f.severity), f.rule_id),
        )
        return ranked if most is None else ranked[:most]


def severity_rank(severity: Severity) -> int:
    """critical=4 ... info=0."""
    return severity.rank
