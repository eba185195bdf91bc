"""Closed vocabularies of the partnership state.

Each enum is the fixed list of words a state file may use for one field. Keeping
them here, apart from the model, lets rules and docs name the same words.
"""

from __future__ import annotations

from enum import StrEnum


class Party(StrEnum):
    """One side of the partnership."""

    CLIENT = "client"
    PROVIDER = "provider"


class Owner(StrEnum):
    """Who should act on a recommendation, or who owns a record."""

    CLIENT = "client"
    PROVIDER = "provider"
    BOTH = "both"


class RootCauseSide(StrEnum):
    """Whose side a slip-up's root cause lies on."""

    CLIENT = "client"
    PROVIDER = "provider"
    SHARED = "shared"
    EXTERNAL = "external"


class EngagementModel(StrEnum):
    """How much of the client's hiring the provider runs."""

    END_TO_END = "end_to_end"
    PROJECT = "project"
    SELECTIVE = "selective"
    HYBRID = "hybrid"
    ON_DEMAND = "on_demand"


class SponsorRole(StrEnum):
    """What a named person does for their side."""

    EXECUTIVE_SPONSOR = "executive_sponsor"
    POINT_PERSON = "point_person"
    OTHER = "other"


class GoalCategory(StrEnum):
    """What kind of goal a partnership goal is."""

    HIRE_TALENT = "hire_talent"
    FILL_GAPS = "fill_gaps"
    IMPROVE_PROCESS = "improve_process"
    REDUCE_COST = "reduce_cost"
    IMPROVE_QUALITY = "improve_quality"
    DIVERSITY = "diversity"
    EMPLOYER_BRAND = "employer_brand"
    OTHER = "other"


class TouchpointKind(StrEnum):
    """What sort of touchpoint a meeting or exchange is."""

    WEEKLY_CHECKIN = "weekly_checkin"
    MONTHLY_REVIEW = "monthly_review"
    QBR = "qbr"
    EXECUTIVE_REVIEW = "executive_review"
    AD_HOC = "ad_hoc"
    STATUS_REPORT = "status_report"
    FEEDBACK = "feedback"


class Channel(StrEnum):
    """How the parties met or exchanged."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    DOCUMENT = "document"


class Topic(StrEnum):
    """What a touchpoint covered."""

    PIPELINE = "pipeline"
    TIME_TO_FILL = "time_to_fill"
    JOINT_ACTIONS = "joint_actions"
    WINS = "wins"
    ISSUES = "issues"
    GOALS = "goals"
    METRICS = "metrics"
    CHANGES = "changes"
    EXPECTATIONS = "expectations"
    FEEDBACK = "feedback"


class KpiKind(StrEnum):
    """The standard recruiting KPIs (see docs/domain) plus ``custom``."""

    TIME_TO_FILL = "time_to_fill"
    TIME_TO_START = "time_to_start"
    TIME_TO_HIRE = "time_to_hire"
    COST_PER_HIRE = "cost_per_hire"
    OFFER_ACCEPTANCE_RATE = "offer_acceptance_rate"
    FIRST_YEAR_TURNOVER = "first_year_turnover"
    QUALITY_OF_HIRE = "quality_of_hire"
    HIRING_MANAGER_SATISFACTION = "hiring_manager_satisfaction"
    CANDIDATE_NPS = "candidate_nps"
    SUBMITTAL_TO_INTERVIEW = "submittal_to_interview"
    SLATE_DIVERSITY = "slate_diversity"
    HIRING_MANAGER_FEEDBACK_TIME = "hiring_manager_feedback_time"
    CUSTOM = "custom"


class KpiFamily(StrEnum):
    """What a KPI says about hiring: how fast, how good, how costly..."""

    SPEED = "speed"
    QUALITY = "quality"
    RETENTION = "retention"
    COST = "cost"
    SATISFACTION = "satisfaction"
    DIVERSITY = "diversity"
    EFFICIENCY = "efficiency"
    OTHER = "other"


#: The family each standard KPI belongs to; a custom KPI states its own.
KPI_FAMILY: dict[KpiKind, KpiFamily] = {
    KpiKind.TIME_TO_FILL: KpiFamily.SPEED,
    KpiKind.TIME_TO_START: KpiFamily.SPEED,
    KpiKind.TIME_TO_HIRE: KpiFamily.SPEED,
    KpiKind.HIRING_MANAGER_FEEDBACK_TIME: KpiFamily.SPEED,
    KpiKind.COST_PER_HIRE: KpiFamily.COST,
    KpiKind.OFFER_ACCEPTANCE_RATE: KpiFamily.EFFICIENCY,
    KpiKind.SUBMITTAL_TO_INTERVIEW: KpiFamily.EFFICIENCY,
    KpiKind.FIRST_YEAR_TURNOVER: KpiFamily.RETENTION,
    KpiKind.QUALITY_OF_HIRE: KpiFamily.QUALITY,
    KpiKind.HIRING_MANAGER_SATISFACTION: KpiFamily.SATISFACTION,
    KpiKind.CANDIDATE_NPS: KpiFamily.SATISFACTION,
    KpiKind.SLATE_DIVERSITY: KpiFamily.DIVERSITY,
    KpiKind.CUSTOM: KpiFamily.OTHER,
}


class Direction(StrEnum):
    """Which way a metric gets better."""

    HIGHER = "higher"
    LOWER = "lower"


class Cadence(StrEnum):
    """How often a metric is measured."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUALLY = "annually"


#: Nominal length of each cadence in days.
CADENCE_DAYS: dict[Cadence, int] = {
    Cadence.WEEKLY: 7,
    Cadence.MONTHLY: 31,
    Cadence.QUARTERLY: 92,
    Cadence.ANNUALLY: 366,
}


class IssueSeverity(StrEnum):
    """How much a slip-up mattered."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class ImprovementKind(StrEnum):
    """A look back together, or an improvement initiative."""

    RETROSPECTIVE = "retrospective"
    INITIATIVE = "initiative"


class EscalationLevel(StrEnum):
    """How high an escalation went."""

    OPERATIONAL = "operational"
    MANAGEMENT = "management"
    EXECUTIVE = "executive"


class SurveyTopic(StrEnum):
    """What a pulse survey question was about."""

    SHARED_GOALS = "shared_goals"
    COMMUNICATION = "communication"
    TRUST = "trust"
    SATISFACTION = "satisfaction"
    RECOGNITION = "recognition"
    OTHER = "other"


class PulseTechnique(StrEnum):
    """The foundational technique a pulse statement asks about."""

    PURPOSE = "purpose"
    COMMUNICATION = "communication"
    METRICS = "metrics"
    RECOGNITION = "recognition"
    IMPROVEMENT = "improvement"
    URGENCY = "urgency"


class RespondentRole(StrEnum):
    """What a pulse respondent does in the partnership (never who they are)."""

    SPONSOR = "sponsor"
    HIRING_MANAGER = "hiring_manager"
    RECRUITER = "recruiter"
    ACCOUNT_LEAD = "account_lead"
    OTHER = "other"


class Phase(StrEnum):
    """Where a partnership is in its life, derived from its dates."""

    IMPLEMENTATION = "implementation"
    RAMP_UP = "ramp_up"
    STEADY_STATE = "steady_state"


class AgreedActionStatus(StrEnum):
    """Where an action agreed to fix a finding stands."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
