"""A KPI's history: sorted once per state, each day taking the readings up to its as_of."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from foundation_engine.checks import CheckContext, kpi_series
from foundation_engine.checks.kpi_series import Reading, history, readings
from foundation_engine.state.model import PartnershipState
from foundation_engine.state.vocabulary import Phase
from foundation_engine.testing.builder import StateBuilder

FIRST = dt.date(2025, 1, 1)


def _context(state: PartnershipState, as_of: dt.date) -> CheckContext:
    return CheckContext(
        state=state, as_of=as_of, phase=Phase.STEADY_STATE, phase_started=FIRST, go_live=FIRST
    )


def _next_day(context: CheckContext, as_of: dt.date) -> CheckContext:
    return context.on_day(as_of, phase=context.phase, phase_started=FIRST, go_live=FIRST)


def _state(rng: random.Random) -> PartnershipState:
    """Metrics with readings in any order, some sharing a period (ties keep state order)."""
    b = StateBuilder(start="2025-01-01", as_of="2026-12-31")
    for m in range(rng.randint(1, 4)):
        days = [FIRST + dt.timedelta(days=rng.randrange(0, 700)) for _ in range(rng.randint(0, 14))]
        days += rng.sample(days, min(len(days), rng.randint(0, 3)))  # repeated periods
        rng.shuffle(days)
        b.metric(f"m{m}", observations=[(d, float(rng.randint(0, 99))) for d in days])
    return b.build()


@pytest.mark.parametrize("seed", range(60))
def test_history_on_any_day_equals_the_readings_up_to_it(seed: int) -> None:
    rng = random.Random(seed)
    state = _state(rng)
    assert state.metrics is not None
    first = _context(state, FIRST + dt.timedelta(days=rng.randrange(0, 760)))
    days = [
        first,
        *(_next_day(first, FIRST + dt.timedelta(days=rng.randrange(-30, 760))) for _ in range(5)),
    ]
    for context in rng.sample(days, len(days)):  # whichever day asks first sorts
        for metric in state.metrics:
            assert list(history(context, metric)) == readings(metric, context.as_of)


def test_the_days_of_one_state_sort_each_series_once(monkeypatch: pytest.MonkeyPatch) -> None:
    sorted_for: list[str] = []
    real = kpi_series._sorted_series

    def counted(metric):  # type: ignore[no-untyped-def]
        sorted_for.append(metric.id)
        return real(metric)

    monkeypatch.setattr(kpi_series, "_sorted_series", counted)
    b = StateBuilder(start="2025-01-01", as_of="2025-12-31")
    b.metric("ttf", observations=[("2025-03-31", 40), ("2025-01-31", 45), ("2025-02-28", 42)])
    state = b.build()
    assert state.metrics is not None
    metric = state.metrics[0]
    today = _context(state, dt.date(2025, 2, 28))
    later = _next_day(today, dt.date(2025, 12, 31))

    assert [r.value for r in history(today, metric)] == [45, 42]
    assert [r.value for r in history(later, metric)] == [45, 42, 40]
    assert [r.index for r in history(later, metric)] == [1, 2, 0]  # the state's own places
    assert sorted_for == ["ttf"]
    # Another state's context sorts its own series: nothing is shared between states.
    history(_context(b.build(), dt.date(2025, 12, 31)), metric)
    assert sorted_for == ["ttf", "ttf"]


def test_a_metric_of_another_state_gets_its_own_readings() -> None:
    b = StateBuilder(start="2025-01-01", as_of="2025-12-31")
    b.metric("ttf", observations=[("2025-01-31", 45), ("2025-02-28", 42)])
    mine, theirs = b.build(), b.build()
    assert theirs.metrics is not None
    context = _context(mine, dt.date(2025, 1, 31))
    assert list(history(context, theirs.metrics[0])) == [Reading(0, dt.date(2025, 1, 31), 45.0)]


def test_another_day_shares_the_records_memo_but_not_the_days() -> None:
    state = StateBuilder().build()
    today = _context(state, dt.date(2025, 6, 30))
    today.memo("day", lambda: "today")
    today.memo_of_records("records", lambda: "built today")
    later = _next_day(today, dt.date(2025, 7, 30))
    assert later.memo("day", lambda: "later") == "later"
    assert later.memo_of_records("records", lambda: "built later") == "built today"
    assert later.as_of == dt.date(2025, 7, 30) and later.state is state
    assert later.findings == ()
