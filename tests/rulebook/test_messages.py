"""Message templates: rule files fill them safely, and values read naturally."""

from __future__ import annotations

import datetime as dt

import pytest

from foundation_engine.rulebook.messages import render, render_value


def test_fields_are_filled_and_numbers_read_naturally() -> None:
    assert render("{value} days (limit {max_days})", {"value": 21.0, "max_days": 14}) == (
        "21 days (limit 14)"
    )
    assert render("{share:.0%}", {"share": 0.256}) == "26%"


def test_attribute_and_index_access_are_not_evaluated() -> None:
    text = render("{value.__class__} {value[0]} {missing}", {"value": "abc"})
    assert text == "{value.__class__} {value[0]} {missing}"


def test_huge_format_widths_are_ignored() -> None:
    assert render("{value:>999999999}", {"value": 5}) == "5"


def test_broken_template_is_returned_as_is() -> None:
    assert render("oops {", {"value": 1}) == "oops {"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "yes"),
        (0.25, "0.25"),
        (dt.date(2026, 1, 2), "2026-01-02"),
        (list(range(10)), "0, 1, 2, 3, 4, 5, 6, 7 and 2 more"),
        (None, "none"),
    ],
)
def test_values_render_for_people(value: object, text: str) -> None:
    assert render_value(value) == text
