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

CLAIMING = ("REC001", "URG005", "URG008", "IMP004", "MET007", "MET001", "IMP006")
START = dt.date(2025, 1, 6)
AS_OF = dt.date(2026, 1, 5)
LOOK_AHEAD = 400


def _rules() -> dict[str, CompiledRule]:
    engine = Engine(EngineConfig(select=list(CLAIMING)), entrypoints=False)
    return {rule.id: rule for rule in engine.rules}


RULES = _rules()


def _on(state: PartnershipState, day: dt.date) -> CheckContext:
    return CheckContext(
        state=state, as_of=day, phase=Phase.STEADY_STATE, phase_started=START, go_live=START
    )


def _day(rng: random.Random, first: dt.date = START, last: dt.date = AS_OF) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _records(rng: random.Random) -> PartnershipState:
    """Recognitions, action items, corrective actions, requisitions and KPIs, none dated
    after AS_OF."""
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
    return b.build()


def _options(rule: CompiledRule, rng: random.Random) -> Any:
    """The rule's options with its limits drawn at random (small, so failures come soon)."""
    numbers = {
        "max_days": (1, 60),
        "overdue_days": (0, 30),
        "max_overdue": (0, 2),
        "grace_days": (0, 30),
    }
    changed: dict[str, Any] = {k: rng.randint(*span) for k, span in numbers.items()}
    changed["max_age_days"] = rng.randint(1, 90)
    changed["max_share"] = rng.choice([0.0, 0.2, 0.333, 0.5])
    changed["min_open"] = rng.randint(1, 4)
    values = rule.options.model_dump()
    values.update({k: v for k, v in changed.items() if k in values})
    return type(rule.options).model_validate(values)


def _status(rule: CompiledRule, state: PartnershipState, options: Any, day: dt.date) -> Status:
    return rule.check.function(state, options, _on(state, day)).status


@pytest.mark.parametrize("seed", range(150))
@pytest.mark.parametrize("rule_id", CLAIMING)
def test_a_claimed_failing_day_is_the_first_day_the_check_fails(rule_id: str, seed: int) -> None:
    rng = random.Random(f"{rule_id}-{seed}")
    rule = RULES[rule_id]
    state, options = _records(rng), _options(rule, rng)
    outcome: Outcome = rule.check.function(state, options, _on(state, AS_OF))
    if outcome.status is Status.FAILED:
        assert outcome.fails_from is None  # the day it fails is today
        return
    if outcome.fails_from is None:
        return  # the check did not say: nothing to hold it to
    said = outcome.fails_from
    assert said > AS_OF
    for ahead in range(1, LOOK_AHEAD + 1):
        day = AS_OF + dt.timedelta(days=ahead)
        failed = _status(rule, state, options, day) is Status.FAILED
        assert failed == (day >= said), (day, said)


def test_every_claiming_check_makes_claims_on_these_records() -> None:
    """The test above judges claims, so it must meet some: near, and never where a check can
    say never (the next test holds that a day past the calendar's end is never)."""
    said: dict[str, set[str]] = {rule_id: set() for rule_id in CLAIMING}
    for seed in range(150):
        for rule_id in CLAIMING:
            rng = random.Random(f"{rule_id}-{seed}")
            rule = RULES[rule_id]
            state, options = _records(rng), _options(rule, rng)
            day = rule.check.function(state, options, _on(state, AS_OF)).fails_from
            if day is not None:
                near = day <= AS_OF + dt.timedelta(days=LOOK_AHEAD)
                said[rule_id].add("near" if near else "never" if day == Outcome.NEVER else "far")
    ageing = ("REC001", "URG005", "URG008", "IMP004", "MET007")  # the others never change
    assert all("near" in said[rule_id] for rule_id in ageing), said
    # REC001 and MET007 never say never: a recognition or a KPI always ages past its limit.
    sometimes_never = ("URG005", "URG008", "IMP004", "MET001", "IMP006")
    assert all("never" in said[rule_id] for rule_id in sometimes_never), said


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
