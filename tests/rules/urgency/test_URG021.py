"""URG021: a side rates patient urgency well while the records show it weak."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.core.engine import Engine
from foundation_engine.state.instrument import STANDARD_STATEMENTS
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.rules.urgency"
STATEMENTS = [s.id for s in STANDARD_STATEMENTS if s.technique == "urgency"]


def pulse(builder: StateBuilder) -> StateBuilder:
    for statement in STATEMENTS:
        builder.pulse_answers("2025-12-15", "client", statement, [4, 4, 5])
        builder.pulse_answers("2025-12-15", "provider", statement, [2, 2, 2])
    return builder


def test_the_side_that_rates_weak_records_well_has_a_blind_spot(
    make_engine: Callable[..., Engine],
) -> None:
    # The records: three action items, all long past due and still open.
    records = (
        StateBuilder()
        .action_item("a-1", raised="2025-09-01", due="2025-09-15")
        .action_item("a-2", raised="2025-10-01", due="2025-10-15")
        .action_item("a-3", raised="2025-11-01", due="2025-11-10")
    )
    f = finding(make_engine(MODULE).assess(pulse(records).build()), "URG021")
    assert (f.status, f.owner.value) == (Status.FAILED, "client")
    assert f.value["quadrants"]["client"] == "blind_spot"
    assert f.value["quadrants"]["provider"] == "agreed_weakness"
    assert "Weakest record: URG00" in f.message


def test_without_records_on_urgency_the_pulse_is_not_judged_against_them(
    make_engine: Callable[..., Engine],
) -> None:
    report = make_engine(MODULE).assess(pulse(StateBuilder()).build())
    f = finding(report, "URG021")
    assert (f.status, f.weight) == (Status.NOT_APPLICABLE, 0.0)
    assert finding(report, "URG020").weight == 0.0
