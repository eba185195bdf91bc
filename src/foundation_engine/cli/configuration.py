"""From command-line options to an :class:`EngineConfig` and an :class:`Engine`.

``--config FILE`` wins; otherwise the config is discovered (``foundation.toml``
in the current folder or a parent, else ``[tool.foundation-engine]`` in a
``pyproject.toml``); otherwise the defaults. ``--select`` replaces the
configured selection, ``--ignore`` adds to it, and ``--strict`` makes a plugin
that fails to load an error.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foundation_engine.core.config import EngineConfig
    from foundation_engine.core.engine import Engine


def config_from_args(args: argparse.Namespace) -> EngineConfig:
    from foundation_engine.core.config import EngineConfig, discover_config, load_config

    path = getattr(args, "config", None) or discover_config()
    config = load_config(path) if path is not None else EngineConfig()
    changes: dict[str, Any] = {}
    given: dict[tuple[str | int, ...], str] = {}  # so a problem names the option, not the file
    select = getattr(args, "select", None)
    if select:
        changes["select"] = select
        given[("select",)] = "--select"
    ignore = getattr(args, "ignore", None)
    if ignore:
        changes["ignore"] = [*config.ignore, *ignore]
        given.update({("ignore", len(config.ignore) + i): "--ignore" for i in range(len(ignore))})
    if getattr(args, "strict", False):
        changes["strict"] = True
        given[("strict",)] = "--strict"
    return config.with_overrides(changes, given) if changes else config


def engine_from_args(args: argparse.Namespace) -> Engine:
    from foundation_engine.core.engine import Engine

    return Engine(config_from_args(args))
