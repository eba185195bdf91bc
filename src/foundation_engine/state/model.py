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

Every record may carry a ``source``: where it was read from (a workbook sheet
and row, a CSV row, a calendar event). The engine never judges it; reports use
it to name evidence the way the person who kept the records would.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, model_validator
from pydantic_core import PydanticCustomError, core_schema

from foundation_engine.state.instrument import (
    DEFAULT_MIN_RESPONDENTS,
    HIGHEST_SCORE,
    LOWEST_SCORE,
)
from foundation_engine.state.vocabulary import (
    KPI_FAMILY,
    AgreedActionStatus,
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
    PulseTechnique,
    RespondentRole,
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


class Provenance(_Record):
    """Where a record came from: a workbook sheet and row, a CSV row, or a calendar event."""

    file: Annotated[str, Field(max_length=500)] | None = Field(
        None,
        description="The file the record was read from (a workbook, a CSV file, a calendar "
        "export), named as it was given.",
    )
    sheet: Annotated[str, Field(max_length=100)] | None = Field(
        None,
        description="The workbook sheet holding the record, or the CSV file's name in a "
        "folder of CSV files.",
    )
    row: Annotated[int, Field(ge=1)] | None = Field(
        None,
        description="The record's row in its sheet or CSV file, counted as a spreadsheet "
        "counts them (the header is row 1).",
    )
    rows: Annotated[int, Field(ge=1)] | None = Field(
        None,
        description="How many source rows the record sums up (a survey score averages this "
        "many responses, starting at `row`); left out when it is one.",
    )
    uid: Annotated[str, Field(max_length=500)] | None = Field(
        None, description="The calendar event's UID."
    )
    instance: Annotated[str, Field(max_length=40)] | None = Field(
        None,
        description="Which occurrence of a recurring calendar event this is: its original "
        "start (the RECURRENCE-ID) in ISO 8601. Left out for a one-off event.",
    )


def _source() -> Any:
    return Field(
        None,
        description="Where the record came from, when it was imported or read from a "
        "spreadsheet. Reports use it to name evidence; rules never read it.",
    )


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

    name: Name = Field(description="The person's name.")
    role: SponsorRole = Field(
        SponsorRole.POINT_PERSON, description="What the person does for their side."
    )
    start: Day | None = Field(None, description="First day in the role.")
    end: Day | None = Field(None, description="Last day in the role; empty while held.")
    source: Provenance | None = _source()

    @model_validator(mode="after")
    def _dates_in_order(self) -> Sponsor:
        _in_order(self, "start", "end")
        return self


class PartySide(_Record):
    """One side of the partnership: the client or the provider."""

    name: Name = Field(description="The organisation's name.")
    sponsors: list[Sponsor] | None = Field(
        None,
        description="The side's executive sponsors and point people, past and present. "
        "Left out: not recorded; empty: recorded, nobody named.",
    )


class ContractTerms(_Record):
    """What the contract rewards and penalises."""

    positive_incentives: bool | None = Field(
        None, description="The contract pays a bonus or gain-share for doing better."
    )
    penalties: bool | None = Field(None, description="The contract has service credits.")


class Partnership(_Record):
    """Who the parties are and the dates that set the partnership's phase."""

    id: Id = Field(
        description="A short, stable id for the partnership; reports and finding "
        "fingerprints use it."
    )
    name: Name = Field(description="The partnership's name as people say it.")
    client: PartySide = Field(description="The company that hands its hiring to the provider.")
    provider: PartySide = Field(description="The RPO provider.")
    engagement_model: EngagementModel | None = Field(
        None, description="How much of the hiring the provider runs."
    )
    start_date: Day = Field(description="The day the partnership began (contract start).")
    go_live_date: Day | None = Field(
        None, description="The day the provider started hiring; implementation ends here."
    )
    contract_end: Day | None = Field(None, description="The day the current contract ends.")
    as_of: Day | None = Field(
        None, description="The date the state describes; assessments use it unless told otherwise."
    )
    contract_terms: ContractTerms | None = Field(
        None, description="What the contract rewards and penalises."
    )
    source: Provenance | None = _source()

    @model_validator(mode="after")
    def _dates_in_order(self) -> Partnership:
        _in_order(self, "start_date", "go_live_date", "contract_end", "as_of")
        return self


# --------------------------------------------------------------------------
# shared purpose
# --------------------------------------------------------------------------


class Goal(_Record):
    """A concrete goal the partnership works toward."""

    id: Id = Field(description="The goal's id; recognitions name it in `goal_id`.")
    description: Text = Field(description="What the goal is, in a sentence.")
    category: GoalCategory | None = Field(None, description="What kind of goal it is.")
    target_date: Day | None = Field(None, description="When the goal should be reached.")
    metric_ids: list[Id] = Field(
        default_factory=list, description="Ids of the metrics that measure it."
    )
    source: Provenance | None = _source()


class SignOff(_Record):
    """One party's written agreement to the purpose."""

    party: Party = Field(description="The side that signed.")
    name: Name = Field(description="Who signed for that side.")
    date: Day = Field(description="When they signed.")
    source: Provenance | None = _source()


class Purpose(_Record):
    """Why the partnership exists, and whether both sides agreed to it in writing."""

    statement: Text | None = Field(
        None, description="The written purpose or definition of success."
    )
    documented: Day | None = Field(None, description="When the purpose was first written down.")
    last_reviewed: Day | None = Field(
        None, description="When both sides last reviewed the purpose together."
    )
    goals: list[Goal] | None = Field(
        None,
        description="The partnership's goals. Left out: not recorded; empty: recorded, none set.",
    )
    sign_offs: list[SignOff] | None = Field(
        None,
        description="Each side's sign-off of the purpose. Left out: not recorded; empty: "
        "recorded, nobody has signed.",
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Purpose:
        _in_order(self, "documented", "last_reviewed")
        return self


# --------------------------------------------------------------------------
# communication
# --------------------------------------------------------------------------


class Touchpoint(_Record):
    """A meeting, call, status report or other exchange between the parties."""

    date: Day = Field(description="The day it took place.")
    kind: TouchpointKind = Field(description="What sort of touchpoint it was.")
    channel: Channel = Field(
        description="How the parties met: face to face, on video, by phone, or in writing."
    )
    parties: list[Party] = Field(default_factory=list, description="Parties present.")
    topics: list[Topic] = Field(default_factory=list, description="What was covered.")
    initiated_by: Party | None = Field(None, description="The side that called or sent it.")
    note: Text | None = Field(None, description="Anything worth remembering about it.")
    source: Provenance | None = _source()


# --------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------


class Benchmark(_Record):
    """A published value to compare a metric with, and where it comes from."""

    value: float = Field(description="The benchmark value, in the metric's unit.")
    source: Name = Field(
        description="Who published the benchmark, and when (for example: SHRM 2022)."
    )


class Observation(_Record):
    """One reading of a metric: its value for a period."""

    period_end: Day = Field(description="The last day of the period the value covers.")
    value: float = Field(description="The metric's value for that period, in its unit.")
    source: Provenance | None = _source()


class Metric(_Record):
    """A KPI the partnership tracks, with its definition, target and readings."""

    id: Id = Field(description="The metric's id; goals, issues and recognitions name it.")
    name: Name = Field(description="The metric's name on the scorecard.")
    kind: KpiKind = Field(
        KpiKind.CUSTOM, description="Which standard recruiting KPI it is, or `custom`."
    )
    family: KpiFamily | None = Field(
        None, description="What the KPI measures; derived from `kind` unless given."
    )
    unit: Annotated[str, Field(max_length=50)] | None = Field(
        None, description="The unit of its values (`days`, `%`, `USD`, `score`...)."
    )
    direction: Direction | None = Field(None, description="Which way the metric gets better.")
    definition: Text | None = Field(None, description="How it is calculated, agreed by both sides.")
    target: float | None = Field(None, description="The value the partnership aims for.")
    baseline: float | None = Field(None, description="The value before the partnership.")
    benchmark: Benchmark | None = Field(
        None, description="A published value to compare with, and its source."
    )
    owner: Owner | None = Field(None, description="Who is accountable for the metric.")
    cadence: Cadence | None = Field(None, description="How often it is measured.")
    primary: bool = Field(True, description="Reported on the partnership scorecard.")
    adopted: Day | None = Field(None, description="When the metric joined the scorecard.")
    retired: Day | None = Field(None, description="When it left the scorecard, if it did.")
    observations: list[Observation] = Field(
        default_factory=list, description="The metric's readings, one per period."
    )
    source: Provenance | None = _source()

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
    """One side thanking or celebrating the other, ideally for something named."""

    date: Day = Field(description="When the recognition was given.")
    from_party: Party = Field(description="The side giving it.")
    to_party: Party = Field(description="The side receiving it.")
    description: Text = Field(description="What was recognised, in a sentence.")
    milestone_id: Id | None = Field(None, description="The milestone it celebrates.")
    goal_id: Id | None = Field(None, description="The goal it celebrates progress on.")
    metric_id: Id | None = Field(None, description="The metric whose result it celebrates.")
    source: Provenance | None = _source()


class Milestone(_Record):
    """A planned step of the partnership (go-live, first hires, a new site...)."""

    id: Id = Field(description="The milestone's id; recognitions name it in `milestone_id`.")
    name: Name = Field(description="The milestone's name.")
    planned: Day | None = Field(None, description="When it was planned for.")
    achieved: Day | None = Field(None, description="When it was reached; empty until then.")
    source: Provenance | None = _source()


# --------------------------------------------------------------------------
# continual improvement
# --------------------------------------------------------------------------


class Issue(_Record):
    """A slip-up, SLA miss or problem worth learning from."""

    id: Id = Field(description="The issue's id; corrective actions name it in `issue_id`.")
    opened: Day = Field(description="When the issue was raised.")
    description: Text = Field(description="What went wrong, in a sentence.")
    severity: IssueSeverity = Field(IssueSeverity.MEDIUM, description="How much it mattered.")
    root_cause: Text | None = Field(None, description="Why it happened, once found.")
    root_cause_category: Annotated[str, Field(max_length=200)] | None = Field(
        None, description="A short key for the cause, used to spot recurrences."
    )
    root_cause_side: RootCauseSide | None = Field(
        None, description="Whose side the root cause lies on."
    )
    root_cause_date: Day | None = Field(None, description="When the root cause was found.")
    metric_id: Id | None = Field(None, description="The metric the issue affected.")
    closed: Day | None = Field(None, description="When the issue was closed; empty while open.")
    source: Provenance | None = _source()

    @model_validator(mode="after")
    def _dates_in_order(self) -> Issue:
        if self.closed is not None and self.closed < self.opened:
            _in_order(self, "opened", "closed")
        return self


class CorrectiveAction(_Record):
    """What was done to fix an issue's cause or a metric's decline."""

    id: Id = Field(description="The action's id.")
    description: Text = Field(description="What will be done, in a sentence.")
    issue_id: Id | None = Field(None, description="The issue it fixes.")
    metric_id: Id | None = Field(None, description="The metric it should improve.")
    owner: Owner = Field(description="Who is to do it.")
    opened: Day = Field(description="When it was agreed.")
    due: Day | None = Field(None, description="When it is due.")
    completed: Day | None = Field(None, description="When it was done; empty while open.")
    source: Provenance | None = _source()

    @model_validator(mode="after")
    def _dates_in_order(self) -> CorrectiveAction:
        opened, due, completed = self.opened, self.due, self.completed
        if (due is not None and due < opened) or (completed is not None and completed < opened):
            _in_order(self, "opened", "due", "completed")
        return self


class Retrospective(_Record):
    """A look back together, or an improvement initiative."""

    date: Day = Field(description="When it took place, or started.")
    kind: ImprovementKind = Field(
        ImprovementKind.RETROSPECTIVE, description="A retrospective or an initiative."
    )
    title: Name = Field(description="Its title.")
    parties: list[Party] = Field(default_factory=list, description="Parties taking part.")
    source: Provenance | None = _source()


class Improvement(_Record):
    """Slip-ups, the fixes for them, and the times the parties looked back together."""

    issues: list[Issue] | None = Field(
        None, description="Slip-ups and SLA misses. Left out: not recorded; empty: none."
    )
    corrective_actions: list[CorrectiveAction] | None = Field(
        None, description="Fixes agreed for issues or metrics. Left out: not recorded; empty: none."
    )
    retrospectives: list[Retrospective] | None = Field(
        None,
        description="Retrospectives and improvement initiatives. Left out: not recorded; "
        "empty: none.",
    )


# --------------------------------------------------------------------------
# urgency
# --------------------------------------------------------------------------


class Escalation(_Record):
    """A concern taken above the day-to-day contacts, perhaps with a threat to end the contract."""

    date: Day = Field(description="When it was raised.")
    raised_by: Party = Field(description="The side that escalated.")
    level: EscalationLevel = Field(description="How high it went.")
    reason: Text = Field(description="Why, in a sentence.")
    termination_threatened: bool = Field(
        False, description="Whether ending the contract was threatened."
    )
    resolved: Day | None = Field(None, description="When it was resolved; empty while open.")
    source: Provenance | None = _source()

    @model_validator(mode="after")
    def _dates_in_order(self) -> Escalation:
        if self.resolved is not None and self.resolved < self.date:
            _in_order(self, "date", "resolved")
        return self


class ActionItem(_Record):
    """Something agreed in a meeting, with an owner and a due date."""

    id: Id = Field(description="The action item's id.")
    description: Text = Field(description="What is to be done.")
    owner: Owner = Field(description="Who is to do it.")
    raised: Day = Field(description="When it was agreed.")
    due: Day = Field(description="When it is due.")
    completed: Day | None = Field(None, description="When it was done; empty while open.")
    source: Provenance | None = _source()

    @model_validator(mode="after")
    def _dates_in_order(self) -> ActionItem:
        raised, completed = self.raised, self.completed
        if self.due < raised or (completed is not None and completed < raised):
            _in_order(self, "raised", "due", "completed")
        return self


class Requisition(_Record):
    """A job requisition the provider works on, with the dates it moved through."""

    id: Id = Field(description="The requisition's id in the ATS.")
    opened: Day = Field(description="When the requisition was approved or opened.")
    assigned: Day | None = Field(None, description="When a recruiter was assigned.")
    intake: Day | None = Field(None, description="When the intake meeting was held.")
    filled: Day | None = Field(None, description="When an offer was accepted.")
    cancelled: Day | None = Field(None, description="When it was cancelled without a hire.")
    source: Provenance | None = _source()

    @model_validator(mode="after")
    def _dates_in_order(self) -> Requisition:
        opened = self.opened
        for later in (self.assigned, self.intake, self.filled, self.cancelled):
            if later is not None and later < opened:
                _in_order(self, "opened", "assigned", "intake", "filled", "cancelled")
        return self


class Survey(_Record):
    """A pulse survey result: one side's average answer on one topic."""

    date: Day = Field(description="When the survey closed.")
    party: Party = Field(description="The side that answered.")
    topic: SurveyTopic = Field(description="What the question was about.")
    score: float = Field(description="The side's average answer, from 0 to `scale_max`.")
    scale_max: Annotated[float, Field(gt=0)] = Field(
        5, description="The top of the answer scale (5 for a 1-to-5 scale)."
    )
    source: Provenance | None = _source()

    @model_validator(mode="after")
    def _score_on_scale(self) -> Survey:
        if not 0 <= self.score <= self.scale_max:
            raise PydanticCustomError(
                "state_value",
                "{value} is outside the survey's scale; expected 0 to scale_max ({scale_max})",
                {"field": "score", "value": f"{self.score:g}", "scale_max": f"{self.scale_max:g}"},
            )
        return self


class AgreedAction(_Record):
    """An action the parties agreed to fix one finding of an earlier assessment.

    It names the finding by its rule (and, to tell partnerships apart in a
    shared file, the finding's fingerprint from the report); the next
    assessment says whether it was done on time and whether the finding it
    targeted is resolved.
    """

    id: Id = Field(description="The action's id.")
    rule: Annotated[str, Field(pattern=r"^[A-Z]{2,6}[0-9]{3}$")] = Field(
        description="The rule id of the finding it is meant to fix (COM001)."
    )
    fingerprint: Annotated[str, Field(min_length=1, max_length=64)] | None = Field(
        None, description="The finding's fingerprint from the report it was agreed on."
    )
    description: Text = Field(description="What was agreed.")
    owner: Owner = Field(description="Who is to do it.")
    agreed: Day = Field(description="When it was agreed.")
    due: Day = Field(description="When it is due.")
    status: AgreedActionStatus = Field(
        AgreedActionStatus.OPEN, description="Open, done, or dropped (no longer pursued)."
    )
    completed: Day | None = Field(
        None, description="When it was done; empty unless the status is done."
    )
    source: Provenance | None = _source()

    @model_validator(mode="after")
    def _dates_in_order(self) -> AgreedAction:
        if (self.status is AgreedActionStatus.DONE) != (self.completed is not None):
            raise PydanticCustomError(
                "state_value",
                "status {value} with completed {other_value}; expected a completed date "
                "exactly when the status is done",
                {
                    "field": "completed",
                    "value": self.status.value,
                    "other_value": self.completed.isoformat() if self.completed else "empty",
                },
            )
        agreed, completed = self.agreed, self.completed
        if self.due < agreed or (completed is not None and completed < agreed):
            _in_order(self, "agreed", "due", "completed")
        return self


# --------------------------------------------------------------------------
# the foundation pulse: both sides' view, answer by answer
# --------------------------------------------------------------------------


class PulseQuestion(_Record):
    """A statement the partnership added to the standard pulse, asked about one technique."""

    id: Id = Field(
        description="The statement's id; responses name it in `question`. It must differ from "
        "every standard statement id (`purpose.success`, `communication.early` ...)."
    )
    text: Annotated[str, Field(min_length=1, max_length=500)] = Field(
        description="The statement as respondents read it, worded so that agreeing is the "
        "favourable answer."
    )
    technique: PulseTechnique = Field(description="The technique the statement asks about.")
    source: Provenance | None = _source()


class PulseResponse(_Record):
    """One person's answer to one pulse statement: which side and role answered, never who."""

    party: Party = Field(description="The side the respondent works for.")
    role: RespondentRole | None = Field(
        None, description="What the respondent does in the partnership; left out when not asked."
    )
    question: Id = Field(
        description="The statement answered: a standard statement id (`communication.early`) "
        "or the id of one of `pulse.questions`."
    )
    score: Annotated[int, Field(ge=LOWEST_SCORE, le=HIGHEST_SCORE)] = Field(
        description="The answer: 1 strongly disagree, 2 disagree, 3 neither, 4 agree, "
        "5 strongly agree."
    )
    comment: Annotated[str, Field(max_length=2000)] | None = Field(
        None,
        description="What the respondent wrote beside the answer, if anything. Reports show "
        "comments only where the side's answers are shown (enough people answered).",
    )


class PulseWave(_Record):
    """One round of the pulse: the answers of both sides, closed on one day."""

    date: Day = Field(
        description="The day the wave closed. Assessments of an earlier day do not see the wave."
    )
    name: Annotated[str, Field(min_length=1, max_length=100)] | None = Field(
        None, description="A name for the wave, such as `2026 Q2 pulse`."
    )
    responses: list[PulseResponse] = Field(
        default_factory=list,
        description="Every answer given in the wave, one per person and "
        "statement, in no particular order.",
    )
    source: Provenance | None = _source()


class Pulse(_Record):
    """The foundation pulse: anonymous answers of both sides, wave by wave.

    Respondents stay anonymous: a response records the side and role that
    answered, never a name. A side's average for a statement or a technique
    is shown, and judged, only when at least `min_respondents` of its people
    answered; below that, reports say "too few responses".
    """

    min_respondents: Annotated[int, Field(ge=2, le=1000)] = Field(
        DEFAULT_MIN_RESPONDENTS,
        description="The fewest people of one side whose answers the engine averages and "
        "shows: the anonymity promised to respondents. At least 2.",
    )
    questions: list[PulseQuestion] = Field(
        default_factory=list,
        description="Statements the partnership asks besides the standard ones, each mapped to "
        "a technique.",
    )
    waves: list[PulseWave] = Field(
        default_factory=list, description="The rounds of the pulse, in any order."
    )


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
    partnership: Partnership = Field(description="Who the parties are, and the key dates.")
    purpose: Purpose | None = Field(
        None, description="Technique 1, shared purpose. Left out: not recorded."
    )
    communications: list[Touchpoint] | None = Field(
        None,
        description="Technique 2, communication: every check-in, review, QBR and status "
        "report. Left out: not recorded; empty: recorded, none took place.",
    )
    metrics: list[Metric] | None = Field(
        None,
        description="Technique 3, selective metrics: the KPIs and their readings. Left out: "
        "not recorded; empty: recorded, none tracked.",
    )
    recognitions: list[Recognition] | None = Field(
        None,
        description="Technique 4, recognition: who thanked whom, and for what. Left out: not "
        "recorded; empty: recorded, none given.",
    )
    milestones: list[Milestone] | None = Field(
        None,
        description="Planned and reached milestones. Left out: not recorded; empty: "
        "recorded, none planned.",
    )
    improvement: Improvement | None = Field(
        None,
        description="Technique 5, continual improvement: issues, fixes and retrospectives. "
        "Left out: not recorded.",
    )
    escalations: list[Escalation] | None = Field(
        None,
        description="Technique 6, patient urgency: escalations and termination threats. "
        "Left out: not recorded; empty: recorded, none raised.",
    )
    action_items: list[ActionItem] | None = Field(
        None,
        description="Technique 6: actions agreed in meetings. Left out: not recorded; empty: "
        "recorded, none agreed.",
    )
    requisitions: list[Requisition] | None = Field(
        None,
        description="Technique 6: requisitions and their dates. Left out: not recorded; "
        "empty: recorded, none opened.",
    )
    surveys: list[Survey] | None = Field(
        None,
        description="Pulse survey results, one per side, topic and survey. Left out: not "
        "recorded; empty: recorded, none run.",
    )
    agreed_actions: list[AgreedAction] | None = Field(
        None,
        description="Actions the parties agreed to fix findings of earlier assessments, "
        "each naming the finding's rule. Left out: not recorded; empty: recorded, none "
        "agreed.",
    )
    pulse: Pulse | None = Field(
        None,
        description="The foundation pulse: both sides' anonymous answers to the same "
        "statements, wave by wave. Left out: no pulse run.",
    )
    extensions: dict[Annotated[str, Field(max_length=100)], Any] = Field(
        default_factory=dict,
        description="Data for plugins, one key per plugin namespace.",
    )


def metric_family(metric: Metric) -> KpiFamily:
    """The family a metric belongs to: its own `family`, else its kind's."""
    return metric.family or KPI_FAMILY[metric.kind]
