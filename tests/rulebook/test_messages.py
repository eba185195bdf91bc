"""Message templates: rule files fill them safely, and values read naturally."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foundation_engine.rulebook.messages import _FORMATTER, render, render_value


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


# -- the parsed-template path against the formatter it stands in for -----------

NAMES = ["value", "max_days", "share", "reason", "missing", "a.b", "x[0]", "0", "__class__"]
SPECS = ["", ".0%", ".1f", ">5", "<3", ",", ".2", "d", "g", "%", "x", "999", "{value}", "!r"]

_values = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=8),
    st.dates(),
    st.lists(st.integers(-5, 5), max_size=10),
)
_field = st.builds(
    lambda name, spec, conversion: "{" + name + conversion + (":" + spec if spec else "") + "}",
    st.sampled_from(NAMES),
    st.sampled_from(SPECS),
    st.sampled_from(["", "", "", "!r", "!s"]),
)
_literal = st.text(alphabet="ab :{}%.-", max_size=6)
_templates = st.lists(st.one_of(_field, _literal), max_size=6).map("".join)


def formatter_answer(template: str, values: dict[str, object]) -> str:
    """What the plain formatter makes of `template`: the behaviour render must keep."""
    try:
        return _FORMATTER.vformat(template, (), values)
    except (ValueError, IndexError, KeyError):
        return template


@settings(max_examples=300, deadline=None)
@given(_templates, st.dictionaries(st.sampled_from(NAMES[:4]), _values))
def test_parsed_templates_render_as_the_formatter_does(
    template: str, values: dict[str, object]
) -> None:
    assert render(template, values) == formatter_answer(template, values)
    assert render(template, values) == formatter_answer(template, values)  # from the cache
