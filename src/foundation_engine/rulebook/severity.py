"""How much a failed rule matters: the one definition of the severities and their order.

Members of :class:`Severity` compare by how severe they are
(``Severity.INFO < Severity.LOW < ... < Severity.CRITICAL``), also against a
word (``Severity.HIGH >= "medium"``), so ``max()`` and ``sorted()`` need no key.

It has a module of its own, importing nothing but :mod:`enum`, so that the
command line can offer the severities in ``--help`` without loading the
engine.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How much a failed rule matters, most severe first."""

    # Members compare by rank, not alphabetically: INFO < LOW < ... < CRITICAL,
    # and a word is read as a severity (Severity.HIGH >= "medium"). The class
    # docstring above is published in the JSON Schemas, so it stays short.

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for info up to 4 for critical."""
        return _RANKS[self]

    def __lt__(self, other: object) -> bool:
        return self.rank < _rank_of(other)

    def __le__(self, other: object) -> bool:
        return self.rank <= _rank_of(other)

    def __gt__(self, other: object) -> bool:
        return self.rank > _rank_of(other)

    def __ge__(self, other: object) -> bool:
        return self.rank >= _rank_of(other)


_RANKS: dict[Severity, int] = {s: rank for rank, s in enumerate(reversed(list(Severity)))}


def _rank_of(other: object) -> int:
    if isinstance(other, str):
        return _RANKS[Severity(other)]
    raise TypeError(f"cannot compare a severity with {type(other).__name__}")


SEVERITY_NAMES: tuple[str, ...] = tuple(s.value for s in Severity)
"""The severities as words, most severe first: ``critical``, ``high``, ... ``info``."""
