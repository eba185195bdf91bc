"""Follow-ups kept to their dates: the overdue check two rule sets share, and who must act.

Corrective actions (continual improvement) and meeting action items (patient
urgency) are both promises with an owner and a due date, and a promise left
open long past its date is the same defect in either log. One check judges
both, chosen by the rule's ``records`` parameter.

Each rule set must load, and pass the conformance check, on its own, and a
check name belongs to one plugin; so each registers this one function under
its own name (``improvement_overdue_follow_ups``, ``urgency_overdue_follow_ups``)
rather than one rule set depending on the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import Field

from foundation_engine.checks import CheckContext, Options, Outcome, check
from foundation_engine.checks.dates import days_after
from foundation_engine.state.model import ActionItem, CorrectiveAction, PartnershipState
from foundation_engine.state.vocabulary import Owner

#: Each log: its JSON Pointer, its dotted path in the state, and its name in messages.
_LOGS = {
    "corrective_actions": (
        "/improvement/corrective_actions",
        "improvement.corrective_actions",
        "corrective actions",
    ),
    "action_items": ("/action_items", "action_items", "action items"),
}


def acting_party(owners: Iterable[Owner | None]) -> Owner | None:
    """The one party that owns every record at fault, ``both`` when they differ, None if unknown.

    A record owned by both parties makes the answer ``both``.
    """
    known = {owner for owner in owners if owner is not None}
    if not known:
        return None
    return known.pop() if len(known) == 1 else Owner.BOTH


class OverdueOptions(Options):
    records: Literal["corrective_actions", "action_items"] = Field(
        description="Which log of follow-ups is judged: corrective actions or action items."
    )
    overdue_days: int = Field(ge=0, le=3660, description="Days past due before an open one counts.")
    max_overdue: int = Field(ge=0, description="Follow-ups allowed to be open beyond that point.")


@check("overdue_follow_ups", options=OverdueOptions)
def overdue_follow_ups(
    state: PartnershipState, options: OverdueOptions, context: CheckContext
) -> Outcome:
    """Follow-ups still open more than ``overdue_days`` past their due date.

    Judged: the follow-ups that could be that late by now, those due more than
    ``overdue_days`` before the assessment date; follow-ups without a due date
    are left out. With none judged there is nothing to judge yet. The party
    that must act is the one owning every follow-up found overdue.
    """
    pointer, path, words = _LOGS[options.records]
    records = _log(state, options.records)
    if records is None:
        return Outcome.not_applicable(f"the state does not record {words} ({path})")
    cutoff = context.as_of - dt.timedelta(days=options.overdue_days)
    judged: list[str] = []
    flagged: list[tuple[str, str, int, Owner]] = []
    for index, record in enumerate(records):
        if record.due is None or record.due >= cutoff:
            continue  # no date to keep, or not yet that late whatever happens
        judged.append(f"{pointer}/{index}")
        if record.completed is None:
            days = (context.as_of - record.due).days
            flagged.append((f"{pointer}/{index}", record.id, days, record.owner))
    if not judged:
        return Outcome.nothing_to_judge(
            f"no {words[:-1]} was due more than {options.overdue_days} days before {context.as_of}",
            fails_from=_fails_from(records, options),
        )
    ok = len(flagged) <= options.max_overdue
    return Outcome.judge(
        ok,
        len(flagged),
        judged if ok else [where for where, _, _, _ in flagged],
        owner=acting_party(owner for _, _, _, owner in flagged),
        fails_from=_fails_from(records, options) if ok else None,
        judged=len(judged),
        overdue_ids=[record_id for _, record_id, _, _ in flagged] or "none",
        worst_days=max((days for _, _, days, _ in flagged), default=0),
    )


def _fails_from(
    records: Sequence[CorrectiveAction | ActionItem], options: OverdueOptions
) -> dt.date:
    """The day one more open follow-up than allowed is over ``overdue_days`` past due.

    With nothing new recorded, nothing open is completed: each open follow-up
    counts from the day after its due date plus ``overdue_days``.
    """
    dues = sorted(r.due for r in records if r.due is not None and r.completed is None)
    if len(dues) <= options.max_overdue:
        return Outcome.NEVER
    return days_after(dues[options.max_overdue], options.overdue_days + 1)


def _log(state: PartnershipState, records: str) -> Sequence[CorrectiveAction | ActionItem] | None:
    if records == "action_items":
        return state.action_items
    improvement = state.improvement
    return None if improvement is None else improvement.corrective_actions
