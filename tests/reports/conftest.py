"""Fixtures for report rendering: sample reports, engine-assessed states, the examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Report
from foundation_engine.testing.builder import StateBuilder

from ..conftest import EXAMPLES
from .samples import sample_report

WRITERS = ("html", "markdown", "csv")


def example_states() -> list[Path]:
    """The bundled example states (``examples/*.json``), when they exist."""
    return sorted(EXAMPLES.glob("*.json")) if EXAMPLES.is_dir() else []


@pytest.fixture
def sample() -> Report:
    return sample_report()


def struggling_state() -> StateBuilder:
    """Check-ins kept up in spring, then a long silence before the assessment."""
    return (
        StateBuilder(name="Acme Corp & TalentCo RPO", id="acme-talentco")
        .weekly_touchpoints("2025-01-06", "2025-06-02")
        .touchpoint("2025-09-01", kind="qbr")
    )


@pytest.fixture
def assessed(engine: Engine) -> Callable[[StateBuilder], Report]:
    def assess(builder: StateBuilder) -> Report:
        return engine.assess(builder.build())

    return assess
