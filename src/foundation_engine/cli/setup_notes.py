"""What ``--verbose`` notes before a command runs: its config file and its plugins."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from foundation_engine.cli.diagnostics import Verbosity, print_detail, verbosity

if TYPE_CHECKING:
    from foundation_engine.core.engine import Engine
    from foundation_engine.plugin.manager import PluginSetup


def describe_config(args: argparse.Namespace) -> None:
    """Under ``--verbose``: which config file the command runs with."""
    if verbosity() < Verbosity.VERBOSE:
        return
    from foundation_engine.core.config import discover_config

    chosen = getattr(args, "config", None)
    if chosen is not None:
        print_detail(f"config: {chosen} (--config)")
        return
    found = discover_config()
    print_detail(f"config: {found} (discovered)" if found else "config: none found; defaults")


def describe_setup(engine: Engine, args: argparse.Namespace) -> None:
    """Under ``--verbose``: the config and the plugins a command runs with."""
    if verbosity() < Verbosity.VERBOSE:
        return
    describe_config(args)
    describe_plugins(engine.registry.setup)


def describe_plugins(setup: PluginSetup) -> None:
    """Under ``--verbose``: how many built-in plugins, which installed ones, which failed."""
    names = setup.plugin_names()
    installed = [n for n in names if not setup.is_builtin(n)]
    listed = ", ".join(f"{n} {setup.versions.get(n, '')}".strip() for n in installed) or "none"
    print_detail(f"plugins: {len(names) - len(installed)} built-in; installed: {listed}")
    for failure in setup.failures:
        print_detail(f"plugin not loaded: {failure.name}: {failure.error}")
