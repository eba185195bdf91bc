"""Helpers for testing rules and plugins, from your own pytest suite.

Installing foundation-engine registers a pytest plugin
(:mod:`foundation_engine.testing.pytest_plugin`) with the fixtures
``state_builder`` and ``plugin_engine``. The helpers themselves::

    from foundation_engine.testing import (
        StateBuilder, plugin_engine, assert_finding, assert_plugin_conformance,
    )

Imports are lazy so that loading the pytest plugin costs nothing in test runs
that never use it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type checkers see the real names; at run time they load on first use
    from foundation_engine.testing.assertions import assert_finding, assert_no_errors, find_finding
    from foundation_engine.testing.builder import StateBuilder
    from foundation_engine.testing.conformance import (
        assert_plugin_conformance,
        check_plugin_conformance,
    )
    from foundation_engine.testing.engines import GENERIC_BUILTINS, plugin_engine

__all__ = [
    "GENERIC_BUILTINS",
    "StateBuilder",
    "assert_finding",
    "assert_no_errors",
    "assert_plugin_conformance",
    "check_plugin_conformance",
    "find_finding",
    "plugin_engine",
]

_LAZY = {
    "StateBuilder": "builder",
    "GENERIC_BUILTINS": "engines",
    "plugin_engine": "engines",
    "assert_finding": "assertions",
    "assert_no_errors": "assertions",
    "find_finding": "assertions",
    "check_plugin_conformance": "conformance",
    "assert_plugin_conformance": "conformance",
}


def __getattr__(name: str) -> object:
    try:
        module_name = _LAZY[name]
    except KeyError:
        raise AttributeError(
            f"module 'foundation_engine.testing' has no attribute {name!r}"
        ) from None
    value = getattr(importlib.import_module(f".{module_name}", __name__), name)
    globals()[name] = value
    return value
