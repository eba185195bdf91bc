"""Folding imported records into a state, without duplicating any.

Each kind of record has a stable identity, so importing the same source again
updates what it brought last time instead of adding it twice:

- a touchpoint from a calendar: its event's UID and occurrence;
- a requisition: its id;
- a metric reading: its metric and period end;
- a survey result: its date, side and topic;
- a pulse wave: its closing date and name (its answers are replaced whole:
  answers are anonymous, so a wave is the smallest thing with an identity);
- a metric a scorecard named: its id (an existing metric is kept as it is).

Records the sources did not bring (typed in a workbook, say) are kept.
Touchpoints and survey results end up in date order, readings in period order.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .sources import Imported


@dataclass
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        parts = [f"{self.added} added"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        return ", ".join(parts)


@dataclass
class Merged:
    document: dict[str, Any]
    tallies: dict[str, Tally] = field(default_factory=dict)

    def tally(self, kind: str) -> Tally:
        return self.tallies.setdefault(kind, Tally())


def _touchpoint_key(record: dict[str, Any]) -> Hashable:
    source = record.get("source") or {}
    uid = source.get("uid")
    return (uid, source.get("instance")) if uid else None


def _fold(
    records: list[dict[str, Any]],
    incoming: Sequence[dict[str, Any]],
    key: Callable[[dict[str, Any]], Hashable],
    tally: Tally,
) -> None:
    at = {k: i for i, r in enumerate(records) if (k := key(r)) is not None}
    for record in incoming:
        k = key(record)
        i = at.get(k) if k is not None else None
        if i is None:
            if k is not None:
                at[k] = len(records)
            records.append(record)
            tally.added += 1
        elif records[i] == record:
            tally.unchanged += 1
        else:
            records[i] = record
            tally.updated += 1


def merge(document: dict[str, Any], imports: Sequence[Imported]) -> Merged:
    """`document` (a state as JSON-like data) with the records of `imports` folded in."""
    out = Merged(copy.deepcopy(document))
    doc = out.document
    for imported in imports:
        if imported.communications:
            if doc.get("communications") is None:
                doc["communications"] = []
            _fold(
                doc["communications"],
                imported.communications,
                _touchpoint_key,
                out.tally("communications"),
            )
        if imported.requisitions:
            if doc.get("requisitions") is None:
                doc["requisitions"] = []
            _fold(
                doc["requisitions"],
                imported.requisitions,
                lambda r: r.get("id"),
                out.tally("requisitions"),
            )
        if imported.metrics or imported.observations:
            if doc.get("metrics") is None:
                doc["metrics"] = []
            known = {m.get("id") for m in doc["metrics"]}
            for metric in imported.metrics:
                if metric["id"] not in known:
                    doc["metrics"].append(copy.deepcopy(metric))
                    known.add(metric["id"])
                    out.tally("metrics").added += 1
            by_id = {m.get("id"): m for m in doc["metrics"]}
            for metric_id, observation in imported.observations:
                readings = by_id[metric_id].setdefault("observations", [])
                _fold(
                    readings,
                    [observation],
                    lambda r: r.get("period_end"),
                    out.tally("metric readings"),
                )
        if imported.surveys:
            if doc.get("surveys") is None:
                doc["surveys"] = []
            _fold(
                doc["surveys"],
                imported.surveys,
                lambda r: (r.get("date"), r.get("party"), r.get("topic")),
                out.tally("surveys"),
            )
        if imported.pulse_waves:
            pulse = doc.setdefault("pulse", {})
            waves = pulse.setdefault("waves", [])
            _fold(
                waves,
                imported.pulse_waves,
                lambda w: (w.get("date"), w.get("name")),
                out.tally("pulse waves"),
            )
    if doc.get("communications"):
        doc["communications"].sort(key=lambda r: str(r.get("date")))
    if doc.get("surveys"):
        doc["surveys"].sort(key=lambda r: str(r.get("date")))
    for metric in doc.get("metrics") or ():
        if metric.get("observations"):
            metric["observations"].sort(key=lambda r: str(r.get("period_end")))
    return out
