"""PUR021: a side rates the shared purpose well while the records show it weak."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.core.engine import Engine
from foundation_engine.state.instrument import STANDARD_STATEMENTS
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.rules.purpose"
STATEMENTS = [s.id for s in STANDARD_STATEMENTS if s.technique == "purpose"]


def pulse(builder: StateBuilder) -> StateBuilder:
    for statement in STATEMENTS:
        builder.pulse_answers("2025-12-15", "client", statement, [5, 4, 4])
        builder.pulse_answers("2025-12-15", "provider", statement, [3, 2, 3])
    return builder


def test_the_side_that_rates_weak_records_well_has_a_blind_spot(
    make_engine: Callable[..., Engine],
) -> None:
    # The records: a purpose section with no statement, no sign-off and no goal.
    records = StateBuilder().recorded("sign_offs", "goals")
    f = finding(make_engine(MODULE).assess(pulse(records).build()), "PUR021")
    assert (f.status, f.owner.value) == (Status.FAILED, "client")
    assert f.value["quadrants"]["client"] == "blind_spot"
    assert f.value["quadrants"]["provider"] == "agreed_weakness"
    assert "Weakest record: PUR00" in f.message


def test_without_records_on_purpose_the_pulse_is_not_judged_against_them(
    make_engine: Callable[..., Engine],
) -> None:
    report = make_engine(MODULE).assess(pulse(StateBuilder()).build())
    f = finding(report, "PUR021")
    assert (f.status, f.weight) == (Status.NOT_APPLICABLE, 0.0)
    assert finding(report, "PUR020").weight == 0.0
