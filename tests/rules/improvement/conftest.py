"""Fixtures of the improvement rule set's tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Finding, Report
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.improvement.helpers import MODULE


@pytest.fixture
def report(make_engine: Callable[..., Engine]) -> Callable[..., Report]:
    """Assess a state with this rule set alone; the whole report."""
    engine = make_engine(MODULE)

    def run(state: StateBuilder) -> Report:
        return engine.assess(state.build())

    return run


@pytest.fixture
def assess(report: Callable[..., Report]) -> Callable[..., Finding]:
    """Assess a state with this rule set alone; the finding of one rule."""

    def run(state: StateBuilder, rule_id: str) -> Finding:
        return finding(report(state), rule_id)

    return run
