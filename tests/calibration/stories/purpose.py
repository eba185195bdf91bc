"""Shared purpose gone wrong: never countersigned, never reviewed, a sponsor seat left empty."""

from __future__ import annotations

from ._build import Cast, Doc, Partnership, Timeline, d, touchpoints
from .model import Story, all_but, expect

RIVERSIDE = Cast(
    id="riverside-keystone",
    client="Riverside Medical Group",
    provider="Keystone Talent Partners",
    client_sponsor="Dr. Amelia Grant",
    client_lead="Tomás Herrera",
    provider_sponsor="Victor Lindqvist",
    provider_lead="Grace Mwangi",
    roles="clinic nursing and front-desk roles",
    statement=(
        "Staff Riverside's twelve clinics with nurses and patient-facing staff who stay, "
        "and cut the weeks a clinic runs short-handed."
    ),
)


def purpose_unsigned_by_provider() -> Doc:
    timeline = Timeline(d("2024-11-04"), d("2025-01-13"), d("2026-06-12"), d("2027-11-03"))
    p = Partnership(RIVERSIDE, timeline, 31)
    p.sponsors().contract().purpose(signers=("client",))
    return (
        p.communications()
        .scorecard()
        .milestones()
        .recognitions()
        .improvement()
        .retrospectives()
        .escalations()
        .action_items()
        .requisitions()
        .surveys()
        .document()
    )


IRONBRIDGE = Cast(
    id="ironbridge-sterling",
    client="Ironbridge Engineering",
    provider="Sterling RPO",
    client_sponsor="Catherine Doyle",
    client_lead="Peter Novak",
    provider_sponsor="Imran Qureshi",
    provider_lead="Laura Bennett",
    provider_lead_successor="Kwame Asante",
    roles="engineering and project delivery roles",
    statement=(
        "Hire the engineers and project managers Ironbridge's order book needs, and make "
        "Ironbridge a place engineers recommend to their peers."
    ),
)


def stale_purpose() -> Doc:
    timeline = Timeline(d("2024-04-01"), d("2024-06-10"), d("2026-06-12"), d("2027-03-31"))
    p = Partnership(IRONBRIDGE, timeline, 37)
    # Goals set at the start with 2025 target dates, and the purpose never looked at again.
    p.sponsors().contract().purpose(
        reviewed=False,
        goal_dates=[d("2025-03-31"), d("2025-06-30"), d("2025-09-30"), d("2025-12-31")],
    )
    return (
        p.communications(executive_reviews=False)
        .scorecard()
        .milestones()
        .recognitions()
        .improvement()
        .retrospectives()
        .escalations()
        .action_items()
        .requisitions()
        .surveys()
        .document()
    )


MAPLE = Cast(
    id="mapleleaf-horizon",
    client="Maple Leaf Telecom",
    provider="Horizon RPO",
    client_sponsor="Sandra Beaulieu",
    client_lead="Jonah Fischer",
    provider_sponsor="Mei Tanaka",
    provider_lead="Chris Adebayo",
    roles="field engineering and retail store roles",
    statement=(
        "Put skilled field engineers and store staff in place ahead of the fibre roll-out, "
        "with hiring managers who trust the process."
    ),
)


def sponsor_seat_empty() -> Doc:
    timeline = Timeline(d("2024-10-07"), d("2024-12-16"), d("2026-06-19"), d("2027-10-06"))
    p = Partnership(MAPLE, timeline, 41)
    # The client's point person left in January and the executive sponsor took over his
    # duties; she left at the end of February, and nobody has been named since.
    p.sponsors(client_sponsor_leaves=d("2026-02-27"), client_lead_leaves=d("2026-01-16"))
    p.contract().purpose()
    doc = (
        p.communications()
        .scorecard()
        .milestones()
        .recognitions()
        .improvement()
        .retrospectives()
        .escalations()
        .action_items()
        .requisitions()
        .surveys()
        .document()
    )
    for qbr in touchpoints(doc, "qbr"):
        if d(qbr["date"]) > d("2026-02-27"):
            qbr["note"] = (
                "Quarterly business review led by the client's talent coordinator; no client "
                "sponsor or point person is named."
            )
    return doc


STORIES = [
    Story(
        id="purpose-unsigned-by-provider",
        title="Written purpose the provider never signed",
        narrative=(
            "Riverside Medical Group wrote the partnership's purpose and goals in the second "
            "week and its executive sponsor signed them. The document went to Keystone Talent "
            "Partners' sponsor for countersignature and never came back. Nineteen months on, "
            "the partnership is otherwise run well: weekly video check-ins, defined KPIs on "
            "target, two-way recognition, slip-ups fixed at the root, requisitions worked "
            "promptly."
        ),
        build=purpose_unsigned_by_provider,
        expect=expect(
            {"sound", "fragile"},
            flagged={"purpose"},
            not_flagged=all_but("purpose"),
            why=(
                "A purpose agreed by one side only is not a shared purpose: the domain wants "
                "both parties' sign-off within 30 days. The rest of the foundation holds, so "
                "the partnership is sound but not strong."
            ),
        ),
    ),
    Story(
        id="stale-purpose",
        title="Purpose signed 26 months ago and never reviewed; goal dates long past",
        narrative=(
            "Ironbridge Engineering and Sterling RPO agreed and signed their purpose in April "
            "2024 with four goals due during 2025. Nobody has reviewed the purpose since, and "
            "every goal's target date has passed without a new one. Day-to-day governance, "
            "the scorecard, recognition, improvement and requisition handling are all in good "
            "order."
        ),
        build=stale_purpose,
        expect=expect(
            {"sound", "fragile"},
            flagged={"purpose"},
            not_flagged=all_but("purpose"),
            why=(
                "A purpose unreviewed for more than 18 months is red in the domain reference, "
                "and goals whose dates have all passed no longer steer anything; the other "
                "techniques are healthy."
            ),
        ),
    ),
    Story(
        id="sponsor-seat-empty",
        title="No named sponsor or point person on the client side for 16 weeks",
        narrative=(
            "Maple Leaf Telecom's point person left in January 2026 and its executive sponsor, "
            "who had signed the purpose with Horizon RPO, took over his duties until she too "
            "left at the end of February. Nobody has been named since; a talent coordinator "
            "keeps the weekly check-ins and reviews going, and the rest of the partnership "
            "runs as well as before."
        ),
        build=sponsor_seat_empty,
        expect=expect(
            {"sound", "fragile"},
            flagged={"purpose"},
            not_flagged=all_but("purpose"),
            why=(
                "A sponsor seat vacant for more than 30 days is red in the domain reference: "
                "nobody on the client side owns the partnership or can take its decisions. "
                "Everything else is healthy."
            ),
        ),
    ),
]
