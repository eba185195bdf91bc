"""Healthy partnerships: the steady-state reference, one with retired KPIs, one in ramp-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ._build import (
    STANDARD_SLIPS,
    Cast,
    Doc,
    Kpi,
    Partnership,
    Timeline,
    d,
    month_ends,
    standard_kpis,
)
from .model import TECHNIQUES, Story, expect

NORTHWIND = Cast(
    id="northwind-talentbridge",
    client="Northwind Health",
    provider="TalentBridge RPO",
    client_sponsor="Dr. Maria Okafor",
    client_lead="James Whitaker",
    provider_sponsor="Rachel Kim",
    provider_lead="Daniel Reyes",
    provider_lead_successor="Sofia Marchetti",
    roles="nursing and allied health roles",
    statement=(
        "Staff Northwind's three hospitals with nurses and allied health professionals who "
        "stay, fill each role in two thirds of the time it took before, and leave Northwind's "
        "own managers better at hiring."
    ),
)
NORTHWIND_TIMELINE = Timeline(
    start=d("2024-09-02"),
    go_live=d("2024-11-18"),
    as_of=d("2026-06-19"),
    contract_end=d("2027-08-31"),
)
HEALTHY_SEED = 11


def northwind() -> Partnership:
    """The healthy reference partnership, every section recorded (probes start here)."""
    return Partnership(NORTHWIND, NORTHWIND_TIMELINE, HEALTHY_SEED).healthy()


def healthy() -> Doc:
    return northwind().document()


# --------------------------------------------------------------------------
# retired KPIs
# --------------------------------------------------------------------------

HAWTHORNE = Cast(
    id="hawthorne-campustalent",
    client="Hawthorne University",
    provider="CampusTalent RPO",
    client_sponsor="Prof. Alan Mercer",
    client_lead="Beatriz Santos",
    provider_sponsor="Owen Gallagher",
    provider_lead="Hannah Liu",
    roles="research, teaching and professional services roles",
    statement=(
        "Bring Hawthorne the researchers, lecturers and professional staff it needs, faster "
        "and at lower cost than agencies, and make every hiring panel a good advertisement "
        "for the university."
    ),
)
HAWTHORNE_TIMELINE = Timeline(
    start=d("2023-09-04"),
    go_live=d("2023-11-20"),
    as_of=d("2026-06-19"),
    contract_end=d("2027-08-31"),
)
#: The first scorecard's KPIs that the January 2025 review retired.
RETIREMENT = d("2025-01-31")


def _retired_kpis() -> list[Kpi]:
    return [
        Kpi(
            "subs",
            "Submittals per requisition",
            "custom",
            "count",
            "higher",
            None,
            None,
            None,
            None,
            "provider",
            first=6.5,
            last=3.2,
            noise=0.2,
            family="efficiency",
        ),
        Kpi(
            "adresp",
            "Job advert response rate",
            "custom",
            "%",
            "higher",
            "Applications per advert view.",
            8,
            None,
            None,
            None,
            first=5.8,
            last=2.9,
            noise=0.2,
            family="other",
        ),
        Kpi(
            "cnps",
            "Candidate NPS",
            "candidate_nps",
            "score",
            "higher",
            "Promoters minus detractors among candidates after interview.",
            40,
            22,
            None,
            "provider",
            first=18,
            last=-6,
            noise=1.0,
            decimals=0,
        ),
        Kpi(
            "tti",
            "Time to first interview",
            "custom",
            "days",
            "lower",
            None,
            10,
            None,
            None,
            None,
            first=16,
            last=24,
            noise=0.5,
            family="speed",
        ),
    ]


def _falling(kpi: Kpi, count: int) -> list[float]:
    """Readings that get worse every month: why the review retired these KPIs."""
    step = (kpi.last - kpi.first) / max(count - 1, 1)
    return [round(kpi.first + step * i, kpi.decimals) for i in range(count)]


def retired_kpis() -> Doc:
    p = Partnership(HAWTHORNE, HAWTHORNE_TIMELINE, 17)
    p.sponsors().contract().purpose().communications()
    old_months = month_ends(HAWTHORNE_TIMELINE.go_live, RETIREMENT)
    adopted = p.purpose_documented() + dt.timedelta(days=3)
    for kpi in _retired_kpis():
        p.add_kpi(
            kpi,
            old_months,
            adopted=adopted,
            retired=RETIREMENT,
            values=_falling(kpi, len(old_months)),
        )
    p.scorecard()
    return (
        p.milestones()
        .recognitions()
        .improvement()
        .retrospectives()
        .escalations()
        .action_items()
        .requisitions()
        .surveys()
        .document()
    )


# --------------------------------------------------------------------------
# ramp-up
# --------------------------------------------------------------------------

NORTHGATE = Cast(
    id="northgate-pathway",
    client="Northgate Logistics",
    provider="Pathway RPO",
    client_sponsor="Linda Forsberg",
    client_lead="Marcus Osei",
    provider_sponsor="Elena Petrova",
    provider_lead="Ravi Menon",
    roles="warehouse, transport and planning roles",
    statement=(
        "Keep Northgate's six distribution centres staffed through the growth plan with "
        "people who stay past their first year, and bring time to fill down from 66 days "
        "to 45."
    ),
)
NORTHGATE_TIMELINE = Timeline(
    start=d("2025-12-01"),
    go_live=d("2026-02-16"),
    as_of=d("2026-05-08"),
    contract_end=d("2028-11-30"),
)


def ramp_up_on_track() -> Doc:
    p = Partnership(NORTHGATE, NORTHGATE_TIMELINE, 29)
    p.sponsors().contract().purpose().communications()
    # Eleven weeks after go-live the KPIs are moving the right way but every target is
    # still ahead: that is what ramp-up looks like.
    early = {
        "ttf": (63.0, 57.0),
        "oar": (77.0, 80.5),
        "fyt": (32.0, 30.5),
        "hms": (3.7, 3.9),
        "cph": (5100.0, 4880.0),
        "hmft": (58.0, 44.0),
    }
    p.scorecard(
        [
            replace(kpi, first=early[kpi.id][0], last=early[kpi.id][1])
            for kpi in standard_kpis(NORTHGATE.client)
        ]
    )
    p.milestones()
    p.recognitions()
    # One slip in implementation and two in ramp-up, each found and fixed.
    p.improvement(
        [STANDARD_SLIPS[4], STANDARD_SLIPS[0], STANDARD_SLIPS[1]],
        first=NORTHGATE_TIMELINE.start + dt.timedelta(days=40),
        last=NORTHGATE_TIMELINE.as_of - dt.timedelta(days=25),
    )
    p.retrospectives()
    p.b.retrospective(d("2026-02-26"), "Go-live retrospective")
    p.b.recorded("escalations")
    p.action_items().requisitions().surveys()
    return p.document()


STORIES = [
    Story(
        id="healthy",
        title="A healthy partnership in steady state, 21 months in",
        narrative=(
            "Northwind Health and TalentBridge RPO signed a written purpose within three weeks "
            "of starting, reviewed it together after a year, and have met every Tuesday since, "
            "mostly on video, with monthly reviews and in-person QBRs. Six defined KPIs with "
            "baselines, targets and benchmarks have reached their targets and hold there; wins "
            "are thanked both ways within days; eleven slip-ups on both sides were each traced "
            "to a cause and fixed on time; requisitions are picked up the same day."
        ),
        build=healthy,
        expect=expect(
            {"strong"},
            not_flagged=TECHNIQUES,
            why=(
                "Every signal in the domain reference is met with margin on both sides; a "
                "governance lead would sign this as a strong foundation with nothing to fix."
            ),
        ),
    ),
    Story(
        id="retired-kpis",
        title="Healthy partnership that retired four poor KPIs sixteen months ago",
        narrative=(
            "Hawthorne University and CampusTalent RPO started with a ten-KPI scorecard. "
            "Four of its measures (submittals per requisition, advert response rate, candidate "
            "NPS and time to first interview) fell month after month, two had no definition, "
            "and at the January 2025 review both sides agreed to retire them. The six KPIs "
            "that remain are defined, benchmarked and on target, and everything else is run "
            "as well as in the healthiest partnership."
        ),
        build=retired_kpis,
        expect=expect(
            {"strong"},
            not_flagged=TECHNIQUES,
            why=(
                "Retired KPIs are history: their poor readings and missing definitions were the "
                "reason to retire them, and the current scorecard and every other technique are "
                "healthy."
            ),
        ),
    ),
    Story(
        id="ramp-up-on-track",
        title="Ramp-up on track: targets not yet met, everything moving the right way",
        narrative=(
            "Northgate Logistics went live with Pathway RPO in February. Eleven weeks on, time "
            "to fill is down from 66 to about 57 days against a target of 45, offer acceptance "
            "is climbing, and the one slip-up of implementation and two of ramp-up were traced "
            "and fixed. Weekly video check-ins, monthly reviews and a kick-off QBR run to plan, "
            "and nobody has escalated."
        ),
        build=ramp_up_on_track,
        expect=expect(
            {"strong", "sound"},
            not_flagged=TECHNIQUES,
            why=(
                "Ramp-up takes time: targets still ahead are expected, and every governance, "
                "recognition and improvement habit is in place; nothing here needs fixing."
            ),
        ),
    ),
]
