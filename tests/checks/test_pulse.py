"""The pulse measured: averages a reader can redo by hand, and nothing below the threshold."""

from __future__ import annotations

import datetime as dt

from foundation_engine.checks.pulse import latest_wave, measure_waves
from foundation_engine.state.vocabulary import Party
from foundation_engine.testing.builder import StateBuilder

WAVE = "2025-12-15"


def communication_wave() -> StateBuilder:
    return (
        StateBuilder()
        .pulse_answers(WAVE, "client", "communication.early", [2, 3, 2, 3], comments=["late"])
        .pulse_answers(WAVE, "client", "communication.candid", [3, 3], comments=["hidden"])
        .pulse_answers(WAVE, "provider", "communication.early", [4, 5, 4])
        .pulse_answers(WAVE, "provider", "communication.candid", [5, 4, 4, 5])
    )


def test_a_sides_technique_average_is_the_mean_of_its_statement_averages() -> None:
    (wave,) = measure_waves(communication_wave().build())
    pulse = wave.technique("communication")
    early, candid = pulse.statements
    # provider: early (4 + 5 + 4) / 3 = 4.33, candid (5 + 4 + 4 + 5) / 4 = 4.5,
    # technique (4.333 + 4.5) / 2 = 4.42
    assert (early.provider.average, candid.provider.average) == (4.33, 4.5)
    assert (pulse.provider.average, pulse.provider.respondents) == (4.42, 4)


def test_a_statement_too_few_answered_is_left_out_of_every_figure() -> None:
    (wave,) = measure_waves(communication_wave().build())
    pulse = wave.technique("communication")
    early, candid = pulse.statements
    # client: two people on candid (threshold 3) -> no average; the technique is early alone
    assert (candid.client.average, candid.client.respondents) == (None, 2)
    assert early.client.average == 2.5
    assert pulse.client.average == 2.5
    assert pulse.gap == 1.92  # 4.42 - 2.5, from the figures shown


def test_comments_are_kept_only_beside_an_average_that_is_shown() -> None:
    (wave,) = measure_waves(communication_wave().build())
    pulse = wave.technique("communication")
    assert [(c.party, c.text) for c in pulse.comments] == [(Party.CLIENT, "late")]
    assert pulse.withheld_comments == 1


def test_the_threshold_is_the_pulses_own() -> None:
    (wave,) = measure_waves(communication_wave().pulse_min_respondents(2).build())
    assert wave.technique("communication").client.average == 2.75  # (2.5 + 3) / 2
    (strict,) = measure_waves(communication_wave().pulse_min_respondents(5).build())
    pulse = strict.technique("communication")
    assert pulse.client.average is pulse.provider.average is None
    assert pulse.gap is None


def test_an_own_statement_counts_for_its_technique() -> None:
    state = (
        StateBuilder()
        .pulse_question("custom.tools", "Our shared tools make hiring easier.", "urgency")
        .pulse_answers(WAVE, "client", "custom.tools", [1, 2, 3])
        .build()
    )
    (wave,) = measure_waves(state)
    (statement,) = wave.technique("urgency").statements
    assert (statement.statement.standard, statement.client.average) == (False, 2.0)
    assert wave.respondents == (3, 0)


def test_waves_come_oldest_first_and_only_a_recent_one_is_judged() -> None:
    state = (
        StateBuilder()
        .pulse_answers("2025-12-15", "client", "urgency.on_time", [4, 4, 4])
        .pulse_answers("2025-06-30", "client", "urgency.on_time", [2, 2, 2])
        .build()
    )
    waves = measure_waves(state)
    assert [(w.date.isoformat(), w.pointer) for w in waves] == [
        ("2025-06-30", "/pulse/waves/1"),
        ("2025-12-15", "/pulse/waves/0"),
    ]
    assert latest_wave(waves, dt.date(2026, 1, 5), 365) is waves[-1]
    assert latest_wave(waves, dt.date(2027, 1, 5), 365) is None
