"""The metrics rule set as a whole, and the helpers its checks share."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.checks.kpi_series import falling, meets_target
from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Finding
from foundation_engine.state.vocabulary import Direction
from foundation_engine.testing.builder import StateBuilder
from tests.rules.metrics.helpers import MODULE, series


def test_failing_findings_carry_a_recommendation_for_the_owner(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.metric("ttf", kind="time_to_fill", observations=series([50], last="2025-06-30"))
    for rule_id in ("MET002", "MET004", "MET005", "MET007"):
        f = assess(b, rule_id)
        assert f.status is Status.FAILED, rule_id
        assert f.recommendation and "{" not in f.recommendation, rule_id
        assert "{" not in f.message, rule_id


def test_every_recommendation_opens_with_the_action_alone(
    make_engine: Callable[..., Engine],
) -> None:
    """Reports list the first sentence under "who does what": it must end before the data.

    A sentence that starts with a placeholder (". {count} of ...") cannot be told apart
    from the one before it once the placeholder renders as a number.
    """
    rules = [r for r in make_engine(MODULE).rules if r.definition.technique == "metrics"]
    assert rules
    for r in rules:
        texts = [r.definition.recommendation, *r.definition.recommendations.values()]
        for text in texts:
            assert not text.startswith("{"), r.id
            assert ". {" not in text, r.id


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([4.6, 4.4, 4.0], True),
        ([4.6, 4.6, 4.0], True),
        ([5.0, 4.6, 4.7, 4.1], False),
        ([4.0, 4.0, 4.0], False),
        ([4.6, 4.0], False),
    ],
)
def test_falling_means_never_rising_and_ending_lower(values: list[float], expected: bool) -> None:
    assert falling(values, 3) is expected


def test_meeting_a_target_depends_on_its_direction() -> None:
    assert meets_target(40, 40, Direction.LOWER)
    assert not meets_target(41, 40, Direction.LOWER)
    assert meets_target(86, 85, Direction.HIGHER)
    assert not meets_target(84, 85, Direction.HIGHER)
