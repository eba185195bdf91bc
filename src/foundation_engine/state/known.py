"""The state as it was known on a given day.

Assessing a partnership as of an earlier day must say what could have been
said that day. Rather than every check filtering by date, the engine hands the
checks :func:`known_on` the assessment date: records dated after it are left
out (a meeting not yet held, a KPI reading not yet taken, a requisition not
yet opened, a pulse wave not yet closed) and fields dated after it are
cleared (an action completed later is still open, a root cause found later is
not known yet, a KPI retired later is still current). So "assessing at day D"
equals "assessing the state with everything after D removed" by construction,
for every rule.

Leaving records out shifts list positions, so :class:`KnownState` maps a JSON
Pointer into the state as known back to the record in the state as recorded;
reports always point at the records as the user wrote them. When nothing is
dated after the day (the usual case), the state is returned as it is.

Plugin data under ``extensions`` is passed on as recorded: its dates are the
plugin's to interpret.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from foundation_engine.state.model import (
    AgreedAction,
    Issue,
    Metric,
    PartnershipState,
    Purpose,
    Sponsor,
)
from foundation_engine.state.vocabulary import AgreedActionStatus

_M = TypeVar("_M", bound=BaseModel)

#: The date that decides whether a record of a list existed yet.
_EXISTS_FROM: dict[str, str] = {
    "communications": "date",
    "recognitions": "date",
    "escalations": "date",
    "action_items": "raised",
    "requisitions": "opened",
    "surveys": "date",
    "issues": "opened",
    "corrective_actions": "opened",
    "retrospectives": "date",
    "sign_offs": "date",
    "observations": "period_end",
    "agreed_actions": "agreed",
    "waves": "date",
}

#: Dated facts about a record, unknown until their day (cleared when later).
_LATER_FACTS: dict[str, tuple[str, ...]] = {
    "escalations": ("resolved",),
    "action_items": ("completed",),
    "requisitions": ("assigned", "intake", "filled", "cancelled"),
    "issues": ("closed",),
    "corrective_actions": ("completed",),
    "milestones": ("achieved",),
    "metrics": ("retired",),
    "sponsors": ("end",),
    "agreed_actions": ("completed",),
}

#: Fields that go with an issue's root cause: unknown until it was found.
_ROOT_CAUSE = ("root_cause", "root_cause_category", "root_cause_side", "root_cause_date")


@dataclass
class KnownState:
    """The state as known on one day, and the way back to the records as written."""

    state: PartnershipState
    _kept: dict[str, list[int]] = field(default_factory=dict)
    """For each list that lost records: its pointer in the state as recorded, and the
    recorded position of each record kept, in order."""

    @property
    def changed(self) -> bool:
        return bool(self._kept)

    def recorded_pointer(self, pointer: str) -> str:
        """The pointer, into the state as known, turned into one into the state as recorded."""
        if not self._kept or not pointer.startswith("/"):
            return pointer
        out = ""
        for part in pointer[1:].split("/"):
            kept = self._kept.get(out)
            if kept is not None and part.isdigit() and int(part) < len(kept):
                part = str(kept[int(part)])
            out += "/" + part
        return out


def known_on(state: PartnershipState, day: dt.date, last: dt.date | None = None) -> KnownState:
    """What was recorded of `state` by the end of `day`.

    `last` is :func:`last_dated` of `state` when the caller already has it: an
    assessment asks for several days of one state and reads its dates once.
    """
    if last is None:
        last = last_dated(state)
    if last is None or last <= day:
        return KnownState(state)
    return _Trimmer(day).state(state)


def last_dated(state: PartnershipState) -> dt.date | None:
    """The latest day on which anything in `state` was recorded, or None when nothing is dated.

    Every record's existence date and every dated fact about it that
    :func:`known_on` would leave out before its day count, so nothing of
    `state` is unknown on any day from this one on (one pass, no copies).
    """
    last: dt.date | None = None

    def later(value: Any) -> None:
        nonlocal last
        if isinstance(value, dt.date) and (last is None or value > last):
            last = value

    sections: list[tuple[str, Sequence[BaseModel] | None]] = [
        ("communications", state.communications),
        ("recognitions", state.recognitions),
        ("escalations", state.escalations),
        ("action_items", state.action_items),
        ("requisitions", state.requisitions),
        ("surveys", state.surveys),
        ("milestones", state.milestones),
        ("agreed_actions", state.agreed_actions),
    ]
    if state.improvement is not None:
        sections += [
            ("issues", state.improvement.issues),
            ("corrective_actions", state.improvement.corrective_actions),
            ("retrospectives", state.improvement.retrospectives),
        ]
    for name, records in sections:
        if not records:
            continue
        exists = _EXISTS_FROM.get(name)
        facts = _LATER_FACTS.get(name, ())
        if name == "issues":
            facts = (*facts, "root_cause_date")
        if exists is not None:
            later(max(getattr(record, exists) for record in records))
        for fact in facts:
            for record in records:
                later(getattr(record, fact))
    if state.pulse is not None and state.pulse.waves:
        later(max(wave.date for wave in state.pulse.waves))
    for metric in state.metrics or ():
        later(metric.adopted)
        later(metric.retired)
        if metric.observations:
            later(max(obs.period_end for obs in metric.observations))
    purpose = state.purpose
    if purpose is not None:
        later(purpose.documented)
        later(purpose.last_reviewed)
        for sign in purpose.sign_offs or ():
            later(sign.date)
    for side in (state.partnership.client, state.partnership.provider):
        for sponsor in side.sponsors or ():
            later(sponsor.start)
            later(sponsor.end)
    return last


def _later(value: Any, day: dt.date) -> bool:
    return isinstance(value, dt.date) and value > day


class _Trimmer:
    """Builds the state as known on `day`, recording which records each list kept."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        self.kept: dict[str, list[int]] = {}

    def state(self, state: PartnershipState) -> KnownState:
        update: dict[str, Any] = {}
        for name in (
            "communications",
            "recognitions",
            "escalations",
            "action_items",
            "requisitions",
            "surveys",
            "milestones",
            "agreed_actions",
        ):
            records = getattr(state, name)
            if records is not None and name == "agreed_actions":
                update[name] = self.records(f"/{name}", name, records, self.agreed_action)
            elif records is not None:
                update[name] = self.records(f"/{name}", name, records)
        if state.metrics is not None:
            update["metrics"] = self.records("/metrics", "metrics", state.metrics, self.metric)
        if state.improvement is not None:
            improvement: dict[str, Any] = {}
            for name in ("issues", "corrective_actions", "retrospectives"):
                records = getattr(state.improvement, name)
                if records is not None:
                    finish = self.issue if name == "issues" else None
                    improvement[name] = self.records(f"/improvement/{name}", name, records, finish)
            update["improvement"] = state.improvement.model_copy(update=improvement)
        if state.purpose is not None:
            update["purpose"] = self.purpose(state.purpose)
        if state.pulse is not None:
            waves = self.records("/pulse/waves", "waves", state.pulse.waves)
            update["pulse"] = state.pulse.model_copy(update={"waves": waves})
        partnership = state.partnership
        sides = {
            side: self.side(f"/partnership/{side}", getattr(partnership, side))
            for side in ("client", "provider")
        }
        update["partnership"] = partnership.model_copy(update={**sides, "as_of": self.day})
        return KnownState(state.model_copy(update=update), self.kept)

    def records(
        self,
        pointer: str,
        kind: str,
        records: Sequence[_M],
        finish: Callable[[str, _M], _M | None] | None = None,
    ) -> list[_M]:
        """The records of one list known on the day, each with its later facts cleared."""
        exists = _EXISTS_FROM.get(kind)
        facts = _LATER_FACTS.get(kind, ())
        kept: list[_M] = []
        positions: list[int] = []
        for index, record in enumerate(records):
            if exists is not None and getattr(record, exists) > self.day:
                continue
            cleared = {fact: None for fact in facts if _later(getattr(record, fact), self.day)}
            if cleared:
                record = record.model_copy(update=cleared)
            if finish is not None:
                finished = finish(f"{pointer}/{index}", record)
                if finished is None:
                    continue
                record = finished
            kept.append(record)
            positions.append(index)
        if len(kept) < len(records):
            self.kept[pointer] = positions
        return kept

    def metric(self, pointer: str, metric: Metric) -> Metric | None:
        if _later(metric.adopted, self.day):
            return None  # not yet on the scorecard
        observations = self.records(f"{pointer}/observations", "observations", metric.observations)
        if len(observations) == len(metric.observations):
            return metric
        return metric.model_copy(update={"observations": observations})

    def issue(self, pointer: str, issue: Issue) -> Issue:
        if _later(issue.root_cause_date, self.day):
            return issue.model_copy(update=dict.fromkeys(_ROOT_CAUSE))
        return issue

    def purpose(self, purpose: Purpose) -> Purpose:
        if _later(purpose.documented, self.day):
            # Not written yet: nothing of it was known, though the sections stay recorded.
            return purpose.model_copy(
                update={
                    "statement": None,
                    "documented": None,
                    "last_reviewed": None,
                    "goals": None if purpose.goals is None else [],
                    "sign_offs": None if purpose.sign_offs is None else [],
                }
            )
        update: dict[str, Any] = {}
        if _later(purpose.last_reviewed, self.day):
            update["last_reviewed"] = None
        if purpose.sign_offs is not None:
            update["sign_offs"] = self.records("/purpose/sign_offs", "sign_offs", purpose.sign_offs)
        return purpose.model_copy(update=update) if update else purpose

    def side(self, pointer: str, side: Any) -> Any:
        if side.sponsors is None:
            return side
        sponsors = self.records(f"{pointer}/sponsors", "sponsors", side.sponsors, self.sponsor)
        return side.model_copy(update={"sponsors": sponsors})

    def agreed_action(self, pointer: str, action: AgreedAction) -> AgreedAction:
        # Done later than the day (the completion date was cleared): on the day still open.
        if action.status is AgreedActionStatus.DONE and action.completed is None:
            return action.model_copy(update={"status": AgreedActionStatus.OPEN})
        return action

    def sponsor(self, pointer: str, sponsor: Sponsor) -> Sponsor | None:
        return None if _later(sponsor.start, self.day) else sponsor
