"""Build the sample sources under examples/sources/: the records of one partnership as
people keep them.

Northwind Health hands its clinical and corporate hiring to Talentbridge RPO from
1 October 2025. What they keep, and where:

- partnership.xlsx: the partnership workbook (parties, sponsors, purpose, goals,
  sign-offs, KPI definitions, recognitions, milestones, issues and fixes,
  escalations, action items, and the monthly status reports sent by e-mail);
- calendar.ics: the shared calendar, exported from Outlook: weekly check-ins (one
  series on Tuesdays until March, then one on Thursdays), monthly reviews, QBRs
  and steering meetings, with holidays taken out, a moved and a cancelled
  occurrence, and events that are not partnership meetings;
- greenhouse-requisitions.csv: the job openings, exported from Greenhouse;
- kpi-scorecard.xlsx: the monthly KPI scorecard, one column per month;
- pulse-survey.csv: the quarterly pulse survey, one row per answer;
- mapping.toml: who is who in the calendar.

Every value is fixed in this script, so the files are the same on every run
(the tests check they are current). Run: python scripts/build_sample_sources.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from foundation_engine.importing.template import stable_bytes, workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "examples" / "sources"

START = dt.date(2025, 10, 1)
GO_LIVE = dt.date(2025, 12, 1)
AS_OF = dt.date(2026, 9, 30)
CLIENT_DOMAIN = "northwind-health.example"
PROVIDER_DOMAIN = "talentbridge.example"

CLIENT_PEOPLE = ("dana.whitfield", "omar.haddad", "lucy.brennan")
PROVIDER_PEOPLE = ("sam.okafor", "priya.nair")


def day(text: str) -> str:
    return dt.date.fromisoformat(text).isoformat()


# --------------------------------------------------------------------------
# the workbook: what the partnership keeps by hand
# --------------------------------------------------------------------------

METRICS: list[dict[str, Any]] = [
    {
        "id": "ttf",
        "name": "Time to fill",
        "kind": "time_to_fill",
        "unit": "days",
        "direction": "lower",
        "definition": "Calendar days from requisition approval to offer accepted, median.",
        "target": 42,
        "baseline": 55,
        "benchmark": {"value": 42, "source": "SHRM Talent Acquisition Benchmarking, FY2015"},
        "owner": "provider",
        "cadence": "monthly",
        "adopted": "2025-10-15",
    },
    {
        "id": "oar",
        "name": "Offer acceptance rate",
        "kind": "offer_acceptance_rate",
        "unit": "%",
        "direction": "higher",
        "definition": "Offers accepted over offers extended in the month.",
        "target": 88,
        "baseline": 80,
        "benchmark": {"value": 84, "source": "PwC Saratoga 2022"},
        "owner": "both",
        "cadence": "monthly",
        "adopted": "2025-10-15",
    },
    {
        "id": "hms",
        "name": "Hiring manager satisfaction",
        "kind": "hiring_manager_satisfaction",
        "unit": "score",
        "direction": "higher",
        "definition": "Average answer, 1 to 5, of the survey sent to the manager after each fill.",
        "target": 4.2,
        "baseline": 3.6,
        "benchmark": {"value": 4.0, "source": "Talentbridge client average 2024"},
        "owner": "provider",
        "cadence": "monthly",
        "adopted": "2025-10-15",
    },
    {
        "id": "fyt",
        "name": "First-year turnover",
        "kind": "first_year_turnover",
        "unit": "%",
        "direction": "lower",
        "definition": "Hires of the last twelve months who left, over those hires.",
        "target": 15,
        "baseline": 21,
        "benchmark": {"value": 35, "source": "PwC Saratoga 2022"},
        "owner": "client",
        "cadence": "monthly",
        "adopted": "2025-10-15",
    },
    {
        "id": "cph",
        "name": "Cost per hire",
        "kind": "cost_per_hire",
        "unit": "USD",
        "direction": "lower",
        "definition": "External and internal hiring cost over hires, per ANSI/SHRM 06001.",
        "target": 4500,
        "baseline": 5400,
        "benchmark": {"value": 4700, "source": "SHRM Human Capital Benchmarking 2022"},
        "owner": "both",
        "cadence": "monthly",
        "adopted": "2025-10-15",
    },
]


def workbook_document() -> dict[str, Any]:
    status_reports = [
        {
            "date": (dt.date(2026, month, 1) - dt.timedelta(days=1)).isoformat()
            if month > 1
            else "2025-12-31",
            "kind": "status_report",
            "channel": "email",
            "parties": ["provider"],
            "topics": ["pipeline", "time_to_fill", "joint_actions"],
            "initiated_by": "provider",
            "note": "Monthly status report",
        }
        for month in range(2, 10)
    ]
    return {
        "schema_version": "1.0",
        "partnership": {
            "id": "northwind-talentbridge",
            "name": "Northwind Health and Talentbridge RPO",
            "client": {
                "name": "Northwind Health",
                "sponsors": [
                    {
                        "name": "Dana Whitfield",
                        "role": "executive_sponsor",
                        "start": "2025-10-01",
                    },
                    {"name": "Omar Haddad", "role": "point_person", "start": "2025-10-01"},
                ],
            },
            "provider": {
                "name": "Talentbridge",
                "sponsors": [
                    {"name": "Sam Okafor", "role": "executive_sponsor", "start": "2025-10-01"},
                    {"name": "Priya Nair", "role": "point_person", "start": "2025-10-01"},
                ],
            },
            "engagement_model": "end_to_end",
            "start_date": START.isoformat(),
            "go_live_date": GO_LIVE.isoformat(),
            "contract_end": "2028-09-30",
            "as_of": AS_OF.isoformat(),
            "contract_terms": {"positive_incentives": True, "penalties": True},
        },
        "purpose": {
            "statement": "Hire the nurses, clinicians and corporate staff Northwind Health needs, "
            "faster and at lower cost than before, and leave Northwind with a hiring "
            "process its managers trust.",
            "documented": "2025-10-14",
            "last_reviewed": "2026-06-10",
            "goals": [
                {
                    "id": "g-speed",
                    "description": "Fill clinical roles in 42 days or less.",
                    "category": "hire_talent",
                    "target_date": "2026-09-30",
                    "metric_ids": ["ttf"],
                },
                {
                    "id": "g-quality",
                    "description": "Hires who stay: first-year turnover under 15%.",
                    "category": "improve_quality",
                    "target_date": "2026-12-31",
                    "metric_ids": ["fyt", "hms"],
                },
                {
                    "id": "g-cost",
                    "description": "Bring cost per hire under 4,500 USD.",
                    "category": "reduce_cost",
                    "target_date": "2026-12-31",
                    "metric_ids": ["cph", "oar"],
                },
            ],
            "sign_offs": [
                {"party": "client", "name": "Dana Whitfield", "date": "2025-10-16"},
                {"party": "provider", "name": "Sam Okafor", "date": "2025-10-16"},
            ],
        },
        "communications": status_reports,
        "metrics": METRICS,
        "recognitions": [
            {
                "date": "2025-12-04",
                "from_party": "client",
                "to_party": "provider",
                "description": "Thank-you note to the Talentbridge team for going live on the "
                "planned day.",
                "milestone_id": "m-golive",
            },
            {
                "date": "2026-03-12",
                "from_party": "provider",
                "to_party": "client",
                "description": "Talentbridge thanked the Northwind ward managers for cutting "
                "interview feedback to two days.",
                "goal_id": "g-speed",
            },
            {
                "date": "2026-05-08",
                "from_party": "client",
                "to_party": "provider",
                "description": "Offer acceptance passed its 88% target: celebrated at the "
                "monthly review.",
                "metric_id": "oar",
            },
            {
                "date": "2026-06-10",
                "from_party": "client",
                "to_party": "provider",
                "description": "QBR: the first 200 hires, celebrated together.",
                "milestone_id": "m-200",
            },
            {
                "date": "2026-07-10",
                "from_party": "provider",
                "to_party": "client",
                "description": "Cost per hire under target for the first time, thanks to the "
                "client's referral scheme.",
                "metric_id": "cph",
            },
            {
                "date": "2026-08-06",
                "from_party": "client",
                "to_party": "provider",
                "description": "Time to fill reached the 42-day target in July.",
                "metric_id": "ttf",
            },
            {
                "date": "2026-07-09",
                "from_party": "provider",
                "to_party": "client",
                "description": "Thanks to Northwind's managers: hiring-manager satisfaction "
                "above target in June.",
                "metric_id": "hms",
            },
            {
                "date": "2026-09-10",
                "from_party": "client",
                "to_party": "provider",
                "description": "QBR: a year of the partnership, and 300 hires, celebrated "
                "with both teams.",
            },
        ],
        "milestones": [
            {
                "id": "m-golive",
                "name": "Go-live",
                "planned": "2025-12-01",
                "achieved": "2025-12-01",
            },
            {
                "id": "m-200",
                "name": "200 hires",
                "planned": "2026-06-30",
                "achieved": "2026-06-02",
            },
            {"id": "m-corporate", "name": "Corporate roles in scope", "planned": "2026-11-01"},
        ],
        "improvement": {
            "issues": [
                {
                    "id": "I-1",
                    "opened": "2026-01-13",
                    "description": "Three nurse offers went out with last year's pay bands.",
                    "severity": "high",
                    "root_cause": "The offer template held pay bands copied by hand.",
                    "root_cause_category": "stale-template",
                    "root_cause_side": "shared",
                    "root_cause_date": "2026-01-15",
                    "metric_id": "oar",
                    "closed": "2026-01-30",
                },
                {
                    "id": "I-2",
                    "opened": "2026-04-21",
                    "description": "Interview feedback from two wards took over a week.",
                    "severity": "medium",
                    "root_cause": "Ward managers were not told who was waiting for them.",
                    "root_cause_category": "feedback-delay",
                    "root_cause_side": "client",
                    "root_cause_date": "2026-04-23",
                    "metric_id": "ttf",
                    "closed": "2026-05-15",
                },
            ],
            "corrective_actions": [
                {
                    "id": "CA-1",
                    "description": "Read pay bands from the HR system when an offer is drafted.",
                    "issue_id": "I-1",
                    "owner": "both",
                    "opened": "2026-01-15",
                    "due": "2026-01-31",
                    "completed": "2026-01-28",
                },
                {
                    "id": "CA-2",
                    "description": "A daily digest to each ward manager of candidates awaiting "
                    "feedback.",
                    "issue_id": "I-2",
                    "owner": "provider",
                    "opened": "2026-04-23",
                    "due": "2026-05-08",
                    "completed": "2026-05-06",
                },
            ],
            "retrospectives": [
                {
                    "date": "2025-11-27",
                    "title": "Implementation retrospective",
                    "parties": ["client", "provider"],
                },
                {
                    "date": "2026-01-22",
                    "title": "Go-live retrospective",
                    "parties": ["client", "provider"],
                },
                {
                    "date": "2026-04-16",
                    "title": "Q1 retrospective",
                    "parties": ["client", "provider"],
                },
                {
                    "date": "2026-07-09",
                    "kind": "initiative",
                    "title": "Referral scheme for hard-to-fill clinical roles",
                    "parties": ["client", "provider"],
                },
            ],
        },
        "escalations": [],
        "action_items": [
            {
                "id": "A-1",
                "description": "Share the ward managers' interview availability for December.",
                "owner": "client",
                "raised": "2025-11-18",
                "due": "2025-11-25",
                "completed": "2025-11-24",
            },
            {
                "id": "A-2",
                "description": "Draft the referral scheme's terms.",
                "owner": "provider",
                "raised": "2026-06-10",
                "due": "2026-06-30",
                "completed": "2026-06-26",
            },
            {
                "id": "A-3",
                "description": "Agree the corporate roles' intake process.",
                "owner": "both",
                "raised": "2026-09-10",
                "due": "2026-10-15",
            },
        ],
    }


# --------------------------------------------------------------------------
# the calendar
# --------------------------------------------------------------------------

LONDON = """BEGIN:VTIMEZONE
TZID:GMT Standard Time
BEGIN:STANDARD
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T010000
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""

TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NWTB%40thread.v2/0"
STAMP = "20251001T080000Z"


def _attendees(client: tuple[str, ...], provider: tuple[str, ...], declined: str = "") -> list[str]:
    lines = []
    for name, domain in [(c, CLIENT_DOMAIN) for c in client] + [
        (p, PROVIDER_DOMAIN) for p in provider
    ]:
        status = "DECLINED" if name == declined else "ACCEPTED"
        cn = name.replace(".", " ").title()
        lines.append(
            f'ATTENDEE;CN="{cn}";ROLE=REQ-PARTICIPANT;PARTSTAT={status}:mailto:{name}@{domain}'
        )
    return lines


def _event(uid: str, start: str, end: str, summary: str, *extra: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{STAMP}",
        f"DTSTART;TZID=GMT Standard Time:{start}",
        f"DTEND;TZID=GMT Standard Time:{end}",
        f"SUMMARY:{summary}",
        *extra,
        "END:VEVENT",
    ]


def calendar_text() -> str:
    organiser = f"ORGANIZER;CN=Priya Nair:mailto:priya.nair@{PROVIDER_DOMAIN}"
    client_organiser = f"ORGANIZER;CN=Omar Haddad:mailto:omar.haddad@{CLIENT_DOMAIN}"
    weekly_people = _attendees(CLIENT_PEOPLE[1:2], PROVIDER_PEOPLE)
    agenda = "DESCRIPTION:Agenda: pipeline review\\, time to fill by role\\, joint actions."
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "VERSION:2.0",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Northwind / Talentbridge",
        LONDON,
    ]
    # Weekly check-ins on Tuesdays until the end of March, Christmas week off; one moved to
    # the Wednesday, one cancelled.
    tuesday = "weekly-checkin-tue@talentbridge.example"
    lines += _event(
        tuesday,
        "20251007T100000",
        "20251007T103000",
        "Weekly check-in: Northwind / Talentbridge",
        "RRULE:FREQ=WEEKLY;UNTIL=20260331T090000Z;INTERVAL=1;BYDAY=TU;WKST=SU",
        "EXDATE;TZID=GMT Standard Time:20251230T100000",
        "LOCATION:Microsoft Teams Meeting",
        agenda,
        f"X-MICROSOFT-SKYPETEAMSMEETINGURL:{TEAMS}",
        organiser,
        *weekly_people,
    )
    lines += _event(
        tuesday,
        "20260204T100000",
        "20260204T103000",
        "Weekly check-in: Northwind / Talentbridge (moved: ward audit)",
        "RECURRENCE-ID;TZID=GMT Standard Time:20260203T100000",
        "LOCATION:Microsoft Teams Meeting",
        agenda,
        f"X-MICROSOFT-SKYPETEAMSMEETINGURL:{TEAMS}",
        organiser,
        *weekly_people,
    )
    lines += _event(
        tuesday,
        "20260310T100000",
        "20260310T103000",
        "Canceled: Weekly check-in: Northwind / Talentbridge",
        "RECURRENCE-ID;TZID=GMT Standard Time:20260310T100000",
        "STATUS:CANCELLED",
        organiser,
    )
    # From April, Thursdays, with no end; August bank-holiday week off, and one week the
    # client's point person declined.
    thursday = "weekly-checkin-thu@talentbridge.example"
    lines += _event(
        thursday,
        "20260402T093000",
        "20260402T100000",
        "Weekly check-in: Northwind / Talentbridge",
        "RRULE:FREQ=WEEKLY;BYDAY=TH",
        "EXDATE;TZID=GMT Standard Time:20260827T093000",
        "LOCATION:Microsoft Teams Meeting",
        agenda,
        f"X-MICROSOFT-SKYPETEAMSMEETINGURL:{TEAMS}",
        organiser,
        *weekly_people,
    )
    lines += _event(
        thursday,
        "20260604T093000",
        "20260604T100000",
        "Weekly check-in: Northwind / Talentbridge",
        "RECURRENCE-ID;TZID=GMT Standard Time:20260604T093000",
        "LOCATION:Microsoft Teams Meeting",
        agenda,
        f"X-MICROSOFT-SKYPETEAMSMEETINGURL:{TEAMS}",
        organiser,
        *_attendees(CLIENT_PEOPLE[1:2], PROVIDER_PEOPLE, declined="omar.haddad"),
    )
    # Monthly performance reviews, second Thursday, at Northwind.
    lines += _event(
        "monthly-review@northwind-health.example",
        "20251113T140000",
        "20251113T153000",
        "Monthly performance review",
        "RRULE:FREQ=MONTHLY;BYDAY=2TH",
        "LOCATION:Northwind Health HQ\\, Room 4.12\\, 20 Harbour Street\\, Leeds",
        "DESCRIPTION:KPI scorecard and metrics\\, wins\\, issues and corrective actions.",
        client_organiser,
        *_attendees(CLIENT_PEOPLE, PROVIDER_PEOPLE),
    )
    # Quarterly business reviews, in person except March's.
    qbr = "qbr@talentbridge.example"
    lines += _event(
        qbr,
        "20251210T130000",
        "20251210T163000",
        "Quarterly business review (QBR)",
        "RRULE:FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10",
        "LOCATION:Northwind Health HQ\\, Boardroom\\, 20 Harbour Street\\, Leeds",
        "DESCRIPTION:Goals\\, metrics\\, wins and expectations for the next quarter.",
        organiser,
        *_attendees(CLIENT_PEOPLE, PROVIDER_PEOPLE),
    )
    lines += _event(
        qbr,
        "20260310T130000",
        "20260310T163000",
        "Quarterly business review (QBR)",
        "RECURRENCE-ID;TZID=GMT Standard Time:20260310T130000",
        "LOCATION:Microsoft Teams Meeting",
        "DESCRIPTION:Goals\\, metrics\\, wins and expectations for the next quarter.",
        f"X-MICROSOFT-SKYPETEAMSMEETINGURL:{TEAMS}",
        organiser,
        *_attendees(CLIENT_PEOPLE, PROVIDER_PEOPLE),
    )
    # Executive steering meetings, one-offs.
    for uid, start in (
        ("steering-2026-01", "20260120T160000"),
        ("steering-2026-07", "20260714T160000"),
    ):
        lines += _event(
            f"{uid}@northwind-health.example",
            start,
            start[:9] + "170000",
            "Executive steering committee",
            "LOCATION:Microsoft Teams Meeting",
            "DESCRIPTION:Goals and expectations\\, escalations if any.",
            f"X-MICROSOFT-SKYPETEAMSMEETINGURL:{TEAMS}",
            f"ORGANIZER;CN=Dana Whitfield:mailto:dana.whitfield@{CLIENT_DOMAIN}",
            *_attendees(CLIENT_PEOPLE[:1], PROVIDER_PEOPLE[:1]),
        )
    # Not partnership meetings: skipped, and listed as such.
    lines += _event(
        "lunch-learn-2026-02@talentbridge.example",
        "20260226T121500",
        "20260226T130000",
        "Lunch & learn: sourcing trends in nursing",
        "LOCATION:Talentbridge office\\, Leeds",
        organiser,
    )
    lines += [
        "BEGIN:VEVENT",
        "UID:offsite-2026-05@northwind-health.example",
        f"DTSTAMP:{STAMP}",
        "DTSTART;VALUE=DATE:20260519",
        "DTEND;VALUE=DATE:20260520",
        "SUMMARY:Northwind HR team offsite",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


# --------------------------------------------------------------------------
# the ATS export
# --------------------------------------------------------------------------

ROLES = (
    "Staff Nurse, Ward 7",
    "Theatre Nurse",
    "Healthcare Assistant",
    "Radiographer",
    "Staff Nurse, A&E",
    "Physiotherapist",
    "Pharmacy Technician",
    "Midwife",
    "Clinical Coder",
    "Occupational Therapist",
)


def _stamp(date: dt.date, n: int) -> str:
    """A time of day as the Greenhouse BI Connector writes it (UTC, milliseconds)."""
    return f"{date.isoformat()} {9 + n % 8:02d}:{(n * 7) % 60:02d}:00.000"


def requisitions_csv() -> str:
    # Greenhouse job openings (Harvest API and BI Connector field names): one row per opening.
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "job_id",
            "job_name",
            "requisition_id",
            "opening_id",
            "status",
            "opened_at",
            "closed_at",
            "application_id",
            "close_reason",
        ]
    )
    first = dt.date(2025, 12, 1)
    for n in range(36):
        opened = first + dt.timedelta(days=8 * n)
        # Filling got faster as the partnership settled: 58 days at first, about 38 by summer.
        days = 58 - min(n, 20) + (n % 3) * 2
        closed: dt.date | None = opened + dt.timedelta(days=days)
        application: str | None = str(88_410_000 + n * 17)
        reason = "Hire - New Headcount" if n % 4 else "Hire - Backfill"
        if n in (9, 23):  # two openings withdrawn without a hire
            days = 20
            closed = opened + dt.timedelta(days=days)
            application, reason = None, "Position Cancelled"
        if closed is not None and closed > AS_OF:
            closed, application, reason = None, None, None
        status = "closed" if closed else "open"
        writer.writerow(
            [
                4_100_200 + n // 2,
                ROLES[n % len(ROLES)],
                f"NWH-{opened.year}-{100 + n}",
                f"{4_100_200 + n // 2}-{n % 2 + 1}",
                status,
                _stamp(opened, n),
                _stamp(closed, n) if closed else "",
                application or "",
                reason or "",
            ]
        )
    return out.getvalue()


# --------------------------------------------------------------------------
# the KPI scorecard and the pulse survey
# --------------------------------------------------------------------------

MONTHS = [dt.date(2025, 12, 1)] + [dt.date(2026, m, 1) for m in range(1, 10)]
SCORECARD = {
    "Time to fill (days)": [58, 56, 55, 52, 50, 47, 45, 42, 41, 40],
    "Offer acceptance rate (%)": [80, 82, 81, 84, 89, 89, 90, 90, 91, 90],
    "Hiring manager satisfaction (1-5)": [3.7, 3.8, 3.9, 4.0, 4.1, 4.1, 4.3, 4.3, 4.4, 4.4],
    "First-year turnover (%)": [21, 20.5, 20, 19, 18.5, 17.5, 17, 16, 15.5, 15],
    "Cost per hire (USD)": [5400, 5300, 5150, 5000, 4900, 4800, 4450, 4400, 4350, 4300],
}


def scorecard_bytes() -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Scorecard"
    ws.append(["KPI", *MONTHS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        if isinstance(cell.value, dt.date):
            cell.number_format = "mmm yyyy"
    for name, values in SCORECARD.items():
        ws.append([name, *values])
    ws.column_dimensions["A"].width = 36
    return stable_bytes(book)


QUESTIONS = (
    "We share the same goals for this partnership",
    "Communication between our teams is open and frequent",
    "I trust the other team to deliver what it promises",
)
# Average answer per wave and side, for each question above.
WAVES = {
    dt.date(2025, 12, 15): {"client": (4, 3, 4), "provider": (4, 4, 4)},
    dt.date(2026, 3, 16): {"client": (4, 4, 4), "provider": (5, 4, 4)},
    dt.date(2026, 6, 15): {"client": (5, 4, 4), "provider": (4, 4, 5)},
    dt.date(2026, 9, 14): {"client": (4, 5, 4), "provider": (5, 4, 4)},
}


def survey_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Submitted", "Respondent company", "Question", "Answer"])
    companies = {"client": "Northwind Health", "provider": "Talentbridge"}
    for wave, sides in WAVES.items():
        for side, centres in sides.items():
            people = 4 if side == "client" else 3
            for person in range(people):
                submitted = dt.datetime.combine(wave, dt.time(9)) + dt.timedelta(
                    days=person, hours=person * 2
                )
                for question, centre in zip(QUESTIONS, centres, strict=True):
                    answer: int | str = max(1, min(5, centre + (0, 1, -1, 0)[person]))
                    blank = (wave.month, side, person, question) == (3, "client", 3, QUESTIONS[2])
                    writer.writerow(
                        [
                            submitted.strftime("%Y-%m-%d %H:%M"),
                            companies[side],
                            question,
                            "" if blank else answer,  # one answer left blank
                        ]
                    )
    return out.getvalue()


MAPPING = f"""\
# Who is who in the Northwind / Talentbridge calendar. Everything else comes from the
# default mapping (print it with: foundation-engine import --show-mapping).

[calendar]
client_domains = ["{CLIENT_DOMAIN}"]
provider_domains = ["{PROVIDER_DOMAIN}"]
"""


def main() -> None:
    SOURCES.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "partnership.xlsx": workbook_bytes(workbook_document(), "partnership.xlsx"),
        "calendar.ics": calendar_text().encode("utf-8"),
        "greenhouse-requisitions.csv": requisitions_csv().encode("utf-8"),
        "kpi-scorecard.xlsx": scorecard_bytes(),
        "pulse-survey.csv": survey_csv().encode("utf-8"),
        "mapping.toml": MAPPING.encode("utf-8"),
    }
    for name, data in files.items():
        (SOURCES / name).write_bytes(data)
        print(f"wrote {(SOURCES / name).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
