"""Continual improvement gone wrong: slip-ups left unfixed, and causes always the provider's."""

from __future__ import annotations

import datetime as dt

from ._build import STANDARD_SLIPS, Cast, Doc, Partnership, Slip, Timeline, d
from .model import Story, all_but, expect

SUMMIT = Cast(
    id="summitlogistics-talentworks",
    client="Summit Logistics",
    provider="TalentWorks",
    client_sponsor="Brian Costello",
    client_lead="Ingrid Solberg",
    provider_sponsor="Natalie Osei",
    provider_lead="Hugo Lambert",
    roles="driver, warehouse and transport planning roles",
    statement=(
        "Keep Summit's fleet and warehouses staffed with safe, reliable people, and fill "
        "every driver vacancy before it costs a route."
    ),
)

SLIPS = {slip.category: slip for slip in STANDARD_SLIPS}
SICK_COVER = Slip(
    "Requisitions sat unassigned for a week while two recruiters were off sick",
    "provider",
    "capacity-planning",
    "No cover plan for recruiter absence; leave and sickness are handled ad hoc",
    "Name a back-up recruiter for every requisition",
)

#: (issue id, slip, opened, root cause found, action opened, action due, action done,
#: issue closed): how each slip-up was, or was not, dealt with.
HANDLING: tuple[
    tuple[
        str,
        Slip,
        str,
        str | None,
        str | None,
        str | None,
        str | None,
        str | None,
    ],
    ...,
] = (
    # Handled well, early on.
    ("I1", SLIPS["posting-review"], "2024-12-16", "2024-12-18", "2024-12-18",
     "2025-01-15", "2025-01-13", "2025-01-14"),
    # Cause found after three weeks; the fix finished three weeks late.
    ("I2", SLIPS["interview-scheduling"], "2025-02-10", "2025-03-04", "2025-03-10",
     "2025-04-07", "2025-04-28", "2025-04-30"),
    # Closed when the outage ended: no cause, no action.
    ("I3", SLIPS["vendor-capacity"], "2025-04-07", None, None, None, None, "2025-04-30"),
    # Cause found quickly; the action came three weeks later and finished five weeks late.
    ("I4", SLIPS["template-control"], "2025-05-26", "2025-05-28", "2025-06-16",
     "2025-07-14", "2025-08-20", "2025-08-22"),
    # No cause; an action three weeks on, never finished.
    ("I5", SLIPS["intake-quality"], "2025-07-21", None, "2025-08-11", "2025-09-12",
     None, None),
    # Cause after three weeks, no action: it came back seven weeks later.
    ("I6", SLIPS["capacity-planning"], "2025-09-15", "2025-10-03", None, None, None, None),
    ("I7", SICK_COVER, "2025-11-03", "2025-11-05", "2025-11-07", "2025-12-05", None, None),
    # Nobody looked into it.
    ("I8", SLIPS["onboarding-handoff"], "2026-01-12", None, None, None, None, None),
    # The data-handling breach was handled properly.
    ("I9", SLIPS["data-handling"], "2026-02-23", "2026-02-25", "2026-02-26",
     "2026-03-27", "2026-03-25", "2026-03-27"),
    # No cause, and the action is five weeks overdue.
    ("I10", SLIPS["requisition-hygiene"], "2026-04-13", None, "2026-05-04", "2026-05-15",
     None, None),
    # Recent and on track.
    ("I11", SLIPS["approval-routing"], "2026-06-08", "2026-06-10", "2026-06-11",
     "2026-07-02", None, None),
)  # fmt: skip


def _day(text: str | None) -> dt.date | None:
    return d(text) if text is not None else None


def slipups_left_unfixed() -> Doc:
    timeline = Timeline(d("2024-09-09"), d("2024-11-18"), d("2026-06-19"), d("2027-09-08"))
    p = Partnership(SUMMIT, timeline, 79)
    p.sponsors().contract().purpose().communications().scorecard().milestones().recognitions()
    for iid, slip, opened, found, acted, due, done, closed in HANDLING:
        p.record_slip(
            iid,
            slip,
            d(opened),
            root_cause_date=_day(found),
            action_opened=_day(acted),
            due=_day(due),
            completed=_day(done),
            closed=_day(closed),
        )
    # Retrospectives stopped after May 2025.
    p.retrospectives(until=d("2025-06-30"))
    return p.escalations().action_items().requisitions().surveys().document()


ALDER = Cast(
    id="alder-quarry",
    client="Alder Biotech",
    provider="Quarry Talent Partners",
    client_sponsor="Dr. Helena Voss",
    client_lead="Marco Bianchi",
    provider_sponsor="Simone Achebe",
    provider_lead="Ethan Clarke",
    roles="laboratory, quality and manufacturing roles",
    statement=(
        "Hire the scientists and manufacturing staff Alder's new plant needs on schedule, "
        "and make Alder's hiring managers confident interviewers."
    ),
)


def provider_only_root_causes() -> Doc:
    timeline = Timeline(d("2024-09-16"), d("2024-11-25"), d("2026-06-12"), d("2027-09-15"))
    p = Partnership(ALDER, timeline, 83)
    return (
        p.sponsors()
        .contract()
        .purpose()
        .communications()
        .scorecard()
        .milestones()
        .recognitions()
        # Every cause is written down as the provider's, even when managers missed
        # interviews or approvals stalled on the client's side.
        .improvement(recorded_side="provider")
        .retrospectives()
        .escalations()
        .action_items()
        .requisitions()
        .surveys()
        .document()
    )


STORIES = [
    Story(
        id="slipups-left-unfixed",
        title="Slip-ups logged but left without causes, actions or follow-through",
        narrative=(
            "Summit Logistics and TalentWorks log their slip-ups faithfully, but after the "
            "first few months most go nowhere: causes are found weeks later or never, several "
            "slips have no corrective action, actions finish weeks late or sit overdue, the "
            "recruiter-capacity problem came back within two months, and the quarterly "
            "retrospectives stopped after May 2025. KPIs, governance and recognition "
            "are healthy."
        ),
        build=slipups_left_unfixed,
        expect=expect(
            {"sound", "fragile"},
            flagged={"improvement"},
            not_flagged=all_but("improvement"),
            why=(
                "Slip-ups without a root cause or corrective action within five business days, "
                "actions months overdue, a cause recurring inside 90 days and no retrospective "
                "for a year: the improvement loop is broken while everything else holds."
            ),
        ),
    ),
    Story(
        id="provider-only-root-causes",
        title="Every root cause recorded as the provider's, even the client's own",
        narrative=(
            "Alder Biotech and Quarry Talent Partners trace and fix every slip-up within days. "
            "But each root cause is put down to the provider, including hiring managers' "
            "missed interview slots, approvals routed to a manager who had left and "
            "requisitions raised without job profiles. The partnership is otherwise healthy."
        ),
        build=provider_only_root_causes,
        expect=expect(
            {"strong", "sound"},
            flagged={"improvement"},
            not_flagged=all_but("improvement"),
            why=(
                "Root causes must be recorded on the client side too: when only the provider "
                "ever owns a cause, the client's share of the fix is never made. A medium "
                "lapse in an otherwise strong partnership."
            ),
        ),
    ),
]
