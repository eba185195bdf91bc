"""Built-in rule set 5: focus on continual improvement (prefix IMP).

Slip-ups get a root cause and a corrective action, and causes do not recur.
The rule files sit beside this module in ``rules/improvement/``; here are the
checks no generic check covers, each tested in
``tests/rules/improvement/test_<rule id>.py``. The overdue-action check IMP004
uses is shared with the urgency rule set (:mod:`..follow_through`).

Every check reads the state as known on the assessment date (records dated
later are gone, later facts cleared), so none filters by date itself. A log
the state does not hold is *not applicable* (missing data); a log that holds
nothing to judge yet (no slip-up, no action due, no quarter ended) is
*nothing to judge*, which is never a pass. Where the data says which party
must act (the owners of late actions, the side of a recurring cause), the
outcome names it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from pydantic import Field, model_validator

from foundation_engine.checks import CheckContext, Options, Outcome, check
from foundation_engine.checks.dates import business_days_between, rolling_windows
from foundation_engine.checks.kpi_series import history, in_force
from foundation_engine.state.model import CorrectiveAction, Issue, PartnershipState
from foundation_engine.state.vocabulary import AgreedActionStatus, Direction, Owner, RootCauseSide

from ..follow_through import acting_party, overdue_follow_ups

TECHNIQUE = "improvement"

_ISSUES = "/improvement/issues"
_ACTIONS = "/improvement/corrective_actions"
_RETROSPECTIVES = "/improvement/retrospectives"

_NO_ISSUES = "the state does not record slip-ups (improvement.issues)"
_NO_ACTIONS = "the state does not record corrective actions (improvement.corrective_actions)"


def _issues(state: PartnershipState) -> Sequence[Issue] | None:
    return None if state.improvement is None else state.improvement.issues


def _actions(state: PartnershipState) -> Sequence[CorrectiveAction] | None:
    return None if state.improvement is None else state.improvement.corrective_actions


def _share(good: int, total: int) -> float:
    return round(good / total, 3)


#: Whose side a root cause lies on, as the party that must act on it.
_SIDE_OWNER: dict[RootCauseSide, Owner | None] = {
    RootCauseSide.CLIENT: Owner.CLIENT,
    RootCauseSide.PROVIDER: Owner.PROVIDER,
    RootCauseSide.SHARED: Owner.BOTH,
    RootCauseSide.EXTERNAL: None,
}


def _side_owner(issues: Iterable[Issue]) -> Owner | None:
    return acting_party(
        None if issue.root_cause_side is None else _SIDE_OWNER[issue.root_cause_side]
        for issue in issues
    )


# --------------------------------------------------------------------------
# root cause and corrective action found quickly
# --------------------------------------------------------------------------


class ResponseOptions(Options):
    response: Literal["root_cause", "corrective_action"] = Field(
        description="What each slip-up needs in time: a root cause or a corrective action."
    )
    max_business_days: int = Field(ge=0, le=260)
    min_share: float = Field(ge=0, le=1)


@check("improvement_issue_response", options=ResponseOptions)
def improvement_issue_response(
    state: PartnershipState, options: ResponseOptions, context: CheckContext
) -> Outcome:
    """The share of slip-ups that got a root cause (or a corrective action) in time.

    A slip-up still inside its allowance with nothing recorded yet is not
    judged. A root cause without a ``root_cause_date`` cannot show it came in
    time and counts as late. With no slip-up to judge there is nothing to judge.
    """
    issues = _issues(state)
    if issues is None:
        return Outcome.not_applicable(_NO_ISSUES)
    first_action: dict[str, dt.date] = {}
    if options.response == "corrective_action":
        actions = _actions(state)
        if actions is None:
            return Outcome.not_applicable(_NO_ACTIONS)
        for action in actions:
            if action.issue_id is not None:
                earlier = first_action.get(action.issue_id)
                if earlier is None or action.opened < earlier:
                    first_action[action.issue_id] = action.opened
    allowed = options.max_business_days
    judged: list[str] = []
    missed: list[str] = []
    late_ids: list[str] = []
    missing_ids: list[str] = []
    for index, issue in enumerate(issues):
        pointer = f"{_ISSUES}/{index}"
        if options.response == "root_cause":
            recorded = issue.root_cause is not None
            # An undated root cause cannot show it came in time: it counts as late.
            found = issue.root_cause_date if recorded else None
        else:
            found = first_action.get(issue.id)
            recorded = found is not None
        if not recorded and business_days_between(issue.opened, context.as_of) <= allowed:
            continue  # still within its allowance
        judged.append(pointer)
        if not recorded:
            missed.append(pointer)
            missing_ids.append(issue.id)
        elif found is None or business_days_between(issue.opened, found) > allowed:
            missed.append(pointer)
            late_ids.append(issue.id)
    if not judged:
        return Outcome.nothing_to_judge(
            f"no slip-up recorded up to {context.as_of} is older than {allowed} business days"
        )
    value = _share(len(judged) - len(missed), len(judged))
    ok = value >= options.min_share
    return Outcome.judge(
        ok,
        value,
        judged if ok else missed,
        percent=round(value * 100),
        total=len(judged),
        missed=len(missed),
        late_ids=late_ids or "none",
        missing_ids=missing_ids or "none",
    )


# --------------------------------------------------------------------------
# corrective actions closed on time
# --------------------------------------------------------------------------


class ActionsOnTimeOptions(Options):
    min_share: float = Field(ge=0, le=1)
    min_actions: int = Field(1, ge=1, description="Nothing to judge with fewer actions due.")


@check("improvement_actions_on_time", options=ActionsOnTimeOptions)
def improvement_actions_on_time(
    state: PartnershipState, options: ActionsOnTimeOptions, context: CheckContext
) -> Outcome:
    """The share of corrective actions completed by their due date.

    Judged: actions with a due date that are completed, or whose due date has
    passed. Open actions not yet due are not judged. The party that must act
    is the one owning every late action.
    """
    actions = _actions(state)
    if actions is None:
        return Outcome.not_applicable(_NO_ACTIONS)
    judged: list[str] = []
    late: list[tuple[str, CorrectiveAction]] = []
    for index, action in enumerate(actions):
        if action.due is None:
            continue
        if action.completed is None and action.due >= context.as_of:
            continue  # open, not yet due
        pointer = f"{_ACTIONS}/{index}"
        judged.append(pointer)
        if action.completed is None or action.completed > action.due:
            late.append((pointer, action))
    if len(judged) < options.min_actions:
        return Outcome.nothing_to_judge(
            f"{len(judged)} corrective actions with a due date are done or past due; "
            f"at least {options.min_actions} needed"
        )
    value = _share(len(judged) - len(late), len(judged))
    ok = value >= options.min_share
    open_ids = [a.id for _, a in late if a.completed is None]
    finished_late_ids = [a.id for _, a in late if a.completed is not None]
    return Outcome.judge(
        ok,
        value,
        judged if ok else [pointer for pointer, _ in late],
        owner=acting_party(a.owner for _, a in late),
        percent=round(value * 100),
        total=len(judged),
        on_time=len(judged) - len(late),
        late=len(late),
        open_ids=open_ids or "none",
        finished_late_ids=finished_late_ids or "none",
    )


# --------------------------------------------------------------------------
# root causes that recur
# --------------------------------------------------------------------------


class RecurrenceOptions(Options):
    window_days: int = Field(ge=1, le=3660)
    max_recurrences: int = Field(0, ge=0)
    lookback_days: int = Field(
        ge=1, le=3660, description="Judge recurrences whose later slip-up is this recent."
    )

    @model_validator(mode="after")
    def _lookback_covers_a_window(self) -> RecurrenceOptions:
        if self.lookback_days <= self.window_days:
            raise ValueError(
                f"lookback_days ({self.lookback_days}) must be longer than window_days "
                f"({self.window_days}), or no fix could ever be seen to hold"
            )
        return self


@check("improvement_recurring_cause", options=RecurrenceOptions)
def improvement_recurring_cause(
    state: PartnershipState, options: RecurrenceOptions, context: CheckContext
) -> Outcome:
    """The same root cause category behind two slip-ups opened within ``window_days``.

    The value is the number of recurrences in the last ``lookback_days``: each
    slip-up opened then whose cause already appeared within the window before
    it counts once. A pass needs a slip-up of that period whose window has run
    out: until then nobody can say whether a fix held, and there is nothing to
    judge. The party that must act is the side the recurring causes lie on.
    """
    issues = _issues(state)
    if issues is None:
        return Outcome.not_applicable(_NO_ISSUES)
    if not issues:
        return Outcome.nothing_to_judge("no slip-up has been recorded yet")
    categorised = [(i, issue) for i, issue in enumerate(issues) if issue.root_cause_category]
    if not categorised:
        return Outcome.not_applicable(
            "no slip-up has a root cause category (root_cause_category), so recurrences "
            "cannot be spotted"
        )
    since = context.as_of - dt.timedelta(days=options.lookback_days)
    by_category: dict[str, list[tuple[int, Issue]]] = {}
    for index, issue in sorted(categorised, key=lambda pair: (pair[1].opened, pair[0])):
        key = (issue.root_cause_category or "").strip().casefold()
        by_category.setdefault(key, []).append((index, issue))
    recurrences = 0
    involved: dict[int, Issue] = {}
    categories: list[str] = []
    for group in by_category.values():
        hit = False
        for (i_prev, prev), (i_next, nxt) in itertools.pairwise(group):
            if nxt.opened > since and (nxt.opened - prev.opened).days <= options.window_days:
                recurrences += 1
                involved.update({i_prev: prev, i_next: nxt})
                hit = True
        if hit:
            categories.append(group[0][1].root_cause_category or "")
    window_over = context.as_of - dt.timedelta(days=options.window_days)
    tested = [f"{_ISSUES}/{i}" for i, x in categorised if since < x.opened <= window_over]
    if not recurrences and not tested:
        return Outcome.nothing_to_judge(
            f"no slip-up with a root cause category opened in the last {options.lookback_days} "
            f"days is yet {options.window_days} days old, so no fix has had time to prove itself"
        )
    return Outcome.judge(
        recurrences <= options.max_recurrences,
        recurrences,
        [f"{_ISSUES}/{i}" for i in sorted(involved)] if involved else tested,
        owner=_side_owner(involved.values()),
        categories=sorted(categories) or "none",
        tested=len(tested),
    )


# --------------------------------------------------------------------------
# a KPI declining with nobody acting
# --------------------------------------------------------------------------


class DeclineOptions(Options):
    periods: int = Field(ge=1, le=24, description="Consecutive worse readings that make a decline.")


@check("improvement_unanswered_decline", options=DeclineOptions)
def improvement_unanswered_decline(
    state: PartnershipState, options: DeclineOptions, context: CheckContext
) -> Outcome:
    """KPIs whose latest readings got worse ``periods`` times running, with no action on them.

    A decline is answered by a slip-up (issue) or corrective action naming the
    metric (``metric_id``) opened on or after the period end of the last reading
    before the decline began. Only KPIs in force on the assessment date (not
    retired) that state a ``direction`` are read. The party that must act is
    the owner of every unanswered KPI.
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
    for metric_id, opened in (
        *((issue.metric_id, issue.opened) for issue in improvement.issues or []),
        *((action.metric_id, action.opened) for action in improvement.corrective_actions or []),
    ):
        if metric_id is not None:
            responses.setdefault(metric_id, []).append(opened)
    directed = readable = 0
    unanswered: list[str] = []
    owners: list[Owner | None] = []
    evidence: list[str] = []
    for index, metric in enumerate(state.metrics):
        if metric.direction is None or not in_force(metric, context.as_of):
            continue
        directed += 1
        series = history(context, metric)
        if len(series) < options.periods + 1:
            continue
        readable += 1
        streak = _worsening_streak([r.value for r in series], metric.direction)
        if streak < options.periods:
            continue
        began = series[-streak - 1].period_end
        if any(day >= began for day in responses.get(metric.id, [])):
            continue
        unanswered.append(metric.name)
        owners.append(metric.owner)
        evidence.append(f"/metrics/{index}")
        evidence.extend(r.pointer(index) for r in series[-streak - 1 :])
    if not directed:
        return Outcome.not_applicable("no KPI in force states which way is better (direction)")
    # Readings, responses and the dates a KPI is in force are all records: with nothing
    # new recorded, no later day reads a decline or an answer this one does not.
    if not readable:
        return Outcome.nothing_to_judge(
            f"no KPI in force has {options.periods + 1} readings yet, so no decline of "
            f"{options.periods} periods can show",
            fails_from=Outcome.NEVER,
        )
    return Outcome.judge(
        not unanswered,
        len(unanswered),
        evidence,
        owner=acting_party(owners),
        fails_from=Outcome.NEVER,
        metrics=unanswered or "none",
        checked=readable,
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


class RootCauseSidesOptions(Options):
    min_issues: int = Field(ge=1, description="Nothing to judge with fewer attributed causes.")
    min_client_side: int = Field(
        ge=1, description="Root causes on the client side (or shared) expected."
    )


_CLIENT_SIDES = (RootCauseSide.CLIENT, RootCauseSide.SHARED)


@check("improvement_root_cause_sides", options=RootCauseSidesOptions)
def improvement_root_cause_sides(
    state: PartnershipState, options: RootCauseSidesOptions, context: CheckContext
) -> Outcome:
    """Root causes are attributed to the client side (or shared) at least sometimes.

    When the client's share is missing, the client must act; when no cause is
    put on the provider either (every one is called external), both must.
    """
    issues = _issues(state)
    if issues is None:
        return Outcome.not_applicable(_NO_ISSUES)
    attributed = [(i, issue) for i, issue in enumerate(issues) if issue.root_cause_side]
    if issues and not attributed:
        return Outcome.not_applicable(
            "no slip-up records the side its root cause lies on (root_cause_side)"
        )
    # Slip-ups and their root causes are records, read without a date of their own.
    if len(attributed) < options.min_issues:
        return Outcome.nothing_to_judge(
            f"{len(attributed)} slip-ups have a root cause side (root_cause_side); "
            f"at least {options.min_issues} needed to see a pattern",
            fails_from=Outcome.NEVER,
        )
    client_side = [f"{_ISSUES}/{i}" for i, x in attributed if x.root_cause_side in _CLIENT_SIDES]
    provider_side = [
        f"{_ISSUES}/{i}" for i, x in attributed if x.root_cause_side is RootCauseSide.PROVIDER
    ]
    ok = len(client_side) >= options.min_client_side
    return Outcome.judge(
        ok,
        len(client_side),
        client_side if ok else [f"{_ISSUES}/{i}" for i, _ in attributed],
        fails_from=Outcome.NEVER,
        owner=Owner.CLIENT if provider_side else Owner.BOTH,
        total=len(attributed),
        provider_side=len(provider_side),
        external=len(attributed) - len(client_side) - len(provider_side),
    )


# --------------------------------------------------------------------------
# a retrospective every quarter
# --------------------------------------------------------------------------


class RetrospectiveOptions(Options):
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
    Before the first quarter has ended there is nothing to judge.
    """
    if state.improvement is None or state.improvement.retrospectives is None:
        return Outcome.not_applicable(
            "the state does not record retrospectives (improvement.retrospectives)"
        )
    quarters = list(rolling_windows(context.start_date, context.as_of, options.quarter_days))
    if not quarters:
        return Outcome.nothing_to_judge(
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
    return Outcome.judge(
        ok,
        len(missed),
        # A missed quarter is an absence from the log: the log is the evidence.
        held if ok and held else [_RETROSPECTIVES],
        quarters=len(judged),
        held_quarters=len(judged) - len(missed),
        missed_quarters=missed or "none",
    )


# --------------------------------------------------------------------------
# agreed actions that did not close their finding
# --------------------------------------------------------------------------


class FollowThroughOptions(Options):
    max_unresolved: int = Field(
        0, ge=0, description="Actions marked done whose finding may still fail."
    )


@check("improvement_agreed_actions_resolved", options=FollowThroughOptions)
def improvement_agreed_actions_resolved(
    state: PartnershipState, options: FollowThroughOptions, context: CheckContext
) -> Outcome:
    """Agreed actions marked done whose targeted finding still fails today.

    Reads the other rules' findings (the rule file sets ``reads_findings``). An
    action names its finding by rule id; one whose fingerprint names another
    partnership's finding is left out. A waived finding counts as settled.
    The value is the number of done actions whose finding still fails.
    """
    actions = state.agreed_actions
    if actions is None:
        # Agreed actions are optional: a partnership that records none has nothing to judge.
        return Outcome.nothing_to_judge("the state records no agreed actions")
    fingerprints = {f.rule_id: f.fingerprint for f in context.findings}
    done = [
        (i, a)
        for i, a in enumerate(actions)
        if a.status is AgreedActionStatus.DONE
        and (a.fingerprint is None or a.fingerprint == fingerprints.get(a.rule))
    ]
    if not done:
        return Outcome.nothing_to_judge("no agreed action is marked done yet")
    failing = {f.rule_id for f in context.findings if f.status.value == "failed" and not f.waived}
    unresolved = [(i, a) for i, a in done if a.rule in failing]
    ok = len(unresolved) <= options.max_unresolved
    return Outcome.judge(
        ok,
        len(unresolved),
        [f"/agreed_actions/{i}" for i, _ in (unresolved or done)],
        owner=acting_party(a.owner for _, a in unresolved),
        done=len(done),
        actions="; ".join(f"{a.id} on {a.rule}" for _, a in unresolved) or "none",
        rules=", ".join(sorted({a.rule for _, a in unresolved})) or "none",
    )


IMPROVEMENT_CHECKS: tuple[Callable[..., Outcome], ...] = (
    improvement_issue_response,
    improvement_actions_on_time,
    improvement_recurring_cause,
    improvement_unanswered_decline,
    improvement_root_cause_sides,
    improvement_retrospective_cadence,
    improvement_agreed_actions_resolved,
)
"""The checks only this rule set uses (:data:`SHARED_CHECKS` are registered under a name)."""

SHARED_CHECKS: tuple[tuple[Callable[..., Outcome], str], ...] = (
    (overdue_follow_ups, "improvement_overdue_follow_ups"),
)
"""Checks shared with another rule set, with the name this rule set registers each under."""
