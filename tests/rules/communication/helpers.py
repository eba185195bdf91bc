"""What the tests of the communication rule set share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from foundation_engine.core.config import EngineConfig
from foundation_engine.report.model import Finding, Report

MODULE = "foundation_engine.rules.communication"


GO_LIVE = "2025-03-31"


Assess = Callable[..., Finding]
AssessAll = Callable[..., Report]


def pointers(*indexes: int) -> list[str]:
    return [f"/communications/{i}" for i in indexes]


def options(rule_id: str, **values: Any) -> EngineConfig:
    """A configuration overriding options of one rule."""
    return EngineConfig.model_validate({"rules": {rule_id: {"options": values}}})
