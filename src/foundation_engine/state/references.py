"""Integrity checks a schema cannot express: unique ids and links that resolve.

They run after schema validation and report every problem at once, each with
the JSON path of the offending value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import Problem, json_path
from .model import PartnershipState

Loc = tuple[str | int, ...]


def _duplicates(ids: Iterable[tuple[Loc, str]], what: str) -> Iterator[Problem]:
    seen: dict[str, Loc] = {}
    for loc, ident in ids:
        if ident in seen:
            yield Problem(
                f"duplicate {what} id {ident!r}: already used at {json_path(seen[ident])}; "
                "expected every id to be unique",
                json_path(loc),
            )
        else:
            seen[ident] = loc


def _dangling(
    refs: Iterable[tuple[Loc, str | None]], known: set[str], what: str
) -> Iterator[Problem]:
    for loc, ident in refs:
        if ident is not None and ident not in known:
            hint = f"; known {what} ids: {', '.join(sorted(known)[:10])}" if known else ""
            yield Problem(f"no {what} has id {ident!r}{hint}", json_path(loc))


def reference_problems(state: PartnershipState) -> list[Problem]:
    """Every duplicated id and dangling reference in `state`, in document order."""
    problems: list[Problem] = []
    metrics = state.metrics or []
    goals = state.purpose.goals if state.purpose and state.purpose.goals else []
    milestones = state.milestones or []
    improvement = state.improvement
    issues = improvement.issues if improvement and improvement.issues else []
    actions = (
        improvement.corrective_actions if improvement and improvement.corrective_actions else []
    )

    problems += _duplicates(((("metrics", i, "id"), m.id) for i, m in enumerate(metrics)), "metric")
    problems += _duplicates(
        ((("purpose", "goals", i, "id"), g.id) for i, g in enumerate(goals)), "goal"
    )
    problems += _duplicates(
        ((("milestones", i, "id"), m.id) for i, m in enumerate(milestones)), "milestone"
    )
    problems += _duplicates(
        ((("improvement", "issues", i, "id"), x.id) for i, x in enumerate(issues)), "issue"
    )
    problems += _duplicates(
        ((("improvement", "corrective_actions", i, "id"), a.id) for i, a in enumerate(actions)),
        "corrective action",
    )
    problems += _duplicates(
        ((("action_items", i, "id"), a.id) for i, a in enumerate(state.action_items or [])),
        "action item",
    )
    problems += _duplicates(
        ((("requisitions", i, "id"), r.id) for i, r in enumerate(state.requisitions or [])),
        "requisition",
    )

    metric_ids = {m.id for m in metrics}
    goal_ids = {g.id for g in goals}
    milestone_ids = {m.id for m in milestones}
    issue_ids = {x.id for x in issues}

    problems += _dangling(
        (
            (("purpose", "goals", gi, "metric_ids", mi), ref)
            for gi, g in enumerate(goals)
            for mi, ref in enumerate(g.metric_ids)
        ),
        metric_ids,
        "metric",
    )
    for i, r in enumerate(state.recognitions or []):
        problems += _dangling(
            [(("recognitions", i, "metric_id"), r.metric_id)], metric_ids, "metric"
        )
        problems += _dangling([(("recognitions", i, "goal_id"), r.goal_id)], goal_ids, "goal")
        problems += _dangling(
            [(("recognitions", i, "milestone_id"), r.milestone_id)], milestone_ids, "milestone"
        )
    problems += _dangling(
        ((("improvement", "issues", i, "metric_id"), x.metric_id) for i, x in enumerate(issues)),
        metric_ids,
        "metric",
    )
    for i, a in enumerate(actions):
        loc: Loc = ("improvement", "corrective_actions", i)
        problems += _dangling([((*loc, "issue_id"), a.issue_id)], issue_ids, "issue")
        problems += _dangling([((*loc, "metric_id"), a.metric_id)], metric_ids, "metric")
    return problems
