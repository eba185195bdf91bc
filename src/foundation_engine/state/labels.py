"""What each word of the state's closed vocabularies means, and how to say it to a person.

Every value of every enum in :mod:`foundation_engine.state.vocabulary` has a
short label (``weekly_checkin`` is "weekly check-in") and a sentence saying
what it means. The workbook's header notes and drop-downs, the state format
reference (``docs/state-format.md``) and readable evidence all read them from
here, so they cannot disagree; a test fails when a value has none.
"""

from __future__ import annotations

from enum import StrEnum

from foundation_engine.state import vocabulary as v

#: (label, meaning) of every vocabulary value, by enum.
VALUES: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    v.Party: {
        "client": ("client", "The company that hands its hiring to the provider."),
        "provider": ("provider", "The RPO provider."),
    },
    v.Owner: {
        "client": ("client", "The client."),
        "provider": ("provider", "The provider."),
        "both": ("both", "The client and the provider together."),
    },
    v.RootCauseSide: {
        "client": ("client", "The cause lies with the client (slow approvals, late feedback)."),
        "provider": ("provider", "The cause lies with the provider."),
        "shared": ("shared", "Both sides contributed to the cause."),
        "external": ("external", "Neither side: the market, a vendor, a regulation."),
    },
    v.EngagementModel: {
        "end_to_end": ("end to end", "The provider runs the whole hiring process."),
        "project": ("project", "The provider hires for one project or campaign."),
        "selective": ("selective", "The provider runs some stages or some roles."),
        "hybrid": ("hybrid", "The provider and the client's own team share the hiring."),
        "on_demand": ("on demand", "The provider hires when the client asks, role by role."),
    },
    v.SponsorRole: {
        "executive_sponsor": (
            "executive sponsor",
            "The senior person who owns the partnership for their side.",
        ),
        "point_person": ("point person", "The day-to-day contact for their side."),
        "other": ("other", "Another named role."),
    },
    v.GoalCategory: {
        "hire_talent": ("hire talent", "Hire great people."),
        "fill_gaps": ("fill gaps", "Fill open roles or skills gaps."),
        "improve_process": ("improve process", "Make the client's hiring process better."),
        "reduce_cost": ("reduce cost", "Lower the cost of hiring."),
        "improve_quality": ("improve quality", "Hire people who perform and stay."),
        "diversity": ("diversity", "Widen and diversify the talent hired."),
        "employer_brand": ("employer brand", "Make the client a place people want to work."),
        "other": ("other", "Another kind of goal."),
    },
    v.TouchpointKind: {
        "weekly_checkin": (
            "weekly check-in",
            "The standing operational meeting, expected every week.",
        ),
        "monthly_review": ("monthly review", "The monthly performance review of the KPIs."),
        "qbr": ("QBR", "The quarterly business review with both sides' leaders."),
        "executive_review": (
            "executive review",
            "A meeting of the executive sponsors, such as a steering committee.",
        ),
        "ad_hoc": ("ad hoc meeting", "A meeting called for one subject."),
        "status_report": ("status report", "A written update sent to the other side."),
        "feedback": ("feedback", "Feedback on candidates or on the service."),
    },
    v.Channel: {
        "in_person": ("in person", "Face to face, in the same room."),
        "video": ("video", "A video call (Teams, Zoom, Meet...)."),
        "phone": ("phone", "A phone or audio-only call."),
        "email": ("email", "An email."),
        "chat": ("chat", "A chat or instant message."),
        "document": ("document", "A shared document or report."),
    },
    v.Topic: {
        "pipeline": ("pipeline", "Whether talent is being found: the candidate pipeline."),
        "time_to_fill": ("time to fill", "How long hiring takes."),
        "joint_actions": ("joint actions", "What both sides will do next."),
        "wins": ("wins", "Achievements worth celebrating."),
        "issues": ("issues", "Slip-ups and problems."),
        "goals": ("goals", "The partnership's purpose and goals."),
        "metrics": ("metrics", "The KPIs and their readings."),
        "changes": ("changes", "Changes to roles, volumes, process or people."),
        "expectations": ("expectations", "What each side expects of the other."),
        "feedback": ("feedback", "Feedback in either direction."),
    },
    v.KpiKind: {
        "time_to_fill": ("time to fill", "Days from requisition approved to offer accepted."),
        "time_to_start": ("time to start", "Days from requisition approved to start date."),
        "time_to_hire": (
            "time to hire",
            "Days from first contact or application to offer accepted.",
        ),
        "cost_per_hire": ("cost per hire", "External and internal hiring cost over hires."),
        "offer_acceptance_rate": (
            "offer acceptance rate",
            "Offers accepted over offers extended.",
        ),
        "first_year_turnover": (
            "first-year turnover",
            "Hires who left within a year, over hires.",
        ),
        "quality_of_hire": (
            "quality of hire",
            "A composite of performance, manager rating and retention.",
        ),
        "hiring_manager_satisfaction": (
            "hiring manager satisfaction",
            "Hiring managers' rating of the service, surveyed after each fill.",
        ),
        "candidate_nps": ("candidate NPS", "Candidates' net promoter score, -100 to 100."),
        "submittal_to_interview": (
            "submittal to interview",
            "Candidates submitted for each one interviewed.",
        ),
        "slate_diversity": (
            "slate diversity",
            "Share of slates with at least two finalists from under-represented groups.",
        ),
        "hiring_manager_feedback_time": (
            "hiring manager feedback time",
            "Hours or days a hiring manager takes to give feedback on a candidate.",
        ),
        "custom": ("custom KPI", "A KPI of the partnership's own."),
    },
    v.KpiFamily: {
        "speed": ("speed", "How fast hiring is."),
        "quality": ("quality", "How good the hires are."),
        "retention": ("retention", "How long hires stay."),
        "cost": ("cost", "What hiring costs."),
        "satisfaction": ("satisfaction", "How satisfied managers and candidates are."),
        "diversity": ("diversity", "How diverse the slates and hires are."),
        "efficiency": ("efficiency", "How much effort each hire takes."),
        "other": ("other", "Something else."),
    },
    v.Direction: {
        "higher": ("higher is better", "The metric improves as it rises."),
        "lower": ("lower is better", "The metric improves as it falls."),
    },
    v.Cadence: {
        "weekly": ("weekly", "Measured every week."),
        "monthly": ("monthly", "Measured every month."),
        "quarterly": ("quarterly", "Measured every quarter."),
        "annually": ("annually", "Measured every year."),
    },
    v.IssueSeverity: {
        "low": ("low", "A small slip with little effect."),
        "medium": ("medium", "A slip that affected hiring or a hiring manager."),
        "high": ("high", "A serious miss: an SLA breach, a lost candidate, a wrong offer."),
        "critical": ("critical", "A miss that puts the partnership or the law at risk."),
    },
    v.ImprovementKind: {
        "retrospective": ("retrospective", "A meeting to look back together and learn."),
        "initiative": ("improvement initiative", "A piece of work to improve the process."),
    },
    v.EscalationLevel: {
        "operational": ("operational", "Raised between the day-to-day contacts' managers."),
        "management": ("management", "Raised to senior management."),
        "executive": ("executive", "Raised to the executives or the sponsors."),
    },
    v.SurveyTopic: {
        "shared_goals": ("shared goals", '"We share the same goals."'),
        "communication": ("communication", "How well the sides communicate."),
        "trust": ("trust", "How much each side trusts the other."),
        "satisfaction": ("satisfaction", "Overall satisfaction with the partnership."),
        "recognition": ("recognition", "Whether good work is recognised."),
        "other": ("other", "Another question."),
    },
    v.AgreedActionStatus: {
        "open": ("open", "Agreed and not yet done."),
        "done": ("done", "Done; the next assessment says whether the finding is resolved."),
        "dropped": ("dropped", "No longer pursued."),
    },
    v.PulseTechnique: {
        "purpose": ("shared purpose", "Why the partnership exists and what success looks like."),
        "communication": ("communication", "How openly and often the two sides talk."),
        "metrics": ("selective metrics", "Whether the few KPIs tracked tell the real story."),
        "recognition": ("recognition", "Whether good work and wins are noticed."),
        "improvement": ("continual improvement", "Whether slip-ups lead to lasting fixes."),
        "urgency": ("patient urgency", "Whether expectations of pace are realistic and met."),
    },
    v.RespondentRole: {
        "sponsor": ("sponsor", "An executive sponsor of the partnership, on either side."),
        "hiring_manager": (
            "hiring manager",
            "A manager at the client who hires through the provider.",
        ),
        "recruiter": ("recruiter", "A recruiter or sourcer working on the client's roles."),
        "account_lead": ("account lead", "The person who runs the partnership day to day."),
        "other": ("other", "Anyone else who works on the partnership."),
    },
    v.Phase: {
        "implementation": ("implementation", "From the start to go-live."),
        "ramp_up": ("ramp-up", "From go-live until hiring reaches its steady pace."),
        "steady_state": ("steady state", "The partnership at its steady pace."),
    },
}


def label(value: StrEnum | str, enum: type[StrEnum] | None = None) -> str:
    """A value as a person says it: ``weekly_checkin`` is "weekly check-in"."""
    kind = enum or type(value)
    entry = VALUES.get(kind, {}).get(str(value))  # type: ignore[arg-type]
    return entry[0] if entry else str(value).replace("_", " ")


def meaning(value: StrEnum) -> str:
    """What a value means, in a sentence."""
    return VALUES[type(value)][value.value][1]
