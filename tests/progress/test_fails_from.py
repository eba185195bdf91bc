"""Checks that say on which day they will fail (``Outcome.fails_from``) say it truly.

What falls due next takes such a check at its word: beyond the horizon it is
not run again, within it the day is only confirmed. So each claim is held here
to the check's own verdicts, day by day, on random records, and the whole
list of what falls due to an assessment of every day.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from bench.states import build_state

from foundation_engine import Engine, EngineConfig
from foundation_engine.checks import CheckContext, Outcome, Status
from foundation_engine.core.engine import CompiledRule
from foundation_engine.state.known import last_dated
from foundation_engine.state.model import PartnershipState
from foundation_engine.state.vocabulary import Phase
from foundation_engine.testing.builder import StateBuilder

#: Checks that read ages and gaps: their claims are days ahead.
AGEING = (
    "REC001",
    "URG005",
    "URG008",
    "IMP004",
    "MET007",
    "REC008",
    "COM001",
    "COM002",
    "PUR001",
    "PUR002",
    "PUR003",
    "PUR006",
)
#: Checks that read records and no date of their own: they say never.
TIMELESS = (
    *("MET001", "MET004", "MET005", "MET006", "MET008", "MET009"),
    *("IMP006", "IMP007", "COM005", "REC007", "URG001", "URG002"),
)
CLAIMING = AGEING + TIMELESS
START = dt.date(2025, 1, 6)
AS_OF = dt.date(2026, 1, 5)
LOOK_AHEAD = 400


def _rules() -> dict[str, CompiledRule]:
    engine = Engine(EngineConfig(select=list(CLAIMING)), entrypoints=False)
    return {rule.id: rule for rule in engine.rules}


RULES = _rules()


def _on(state: PartnershipState, day: dt.date, go_live: dt.date = START) -> CheckContext:
    return CheckContext(
        state=state, as_of=day, phase=Phase.STEADY_STATE, phase_started=START, go_live=go_live
    )


def _day(rng: random.Random, first: dt.date = START, last: dt.date = AS_OF) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _records(rng: random.Random) -> PartnershipState:
    """Recognitions, action items, corrective actions, requisitions, KPIs, touchpoints,
    slip-ups, the purpose, sponsors, contract terms and escalations, none dated after
    AS_OF."""
    b = StateBuilder(start=START, as_of=AS_OF)
    kpis = rng.randint(0, 3)
    for i in range(kpis):
        readings = sorted({_day(rng, START, AS_OF) for _ in range(rng.randint(0, 6))})
        cadence = rng.choice([None, "weekly", "monthly", "quarterly"])
        extra: dict[str, Any] = {"cadence": cadence} if cadence else {}
        if rng.random() < 0.3:
            extra["adopted"] = _day(rng)
        if rng.random() < 0.7:
            extra["direction"] = rng.choice(["higher", "lower"])
        values = [(d, float(rng.randint(0, 5))) for d in readings]
        b.metric(f"k{i}", observations=values, primary=rng.random() < 0.8, **extra)
    for _ in range(rng.randint(0, 4)):
        b.recognition(_day(rng))
    for i in range(rng.randint(0, 6)):
        raised = _day(rng)
        due = raised + dt.timedelta(days=rng.randint(0, 90))
        done = rng.random() < 0.4 and due <= AS_OF
        b.action_item(f"A{i}", raised, due, completed=min(due, AS_OF) if done else None)
    b.issue("I1", START)
    for i in range(rng.randint(0, 5)):
        opened = _day(rng)
        due = opened + dt.timedelta(days=rng.randint(0, 60))
        fields: dict[str, Any] = {"issue_id": "I1", "due": due}
        if kpis and rng.random() < 0.3:
            fields["metric_id"] = f"k{rng.randrange(kpis)}"
        if rng.random() < 0.3 and due <= AS_OF:
            fields["completed"] = due
        b.corrective_action(f"C{i}", opened, **fields)
    for i in range(rng.randint(0, 8)):
        opened = _day(rng)
        filled = {"filled": AS_OF} if rng.random() < 0.3 else {}
        b.requisition(f"R{i}", opened, **filled)
    _more_records(b, rng)
    return b.build()


def _maybe(rng: random.Random, value: Any, chance: float = 0.5) -> Any:
    return value if rng.random() < chance else None


def _more_records(b: StateBuilder, rng: random.Random) -> None:
    """The records of the gap, purpose, sponsor and timeless checks (drawn after the
    others, so those stay as they were)."""
    last_weekly = AS_OF - dt.timedelta(days=rng.randint(0, 40))
    if rng.random() < 0.6:  # a rhythm that often passes a gap rule, ending a little back
        first = last_weekly - dt.timedelta(days=rng.randint(0, 300))
        b.weekly_touchpoints(first, last_weekly, every_days=rng.randint(3, 20))
    for _ in range(rng.randint(0, 12)):
        b.touchpoint(
            _day(rng),
            kind=rng.choice(["weekly_checkin", "ad_hoc", "qbr", "monthly_review"]),
            channel=rng.choice(["in_person", "video", "phone", "email"]),
            parties=rng.choice([("client", "provider"), ("provider",), ("client",)]),
        )
    if rng.random() < 0.5:  # recognitions at a steady pace
        first = AS_OF - dt.timedelta(days=rng.randint(0, 200))
        day = first
        while day <= AS_OF - dt.timedelta(days=rng.randint(0, 30)):
            b.recognition(day)
            day += dt.timedelta(days=rng.randint(3, 40))
    sides = ["client", "provider", "shared", "external", None]
    for i in range(rng.randint(0, 6)):
        side = rng.choice(sides)
        b.issue(f"S{i}", _day(rng), **({"root_cause_side": side} if side else {}))
    if rng.random() < 0.9:
        documented = _maybe(rng, _day(rng))
        b.purpose(
            statement=_maybe(rng, "Hire well together.", 0.6),
            documented=documented,
            last_reviewed=_maybe(rng, _day(rng, documented or START)),
        )
        for party in ("client", "provider"):
            if rng.random() < 0.5:
                b.sign_off(party, f"{party} lead", _day(rng))
    for party in ("client", "provider"):
        if rng.random() < 0.9:  # recorded, with none, one or several in turn
            b.set(f"/partnership/{party}/sponsors", [])
            for n in range(rng.randint(0, 3)):
                start = _day(rng)
                end = _maybe(rng, _day(rng, start), 0.6)
                role = rng.choice(["executive_sponsor", "point_person", "other"])
                b.sponsor(party, f"{party} {n}", role=role, start=start, end=end)
    if rng.random() < 0.8:
        b.contract_terms(rng.choice([True, False]), rng.choice([True, False, None]))
    for party in ("client", "provider"):  # satisfaction, often falling
        score = rng.uniform(3, 5)
        for day in sorted({_day(rng) for _ in range(rng.randint(0, 5))}):
            b.survey(day, party, "satisfaction", round(score, 1))
            score = min(5.0, max(1.0, score - rng.uniform(-0.2, 0.6)))
    for _ in range(rng.randint(0, 3)):
        b.escalation(
            _day(rng),
            level=rng.choice(["operational", "management", "executive"]),
            termination_threatened=rng.random() < 0.3,
        )
    kinds = [
        *("time_to_fill", "quality_of_hire", "first_year_turnover", "cost_per_hire", "custom"),
        "hiring_manager_satisfaction",
    ]
    for i in range(rng.randint(0, 4)):
        adopted = _maybe(rng, _day(rng), 0.3)
        fields = {
            "definition": _maybe(rng, "Agreed formula", 0.8),
            "target": _maybe(rng, 0.5, 0.8),
            "baseline": _maybe(rng, 0.4, 0.8),
            "direction": _maybe(rng, rng.choice(["higher", "lower"]), 0.8),
            "owner": _maybe(rng, rng.choice(["client", "provider", "both"]), 0.8),
            "primary": rng.random() < 0.8,
            "adopted": adopted,
            "retired": _maybe(rng, _day(rng, adopted or START), 0.2),
        }
        readings = sorted({_day(rng) for _ in range(rng.randint(0, 6))})
        values = [(day, round(rng.uniform(0.3, 0.9), 2)) for day in readings]
        benchmark = _maybe(rng, (0.5, "an industry survey"), 0.7)
        b.metric(
            f"m{i}",
            kind=rng.choice(kinds),
            observations=values,
            benchmark=benchmark,
            **{k: v for k, v in fields.items() if v is not None},
        )


def _options(rule: CompiledRule, rng: random.Random) -> Any:
    """The rule's options with its limits drawn at random (small, so failures come soon)."""
    numbers = {
        "max_days": (1, 60),
        "overdue_days": (0, 30),
        "max_overdue": (0, 2),
        "grace_days": (0, 30),
        "lookback_days": (1, 120),  # shorter than max_days, too: a gap that never grows
        "deadline_days": (0, 600),
        "max_vacant_days": (0, 120),
        "review_every_days": (1, 400),
        "window_days": (1, 500),
        "max_count": (0, 2),
        "recent_qbrs": (2, 6),
        "max_remote_in_row": (0, 3),
        "min_issues": (1, 4),
        "min_client_side": (1, 2),
        "max_changes_per_quarter": (0, 2),
        "trend_periods": (2, 4),
    }
    changed: dict[str, Any] = {k: rng.randint(*span) for k, span in numbers.items()}
    changed["max_age_days"] = rng.randint(1, 90)
    changed["max_share"] = rng.choice([0.0, 0.2, 0.333, 0.5])
    changed["min_open"] = rng.randint(1, 4)
    values = rule.options.model_dump()
    values.update({k: v for k, v in changed.items() if k in values})
    return type(rule.options).model_validate(values)


def _go_live(rng: random.Random) -> dt.date:
    """The start, or a day up to two months after AS_OF (a partnership not yet live)."""
    return START if rng.random() < 0.5 else _day(rng, START, AS_OF + dt.timedelta(days=60))


def _case(rule_id: str, seed: int) -> tuple[CompiledRule, PartnershipState, Any, dt.date]:
    rng = random.Random(f"{rule_id}-{seed}")
    rule = RULES[rule_id]
    state, options = _records(rng), _options(rule, rng)
    return rule, state, options, _go_live(rng)


def _status(
    rule: CompiledRule, state: PartnershipState, options: Any, day: dt.date, go_live: dt.date
) -> Status:
    return rule.check.function(state, options, _on(state, day, go_live)).status


@pytest.mark.parametrize("seed", range(150))
@pytest.mark.parametrize("rule_id", CLAIMING)
def test_a_claimed_failing_day_is_the_first_day_the_check_fails(rule_id: str, seed: int) -> None:
    rule, state, options, go_live = _case(rule_id, seed)
    outcome: Outcome = rule.check.function(state, options, _on(state, AS_OF, go_live))
    if outcome.status is Status.FAILED:
        assert outcome.fails_from is None  # the day it fails is today
        return
    if outcome.fails_from is None:
        return  # the check did not say: nothing to hold it to
    said = outcome.fails_from
    assert said > AS_OF
    for ahead in range(1, LOOK_AHEAD + 1):
        day = AS_OF + dt.timedelta(days=ahead)
        failed = _status(rule, state, options, day, go_live) is Status.FAILED
        assert failed == (day >= said), (day, said)


def test_every_claiming_check_makes_claims_on_these_records() -> None:
    """The test above judges claims, so it must meet some: near, and never where a check can
    say never (the next test holds that a day past the calendar's end is never)."""
    said: dict[str, set[str]] = {rule_id: set() for rule_id in CLAIMING}
    for seed in range(150):
        for rule_id in CLAIMING:
            rule, state, options, go_live = _case(rule_id, seed)
            day = rule.check.function(state, options, _on(state, AS_OF, go_live)).fails_from
            if day is not None:
                near = day <= AS_OF + dt.timedelta(days=LOOK_AHEAD)
                said[rule_id].add("near" if near else "never" if day == Outcome.NEVER else "far")
    assert all("near" in said[rule_id] for rule_id in AGEING), said
    # REC001, MET007 and PUR006 never say never: a recognition, a KPI or a review always
    # ages past its limit.
    sometimes_never = set(CLAIMING) - {"REC001", "MET007", "PUR006"}
    assert all("never" in said[rule_id] for rule_id in sometimes_never), said
    assert all(said[rule_id] <= {"never"} for rule_id in TIMELESS), said


def test_a_day_beyond_the_calendar_is_never() -> None:
    rule = RULES["REC001"]
    state = StateBuilder(start=START, as_of=AS_OF).recognition(AS_OF).build()
    options = type(rule.options).model_validate({**rule.options.model_dump(), "max_days": 10**9})
    outcome = rule.check.function(state, options, _on(state, AS_OF))
    assert outcome.status is Status.PASSED and outcome.fails_from == Outcome.NEVER


def test_what_falls_due_over_a_long_horizon_matches_assessing_every_day() -> None:
    """With a horizon of 120 days the claims decide which rules are run again at all."""
    engine = Engine(EngineConfig(select=list(CLAIMING), due_soon_days=120), entrypoints=False)
    checked = 0
    for index in range(10):
        state = engine.load(build_state("typical", seed=3, index=index))
        as_of = state.partnership.as_of
        assert as_of is not None
        last = last_dated(state)
        if last is not None and last > as_of:
            continue  # the claims are only taken where nothing is recorded later
        checked += 1
        report = engine.assess_state(state)
        today = {f.rule_id: f.status for f in report.findings}
        first: dict[str, dt.date] = {}
        for ahead in range(1, 121):
            day = as_of + dt.timedelta(days=ahead)
            for f in engine.assess_state(state, as_of=day, due=False).findings:
                if f.status is Status.FAILED and today[f.rule_id] is not Status.FAILED:
                    first.setdefault(f.rule_id, day)
        assert {i.rule_id: i.due for i in report.due_soon if i.kind == "rule"} == first, index
    assert checked >= 3
