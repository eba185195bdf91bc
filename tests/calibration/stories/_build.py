"""Building blocks of the calibration stories: a healthy partnership, section by section.

:class:`Partnership` records what a well-run client and provider keep, one
section at a time: sponsors and contract terms, a signed purpose with goals,
weekly check-ins, monthly reviews and quarterly business reviews, a scorecard
of six defined KPIs read monthly, milestones and two-way recognition,
slip-ups fixed at the root, retrospectives, action items, requisitions and
pulse surveys. Each method has the knobs a story needs to damage its own
section; :meth:`Partnership.healthy` records every section as a healthy
partnership would. Stories that need a damage no knob gives edit the document
afterwards with the small helpers at the bottom of this module.

Everything is deterministic: fixed dates and a seeded ``random.Random``.
No record is dated after ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from foundation_engine.testing.builder import StateBuilder

Doc = dict[str, Any]

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


# --------------------------------------------------------------------------
# calendar
# --------------------------------------------------------------------------


def d(text: str) -> dt.date:
    """A date from ISO text."""
    return dt.date.fromisoformat(text)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """The last day of every month that ends between `first` and `last` inclusive."""
    out: list[dt.date] = []
    year, month = first.year, first.month
    while True:
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        end = nxt - days(1)
        if end > last:
            return out
        if end >= first:
            out.append(end)
        year, month = nxt.year, nxt.month


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The `n`-th `weekday` (0 = Monday) of a month."""
    first = dt.date(year, month, 1)
    return first + days((weekday - first.weekday()) % 7 + 7 * (n - 1))


def every_weekday(first: dt.date, last: dt.date, weekday: int) -> list[dt.date]:
    """Every `weekday` from `first` up to `last`."""
    day = first + days((weekday - first.weekday()) % 7)
    out = []
    while day <= last:
        out.append(day)
        day += days(7)
    return out


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """``(year, month)`` of every month from `first`'s to `last`'s."""
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append((year, month))
        year, month = year + (month == 12), month % 12 + 1
    return out


def add_business_days(day: dt.date, n: int) -> dt.date:
    """The date `n` business days (Monday to Friday) after `day`."""
    while n > 0:
        day += days(1)
        if day.weekday() < SAT:
            n -= 1
    return day


def weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= SAT:
        day -= days(1)
    return day


def weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= SAT:
        day += days(1)
    return day


# --------------------------------------------------------------------------
# who and when
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Cast:
    """The two organisations, their people and what the partnership hires."""

    id: str
    client: str
    provider: str
    client_sponsor: str
    client_lead: str
    provider_sponsor: str
    provider_lead: str
    roles: str
    """What is being hired, as a plural noun phrase: "nursing and allied health roles"."""
    statement: str
    """The written purpose."""
    provider_lead_successor: str | None = None
    """Takes over from `provider_lead` half-way through, with a handover week."""
    engagement_model: str = "end_to_end"

    @property
    def name(self) -> str:
        return f"{self.client} and {self.provider}"


@dataclass(frozen=True)
class Timeline:
    """The dates that frame a partnership."""

    start: dt.date
    go_live: dt.date
    as_of: dt.date
    contract_end: dt.date

    @property
    def steady_state(self) -> dt.date:
        """Ninety days after go-live: when steady-state expectations apply."""
        return self.go_live + days(90)

    def within(self, day: dt.date) -> bool:
        return self.start <= day <= self.as_of


# --------------------------------------------------------------------------
# KPIs
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Kpi:
    """A scorecard KPI and the shape of its monthly readings."""

    id: str
    name: str
    kind: str
    unit: str
    direction: str | None
    definition: str | None
    target: float | None
    baseline: float | None
    benchmark: tuple[float, str] | None
    owner: str | None
    first: float
    """The first monthly reading."""
    last: float
    """Where the readings are heading by ``as_of``."""
    noise: float
    decimals: int = 1
    steadily_improving: bool = False
    """Improves every month (speed KPIs after go-live)."""
    family: str | None = None
    cadence: str = "monthly"


def standard_kpis(client: str) -> list[Kpi]:
    """Six defined KPIs: speed, efficiency, retention, satisfaction, cost, responsiveness."""
    return [
        Kpi(
            "ttf",
            "Time to fill",
            "time_to_fill",
            "days",
            "lower",
            "Calendar days from requisition approval to offer accepted, median per month.",
            46,
            66,
            (68, "PwC Saratoga 2022"),
            "provider",
            first=62,
            last=42,
            noise=0.6,
            steadily_improving=True,
        ),
        Kpi(
            "oar",
            "Offer acceptance rate",
            "offer_acceptance_rate",
            "%",
            "higher",
            "Offers accepted divided by offers extended in the month.",
            85,
            76,
            (84, "PwC Saratoga 2022"),
            "provider",
            first=77,
            last=89,
            noise=0.7,
        ),
        Kpi(
            "fyt",
            "First-year turnover",
            "first_year_turnover",
            "%",
            "lower",
            "Hires through the partnership who left within twelve months, over those hires "
            "(rolling twelve months).",
            25,
            33,
            (35, "PwC Saratoga 2022"),
            "client",
            first=32,
            last=22,
            noise=0.5,
        ),
        Kpi(
            "hms",
            "Hiring manager satisfaction",
            "hiring_manager_satisfaction",
            "score 1-5",
            "higher",
            "Average rating in the survey sent to the hiring manager after each fill.",
            4.2,
            3.5,
            (4.0, f"{client} manager survey 2023"),
            "both",
            first=3.7,
            last=4.5,
            noise=0.03,
            decimals=2,
        ),
        Kpi(
            "cph",
            "Cost per hire",
            "cost_per_hire",
            "USD",
            "lower",
            "External plus internal recruiting cost over hires (ANSI/SHRM 06001), quarter to date.",
            4300,
            5200,
            (4700, "SHRM Human Capital Benchmarking"),
            "both",
            first=5100,
            last=4000,
            noise=40,
            decimals=0,
        ),
        Kpi(
            "hmft",
            "Hiring manager feedback time",
            "hiring_manager_feedback_time",
            "hours",
            "lower",
            "Median hours from a candidate's submittal to the hiring manager's decision.",
            48,
            96,
            (48, "RPO practitioner norm (48 hours)"),
            "client",
            first=84,
            last=30,
            noise=1.0,
            steadily_improving=True,
        ),
    ]


def meets(value: float, target: float, direction: str | None) -> bool:
    return value >= target if direction == "higher" else value <= target


def kpi_series(kpi: Kpi, count: int, rng: random.Random) -> list[float]:
    """Readings that move from `kpi.first` toward `kpi.last`, fast at first, then settling.

    A healthy series never worsens two months running, and once it meets its
    target it stays there; a steadily improving one gets better every month.
    """
    sign = 1.0 if kpi.direction == "higher" else -1.0
    step = 10.0**-kpi.decimals
    out: list[float] = []
    worsened = False
    met = False
    for i in range(count):
        progress = 0.0 if count == 1 else i / (count - 1)
        shaped = (1 - math.exp(-2.2 * progress)) / (1 - math.exp(-2.2))
        value = kpi.first + (kpi.last - kpi.first) * shaped + rng.uniform(-kpi.noise, kpi.noise)
        value = round(value, kpi.decimals)
        if out:
            prev = out[-1]
            gain = (value - prev) * sign
            if kpi.steadily_improving and gain < 2 * step:
                value = round(prev + sign * 2 * step, kpi.decimals)
            elif gain < 0 and worsened:
                value = round(prev + sign * step, kpi.decimals)
            worsened = (value - prev) * sign < 0
        if kpi.target is not None:
            if met and not meets(value, kpi.target, kpi.direction):
                value = round(kpi.target + sign * step, kpi.decimals)
            met = met or meets(value, kpi.target, kpi.direction)
        out.append(value if kpi.decimals else float(int(value)))
    return out


def first_hit(metric: Doc) -> dt.date | None:
    """The period end of the first reading that met the metric's target."""
    target, direction = metric.get("target"), metric.get("direction")
    if target is None or direction is None:
        return None
    for obs in metric["observations"]:
        if meets(obs["value"], target, direction):
            return d(obs["period_end"])
    return None


# --------------------------------------------------------------------------
# milestones, recognition, slip-ups: the vocabulary of a working partnership
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestonePlan:
    id: str
    name: str
    after_go_live: int
    """Planned this many days after go-live."""
    early_by: int
    """Achieved this many days before plan."""
    thanked: str
    """The party thanked for it."""


STANDARD_MILESTONES = (
    MilestonePlan("M1", "Go-live across all sites", 0, 0, "provider"),
    MilestonePlan("M2", "First 100 hires through the new process", 100, 6, "provider"),
    MilestonePlan("M3", "Hiring-manager interview training complete", 210, 4, "client"),
    MilestonePlan("M4", "Careers site relaunched with the new employer brand", 330, 2, "provider"),
    MilestonePlan("M5", "500th hire", 450, 9, "provider"),
    MilestonePlan("M6", "Second-year workforce plan agreed", 560, 3, "client"),
    MilestonePlan("M7", "1,000th hire", 700, 5, "provider"),
    MilestonePlan("M8", "Third-year workforce plan agreed", 925, 4, "client"),
)

#: Small wins the client thanks the provider for: (text, link kind, link id).
CLIENT_THANKS = (
    ("Shortlists for the {roles} arrived two days ahead of the agreed date", "metric_id", "ttf"),
    ("Every offer in the month accepted at first ask", "metric_id", "oar"),
    ("New starters praised the onboarding calls in their 90-day survey", "metric_id", "fyt"),
    ("Managers rated the last month's fills 4.5 on average", "metric_id", "hms"),
    ("Sourcing costs down after the referral campaign", "metric_id", "cph"),
    ("Hard-to-fill vacancies closed before the seasonal peak", "goal_id", "G1"),
    ("The recruiter team covered a colleague's leave without a dropped call", "goal_id", "G1"),
    ("Retention check-ins with new starters picked up two at-risk hires", "goal_id", "G2"),
    ("Interview guides rewritten with the hiring managers", "goal_id", "G3"),
    ("Agency spend cut by moving two roles to direct sourcing", "goal_id", "G4"),
    ("Thanks for the clear pipeline dashboard ahead of the board meeting", None, None),
)
#: Small wins the provider thanks the client for.
PROVIDER_THANKS = (
    ("Hiring managers turned candidate feedback round within a day", "metric_id", "hmft"),
    ("Offer approvals signed the same day all month", "goal_id", "G1"),
    ("Managers joined every intake call this month", "goal_id", "G3"),
    ("{client} shared next quarter's workforce plan early", "goal_id", "G1"),
    ("Site leads hosted candidates for open days", "goal_id", "G2"),
    ("Interview panels kept to the agreed 45 minutes", "metric_id", "hms"),
    ("Finance approved the referral bonus change in a week", "goal_id", "G4"),
    ("Hiring managers filled in every post-fill survey", "metric_id", "hms"),
    ("Thanks for the warm welcome at the site visit", None, None),
)


@dataclass(frozen=True)
class Slip:
    """A slip-up worth learning from, and its real cause."""

    description: str
    side: str
    category: str
    cause: str
    fix: str
    metric: str | None = None
    severity: str = "medium"


STANDARD_SLIPS = (
    Slip(
        "Two requisitions posted with last year's pay band",
        "provider",
        "posting-review",
        "Pay bands copied from an out-of-date template with no second check before posting",
        "Add a compensation check to the posting checklist",
    ),
    Slip(
        "Hiring managers missed interview slots for three weeks",
        "client",
        "interview-scheduling",
        "Managers' calendars stopped being shared with recruiters after a calendar migration",
        "Restore calendar sharing and review open interview slots weekly",
        "ttf",
    ),
    Slip(
        "Background checks delayed by a screening vendor outage",
        "external",
        "vendor-capacity",
        "The screening vendor's only data centre was down for four days",
        "Agree a backup screening vendor and a switch-over trigger",
    ),
    Slip(
        "Offer letters sent with an outdated benefits summary",
        "provider",
        "template-control",
        "Offer templates live in two places and only one was updated",
        "Keep one controlled offer template with a named owner",
        "oar",
    ),
    Slip(
        "Requisitions approved without job profiles",
        "client",
        "intake-quality",
        "The approval form lets a requisition through without a profile attached",
        "Make the job profile a required field of the approval form",
    ),
    Slip(
        "Candidate pipeline for weekend shifts ran dry",
        "shared",
        "sourcing-plan",
        "The sourcing plan was not updated when shift patterns changed; neither side flagged it",
        "Review shift patterns and the sourcing plan together every month",
        "ttf",
    ),
    Slip(
        "Three new starters arrived without system access",
        "client",
        "onboarding-handoff",
        "IT access requests were raised only after start dates were confirmed",
        "Raise access requests at offer acceptance",
        "fyt",
    ),
    Slip(
        "Recruiter cover gap during the provider's holiday leave",
        "provider",
        "capacity-planning",
        "Leave was approved without checking requisition load per recruiter",
        "Check requisition load before approving recruiter leave",
    ),
    Slip(
        "Candidate CVs shared in an open folder",
        "provider",
        "data-handling",
        "A recruiter used a shared drive link instead of the applicant tracking system",
        "Disable open links and retrain the team on data handling",
        None,
        "high",
    ),
    Slip(
        "Duplicate requisitions opened for the same role",
        "shared",
        "requisition-hygiene",
        "Two managers raised the same vacancy and the intake call did not catch it",
        "Check for open requisitions with the same position number at intake",
    ),
    Slip(
        "Offer delayed by a missing compensation sign-off",
        "client",
        "approval-routing",
        "Compensation approvals route to a manager who had left",
        "Update the approval routing and review it every quarter",
        "oar",
    ),
)

ACTION_ITEMS = (
    "Send the updated pipeline by role family",
    "Confirm interview panels for next week's candidates",
    "Share the revised job profile",
    "Book the intake call for the new requisitions",
    "Chase outstanding offer approvals",
    "Circulate the hiring-manager survey results",
    "Update the sourcing plan for hard-to-fill roles",
    "Agree the agenda for the monthly review",
)


# --------------------------------------------------------------------------
# the partnership, section by section
# --------------------------------------------------------------------------


class Partnership:
    """Records a partnership section by section; the defaults are those of a healthy one."""

    def __init__(self, cast: Cast, timeline: Timeline, seed: int) -> None:
        self.cast = cast
        self.t = timeline
        self.rng = random.Random(seed)
        self.b = StateBuilder(
            id=cast.id,
            name=cast.name,
            client=cast.client,
            provider=cast.provider,
            start=timeline.start,
            go_live=timeline.go_live,
            as_of=timeline.as_of,
            contract_end=timeline.contract_end,
        )
        self.b.set("/partnership/engagement_model", cast.engagement_model)
        self.milestone_plans: list[tuple[MilestonePlan, dt.date, dt.date | None]] = []
        self.checkin_days: list[dt.date] = []
        self.metric_records: list[Doc] = []

    # -- the whole ------------------------------------------------------------

    def healthy(self) -> Partnership:
        """Record every section as a healthy partnership keeps it."""
        return (
            self.sponsors()
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
        )

    def document(self) -> Doc:
        return self.b.to_dict()

    # -- partnership ------------------------------------------------------------

    def sponsors(
        self,
        *,
        client_sponsor_leaves: dt.date | None = None,
        client_lead_leaves: dt.date | None = None,
    ) -> Partnership:
        """Both sides name an executive sponsor and a point person from the start.

        The client's people leave on the dates given, and nobody replaces them.
        """
        c, t = self.cast, self.t
        self.b.sponsor(
            "client", c.client_sponsor, "executive_sponsor", t.start, client_sponsor_leaves
        )
        self.b.sponsor("client", c.client_lead, "point_person", t.start, client_lead_leaves)
        self.b.sponsor("provider", c.provider_sponsor, "executive_sponsor", t.start)
        if c.provider_lead_successor is None:
            self.b.sponsor("provider", c.provider_lead, "point_person", t.start)
        else:
            handover = t.start + days((t.as_of - t.start).days // 2)
            self.b.sponsor("provider", c.provider_lead, "point_person", t.start, handover)
            self.b.sponsor(
                "provider", c.provider_lead_successor, "point_person", handover - days(7)
            )
        return self

    def contract(self, *, positive_incentives: bool = True) -> Partnership:
        self.b.contract_terms(positive_incentives=positive_incentives, penalties=True)
        return self

    # -- purpose ---------------------------------------------------------------

    def purpose_documented(self) -> dt.date:
        return weekday_on_or_after(self.t.start + days(11))

    def reviews(self) -> list[dt.date]:
        """Yearly executive reviews of the purpose, a fortnight before each anniversary."""
        documented = self.purpose_documented()
        out: list[dt.date] = []
        year = 1
        while True:
            day = weekday_on_or_before(documented.replace(year=documented.year + year) - days(14))
            if day > self.t.as_of:
                return out
            out.append(day)
            year += 1

    def purpose(
        self,
        *,
        signers: Sequence[str] = ("client", "provider"),
        reviewed: bool = True,
        goal_dates: Sequence[dt.date] | None = None,
        metric_links: dict[str, list[str]] | None = None,
    ) -> Partnership:
        """A written purpose signed by both sides, reviewed yearly, with four linked goals.

        Goal target dates are reset at each review, so they lie ahead of ``as_of``
        unless `goal_dates` says otherwise.
        """
        c, t = self.cast, self.t
        documented = self.purpose_documented()
        reviews = self.reviews() if reviewed else []
        self.b.purpose(c.statement, documented, reviews[-1] if reviews else None)
        people = {"client": c.client_sponsor, "provider": c.provider_sponsor}
        for offset, party in enumerate(signers):
            self.b.sign_off(party, people[party], documented + days(3 + offset))
        if goal_dates is None:
            year = t.as_of.year + (t.as_of.month > 6)
            goal_dates = [
                dt.date(year, 12, 31),
                dt.date(year, 12, 31),
                dt.date(year, 9, 30),
                dt.date(year + 1, 3, 31),
            ]
        links = metric_links or {
            "G1": ["ttf", "oar"],
            "G2": ["fyt"],
            "G3": ["hms", "hmft"],
            "G4": ["cph"],
        }
        goals = [
            ("G1", f"Fill {c.roles} at or under 46 days, with offers accepted", "hire_talent"),
            ("G2", "Keep first-year turnover of new hires under 25%", "improve_quality"),
            ("G3", "Hiring managers rate the process 4.2 of 5 or better", "improve_process"),
            ("G4", "Bring cost per hire below 4,300 USD", "reduce_cost"),
        ]
        for (gid, text, category), target in zip(goals, goal_dates, strict=True):
            self.b.goal(gid, text, category, target, links.get(gid, []))
        return self

    # -- communication -----------------------------------------------------------

    def holiday_skips(self) -> set[dt.date]:
        """One check-in a year is skipped over Christmas: the first Tuesday from Dec 24 to Jan 1."""
        skips = set()
        for year in range(self.t.start.year, self.t.as_of.year + 1):
            window = every_weekday(dt.date(year, 12, 24), dt.date(year + 1, 1, 1), TUE)
            if window:
                skips.add(window[0])
        return skips

    def communications(
        self,
        *,
        lapses: Sequence[tuple[dt.date, dt.date]] = (),
        wins_until: dt.date | None = None,
        executive_reviews: bool = True,
    ) -> Partnership:
        """Weekly check-ins, monthly reviews, QBRs, feedback sessions and status reports.

        Check-ins are on Tuesdays, mostly by video, in person on the first
        Tuesday of a quarter; monthly reviews on the third Thursday (the second
        in December); QBRs on the third Wednesday of each calendar quarter,
        after a kick-off QBR in the first week; the yearly purpose review is an
        executive meeting of its own.

        No check-in is held within a `lapses` span; reviews list "wins" on the
        agenda up to `wins_until` (always, when not given).
        """
        c, t, rng, b = self.cast, self.t, self.rng, self.b
        skips = self.holiday_skips()
        routine = ["pipeline", "time_to_fill", "joint_actions"]

        def wins(day: dt.date) -> list[str]:
            return ["wins"] if wins_until is None or day <= wins_until else []

        kickoff = t.start + days(3)
        b.touchpoint(
            kickoff,
            "qbr",
            "in_person",
            topics=["goals", "expectations", "metrics", "pipeline", "time_to_fill", *wins(kickoff)],
            initiated_by="provider",
        )
        self._note(-1, "Kick-off: purpose, goals and the first quarter's plan agreed.")
        resumed = False
        for index, day in enumerate(every_weekday(t.start + days(7), t.as_of, TUE)):
            if day in skips:
                continue
            if any(first <= day <= last for first, last in lapses):
                resumed = True
                continue
            self.checkin_days.append(day)
            first_of_quarter = day.month in (1, 4, 7, 10) and day.day <= 7
            phone = rng.random() < 0.08
            channel = "in_person" if first_of_quarter else "phone" if phone else "video"
            topics = routine + (["issues"] if index % 4 == 1 else [])
            b.touchpoint(
                day,
                "weekly_checkin",
                channel,
                topics=topics,
                initiated_by="client" if index % 2 else "provider",
            )
            if resumed:
                self._note(-1, "First weekly check-in after weeks without one.")
                resumed = False
        for n, (year, month) in enumerate(months_between(t.start + days(30), t.as_of)):
            day = nth_weekday(year, month, THU, 2 if month == 12 else 3)
            if not t.within(day):
                continue
            b.touchpoint(
                day,
                "monthly_review",
                "in_person" if n % 3 == 0 else "video",
                topics=[*routine, "metrics", *wins(day), "issues"],
                initiated_by="provider",
            )
        for n, (year, month) in enumerate(months_between(t.start + days(30), t.as_of)):
            if month not in (1, 4, 7, 10):
                continue
            day = nth_weekday(year, month, WED, 3)
            if not t.within(day):
                continue
            b.touchpoint(
                day,
                "qbr",
                "video" if month == 7 else "in_person",
                topics=[*wins(day), "goals", "metrics", *routine, "issues"],
                initiated_by="provider" if n % 2 else "client",
            )
            self._note(-1, f"Quarterly business review with both executive sponsors: {c.roles}.")
        for n, (year, month) in enumerate(months_between(t.start + days(45), t.as_of)):
            if month % 2 == 0:
                continue
            day = nth_weekday(year, month, WED, 2)
            if not t.within(day):
                continue
            b.touchpoint(
                day,
                "feedback",
                "video",
                topics=["feedback", "expectations"],
                initiated_by="client" if n % 4 < 2 else "provider",
            )
        for day in self.reviews() if executive_reviews else []:
            b.touchpoint(
                day,
                "executive_review",
                "in_person",
                topics=["goals", "expectations", *wins(day), "metrics"],
                initiated_by="client",
            )
            self._note(-1, "Yearly review of the partnership's purpose and goals.")
        for end in month_ends(t.go_live, t.as_of):
            # The December report goes out before the holiday break.
            day = weekday_on_or_before(end.replace(day=15)) if end.month == 12 else end
            b.touchpoint(
                day,
                "status_report",
                "document",
                parties=["provider"],
                topics=routine,
                initiated_by="provider",
            )
        return self

    def _note(self, index: int, note: str) -> None:
        self.b.set(f"/communications/{index}/note", note)

    # -- metrics -----------------------------------------------------------------

    def scorecard(
        self,
        kpis: Sequence[Kpi] | None = None,
        *,
        adopted: dt.date | None = None,
        first_reading: dt.date | None = None,
    ) -> Partnership:
        """Primary KPIs adopted with the purpose, read at every month end from go-live
        (or from `first_reading`)."""
        kpis = list(kpis) if kpis is not None else standard_kpis(self.cast.client)
        adopted = adopted or self.purpose_documented() + days(3)
        months = month_ends(first_reading or self.t.go_live, self.t.as_of)
        for kpi in kpis:
            self.add_kpi(kpi, months, adopted=adopted)
        return self

    def add_kpi(
        self,
        kpi: Kpi,
        months: Sequence[dt.date],
        *,
        adopted: dt.date,
        retired: dt.date | None = None,
        values: Sequence[float] | None = None,
    ) -> None:
        values = list(values) if values is not None else kpi_series(kpi, len(months), self.rng)
        fields: dict[str, Any] = {
            "unit": kpi.unit,
            "direction": kpi.direction,
            "definition": kpi.definition,
            "target": kpi.target,
            "baseline": kpi.baseline,
            "owner": kpi.owner,
            "cadence": kpi.cadence,
            "adopted": adopted.isoformat(),
        }
        if kpi.family is not None:
            fields["family"] = kpi.family
        if retired is not None:
            fields["retired"] = retired.isoformat()
        self.b.metric(
            kpi.id,
            kpi.name,
            kind=kpi.kind,
            benchmark=kpi.benchmark,
            observations=zip(months, values, strict=True),
            **{k: v for k, v in fields.items() if v is not None},
        )
        self.metric_records.append(
            {
                "id": kpi.id,
                "name": kpi.name,
                "owner": kpi.owner,
                "target": kpi.target,
                "direction": kpi.direction,
                "retired": retired,
                "observations": [
                    {"period_end": m.isoformat(), "value": v}
                    for m, v in zip(months, values, strict=True)
                ],
            }
        )

    # -- milestones and recognition -------------------------------------------------

    def milestones(self, plans: Sequence[MilestonePlan] = STANDARD_MILESTONES) -> Partnership:
        """Milestones planned up to five months ahead; those due by ``as_of`` achieved early."""
        t = self.t
        for plan in plans:
            planned = weekday_on_or_after(t.go_live + days(plan.after_go_live))
            if planned > t.as_of + days(150):
                continue
            achieved = planned - days(plan.early_by) if planned <= t.as_of else None
            if achieved is not None:
                achieved = weekday_on_or_before(achieved)
            self.milestone_plans.append((plan, planned, achieved))
            self.b.milestone(plan.id, plan.name, planned, achieved)
        return self

    def recognitions(
        self,
        *,
        until: dt.date | None = None,
        client_share: float = 0.55,
        only_from: str | None = None,
    ) -> Partnership:
        """Small wins thanked every few weeks, both ways; milestones and first target hits
        celebrated within a week.

        `client_share` is the share of small wins thanked by the client; with
        `only_from`, celebrations of milestones and targets come from that party
        alone. Nothing is recorded after `until`.
        """
        c, t, rng = self.cast, self.t, self.rng
        last = min(until or t.as_of, t.as_of)
        entries: list[tuple[dt.date, str, str, str, dict[str, str]]] = []
        for plan, _planned, achieved in self.milestone_plans:
            if achieved is None:
                continue
            day = achieved + days(rng.randint(1, 6))
            thanker = "provider" if plan.thanked == "client" else "client"
            text = f"Celebrated together: {plan.name[0].lower()}{plan.name[1:]}"
            entries.append((day, thanker, plan.thanked, text, {"milestone_id": plan.id}))
        for metric in self.metric_records:
            if metric["retired"]:
                continue
            hit = first_hit(metric)
            if hit is None:
                continue
            day = hit + days(rng.randint(5, 9))
            thanked = "client" if metric.get("owner") == "client" else "provider"
            thanker = "provider" if thanked == "client" else "client"
            text = f"{metric['name']} met its target"
            entries.append((day, thanker, thanked, text, {"metric_id": metric["id"]}))
        celebrations = len(entries)
        day = t.start + days(rng.randint(16, 24))
        count = 0
        owed = 0.5  # an even spread of directions, so every year is as balanced as the whole
        while day <= last:
            owed += client_share
            from_client = owed >= 1
            owed -= from_client
            pool = CLIENT_THANKS if from_client else PROVIDER_THANKS
            text, link, ident = pool[count % (len(pool) - 1)]
            text = text.format(client=c.client, provider=c.provider, roles=c.roles)
            links = {link: ident} if link and ident else {}
            if from_client:
                entries.append((day, "client", "provider", text, links))
            else:
                entries.append((day, "provider", "client", text, links))
            count += 1
            day += days(rng.randint(16, 24))
        # Unlinked thanks now and then: realistic, and well above 70% still name a win.
        for n, entry in enumerate(entries):
            if n % 9 == 8 and not {"milestone_id", "metric_id"} & set(entry[4]):
                pool = CLIENT_THANKS if entry[1] == "client" else PROVIDER_THANKS
                entries[n] = (entry[0], entry[1], entry[2], pool[-1][0], {})
        celebrated = [e for e in entries[:celebrations] if only_from is None or e[1] == only_from]
        for day, frm, to, text, links in sorted(
            celebrated + entries[celebrations:], key=lambda e: e[0]
        ):
            day = weekday_on_or_after(day)
            if day <= last:
                self.b.recognition(day, frm, to, text, **links)
        return self

    # -- improvement -------------------------------------------------------------------

    def improvement(
        self,
        slips: Sequence[Slip] = STANDARD_SLIPS,
        *,
        first: dt.date | None = None,
        last: dt.date | None = None,
        recorded_side: str | None = None,
    ) -> Partnership:
        """Slip-ups spread evenly from a month after go-live, each found, fixed and closed.

        Root causes within three business days, a corrective action the same or
        the next business day, due in two to four weeks and finished before it.
        With `recorded_side`, every root cause is put down to that side,
        whatever the cause says.
        """
        t, rng = self.t, self.rng
        first = first or t.go_live + days(30)
        last = last or t.as_of - days(12)
        span = (last - first).days
        for n, slip in enumerate(slips, 1):
            opened = weekday_on_or_after(first + days(span * (n - 1) // max(len(slips) - 1, 1)))
            found = add_business_days(opened, rng.randint(1, 3))
            ca_opened = add_business_days(found, rng.randint(0, 1))
            due = ca_opened + days(rng.choice((14, 21, 28)))
            done = due - days(rng.randint(0, 4))
            closed = done + days(rng.randint(0, 3))
            self.record_slip(
                f"I{n}",
                slip,
                opened,
                root_cause_date=found,
                action_opened=ca_opened,
                due=due,
                completed=done if done <= t.as_of else None,
                closed=closed if done <= t.as_of else None,
                side=recorded_side,
            )
        return self

    def record_slip(
        self,
        iid: str,
        slip: Slip,
        opened: dt.date,
        *,
        root_cause_date: dt.date | None,
        action_opened: dt.date | None,
        due: dt.date | None = None,
        completed: dt.date | None = None,
        closed: dt.date | None = None,
        side: str | None = None,
    ) -> None:
        """One issue and its corrective action (none without `action_opened`).

        Dates after ``as_of`` have not happened yet and are left unrecorded.
        """
        as_of = self.t.as_of

        def known(day: dt.date | None) -> dt.date | None:
            return day if day is not None and day <= as_of else None

        recorded_side = side or slip.side
        fields: dict[str, Any] = {"severity": slip.severity}
        if known(root_cause_date):
            fields.update(
                root_cause=slip.cause,
                root_cause_category=slip.category,
                root_cause_side=recorded_side,
                root_cause_date=root_cause_date,
            )
        if slip.metric:
            fields["metric_id"] = slip.metric
        done = known(completed)
        if known(closed):
            fields["closed"] = closed
        self.b.issue(iid, opened, slip.description, **fields)
        if action_opened is None or action_opened > as_of:
            return
        owner = recorded_side if recorded_side in ("client", "provider") else "both"
        action: dict[str, Any] = {"issue_id": iid}
        if due is not None:
            action["due"] = due
        if done is not None:
            action["completed"] = done
        if slip.metric:
            action["metric_id"] = slip.metric
        self.b.corrective_action(f"CA-{iid}", action_opened, owner, slip.fix, **action)

    def retrospectives(self, *, until: dt.date | None = None) -> Partnership:
        """A joint retrospective in the middle of every calendar quarter, and two initiatives."""
        t = self.t
        last = min(until or t.as_of, t.as_of)
        for year, month in months_between(t.start, last):
            if month not in (2, 5, 8, 11):
                continue
            day = nth_weekday(year, month, THU, 2)
            if t.start <= day <= last:
                self.b.retrospective(day, f"Quarterly retrospective {year} Q{(month + 1) // 3}")
        for offset, title in (
            (150, "Interview scheduling improvement initiative"),
            (400, "Offer process redesign initiative"),
        ):
            day = weekday_on_or_after(t.go_live + days(offset))
            if day <= last:
                self.b.retrospective(day, title, "initiative")
        return self

    # -- urgency -----------------------------------------------------------------------

    def escalations(self) -> Partnership:
        """One operational escalation in steady state, resolved within two days."""
        day = weekday_on_or_after(self.t.steady_state + days(120))
        if day <= self.t.as_of - days(5):
            self.b.escalation(
                day,
                "client",
                "operational",
                f"Urgent {self.cast.roles} requisitions for a new site stalled at intake",
                resolved=add_business_days(day, 2),
            )
        else:
            self.b.recorded("escalations")
        return self

    def action_items(self, *, late_every: int = 0, late_by: int = 0) -> Partnership:
        """An action item agreed at every other check-in, due in one or two weeks.

        Items are done on or before their due date unless `late_every` says that
        every n-th item is `late_by` days late.
        """
        rng = self.rng
        checkins = self.checkin_days or every_weekday(self.t.start + days(7), self.t.as_of, TUE)
        for n, raised in enumerate(checkins[::2], 1):
            due = raised + days(rng.choice((7, 14)))
            if late_every and n % late_every == 0:
                done = due + days(late_by)
            else:
                done = due - days(rng.randint(0, 3))
            done = max(done, raised)
            self.b.action_item(
                f"A{n}",
                raised,
                due,
                done if done <= self.t.as_of else None,
                ["provider", "client", "both"][n % 3],
                ACTION_ITEMS[n % len(ACTION_ITEMS)],
            )
        return self

    def ttf_at(self, day: dt.date) -> float:
        """The time-to-fill reading of the month before `day` (62 before any reading)."""
        value = 62.0
        for metric in self.metric_records:
            if metric["id"] != "ttf":
                continue
            for obs in metric["observations"]:
                if d(obs["period_end"]) < day:
                    value = obs["value"]
        return value

    def requisitions(
        self,
        *,
        assign_days: tuple[int, int] = (0, 1),
        intake_days: tuple[int, int] = (1, 5),
        stuck_share: float = 0.0,
        stuck_since: dt.date | None = None,
        first: dt.date | None = None,
    ) -> Partnership:
        """About two requisitions a week from go-live, filled in line with time to fill.

        Assigned the same or the next business day, intake within a week, one in
        twenty-five cancelled, one hard-to-fill role still open past 68 days.
        `stuck_share` of requisitions opened from `stuck_since` stay open with no
        end in sight.
        """
        t, rng = self.t, self.rng
        opened_days = [
            day
            for monday in every_weekday(first or t.go_live, t.as_of - days(2), MON)
            for day in (monday, monday + days(3))
            if day <= t.as_of - days(2) and rng.random() < 0.85
        ]
        for n, opened in enumerate(opened_days, 1):
            lag = rng.randint(*assign_days)
            assigned = add_business_days(opened, lag) if lag else opened
            intake = assigned + days(rng.randint(*intake_days))
            fields: dict[str, dt.date | None] = {"assigned": assigned, "intake": intake}
            if n % 25 == 0:
                fields["cancelled"] = opened + days(rng.randint(10, 30))
            elif rng.random() >= stuck_share or (stuck_since is not None and opened < stuck_since):
                fields["filled"] = opened + days(round(self.ttf_at(opened)) + rng.randint(-7, 7))
            for key, value in list(fields.items()):
                if value is not None and value > t.as_of:
                    fields[key] = None
            self.b.requisition(f"R{n:03d}", opened, **fields)
        hard = weekday_on_or_after(t.as_of - days(84))
        if hard > t.go_live:
            self.b.requisition("R-HARD-1", hard, assigned=hard, intake=hard + days(2))
        return self

    # -- surveys -----------------------------------------------------------------------

    def surveys(
        self, *, shared_goals: Callable[[int], tuple[float, float]] | None = None
    ) -> Partnership:
        """A pulse survey of both sides every six months from the half-year mark.

        Scores start between 4.0 and 4.3 and hold or edge up each round.
        `shared_goals(n)` overrides the (client, provider) "same goals" scores of
        the n-th round.
        """
        rng = self.rng
        topics = ("shared_goals", "satisfaction", "communication", "trust")
        scores = {
            (party, topic): round(rng.uniform(4.0, 4.3), 1)
            for party in ("client", "provider")
            for topic in topics
        }
        n = 0
        day = weekday_on_or_after(self.t.start + days(182))
        while day <= self.t.as_of:
            if shared_goals is not None:
                scores["client", "shared_goals"], scores["provider", "shared_goals"] = shared_goals(
                    n
                )
            for topic in topics:
                for party in ("client", "provider"):
                    self.b.survey(day, party, topic, scores[party, topic])
            for key in scores:
                scores[key] = min(4.7, round(scores[key] + rng.choice((0.0, 0.1)), 1))
            n += 1
            day = weekday_on_or_after(day + days(182))
        return self


# --------------------------------------------------------------------------
# editing a document afterwards
# --------------------------------------------------------------------------


def touchpoints(doc: Doc, kind: str | None = None) -> list[Doc]:
    """The document's touchpoints (of one kind), as live records to edit."""
    return [tp for tp in doc.get("communications", []) if kind is None or tp["kind"] == kind]


def drop_touchpoints(doc: Doc, kind: str, first: dt.date, last: dt.date) -> None:
    """Remove touchpoints of `kind` dated from `first` to `last`."""
    doc["communications"] = [
        tp
        for tp in doc["communications"]
        if not (tp["kind"] == kind and first <= d(tp["date"]) <= last)
    ]


def move_touchpoint(doc: Doc, kind: str, old: dt.date, new: dt.date, note: str) -> None:
    for tp in touchpoints(doc, kind):
        if tp["date"] == old.isoformat():
            tp["date"] = new.isoformat()
            tp["note"] = note
            return
    raise LookupError(f"no {kind} on {old}")


def record(doc: Doc, section: str, key: str, value: str) -> Doc:
    """The record of `section` (a dotted path such as ``improvement.issues``) whose `key` is
    `value`."""
    node: Any = doc
    for part in section.split("."):
        node = node[part]
    for item in node:
        if item.get(key) == value:
            found: Doc = item
            return found
    raise LookupError(f"no {section} record with {key}={value}")


def dated_records(doc: Doc) -> Iterable[tuple[str, dt.date]]:
    """Every date that says something already happened, with where it sits.

    Planned and due dates, goal target dates and the contract end may lie
    ahead of ``as_of``; these may not.
    """
    p = doc["partnership"]
    for side in ("client", "provider"):
        for s in p[side].get("sponsors", []):
            for key in ("start", "end"):
                if key in s:
                    yield f"partnership.{side}.sponsors.{key}", d(s[key])
    purpose = doc.get("purpose") or {}
    for key in ("documented", "last_reviewed"):
        if key in purpose:
            yield f"purpose.{key}", d(purpose[key])
    for s in purpose.get("sign_offs") or []:
        yield "purpose.sign_offs.date", d(s["date"])
    for tp in doc.get("communications") or []:
        yield "communications.date", d(tp["date"])
    for m in doc.get("metrics") or []:
        for key in ("adopted", "retired"):
            if key in m:
                yield f"metrics.{key}", d(m[key])
        for o in m["observations"]:
            yield "metrics.observations.period_end", d(o["period_end"])
    for r in doc.get("recognitions") or []:
        yield "recognitions.date", d(r["date"])
    for m in doc.get("milestones") or []:
        if "achieved" in m:
            yield "milestones.achieved", d(m["achieved"])
    improvement = doc.get("improvement") or {}
    for i in improvement.get("issues") or []:
        for key in ("opened", "root_cause_date", "closed"):
            if key in i:
                yield f"improvement.issues.{key}", d(i[key])
    for a in improvement.get("corrective_actions") or []:
        for key in ("opened", "completed"):
            if key in a:
                yield f"improvement.corrective_actions.{key}", d(a[key])
    for r in improvement.get("retrospectives") or []:
        yield "improvement.retrospectives.date", d(r["date"])
    for e in doc.get("escalations") or []:
        for key in ("date", "resolved"):
            if key in e:
                yield f"escalations.{key}", d(e[key])
    for a in doc.get("action_items") or []:
        for key in ("raised", "completed"):
            if key in a:
                yield f"action_items.{key}", d(a[key])
    for r in doc.get("requisitions") or []:
        for key in ("opened", "assigned", "intake", "filled", "cancelled"):
            if key in r:
                yield f"requisitions.{key}", d(r[key])
    for s in doc.get("surveys") or []:
        yield "surveys.date", d(s["date"])
