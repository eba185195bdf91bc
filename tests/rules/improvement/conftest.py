"""Fixtures of the improvement rule set's tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.improvement.helpers import MODULE


@pytest.fixture
def assess(make_engine: Callable[..., Engine]) -> Callable[..., Finding]:
    engine = make_engine(MODULE)

    def run(state: StateBuilder, rule_id: str) -> Finding:
        return finding(engine.assess(state.build()), rule_id)

    return run
