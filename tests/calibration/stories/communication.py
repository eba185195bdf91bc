"""Communication gone quiet: lapsed check-ins, an absent client, QBRs sent as decks."""

from __future__ import annotations

from ._build import Cast, Doc, Partnership, Timeline, d, touchpoints
from .model import Story, all_but, expect

HARBORVIEW = Cast(
    id="harborview-meridian",
    client="Harborview Bank",
    provider="Meridian RPO",
    client_sponsor="Eleanor Shaw",
    client_lead="Samir Haddad",
    provider_sponsor="Brendan Walsh",
    provider_lead="Ana Costa",
    roles="branch, contact-centre and risk roles",
    statement=(
        "Hire the branch, contact-centre and risk staff Harborview needs to open its new "
        "regions on time, and give every candidate an experience worthy of the bank."
    ),
)


def checkins_lapsed_twice() -> Doc:
    timeline = Timeline(d("2024-10-07"), d("2024-12-16"), d("2026-06-26"), d("2027-10-06"))
    p = Partnership(HARBORVIEW, timeline, 43)
    p.sponsors().contract().purpose()
    # Summer holidays, then a core-banking migration: weekly check-ins stopped twice.
    p.communications(
        lapses=[(d("2025-07-08"), d("2025-08-19")), (d("2026-02-03"), d("2026-03-10"))]
    )
    return (
        p.scorecard()
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


LAKESHORE = Cast(
    id="lakeshore-beacon",
    client="Lakeshore Insurance",
    provider="Beacon Talent",
    client_sponsor="Richard Hale",
    client_lead="Monique Dubois",
    provider_sponsor="Aaron Whitlock",
    provider_lead="Jasmine Patel",
    roles="claims, underwriting and customer service roles",
    statement=(
        "Fill Lakeshore's claims, underwriting and service roles with people who stay, "
        "and lower the cost of every hire."
    ),
)

GOVERNANCE = ("monthly_review", "qbr", "executive_review", "feedback")


def client_absent() -> Doc:
    timeline = Timeline(d("2024-09-09"), d("2024-11-18"), d("2026-06-12"), d("2027-09-08"))
    p = Partnership(LAKESHORE, timeline, 47)
    doc = (
        p.sponsors()
        .contract()
        .purpose()
        .communications()
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
    for n, tp in enumerate(touchpoints(doc)):
        if tp["kind"] == "weekly_checkin":
            # The weekly call became an emailed update; a real call happens now and then.
            if n % 10 == 0:
                continue
            tp["channel"] = "email"
            tp["initiated_by"] = "provider"
            tp["parties"] = ["provider", "client"] if n % 3 == 0 else ["provider"]
        elif tp["kind"] in GOVERNANCE:
            # The provider holds every review; the client sends apologies or does not join.
            tp["parties"] = ["provider"]
            tp["initiated_by"] = "provider"
            tp["channel"] = "email" if tp["kind"] == "feedback" else "video"
            tp["note"] = "Client sent apologies; pack emailed afterwards."
    # The purpose was reviewed by an exchange of emails, with both sponsors replying.
    for review in touchpoints(doc, "executive_review"):
        review.update(
            channel="email",
            parties=["client", "provider"],
            note="Purpose and goals reviewed by email; both sponsors confirmed in writing.",
        )
    for kickoff in touchpoints(doc, "qbr")[:1]:
        kickoff.update(parties=["client", "provider"], channel="in_person")
        kickoff["note"] = "Kick-off, the only governance meeting the client attended."
    return doc


SUMMIT_RIDGE = Cast(
    id="summitridge-clearpath",
    client="Summit Ridge Insurance",
    provider="ClearPath RPO",
    client_sponsor="Howard Lin",
    client_lead="Isabel Moreno",
    provider_sponsor="Nadia Rahman",
    provider_lead="Greg Olsen",
    roles="actuarial, IT and broker support roles",
    statement=(
        "Bring Summit Ridge the actuaries, IT specialists and broker support staff it needs, "
        "at lower cost than agencies, with hiring managers who trust the shortlists."
    ),
)


def qbrs_by_email() -> Doc:
    timeline = Timeline(d("2024-10-07"), d("2024-12-16"), d("2026-06-19"), d("2027-10-06"))
    p = Partnership(SUMMIT_RIDGE, timeline, 53)
    doc = (
        p.sponsors()
        .contract()
        .purpose()
        .communications()
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
    for qbr in touchpoints(doc, "qbr")[1:]:
        qbr.update(
            channel="email",
            parties=["provider"],
            initiated_by="provider",
            note="QBR deck emailed to the client's sponsor; no meeting held.",
        )
    return doc


STORIES = [
    Story(
        id="checkins-lapsed-twice",
        title="Weekly check-ins lapsed for seven weeks, then again for six",
        narrative=(
            "Harborview Bank and Meridian RPO met every Tuesday until the summer of 2025, when "
            "holidays on both sides stopped the check-ins for seven weeks. They resumed, then "
            "stopped again for six weeks during the bank's core-banking migration in early "
            "2026. Monthly reviews and QBRs went ahead throughout, and the rest of the "
            "partnership is in good order."
        ),
        build=checkins_lapsed_twice,
        expect=expect(
            {"sound", "fragile"},
            flagged={"communication"},
            not_flagged=all_but("communication"),
            why=(
                "Two gaps of six weeks and more in the weekly touchpoint are far beyond the 14 "
                "days the domain reference allows; a monthly review does not replace the "
                "weekly conversation. Everything else is healthy."
            ),
        ),
    ),
    Story(
        id="client-absent",
        title="Client absent from every governance meeting; contact nearly all by email",
        narrative=(
            "Since the kick-off, Lakeshore Insurance has not attended one monthly review or QBR "
            "with Beacon Talent: the provider holds them, the client sends apologies and gets "
            "the pack by email. The weekly call became an emailed update that the client "
            "answers now and then. The provider's work is good: KPIs are defined and on target, "
            "slip-ups are fixed, requisitions move fast, and thanks arrive by email."
        ),
        build=client_absent,
        expect=expect(
            {"sound", "fragile"},
            flagged={"communication"},
            not_flagged=all_but("communication"),
            why=(
                "Both parties must be present at governance meetings and most meetings should be "
                "face to face or on video; here the client is never in the room and the weekly "
                "touchpoint is an email. The other techniques' records are healthy."
            ),
        ),
    ),
    Story(
        id="qbrs-by-email",
        title="A QBR every quarter, but each one a deck emailed to an absent client",
        narrative=(
            "Summit Ridge Insurance and ClearPath RPO held an in-person kick-off; since then "
            "every quarterly business review has been a slide deck the provider emails to the "
            "client's sponsor, with no meeting. Weekly check-ins and monthly reviews are held "
            "on video with both sides, and the partnership is otherwise healthy."
        ),
        build=qbrs_by_email,
        expect=expect(
            {"sound", "fragile"},
            flagged={"communication"},
            not_flagged=all_but("communication"),
            why=(
                "A QBR nobody from the client attends is not a business review: the domain wants "
                "both parties present at governance meetings and at least every second QBR in "
                "person. Weekly and monthly governance is sound, so only communication is "
                "flagged."
            ),
        ),
    ),
]
