"""Fixtures of the communication rule set's tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Finding, Report
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.communication.helpers import MODULE, Assess, AssessAll


@pytest.fixture
def assess_all(make_engine: Callable[..., Engine]) -> AssessAll:
    """Run the communication rule set on a built state and return the whole report."""
    default = make_engine(MODULE)

    def run(builder: StateBuilder, config: EngineConfig | None = None) -> Report:
        engine = default if config is None else make_engine(MODULE, config=config)
        return engine.assess(builder.build())

    return run


@pytest.fixture
def assess(assess_all: AssessAll) -> Assess:
    """Run the communication rule set on a built state and return one rule's finding."""

    def run(rule_id: str, builder: StateBuilder, config: EngineConfig | None = None) -> Finding:
        return finding(assess_all(builder, config), rule_id)

    return run
