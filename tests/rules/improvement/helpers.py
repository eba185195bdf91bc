"""What the tests of the improvement rule set share."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder

MODULE = "foundation_engine.rules.improvement"


START = "2025-01-06"  # a Monday


AS_OF = "2026-01-05"


def base(**kwargs: str) -> StateBuilder:
    return StateBuilder(start=kwargs.get("start", START), as_of=kwargs.get("as_of", AS_OF))


def nothing_to_judge(f: Finding) -> bool:
    """Recorded, but nothing to judge yet: no verdict, and no weight either way."""
    return f.status is Status.NOT_APPLICABLE and f.weight == 0 and f.strength is None


def missing_data(f: Finding) -> bool:
    """The state does not record what the rule needs: no verdict, and it lowers coverage."""
    return f.status is Status.NOT_APPLICABLE and f.weight > 0
