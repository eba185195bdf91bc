"""pytest plugin: fixtures for testing foundation-engine rules and plugins.

Loaded in every pytest run where foundation-engine is installed, so it
imports nothing from the engine until a fixture is used.

``state_builder``
    The :class:`~foundation_engine.testing.StateBuilder` class: call it to
    start a state (``state_builder(start="2026-01-05", as_of="2026-06-30")``).
``plugin_engine``
    :func:`~foundation_engine.testing.plugin_engine`: build an engine with
    only the plugins under test (``plugin_engine(my_plugin)``); installed
    plugins never leak in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from foundation_engine.core.engine import Engine
    from foundation_engine.testing.builder import StateBuilder


@pytest.fixture
def state_builder() -> type[StateBuilder]:
    """The StateBuilder class; call it to start a partnership state."""
    from foundation_engine.testing.builder import StateBuilder

    return StateBuilder


@pytest.fixture
def plugin_engine() -> Callable[..., Engine]:
    """Build an engine running only the given plugins (see ``testing.plugin_engine``)."""
    from foundation_engine.testing.engines import plugin_engine

    return plugin_engine
