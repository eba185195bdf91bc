"""Report models are always validated, however the engine builds them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from foundation_engine.report.model import Strength, trusted

STRENGTH = {"rule_id": "COM001", "technique": "communication", "message": "Weekly calls."}


def test_trusted_builds_what_validation_builds() -> None:
    values = {**STRENGTH, "evidence": ["/communications/0"]}
    assert trusted(Strength, values) == Strength.model_validate(values)


def test_trusted_refuses_what_validation_refuses() -> None:
    with pytest.raises(ValidationError):
        trusted(Strength, {**STRENGTH, "evidence": "/communications/0"})
    with pytest.raises(ValidationError):
        trusted(Strength, {**STRENGTH, "colour": "green"})
