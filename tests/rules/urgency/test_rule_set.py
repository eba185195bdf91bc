"""The urgency rule set as a whole, and the helpers its checks share."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.core.engine import Engine
from foundation_engine.rules.follow_through import overdue_follow_ups
from tests.rules.urgency.helpers import MODULE


def test_every_rule_has_a_registered_check(make_engine: Callable[..., Engine]) -> None:
    engine = make_engine(MODULE)
    ids = sorted(r.id for r in engine.rules if r.id.startswith("URG"))
    assert ids == [*(f"URG00{n}" for n in range(1, 10)), "URG020", "URG021"]


def test_the_overdue_check_is_the_one_the_improvement_rule_set_uses(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(MODULE)
    assert engine.registry.checks["urgency_overdue_follow_ups"].function is overdue_follow_ups
    both = make_engine(MODULE, "foundation_engine.rules.improvement").registry.checks
    assert (
        both["urgency_overdue_follow_ups"].function
        is both["improvement_overdue_follow_ups"].function
    )
