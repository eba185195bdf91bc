"""A partnership drifting on every front."""

from __future__ import annotations

import datetime as dt
import random

from ._build import (
    TUE,
    Cast,
    Doc,
    Partnership,
    Timeline,
    add_business_days,
    d,
    days,
    every_weekday,
    month_ends,
    weekday_on_or_after,
)
from .model import TECHNIQUES, Story, expect

REDWOOD = Cast(
    id="redwood-quickfill",
    client="Redwood Freight",
    provider="QuickFill Staffing",
    client_sponsor="Gordon Pike",
    client_lead="Alicia Ramos",
    provider_sponsor="Trevor Haines",
    provider_lead="Kelly Marsh",
    roles="driver and warehouse roles",
    statement="Fill driver and warehouse roles faster.",
    engagement_model="selective",
)
TIMELINE = Timeline(d("2024-11-04"), d("2025-01-20"), d("2026-06-26"), d("2026-11-03"))


def struggling() -> Doc:
    t = TIMELINE
    rng = random.Random(107)
    p = Partnership(REDWOOD, t, 107)
    b = p.b

    # Purpose: a one-line statement only the provider signed, vague goals, never reviewed;
    # the client's executive sponsor left in January and has not been replaced.
    b.sponsor("client", REDWOOD.client_sponsor, "executive_sponsor", t.start, d("2026-01-30"))
    b.sponsor("provider", REDWOOD.provider_sponsor, "executive_sponsor", t.start)
    b.sponsor("provider", REDWOOD.provider_lead, "point_person", t.start)
    b.contract_terms(positive_incentives=False, penalties=True)
    b.purpose(REDWOOD.statement, d("2024-11-22"))
    b.sign_off("provider", REDWOOD.provider_sponsor, d("2024-11-22"))
    b.goal("G1", "Fill roles faster", "fill_gaps")
    b.goal("G2", "Better candidates", None)

    # Communication: weekly calls until the first summer, then sporadic emails from the
    # provider; monthly reviews stopped in May 2025 and the last QBR was in October 2025.
    checkins = every_weekday(d("2024-11-12"), d("2025-06-24"), TUE)
    for n, day in enumerate(checkins):
        if n % 6 == 5:
            continue  # cancelled at short notice
        b.touchpoint(
            day,
            "weekly_checkin",
            "video" if n % 3 else "phone",
            topics=["pipeline"],
            initiated_by="provider",
        )
    for text in (
        "2025-07-22",
        "2025-08-26",
        "2025-10-07",
        "2025-11-18",
        "2026-01-13",
        "2026-02-24",
        "2026-04-07",
        "2026-05-26",
    ):
        b.touchpoint(
            d(text),
            "weekly_checkin",
            "email",
            parties=["provider"],
            topics=["pipeline"],
            initiated_by="provider",
        )
    for text in ("2025-02-20", "2025-03-20", "2025-05-15"):
        b.touchpoint(
            d(text),
            "monthly_review",
            "video",
            topics=["pipeline", "metrics"],
            initiated_by="provider",
        )
    for text, parties in (("2025-04-16", ["client", "provider"]), ("2025-10-15", ["provider"])):
        b.touchpoint(
            d(text),
            "qbr",
            "video",
            parties=parties,
            topics=["metrics", "pipeline"],
            initiated_by="provider",
        )
    for end in month_ends(d("2025-02-01"), t.as_of):
        b.touchpoint(
            end,
            "status_report",
            "email",
            parties=["provider"],
            topics=["pipeline"],
            initiated_by="provider",
        )

    # Metrics: twelve KPIs, almost all speed, nearly none defined, added in waves; the
    # only target is far beyond its benchmark; several are months stale.
    months = month_ends(t.go_live, t.as_of)
    speed = [
        ("ttf", "Time to fill", "time_to_fill", "2024-11-22"),
        ("tts", "Time to start", "time_to_start", "2024-11-22"),
        ("tth", "Time to hire", "time_to_hire", "2024-11-22"),
        ("tsub", "Time to first submittal", "custom", "2024-11-22"),
        ("tint", "Time to first interview", "custom", "2025-06-02"),
        ("toff", "Time to offer", "custom", "2025-09-01"),
        ("tfb", "Hiring manager feedback time", "hiring_manager_feedback_time", "2025-11-03"),
        ("tapp", "Time to requisition approval", "custom", "2026-01-12"),
        ("tbg", "Time to background check", "custom", "2026-03-02"),
    ]
    for index, (mid, name, kind, adopted) in enumerate(speed):
        readings = [m for m in months if m >= d(adopted)]
        if index in (3, 5):
            readings = [m for m in readings if m <= d("2026-02-28")]  # reporting stopped
        base = 52 + 4 * index
        fields: dict[str, object] = {
            "unit": "hours" if mid == "tfb" else "days",
            "cadence": "monthly",
            "adopted": adopted,
        }
        if kind == "custom":
            fields["family"] = "speed"
        benchmark = None
        if mid == "ttf":
            fields.update(target=25, direction="lower", baseline=58)
            benchmark = (68.0, "PwC Saratoga 2022")
        b.metric(
            mid,
            name,
            kind=kind,
            benchmark=benchmark,
            observations=[
                (m, round(base + 0.4 * i + rng.uniform(-1.0, 1.0), 1))
                for i, m in enumerate(readings)
            ],
            **fields,
        )
    b.metric(
        "cph",
        "Cost per hire",
        kind="cost_per_hire",
        unit="USD",
        cadence="quarterly",
        adopted="2024-11-22",
        observations=[("2025-03-31", 5100), ("2025-06-30", 5450), ("2025-09-30", 5800)],
    )
    b.metric(
        "subs",
        "Submittals per week",
        unit="count",
        cadence="weekly",
        family="efficiency",
        adopted="2024-11-22",
        observations=[("2025-03-28", 41), ("2025-06-27", 33), ("2025-09-26", 27)],
    )
    b.metric(
        "vol",
        "Requisition volume",
        unit="count",
        cadence="monthly",
        family="other",
        adopted="2026-04-01",
        observations=[("2026-04-30", 52), ("2026-05-31", 57)],
    )

    # Recognition: three thank-yous in twenty months, all from the provider, none naming a
    # win; milestones pass unremarked.
    b.milestone("M1", "Go-live", "2025-01-20", "2025-02-03")
    b.milestone("M2", "First 50 drivers hired", "2025-05-30", "2025-07-18")
    b.milestone("M3", "Peak season staffed", "2025-11-14", "2026-01-09")
    b.milestone("M4", "Time to fill under 45 days", "2026-03-31")
    b.recognition("2025-02-05", "provider", "client", "Thanks for your support with go-live")
    b.recognition("2025-12-19", "provider", "client", "Season's greetings to the Redwood team")
    b.recognition("2026-03-06", "provider", "client", "Thank you for your patience")

    # Improvement: causes late or missing, the same cause again and again, always put on
    # the provider; actions late or abandoned; retrospectives recorded, none held.
    slips = [
        ("I1", "2025-02-17", "New drivers failed the site induction", "screening-gaps",
         "2025-03-17"),
        ("I2", "2025-04-14", "Wrong shift patterns advertised", None, None),
        ("I3", "2025-05-19", "Drivers did not turn up on day one", "screening-gaps",
         "2025-06-23"),
        ("I4", "2025-07-28", "Warehouse agency cover booked twice", None, None),
        ("I5", "2025-09-08", "Day-one no-shows at two depots", "screening-gaps", "2025-09-29"),
        ("I6", "2025-11-17", "Peak season staffing missed by 35 heads", None, None),
        ("I7", "2026-01-26", "Offer letters delayed two weeks", "offer-process", None),
        ("I8", "2026-03-09", "No-shows again at three depots", "screening-gaps", "2026-04-20"),
        ("I9", "2026-05-11", "Hiring managers unreachable for feedback", None, None),
    ]  # fmt: skip
    for iid, reported, text, category, found in slips:
        fields = {"severity": "high" if iid in ("I6", "I8") else "medium"}
        if category:
            fields.update(
                root_cause=f"Cause recorded as {category.replace('-', ' ')}",
                root_cause_category=category,
                root_cause_side="provider",
            )
        if found:
            fields["root_cause_date"] = found
        b.issue(iid, reported, text, **fields)
    b.corrective_action(
        "CA1",
        "2025-03-24",
        "provider",
        "Add a pre-start confirmation call",
        issue_id="I1",
        due="2025-04-25",
        completed="2025-06-06",
    )
    b.corrective_action(
        "CA2",
        "2025-07-07",
        "provider",
        "Re-screen for licence and shift availability",
        issue_id="I3",
        due="2025-08-08",
    )
    b.corrective_action(
        "CA3",
        "2026-04-27",
        "provider",
        "Day-before reminder texts to every starter",
        issue_id="I8",
        due="2026-05-22",
    )
    b.recorded("retrospectives")

    # Urgency: an executive escalation with a termination threat in week six, another
    # escalation still open, action items late, requisitions slow and ageing.
    b.escalation(
        "2024-12-16",
        "client",
        "executive",
        "No drivers hired six weeks in; the board asked whether to keep the contract",
        termination_threatened=True,
        resolved="2025-01-10",
    )
    b.escalation("2026-02-02", "client", "executive", "Peak season missed by 35 heads")
    for n, raised in enumerate(every_weekday(d("2025-02-04"), t.as_of, TUE)[::3], 1):
        due = raised + days(10)
        done = due + days(rng.randint(4, 30)) if n % 3 else None
        b.action_item(
            f"A{n}",
            raised,
            due,
            done if done is not None and done <= t.as_of else None,
            ["client", "provider"][n % 2],
            "Chase the open item from the last update",
        )
    for n in range(1, 41):
        opened = weekday_on_or_after(d("2026-01-05") + days(4 * n))
        if opened > t.as_of - dt.timedelta(days=2):
            break
        assigned = add_business_days(opened, rng.randint(2, 6))
        intake = assigned + days(rng.randint(5, 15))
        filled = opened + days(rng.randint(62, 110))
        b.requisition(
            f"R{n:03d}",
            opened,
            assigned=assigned if assigned <= t.as_of else None,
            intake=intake if intake <= t.as_of else None,
            filled=filled if filled <= t.as_of else None,
        )
    b.survey("2025-05-12", "client", "shared_goals", 2.6)
    b.survey("2025-05-12", "provider", "shared_goals", 4.1)
    b.survey("2025-11-10", "client", "shared_goals", 2.2)
    b.survey("2025-11-10", "provider", "shared_goals", 3.9)
    b.survey("2025-05-12", "client", "satisfaction", 3.0)
    b.survey("2025-11-10", "client", "satisfaction", 2.4)
    return p.document()


STORIES = [
    Story(
        id="struggling",
        title="Drifting on every front, twenty months in",
        narrative=(
            "Redwood Freight and QuickFill Staffing have a one-line purpose only the provider "
            "signed, and the client's sponsor left in January without a successor. Weekly "
            "calls faded into occasional emails after the first summer; the last QBR, in "
            "October, was held without the client. Twelve mostly undefined KPIs, nearly all "
            "speed, are read irregularly and do not improve. Three thank-yous in twenty "
            "months, all from the provider. Day-one no-shows keep coming back without a fix, "
            "and requisitions wait a week for a recruiter."
        ),
        build=struggling,
        expect=expect(
            {"fragile", "at_risk"},
            flagged=TECHNIQUES,
            why=(
                "Every technique fails several of the domain's signals at once; a governance "
                "lead would call the foundation at risk and ask both sponsors to reset it."
            ),
        ),
    ),
]
