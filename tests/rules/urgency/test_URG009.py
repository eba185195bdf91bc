"""URG009: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.urgency.helpers import _ttf, base, missing_data, nothing_to_judge


def test_urg009_passes_at_30_percent_below_baseline(assess: Callable[..., Finding]) -> None:
    state = _ttf(base(), [60, 55, 50, 45, 42], baseline=60)
    f = assess(state, "URG009")
    assert f.status is Status.PASSED
    assert f.value == 30.0
    assert f.evidence == ["/metrics/0", "/metrics/0/observations/4"]
    assert f.strength == (
        "ttf is 30% below its pre-RPO baseline, with at least 30% expected of time to fill in "
        "steady state."
    )


def test_urg009_fails_low_a_little_short_of_the_expected_reduction(
    assess: Callable[..., Finding],
) -> None:
    state = _ttf(base(), [60, 55, 52, 51, 50], baseline=60)
    f = assess(state, "URG009")
    assert f.status is Status.FAILED
    assert f.value == 16.7
    assert "50 days, 16.7% below the pre-RPO baseline of 60 days" in f.message
    assert f.score == pytest.approx(0.5567, abs=1e-3)
    assert f.severity.value == "low"


def test_urg009_judges_the_time_to_fill_furthest_from_expectation(
    assess: Callable[..., Finding],
) -> None:
    state = _ttf(base(), [60, 55, 50, 45, 40], baseline=60)
    state.metric("ttf-tech", kind="time_to_fill", baseline=50, observations=[("2025-09-30", 55)])
    f = assess(state, "URG009")
    assert f.status is Status.FAILED
    assert f.value == -10.0
    assert f.evidence == ["/metrics/1", "/metrics/1/observations/0"]
    assert "55 days, 10% above the pre-RPO baseline of 50 days" in f.message
    assert f.score == 0.0
    assert f.severity.value == "medium"


def test_urg009_ignores_a_time_to_fill_retired_from_the_scorecard(
    assess: Callable[..., Finding],
) -> None:
    state = _ttf(base(), [60, 55, 50, 45, 40], baseline=60)
    state.metric(
        "ttf-old",
        kind="time_to_fill",
        baseline=50,
        retired="2025-10-01",
        observations=[("2025-09-30", 55)],
    )
    f = assess(state, "URG009")
    assert f.status is Status.PASSED
    assert f.evidence == ["/metrics/0", "/metrics/0/observations/4"]


def test_urg009_has_nothing_to_judge_before_a_steady_state_reading(
    assess: Callable[..., Finding],
) -> None:
    early = base().metric(
        "ttf",
        kind="time_to_fill",
        baseline=60,
        observations=[("2025-04-30", 60), ("2025-05-31", 55)],
    )
    f = assess(early, "URG009")
    assert nothing_to_judge(f)
    assert "since steady state began" in f.message


def test_urg009_not_applicable_without_baseline_or_before_steady_state(
    assess: Callable[..., Finding],
) -> None:
    f = assess(_ttf(base(), [60, 55, 50]), "URG009")
    assert missing_data(f)
    assert "baseline" in f.message
    f = assess(_ttf(base(as_of="2025-06-15"), [60, 55], baseline=60), "URG009")
    assert f.status is Status.NOT_APPLICABLE and f.weight == 0
    assert "steady state" in f.message
