"""IMP021: a side rates continual improvement well while the records show it weak."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.core.engine import Engine
from foundation_engine.state.instrument import STANDARD_STATEMENTS
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.rules.improvement"
STATEMENTS = [s.id for s in STANDARD_STATEMENTS if s.technique == "improvement"]


def pulse(builder: StateBuilder) -> StateBuilder:
    for statement in STATEMENTS:
        builder.pulse_answers("2025-12-15", "provider", statement, [5, 4, 4])
        builder.pulse_answers("2025-12-15", "client", statement, [3, 3, 2])
    return builder


def test_the_side_that_rates_weak_records_well_has_a_blind_spot(
    make_engine: Callable[..., Engine],
) -> None:
    # The records: two slip-ups without a root cause or a fix, and no retrospective.
    records = (
        StateBuilder()
        .issue("i-1", "2025-06-02")
        .issue("i-2", "2025-09-01")
        .recorded("corrective_actions", "retrospectives")
    )
    f = finding(make_engine(MODULE).assess(pulse(records).build()), "IMP021")
    assert (f.status, f.owner.value) == (Status.FAILED, "provider")
    assert f.value["quadrants"]["provider"] == "blind_spot"
    assert f.value["quadrants"]["client"] == "agreed_weakness"
    assert "Weakest record: IMP00" in f.message


def test_without_records_on_improvement_the_pulse_is_not_judged_against_them(
    make_engine: Callable[..., Engine],
) -> None:
    report = make_engine(MODULE).assess(pulse(StateBuilder()).build())
    f = finding(report, "IMP021")
    assert (f.status, f.weight) == (Status.NOT_APPLICABLE, 0.0)
    assert finding(report, "IMP020").weight == 0.0
