"""What the tests of the communication rule set share."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder

MODULE = "foundation_engine.rules.communication"


GO_LIVE = "2025-03-31"


Assess = Callable[[str, StateBuilder], Finding]


def pointers(*indexes: int) -> list[str]:
    return [f"/communications/{i}" for i in indexes]
