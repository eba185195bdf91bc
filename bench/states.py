"""Realistic partnership states in three sizes, generated from a seed.

- ``small``: a new partnership, six weeks in, still implementing;
- ``typical``: one year in: about 50 touchpoints, 6 KPIs with monthly
  observations, 10 slip-ups with corrective actions, 12 recognitions,
  8 milestones, plus sponsors, goals, action items, requisitions and surveys;
- ``large``: five years in, several hundred records of each kind.

The same size, seed and index always give the same state, so every run
assesses the same portfolio. States vary with the seed (channels, dates,
late actions, missing root causes) so the rules pass and fail in a realistic
mix instead of taking one path.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from foundation_engine.testing.builder import StateBuilder

AS_OF = dt.date(2026, 6, 30)


@dataclass(frozen=True)
class Profile:
    """How much a partnership of one size has recorded."""

    days: int
    """Age of the partnership at ``as_of``."""
    meetings_per_month: float
    """Check-ins, reviews and ad hoc meetings (QBRs and status reports come on top)."""
    kpis: int
    issues: int
    recognitions: int
    milestones: int
    action_items: int
    requisitions: int
    escalations: int
    surveys_per_year: int


PROFILES: dict[str, Profile] = {
    "small": Profile(
        days=42,
        meetings_per_month=4.3,
        kpis=3,
        issues=1,
        recognitions=1,
        milestones=2,
        action_items=4,
        requisitions=3,
        escalations=1,
        surveys_per_year=4,
    ),
    "typical": Profile(
        days=365,
        meetings_per_month=2.6,
        kpis=6,
        issues=10,
        recognitions=12,
        milestones=8,
        action_items=24,
        requisitions=30,
        escalations=2,
        surveys_per_year=4,
    ),
    "large": Profile(
        days=5 * 365 + 1,
        meetings_per_month=5.0,
        kpis=8,
        issues=300,
        recognitions=300,
        milestones=200,
        action_items=400,
        requisitions=400,
        escalations=60,
        surveys_per_year=8,
    ),
}
SIZES = tuple(PROFILES)

_CLIENTS = [
    "Northwind Foods",
    "Harbor Logistics",
    "Cedar Health",
    "Bluegate Retail",
    "Orion Energy",
    "Maple Insurance",
    "Summit Telecom",
    "Riverbend Manufacturing",
]
_PROVIDERS = [
    "TalentBridge RPO",
    "QuickHire Staffing",
    "Apex Talent Partners",
    "Keystone Recruiting",
    "Lumen Talent",
    "Pathway RPO",
]
_KPIS = [
    ("ttf", "Time to fill", "time_to_fill", "days", "lower", 42.0, 60.0),
    ("oar", "Offer acceptance rate", "offer_acceptance_rate", "%", "higher", 85.0, 76.0),
    ("fyt", "First-year turnover", "first_year_turnover", "%", "lower", 30.0, 38.0),
    (
        "hms",
        "Hiring manager satisfaction",
        "hiring_manager_satisfaction",
        "score 1-5",
        "higher",
        4.2,
        3.4,
    ),
    ("qoh", "Quality of hire", "quality_of_hire", "index", "higher", 80.0, 68.0),
    ("cph", "Cost per hire", "cost_per_hire", "USD", "lower", 4500.0, 5200.0),
    ("nps", "Candidate NPS", "candidate_nps", "score", "higher", 40.0, 22.0),
    ("sdv", "Slate diversity", "slate_diversity", "%", "higher", 45.0, 30.0),
]
_TOPICS = [
    "pipeline",
    "time_to_fill",
    "joint_actions",
    "wins",
    "issues",
    "goals",
    "metrics",
    "changes",
    "expectations",
    "feedback",
]
_CAUSES = [
    "job-posting-review",
    "interview-scheduling",
    "vendor-capacity",
    "template-control",
    "intake-quality",
    "screening-gaps",
    "offer-process",
]


def _month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        end = nxt - dt.timedelta(days=1)
        if end <= last:
            out.append(end)
        year, month = nxt.year, nxt.month
    return out


def _spread(rng: random.Random, start: dt.date, end: dt.date, n: int) -> list[dt.date]:
    """`n` sorted days between `start` and `end`, roughly evenly spaced with jitter."""
    span = max(1, (end - start).days)
    step = span / max(1, n)
    days = []
    for i in range(n):
        offset = int(i * step + rng.uniform(0, step))
        days.append(start + dt.timedelta(days=min(span, offset)))
    return days


def build_state(size: str, seed: int = 0, index: int = 0) -> dict[str, Any]:
    """A valid state document of `size`; `index` makes the partnership id unique."""
    profile = PROFILES[size]
    rng = random.Random(f"{size}:{seed}:{index}")
    start = AS_OF - dt.timedelta(days=profile.days)
    go_live = start + dt.timedelta(days=70)
    client = rng.choice(_CLIENTS)
    provider = rng.choice(_PROVIDERS)
    b = StateBuilder(
        id=f"{size}-{seed}-{index:06d}",
        name=f"{client} and {provider}",
        client=client,
        provider=provider,
        start=start,
        go_live=go_live,
        as_of=AS_OF,
        contract_end=start + dt.timedelta(days=3 * 365 + profile.days),
    )
    b.set("/partnership/engagement_model", rng.choice(["end_to_end", "hybrid", "selective"]))
    b.contract_terms(positive_incentives=rng.random() < 0.6, penalties=rng.random() < 0.8)
    b.sponsor("client", "Dana Whitfield", "executive_sponsor", start=start)
    b.sponsor("client", "Luis Ortega", "point_person", start=start)
    b.sponsor("provider", "Priya Raman", "executive_sponsor", start=start)
    b.sponsor("provider", "Aisha Kamara", "point_person", start=start)

    kpis = _KPIS[: profile.kpis]
    documented = start + dt.timedelta(days=rng.randint(5, 20))
    b.purpose(
        f"Fill {client}'s roles with people who stay, faster than before, and leave hiring "
        "managers better at hiring.",
        documented=documented,
        last_reviewed=(
            AS_OF - dt.timedelta(days=rng.randint(30, 200)) if profile.days > 250 else None
        ),
    )
    b.sign_off("client", "Dana Whitfield", documented)
    if rng.random() < 0.85:
        b.sign_off("provider", "Priya Raman", documented)
    categories = ["hire_talent", "improve_quality", "improve_process", "reduce_cost"]
    for g in range(3):
        b.goal(
            f"G{g + 1}",
            f"Goal {g + 1}: move {kpis[g % len(kpis)][1].lower()} to target",
            categories[g],
            AS_OF + dt.timedelta(days=180 * (g + 1)),
            [kpis[g % len(kpis)][0]],
        )

    _communications(b, rng, profile, start)
    _metrics(b, rng, profile, start, kpis)
    milestones = _milestones(b, rng, profile, start)
    _recognitions(b, rng, profile, start, milestones, kpis)
    _improvement(b, rng, profile, start, kpis)
    _urgency(b, rng, profile, start)
    return b.to_dict()


def _communications(b: StateBuilder, rng: random.Random, p: Profile, start: dt.date) -> None:
    months = p.days / 30.4
    meetings = max(1, round(p.meetings_per_month * months))
    for day in _spread(rng, start + dt.timedelta(days=1), AS_OF - dt.timedelta(days=1), meetings):
        roll = rng.random()
        kind = "weekly_checkin" if roll < 0.7 else "monthly_review" if roll < 0.9 else "ad_hoc"
        channel = rng.choices(
            ["video", "in_person", "phone", "email", "chat"], weights=[50, 15, 15, 15, 5]
        )[0]
        b.touchpoint(
            day,
            kind,
            channel,
            parties=["client", "provider"]
            if channel not in ("email", "chat") or rng.random() < 0.5
            else ["provider"],
            topics=rng.sample(_TOPICS[:4], k=rng.randint(1, 3)),
            initiated_by=rng.choice(["client", "provider", "provider"]),
        )
    quarter = start + dt.timedelta(days=3)
    while quarter < AS_OF:
        if rng.random() < 0.9:
            b.touchpoint(
                quarter,
                "qbr",
                rng.choice(["in_person", "video"]),
                topics=rng.sample(_TOPICS, k=rng.randint(3, 6)),
                initiated_by="provider",
            )
        quarter += dt.timedelta(days=91)
    for month_end in _month_ends(start, AS_OF - dt.timedelta(days=1)):
        b.touchpoint(
            month_end,
            "status_report",
            "document",
            parties=["provider"],
            topics=["pipeline", "time_to_fill"],
            initiated_by="provider",
        )


def _metrics(
    b: StateBuilder,
    rng: random.Random,
    p: Profile,
    start: dt.date,
    kpis: list[tuple[str, str, str, str, str, float, float]],
) -> None:
    months = _month_ends(start + dt.timedelta(days=20), AS_OF)
    for mid, name, kind, unit, direction, target, baseline in kpis:
        sign = -1 if direction == "lower" else 1
        step = (target - baseline) / max(6, len(months)) * rng.uniform(0.5, 1.5)
        values = [
            round(baseline + i * step + sign * rng.uniform(-0.03, 0.03) * abs(baseline), 2)
            for i in range(len(months))
        ]
        b.metric(
            mid,
            name,
            kind=kind,
            unit=unit,
            direction=direction,
            definition=f"{name} as agreed in the contract schedule."
            if rng.random() < 0.9
            else None,
            target=target,
            baseline=baseline,
            benchmark=(target, "SHRM Human Capital Benchmarking") if rng.random() < 0.7 else None,
            owner=rng.choice(["client", "provider", "both"]),
            cadence="monthly",
            adopted=start + dt.timedelta(days=14),
            observations=zip(months, values, strict=True),
        )


def _milestones(b: StateBuilder, rng: random.Random, p: Profile, start: dt.date) -> list[str]:
    ids = []
    horizon = AS_OF + dt.timedelta(days=max(30, p.days // 8))
    for i, planned in enumerate(_spread(rng, start + dt.timedelta(days=14), horizon, p.milestones)):
        mid = f"M{i + 1}"
        achieved = planned + dt.timedelta(days=rng.randint(-10, 25))
        b.milestone(mid, f"Milestone {i + 1}", planned, achieved if achieved <= AS_OF else None)
        ids.append(mid)
    return ids


def _recognitions(
    b: StateBuilder,
    rng: random.Random,
    p: Profile,
    start: dt.date,
    milestones: list[str],
    kpis: list[tuple[str, str, str, str, str, float, float]],
) -> None:
    for day in _spread(rng, start + dt.timedelta(days=10), AS_OF, p.recognitions):
        frm = rng.choice(["client", "provider"])
        to = "provider" if frm == "client" else "client"
        roll = rng.random()
        link = (
            {"milestone_id": rng.choice(milestones)}
            if roll < 0.35 and milestones
            else {"metric_id": rng.choice(kpis)[0]}
            if roll < 0.6
            else {"goal_id": f"G{rng.randint(1, 3)}"}
            if roll < 0.8
            else {}
        )
        b.recognition(day, frm, to, "Thanks for the joint effort on hiring", **link)


def _improvement(
    b: StateBuilder,
    rng: random.Random,
    p: Profile,
    start: dt.date,
    kpis: list[tuple[str, str, str, str, str, float, float]],
) -> None:
    b.recorded("issues", "corrective_actions", "retrospectives")
    for i, opened in enumerate(_spread(rng, start + dt.timedelta(days=7), AS_OF, p.issues), 1):
        cause = rng.choice(_CAUSES)
        analysed = rng.random() < 0.8
        fields: dict[str, Any] = {"severity": rng.choice(["low", "medium", "medium", "high"])}
        if analysed:
            fields.update(
                root_cause=f"Root cause analysed: {cause.replace('-', ' ')}",
                root_cause_category=cause,
                root_cause_side=rng.choice(["client", "provider", "shared", "external"]),
                root_cause_date=opened + dt.timedelta(days=rng.randint(1, 10)),
            )
        if rng.random() < 0.5:
            fields["metric_id"] = rng.choice(kpis)[0]
        closed = opened + dt.timedelta(days=rng.randint(10, 40))
        if closed <= AS_OF:
            fields["closed"] = closed
        b.issue(f"I{i}", opened, "A slip-up the teams agreed to fix", **fields)
        due = opened + dt.timedelta(days=21)
        done = due + dt.timedelta(days=rng.randint(-5, 8))
        b.corrective_action(
            f"CA{i}",
            opened + dt.timedelta(days=2),
            owner=rng.choice(["client", "provider", "both"]),
            description="Fix and prevent the slip-up",
            issue_id=f"I{i}",
            due=due,
            completed=done if done <= AS_OF else None,
        )
    for day in _spread(rng, start + dt.timedelta(days=45), AS_OF, max(1, p.days // 91)):
        b.retrospective(day, "Quarterly retrospective")


def _urgency(b: StateBuilder, rng: random.Random, p: Profile, start: dt.date) -> None:
    for day in _spread(rng, start + dt.timedelta(days=5), AS_OF, p.escalations):
        resolved = day + dt.timedelta(days=rng.randint(3, 30))
        b.escalation(
            day,
            rng.choice(["client", "provider"]),
            rng.choice(["operational", "management", "executive"]),
            "Hiring behind plan",
            termination_threatened=rng.random() < 0.05,
            resolved=resolved if resolved <= AS_OF else None,
        )
    raised_days = _spread(rng, start + dt.timedelta(days=3), AS_OF, p.action_items)
    for i, raised in enumerate(raised_days, 1):
        due = raised + dt.timedelta(days=14)
        done = due + dt.timedelta(days=rng.randint(-6, 10))
        b.action_item(
            f"A{i}",
            raised,
            due,
            done if done <= AS_OF else None,
            owner=rng.choice(["client", "provider", "both"]),
            description="Follow-up agreed at the check-in",
        )
    opened_days = _spread(rng, start + dt.timedelta(days=7), AS_OF, p.requisitions)
    for i, opened in enumerate(opened_days, 1):
        assigned = opened + dt.timedelta(days=rng.randint(0, 3))
        filled = opened + dt.timedelta(days=rng.randint(25, 70))
        b.requisition(
            f"R{i}",
            opened,
            assigned=assigned,
            intake=assigned + dt.timedelta(days=rng.randint(1, 6)),
            filled=filled if filled <= AS_OF else None,
        )
    surveys = max(1, round(p.surveys_per_year * p.days / 365))
    for day in _spread(rng, start + dt.timedelta(days=20), AS_OF, surveys):
        party = rng.choice(["client", "provider"])
        topic = rng.choice(["shared_goals", "satisfaction", "communication", "trust"])
        b.survey(day, party, topic, round(rng.uniform(2.5, 4.8), 1))


def record_count(document: dict[str, Any]) -> int:
    """Every record in a state: list items at any depth (touchpoints, observations...)."""

    def walk(node: Any) -> int:
        if isinstance(node, list):
            return len(node) + sum(walk(item) for item in node)
        if isinstance(node, dict):
            return sum(walk(value) for value in node.values())
        return 0

    return walk(document)


def state_bytes(size: str, seed: int = 0, index: int = 0) -> bytes:
    """The state as compact JSON bytes, the way a batch or an API receives it."""
    return json.dumps(build_state(size, seed, index), separators=(",", ":")).encode()


def json_lines(size: str, count: int, seed: int = 0, variants: int = 64) -> Iterator[bytes]:
    """`count` states as JSON Lines, each with its own partnership id.

    Building a state takes longer than assessing it, so `variants` distinct
    states are built and repeated with fresh ids; the engine keeps nothing
    between states, so a repeat costs what a new state would.
    """
    templates = [build_state(size, seed, i) for i in range(min(variants, count))]
    encoded: list[tuple[bytes, bytes]] = []
    for document in templates:
        placeholder = document["partnership"]["id"]
        text = json.dumps(document, separators=(",", ":"))
        before, after = text.split(json.dumps(placeholder), 1)
        encoded.append((before.encode(), after.encode()))
    for n in range(count):
        head, tail = encoded[n % len(encoded)]
        yield head + f'"{size}-{seed}-{n:06d}"'.encode() + tail + b"\n"
