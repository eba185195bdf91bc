"""Metrics gone wrong: a sprawling scorecard, and a watermelon (green outside, red inside)."""

from __future__ import annotations

from ._build import (
    Cast,
    Doc,
    Kpi,
    Partnership,
    Timeline,
    d,
    month_ends,
    record,
)
from .model import Story, all_but, expect

GRANITE = Cast(
    id="granitestate-apex",
    client="Granite State Utilities",
    provider="Apex Sourcing",
    client_sponsor="Robert Ellison",
    client_lead="Kara Lindgren",
    provider_sponsor="Tanya Brooks",
    provider_lead="Felipe Duarte",
    provider_lead_successor="Moira Kelly",
    roles="line worker, engineering and customer roles",
    statement=(
        "Keep Granite State's crews and control rooms fully staffed through the grid "
        "upgrade, with hires who stay and a hiring process managers are glad to use."
    ),
)


def _undefined(
    kid: str,
    name: str,
    kind: str,
    unit: str,
    first: float,
    last: float,
    *,
    direction: str | None = None,
    family: str | None = None,
) -> Kpi:
    """A KPI put on the scorecard with nothing but a name and a unit."""
    return Kpi(
        kid,
        name,
        kind,
        unit,
        direction,
        None,
        None,
        None,
        None,
        None,
        first=first,
        last=last,
        noise=0.0,
        family=family,
    )


#: Eight KPIs added over the first year, each without direction, definition, target,
#: baseline, benchmark or owner. Their readings drift steadily the right way.
SPRAWL = (
    _undefined("tts", "Time to start", "time_to_start", "days", 96, 74),
    _undefined("tth", "Time to hire", "time_to_hire", "days", 31, 22),
    _undefined("sti", "Submittals per interview", "submittal_to_interview", "ratio", 4.6, 3.7),
    _undefined("cnps", "Candidate NPS", "candidate_nps", "score", 12, 31),
    _undefined("mix", "Direct-sourced share of hires", "custom", "%", 35, 52, family="other"),
    _undefined(
        "load", "Open requisitions per recruiter", "custom", "count", 22, 18, family="efficiency"
    ),
    _undefined("ads", "Job board spend", "custom", "USD", 18000, 14500, family="cost"),
    _undefined("iph", "Interviews per hire", "custom", "count", 5.2, 4.1, family="efficiency"),
)


def _drift(first: float, last: float, count: int) -> list[float]:
    step = (last - first) / max(count - 1, 1)
    return [round(first + step * i, 1) for i in range(count)]


def sprawling_scorecard() -> Doc:
    timeline = Timeline(d("2024-08-05"), d("2024-10-14"), d("2026-05-22"), d("2027-08-04"))
    p = Partnership(GRANITE, timeline, 59)
    links = {
        "G1": ["ttf", "oar", "tts", "tth", "sti", "iph"],
        "G2": ["fyt", "cnps"],
        "G3": ["hms", "hmft", "load"],
        "G4": ["cph", "ads", "mix"],
    }
    p.sponsors().contract().purpose(metric_links=links).communications().scorecard()
    # Four measures added at go-live, four more at the July 2025 QBR.
    for n, kpi in enumerate(SPRAWL):
        adopted = timeline.go_live if n < 4 else d("2025-07-16")
        months = month_ends(adopted, timeline.as_of)
        values = _drift(kpi.first, kpi.last, len(months))
        p.add_kpi(kpi, months, adopted=adopted, values=values)
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


FAIRMONT = Cast(
    id="fairmont-prohire",
    client="Fairmont Retail",
    provider="ProHire Solutions",
    client_sponsor="Diane Carrow",
    client_lead="Yusuf Demir",
    provider_sponsor="Patrick Nolan",
    provider_lead="Leah Goldberg",
    roles="store management and distribution roles",
    statement=(
        "Put strong store managers and distribution staff in every Fairmont location, hire "
        "them faster and for less than before, and keep store leaders happy with who arrives."
    ),
)

#: Hiring-manager satisfaction after November 2025: down every month, at or above its
#: 4.2 target until March 2026.
SLIDE = {
    "2025-11-30": 4.5,
    "2025-12-31": 4.4,
    "2026-01-31": 4.3,
    "2026-02-28": 4.2,
    "2026-03-31": 4.1,
    "2026-04-30": 4.0,
    "2026-05-31": 3.9,
}


def watermelon() -> Doc:
    timeline = Timeline(d("2024-07-01"), d("2024-09-09"), d("2026-06-12"), d("2027-06-30"))
    p = Partnership(FAIRMONT, timeline, 61)
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
    hms = record(doc, "metrics", "id", "hms")
    for obs in hms["observations"]:
        if obs["period_end"] in SLIDE:
            obs["value"] = SLIDE[obs["period_end"]]
        elif obs["period_end"] < "2025-11-30":
            obs["value"] = min(obs["value"], 4.5)
    # Nobody celebrates manager satisfaction while it slides; thanks name speed instead.
    for rec in doc["recognitions"]:
        if rec.get("metric_id") == "hms" and rec["date"] > "2025-11-30":
            rec.update(metric_id="ttf", description="Time to fill held under target again")
    # The client's own satisfaction in the pulse survey falls with it.
    client_satisfaction = [
        s for s in doc["surveys"] if s["party"] == "client" and s["topic"] == "satisfaction"
    ]
    for survey, score in zip(client_satisfaction[-3:], (4.4, 4.1, 3.7), strict=False):
        survey["score"] = score
    return doc


STORIES = [
    Story(
        id="sprawling-scorecard",
        title="Sprawling scorecard: fourteen KPIs, eight with no definition or target",
        narrative=(
            "Granite State Utilities and Apex Sourcing started with six well-defined KPIs. "
            "Four more went on the scorecard at go-live and another four at the July 2025 QBR, "
            "each with a name and a unit but no direction, definition, target, baseline, "
            "benchmark or owner. Governance, recognition, improvement and requisition "
            "handling are all in good order."
        ),
        build=sprawling_scorecard,
        expect=expect(
            {"sound", "fragile"},
            flagged={"metrics"},
            not_flagged=all_but("metrics"),
            why=(
                "The domain asks for three to seven defined primary KPIs and warns above ten; "
                "fourteen, most of them undefined, is a scorecard nobody can steer by. The "
                "other techniques are healthy."
            ),
        ),
    ),
    Story(
        id="watermelon",
        title="Watermelon scorecard: every SLA green while manager satisfaction slides",
        narrative=(
            "Fairmont Retail's scorecard with ProHire Solutions is green on time to fill, cost "
            "per hire, offer acceptance, turnover and feedback time. Hiring-manager "
            "satisfaction has fallen every month since November 2025, from 4.5 to 3.9, "
            "meeting its 4.2 target until February, and store leaders' "
            "satisfaction in the pulse survey is falling too. Nobody has opened an action on "
            "it because every SLA is met."
        ),
        build=watermelon,
        expect=expect(
            {"sound", "fragile"},
            flagged={"metrics", "improvement"},
            not_flagged={"purpose", "communication", "recognition", "urgency"},
            why=(
                "Every SLA green while satisfaction falls is the watermelon scorecard the domain "
                "warns of; and six straight declines in a KPI with no action opened is a "
                "deviation from the goal that improvement must catch."
            ),
        ),
    ),
]
