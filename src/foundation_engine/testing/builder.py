"""A fluent builder of partnership states for tests.

Every section starts unrecorded (``None``); a method that adds a record
creates its section. ``recorded("communications")`` records an empty list,
which rules judge, unlike a missing one, which they treat as not applicable::

    state = (
        StateBuilder(start="2026-01-05", as_of="2026-06-30")
        .weekly_touchpoints("2026-01-05", "2026-06-29")
        .metric("ttf", kind="time_to_fill", target=40, observations=[("2026-05-31", 38)])
        .build()
    )
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from foundation_engine.state.model import PartnershipState
from foundation_engine.state.validation import validate_state

DateLike = dt.date | str


def _iso(value: DateLike | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else value


def _date(value: DateLike) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


_LIST_SECTIONS = (
    "communications",
    "metrics",
    "recognitions",
    "milestones",
    "escalations",
    "action_items",
    "requisitions",
    "surveys",
    "agreed_actions",
)
_IMPROVEMENT_LISTS = ("issues", "corrective_actions", "retrospectives")
_PURPOSE_LISTS = ("goals", "sign_offs")


class StateBuilder:
    """Build a valid :class:`PartnershipState` one record at a time."""

    def __init__(
        self,
        *,
        start: DateLike = "2025-01-06",
        as_of: DateLike | None = "2026-01-05",
        go_live: DateLike | None = None,
        id: str = "test-partnership",
        name: str = "Test partnership",
        client: str = "Client Co",
        provider: str = "Provider Co",
        contract_end: DateLike | None = None,
    ) -> None:
        self._doc: dict[str, Any] = {
            "schema_version": "1.0",
            "partnership": {
                "id": id,
                "name": name,
                "client": {"name": client},
                "provider": {"name": provider},
                "start_date": _iso(start),
            },
        }
        p = self._doc["partnership"]
        if as_of is not None:
            p["as_of"] = _iso(as_of)
        if go_live is not None:
            p["go_live_date"] = _iso(go_live)
        if contract_end is not None:
            p["contract_end"] = _iso(contract_end)

    # -- general -------------------------------------------------------------

    def recorded(self, *sections: str) -> StateBuilder:
        """Record these sections as present but empty (``communications``, ``goals``...)."""
        for section in sections:
            if section in _LIST_SECTIONS:
                self._doc.setdefault(section, [])
            elif section in _IMPROVEMENT_LISTS:
                self._doc.setdefault("improvement", {}).setdefault(section, [])
            elif section in _PURPOSE_LISTS:
                self._doc.setdefault("purpose", {}).setdefault(section, [])
            elif section in ("purpose", "improvement"):
                self._doc.setdefault(section, {})
            else:
                raise ValueError(f"unknown section {section!r}")
        return self

    def set(self, pointer: str, value: Any) -> StateBuilder:
        """Set any field by JSON Pointer, creating objects on the way (``/partnership/as_of``)."""
        parts = pointer.strip("/").split("/")
        node: Any = self._doc
        for part in parts[:-1]:
            node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
        if isinstance(node, list):
            node[int(parts[-1])] = value
        else:
            node[parts[-1]] = value
        return self

    def _append(self, section: str, record: dict[str, Any]) -> StateBuilder:
        clean = {k: v for k, v in record.items() if v is not None}
        if section in _IMPROVEMENT_LISTS:
            self._doc.setdefault("improvement", {}).setdefault(section, []).append(clean)
        elif section in _PURPOSE_LISTS:
            self._doc.setdefault("purpose", {}).setdefault(section, []).append(clean)
        else:
            self._doc.setdefault(section, []).append(clean)
        return self

    # -- partnership -----------------------------------------------------------

    def sponsor(
        self,
        party: str,
        name: str,
        role: str = "point_person",
        start: DateLike | None = None,
        end: DateLike | None = None,
    ) -> StateBuilder:
        side = self._doc["partnership"][party]
        side.setdefault("sponsors", []).append(
            {
                k: v
                for k, v in {
                    "name": name,
                    "role": role,
                    "start": _iso(start),
                    "end": _iso(end),
                }.items()
                if v is not None
            }
        )
        return self

    def contract_terms(
        self, positive_incentives: bool | None = None, penalties: bool | None = None
    ) -> StateBuilder:
        self._doc["partnership"]["contract_terms"] = {
            k: v
            for k, v in {"positive_incentives": positive_incentives, "penalties": penalties}.items()
            if v is not None
        }
        return self

    # -- purpose ---------------------------------------------------------------

    def purpose(
        self,
        statement: str | None = "Hire great people and improve how we hire, together.",
        documented: DateLike | None = None,
        last_reviewed: DateLike | None = None,
    ) -> StateBuilder:
        purpose = self._doc.setdefault("purpose", {})
        for key, value in (
            ("statement", statement),
            ("documented", _iso(documented)),
            ("last_reviewed", _iso(last_reviewed)),
        ):
            if value is not None:
                purpose[key] = value
        return self

    def sign_off(self, party: str, name: str, date: DateLike) -> StateBuilder:
        return self._append("sign_offs", {"party": party, "name": name, "date": _iso(date)})

    def goal(
        self,
        id: str,
        description: str = "A goal",
        category: str | None = "hire_talent",
        target_date: DateLike | None = None,
        metric_ids: Sequence[str] = (),
    ) -> StateBuilder:
        return self._append(
            "goals",
            {
                "id": id,
                "description": description,
                "category": category,
                "target_date": _iso(target_date),
                "metric_ids": list(metric_ids),
            },
        )

    # -- communication ---------------------------------------------------------

    def touchpoint(
        self,
        date: DateLike,
        kind: str = "weekly_checkin",
        channel: str = "video",
        parties: Sequence[str] = ("client", "provider"),
        topics: Sequence[str] = (),
        initiated_by: str | None = None,
    ) -> StateBuilder:
        return self._append(
            "communications",
            {
                "date": _iso(date),
                "kind": kind,
                "channel": channel,
                "parties": list(parties),
                "topics": list(topics),
                "initiated_by": initiated_by,
            },
        )

    def weekly_touchpoints(
        self, first: DateLike, last: DateLike, every_days: int = 7, **fields: Any
    ) -> StateBuilder:
        """A touchpoint every `every_days` days from `first` up to `last`."""
        day, end = _date(first), _date(last)
        while day <= end:
            self.touchpoint(day, **fields)
            day += dt.timedelta(days=every_days)
        return self

    # -- metrics ---------------------------------------------------------------

    def metric(
        self,
        id: str,
        name: str | None = None,
        *,
        kind: str = "custom",
        observations: Iterable[tuple[DateLike, float]] = (),
        benchmark: tuple[float, str] | None = None,
        **fields: Any,
    ) -> StateBuilder:
        """A metric; extra keyword fields (target, baseline, direction...) pass through."""
        record: dict[str, Any] = {
            "id": id,
            "name": name or id.replace("_", " "),
            "kind": kind,
            "observations": [
                {"period_end": _iso(day), "value": value} for day, value in observations
            ],
        }
        if benchmark is not None:
            record["benchmark"] = {"value": benchmark[0], "source": benchmark[1]}
        for key, value in fields.items():
            record[key] = _iso(value) if isinstance(value, dt.date) else value
        return self._append("metrics", record)

    # -- recognition and milestones -------------------------------------------

    def recognition(
        self,
        date: DateLike,
        from_party: str = "client",
        to_party: str = "provider",
        description: str = "Thank you",
        **links: str,
    ) -> StateBuilder:
        return self._append(
            "recognitions",
            {
                "date": _iso(date),
                "from_party": from_party,
                "to_party": to_party,
                "description": description,
                **links,
            },
        )

    def milestone(
        self,
        id: str,
        name: str | None = None,
        planned: DateLike | None = None,
        achieved: DateLike | None = None,
    ) -> StateBuilder:
        return self._append(
            "milestones",
            {"id": id, "name": name or id, "planned": _iso(planned), "achieved": _iso(achieved)},
        )

    # -- improvement -----------------------------------------------------------

    def issue(
        self, id: str, opened: DateLike, description: str = "A slip-up", **fields: Any
    ) -> StateBuilder:
        record = {"id": id, "opened": _iso(opened), "description": description}
        record.update({k: _iso(v) if isinstance(v, dt.date) else v for k, v in fields.items()})
        return self._append("issues", record)

    def corrective_action(
        self,
        id: str,
        opened: DateLike,
        owner: str = "provider",
        description: str = "Fix it",
        **fields: Any,
    ) -> StateBuilder:
        record = {"id": id, "opened": _iso(opened), "owner": owner, "description": description}
        record.update({k: _iso(v) if isinstance(v, dt.date) else v for k, v in fields.items()})
        return self._append("corrective_actions", record)

    def retrospective(
        self,
        date: DateLike,
        title: str = "Retrospective",
        kind: str = "retrospective",
        parties: Sequence[str] = ("client", "provider"),
    ) -> StateBuilder:
        return self._append(
            "retrospectives",
            {"date": _iso(date), "title": title, "kind": kind, "parties": list(parties)},
        )

    # -- urgency ---------------------------------------------------------------

    def escalation(
        self,
        date: DateLike,
        raised_by: str = "client",
        level: str = "executive",
        reason: str = "Not enough hires yet",
        termination_threatened: bool = False,
        resolved: DateLike | None = None,
    ) -> StateBuilder:
        return self._append(
            "escalations",
            {
                "date": _iso(date),
                "raised_by": raised_by,
                "level": level,
                "reason": reason,
                "termination_threatened": termination_threatened,
                "resolved": _iso(resolved),
            },
        )

    def action_item(
        self,
        id: str,
        raised: DateLike,
        due: DateLike,
        completed: DateLike | None = None,
        owner: str = "both",
        description: str = "Follow up",
    ) -> StateBuilder:
        return self._append(
            "action_items",
            {
                "id": id,
                "raised": _iso(raised),
                "due": _iso(due),
                "completed": _iso(completed),
                "owner": owner,
                "description": description,
            },
        )

    def requisition(self, id: str, opened: DateLike, **dates: DateLike | None) -> StateBuilder:
        return self._append(
            "requisitions",
            {"id": id, "opened": _iso(opened), **{k: _iso(v) for k, v in dates.items()}},
        )

    def survey(
        self, date: DateLike, party: str, topic: str, score: float, scale_max: float = 5
    ) -> StateBuilder:
        return self._append(
            "surveys",
            {
                "date": _iso(date),
                "party": party,
                "topic": topic,
                "score": score,
                "scale_max": scale_max,
            },
        )

    def agreed_action(
        self,
        id: str,
        rule: str,
        agreed: DateLike,
        due: DateLike,
        owner: str = "both",
        description: str = "Fix the finding",
        **fields: Any,
    ) -> StateBuilder:
        """An action agreed to fix the finding of `rule`; `status`, `completed` pass through."""
        record = {
            "id": id,
            "rule": rule,
            "description": description,
            "owner": owner,
            "agreed": _iso(agreed),
            "due": _iso(due),
        }
        record.update({k: _iso(v) if isinstance(v, dt.date) else v for k, v in fields.items()})
        return self._append("agreed_actions", record)

    def pulse_answers(
        self,
        date: DateLike,
        party: str,
        question: str,
        scores: Iterable[int],
        *,
        role: str | None = None,
        comments: Sequence[str | None] = (),
        wave: str | None = None,
    ) -> StateBuilder:
        """Answers of `party` to one pulse statement, one per score, in the wave closed on `date`.

        The wave (matched by its date and `wave` name) is created on first use;
        ``comments[i]`` goes with the i-th score.
        """
        pulse = self._doc.setdefault("pulse", {})
        waves = pulse.setdefault("waves", [])
        found = next((w for w in waves if w["date"] == _iso(date) and w.get("name") == wave), None)
        if found is None:
            found = {"date": _iso(date), "responses": []}
            if wave is not None:
                found["name"] = wave
            waves.append(found)
        for index, score in enumerate(scores):
            comment = comments[index] if index < len(comments) else None
            response = {"party": party, "role": role, "question": question, "score": score}
            response["comment"] = comment
            found["responses"].append({k: v for k, v in response.items() if v is not None})
        return self

    def pulse_question(self, id: str, text: str, technique: str) -> StateBuilder:
        """A statement of the partnership's own, asked about `technique`."""
        pulse = self._doc.setdefault("pulse", {})
        pulse.setdefault("questions", []).append({"id": id, "text": text, "technique": technique})
        return self

    def pulse_min_respondents(self, count: int) -> StateBuilder:
        """The fewest people of one side whose answers are averaged and shown."""
        self._doc.setdefault("pulse", {})["min_respondents"] = count
        return self

    def extension(self, namespace: str, data: Any) -> StateBuilder:
        self._doc.setdefault("extensions", {})[namespace] = data
        return self

    # -- output ----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """A deep copy of the document built so far."""
        return copy.deepcopy(self._doc)

    def build(self) -> PartnershipState:
        """Validate and return the state (raises the engine's input errors when invalid)."""
        return validate_state(self.to_dict(), "<StateBuilder>")
