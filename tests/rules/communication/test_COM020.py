"""COM020: client and provider rate communication far apart in the pulse."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.core.engine import Engine
from foundation_engine.state.instrument import STANDARD_STATEMENTS
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.rules.communication"
STATEMENTS = [s.id for s in STANDARD_STATEMENTS if s.technique == "communication"]


def test_the_side_that_rates_communication_higher_is_named_to_act(
    make_engine: Callable[..., Engine],
) -> None:
    builder = StateBuilder()
    for statement in STATEMENTS:  # the same answers on every communication statement
        builder.pulse_answers("2025-12-15", "provider", statement, [4, 5, 4, 5, 4])
        builder.pulse_answers("2025-12-15", "client", statement, [2, 3, 2, 3])
    f = finding(make_engine(MODULE).assess(builder.build()), "COM020")  # this rule set alone
    # provider 4.4, client 2.5: 1.9 points apart, over the limit of 1
    assert (f.status, f.owner.value) == (Status.FAILED, "provider")
    assert f.value == pytest.approx(1.9)
    assert "the provider rates communication 4.4 out of 5" in (f.recommendation or "")
