"""Built-in rule set 1: establish a shared purpose (prefix PUR).

Both sides agree, in writing and up front, on why the partnership exists and
how success is measured. The rule files sit
beside this module in ``rules/purpose/``; here are the checks no generic check
covers, each tested in ``tests/rules/purpose/test_<rule id>.py``.

Checks receive the state as known on the assessment's ``as_of``: records
dated later are already left out and later facts cleared (a KPI retired after
``as_of`` is still in force), so assessing an earlier date reproduces what was
known then without any filtering here.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence

from pydantic import Field, model_validator

from foundation_engine.checks import CheckContext, Options, Outcome, check
from foundation_engine.checks.dates import days_after
from foundation_engine.checks.kpi_series import in_force, on_scorecard
from foundation_engine.state.model import Goal, Metric, PartnershipState, Purpose, Sponsor
from foundation_engine.state.vocabulary import Owner, Party, SponsorRole, SurveyTopic

TECHNIQUE = "purpose"


def _parties_text(parties: Sequence[Party]) -> str:
    """``the client``, ``the client and the provider``."""
    return " and ".join(f"the {p.value}" for p in parties)


def _owner(parties: Sequence[Party]) -> Owner:
    """The party that must act: the one named, or both when both (or neither) are."""
    return Owner(parties[0].value) if len(parties) == 1 else Owner.BOTH


def _listing(words: Sequence[str], limit: int = 8) -> str:
    """``a, b and c``; past `limit` items, ``a, b ... and 3 more``."""
    shown = list(words[:limit])
    more = len(words) - len(shown)
    if more:
        return f"{', '.join(shown)} and {more} more"
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def _last_looked_at(purpose: Purpose) -> tuple[dt.date, str] | None:
    """The latest day the purpose was written, reviewed or signed off, and its pointer.

    On a tie the explicit review date is the clearest evidence, then the
    writing, then the sign-off recorded first.
    """
    candidates: list[tuple[dt.date, int, str]] = []
    if purpose.last_reviewed is not None:
        candidates.append((purpose.last_reviewed, 0, "/purpose/last_reviewed"))
    if purpose.documented is not None:
        candidates.append((purpose.documented, -1, "/purpose/documented"))
    for index, sign_off in enumerate(purpose.sign_offs or []):
        candidates.append((sign_off.date, -2 - index, f"/purpose/sign_offs/{index}"))
    if not candidates:
        return None
    day, _, pointer = max(candidates)
    return day, pointer


# --------------------------------------------------------------------------
# a written purpose
# --------------------------------------------------------------------------


class StatementOptions(Options):
    deadline_days: int = Field(
        30, ge=0, description="Days after the start by which the purpose should be written."
    )


@check("purpose_statement_written", options=StatementOptions)
def purpose_statement_written(
    state: PartnershipState, options: StatementOptions, context: CheckContext
) -> Outcome:
    """The partnership has a written purpose statement, at the latest by ``deadline_days``.

    The value is the partnership's age in days. Before the deadline a missing
    statement is nothing to judge yet: there is still time to write it.
    """
    purpose = state.purpose
    if purpose is None:
        return Outcome.not_applicable("the state does not record the partnership's purpose")
    # With nothing new recorded, a written statement stays written, and a missing one
    # is overdue the day after the deadline.
    if purpose.statement is not None and purpose.statement.strip():
        return Outcome.passed(
            context.days_since_start, ["/purpose/statement"], fails_from=Outcome.NEVER
        )
    if context.days_since_start <= options.deadline_days:
        return Outcome.nothing_to_judge(
            f"the partnership is {context.days_since_start} days old and may still write its "
            f"purpose by day {options.deadline_days}",
            fails_from=days_after(context.start_date, options.deadline_days + 1),
        )
    return Outcome.failed(context.days_since_start, ["/purpose"])


# --------------------------------------------------------------------------
# signed off by both parties
# --------------------------------------------------------------------------


class SignOffOptions(Options):
    deadline_days: int = Field(30, ge=0, description="Days after the start to have both sign-offs.")


@check("purpose_signed_by_both", options=SignOffOptions)
def purpose_signed_by_both(
    state: PartnershipState, options: SignOffOptions, context: CheckContext
) -> Outcome:
    """Both the client and the provider have signed off the written purpose.

    Passes once both have signed (the value is the partnership day on which the
    second signature came). Before ``deadline_days`` an incomplete sign-off is
    nothing to judge yet: there is still time. After it, the value is the
    number of days the partnership has run without a jointly agreed purpose,
    and the side still to sign is the one to act (both, when neither has).
    """
    purpose = state.purpose
    if purpose is None:
        return Outcome.not_applicable("the state does not record the partnership's purpose")
    if purpose.sign_offs is None:
        return Outcome.not_applicable("the state does not record who signed off the purpose")
    first: dict[Party, tuple[str, dt.date]] = {}
    for index, sign_off in enumerate(purpose.sign_offs):
        known = first.get(sign_off.party)
        if known is None or sign_off.date < known[1]:
            first[sign_off.party] = (f"/purpose/sign_offs/{index}", sign_off.date)
    evidence = [pointer for pointer, _ in sorted(first.values(), key=lambda pair: pair[0])]
    missing = [party for party in Party if party not in first]
    if not missing:
        agreed = max(day for _, day in first.values())
        day_number = (agreed - context.start_date).days
        return Outcome.passed(
            day_number,
            evidence,
            fails_from=Outcome.NEVER,  # a signature, once recorded, stays
            agreed_on=agreed,
            signed_by="both parties",
            missing="nobody",
        )
    if context.days_since_start <= options.deadline_days:
        return Outcome.nothing_to_judge(
            f"the partnership is {context.days_since_start} days old and "
            f"{_parties_text(missing)} may still sign by day {options.deadline_days}",
            fails_from=days_after(context.start_date, options.deadline_days + 1),
        )
    signed = [party for party in Party if party in first]
    return Outcome.failed(
        context.days_since_start,
        evidence or ["/purpose/sign_offs"],
        owner=_owner(missing),
        missing=_parties_text(missing),
        signed_by=_parties_text(signed) if signed else "nobody",
        agreed_on="never",
    )


# --------------------------------------------------------------------------
# sponsor seats
# --------------------------------------------------------------------------


class SponsorOptions(Options):
    max_vacant_days: int = Field(30, ge=0, description="Longest a sponsor seat may stand empty.")
    roles: tuple[SponsorRole, ...] = Field(
        (SponsorRole.EXECUTIVE_SPONSOR, SponsorRole.POINT_PERSON),
        min_length=1,
        description="Roles that fill the seat.",
    )


def _seat_vacancy(
    sponsors: Sequence[Sponsor], roles: Sequence[SponsorRole], context: CheckContext
) -> tuple[int, list[int]]:
    """Days the seat has stood empty at ``as_of`` (0 when filled), and the people behind it.

    The people are the current holders when the seat is filled, otherwise the
    last holders. A sponsor without a start date is taken to have held the seat
    from the partnership's start. Sponsors who start after ``as_of`` are not
    known yet, and an end date after it is not known either.
    """
    held: list[tuple[int, dt.date | None]] = [
        (index, sponsor.end) for index, sponsor in enumerate(sponsors) if sponsor.role in roles
    ]
    current = [index for index, end in held if end is None or end >= context.as_of]
    if current:
        return 0, current
    if not held:
        return max(context.days_since_start, 0), []
    last_end = max(end for _, end in held if end is not None)
    return (context.as_of - last_end).days, [index for index, end in held if end == last_end]


def _seat_overdue_from(
    sponsors: Sequence[Sponsor], roles: Sequence[SponsorRole], context: CheckContext, limit: int
) -> dt.date:
    """The first day the seat has stood empty longer than `limit` days, with nothing new
    recorded: never while a holder has no end date, else `limit` days after the last one
    ends (or after the start, for a seat nobody held)."""
    ends = [sponsor.end for sponsor in sponsors if sponsor.role in roles]
    if any(end is None for end in ends):
        return Outcome.NEVER
    last_end = max((end for end in ends if end is not None), default=context.start_date)
    return days_after(last_end, limit + 1)


@check("purpose_sponsor_vacancy", options=SponsorOptions)
def purpose_sponsor_vacancy(
    state: PartnershipState, options: SponsorOptions, context: CheckContext
) -> Outcome:
    """Each side has a named sponsor or point person; no seat empty longer than allowed.

    The value is the longest current vacancy in days across both sides (0 when
    both seats are filled); the side whose seat is empty too long is the one to
    act. A seat empty for less than the allowance is nothing to judge yet (a
    successor may still be named in time), and a side whose sponsors are not
    recorded is not judged: neither ever passes as "both seats filled".
    """
    vacancies: list[tuple[Party, int, list[str]]] = []
    unrecorded: list[Party] = []
    for party in Party:
        side = getattr(state.partnership, party.value)
        base = f"/partnership/{party.value}/sponsors"
        if side.sponsors is None:
            unrecorded.append(party)
            continue
        days, people = _seat_vacancy(side.sponsors, options.roles, context)
        pointers = [f"{base}/{index}" for index in people] or [base]
        vacancies.append((party, days, pointers))
    if not vacancies:
        return Outcome.not_applicable("the state names no sponsors for either side")
    worst = max(days for _, days, _ in vacancies)
    too_long = [entry for entry in vacancies if entry[1] > options.max_vacant_days]
    if too_long:
        summary = "; ".join(
            f"the {party.value} seat has been empty for {days} days" for party, days, _ in too_long
        )
        sides = [party for party, _, _ in too_long]
        return Outcome.failed(
            worst,
            [pointer for _, _, pointers in too_long for pointer in pointers],
            owner=_owner(sides),
            vacant=summary,
            vacant_sides=_parties_text(sides),
        )
    if unrecorded:
        return Outcome.not_applicable(
            f"the {unrecorded[0].value}'s sponsors are not recorded, so its seat cannot be judged"
        )
    overdue_from = min(
        _seat_overdue_from(
            getattr(state.partnership, party.value).sponsors or [],
            options.roles,
            context,
            options.max_vacant_days,
        )
        for party in Party
    )
    empty = [(party, days) for party, days, _ in vacancies if days > 0]
    if empty:
        return Outcome.nothing_to_judge(
            "; ".join(
                f"the {party.value} seat has been empty for {days} days, and a successor may "
                f"still be named by day {options.max_vacant_days} of the vacancy"
                for party, days in empty
            ),
            fails_from=overdue_from,
        )
    holders = []
    for party in Party:
        sponsors = getattr(state.partnership, party.value).sponsors or []
        names = [
            s.name
            for s in sponsors
            if s.role in options.roles and (s.end is None or s.end >= context.as_of)
        ]
        holders.append(f"{_listing(names)} for the {party.value}")
    return Outcome.passed(
        worst,
        [pointer for _, _, pointers in vacancies for pointer in pointers],
        fails_from=overdue_from,
        holders="; ".join(holders),
        vacant="no seat is empty",
        vacant_sides="neither side",
    )


# --------------------------------------------------------------------------
# concrete goals
# --------------------------------------------------------------------------


class GoalOptions(Options):
    min_share: float = Field(1.0, ge=0, le=1, description="Share of goals that must be concrete.")
    review_grace_days: int = Field(
        90,
        ge=0,
        description="Days after a goal's target date by which the purpose should be reviewed.",
    )


def _goal_gaps(
    goal: Goal,
    metrics: dict[str, Metric] | None,
    reviewed: dt.date | None,
    options: GoalOptions,
    context: CheckContext,
) -> list[str]:
    """What keeps `goal` from being concrete on ``as_of``, in words (empty when nothing).

    Each item reads after the goal's id: ``G2 lacks a category``.
    """
    gaps: list[str] = []
    lacking = [
        label
        for label, missing in (
            ("a category", goal.category is None),
            ("a target date", goal.target_date is None),
            ("a linked metric", not goal.metric_ids),
        )
        if missing
    ]
    if lacking:
        gaps.append(f"lacks {_listing(lacking)}")
    if goal.metric_ids and metrics is not None:
        linked = [metrics.get(metric_id) for metric_id in goal.metric_ids]
        if not any(m is not None and in_force(m, context.as_of) for m in linked):
            retired = [
                f"{m.name}, retired {m.retired.isoformat()}"
                for m in linked
                if m is not None and m.retired is not None
            ]
            if retired:
                gaps.append(f"is measured only by retired metrics ({'; '.join(retired)})")
            else:
                gaps.append("is measured only by metrics not tracked yet")
    target = goal.target_date
    overdue = target is not None and (context.as_of - target).days > options.review_grace_days
    if target is not None and overdue and (reviewed is None or reviewed < target):
        since = (
            "no review of the purpose is on record"
            if reviewed is None
            else f"the purpose was last written, reviewed or signed on {reviewed.isoformat()}"
        )
        gaps.append(f"passed its target date of {target.isoformat()} and {since}")
    return gaps


@check("purpose_goals_concrete", options=GoalOptions)
def purpose_goals_concrete(
    state: PartnershipState, options: GoalOptions, context: CheckContext
) -> Outcome:
    """Goals are concrete: a category, a live target date and a metric in force.

    A goal is concrete when it has a category and a target date, links at
    least one metric still tracked on ``as_of`` (a goal whose only metrics were
    retired no longer has a measure), and its target date has not passed by
    more than ``review_grace_days`` without a review of the purpose on or after
    it (a goal past its date that nobody has looked at again no longer steers
    anything). The value is the share of goals (0 to 1) that are concrete. No
    goals at all, when goals are recorded, scores 0.
    """
    purpose = state.purpose
    if purpose is None or purpose.goals is None:
        return Outcome.not_applicable("the state does not record the partnership's goals")
    if not purpose.goals:
        return Outcome.failed(
            0.0,
            ["/purpose/goals"],
            concrete=0,
            total=0,
            percent=0,
            gaps="no goals are written down",
        )
    metrics = None if state.metrics is None else {m.id: m for m in state.metrics}
    looked_at = _last_looked_at(purpose)
    reviewed = looked_at[0] if looked_at else None
    concrete: list[str] = []
    vague: list[str] = []
    gaps: list[str] = []
    for index, goal in enumerate(purpose.goals):
        pointer = f"/purpose/goals/{index}"
        lacking = _goal_gaps(goal, metrics, reviewed, options, context)
        if lacking:
            vague.append(pointer)
            gaps.append(f"{goal.id} {' and '.join(lacking)}")
        else:
            concrete.append(pointer)
    total = len(purpose.goals)
    value = round(len(concrete) / total, 3)
    return Outcome.judge(
        value >= options.min_share,
        value,
        vague if value < options.min_share else concrete,
        concrete=len(concrete),
        total=total,
        percent=round(value * 100),
        gaps="; ".join(gaps) if gaps else "every goal is complete",
    )


# --------------------------------------------------------------------------
# metrics trace to goals
# --------------------------------------------------------------------------


class TraceOptions(Options):
    min_share: float = Field(0.9, ge=0, le=1, description="Share of metrics linked to a goal.")
    primary_only: bool = Field(True, description="Judge only scorecard (primary) metrics.")


@check("purpose_metrics_trace_to_goals", options=TraceOptions)
def purpose_metrics_trace_to_goals(
    state: PartnershipState, options: TraceOptions, context: CheckContext
) -> Outcome:
    """Tracked metrics trace to a stated goal.

    A metric is tracked when it is in force on ``as_of`` (adopted by then, or
    without an adoption date, and not retired); with ``primary_only`` only the
    scorecard's primary KPIs count. The value is the share (0 to 1) of tracked
    metrics that some goal names in its ``metric_ids``; a failure points at the
    metrics no goal names.
    """
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    if state.purpose is None or state.purpose.goals is None:
        return Outcome.not_applicable("the state does not record the partnership's goals")
    linked = {metric_id for goal in state.purpose.goals for metric_id in goal.metric_ids}
    tracking = on_scorecard if options.primary_only else in_force
    tracked = [
        (index, metric)
        for index, metric in enumerate(state.metrics)
        if tracking(metric, context.as_of)
    ]
    if not tracked:
        return Outcome.nothing_to_judge("no metric is being tracked at the assessment date")
    traced = [f"/metrics/{index}" for index, metric in tracked if metric.id in linked]
    untraced = [
        (f"/metrics/{index}", metric.name) for index, metric in tracked if metric.id not in linked
    ]
    value = round(len(traced) / len(tracked), 3)
    ok = value >= options.min_share
    return Outcome.judge(
        ok,
        value,
        traced if ok else [pointer for pointer, _ in untraced],
        traced=len(traced),
        total=len(tracked),
        percent=round(value * 100),
        untraced=_listing([name for _, name in untraced]) or "none",
    )


# --------------------------------------------------------------------------
# purpose reviewed
# --------------------------------------------------------------------------


class ReviewOptions(Options):
    review_every_days: int = Field(365, ge=1, description="Days allowed between reviews.")
    red_after_days: int = Field(548, ge=1, description="Age at which the purpose is red.")

    @model_validator(mode="after")
    def _ordered(self) -> ReviewOptions:
        if self.red_after_days < self.review_every_days:
            raise ValueError("red_after_days must be at least review_every_days")
        return self


@check("purpose_review_age", options=ReviewOptions)
def purpose_review_age(
    state: PartnershipState, options: ReviewOptions, context: CheckContext
) -> Outcome:
    """The purpose was written, reviewed or re-signed recently enough.

    The value is the age in days of the latest of ``last_reviewed``,
    ``documented`` and any sign-off.
    """
    purpose = state.purpose
    if purpose is None:
        return Outcome.not_applicable("the state does not record the partnership's purpose")
    looked_at = _last_looked_at(purpose)
    if looked_at is None:
        return Outcome.not_applicable(
            "the purpose has no date of writing, review or sign-off on or before the assessment"
        )
    latest, pointer = looked_at
    age = (context.as_of - latest).days
    return Outcome.judge(
        age <= options.review_every_days,
        age,
        [pointer],
        fails_from=days_after(latest, options.review_every_days + 1),
        reviewed_on=latest,
    )


# --------------------------------------------------------------------------
# shared-goals pulse surveys
# --------------------------------------------------------------------------


class SurveyGapOptions(Options):
    max_gap: float = Field(1.0, ge=0, le=5, description="Largest gap, in points out of 5.")
    window_days: int = Field(365, ge=1, description="Surveys from this many days count.")
    topic: SurveyTopic = SurveyTopic.SHARED_GOALS


@check("purpose_survey_alignment", options=SurveyGapOptions)
def purpose_survey_alignment(
    state: PartnershipState, options: SurveyGapOptions, context: CheckContext
) -> Outcome:
    """Client and provider rate "we share the same goals" about the same.

    Each score is put on a 5-point scale (``score / scale_max * 5``) and
    averaged per party over the window; the value is the gap between the two
    averages, in points out of 5. On a failure the side that scores higher is
    the one to act: it believes the goals are shared and has to find out what
    the other side sees.
    """
    if state.surveys is None:
        return Outcome.not_applicable("the state does not record surveys")
    earliest = context.as_of - dt.timedelta(days=options.window_days)
    scores: dict[Party, list[float]] = {party: [] for party in Party}
    evidence: list[str] = []
    for index, survey in enumerate(state.surveys):
        if survey.topic is options.topic and earliest < survey.date:
            scores[survey.party].append(survey.score / survey.scale_max * 5)
            evidence.append(f"/surveys/{index}")
    silent = [party for party in Party if not scores[party]]
    if silent:
        return Outcome.not_applicable(
            f"no {options.topic.value.replace('_', ' ')} survey from {_parties_text(silent)} "
            f"in the {options.window_days} days to the assessment"
        )
    client = statistics.fmean(scores[Party.CLIENT])
    provider = statistics.fmean(scores[Party.PROVIDER])
    gap = round(abs(client - provider), 2)
    lower, higher = (
        (Party.CLIENT, Party.PROVIDER) if client < provider else (Party.PROVIDER, Party.CLIENT)
    )
    return Outcome.judge(
        gap <= options.max_gap,
        gap,
        evidence,
        owner=Owner(higher.value),
        client_average=round(client, 2),
        provider_average=round(provider, 2),
        lower_party=f"the {lower.value}" if gap else "neither side",
        higher_party=f"the {higher.value}" if gap else "neither side",
    )


PURPOSE_CHECKS = (
    purpose_statement_written,
    purpose_signed_by_both,
    purpose_sponsor_vacancy,
    purpose_goals_concrete,
    purpose_metrics_trace_to_goals,
    purpose_review_age,
    purpose_survey_alignment,
)
