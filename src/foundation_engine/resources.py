"""Where the files shipped with the engine live: rule folders and JSON Schemas.

In a wheel they are packaged inside ``foundation_engine`` (``_rules``,
``_schemas``); in a source checkout or editable install they are the
top-level ``rules/`` and ``schemas/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def _shipped(packaged: str, checkout: str) -> Path:
    inside = _PACKAGE / packaged
    return inside if inside.is_dir() else _CHECKOUT / checkout


def rules_dir(technique: str | None = None) -> Path:
    """The built-in rule folder, or one technique's subfolder."""
    base = _shipped("_rules", "rules")
    return base / technique if technique else base


def schemas_dir() -> Path:
    return _shipped("_schemas", "schemas")
