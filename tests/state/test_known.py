"""The state as known on a day: later records left out, later facts cleared, pointers kept."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from foundation_engine import Engine
from foundation_engine.errors import ValidationProblem
from foundation_engine.state.known import known_on
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
