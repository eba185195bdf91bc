"""Built-in rule set 6: practise patient urgency (prefix URG).

Patient with ramp-up, urgent about execution. The rule files sit beside this
module in ``rules/urgency/``; here are the checks no generic check covers,
each tested in ``tests/rules/urgency/test_<rule id>.py``. The overdue-item
check URG005 uses is shared with the improvement rule set
(:mod:`..follow_through`).

Patience is judged over the first days of the partnership, whatever its phase
today; urgency is judged on deadlines kept and requisitions moved; results
(speed KPIs, time to fill against the pre-RPO baseline) are judged only once
ramp-up is over, which the rule files say with ``phases``, and only on KPIs
still in force. Every check reads the state as known on the assessment date,
so none filters by date itself. A log the state does not hold is *not
applicable*; one that holds too little to judge yet is *nothing to judge*,
never a pass. Where the data says which party must act (who escalated, who
owns the late items, whose diary held up an intake), the outcome names it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Literal

from pydantic import Field

from foundation_engine.checks import CheckContext, Options, Outcome, check
from foundation_engine.checks.dates import business_days_between, days_after
from foundation_engine.checks.kpi_series import Reading, history, in_force, meets_target
from foundation_engine.state.model import Metric, PartnershipState, Requisition, metric_family
from foundation_engine.state.vocabulary import (
    Direction,
    EscalationLevel,
    KpiFamily,
    KpiKind,
    Owner,
)

from ..follow_through import acting_party, overdue_follow_ups

TECHNIQUE = "urgency"


# --------------------------------------------------------------------------
# impatience in the first days
# --------------------------------------------------------------------------


class ImpatienceOptions(Options):
    signal: Literal["termination_threat", "executive_escalation"] = Field(
        description="What counts as impatience: a termination threat, or any executive escalation."
    )
    window_days: int = Field(ge=1, le=730, description="The early days judged, from the start.")
    max_count: int = Field(ge=0)


@check("urgency_impatience", options=ImpatienceOptions)
def urgency_impatience(
    state: PartnershipState, options: ImpatienceOptions, context: CheckContext
) -> Outcome:
    """Termination threats or executive escalations within ``window_days`` of the start.

    Judged in every phase, always over the first ``window_days`` only, so a new
    partnership is judged on what has happened so far. The party that must
    act is the one that raised them.
    """
    if state.escalations is None:
        return Outcome.not_applicable("the state does not record escalations")
    start = context.start_date
    end = start + dt.timedelta(days=options.window_days)
    judged_days = min(options.window_days, max(context.days_since_start, 0))
    hits: list[str] = []
    days: list[int] = []
    raised_by: list[Owner] = []
    for index, escalation in enumerate(state.escalations):
        if not start <= escalation.date < end:
            continue
        if options.signal == "termination_threat":
            counts = escalation.termination_threatened
        else:
            counts = escalation.level is EscalationLevel.EXECUTIVE
        if counts:
            hits.append(f"/escalations/{index}")
            days.append((escalation.date - start).days)
            raised_by.append(Owner(escalation.raised_by.value))
    # The window is fixed from the start and its escalations are records: with nothing
    # new recorded, a later day counts the same ones.
    if not hits and not judged_days:
        return Outcome.nothing_to_judge(
            "the partnership starts on the assessment date", fails_from=Outcome.NEVER
        )
    return Outcome.judge(
        len(hits) <= options.max_count,
        len(hits),
        hits,
        fails_from=Outcome.NEVER,
        owner=acting_party(raised_by),
        days=sorted(days) or "none",
        judged_days=judged_days,
    )


# --------------------------------------------------------------------------
# speed KPIs that stopped improving after ramp-up
# --------------------------------------------------------------------------


class StagnationOptions(Options):
    periods: int = Field(ge=1, le=24, description="Latest changes that must all be flat or worse.")
    min_improvement_pct: float = Field(
        ge=0, le=100, description="A change smaller than this share of the earlier value is flat."
    )


@check("urgency_stagnation", options=StagnationOptions)
def urgency_stagnation(
    state: PartnershipState, options: StagnationOptions, context: CheckContext
) -> Outcome:
    """Speed KPIs in force whose latest ``periods`` readings since ramp-up ended did not improve.

    The reading just before steady state began is the first point of comparison.
    A KPI already meeting its target is not expected to keep improving. Speed
    KPIs are better lower unless their ``direction`` says otherwise. Retired
    KPIs are not read. The party that must act is the owner of every stalled KPI.
    """
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    since = context.phase_started
    speed = 0
    checked = 0
    stalled: list[Metric] = []
    evidence: list[str] = []
    for index, metric in enumerate(state.metrics):
        if metric_family(metric) is not KpiFamily.SPEED or not in_force(metric, context.as_of):
            continue
        speed += 1
        series = history(context, metric)
        before = [r for r in series if r.period_end < since]
        chain = before[-1:] + [r for r in series if r.period_end >= since]
        if len(chain) < options.periods + 1:
            continue
        checked += 1
        direction = metric.direction or Direction.LOWER
        if metric.target is not None and meets_target(chain[-1].value, metric.target, direction):
            continue
        window = chain[-options.periods - 1 :]
        if not _improved(window, direction, options.min_improvement_pct):
            stalled.append(metric)
            evidence.append(f"/metrics/{index}")
            evidence.extend(r.pointer(index) for r in window)
    if not speed:
        return Outcome.not_applicable("no speed KPI (time to fill, time to start...) is in force")
    if not checked:
        return Outcome.nothing_to_judge(
            f"no speed KPI has {options.periods + 1} readings from the end of ramp-up on yet"
        )
    with_target = sum(1 for m in stalled if m.target is not None)
    return Outcome.judge(
        not stalled,
        len(stalled),
        evidence,
        owner=acting_party(m.owner for m in stalled),
        metrics=[m.name for m in stalled] or "none",
        checked=checked,
        steady_since=since,
        targets=f"{with_target} short of target, {len(stalled) - with_target} with no target set",
    )


def _improved(window: list[Reading], direction: Direction, min_pct: float) -> bool:
    return any(
        _improvement_pct(a.value, b.value, direction) >= min_pct
        for a, b in itertools.pairwise(window)
    )


def _improvement_pct(earlier: float, later: float, direction: Direction) -> float:
    """How much better `later` is than `earlier`, in percent of `earlier` (negative: worse)."""
    gain = later - earlier if direction is Direction.HIGHER else earlier - later
    if earlier == 0:
        return 100.0 if gain > 0 else (0.0 if gain == 0 else -100.0)
    return gain / abs(earlier) * 100


# --------------------------------------------------------------------------
# action items done on time
# --------------------------------------------------------------------------


class ActionItemsOnTimeOptions(Options):
    min_share: float = Field(ge=0, le=1)
    min_items: int = Field(ge=1, description="Nothing to judge with fewer items judged.")
    within_days: int = Field(ge=1, le=3660, description="Judge items due in this many recent days.")


@check("urgency_action_items_on_time", options=ActionItemsOnTimeOptions)
def urgency_action_items_on_time(
    state: PartnershipState, options: ActionItemsOnTimeOptions, context: CheckContext
) -> Outcome:
    """The share of recent action items completed by their due date.

    Judged: items due in the last ``within_days`` days, and items already
    completed ahead of a later due date. The party that must act is the one
    owning every late item.
    """
    if state.action_items is None:
        return Outcome.not_applicable("the state does not record action items")
    earliest = context.as_of - dt.timedelta(days=options.within_days)
    judged: list[str] = []
    late: list[tuple[str, str, bool, Owner]] = []
    for index, item in enumerate(state.action_items):
        if item.due <= earliest:
            continue
        if item.completed is None and item.due >= context.as_of:
            continue  # open, not yet due
        pointer = f"/action_items/{index}"
        judged.append(pointer)
        if item.completed is None or item.completed > item.due:
            late.append((pointer, item.id, item.completed is None, item.owner))
    if len(judged) < options.min_items:
        return Outcome.nothing_to_judge(
            f"{len(judged)} action items due in the last {options.within_days} days; "
            f"at least {options.min_items} needed"
        )
    value = round((len(judged) - len(late)) / len(judged), 3)
    ok = value >= options.min_share
    return Outcome.judge(
        ok,
        value,
        judged if ok else [pointer for pointer, _, _, _ in late],
        owner=acting_party(owner for _, _, _, owner in late),
        percent=round(value * 100),
        total=len(judged),
        on_time=len(judged) - len(late),
        late=len(late),
        open_ids=[item_id for _, item_id, still_open, _ in late if still_open] or "none",
        finished_late_ids=[item_id for _, item_id, still_open, _ in late if not still_open]
        or "none",
    )


# --------------------------------------------------------------------------
# requisitions assigned and taken in quickly
# --------------------------------------------------------------------------


class RequisitionResponseOptions(Options):
    milestone: Literal["assigned", "intake"] = Field(
        description="The requisition date that must follow its opening quickly."
    )
    max_days: int = Field(ge=0, le=365)
    business_days: bool = Field(description="Count Monday-to-Friday days instead of calendar days.")
    min_share: float = Field(ge=0, le=1)
    min_items: int = Field(ge=1, description="Nothing to judge with fewer requisitions judged.")
    within_days: int = Field(
        ge=1, le=3660, description="Judge requisitions opened in this many recent days."
    )
    prompt_assignment_days: int | None = Field(
        None,
        ge=0,
        le=365,
        description="For intake: business days within which a recruiter assigned counts as "
        "prompt, so a late intake after it waited on the client.",
    )


@check("urgency_requisition_response", options=RequisitionResponseOptions)
def urgency_requisition_response(
    state: PartnershipState, options: RequisitionResponseOptions, context: CheckContext
) -> Outcome:
    """The share of recent requisitions assigned (or taken in) within ``max_days``.

    Time runs from the later of the opening date and the partnership's start,
    so a backlog handed over on day one is not counted late. A requisition
    cancelled before reaching the milestone is not judged; one still within its
    allowance is not judged yet. With ``prompt_assignment_days``, late intakes
    whose recruiter was assigned promptly name the client as the party to act.
    """
    if state.requisitions is None:
        return Outcome.not_applicable("the state does not record requisitions")
    field = options.milestone
    if not any(getattr(r, field) is not None for r in state.requisitions):
        return Outcome.not_applicable(f"no requisition records its {field} date")
    earliest = context.as_of - dt.timedelta(days=options.within_days)
    judged: list[str] = []
    late: list[tuple[str, Requisition, dt.date]] = []
    for index, requisition in enumerate(state.requisitions):
        if requisition.opened <= earliest:
            continue
        reached: dt.date | None = getattr(requisition, field)
        clock_from = max(requisition.opened, context.start_date)
        if reached is None:
            if requisition.cancelled is not None:
                continue
            if _elapsed(clock_from, context.as_of, options.business_days) <= options.max_days:
                continue  # still within its allowance
        judged.append(f"/requisitions/{index}")
        took = None if reached is None else _elapsed(clock_from, reached, options.business_days)
        if took is None or took > options.max_days:
            late.append((f"/requisitions/{index}", requisition, clock_from))
    if len(judged) < options.min_items:
        return Outcome.nothing_to_judge(
            f"{len(judged)} requisitions opened in the last {options.within_days} days can be "
            f"judged; at least {options.min_items} needed"
        )
    value = round((len(judged) - len(late)) / len(judged), 3)
    ok = value >= options.min_share
    return Outcome.judge(
        ok,
        value,
        judged if ok else [pointer for pointer, _, _ in late],
        owner=_waited_on(late, options.prompt_assignment_days),
        percent=round(value * 100),
        total=len(judged),
        late=len(late),
        late_ids=[r.id for _, r, _ in late] or "none",
    )


def _waited_on(
    late: list[tuple[str, Requisition, dt.date]], prompt_days: int | None
) -> Owner | None:
    """The client when every late requisition had its recruiter assigned promptly; else None."""
    if prompt_days is None or not late:
        return None
    prompt = all(
        r.assigned is not None and business_days_between(clock_from, r.assigned) <= prompt_days
        for _, r, clock_from in late
    )
    return Owner.CLIENT if prompt else None


def _elapsed(start: dt.date, end: dt.date, business_days: bool) -> int:
    return business_days_between(start, end) if business_days else max((end - start).days, 0)


# --------------------------------------------------------------------------
# requisitions open too long
# --------------------------------------------------------------------------


class AgedRequisitionsOptions(Options):
    max_age_days: int = Field(ge=1, le=3660, description="A requisition open longer is aged.")
    max_share: float = Field(ge=0, le=1)
    min_open: int = Field(ge=1, description="Nothing to judge with fewer open requisitions.")


@check("urgency_aged_requisitions", options=AgedRequisitionsOptions)
def urgency_aged_requisitions(
    state: PartnershipState, options: AgedRequisitionsOptions, context: CheckContext
) -> Outcome:
    """The share of requisitions open on as_of that have been open longer than ``max_age_days``."""
    if state.requisitions is None:
        return Outcome.not_applicable("the state does not record requisitions")
    open_now: list[tuple[int, Requisition]] = [
        (index, r)
        for index, r in enumerate(state.requisitions)
        if r.filled is None and r.cancelled is None
    ]
    if len(open_now) < options.min_open:
        return Outcome.nothing_to_judge(
            f"{len(open_now)} requisitions are open on {context.as_of}; "
            f"at least {options.min_open} needed",
            fails_from=Outcome.NEVER,  # with nothing new recorded, none opens or closes
        )
    aged = [
        (index, r)
        for index, r in open_now
        if (context.as_of - r.opened).days > options.max_age_days
    ]
    value = round(len(aged) / len(open_now), 3)
    ok = value <= options.max_share
    return Outcome.judge(
        ok,
        value,
        [f"/requisitions/{index}" for index, _ in (open_now if ok else aged)],
        fails_from=_too_many_aged_from(open_now, options) if ok else None,
        percent=round(value * 100),
        aged=len(aged),
        open=len(open_now),
        aged_ids=[r.id for _, r in aged] or "none",
        oldest_days=max((context.as_of - r.opened).days for _, r in open_now),
    )


def _too_many_aged_from(
    open_now: list[tuple[int, Requisition]], options: AgedRequisitionsOptions
) -> dt.date:
    """The day the share of aged requisitions first passes ``max_share``, if none is filled.

    With nothing new recorded the open requisitions stay open, and each is aged
    from the day after it turns ``max_age_days`` old, oldest first.
    """
    opened = sorted(r.opened for _, r in open_now)
    for count, day in enumerate(opened, start=1):
        if round(count / len(opened), 3) > options.max_share:
            return days_after(day, options.max_age_days + 1)
    return Outcome.NEVER


# --------------------------------------------------------------------------
# steady-state time to fill against the pre-RPO baseline
# --------------------------------------------------------------------------


class BaselineReductionOptions(Options):
    min_reduction_pct: float = Field(ge=0, le=100)


@check("urgency_time_to_fill_vs_baseline", options=BaselineReductionOptions)
def urgency_time_to_fill_vs_baseline(
    state: PartnershipState, options: BaselineReductionOptions, context: CheckContext
) -> Outcome:
    """How far below its pre-RPO baseline the latest steady-state time to fill lies, in percent.

    Reads every ``time_to_fill`` KPI in force (not retired) with a positive
    baseline; the value is the smallest reduction among them (the one furthest
    from the expectation). Before a steady-state reading exists there is
    nothing to judge.
    """
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    candidates: list[tuple[float, int, Reading, Metric]] = []
    with_baseline = 0
    for index, metric in enumerate(state.metrics):
        if metric.kind is not KpiKind.TIME_TO_FILL or not in_force(metric, context.as_of):
            continue
        if not metric.baseline or metric.baseline <= 0:
            continue
        with_baseline += 1
        steady = [r for r in history(context, metric) if r.period_end >= context.phase_started]
        if not steady:
            continue
        latest = steady[-1]
        reduction = round((metric.baseline - latest.value) / metric.baseline * 100, 1)
        candidates.append((reduction, index, latest, metric))
    if not with_baseline:
        return Outcome.not_applicable("no time_to_fill KPI in force records its pre-RPO baseline")
    if not candidates:
        return Outcome.nothing_to_judge(
            f"no time-to-fill reading since steady state began on {context.phase_started} yet"
        )
    reduction, index, latest, metric = min(candidates, key=lambda c: (c[0], c[1]))
    return Outcome.judge(
        reduction >= options.min_reduction_pct,
        reduction,
        [f"/metrics/{index}", latest.pointer(index)],
        metric=metric.name,
        baseline=metric.baseline,
        latest=latest.value,
        difference=f"{abs(reduction):g}% {'below' if reduction >= 0 else 'above'}",
    )


URGENCY_CHECKS: tuple[Callable[..., Outcome], ...] = (
    urgency_impatience,
    urgency_stagnation,
    urgency_action_items_on_time,
    urgency_requisition_response,
    urgency_aged_requisitions,
    urgency_time_to_fill_vs_baseline,
)
"""The checks only this rule set uses (:data:`SHARED_CHECKS` are registered under a name)."""

SHARED_CHECKS: tuple[tuple[Callable[..., Outcome], str], ...] = (
    (overdue_follow_ups, "urgency_overdue_follow_ups"),
)
"""Checks shared with another rule set, with the name this rule set registers each under."""
