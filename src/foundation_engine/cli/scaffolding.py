"""``foundation-engine new-plugin``: start a plugin project from the template."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path

from foundation_engine.cli.diagnostics import CommandError, ExitCode, print_note


def run(args: argparse.Namespace) -> int:
    try:
        scaffold = importlib.import_module("foundation_engine.cli.plugin_template")
    except ModuleNotFoundError as exc:
        if exc.name != "foundation_engine.cli.plugin_template":
            raise
        raise CommandError("plugin scaffolding is not available in this installation") from None
    create_plugin: Callable[..., Path] = scaffold.create_plugin
    folder = Path(args.dir)
    if not folder.is_dir():
        raise CommandError(f"{folder}: no such folder")
    try:
        created = create_plugin(args.name, folder, prefix=args.prefix)
    except FileExistsError as exc:
        raise CommandError(f"{exc.filename or exc}: already exists; nothing was written") from None
    print_note(f"created {created}")
    return ExitCode.OK
