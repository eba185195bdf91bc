"""Errors written for people: what was wrong, where, and what was expected.

Every error the engine raises for bad input carries one or more
:class:`Problem` records; the command line prints them one per line as
``error: FILE:LINE: $.json.path: message`` and never shows a traceback
unless asked to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where it is."""

    message: str
    path: str | None = None
    """A JSON path such as ``$.communications[3].date``."""
    source: str | None = None
    """The file (or ``<stdin>``, ``<string>``) the input came from."""
    line: int | None = None
    column: int | None = None

    def location(self) -> str:
        parts: list[str] = []
        if self.source:
            parts.append(self.source if self.line is None else f"{self.source}:{self.line}")
        if self.path:
            parts.append(self.path)
        return ": ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message

    def to_dict(self) -> dict[str, object]:
        return {
            "message": self.message,
            "path": self.path,
            "source": self.source,
            "line": self.line,
        }


class FoundationError(Exception):
    """Base of every error foundation-engine raises on purpose."""

    kind = "error"

    def __init__(self, problems: Problem | str | Iterable[Problem]) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: Sequence[Problem] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def with_source(self, source: str) -> FoundationError:
        """The same error, with `source` filled in where a problem lacks one."""
        fixed = [
            p if p.source else Problem(p.message, p.path, source, p.line, p.column)
            for p in self.problems
        ]
        clone = type(self)(fixed)
        clone.kind = self.kind
        return clone


class InputError(FoundationError):
    """A state file that cannot be read, parsed or validated."""

    kind = "input"


class ParseError(InputError):
    """The bytes are not valid JSON or TOML."""

    kind = "parse"


class ValidationProblem(InputError):
    """The document does not match the state schema."""

    kind = "validation"


class ReferenceProblem(InputError):
    """An id is duplicated, or a reference points at no record."""

    kind = "reference"


class LimitExceeded(InputError):
    """An input is larger or deeper than the configured limits allow."""

    kind = "limit"


class RuleDefinitionError(FoundationError):
    """A declarative rule file is invalid."""

    kind = "rule"


class ConfigError(FoundationError):
    """The configuration is invalid."""

    kind = "config"


class PluginError(FoundationError):
    """A plugin failed to load or registered something invalid."""

    kind = "plugin"


def json_path(loc: Iterable[str | int]) -> str:
    """Render a location tuple as a JSON path: ``('a', 3, 'b')`` -> ``$.a[3].b``."""
    out = "$"
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}"
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            out += f"['{escaped}']"
    return out
