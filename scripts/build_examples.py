"""Write the bundled example states under examples/.

Three partnerships, each a story a reader can check the report against:

- strong-partnership: two years in, governed with care on both sides;
- struggling-partnership: eighteen months in, drifting: thin governance, a
  sprawling scorecard, slip-ups without causes, one-way thanks;
- new-partnership: eight weeks in, still implementing, with an impatient
  executive escalation.

The output is deterministic (a seeded generator, fixed dates), so rerunning the
script reproduces the committed files byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import tomli_w

from foundation_engine.testing.builder import StateBuilder

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def month_ends(first: str, last: str) -> list[dt.date]:
    """Last day of each month from `first`'s month to `last`'s month."""
    out = []
    year, month = d(first).year, d(first).month
    end = d(last)
    while (year, month) <= (end.year, end.month):
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        out.append(nxt - dt.timedelta(days=1))
        year, month = nxt.year, nxt.month
    return out


def quarter_days(first: str, last: str, offset_days: int = 20) -> list[dt.date]:
    """A day `offset_days` into each quarter between two dates."""
    out = []
    for end in month_ends(first, last):
        if end.month in (1, 4, 7, 10):
            out.append(end.replace(day=1) + dt.timedelta(days=offset_days))
    return [day for day in out if d(first) <= day <= d(last)]


def celebrate_first_target_hits(b: StateBuilder) -> None:
    """Thank the provider within a week of each KPI first meeting its target."""
    for metric in b.to_dict()["metrics"]:
        lower = metric.get("direction") == "lower"
        for obs in metric["observations"]:
            met = obs["value"] <= metric["target"] if lower else obs["value"] >= metric["target"]
            if met:
                day = d(obs["period_end"]) + dt.timedelta(days=6)
                b.recognition(
                    day,
                    "client",
                    "provider",
                    f"{metric['name']} reached its target",
                    metric_id=metric["id"],
                )
                break


# --------------------------------------------------------------------------
# strong
# --------------------------------------------------------------------------


def strong() -> StateBuilder:
    rng = random.Random(11)
    as_of = "2026-09-30"
    b = StateBuilder(
        id="northwind-talentbridge",
        name="Northwind Foods and TalentBridge RPO",
        client="Northwind Foods",
        provider="TalentBridge RPO",
        start="2024-09-02",
        go_live="2024-11-18",
        as_of=as_of,
        contract_end="2027-08-31",
    )
    b.set("/partnership/engagement_model", "end_to_end")
    b.contract_terms(positive_incentives=True, penalties=True)
    b.sponsor("client", "Dana Whitfield", "executive_sponsor", start="2024-09-02")
    b.sponsor("client", "Luis Ortega", "point_person", start="2024-09-02")
    b.sponsor("provider", "Priya Raman", "executive_sponsor", start="2024-09-02")
    b.sponsor("provider", "Tom Becker", "point_person", start="2024-09-02", end="2025-06-30")
    b.sponsor("provider", "Aisha Kamara", "point_person", start="2025-07-01")

    b.purpose(
        "Fill every plant and distribution role with people who stay, in half the time it "
        "took before, and leave Northwind's own hiring managers better at hiring.",
        documented="2024-09-16",
        last_reviewed="2026-07-21",  # at the Q3 QBR, after goal G2 fell due
    )
    b.sign_off("client", "Dana Whitfield", "2024-09-18")
    b.sign_off("provider", "Priya Raman", "2024-09-18")
    b.goal(
        "G1", "Cut time to fill for plant roles to 42 days", "hire_talent", "2025-12-31", ["ttf"]
    )
    b.goal(
        "G2",
        "Keep first-year turnover of new hires under 30%",
        "improve_quality",
        "2026-06-30",
        ["fyt", "qoh"],
    )
    b.goal(
        "G3",
        "Hiring managers rate the process 4.2 of 5 or better",
        "improve_process",
        "2025-09-30",
        ["hms", "oar"],
    )

    # Communication: weekly video check-ins, monthly reviews, in-person QBRs.
    day = d("2024-09-09")
    week = 0
    while day <= d(as_of):
        if week % 4 == 3:
            b.touchpoint(
                day,
                "monthly_review",
                "video" if week % 8 else "in_person",
                topics=["pipeline", "time_to_fill", "joint_actions", "metrics", "wins"],
                initiated_by="provider" if week % 2 else "client",
            )
        else:
            b.touchpoint(
                day,
                "weekly_checkin",
                "video" if week % 5 else "phone",
                topics=["pipeline", "time_to_fill", "joint_actions"],
                initiated_by="client" if week % 3 == 0 else "provider",
            )
        day += dt.timedelta(days=7)
        week += 1
    for qbr in ["2024-09-05", *quarter_days("2024-10-01", as_of, 18)]:
        b.touchpoint(
            qbr,
            "qbr",
            "in_person",
            topics=["goals", "metrics", "wins", "issues", "pipeline", "time_to_fill"],
            initiated_by="provider",
        )
    b.touchpoint(
        "2026-03-12",
        "executive_review",
        "in_person",
        topics=["goals", "wins", "expectations"],
        initiated_by="client",
    )
    for month_end in month_ends("2024-11-01", "2026-08-31"):
        b.touchpoint(
            month_end,
            "status_report",
            "document",
            parties=["provider"],
            topics=["pipeline", "time_to_fill", "joint_actions"],
            initiated_by="provider",
        )

    # Metrics: five primary KPIs, monthly, improving toward targets.
    months = month_ends("2024-11-01", "2026-08-31")
    ttf = [max(39.0, 60 - 1.1 * i + rng.uniform(-1.5, 1.5)) for i in range(len(months))]
    oar = [min(90.0, 78 + 0.5 * i + rng.uniform(-1, 1)) for i in range(len(months))]
    fyt = [max(24.0, 37 - 0.6 * i + rng.uniform(-1, 1)) for i in range(len(months))]
    hms = [min(4.7, 3.6 + 0.06 * i + rng.uniform(-0.05, 0.05)) for i in range(len(months))]
    qoh = [min(86.0, 70 + 0.8 * i + rng.uniform(-1, 1)) for i in range(len(months))]
    common = {"cadence": "monthly", "adopted": "2024-09-18"}
    b.metric(
        "ttf",
        "Time to fill (plant roles)",
        kind="time_to_fill",
        unit="days",
        direction="lower",
        definition="Days from requisition approval to offer accepted.",
        target=42,
        baseline=64,
        benchmark=(42, "SHRM Human Capital Benchmarking"),
        owner="provider",
        observations=zip(months, [round(v, 1) for v in ttf], strict=True),
        **common,
    )
    b.metric(
        "oar",
        "Offer acceptance rate",
        kind="offer_acceptance_rate",
        unit="%",
        direction="higher",
        definition="Offers accepted divided by offers extended.",
        target=85,
        baseline=76,
        benchmark=(84, "PwC Saratoga 2022"),
        owner="provider",
        observations=zip(months, [round(v, 1) for v in oar], strict=True),
        **common,
    )
    b.metric(
        "fyt",
        "First-year turnover",
        kind="first_year_turnover",
        unit="%",
        direction="lower",
        definition="New hires leaving within a year, over hires.",
        target=30,
        baseline=38,
        benchmark=(35, "PwC Saratoga 2022"),
        owner="client",
        observations=zip(months, [round(v, 1) for v in fyt], strict=True),
        **common,
    )
    b.metric(
        "hms",
        "Hiring manager satisfaction",
        kind="hiring_manager_satisfaction",
        unit="score 1-5",
        direction="higher",
        definition="Average post-fill survey rating by the hiring manager.",
        target=4.2,
        baseline=3.4,
        benchmark=(4.0, "Northwind internal survey 2023"),
        owner="both",
        observations=zip(months, [round(v, 2) for v in hms], strict=True),
        **common,
    )
    b.metric(
        "qoh",
        "Quality of hire",
        kind="quality_of_hire",
        unit="index",
        direction="higher",
        definition="Composite of 6-month performance rating, manager rating and retention.",
        target=80,
        baseline=68,
        benchmark=(75, "Northwind 2023 cohort"),
        owner="both",
        observations=zip(months, [round(v, 1) for v in qoh], strict=True),
        **common,
    )

    # Milestones, each celebrated within days.
    milestones = [
        ("M1", "Go-live across all plants", "2024-11-18", "2024-11-18"),
        ("M2", "First 100 hires", "2025-03-31", "2025-03-20"),
        ("M3", "Time to fill under 45 days", "2025-09-30", "2025-09-30"),
        ("M4", "Hiring manager training complete", "2025-12-15", "2025-12-10"),
        ("M5", "500th hire", "2026-06-30", "2026-06-12"),
    ]
    for mid, name, planned, achieved in milestones:
        b.milestone(mid, name, planned, achieved)
    thanks = [
        (
            "2024-11-21",
            "client",
            "provider",
            "Thanks for a smooth go-live week",
            {"milestone_id": "M1"},
        ),
        (
            "2024-12-19",
            "provider",
            "client",
            "Hiring managers turned feedback round in a day",
            {"goal_id": "G3"},
        ),
        (
            "2025-01-30",
            "client",
            "provider",
            "Offer acceptance up four points",
            {"metric_id": "oar"},
        ),
        (
            "2025-03-24",
            "client",
            "provider",
            "First 100 hires celebrated at the Dayton plant",
            {"milestone_id": "M2"},
        ),
        (
            "2025-04-28",
            "provider",
            "client",
            "Plant managers joined every intake call",
            {"goal_id": "G1"},
        ),
        (
            "2025-06-05",
            "client",
            "provider",
            "Quality-of-hire index above 75",
            {"metric_id": "qoh"},
        ),
        (
            "2025-07-10",
            "provider",
            "client",
            "Fast approvals for the summer hiring push",
            {"goal_id": "G1"},
        ),
        (
            "2025-08-14",
            "client",
            "provider",
            "Turnover under target for the first time",
            {"metric_id": "fyt"},
        ),
        (
            "2025-09-25",
            "provider",
            "client",
            "Joint win: time to fill below 45 days",
            {"milestone_id": "M3"},
        ),
        ("2025-10-05", "client", "provider", "Time to fill target met", {"metric_id": "ttf"}),
        ("2025-10-30", "client", "provider", "Hiring manager survey at 4.2", {"metric_id": "hms"}),
        (
            "2025-12-12",
            "provider",
            "client",
            "Every hiring manager finished training",
            {"milestone_id": "M4"},
        ),
        (
            "2026-01-22",
            "client",
            "provider",
            "Holiday cover kept pipelines full",
            {"goal_id": "G1"},
        ),
        (
            "2026-02-26",
            "provider",
            "client",
            "Referral scheme launched by the client",
            {"goal_id": "G2"},
        ),
        ("2026-03-26", "client", "provider", "Quality of hire at 80", {"metric_id": "qoh"}),
        (
            "2026-04-30",
            "provider",
            "client",
            "Client shortened offer approvals to 24 hours",
            {"goal_id": "G3"},
        ),
        ("2026-05-28", "client", "provider", "Offer acceptance at 88%", {"metric_id": "oar"}),
        (
            "2026-06-15",
            "client",
            "provider",
            "500 hires: lunch for both teams",
            {"milestone_id": "M5"},
        ),
        (
            "2026-07-23",
            "provider",
            "client",
            "Managers' interview slots always within 48 hours",
            {"goal_id": "G3"},
        ),
        ("2026-08-20", "client", "provider", "Turnover at 25%", {"metric_id": "fyt"}),
        (
            "2026-09-17",
            "provider",
            "client",
            "Joint QBR praised by both executives",
            {"goal_id": "G2"},
        ),
    ]
    for date, frm, to, text, link in thanks:
        b.recognition(date, frm, to, text, **link)
    celebrate_first_target_hits(b)

    # Continual improvement: slip-ups found, fixed and learnt from, on both sides.
    slips = [
        (
            "I1",
            "2025-01-13",
            "Two night-shift roles posted with the wrong pay band",
            "provider",
            "job-posting-review",
            "2025-01-15",
            "ttf",
            "2025-02-07",
        ),
        (
            "I2",
            "2025-04-07",
            "Hiring managers missed interview slots for three weeks",
            "client",
            "interview-scheduling",
            "2025-04-09",
            "ttf",
            "2025-05-02",
        ),
        (
            "I3",
            "2025-08-04",
            "Background checks delayed by a vendor outage",
            "external",
            "vendor-capacity",
            "2025-08-06",
            None,
            "2025-08-29",
        ),
        (
            "I4",
            "2026-01-12",
            "Offer letters sent with an outdated benefits page",
            "provider",
            "template-control",
            "2026-01-14",
            "oar",
            "2026-02-03",
        ),
        (
            "I5",
            "2026-06-08",
            "Requisitions approved without job profiles",
            "client",
            "intake-quality",
            "2026-06-10",
            None,
            "2026-07-01",
        ),
    ]
    for index, (iid, opened, text, side, category, found, metric, closed) in enumerate(slips, 1):
        fields = {
            "severity": "medium",
            "root_cause": f"Root cause analysed: {category.replace('-', ' ')}",
            "root_cause_category": category,
            "root_cause_side": side,
            "root_cause_date": found,
            "closed": closed,
        }
        if metric:
            fields["metric_id"] = metric
        b.issue(iid, opened, text, **fields)
        opened_day = d(opened)
        due = opened_day + dt.timedelta(days=21)
        b.corrective_action(
            f"CA{index}",
            opened_day + dt.timedelta(days=2),
            owner=side if side in ("client", "provider") else "both",
            description=f"Fix and prevent: {text.lower()}",
            issue_id=iid,
            due=due.isoformat(),
            completed=(due - dt.timedelta(days=3)).isoformat(),
        )
    for quarter in quarter_days("2024-10-01", as_of, 45):
        b.retrospective(quarter, "Quarterly retrospective")
    b.retrospective("2025-05-20", "Interview scheduling improvement initiative", "initiative")

    # Urgency: action items closed on time, requisitions worked promptly.
    day = d("2024-11-25")
    item = 1
    while day <= d("2026-09-14"):
        due = day + dt.timedelta(days=14)
        late = item % 17 == 0
        done = due + dt.timedelta(days=3) if late else due - dt.timedelta(days=rng.randint(0, 5))
        b.action_item(
            f"A{item}",
            day,
            due,
            done if done <= d(as_of) else None,
            owner=["client", "provider", "both"][item % 3],
            description="Follow-up agreed at the weekly check-in",
        )
        day += dt.timedelta(days=14)
        item += 1
    req_day = d("2026-04-06")
    for r in range(1, 41):
        opened = req_day + dt.timedelta(days=4 * r)
        if opened > d(as_of):
            break
        filled = opened + dt.timedelta(days=rng.randint(30, 45))
        b.requisition(
            f"R{r}",
            opened,
            assigned=opened,
            intake=opened + dt.timedelta(days=2),
            filled=filled if filled <= d(as_of) else None,
        )
    for date in ["2025-03-15", "2025-09-15", "2026-03-15", "2026-09-15"]:
        b.survey(date, "client", "shared_goals", 4.4)
        b.survey(date, "provider", "shared_goals", 4.2)
        b.survey(date, "client", "satisfaction", 4.3)
        b.survey(date, "provider", "satisfaction", 4.1)
    b.recorded("escalations")
    return b


# --------------------------------------------------------------------------
# struggling
# --------------------------------------------------------------------------


def struggling() -> StateBuilder:
    rng = random.Random(23)
    as_of = "2026-09-30"
    b = StateBuilder(
        id="harbor-quickhire",
        name="Harbor Logistics and QuickHire Staffing",
        client="Harbor Logistics",
        provider="QuickHire Staffing",
        start="2025-03-03",
        go_live="2025-05-12",
        as_of=as_of,
        contract_end="2027-03-02",
    )
    b.set("/partnership/engagement_model", "selective")
    b.contract_terms(positive_incentives=False, penalties=True)
    b.sponsor("client", "Grace Holm", "executive_sponsor", start="2025-03-03", end="2026-04-30")
    b.sponsor("provider", "Marco Silva", "executive_sponsor", start="2025-03-03")
    b.sponsor("provider", "Jen Park", "point_person", start="2025-03-03")

    b.purpose("Fill warehouse roles faster.", documented="2025-03-20")
    b.sign_off("provider", "Marco Silva", "2025-03-20")
    b.goal("G1", "Fill roles faster", "fill_gaps")
    b.goal("G2", "Better candidates", None)

    # Communication: weekly calls fade into email; QBRs stop.
    day = d("2025-03-10")
    while day <= d("2025-09-29"):
        b.touchpoint(day, "weekly_checkin", "video", topics=["pipeline"], initiated_by="provider")
        day += dt.timedelta(days=7)
    for day_text in [
        "2025-10-20",
        "2025-11-24",
        "2026-01-12",
        "2026-02-23",
        "2026-04-13",
        "2026-05-26",
        "2026-07-20",
        "2026-09-08",
    ]:
        b.touchpoint(
            day_text,
            "weekly_checkin",
            "email",
            parties=["provider"],
            topics=["pipeline"],
            initiated_by="provider",
        )
    for day_text in ["2025-06-16", "2025-10-14", "2026-02-10"]:
        b.touchpoint(
            day_text,
            "qbr",
            "video",
            parties=["provider"],
            topics=["metrics"],
            initiated_by="provider",
        )
    for month_end in month_ends("2025-05-01", "2026-09-30"):
        b.touchpoint(
            month_end,
            "status_report",
            "email",
            parties=["provider"],
            topics=["pipeline"],
            initiated_by="provider",
        )

    # Metrics: a sprawling, churning scorecard without targets, mostly speed.
    months = month_ends("2025-05-01", "2026-05-31")
    speed = [
        ("ttf", "Time to fill", "time_to_fill"),
        ("tts", "Time to start", "time_to_start"),
        ("tth", "Time to hire", "time_to_hire"),
        ("tsub", "Time to first submittal", "custom"),
        ("tint", "Time to interview", "custom"),
        ("toff", "Time to offer", "custom"),
        ("tfb", "Feedback turnaround", "hiring_manager_feedback_time"),
        ("tapp", "Time to approval", "custom"),
    ]
    for index, (mid, name, kind) in enumerate(speed):
        values = [
            round(45 + index * 3 + 1.4 * i + rng.uniform(-2, 2), 1) for i in range(len(months))
        ]
        fields: dict[str, object] = {
            "unit": "hours" if mid == "tfb" else "days",
            "cadence": "monthly",
        }
        if kind == "custom":
            fields["family"] = "speed"
        if index == 0:
            fields.update(target=20, direction="lower", benchmark=(42, "SHRM"), baseline=52)
        adopted = (
            "2025-03-20" if index < 5 else ["2025-11-01", "2026-01-15", "2026-03-01"][index - 5]
        )
        b.metric(
            mid,
            name,
            kind=kind,
            adopted=adopted,
            observations=[(m, v) for m, v in zip(months, values, strict=True) if m >= d(adopted)],
            **fields,
        )
    b.metric(
        "cph",
        "Cost per hire",
        kind="cost_per_hire",
        unit="USD",
        cadence="quarterly",
        adopted="2025-03-20",
        observations=[("2025-06-30", 5200), ("2025-09-30", 5600)],
    )
    b.metric(
        "subs",
        "Submittals per week",
        unit="count",
        cadence="weekly",
        family="efficiency",
        adopted="2025-03-20",
        retired="2025-12-31",
        observations=[("2025-06-27", 34), ("2025-09-26", 28)],
    )
    b.metric(
        "hms",
        "Hiring manager satisfaction",
        kind="hiring_manager_satisfaction",
        unit="score 1-5",
        direction="higher",
        target=3.5,
        cadence="monthly",
        adopted="2025-03-20",
        observations=[(m, round(4.1 - 0.09 * i, 2)) for i, m in enumerate(months)],
    )
    b.metric(
        "tvol",
        "Requisition volume",
        unit="count",
        cadence="monthly",
        adopted="2026-05-15",
        family="other",
        observations=[("2026-05-31", 48)],
    )

    b.milestone("M1", "Go-live", "2025-05-12", "2025-05-19")
    b.milestone("M2", "First 50 hires", "2025-08-31", "2025-09-22")
    b.milestone("M3", "Seasonal peak staffed", "2025-11-15", "2026-01-09")
    b.milestone("M4", "Time to fill under 45 days", "2026-03-31", None)
    b.recognition(
        "2025-05-22", "provider", "client", "Thanks for the go-live support", milestone_id="M1"
    )
    b.recognition("2025-12-18", "provider", "client", "Happy holidays to the Harbor team")
    b.recognition("2026-03-05", "provider", "client", "Thanks for your patience")

    # Improvement: slip-ups pile up without causes; one cause keeps coming back.
    slips = [
        (
            "I1",
            "2025-06-09",
            "Candidates no-showed on day one",
            "provider",
            "screening-gaps",
            "2025-06-30",
        ),
        ("I2", "2025-08-18", "Wrong shift patterns advertised", None, None, None),
        (
            "I3",
            "2025-08-25",
            "No-shows again at the Tacoma site",
            "provider",
            "screening-gaps",
            "2025-10-20",
        ),
        ("I4", "2025-11-10", "Peak season staffing missed by 30 heads", None, None, None),
        ("I5", "2026-01-05", "Offer letters delayed two weeks", "provider", "offer-process", None),
        ("I6", "2026-02-16", "No-shows at three sites", "provider", "screening-gaps", "2026-03-02"),
        ("I7", "2026-05-11", "Hiring managers unreachable for feedback", None, None, None),
    ]
    for iid, opened, text, side, category, found in slips:
        fields = {"severity": "high" if iid in ("I4", "I6") else "medium"}
        if side:
            fields.update(
                root_cause=f"Cause: {category}", root_cause_category=category, root_cause_side=side
            )
        if found:
            fields["root_cause_date"] = found
        b.issue(iid, opened, text, **fields)
    b.corrective_action(
        "CA1",
        "2025-07-14",
        "provider",
        "Add a pre-start confirmation call",
        issue_id="I1",
        due="2025-08-15",
        completed="2025-09-30",
    )
    b.corrective_action(
        "CA2",
        "2025-10-27",
        "provider",
        "Re-screen for shift availability",
        issue_id="I3",
        due="2025-11-30",
    )
    b.corrective_action(
        "CA3",
        "2026-03-16",
        "provider",
        "Day-before reminder texts",
        issue_id="I6",
        due="2026-04-15",
    )
    b.recorded("retrospectives")

    b.escalation(
        "2025-04-14",
        "client",
        "executive",
        "No hires yet four weeks in",
        termination_threatened=True,
        resolved="2025-05-05",
    )
    b.escalation("2026-01-20", "client", "executive", "Peak season miss", resolved=None)

    for item in range(1, 25):
        raised = d("2025-06-02") + dt.timedelta(days=19 * item)
        if raised > d(as_of):
            break
        due = raised + dt.timedelta(days=10)
        done = due + dt.timedelta(days=rng.randint(5, 40)) if item % 3 else None
        b.action_item(
            f"A{item}",
            raised,
            due,
            done if done is not None and done <= d(as_of) else None,
            owner=["client", "provider"][item % 2],
            description="Chase open item",
        )
    for r in range(1, 31):
        opened = d("2026-03-02") + dt.timedelta(days=6 * r)
        if opened > d(as_of):
            break
        assigned = opened + dt.timedelta(days=rng.randint(1, 5))
        filled = opened + dt.timedelta(days=rng.randint(60, 110))
        b.requisition(
            f"R{r}",
            opened,
            assigned=assigned,
            intake=assigned + dt.timedelta(days=rng.randint(4, 14)),
            filled=filled if filled <= d(as_of) else None,
        )
    b.survey("2025-09-15", "client", "shared_goals", 2.4)
    b.survey("2025-09-15", "provider", "shared_goals", 4.1)
    b.survey("2026-03-15", "client", "shared_goals", 2.1)
    b.survey("2026-03-15", "provider", "shared_goals", 3.9)
    b.survey("2025-09-15", "client", "satisfaction", 3.1)
    b.survey("2026-03-15", "client", "satisfaction", 2.5)
    return b


# --------------------------------------------------------------------------
# new
# --------------------------------------------------------------------------


def new() -> StateBuilder:
    as_of = "2026-09-30"
    b = StateBuilder(
        id="cedar-apex",
        name="Cedar Health and Apex Talent Partners",
        client="Cedar Health",
        provider="Apex Talent Partners",
        start="2026-08-03",
        go_live="2026-10-19",
        as_of=as_of,
        contract_end="2029-08-02",
    )
    b.set("/partnership/engagement_model", "end_to_end")
    b.contract_terms(positive_incentives=True, penalties=True)
    b.sponsor("client", "Dr. Helen Cho", "executive_sponsor", start="2026-08-03")
    b.sponsor("client", "Sam Patel", "point_person", start="2026-08-03")
    b.sponsor("provider", "Ruth Adeyemi", "executive_sponsor", start="2026-08-03")
    b.sponsor("provider", "Kevin Lin", "point_person", start="2026-08-03")
    b.purpose(
        "Staff Cedar's three new clinics with nurses and allied health professionals who "
        "stay, and rebuild Cedar's recruiting process along the way.",
        documented="2026-08-12",
    )
    b.sign_off("client", "Dr. Helen Cho", "2026-08-14")
    b.sign_off("provider", "Ruth Adeyemi", "2026-08-14")
    b.goal("G1", "Hire 120 nurses for the new clinics", "hire_talent", "2027-06-30", ["ttf", "oar"])
    b.goal(
        "G2", "Keep first-year nurse turnover below 20%", "improve_quality", "2027-12-31", ["fyt"]
    )
    b.goal("G3", "Shorten Cedar's approval steps", "improve_process", "2027-03-31", ["hms"])

    b.touchpoint(
        "2026-08-04",
        "qbr",
        "in_person",
        topics=["goals", "expectations", "metrics"],
        initiated_by="provider",
    )
    b.weekly_touchpoints(
        "2026-08-10",
        "2026-09-28",
        channel="video",
        topics=["pipeline", "time_to_fill", "joint_actions"],
        initiated_by="provider",
    )
    b.touchpoint(
        "2026-08-31",
        "monthly_review",
        "in_person",
        topics=["pipeline", "goals", "wins"],
        initiated_by="client",
    )
    b.touchpoint(
        "2026-09-29",
        "monthly_review",
        "video",
        topics=["pipeline", "metrics", "joint_actions"],
        initiated_by="client",
    )

    common = {"cadence": "monthly", "adopted": "2026-08-14"}
    b.metric(
        "ttf",
        "Time to fill (nursing)",
        kind="time_to_fill",
        unit="days",
        direction="lower",
        definition="Days from requisition approval to offer accepted.",
        target=45,
        baseline=71,
        benchmark=(68, "PwC Saratoga 2022"),
        owner="provider",
        observations=[("2026-08-31", 70), ("2026-09-30", 69)],
        **common,
    )
    b.metric(
        "oar",
        "Offer acceptance rate",
        kind="offer_acceptance_rate",
        unit="%",
        direction="higher",
        definition="Offers accepted divided by offers extended.",
        target=85,
        baseline=74,
        benchmark=(84, "PwC Saratoga 2022"),
        owner="provider",
        observations=[("2026-08-31", 75), ("2026-09-30", 77)],
        **common,
    )
    b.metric(
        "fyt",
        "First-year turnover (nursing)",
        kind="first_year_turnover",
        unit="%",
        direction="lower",
        definition="Nurses leaving within a year, over hires.",
        target=20,
        baseline=31,
        benchmark=(35, "PwC Saratoga 2022"),
        owner="client",
        observations=[("2026-09-30", 30)],
        **common,
    )
    b.metric(
        "hms",
        "Hiring manager satisfaction",
        kind="hiring_manager_satisfaction",
        unit="score 1-5",
        direction="higher",
        definition="Average post-fill survey rating by the hiring manager.",
        target=4.2,
        baseline=3.2,
        benchmark=(4.0, "Cedar 2025 survey"),
        owner="both",
        observations=[("2026-09-30", 3.6)],
        **common,
    )

    b.milestone("M1", "Process design signed off", "2026-08-28", "2026-08-26")
    b.milestone("M2", "Applicant tracking system configured", "2026-09-30", None)
    b.milestone("M3", "Go-live", "2026-10-19", None)
    b.recognition(
        "2026-08-28",
        "client",
        "provider",
        "Process design finished ahead of plan",
        milestone_id="M1",
    )
    b.recognition(
        "2026-09-11",
        "provider",
        "client",
        "Clinic managers gave candidate feedback within a day",
        goal_id="G3",
    )
    b.recognition(
        "2026-09-25", "client", "provider", "First nurse offers accepted", metric_id="oar"
    )

    b.recorded("issues", "corrective_actions")
    b.retrospective("2026-09-18", "Implementation retrospective")
    b.escalation(
        "2026-09-08",
        "client",
        "executive",
        "Board asked why no nurses have started yet",
        termination_threatened=True,
        resolved="2026-09-15",
    )
    b.action_item(
        "A1",
        "2026-08-10",
        "2026-08-21",
        "2026-08-20",
        "provider",
        "Map the current nurse hiring process",
    )
    b.action_item(
        "A2", "2026-08-17", "2026-08-28", "2026-08-27", "client", "Name a hiring lead per clinic"
    )
    b.action_item(
        "A3", "2026-09-07", "2026-09-18", "2026-09-18", "both", "Agree interview scorecards"
    )
    b.action_item(
        "A4", "2026-09-21", "2026-10-02", None, "provider", "Configure requisition workflow"
    )
    b.requisition("R1", "2026-09-14", assigned="2026-09-14", intake="2026-09-16")
    b.requisition("R2", "2026-09-15", assigned="2026-09-15", intake="2026-09-17")
    b.requisition("R3", "2026-09-21", assigned="2026-09-22", intake="2026-09-24")
    b.survey("2026-09-15", "client", "shared_goals", 4.0)
    b.survey("2026-09-15", "provider", "shared_goals", 4.3)
    return b


def write(name: str, builder: StateBuilder, *, toml: bool = False) -> None:
    state = builder.build()  # validates
    document = builder.to_dict()
    assert state.partnership.id == document["partnership"]["id"]
    target = EXAMPLES / f"{name}.json"
    target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    if toml:
        target = EXAMPLES / f"{name}.toml"
        target.write_text(tomli_w.dumps(document), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


def main() -> None:
    EXAMPLES.mkdir(exist_ok=True)
    write("strong-partnership", strong())
    write("struggling-partnership", struggling())
    write("new-partnership", new(), toml=True)


if __name__ == "__main__":
    main()
