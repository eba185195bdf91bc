"""Patient urgency gone wrong: requisitions left to languish, and an impatient new client."""

from __future__ import annotations

from dataclasses import replace

from ._build import (
    STANDARD_SLIPS,
    Cast,
    Doc,
    MilestonePlan,
    Partnership,
    Timeline,
    d,
    standard_kpis,
)
from .model import Story, all_but, expect

PINECREST = Cast(
    id="pinecrest-vector",
    client="Pinecrest Manufacturing",
    provider="Vector RPO",
    client_sponsor="Walter Brennan",
    client_lead="Chloe Martin",
    provider_sponsor="Anil Kapoor",
    provider_lead="Rebecca Stone",
    roles="machinist, maintenance and production engineering roles",
    statement=(
        "Staff Pinecrest's two plants with skilled machinists and engineers as the new lines "
        "open, and halve the weeks a line waits for its crew."
    ),
)


def requisitions_languish() -> Doc:
    timeline = Timeline(d("2024-09-09"), d("2024-11-18"), d("2026-06-19"), d("2027-09-08"))
    p = Partnership(PINECREST, timeline, 89)
    p.sponsors().contract().purpose().communications()
    # Time to fill improves, but more slowly than the partnership planned.
    kpis = [
        replace(kpi, first=64.0, last=50.0) if kpi.id == "ttf" else kpi
        for kpi in standard_kpis(PINECREST.client)
    ]
    p.scorecard(kpis).milestones().recognitions().improvement().retrospectives()
    p.escalations().action_items()
    # New requisitions wait days for a recruiter and a fortnight for intake; since the
    # new line was announced, a third of them have not moved at all.
    p.requisitions(
        assign_days=(2, 5),
        intake_days=(6, 12),
        stuck_share=0.35,
        stuck_since=d("2026-01-05"),
    )
    return p.surveys().document()


OAKRIDGE = Cast(
    id="oakridge-lumen",
    client="Oakridge Pharmaceuticals",
    provider="Lumen RPO",
    client_sponsor="Dr. Paul Ashworth",
    client_lead="Renee Castillo",
    provider_sponsor="Hiroshi Sato",
    provider_lead="Amara Okoye",
    roles="laboratory and quality assurance roles",
    statement=(
        "Staff Oakridge's new quality-control laboratory with analysts and QA specialists "
        "who stay, and rebuild Oakridge's scientific hiring process on the way."
    ),
)
OAKRIDGE_TIMELINE = Timeline(d("2026-04-06"), d("2026-06-22"), d("2026-05-29"), d("2029-04-05"))
OAKRIDGE_MILESTONES = (
    MilestonePlan("M1", "Hiring process design signed off", -53, 3, "provider"),
    MilestonePlan("M2", "Applicant tracking system configured", -32, 1, "provider"),
    MilestonePlan("M3", "Go-live", 0, 0, "provider"),
    MilestonePlan("M4", "First 25 laboratory hires", 70, 0, "provider"),
)


def new_impatient() -> Doc:
    t = OAKRIDGE_TIMELINE
    p = Partnership(OAKRIDGE, t, 97)
    p.sponsors().contract().purpose().communications()
    # Baselines and targets agreed with the purpose; one reading so far, from the pre-go-live
    # pilot requisitions.
    p.scorecard(first_reading=t.start)
    p.milestones(OAKRIDGE_MILESTONES)
    b = p.b
    b.recognition(
        d("2026-05-01"),
        "client",
        "provider",
        "Process design finished three days early, with every lab manager consulted",
        milestone_id="M1",
    )
    b.recognition(
        d("2026-05-12"),
        "provider",
        "client",
        "Lab managers booked interview slots for the pilot roles within a day",
        metric_id="hmft",
    )
    b.recognition(
        d("2026-05-26"),
        "client",
        "provider",
        "Applicant tracking system live for the pilot roles on plan",
        milestone_id="M2",
    )
    p.record_slip(
        "I1",
        STANDARD_SLIPS[4],
        d("2026-04-27"),
        root_cause_date=d("2026-04-29"),
        action_opened=d("2026-04-30"),
        due=d("2026-05-15"),
        completed=d("2026-05-14"),
        closed=d("2026-05-15"),
    )
    b.retrospective(d("2026-05-14"), "Implementation retrospective, first six weeks")
    b.escalation(
        d("2026-04-24"),
        "client",
        "executive",
        "Site director asked why no candidates have been presented for the analyst roles",
        resolved=d("2026-04-30"),
    )
    b.escalation(
        d("2026-05-06"),
        "client",
        "executive",
        "Chief executive asked the provider's sponsor why the laboratory is not yet staffed",
        resolved=d("2026-05-13"),
    )
    b.escalation(
        d("2026-05-15"),
        "client",
        "executive",
        "Chief financial officer threatened to end the contract and take hiring back in-house "
        "unless offers are made before go-live",
        termination_threatened=True,
    )
    p.action_items()
    p.requisitions(first=d("2026-04-27"))
    return p.document()


STORIES = [
    Story(
        id="requisitions-languish",
        title="Requisitions wait days for a recruiter, weeks for intake; a third go stale",
        narrative=(
            "Pinecrest Manufacturing and Vector RPO govern well, measure well and thank each "
            "other often. But new requisitions wait two to five business days for a recruiter "
            "and up to three weeks for an intake call, and since the new production line was "
            "announced in January a third of them have not moved: nearly half of open "
            "requisitions are now older than 68 days. Time to fill is improving, more slowly "
            "than planned."
        ),
        build=requisitions_languish,
        expect=expect(
            {"sound", "fragile"},
            flagged={"urgency"},
            not_flagged=all_but("urgency"),
            why=(
                "Urgent about execution means requisitions assigned within 24 hours and intake "
                "within 7 days, with no more than 20% of open requisitions past 68 days; none "
                "of that holds here, while the other techniques are healthy."
            ),
        ),
    ),
    Story(
        id="new-impatient",
        title="Seven weeks in, three executive escalations and a termination threat",
        narrative=(
            "Oakridge Pharmaceuticals signed with Lumen RPO in April 2026 to staff a new "
            "quality-control laboratory; go-live is planned for late June. Implementation is "
            "on plan: purpose signed by both sponsors in week three, weekly video check-ins, "
            "KPIs defined with baselines, two implementation milestones met and thanked, one "
            "slip fixed. But the client's executives escalated on days 18 and 30, and on day "
            "39 the CFO threatened to end the contract; that threat is still open."
        ),
        build=new_impatient,
        expect=expect(
            {"fragile", "at_risk"},
            flagged={"urgency"},
            not_flagged=all_but("urgency"),
            why=(
                "RPO takes time: executive escalations and a termination threat before day 90 "
                "are the impatience the domain warns of, and an open threat to end the contract "
                "is a critical problem however well implementation is going."
            ),
        ),
    ),
]
