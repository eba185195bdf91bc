"""Fixtures of the communication rule set's tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.communication.helpers import MODULE, Assess


@pytest.fixture
def assess(make_engine: Callable[..., Engine]) -> Assess:
    """Run the communication rule set on a built state and return one rule's finding."""
    engine = make_engine(MODULE)

    def run(rule_id: str, builder: StateBuilder) -> Finding:
        return finding(engine.assess(builder.build()), rule_id)

    return run
