"""Check options built on the exported base are strict and immutable."""

from __future__ import annotations

import pytest
from pydantic import Field, ValidationError

from foundation_engine import Options


class GapOptions(Options):
    max_days: int = Field(14, ge=1)


def test_a_misspelled_option_is_refused() -> None:
    with pytest.raises(ValidationError, match="max_dyas"):
        GapOptions.model_validate({"max_dyas": 7})


def test_options_cannot_change_once_built() -> None:
    options = GapOptions(max_days=7)
    with pytest.raises(ValidationError):
        options.max_days = 3  # type: ignore[misc]
