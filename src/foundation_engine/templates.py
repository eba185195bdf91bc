"""Message templates in rule files: ``{name}`` fields filled from a finding's values.

Rule files may come from the internet, so the formatter accepts plain names
only: no attribute access (``{value.__class__}``), no indexing, and short
format specs. A template naming an unknown field leaves it visible as
``{name}`` instead of failing.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping, Sequence
from typing import Any

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_SPEC = re.compile(r"^[<>^]?\d{0,2}(,)?(\.\d)?[dfg%]?$")
_MAX_LIST = 8


def render_value(value: Any) -> str:
    """A value as a person reads it: ``0.25`` stays, ``12.0`` becomes ``12``."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Sequence) and not isinstance(value, str):
        items = [render_value(v) for v in value[:_MAX_LIST]]
        more = len(value) - _MAX_LIST
        return ", ".join(items) + (f" and {more} more" if more > 0 else "")
    if value is None:
        return "none"
    return str(value)


class _SafeFormatter(string.Formatter):
    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if not _NAME.match(field_name):
            return "{" + field_name + "}", field_name
        if field_name not in kwargs:
            return "{" + field_name + "}", field_name
        return kwargs[field_name], field_name

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec and _SPEC.match(format_spec) and isinstance(value, int | float):
            try:
                return format(value, format_spec)
            except ValueError:
                pass
        return render_value(value)


_FORMATTER = _SafeFormatter()


def render(template: str, values: Mapping[str, Any]) -> str:
    """Fill `template` from `values`; never raises for a bad template."""
    try:
        return _FORMATTER.vformat(template, (), values)
    except (ValueError, IndexError, KeyError):
        return template
