"""Probes: the healthy reference partnership with one small lapse each.

A governance lead would note each lapse and move on: none should cost the
partnership more than a few points, and none is a high or critical problem.
"""

from __future__ import annotations

import datetime as dt

from ._build import (
    Doc,
    add_business_days,
    d,
    drop_touchpoints,
    move_touchpoint,
    record,
    touchpoints,
)
from .healthy import healthy
from .model import Probe


def _action_days(doc: Doc) -> set[str]:
    return {item["raised"] for item in doc["action_items"]}


def missed_one_checkin() -> Doc:
    """The weekly check-in of one ordinary March week did not happen."""
    doc = healthy()
    raised = _action_days(doc)
    march = [
        tp["date"]
        for tp in touchpoints(doc, "weekly_checkin")
        if tp["date"].startswith("2026-03") and tp["date"] not in raised
    ]
    day = d(march[0])
    drop_touchpoints(doc, "weekly_checkin", day, day)
    return doc


def late_kpi_reading() -> Doc:
    """Cost per hire for May is not in yet: finance closed the month two weeks late."""
    doc = healthy()
    cph = record(doc, "metrics", "id", "cph")
    cph["observations"] = [o for o in cph["observations"] if o["period_end"] != "2026-05-31"]
    return doc


def root_cause_a_day_late() -> Doc:
    """One slip-up's root cause was confirmed on the sixth business day, not the fifth.

    Its corrective action had already been opened to contain the problem.
    """
    doc = healthy()
    issue = record(doc, "improvement.issues", "id", "I6")
    issue["root_cause_date"] = add_business_days(d(issue["opened"]), 6).isoformat()
    return doc


def christmas_gap() -> Doc:
    """Nineteen days without a check-in over Christmas and New Year 2025.

    The last check-in before the break moved from Tuesday 16 to Wednesday 17
    December, the one on the 23rd was cancelled (the 30th is skipped every
    year), and the first of 2026 was brought forward to Monday 5 January.
    """
    doc = healthy()
    before, after = d("2025-12-17"), d("2026-01-05")
    move_touchpoint(
        doc, "weekly_checkin", d("2025-12-16"), before, "Moved a day for the client's town hall."
    )
    drop_touchpoints(doc, "weekly_checkin", d("2025-12-23"), d("2025-12-23"))
    move_touchpoint(
        doc, "weekly_checkin", d("2026-01-06"), after, "First check-in after the holiday break."
    )
    moved = {"2025-12-16": before, "2025-12-23": before, "2026-01-06": after}
    for item in doc["action_items"]:
        if item["raised"] in moved:
            item["raised"] = moved[item["raised"]].isoformat()
    assert (after - before) == dt.timedelta(days=19)
    return doc


def corrective_action_days_late() -> Doc:
    """One corrective action finished four days after its due date."""
    doc = healthy()
    action = record(doc, "improvement.corrective_actions", "id", "CA-I4")
    done = d(action["due"]) + dt.timedelta(days=4)
    action["completed"] = done.isoformat()
    issue = record(doc, "improvement.issues", "id", "I4")
    issue["closed"] = (done + dt.timedelta(days=1)).isoformat()
    return doc


PROBES = [
    Probe(
        id="missed-one-checkin",
        title="One weekly check-in missed in an ordinary week",
        base="healthy",
        build=missed_one_checkin,
    ),
    Probe(
        id="late-kpi-reading",
        title="One KPI's monthly reading two weeks late",
        base="healthy",
        build=late_kpi_reading,
    ),
    Probe(
        id="root-cause-a-day-late",
        title="One root cause found one business day past the five allowed",
        base="healthy",
        build=root_cause_a_day_late,
    ),
    Probe(
        id="christmas-gap",
        title="A 19-day gap in check-ins over Christmas and New Year",
        base="healthy",
        build=christmas_gap,
    ),
    Probe(
        id="corrective-action-days-late",
        title="One corrective action closed four days late",
        base="healthy",
        build=corrective_action_days_late,
    ),
]
