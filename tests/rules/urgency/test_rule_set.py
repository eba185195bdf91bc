"""The urgency rule set as a whole, and the helpers its checks share."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.core.engine import Engine
from tests.rules.urgency.helpers import MODULE


def test_every_rule_has_a_registered_check(make_engine: Callable[..., Engine]) -> None:
    engine = make_engine(MODULE)
    ids = sorted(r.id for r in engine.rules if r.id.startswith("URG"))
    assert ids == [f"URG00{n}" for n in range(1, 10)]
