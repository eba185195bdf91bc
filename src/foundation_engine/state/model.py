"""The partnership state: everything the engine knows about one RPO partnership.

A state file is JSON or TOML that validates against :class:`PartnershipState`.
Lists default to ``None``, which means "not recorded": rules that need a list
the state does not carry say *not applicable* instead of passing or failing.
An empty list means "recorded, and there were none".

Record order is kept exactly as given, so evidence pointers such as
``/communications/3`` name the record the user wrote.

Values that cannot be true are refused where the record is read, each naming
the field at fault: a date that ends something before it began (a closed
issue closed before it was opened), a negative time, cost or rate, a
percentage over 100 for a KPI that is a share of something, a survey score
outside its scale, a date before 1900 or after 2199. Records dated after
``as_of`` are accepted: assessing an
earlier date than the state's newest record is how a past assessment is
reproduced, and date-based rules ignore records after the date assessed.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, model_validator
from pydantic_core import PydanticCustomError, core_schema

from foundation_engine.state.vocabulary import (
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

#: KPIs that measure a time, a cost or a share, none of which can be negative.
NON_NEGATIVE_KPIS = frozenset(
    {
        KpiKind.TIME_TO_FILL,
        KpiKind.TIME_TO_START,
        KpiKind.TIME_TO_HIRE,
        KpiKind.HIRING_MANAGER_FEEDBACK_TIME,
        KpiKind.COST_PER_HIRE,
        KpiKind.OFFER_ACCEPTANCE_RATE,
        KpiKind.FIRST_YEAR_TURNOVER,
        KpiKind.SLATE_DIVERSITY,
        KpiKind.SUBMITTAL_TO_INTERVIEW,
    }
)
#: KPIs that are a share of a whole: in ``%`` they lie between 0 and 100.
SHARE_KPIS = frozenset(
    {KpiKind.OFFER_ACCEPTANCE_RATE, KpiKind.FIRST_YEAR_TURNOVER, KpiKind.SLATE_DIVERSITY}
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
#: The dates a state may hold. Anything outside is a typing slip (``0226``,
#: ``20226``) and would push date arithmetic past what Python's dates hold.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)


class _WrittenAsDate:
    """A date must be written as one: a TOML date or an ISO string, never a number.

    Left to itself pydantic reads a number as Unix time, so ``"start_date": 0``
    became 1970-01-01 (in JSON and in TOML alike). This keeps pydantic's date
    parsing, in its own validator, for dates and strings only; the bounds and
    the published schema are those of the date itself.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        bounded = handler(source)
        written = core_schema.union_schema(
            [
                core_schema.date_schema(strict=True),
                core_schema.chain_schema([core_schema.str_schema(), core_schema.date_schema()]),
            ],
            custom_error_type="date_type",
        )
        return core_schema.json_or_python_schema(
            json_schema=core_schema.chain_schema(
                [
                    core_schema.custom_error_schema(
                        core_schema.str_schema(strict=True), custom_error_type="date_type"
                    ),
                    bounded,
                ]
            ),
            python_schema=core_schema.chain_schema([written, bounded]),
            metadata={"pydantic_js_functions": [lambda _, h: h(bounded)]},
        )


Day = Annotated[dt.date, Field(ge=EARLIEST_DATE, le=LATEST_DATE), _WrittenAsDate()]
Text = Annotated[str, Field(max_length=10_000)]
Name = Annotated[str, Field(min_length=1, max_length=500)]
Percent = Annotated[float, Field(ge=0, le=100)]


class _Record(BaseModel):
    """Base of every state record: unknown fields are errors, records are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _in_order(record: BaseModel, first: str, *later: str) -> None:
    """Refuse a record whose `later` dates fall before its `first` date.

    Records that come by the hundred test their dates inline first and call
    this only to report a failure: it keeps validation within a few percent of
    what it costs without these checks.

    The error names the later field (``state_value`` errors carry it in
    ``ctx.field``, which the validation layer adds to the JSON path).
    """
    begin = getattr(record, first)
    if begin is None:
        return
    for name in later:
        end = getattr(record, name)
        if end is not None and end < begin:
            raise PydanticCustomError(
                "state_value",
                "{field} {value} is before {other} {other_value}; expected a date on or "
                "after {other}",
                {
                    "field": name,
                    "value": end.isoformat(),
                    "other": first,
                    "other_value": begin.isoformat(),
                },
            )


# --------------------------------------------------------------------------
# partnership
# --------------------------------------------------------------------------


class Sponsor(_Record):
    """A named person holding a role for one side, over a span of dates."""

    name: Name
    role: SponsorRole = SponsorRole.POINT_PERSON
    start: Day | None = Field(None, description="First day in the role.")
    end: Day | None = Field(None, description="Last day in the role; empty while held.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Sponsor:
        _in_order(self, "start", "end")
        return self


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
    start_date: Day
    go_live_date: Day | None = None
    contract_end: Day | None = None
    as_of: Day | None = Field(
        None, description="The date the state describes; assessments use it unless told otherwise."
    )
    contract_terms: ContractTerms | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Partnership:
        _in_order(self, "start_date", "go_live_date", "contract_end", "as_of")
        return self


# --------------------------------------------------------------------------
# shared purpose
# --------------------------------------------------------------------------


class Goal(_Record):
    id: Id
    description: Text
    category: GoalCategory | None = None
    target_date: Day | None = None
    metric_ids: list[Id] = Field(default_factory=list, description="Metrics that measure it.")


class SignOff(_Record):
    party: Party
    name: Name
    date: Day


class Purpose(_Record):
    statement: Text | None = None
    documented: Day | None = None
    last_reviewed: Day | None = None
    goals: list[Goal] | None = None
    sign_offs: list[SignOff] | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Purpose:
        _in_order(self, "documented", "last_reviewed")
        return self


# --------------------------------------------------------------------------
# communication
# --------------------------------------------------------------------------


class Touchpoint(_Record):
    date: Day
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
    period_end: Day
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
    adopted: Day | None = None
    retired: Day | None = None
    observations: list[Observation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _possible_values(self) -> Metric:
        _in_order(self, "adopted", "retired")
        never_negative = self.kind in NON_NEGATIVE_KPIS
        share = self.kind in SHARE_KPIS and self.unit is not None and self.unit.strip() == "%"
        if not (never_negative or share):
            return self
        values: list[tuple[str, float | None]] = [
            ("target", self.target),
            ("baseline", self.baseline),
            ("benchmark.value", self.benchmark.value if self.benchmark else None),
        ]
        values += [(f"observations.{i}.value", o.value) for i, o in enumerate(self.observations)]
        for where, value in values:
            if value is None:
                continue
            if value < 0:
                raise PydanticCustomError(
                    "state_value",
                    "{value} is negative; {kind} cannot be, expected 0 or more",
                    {"field": where, "value": f"{value:g}", "kind": self.kind.value},
                )
            if share and value > 100:
                raise PydanticCustomError(
                    "state_value",
                    "{value}% is over 100%; {kind} in % is a share, expected 0 to 100",
                    {"field": where, "value": f"{value:g}", "kind": self.kind.value},
                )
        return self


# --------------------------------------------------------------------------
# recognition and milestones
# --------------------------------------------------------------------------


class Recognition(_Record):
    date: Day
    from_party: Party
    to_party: Party
    description: Text
    milestone_id: Id | None = None
    goal_id: Id | None = None
    metric_id: Id | None = None


class Milestone(_Record):
    id: Id
    name: Name
    planned: Day | None = None
    achieved: Day | None = None


# --------------------------------------------------------------------------
# continual improvement
# --------------------------------------------------------------------------


class Issue(_Record):
    """A slip-up, SLA miss or problem worth learning from."""

    id: Id
    opened: Day
    description: Text
    severity: IssueSeverity = IssueSeverity.MEDIUM
    root_cause: Text | None = None
    root_cause_category: Annotated[str, Field(max_length=200)] | None = Field(
        None, description="A short key for the cause, used to spot recurrences."
    )
    root_cause_side: RootCauseSide | None = None
    root_cause_date: Day | None = Field(None, description="When the root cause was found.")
    metric_id: Id | None = None
    closed: Day | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Issue:
        if self.closed is not None and self.closed < self.opened:
            _in_order(self, "opened", "closed")
        return self


class CorrectiveAction(_Record):
    id: Id
    description: Text
    issue_id: Id | None = None
    metric_id: Id | None = None
    owner: Owner
    opened: Day
    due: Day | None = None
    completed: Day | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> CorrectiveAction:
        opened, due, completed = self.opened, self.due, self.completed
        if (due is not None and due < opened) or (completed is not None and completed < opened):
            _in_order(self, "opened", "due", "completed")
        return self


class Retrospective(_Record):
    date: Day
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
    date: Day
    raised_by: Party
    level: EscalationLevel
    reason: Text
    termination_threatened: bool = False
    resolved: Day | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Escalation:
        if self.resolved is not None and self.resolved < self.date:
            _in_order(self, "date", "resolved")
        return self


class ActionItem(_Record):
    id: Id
    description: Text
    owner: Owner
    raised: Day
    due: Day
    completed: Day | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> ActionItem:
        raised, completed = self.raised, self.completed
        if self.due < raised or (completed is not None and completed < raised):
            _in_order(self, "raised", "due", "completed")
        return self


class Requisition(_Record):
    id: Id
    opened: Day
    assigned: Day | None = None
    intake: Day | None = None
    filled: Day | None = None
    cancelled: Day | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Requisition:
        opened = self.opened
        for later in (self.assigned, self.intake, self.filled, self.cancelled):
            if later is not None and later < opened:
                _in_order(self, "opened", "assigned", "intake", "filled", "cancelled")
        return self


class Survey(_Record):
    date: Day
    party: Party
    topic: SurveyTopic
    score: float
    scale_max: Annotated[float, Field(gt=0)] = 5

    @model_validator(mode="after")
    def _score_on_scale(self) -> Survey:
        if not 0 <= self.score <= self.scale_max:
            raise PydanticCustomError(
                "state_value",
                "{value} is outside the survey's scale; expected 0 to scale_max ({scale_max})",
                {"field": "score", "value": f"{self.score:g}", "scale_max": f"{self.scale_max:g}"},
            )
        return self


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

    schema_version: Literal["1.0"] = Field("1.0", description="Version of the state format.")
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
