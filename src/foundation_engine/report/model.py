"""The report: the public JSON contract of an assessment.

Batch users build on these names; fields may be added, never renamed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from foundation_engine.checks.outcome import Status
from foundation_engine.rulebook.model import Severity
from foundation_engine.state.vocabulary import Owner, Phase

REPORT_SCHEMA_VERSION = "1.0"


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


class TechniqueScore(_Out):
    technique: str
    title: str
    score: float | None = Field(description="0 to 100, waivers applied; null without data.")
    unwaived_score: float | None = Field(description="0 to 100, ignoring waivers.")
    coverage: float = Field(description="Share of rule weight that had data, 0 to 1.")
    weight: float
    rules_run: int
    passed: int
    failed: int
    not_applicable: int
    errors: int


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
    overall_score: float | None = Field(description="0 to 100, waivers applied.")
    unwaived_overall_score: float | None = Field(description="0 to 100, ignoring waivers.")
    rating: str
    coverage: float
    techniques: list[TechniqueScore]
    findings: list[Finding]
    strengths: list[Strength]
    waivers: list[WaiverReport] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    plugins: list[str] = Field(default_factory=list, description="Plugins that took part.")
    config_fingerprint: str

    def failed(self) -> list[Finding]:
        return [f for f in self.findings if f.status is Status.FAILED and not f.waived]


_M = TypeVar("_M", bound=BaseModel)


def trusted(cls: type[_M], values: dict[str, Any], fields_set: Iterable[str] | None = None) -> _M:
    """An instance of report model `cls` from `values`, validated like any other.

    This once skipped validation by writing the instance's ``__dict__``
    directly. Measured against ``model_validate`` it saved about 1.6 µs per
    finding, some 80 µs of a typical assessment (under 2%; see
    docs/performance.md), too little to depend on pydantic's internals for.
    It now validates, and stays only for callers that still use it; new code
    calls ``cls.model_validate(values)``. `fields_set` is ignored.
    """
    return cls.model_validate(values)
