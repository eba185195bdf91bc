"""What the tests of the improvement rule set share."""

from __future__ import annotations

from foundation_engine.testing.builder import StateBuilder

MODULE = "foundation_engine.rules.improvement"


START = "2025-01-06"  # a Monday


AS_OF = "2026-01-05"


def base(**kwargs: str) -> StateBuilder:
    return StateBuilder(start=kwargs.get("start", START), as_of=kwargs.get("as_of", AS_OF))
