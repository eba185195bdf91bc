"""MET020: client and provider rate the metrics far apart in the pulse."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.core.engine import Engine
from foundation_engine.state.instrument import STANDARD_STATEMENTS
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.rules.metrics"
STATEMENTS = [s.id for s in STANDARD_STATEMENTS if s.technique == "metrics"]


def test_the_side_that_rates_metrics_higher_is_named_to_act(
    make_engine: Callable[..., Engine],
) -> None:
    builder = StateBuilder()
    for statement in STATEMENTS:  # the same answers on every metrics statement
        builder.pulse_answers("2025-12-15", "provider", statement, [4, 4, 5])
        builder.pulse_answers("2025-12-15", "client", statement, [2, 3, 3])
    f = finding(make_engine(MODULE).assess(builder.build()), "MET020")  # this rule set alone
    # provider 4.33, client 2.67: 1.66 points apart, over the limit of 1
    assert (f.status, f.owner.value) == (Status.FAILED, "provider")
    assert f.value == pytest.approx(1.66)
    assert "the provider rates the metrics 4.33 out of 5" in (f.recommendation or "")
