"""PUR020: client and provider rate the shared purpose far apart in the pulse."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.core.engine import Engine
from foundation_engine.state.instrument import STANDARD_STATEMENTS
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.rules.purpose"
STATEMENTS = [s.id for s in STANDARD_STATEMENTS if s.technique == "purpose"]


def test_the_side_that_rates_purpose_higher_is_named_to_act(
    make_engine: Callable[..., Engine],
) -> None:
    builder = StateBuilder()
    for statement in STATEMENTS:  # the same answers on every purpose statement
        builder.pulse_answers("2025-12-15", "client", statement, [5, 4, 4])
        builder.pulse_answers("2025-12-15", "provider", statement, [3, 2, 3])
    f = finding(make_engine(MODULE).assess(builder.build()), "PUR020")  # this rule set alone
    # client 4.33, provider 2.67: 1.66 points apart, over the limit of 1
    assert (f.status, f.owner.value) == (Status.FAILED, "client")
    assert f.value == pytest.approx(1.66)
    assert "the client rates the shared purpose 4.33 out of 5" in (f.recommendation or "")
