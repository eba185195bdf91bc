"""Integrity checks a schema cannot express: unique ids and links that resolve.

They run after schema validation and report every problem at once, each with
the JSON path of the offending value.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator

from foundation_engine.errors import Problem, json_path
from foundation_engine.state.instrument import STANDARD_IDS
from foundation_engine.state.model import PartnershipState

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
    hint: str | None = None  # the same for every bad reference: built once, when needed
    for loc, ident in refs:
        if ident is not None and ident not in known:
            if hint is None:
                hint = (
                    f"; known {what} ids: {', '.join(heapq.nsmallest(10, known))}" if known else ""
                )
            yield Problem(f"no {what} has id {ident!r}{hint}", json_path(loc))


def reference_problems(state: PartnershipState) -> list[Problem]:
    """Every duplicated id and dangling reference in `state`, in document order."""
    pulse = _pulse_problems(state)
    if _all_sound(state):
        return pulse
    return _problems(state) + pulse


def _pulse_problems(state: PartnershipState) -> list[Problem]:
    """Pulse statements that clash or are unknown, and waves recorded twice."""
    pulse = state.pulse
    if pulse is None:
        return []
    problems: list[Problem] = []
    custom: set[str] = set()
    for i, question in enumerate(pulse.questions):
        loc: Loc = ("pulse", "questions", i, "id")
        if question.id in STANDARD_IDS:
            problems.append(
                Problem(
                    f"{question.id!r} is a standard pulse statement; a statement of your own "
                    "needs an id of its own (such as custom.tools)",
                    json_path(loc),
                )
            )
        elif question.id in custom:
            problems.append(
                Problem(
                    f"duplicate pulse question id {question.id!r}; expected every id to be unique",
                    json_path(loc),
                )
            )
        custom.add(question.id)
    known = STANDARD_IDS | custom
    waves: dict[tuple[str, str | None], int] = {}
    for w, wave in enumerate(pulse.waves):
        key = (wave.date.isoformat(), wave.name)
        if key in waves:
            named = f" named {wave.name!r}" if wave.name else ""
            problems.append(
                Problem(
                    f"a second pulse wave closed on {key[0]}{named} (the first is "
                    f"{json_path(('pulse', 'waves', waves[key]))}); give each wave its own date "
                    "or name",
                    json_path(("pulse", "waves", w, "date")),
                )
            )
        waves.setdefault(key, w)
        for r, response in enumerate(wave.responses):
            if response.question not in known:
                problems.append(
                    Problem(
                        f"no pulse statement has id {response.question!r}; expected a standard "
                        "statement (such as communication.early; foundation-engine pulse "
                        "questions lists them) or one of pulse.questions",
                        json_path(("pulse", "waves", w, "responses", r, "question")),
                    )
                )
    return problems


def _unique(ids: list[str]) -> bool:
    return len(set(ids)) == len(ids)


def _all_sound(state: PartnershipState) -> bool:
    """Whether `state` has no duplicate id and no dangling reference (the usual case).

    A quick yes or no with sets; only a state with a problem pays for the
    walk that names every problem and its path.
    """
    metrics = [m.id for m in state.metrics or []]
    goals = [g.id for g in (state.purpose.goals if state.purpose and state.purpose.goals else [])]
    milestones = [m.id for m in state.milestones or []]
    improvement = state.improvement
    issues = improvement.issues if improvement and improvement.issues else []
    actions = (
        improvement.corrective_actions if improvement and improvement.corrective_actions else []
    )
    issue_ids = [x.id for x in issues]
    if not (
        _unique(metrics)
        and _unique(goals)
        and _unique(milestones)
        and _unique(issue_ids)
        and _unique([a.id for a in actions])
        and _unique([a.id for a in state.action_items or []])
        and _unique([r.id for r in state.requisitions or []])
    ):
        return False
    metric_set, goal_set, milestone_set = set(metrics), set(goals), set(milestones)
    issue_set = set(issue_ids)
    goal_list = state.purpose.goals if state.purpose and state.purpose.goals else []
    referenced_metrics = {ref for g in goal_list for ref in g.metric_ids}
    for r in state.recognitions or []:
        if (
            (r.metric_id is not None and r.metric_id not in metric_set)
            or (r.goal_id is not None and r.goal_id not in goal_set)
            or (r.milestone_id is not None and r.milestone_id not in milestone_set)
        ):
            return False
    referenced_metrics.update(x.metric_id for x in issues if x.metric_id is not None)
    for a in actions:
        if a.issue_id is not None and a.issue_id not in issue_set:
            return False
        if a.metric_id is not None:
            referenced_metrics.add(a.metric_id)
    return referenced_metrics <= metric_set


def _problems(state: PartnershipState) -> list[Problem]:
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
