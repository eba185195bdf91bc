"""The improvement rule set as a whole, and the helpers its checks share."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.core.engine import Engine
from foundation_engine.rules.follow_through import overdue_follow_ups
from tests.rules.improvement.helpers import MODULE


def test_every_rule_has_a_registered_check(make_engine: Callable[..., Engine]) -> None:
    engine = make_engine(MODULE)
    ids = sorted(r.id for r in engine.rules if r.id.startswith("IMP"))
    assert ids == [*(f"IMP00{n}" for n in range(1, 10)), "IMP020", "IMP021"]


def test_the_overdue_check_is_the_one_the_urgency_rule_set_uses(
    make_engine: Callable[..., Engine],
) -> None:
    # One check for overdue follow-ups, whichever log they are in; each rule set
    # registers it under its own name so that either loads on its own.
    engine = make_engine(MODULE)
    spec = engine.registry.checks["improvement_overdue_follow_ups"]
    assert spec.function is overdue_follow_ups
    assert "urgency_overdue_follow_ups" not in engine.registry.checks
