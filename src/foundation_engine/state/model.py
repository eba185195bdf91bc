"""The partnership state: everything the engine knows about one RPO partnership.

A state file is JSON or TOML that validates against :class:`PartnershipState`.
Lists default to ``None``, which means "not recorded": rules that need a list
the state does not carry say *not applicable* instead of passing or failing.
An empty list means "recorded, and there were none".

Record order is kept exactly as given, so evidence pointers such as
``/communications/3`` name the record the user wrote.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .vocabulary import (
    KPI_FAMILY,
    Cadence,
    Channel,
    Direction,
    EngagementModel,
    EscalationLevel,
    GoalCategory,
    ImprovementKind,
    IssueSeverity,
    KpiFamily,
    KpiKind,
    Owner,
    Party,
    RootCauseSide,
    SponsorRole,
    SurveyTopic,
    Topic,
    TouchpointKind,
)

#: Versions of the state format this engine reads.
SUPPORTED_SCHEMA_VERSIONS = ("1.0",)
CURRENT_SCHEMA_VERSION = "1.0"

Id = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:\-]*$",
        description="An identifier: letters, digits, '.', '_', ':' or '-'.",
    ),
]
Text = Annotated[str, Field(max_length=10_000)]
Name = Annotated[str, Field(min_length=1, max_length=500)]
Percent = Annotated[float, Field(ge=0, le=100)]


class _Record(BaseModel):
    """Base of every state record: unknown fields are errors, records are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# --------------------------------------------------------------------------
# partnership
# --------------------------------------------------------------------------


class Sponsor(_Record):
    """A named person holding a role for one side, over a span of dates."""

    name: Name
    role: SponsorRole = SponsorRole.POINT_PERSON
    start: dt.date | None = Field(None, description="First day in the role.")
    end: dt.date | None = Field(None, description="Last day in the role; empty while held.")


class PartySide(_Record):
    name: Name
    sponsors: list[Sponsor] | None = None


class ContractTerms(_Record):
    """What the contract rewards and penalises."""

    positive_incentives: bool | None = Field(
        None, description="The contract pays a bonus or gain-share for doing better."
    )
    penalties: bool | None = Field(None, description="The contract has service credits.")


class Partnership(_Record):
    id: Id
    name: Name
    client: PartySide
    provider: PartySide
    engagement_model: EngagementModel | None = None
    start_date: dt.date
    go_live_date: dt.date | None = None
    contract_end: dt.date | None = None
    as_of: dt.date | None = Field(
        None, description="The date the state describes; assessments use it unless told otherwise."
    )
    contract_terms: ContractTerms | None = None


# --------------------------------------------------------------------------
# shared purpose
# --------------------------------------------------------------------------


class Goal(_Record):
    id: Id
    description: Text
    category: GoalCategory | None = None
    target_date: dt.date | None = None
    metric_ids: list[Id] = Field(default_factory=list, description="Metrics that measure it.")


class SignOff(_Record):
    party: Party
    name: Name
    date: dt.date


class Purpose(_Record):
    statement: Text | None = None
    documented: dt.date | None = None
    last_reviewed: dt.date | None = None
    goals: list[Goal] | None = None
    sign_offs: list[SignOff] | None = None


# --------------------------------------------------------------------------
# communication
# --------------------------------------------------------------------------


class Touchpoint(_Record):
    date: dt.date
    kind: TouchpointKind
    channel: Channel
    parties: list[Party] = Field(default_factory=list, description="Parties present.")
    topics: list[Topic] = Field(default_factory=list)
    initiated_by: Party | None = None
    note: Text | None = None


# --------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------


class Benchmark(_Record):
    value: float
    source: Name


class Observation(_Record):
    period_end: dt.date
    value: float


class Metric(_Record):
    id: Id
    name: Name
    kind: KpiKind = KpiKind.CUSTOM
    family: KpiFamily | None = Field(
        None, description="What the KPI measures; derived from `kind` unless given."
    )
    unit: Annotated[str, Field(max_length=50)] | None = None
    direction: Direction | None = None
    definition: Text | None = None
    target: float | None = None
    baseline: float | None = Field(None, description="The value before the partnership.")
    benchmark: Benchmark | None = None
    owner: Owner | None = None
    cadence: Cadence | None = None
    primary: bool = Field(True, description="Reported on the partnership scorecard.")
    adopted: dt.date | None = None
    retired: dt.date | None = None
    observations: list[Observation] = Field(default_factory=list)


# --------------------------------------------------------------------------
# recognition and milestones
# --------------------------------------------------------------------------


class Recognition(_Record):
    date: dt.date
    from_party: Party
    to_party: Party
    description: Text
    milestone_id: Id | None = None
    goal_id: Id | None = None
    metric_id: Id | None = None


class Milestone(_Record):
    id: Id
    name: Name
    planned: dt.date | None = None
    achieved: dt.date | None = None


# --------------------------------------------------------------------------
# continual improvement
# --------------------------------------------------------------------------


class Issue(_Record):
    """A slip-up, SLA miss or problem worth learning from."""

    id: Id
    opened: dt.date
    description: Text
    severity: IssueSeverity = IssueSeverity.MEDIUM
    root_cause: Text | None = None
    root_cause_category: Annotated[str, Field(max_length=200)] | None = Field(
        None, description="A short key for the cause, used to spot recurrences."
    )
    root_cause_side: RootCauseSide | None = None
    root_cause_date: dt.date | None = Field(None, description="When the root cause was found.")
    metric_id: Id | None = None
    closed: dt.date | None = None


class CorrectiveAction(_Record):
    id: Id
    description: Text
    issue_id: Id | None = None
    metric_id: Id | None = None
    owner: Owner
    opened: dt.date
    due: dt.date | None = None
    completed: dt.date | None = None


class Retrospective(_Record):
    date: dt.date
    kind: ImprovementKind = ImprovementKind.RETROSPECTIVE
    title: Name
    parties: list[Party] = Field(default_factory=list)


class Improvement(_Record):
    issues: list[Issue] | None = None
    corrective_actions: list[CorrectiveAction] | None = None
    retrospectives: list[Retrospective] | None = None


# --------------------------------------------------------------------------
# urgency
# --------------------------------------------------------------------------


class Escalation(_Record):
    date: dt.date
    raised_by: Party
    level: EscalationLevel
    reason: Text
    termination_threatened: bool = False
    resolved: dt.date | None = None


class ActionItem(_Record):
    id: Id
    description: Text
    owner: Owner
    raised: dt.date
    due: dt.date
    completed: dt.date | None = None


class Requisition(_Record):
    id: Id
    opened: dt.date
    assigned: dt.date | None = None
    intake: dt.date | None = None
    filled: dt.date | None = None
    cancelled: dt.date | None = None


class Survey(_Record):
    date: dt.date
    party: Party
    topic: SurveyTopic
    score: float
    scale_max: Annotated[float, Field(gt=0)] = 5


# --------------------------------------------------------------------------
# the whole state
# --------------------------------------------------------------------------


class PartnershipState(_Record):
    """Everything recorded about one RPO partnership at one point in time."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        allow_inf_nan=False,
        title="PartnershipState",
        json_schema_extra={"$id": "https://foundation-engine.dev/schemas/state.schema.json"},
    )

    schema_version: Literal["1.0"] = Field(
        "1.0", description="Version of the state format."
    )
    partnership: Partnership
    purpose: Purpose | None = None
    communications: list[Touchpoint] | None = None
    metrics: list[Metric] | None = None
    recognitions: list[Recognition] | None = None
    milestones: list[Milestone] | None = None
    improvement: Improvement | None = None
    escalations: list[Escalation] | None = None
    action_items: list[ActionItem] | None = None
    requisitions: list[Requisition] | None = None
    surveys: list[Survey] | None = None
    extensions: dict[Annotated[str, Field(max_length=100)], Any] = Field(
        default_factory=dict,
        description="Data for plugins, one key per plugin namespace.",
    )


def metric_family(metric: Metric) -> KpiFamily:
    """The family a metric belongs to: its own `family`, else its kind's."""
    return metric.family or KPI_FAMILY[metric.kind]
