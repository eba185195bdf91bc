"""IMP006: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.improvement.helpers import base

DECLINING = [("2025-08-31", 88), ("2025-09-30", 85), ("2025-10-31", 81), ("2025-11-30", 77)]


def _declining(builder: StateBuilder) -> StateBuilder:
    return builder.metric(
        "oar", kind="offer_acceptance_rate", direction="higher", observations=DECLINING
    ).metric(
        "ttf",
        kind="time_to_fill",
        direction="lower",
        observations=[
            ("2025-08-31", 52),
            ("2025-09-30", 50),
            ("2025-10-31", 45),
            ("2025-11-30", 47),
        ],
    )


def test_imp006_passes_when_the_decline_was_answered(assess: Callable[..., Finding]) -> None:
    state = _declining(base()).corrective_action("CA-1", "2025-09-15", metric_id="oar")
    f = assess(state, "IMP006")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert "None of the 2 KPIs" in f.message


def test_imp006_fails_when_nobody_acted_since_the_decline_began(
    assess: Callable[..., Finding],
) -> None:
    # An issue on the metric before the decline began does not answer it.
    state = _declining(base()).issue("I-1", "2025-08-01", metric_id="oar")
    f = assess(state, "IMP006")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == [
        "/metrics/0",
        "/metrics/0/observations/0",
        "/metrics/0/observations/1",
        "/metrics/0/observations/2",
        "/metrics/0/observations/3",
    ]
    assert "oar" in f.message and "3 or more periods" in f.message


def test_imp006_does_not_apply_during_implementation(assess: Callable[..., Finding]) -> None:
    state = _declining(StateBuilder(start="2025-10-01", as_of="2025-12-01")).recorded("issues")
    f = assess(state, "IMP006")
    assert f.status is Status.NOT_APPLICABLE
    assert "implementation" in f.message


def test_imp006_not_applicable_without_improvement_records(
    assess: Callable[..., Finding],
) -> None:
    assert assess(_declining(base()), "IMP006").status is Status.NOT_APPLICABLE
    short = base().recorded("issues").metric("oar", direction="higher", observations=DECLINING[:3])
    f = assess(short, "IMP006")
    assert f.status is Status.NOT_APPLICABLE
    assert "at least 4 readings" in f.message
