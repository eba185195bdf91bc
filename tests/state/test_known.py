"""The state as known on a day: later records left out, later facts cleared, pointers kept."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from foundation_engine import Engine
from foundation_engine.errors import ValidationProblem
from foundation_engine.state.known import _Trimmer, known_on, last_dated
from foundation_engine.state.model import PartnershipState
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

DAY = dt.date(2026, 3, 31)


def _state() -> StateBuilder:
    return (
        StateBuilder(start="2025-06-02", as_of="2026-06-30")
        .touchpoint("2026-03-02")
        .touchpoint("2026-04-06")  # after the day
        .touchpoint("2026-03-30")
        .action_item("A-1", raised="2026-03-01", due="2026-03-20", completed="2026-04-10")
        .action_item("A-2", raised="2026-04-02", due="2026-04-20")
        .metric(
            "ttf",
            kind="time_to_fill",
            observations=[("2026-01-31", 44), ("2026-04-30", 41), ("2026-03-31", 42)],
            retired="2026-05-31",
        )
    )


def test_nothing_after_the_day_gives_the_same_state_back() -> None:
    state = StateBuilder(as_of="2026-01-05").touchpoint("2025-12-01").build()
    known = known_on(state, dt.date(2026, 1, 5))
    assert known.state is state
    assert not known.changed
    assert known.recorded_pointer("/communications/0") == "/communications/0"


def test_later_records_are_left_out_and_later_facts_cleared() -> None:
    known = known_on(_state().build(), DAY)
    state = known.state
    assert [tp.date.isoformat() for tp in state.communications or []] == [
        "2026-03-02",
        "2026-03-30",
    ]
    (item,) = state.action_items or []
    assert (item.id, item.completed) == ("A-1", None)  # completed after the day: still open
    (metric,) = state.metrics or []
    assert metric.retired is None  # retired after the day: still current
    assert [o.period_end.isoformat() for o in metric.observations] == ["2026-01-31", "2026-03-31"]
    assert state.partnership.as_of == DAY


def test_pointers_into_the_known_state_lead_back_to_the_records_as_written() -> None:
    known = known_on(_state().build(), DAY)
    assert known.recorded_pointer("/communications/1") == "/communications/2"
    assert known.recorded_pointer("/metrics/0/observations/1") == "/metrics/0/observations/2"
    assert known.recorded_pointer("/action_items/0") == "/action_items/0"
    assert known.recorded_pointer("/communications") == "/communications"


def test_findings_point_at_the_records_as_written(engine: Engine) -> None:
    report = engine.assess(_state().build(), as_of="2026-03-31")
    f = finding(report, "COM001")
    assert "/communications/1" not in f.evidence  # the April meeting was not known
    assert set(f.evidence) <= {"/communications/0", "/communications/2"}


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2025-05-01", "before the partnership started (2025-06-02)"),
        ("1850-01-01", "outside the supported calendar"),
    ],
)
def test_an_assessment_date_the_partnership_cannot_be_judged_on_is_refused(
    engine: Engine, as_of: str, expected: str
) -> None:
    with pytest.raises(ValidationProblem, match=re.escape(expected)):
        engine.assess(_state().build(), as_of=as_of)


def _bench_states() -> list[PartnershipState]:
    from bench.states import build_state

    return [
        PartnershipState.model_validate(build_state(size, seed, index))
        for size in ("small", "typical")
        for seed in (0, 7, 2026)
        for index in range(3)
    ]


def test_the_last_dated_day_is_the_first_from_which_nothing_is_left_out() -> None:
    """`last_dated` decides when the trimmer may be skipped: it must agree with the
    trimmer itself, on the day before it (something left out) and from it on (nothing)."""
    for state in [_state().build(), *_bench_states()]:
        last = last_dated(state)
        assert last is not None
        before = _Trimmer(last - dt.timedelta(days=1)).state(state)
        assert before.changed or _records_of(before.state) != _records_of(state)
        for day in (last, last + dt.timedelta(days=30)):
            trimmed = _Trimmer(day).state(state)
            assert not trimmed.changed
            assert _records_of(trimmed.state) == _records_of(state)
            assert known_on(state, day).state is state


def _records_of(state: PartnershipState) -> PartnershipState:
    """The state without its own as_of (the trimmer sets it to the day it trims to)."""
    partnership = state.partnership.model_copy(update={"as_of": None})
    return state.model_copy(update={"partnership": partnership})


def test_a_state_with_nothing_dated_has_no_last_day() -> None:
    state = StateBuilder(start="2026-01-05", as_of="2026-02-01").build()
    assert last_dated(state) is None
    assert known_on(state, dt.date(2026, 1, 5)).state is state
