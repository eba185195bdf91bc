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
from functools import lru_cache
from typing import Any, cast

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_SPEC = re.compile(r"^[<>^]?\d{0,2}(,)?(\.\d)?[dfg%]?$")
_MAX_LIST = 8


def render_value(value: Any) -> str:
    """A value as a person reads it: ``0.25`` stays, ``12.0`` becomes ``12``."""
    kind = type(value)
    if kind is str:  # the common cases first; the answers are those of the checks below
        return cast(str, value)
    if kind is int:
        return str(value)
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
        return _format_field(value, format_spec, bool(format_spec and _SPEC.match(format_spec)))


def _format_field(value: Any, spec: str, numeric_spec: bool) -> str:
    """One field: a number with a spec numbers may use is formatted by it, else rendered.

    The formatter and the parsed-template path below both format through here.
    """
    if numeric_spec and isinstance(value, int | float):
        try:
            return format(value, spec)
        except ValueError:
            pass
    return render_value(value)


_FORMATTER = _SafeFormatter()

# A parsed template: literal text, then a plain ``{name}`` / ``{name:spec}`` field
# (or None), its spec, and whether the spec is one numbers may use.
_Part = tuple[str, str | None, str, bool]


@lru_cache(maxsize=4096)
def _plain_parts(template: str) -> tuple[_Part, ...] | None:
    """The template split once into literals and plain fields, or None.

    None means the template needs the formatter's general path: a conversion
    (``!r``), a nested field in a format spec, a positional field, or a syntax
    error. Rule templates are few and rendered for every state, and
    ``string.Formatter`` parses a template again on every call, in Python:
    parsing once cuts rendering by about three quarters (docs/performance.md).
    ``tests/rulebook/test_messages.py`` holds this path to the formatter's
    answers for generated templates and values.
    """
    try:
        parsed = list(_FORMATTER.parse(template))
    except ValueError:
        return None
    parts: list[_Part] = []
    for literal, name, spec, conversion in parsed:
        if name is None:
            parts.append((literal, None, "", False))
            continue
        if conversion is not None or not _NAME.match(name) or "{" in (spec or ""):
            return None
        spec = spec or ""
        parts.append((literal, name, spec, bool(spec and _SPEC.match(spec))))
    return tuple(parts)


def render(template: str, values: Mapping[str, Any]) -> str:
    """Fill `template` from `values`; never raises for a bad template."""
    parts = _plain_parts(template)
    try:
        if parts is None:
            return _FORMATTER.vformat(template, (), values)
        out: list[str] = []
        for literal, name, spec, numeric_spec in parts:
            if literal:
                out.append(literal)
            if name is None:
                continue
            if name not in values:
                out.append("{" + name + "}")
                continue
            out.append(_format_field(values[name], spec, numeric_spec))
        return "".join(out)
    except (ValueError, IndexError, KeyError):
        return template
