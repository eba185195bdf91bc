"""Recognition gone missing: dried up, never started, or flowing one way only."""

from __future__ import annotations

import datetime as dt

from ._build import Cast, Doc, MilestonePlan, Partnership, Timeline, d
from .model import Story, all_but, expect

COASTAL = Cast(
    id="coastal-peoplefirst",
    client="Coastal Credit Union",
    provider="PeopleFirst RPO",
    client_sponsor="Margaret Quinn",
    client_lead="Darius Young",
    provider_sponsor="Stefan Berg",
    provider_lead="Olivia Grant",
    roles="member service and lending roles",
    statement=(
        "Staff Coastal's branches and lending teams with people who reflect its members and "
        "stay, and make hiring quicker for branch managers."
    ),
)
#: The day the client's new point person took over; nobody has thanked anyone since.
HANDOVER = d("2026-01-16")


def recognition_dried_up() -> Doc:
    timeline = Timeline(d("2024-08-05"), d("2024-10-14"), d("2026-06-12"), d("2027-08-04"))
    p = Partnership(COASTAL, timeline, 67)
    p.sponsors()
    client_lead = p.b.to_dict()["partnership"]["client"]["sponsors"][1]
    p.b.set("/partnership/client/sponsors/1/end", "2026-01-09")
    assert client_lead["name"] == COASTAL.client_lead
    p.b.sponsor("client", "Oliver Brandt", "point_person", d("2026-01-05"))
    return (
        p.contract()
        .purpose()
        .communications(wins_until=HANDOVER)
        .scorecard()
        .milestones()
        .recognitions(until=HANDOVER)
        .improvement()
        .retrospectives()
        .escalations()
        .action_items()
        .requisitions()
        .surveys()
        .document()
    )


ELM_STREET = Cast(
    id="elmstreet-staffbridge",
    client="Elm Street Hospitality",
    provider="StaffBridge RPO",
    client_sponsor="Frances Whitley",
    client_lead="Luca Romano",
    provider_sponsor="Derek Oyelaran",
    provider_lead="Priya Nair",
    roles="hotel operations and kitchen roles",
    statement=(
        "Open Elm Street's four new hotels fully staffed, and cut first-year turnover in "
        "kitchens and front of house."
    ),
)
ELM_MILESTONES = (
    MilestonePlan("M1", "Go-live across the existing hotels", 0, 0, "provider"),
    MilestonePlan("M2", "Harbour Street hotel opened fully staffed", 90, 5, "provider"),
    MilestonePlan("M3", "Kitchen managers trained in structured interviews", 180, 3, "client"),
    MilestonePlan("M4", "Riverside hotel opened fully staffed", 270, 4, "provider"),
    MilestonePlan("M5", "Airport hotel opened fully staffed", 400, 0, "provider"),
)


def no_recognition_year() -> Doc:
    timeline = Timeline(d("2025-05-05"), d("2025-07-14"), d("2026-06-12"), d("2028-05-04"))
    p = Partnership(ELM_STREET, timeline, 71)
    p.sponsors().contract().purpose()
    p.communications(wins_until=timeline.start - dt.timedelta(days=1))
    p.scorecard().milestones(ELM_MILESTONES)
    p.b.recorded("recognitions")
    return (
        p.improvement()
        .retrospectives()
        .escalations()
        .action_items()
        .requisitions()
        .surveys()
        .document()
    )


BLUEWATER = Cast(
    id="bluewater-crestline",
    client="Bluewater Hotels",
    provider="Crestline RPO",
    client_sponsor="Graham Whitfield",
    client_lead="Sunita Rao",
    provider_sponsor="Camille Laurent",
    provider_lead="Jordan Ellis",
    roles="hotel management and guest services roles",
    statement=(
        "Fill Bluewater's management and guest services roles with people who live the "
        "brand, faster than before and at lower agency cost."
    ),
)


def one_way_recognition() -> Doc:
    timeline = Timeline(d("2024-09-02"), d("2024-11-11"), d("2026-06-19"), d("2027-09-01"))
    p = Partnership(BLUEWATER, timeline, 73)
    return (
        p.sponsors()
        .contract()
        .purpose()
        .communications()
        .scorecard()
        .milestones()
        # The client thanks the provider generously; the provider almost never thanks back.
        .recognitions(client_share=0.94, only_from="client")
        .improvement()
        .retrospectives()
        .escalations()
        .action_items()
        .requisitions()
        .surveys()
        .document()
    )


STORIES = [
    Story(
        id="recognition-dried-up",
        title="Recognition stopped five months ago, with a milestone and wins uncelebrated",
        narrative=(
            "Coastal Credit Union and PeopleFirst RPO thanked each other every few weeks for "
            "a year and a half. When the client's point person handed over in January 2026 the "
            "habit stopped on both sides: no recognition since early January, no wins on review "
            "agendas, and the workforce-plan milestone reached in April passed without a word. "
            "Everything else carries on as before."
        ),
        build=recognition_dried_up,
        expect=expect(
            {"sound", "fragile"},
            flagged={"recognition"},
            not_flagged=all_but("recognition"),
            why=(
                "Five months without recognition, far past the 30 days the domain allows, and "
                "an achieved milestone uncelebrated well beyond 14 days; the other techniques "
                "are healthy."
            ),
        ),
    ),
    Story(
        id="no-recognition-year",
        title="A year without one recognition, despite four milestones reached",
        narrative=(
            "Elm Street Hospitality and StaffBridge RPO went live in July 2025 and have reached "
            "four milestones since, including two hotel openings staffed on time, and several "
            "KPIs met their targets. Neither side has recorded a single thank-you, and no "
            "review agenda has a wins item. Governance, the scorecard and slip-up handling are "
            "otherwise good."
        ),
        build=no_recognition_year,
        expect=expect(
            {"sound", "fragile"},
            flagged={"recognition"},
            not_flagged=all_but("recognition"),
            why=(
                "Recognition is recorded and there is none: four achieved milestones and the "
                "KPI targets met went uncelebrated, and no QBR had a wins item. The rest of the "
                "foundation is healthy."
            ),
        ),
    ),
    Story(
        id="one-way-recognition",
        title="Plenty of recognition, nearly all from the client to the provider",
        narrative=(
            "Bluewater Hotels thanks Crestline RPO every few weeks, naming the milestone or "
            "metric each time. Crestline has thanked Bluewater's managers twice in twenty-one "
            "months, though they cut feedback time in half and trained every interviewer. The "
            "partnership is otherwise healthy."
        ),
        build=one_way_recognition,
        expect=expect(
            {"strong", "sound"},
            flagged={"recognition"},
            not_flagged=all_but("recognition"),
            why=(
                "Recognition is frequent and specific but one-way: the domain wants neither "
                "direction below a quarter of entries, and the client's own wins (training, "
                "faster feedback) go unthanked. One medium lapse in a healthy partnership."
            ),
        ),
    ),
]
