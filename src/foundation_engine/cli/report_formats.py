"""Which report writer a command uses: ``--format``, else the output file's suffix.

The built-in formats and the suffixes that name them are listed here, without
importing any writer, so ``--help`` can show them and stay quick; a plugin's
format is chosen by the suffix it registered. A suffix nothing claims is an
error rather than a silent text report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from foundation_engine.cli.diagnostics import CommandError

if TYPE_CHECKING:
    from foundation_engine.plugin.registry import Registry, ReportWriter

DEFAULT_FORMAT = "text"

BUILTIN_FORMATS: tuple[str, ...] = ("text", "concise", "json", "markdown", "html", "csv")
"""The report formats the engine's own writer plugins register."""

SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "text",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
}
"""Output suffixes (lower case) and the built-in format each one means."""


def format_help() -> str:
    """The ``--format`` help of ``assess``: the formats, and the suffixes that pick them."""
    by_format: dict[str, list[str]] = {}
    for suffix, name in SUFFIX_FORMATS.items():
        by_format.setdefault(name, []).append(suffix)
    suffixes = "; ".join(f"{'/'.join(s)} {name}" for name, s in by_format.items())
    return (
        f"report format: {', '.join(BUILTIN_FORMATS)} (default: {DEFAULT_FORMAT}), or one a "
        f"plugin registers; with -o FILE and no --format, FILE's suffix decides ({suffixes})"
    )


def output_suffix(output: str | None) -> str:
    """The lower-case suffix of an output file; empty for standard output or no suffix."""
    if output is None or output == "-":
        return ""
    return Path(output).suffix.lower()


def choose_writer(registry: Registry, name: str | None, output: str | None) -> ReportWriter:
    """The writer `name` (``--format``) names; else the one -o's suffix names; else text.

    Raises :class:`CommandError` for an unknown format name, and for a suffix
    no writer claims or several plugin writers claim.
    """
    writers = registry.writers
    if name is None:
        name = format_for_suffix(registry, output)
    writer = writers.get(name)
    if writer is None:
        raise CommandError(
            f"unknown report format {name!r}", hint=f"known formats: {', '.join(sorted(writers))}"
        )
    return writer


def format_for_suffix(registry: Registry, output: str | None) -> str:
    """The format the suffix of `output` names (text when there is no suffix)."""
    suffix = output_suffix(output)
    if not suffix:
        return DEFAULT_FORMAT
    builtin = SUFFIX_FORMATS.get(suffix)
    if builtin is not None and builtin in registry.writers:
        return builtin
    claims = sorted(w.name for w in registry.writers.values() if w.suffix.lower() == suffix)
    if len(claims) == 1:
        return claims[0]
    if claims:
        raise CommandError(
            f"{output}: the suffix {suffix!r} is claimed by the report formats {', '.join(claims)}",
            hint=f"choose one with --format, for example --format {claims[0]}",
        )
    raise CommandError(
        f"{output}: cannot tell the report format from the suffix {suffix!r}",
        hint=f"known suffixes: {', '.join(known_suffixes(registry))}; or choose a format "
        f"with --format ({', '.join(sorted(registry.writers))})",
    )


def known_suffixes(registry: Registry) -> list[str]:
    """Every suffix that picks a format: the built-in ones and those plugins registered."""
    suffixes = {s for s, name in SUFFIX_FORMATS.items() if name in registry.writers}
    suffixes.update(w.suffix.lower() for w in registry.writers.values() if w.suffix)
    return sorted(suffixes)
