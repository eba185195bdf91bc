"""The one-call API: engines shared per configuration, every setting honoured."""

from __future__ import annotations

import json

import pytest

from foundation_engine import api
from foundation_engine.core.config import EngineConfig
from foundation_engine.errors import LimitExceeded
from foundation_engine.testing import StateBuilder


def _large_state_text() -> str:
    builder = StateBuilder(start="2025-01-06", as_of="2026-01-05")
    text = json.dumps(builder.weekly_touchpoints("2025-01-06", "2026-01-05").to_dict())
    assert len(text) > 5_000
    return text


def test_same_config_shares_one_engine() -> None:
    config = EngineConfig(select=["COM"])
    assert api.default_engine(config) is api.default_engine(EngineConfig(select=["COM"]))


def test_a_later_call_with_a_smaller_input_limit_refuses_the_input() -> None:
    text = _large_state_text()
    assert api.assess(text).partnership_id
    small = EngineConfig.model_validate({"limits": {"max_input_bytes": 100}})
    with pytest.raises(LimitExceeded):
        api.assess(text, config=small)


def test_rule_budget_reaches_the_engine_of_a_later_call() -> None:
    plain = api.default_engine(EngineConfig())
    budgeted = api.default_engine(EngineConfig.model_validate({"limits": {"rule_seconds": 0.5}}))
    assert budgeted is not plain
    assert budgeted.config.limits.rule_seconds == 0.5
    assert plain.config.limits.rule_seconds is None
