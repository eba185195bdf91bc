"""Built-in rule set 6: practise patient urgency (prefix URG).

Patient with ramp-up, urgent about execution. The rule files sit beside this
module in ``rules/urgency/``; here are the checks no generic check covers,
each tested in ``tests/rules/urgency/test_<rule id>.py``.

Patience is judged over the first days of the partnership, whatever its phase
today; urgency is judged on deadlines kept and requisitions moved; results
(speed KPIs, time to fill against the pre-RPO baseline) are judged only once
ramp-up is over, which the rule files say with ``phases``. Every check ignores
records dated after ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from foundation_engine.checks import CheckContext, Outcome, check
from foundation_engine.checks.dates import business_days_between
from foundation_engine.state.model import Metric, PartnershipState, Requisition, metric_family
from foundation_engine.state.vocabulary import Direction, EscalationLevel, KpiFamily, KpiKind

TECHNIQUE = "urgency"


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _known(day: dt.date | None, as_of: dt.date) -> dt.date | None:
    """A date as known on as_of: dates after it have not happened yet."""
    return day if day is not None and day <= as_of else None


# --------------------------------------------------------------------------
# impatience in the first days
# --------------------------------------------------------------------------


class ImpatienceOptions(_Options):
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
    partnership is judged on what has happened so far.
    """
    if state.escalations is None:
        return Outcome.not_applicable("the state does not record escalations")
    start = context.start_date
    end = start + dt.timedelta(days=options.window_days)
    hits: list[str] = []
    days: list[int] = []
    for index, escalation in enumerate(state.escalations):
        if not (start <= escalation.date < end and escalation.date <= context.as_of):
            continue
        if options.signal == "termination_threat":
            counts = escalation.termination_threatened
        else:
            counts = escalation.level is EscalationLevel.EXECUTIVE
        if counts:
            hits.append(f"/escalations/{index}")
            days.append((escalation.date - start).days)
    return Outcome.judge(
        len(hits) <= options.max_count,
        len(hits),
        hits,
        days=sorted(days) or "none",
        judged_days=min(options.window_days, max(context.days_since_start, 0)),
    )


# --------------------------------------------------------------------------
# speed KPIs that stopped improving after ramp-up
# --------------------------------------------------------------------------


class StagnationOptions(_Options):
    periods: int = Field(ge=1, le=24, description="Latest changes that must all be flat or worse.")
    min_improvement_pct: float = Field(
        ge=0, le=100, description="A change smaller than this share of the earlier value is flat."
    )


@check("urgency_stagnation", options=StagnationOptions)
def urgency_stagnation(
    state: PartnershipState, options: StagnationOptions, context: CheckContext
) -> Outcome:
    """Speed KPIs whose latest ``periods`` readings since ramp-up ended did not improve.

    The reading just before steady state began is the first point of comparison.
    A KPI already meeting its target is not expected to keep improving. Speed
    KPIs are better lower unless their ``direction`` says otherwise.
    """
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    since = context.phase_started
    checked: list[str] = []
    stalled: list[str] = []
    evidence: list[str] = []
    for index, metric in enumerate(state.metrics):
        if metric_family(metric) is not KpiFamily.SPEED:
            continue
        readings = _readings(metric, context.as_of)
        before = [r for r in readings if r[1] < since]
        chain = before[-1:] + [r for r in readings if r[1] >= since]
        if len(chain) < options.periods + 1:
            continue
        checked.append(metric.name)
        direction = metric.direction or Direction.LOWER
        latest = chain[-1][2]
        if metric.target is not None and _meets(latest, metric.target, direction):
            continue
        window = chain[-options.periods - 1 :]
        improved = any(
            _improvement_pct(a[2], b[2], direction) >= options.min_improvement_pct
            for a, b in itertools.pairwise(window)
        )
        if not improved:
            stalled.append(metric.name)
            evidence.append(f"/metrics/{index}")
            evidence.extend(f"/metrics/{index}/observations/{i}" for i, _, _ in window)
    if not checked:
        return Outcome.not_applicable(
            f"no speed KPI has {options.periods + 1} readings from the end of ramp-up on"
        )
    return Outcome.judge(
        not stalled,
        len(stalled),
        evidence,
        metrics=stalled or "none",
        checked=len(checked),
        steady_since=since,
    )


def _readings(metric: Metric, as_of: dt.date) -> list[tuple[int, dt.date, float]]:
    """(index, period end, value) of a metric's observations up to as_of, oldest first."""
    return sorted(
        (
            (i, o.period_end, o.value)
            for i, o in enumerate(metric.observations)
            if o.period_end <= as_of
        ),
        key=lambda reading: (reading[1], reading[0]),
    )


def _meets(value: float, target: float, direction: Direction) -> bool:
    return value >= target if direction is Direction.HIGHER else value <= target


def _improvement_pct(earlier: float, later: float, direction: Direction) -> float:
    """How much better `later` is than `earlier`, in percent of `earlier` (negative: worse)."""
    gain = later - earlier if direction is Direction.HIGHER else earlier - later
    if earlier == 0:
        return 100.0 if gain > 0 else (0.0 if gain == 0 else -100.0)
    return gain / abs(earlier) * 100


# --------------------------------------------------------------------------
# action items done on time
# --------------------------------------------------------------------------


class ActionItemsOnTimeOptions(_Options):
    min_share: float = Field(ge=0, le=1)
    min_items: int = Field(ge=1, description="Not applicable with fewer items judged.")
    within_days: int = Field(ge=1, le=3660, description="Judge items due in this many recent days.")


@check("urgency_action_items_on_time", options=ActionItemsOnTimeOptions)
def urgency_action_items_on_time(
    state: PartnershipState, options: ActionItemsOnTimeOptions, context: CheckContext
) -> Outcome:
    """The share of recent action items completed by their due date.

    Judged: items due in the last ``within_days`` days, and items already
    completed ahead of a later due date.
    """
    if state.action_items is None:
        return Outcome.not_applicable("the state does not record action items")
    earliest = context.as_of - dt.timedelta(days=options.within_days)
    judged: list[str] = []
    late: list[str] = []
    for index, item in enumerate(state.action_items):
        if item.raised > context.as_of or item.due <= earliest:
            continue
        completed = _known(item.completed, context.as_of)
        if completed is None and item.due >= context.as_of:
            continue  # open, not yet due
        judged.append(f"/action_items/{index}")
        if completed is None or completed > item.due:
            late.append(f"/action_items/{index}")
    if len(judged) < options.min_items:
        return Outcome.not_applicable(
            f"{len(judged)} action items due in the last {options.within_days} days; "
            f"at least {options.min_items} needed"
        )
    value = round((len(judged) - len(late)) / len(judged), 3)
    ok = value >= options.min_share
    return Outcome.judge(
        ok,
        value,
        judged if ok else late,
        percent=round(value * 100),
        total=len(judged),
        on_time=len(judged) - len(late),
        late=len(late),
    )


# --------------------------------------------------------------------------
# action items left open past due
# --------------------------------------------------------------------------


class OverdueItemsOptions(_Options):
    grace_days: int = Field(ge=0, description="Days past due before an open item is flagged.")
    max_items: int = Field(ge=0)


@check("urgency_overdue_action_items", options=OverdueItemsOptions)
def urgency_overdue_action_items(
    state: PartnershipState, options: OverdueItemsOptions, context: CheckContext
) -> Outcome:
    """Action items still open more than ``grace_days`` past their due date."""
    if state.action_items is None:
        return Outcome.not_applicable("the state does not record action items")
    flagged: list[tuple[str, str, int]] = []
    for index, item in enumerate(state.action_items):
        if item.raised > context.as_of or _known(item.completed, context.as_of) is not None:
            continue
        days = (context.as_of - item.due).days
        if days > options.grace_days:
            flagged.append((f"/action_items/{index}", item.id, days))
    return Outcome.judge(
        len(flagged) <= options.max_items,
        len(flagged),
        [pointer for pointer, _, _ in flagged],
        item_ids=[item_id for _, item_id, _ in flagged] or "none",
        worst_days=max((days for _, _, days in flagged), default=0),
    )


# --------------------------------------------------------------------------
# requisitions assigned and taken in quickly
# --------------------------------------------------------------------------


class RequisitionResponseOptions(_Options):
    milestone: Literal["assigned", "intake"] = Field(
        description="The requisition date that must follow its opening quickly."
    )
    max_days: int = Field(ge=0, le=365)
    business_days: bool = Field(description="Count Monday-to-Friday days instead of calendar days.")
    min_share: float = Field(ge=0, le=1)
    min_items: int = Field(ge=1, description="Not applicable with fewer requisitions judged.")
    within_days: int = Field(
        ge=1, le=3660, description="Judge requisitions opened in this many recent days."
    )


@check("urgency_requisition_response", options=RequisitionResponseOptions)
def urgency_requisition_response(
    state: PartnershipState, options: RequisitionResponseOptions, context: CheckContext
) -> Outcome:
    """The share of recent requisitions assigned (or taken in) within ``max_days``.

    Time runs from the later of the opening date and the partnership's start,
    so a backlog handed over on day one is not counted late. A requisition
    cancelled before reaching the milestone is not judged; one still within its
    allowance is not judged yet.
    """
    if state.requisitions is None:
        return Outcome.not_applicable("the state does not record requisitions")
    field = options.milestone
    if not any(getattr(r, field) is not None for r in state.requisitions):
        return Outcome.not_applicable(f"no requisition records its {field} date")
    earliest = context.as_of - dt.timedelta(days=options.within_days)
    judged: list[str] = []
    late: list[str] = []
    late_ids: list[str] = []
    for index, requisition in enumerate(state.requisitions):
        if not earliest < requisition.opened <= context.as_of:
            continue
        reached = _known(getattr(requisition, field), context.as_of)
        clock_from = max(requisition.opened, context.start_date)
        if reached is None:
            if _known(requisition.cancelled, context.as_of) is not None:
                continue
            if _elapsed(clock_from, context.as_of, options.business_days) <= options.max_days:
                continue  # still within its allowance
        judged.append(f"/requisitions/{index}")
        took = None if reached is None else _elapsed(clock_from, reached, options.business_days)
        if took is None or took > options.max_days:
            late.append(f"/requisitions/{index}")
            late_ids.append(requisition.id)
    if len(judged) < options.min_items:
        return Outcome.not_applicable(
            f"{len(judged)} requisitions opened in the last {options.within_days} days can be "
            f"judged; at least {options.min_items} needed"
        )
    value = round((len(judged) - len(late)) / len(judged), 3)
    ok = value >= options.min_share
    return Outcome.judge(
        ok,
        value,
        judged if ok else late,
        percent=round(value * 100),
        total=len(judged),
        late=len(late),
        late_ids=late_ids or "none",
    )


def _elapsed(start: dt.date, end: dt.date, business_days: bool) -> int:
    return business_days_between(start, end) if business_days else max((end - start).days, 0)


# --------------------------------------------------------------------------
# requisitions open too long
# --------------------------------------------------------------------------


class AgedRequisitionsOptions(_Options):
    max_age_days: int = Field(ge=1, le=3660, description="A requisition open longer is aged.")
    max_share: float = Field(ge=0, le=1)
    min_open: int = Field(ge=1, description="Not applicable with fewer open requisitions.")


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
        if r.opened <= context.as_of
        and _known(r.filled, context.as_of) is None
        and _known(r.cancelled, context.as_of) is None
    ]
    if len(open_now) < options.min_open:
        return Outcome.not_applicable(
            f"{len(open_now)} requisitions are open on {context.as_of}; "
            f"at least {options.min_open} needed"
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
        percent=round(value * 100),
        aged=len(aged),
        open=len(open_now),
        aged_ids=[r.id for _, r in aged] or "none",
        oldest_days=max((context.as_of - r.opened).days for _, r in open_now),
    )


# --------------------------------------------------------------------------
# steady-state time to fill against the pre-RPO baseline
# --------------------------------------------------------------------------


class BaselineReductionOptions(_Options):
    min_reduction_pct: float = Field(ge=0, le=100)


@check("urgency_time_to_fill_vs_baseline", options=BaselineReductionOptions)
def urgency_time_to_fill_vs_baseline(
    state: PartnershipState, options: BaselineReductionOptions, context: CheckContext
) -> Outcome:
    """How far below its pre-RPO baseline the latest steady-state time to fill lies, in percent.

    Reads every ``time_to_fill`` KPI with a positive baseline; the value is the
    smallest reduction among them (the one furthest from the expectation).
    """
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    candidates: list[tuple[float, int, int, Metric, float]] = []
    with_baseline = 0
    for index, metric in enumerate(state.metrics):
        if metric.kind is not KpiKind.TIME_TO_FILL or not metric.baseline or metric.baseline <= 0:
            continue
        with_baseline += 1
        steady = [r for r in _readings(metric, context.as_of) if r[1] >= context.phase_started]
        if not steady:
            continue
        obs, _, latest = steady[-1]
        reduction = round((metric.baseline - latest) / metric.baseline * 100, 1)
        candidates.append((reduction, index, obs, metric, latest))
    if not with_baseline:
        return Outcome.not_applicable("no time_to_fill KPI records its pre-RPO baseline")
    if not candidates:
        return Outcome.not_applicable(
            f"no time-to-fill reading since steady state began on {context.phase_started}"
        )
    reduction, index, obs, metric, latest = min(candidates, key=lambda c: (c[0], c[1]))
    return Outcome.judge(
        reduction >= options.min_reduction_pct,
        reduction,
        [f"/metrics/{index}", f"/metrics/{index}/observations/{obs}"],
        metric=metric.name,
        baseline=metric.baseline,
        latest=latest,
        difference=f"{abs(reduction):g}% {'below' if reduction >= 0 else 'above'}",
    )


URGENCY_CHECKS: tuple[Callable[..., Outcome], ...] = (
    urgency_impatience,
    urgency_stagnation,
    urgency_action_items_on_time,
    urgency_overdue_action_items,
    urgency_requisition_response,
    urgency_aged_requisitions,
    urgency_time_to_fill_vs_baseline,
)
