"""What the tests of the purpose rule set share."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder

MODULE = "foundation_engine.rules.purpose"


Assess = Callable[..., Finding]


def agreed(start: str = "2025-01-06", as_of: str = "2026-01-05") -> StateBuilder:
    """A partnership whose purpose is written and signed by both sides."""
    return (
        StateBuilder(start=start, as_of=as_of)
        .purpose(documented="2025-01-20")
        .sign_off("client", "Cara Client", "2025-01-22")
        .sign_off("provider", "Pat Provider", "2025-01-24")
    )
