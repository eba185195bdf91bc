"""The command-line fixtures of tests/cli, for the import and workbook commands."""

from __future__ import annotations

from ..cli.conftest import cli, cli_process, workdir

__all__ = ["cli", "cli_process", "workdir"]
