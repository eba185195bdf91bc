"""Graded scores never invert: a worse measured value never scores higher, under any override.

For every graded rule shipped with the engine, random option values that the
check accepts and random pairs of measured values: the worse value of a pair
never scores above the better one, and no failure scores 1. A configuration
that puts fixed control points out of order is refused when the engine is
built.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foundation_engine import Engine, EngineConfig
from foundation_engine.checks.outcome import Status
from foundation_engine.core.engine import CompiledRule
from foundation_engine.core.scoring import rule_score
from foundation_engine.errors import RuleDefinitionError
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from tests.conftest import GENERIC
from tests.rulekit import RuleFolder, rule


def _graded() -> list[CompiledRule]:
    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    return [r for r in engine.rules if r.definition.scoring.method == "graded"]


GRADED = _graded()


def _override(rule: CompiledRule, data: st.DataObject) -> dict[str, Any]:
    """Option values with the good control point's option moved at random, as the model allows."""
    values = dict(rule.option_values)
    name = rule.definition.scoring.good_option
    if name is None:
        return values
    default = values[name]
    if isinstance(default, bool) or not isinstance(default, int | float):
        return values
    if isinstance(default, int):
        candidate: float = data.draw(st.integers(0, max(10, 4 * default + 10)))
    else:
        candidate = data.draw(st.floats(0, max(1.0, 4 * default + 1), allow_nan=False))
    trial = {**values, name: candidate}
    try:
        rule.check.options.model_validate(trial)
    except ValueError:
        return values  # a value the check refuses never reaches scoring
    return trial


def test_every_graded_rule_is_covered() -> None:
    assert len(GRADED) >= 30


@pytest.mark.parametrize("rule", GRADED, ids=lambda r: r.id)
@settings(max_examples=60, deadline=None, derandomize=True)
@given(data=st.data())
def test_a_worse_value_never_scores_higher(rule: CompiledRule, data: st.DataObject) -> None:
    scoring = rule.definition.scoring
    options = _override(rule, data)
    if scoring.out_of_order(options) is not None:
        return  # refused when the engine compiles the rule (tested below)
    points = scoring.control_points(options)
    assert points is not None
    good, poor = points
    span = max(abs(good - poor), 1.0)
    low, high = min(good, poor) - span, max(good, poor) + span
    a = data.draw(st.floats(low, high, allow_nan=False))
    b = data.draw(st.floats(low, high, allow_nan=False))
    better, worse = (a, b) if (a < b) == (scoring.better == "lower") else (b, a)
    s_better = rule_score(Status.FAILED, better, scoring, options)
    s_worse = rule_score(Status.FAILED, worse, scoring, options)
    assert s_better is not None and s_worse is not None
    assert 0.0 <= s_worse <= s_better < 1.0
    assert math.isfinite(s_better)


def test_a_config_that_puts_fixed_control_points_out_of_order_is_refused(
    tmp_path: Path,
) -> None:
    scoring = {"method": "graded", "better": "lower", "good_option": "max", "poor": 5}
    folder = RuleFolder(
        tmp_path / "rules",
        [rule("TST001", "count", {"collection": "/metrics"}, {"max": 2}, scoring=scoring)],
    )
    Engine(builtins=GENERIC, plugins=[folder], entrypoints=False)  # in order: accepted
    config = EngineConfig.model_validate({"rules": {"TST001": {"options": {"max": 9}}}})
    with pytest.raises(RuleDefinitionError, match="TST001: graded scoring control points out"):
        Engine(config, builtins=GENERIC, plugins=[folder], entrypoints=False)
