"""REC021: a side rates recognition well while the records show it weak."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.core.engine import Engine
from foundation_engine.state.instrument import STANDARD_STATEMENTS
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.rules.recognition"
STATEMENTS = [s.id for s in STANDARD_STATEMENTS if s.technique == "recognition"]


def pulse(builder: StateBuilder) -> StateBuilder:
    for statement in STATEMENTS:
        builder.pulse_answers("2025-12-15", "client", statement, [4, 5, 4])
        builder.pulse_answers("2025-12-15", "provider", statement, [2, 2, 3])
    return builder


def test_the_side_that_rates_weak_records_well_has_a_blind_spot(
    make_engine: Callable[..., Engine],
) -> None:
    # The records: no recognition all year, and go-live reached without a word.
    records = (
        StateBuilder()
        .recorded("recognitions")
        .milestone("m-1", "Go-live", planned="2025-03-03", achieved="2025-03-03")
    )
    f = finding(make_engine(MODULE).assess(pulse(records).build()), "REC021")
    assert (f.status, f.owner.value) == (Status.FAILED, "client")
    assert f.value["quadrants"]["client"] == "blind_spot"
    assert f.value["quadrants"]["provider"] == "agreed_weakness"
    assert "Weakest record: REC00" in f.message


def test_without_records_on_recognition_the_pulse_is_not_judged_against_them(
    make_engine: Callable[..., Engine],
) -> None:
    report = make_engine(MODULE).assess(pulse(StateBuilder()).build())
    f = finding(report, "REC021")
    assert (f.status, f.weight) == (Status.NOT_APPLICABLE, 0.0)
    assert finding(report, "REC020").weight == 0.0
