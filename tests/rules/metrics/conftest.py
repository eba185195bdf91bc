"""Fixtures of the metrics rule set's tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Finding, Report
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.metrics.helpers import MODULE


@pytest.fixture
def assess(make_engine: Callable[..., Engine]) -> Callable[..., Finding]:
    engine = make_engine(MODULE)

    def run(builder: StateBuilder, rule_id: str, **options: Any) -> Finding:
        used = engine
        if options:
            config = {"rules": {rule_id: {"options": options}}}
            used = make_engine(MODULE, config=EngineConfig.model_validate(config))
        return finding(used.assess(builder.build()), rule_id)

    return run


@pytest.fixture
def assess_all(make_engine: Callable[..., Engine]) -> Callable[..., Report]:
    """The whole report of the metrics rules, with any other rule sets named."""

    def run(builder: StateBuilder, *modules: str) -> Report:
        return make_engine(MODULE, *modules).assess(builder.build())

    return run
