"""Engines for tests: only the plugins under test, never whatever else is installed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.plugin.manager import DEFAULT_PLUGINS

GENERIC_BUILTINS: tuple[str, ...] = (
    "foundation_engine.formats",
    "foundation_engine.checks.generic",
)
"""The built-ins a plugin's declarative rules can rely on: state loaders and generic checks."""


def plugin_engine(
    *plugins: Any,
    config: EngineConfig | None = None,
    builtins: Sequence[str] | None = None,
    with_builtin_rules: bool = False,
) -> Engine:
    """An engine running only `plugins` (modules or objects with hook implementations).

    Installed plugins never load (``entrypoints=False``), so a test sees the
    same rules on every machine. By default only :data:`GENERIC_BUILTINS` load
    beside the plugins; ``with_builtin_rules=True`` adds the six built-in rule
    sets (needed when a plugin's rules belong to a built-in technique such as
    ``communication``); ``builtins`` names the built-in modules exactly.
    Without a `config` the engine is strict: a plugin that cannot be
    registered (for instance because it declares an incompatible engine
    version) fails the test instead of being skipped with a warning.
    """
    if builtins is None:
        builtins = DEFAULT_PLUGINS if with_builtin_rules else GENERIC_BUILTINS
    return Engine(
        config or EngineConfig.model_validate({"strict": True}),
        plugins=plugins,
        builtins=builtins,
        entrypoints=False,
    )
