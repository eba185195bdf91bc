"""Built-in rule set 5: focus on continual improvement (prefix IMP).

Slip-ups get a root cause and a corrective action, and causes do not recur.
The rule files sit beside this module in ``rules/improvement/``; here are the
checks no generic check covers, each tested in
``tests/rules/improvement/test_<rule id>.py``.

Every check reads the typed state and ignores records dated after ``as_of``, so
assessing an old date reproduces what was known then. Checks that measure a
share need something to divide by: with no record to judge they are not
applicable. Checks that count bad records pass on an empty, recorded list.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from foundation_engine.checks import CheckContext, Outcome, check
from foundation_engine.checks.dates import business_days_between, rolling_windows
from foundation_engine.state.model import CorrectiveAction, Issue, Metric, PartnershipState
from foundation_engine.state.vocabulary import Direction, RootCauseSide

TECHNIQUE = "improvement"

_ISSUES = "/improvement/issues"
_ACTIONS = "/improvement/corrective_actions"
_RETROSPECTIVES = "/improvement/retrospectives"


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _issues(state: PartnershipState, as_of: dt.date) -> list[tuple[int, Issue]] | None:
    """Issues opened up to as_of with their index, or None when issues are not recorded."""
    if state.improvement is None or state.improvement.issues is None:
        return None
    return [(i, issue) for i, issue in enumerate(state.improvement.issues) if issue.opened <= as_of]


def _actions(state: PartnershipState, as_of: dt.date) -> list[tuple[int, CorrectiveAction]] | None:
    """Corrective actions opened up to as_of, or None when they are not recorded."""
    if state.improvement is None or state.improvement.corrective_actions is None:
        return None
    return [
        (i, action)
        for i, action in enumerate(state.improvement.corrective_actions)
        if action.opened <= as_of
    ]


def _known(day: dt.date | None, as_of: dt.date) -> dt.date | None:
    """A date as known on as_of: dates after it have not happened yet."""
    return day if day is not None and day <= as_of else None


def _share(good: int, total: int) -> float:
    return round(good / total, 3)


# --------------------------------------------------------------------------
# root cause and corrective action found quickly
# --------------------------------------------------------------------------


class ResponseOptions(_Options):
    response: Literal["root_cause", "corrective_action"] = Field(
        description="What each slip-up needs in time: a root cause or a corrective action."
    )
    max_business_days: int = Field(ge=0, le=260)
    min_share: float = Field(ge=0, le=1)


@check("improvement_issue_response", options=ResponseOptions)
def improvement_issue_response(
    state: PartnershipState, options: ResponseOptions, context: CheckContext
) -> Outcome:
    """Slip-ups get a root cause (or a corrective action) within a number of business days.

    A slip-up still inside its allowance with nothing recorded yet is not judged.
    A root cause without a ``root_cause_date`` cannot show it was timely and
    counts as late.
    """
    issues = _issues(state, context.as_of)
    if issues is None:
        return Outcome.not_applicable("the state does not record slip-ups (improvement.issues)")
    first_action: dict[str, dt.date] = {}
    if options.response == "corrective_action":
        actions = _actions(state, context.as_of)
        if actions is None:
            return Outcome.not_applicable(
                "the state does not record corrective actions (improvement.corrective_actions)"
            )
        for _, action in actions:
            if action.issue_id is not None:
                earlier = first_action.get(action.issue_id)
                if earlier is None or action.opened < earlier:
                    first_action[action.issue_id] = action.opened
    judged: list[str] = []
    late: list[str] = []
    late_ids: list[str] = []
    for index, issue in issues:
        pointer = f"{_ISSUES}/{index}"
        if options.response == "root_cause":
            # An undated root cause cannot show it came in time: it counts as late.
            found = _known(issue.root_cause_date, context.as_of) if issue.root_cause else None
        else:
            found = first_action.get(issue.id)
        elapsed = business_days_between(issue.opened, context.as_of)
        if found is None and elapsed <= options.max_business_days:
            continue  # still within its allowance
        judged.append(pointer)
        if found is None or business_days_between(issue.opened, found) > options.max_business_days:
            late.append(pointer)
            late_ids.append(issue.id)
    if not judged:
        return Outcome.not_applicable(
            f"no slip-up recorded up to {context.as_of} is older than "
            f"{options.max_business_days} business days"
        )
    value = _share(len(judged) - len(late), len(judged))
    return Outcome.judge(
        value >= options.min_share,
        value,
        late if late else judged,
        percent=round(value * 100),
        total=len(judged),
        late=len(late),
        late_ids=late_ids or "none",
    )


# --------------------------------------------------------------------------
# corrective actions closed on time
# --------------------------------------------------------------------------


class ActionsOnTimeOptions(_Options):
    min_share: float = Field(ge=0, le=1)
    min_actions: int = Field(1, ge=1, description="Not applicable with fewer actions due.")


@check("improvement_actions_on_time", options=ActionsOnTimeOptions)
def improvement_actions_on_time(
    state: PartnershipState, options: ActionsOnTimeOptions, context: CheckContext
) -> Outcome:
    """The share of corrective actions completed by their due date.

    Judged: actions with a due date that are completed, or whose due date has
    passed. Open actions not yet due are not judged.
    """
    actions = _actions(state, context.as_of)
    if actions is None:
        return Outcome.not_applicable(
            "the state does not record corrective actions (improvement.corrective_actions)"
        )
    judged: list[str] = []
    late: list[str] = []
    for index, action in actions:
        if action.due is None:
            continue
        completed = _known(action.completed, context.as_of)
        if completed is None and action.due >= context.as_of:
            continue  # open, not yet due
        pointer = f"{_ACTIONS}/{index}"
        judged.append(pointer)
        if completed is None or completed > action.due:
            late.append(pointer)
    if len(judged) < options.min_actions:
        return Outcome.not_applicable(
            f"{len(judged)} corrective actions with a due date are done or past due; "
            f"at least {options.min_actions} needed"
        )
    value = _share(len(judged) - len(late), len(judged))
    return Outcome.judge(
        value >= options.min_share,
        value,
        late if value < options.min_share else judged,
        percent=round(value * 100),
        total=len(judged),
        on_time=len(judged) - len(late),
        late=len(late),
    )


# --------------------------------------------------------------------------
# corrective actions long overdue
# --------------------------------------------------------------------------


class ActionsOverdueOptions(_Options):
    overdue_days: int = Field(ge=0, description="Days past due before an open action is flagged.")
    max_actions: int = Field(ge=0, description="Flagged actions allowed.")


@check("improvement_actions_overdue", options=ActionsOverdueOptions)
def improvement_actions_overdue(
    state: PartnershipState, options: ActionsOverdueOptions, context: CheckContext
) -> Outcome:
    """Corrective actions still open more than ``overdue_days`` past their due date."""
    actions = _actions(state, context.as_of)
    if actions is None:
        return Outcome.not_applicable(
            "the state does not record corrective actions (improvement.corrective_actions)"
        )
    flagged: list[tuple[str, str, int]] = []
    for index, action in actions:
        if action.due is None or _known(action.completed, context.as_of) is not None:
            continue
        days = (context.as_of - action.due).days
        if days > options.overdue_days:
            flagged.append((f"{_ACTIONS}/{index}", action.id, days))
    return Outcome.judge(
        len(flagged) <= options.max_actions,
        len(flagged),
        [pointer for pointer, _, _ in flagged],
        action_ids=[action_id for _, action_id, _ in flagged] or "none",
        worst_days=max((days for _, _, days in flagged), default=0),
    )


# --------------------------------------------------------------------------
# root causes that recur
# --------------------------------------------------------------------------


class RecurrenceOptions(_Options):
    window_days: int = Field(ge=1, le=3660)
    max_recurrences: int = Field(0, ge=0)


@check("improvement_recurring_cause", options=RecurrenceOptions)
def improvement_recurring_cause(
    state: PartnershipState, options: RecurrenceOptions, context: CheckContext
) -> Outcome:
    """The same root cause category behind two slip-ups opened within ``window_days``.

    The value is the number of such recurrences (each later slip-up whose cause
    already appeared within the window counts once).
    """
    issues = _issues(state, context.as_of)
    if issues is None:
        return Outcome.not_applicable("the state does not record slip-ups (improvement.issues)")
    categorised = [
        (index, issue)
        for index, issue in issues
        if issue.root_cause_category and _root_cause_known(issue, context.as_of)
    ]
    if issues and not categorised:
        return Outcome.not_applicable(
            "no slip-up has a root cause category (root_cause_category), so recurrences "
            "cannot be spotted"
        )
    by_category: dict[str, list[tuple[int, Issue]]] = {}
    for index, issue in sorted(categorised, key=lambda pair: (pair[1].opened, pair[0])):
        key = (issue.root_cause_category or "").strip().casefold()
        by_category.setdefault(key, []).append((index, issue))
    recurrences = 0
    evidence: set[int] = set()
    categories: list[str] = []
    for group in by_category.values():
        hit = False
        for (i_prev, prev), (i_next, nxt) in itertools.pairwise(group):
            if (nxt.opened - prev.opened).days <= options.window_days:
                recurrences += 1
                evidence.update((i_prev, i_next))
                hit = True
        if hit:
            categories.append(group[0][1].root_cause_category or "")
    return Outcome.judge(
        recurrences <= options.max_recurrences,
        recurrences,
        [f"{_ISSUES}/{i}" for i in sorted(evidence)],
        categories=sorted(categories) or "none",
    )


def _root_cause_known(issue: Issue, as_of: dt.date) -> bool:
    """Whether the root cause was known on as_of (undated causes count as known)."""
    return issue.root_cause_date is None or issue.root_cause_date <= as_of


# --------------------------------------------------------------------------
# a KPI declining with nobody acting
# --------------------------------------------------------------------------


class DeclineOptions(_Options):
    periods: int = Field(ge=1, le=24, description="Consecutive worse readings that make a decline.")


@check("improvement_unanswered_decline", options=DeclineOptions)
def improvement_unanswered_decline(
    state: PartnershipState, options: DeclineOptions, context: CheckContext
) -> Outcome:
    """A KPI whose latest readings got worse ``periods`` times running, with no action on it.

    A decline is answered by a slip-up (issue) or corrective action naming the
    metric (``metric_id``) opened on or after the period end of the last reading
    before the decline began. Only metrics with a ``direction`` are read.
    """
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    improvement = state.improvement
    if improvement is None or (
        improvement.issues is None and improvement.corrective_actions is None
    ):
        return Outcome.not_applicable(
            "the state records neither slip-ups nor corrective actions, so a response "
            "to a decline cannot be seen"
        )
    responses: dict[str, list[dt.date]] = {}
    opened_on_metric: list[tuple[str | None, dt.date]] = [
        *((issue.metric_id, issue.opened) for issue in improvement.issues or []),
        *((action.metric_id, action.opened) for action in improvement.corrective_actions or []),
    ]
    for metric_id, opened in opened_on_metric:
        if metric_id is not None and opened <= context.as_of:
            responses.setdefault(metric_id, []).append(opened)
    readable = 0
    unanswered: list[str] = []
    evidence: list[str] = []
    for index, metric in enumerate(state.metrics):
        readings = _readings(metric, context.as_of)
        if metric.direction is None or len(readings) < options.periods + 1:
            continue
        readable += 1
        streak = _worsening_streak([value for _, _, value in readings], metric.direction)
        if streak < options.periods:
            continue
        began = readings[-streak - 1][1]
        if any(day >= began for day in responses.get(metric.id, [])):
            continue
        unanswered.append(metric.name)
        evidence.append(f"/metrics/{index}")
        evidence.extend(
            f"/metrics/{index}/observations/{obs}" for obs, _, _ in readings[-streak - 1 :]
        )
    if not readable:
        return Outcome.not_applicable(
            f"no metric has a direction and at least {options.periods + 1} readings"
        )
    return Outcome.judge(
        not unanswered, len(unanswered), evidence, metrics=unanswered or "none", checked=readable
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


def _worsening_streak(values: Sequence[float], direction: Direction) -> int:
    """How many of the latest consecutive changes made the value strictly worse."""
    streak = 0
    for earlier, later in zip(reversed(values[:-1]), reversed(values[1:]), strict=True):
        worse = later < earlier if direction is Direction.HIGHER else later > earlier
        if not worse:
            break
        streak += 1
    return streak


# --------------------------------------------------------------------------
# root causes found on the client side too
# --------------------------------------------------------------------------


class RootCauseSidesOptions(_Options):
    min_issues: int = Field(ge=1, description="Not applicable with fewer attributed root causes.")
    min_client_side: int = Field(
        ge=1, description="Root causes on the client side (or shared) expected."
    )


_CLIENT_SIDES = (RootCauseSide.CLIENT, RootCauseSide.SHARED)


@check("improvement_root_cause_sides", options=RootCauseSidesOptions)
def improvement_root_cause_sides(
    state: PartnershipState, options: RootCauseSidesOptions, context: CheckContext
) -> Outcome:
    """Root causes are attributed to the client side (or shared) at least sometimes."""
    issues = _issues(state, context.as_of)
    if issues is None:
        return Outcome.not_applicable("the state does not record slip-ups (improvement.issues)")
    attributed = [
        (index, issue)
        for index, issue in issues
        if issue.root_cause_side is not None and _root_cause_known(issue, context.as_of)
    ]
    if len(attributed) < options.min_issues:
        return Outcome.not_applicable(
            f"{len(attributed)} slip-ups have a root cause side (root_cause_side); "
            f"at least {options.min_issues} needed to see a pattern"
        )
    client_side = [
        f"{_ISSUES}/{i}" for i, issue in attributed if issue.root_cause_side in _CLIENT_SIDES
    ]
    provider_side = [
        f"{_ISSUES}/{i}"
        for i, issue in attributed
        if issue.root_cause_side is RootCauseSide.PROVIDER
    ]
    ok = len(client_side) >= options.min_client_side
    return Outcome.judge(
        ok,
        len(client_side),
        client_side if ok else provider_side,
        total=len(attributed),
        provider_side=len(provider_side),
    )


# --------------------------------------------------------------------------
# a retrospective every quarter
# --------------------------------------------------------------------------


class RetrospectiveOptions(_Options):
    quarter_days: int = Field(ge=7, le=366, description="Length of a partnership quarter in days.")
    lookback_quarters: int = Field(
        ge=1, le=40, description="Completed quarters judged, latest first."
    )
    max_missed: int = Field(0, ge=0)


@check("improvement_retrospective_cadence", options=RetrospectiveOptions)
def improvement_retrospective_cadence(
    state: PartnershipState, options: RetrospectiveOptions, context: CheckContext
) -> Outcome:
    """Each recent completed partnership quarter had a retrospective or improvement initiative.

    Quarters are counted from the start date in ``quarter_days`` steps; the
    value is how many of the last ``lookback_quarters`` completed ones had none.
    """
    if state.improvement is None or state.improvement.retrospectives is None:
        return Outcome.not_applicable(
            "the state does not record retrospectives (improvement.retrospectives)"
        )
    quarters = list(rolling_windows(context.start_date, context.as_of, options.quarter_days))
    if not quarters:
        return Outcome.not_applicable(
            f"the partnership is {context.days_since_start} days old; no "
            f"{options.quarter_days}-day quarter has ended yet"
        )
    judged = quarters[-options.lookback_quarters :]
    held: list[str] = []
    missed: list[str] = []
    retrospectives = state.improvement.retrospectives
    for first, last in judged:
        inside = [
            f"{_RETROSPECTIVES}/{i}"
            for i, r in enumerate(retrospectives)
            if first <= r.date <= last
        ]
        if inside:
            held.extend(inside)
        else:
            missed.append(f"{first} to {last}")
    ok = len(missed) <= options.max_missed
    evidence = held or [_RETROSPECTIVES]
    return Outcome.judge(
        ok,
        len(missed),
        evidence,
        quarters=len(judged),
        missed_quarters=missed or "none",
    )


IMPROVEMENT_CHECKS: tuple[Callable[..., Outcome], ...] = (
    improvement_issue_response,
    improvement_actions_on_time,
    improvement_actions_overdue,
    improvement_recurring_cause,
    improvement_unanswered_decline,
    improvement_root_cause_sides,
    improvement_retrospective_cadence,
)
