"""What a calibration story is: a partnership's records and the verdict they deserve.

A :class:`Story` builds the state a client and provider would have recorded
and says, through its :class:`Expectation`, what an RPO governance lead who
reads the domain reference would sign: the overall rating, the techniques
that must be flagged and those the records show to be healthy.

A :class:`Probe` is a healthy story with one small lapse. It says how far the
overall score may fall because of that lapse, and implies that no finding of
high or critical severity may fail.

A technique counts as *flagged* when it has at least one failed, unwaived
finding of severity medium, high or critical, or when its technique score is
below 65.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: The six techniques of the partnership foundation.
TECHNIQUES = frozenset(
    {"purpose", "communication", "metrics", "recognition", "improvement", "urgency"}
)
#: Overall ratings a story may allow.
RATINGS = frozenset({"strong", "sound", "fragile", "at_risk", "insufficient_data"})

#: A function that returns a fresh state document each time it is called.
Build = Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class Expectation:
    """The governance lead's verdict on one story."""

    ratings: frozenset[str]
    """Overall ratings the lead would accept."""
    flagged: frozenset[str]
    """Techniques the lead must see flagged."""
    not_flagged: frozenset[str]
    """Techniques the records show to be healthy: they must not be flagged."""
    why: str
    """The lead's reading, in one or two sentences."""


@dataclass(frozen=True)
class Story:
    """A realistic partnership and the verdict it deserves."""

    id: str
    title: str
    narrative: str
    build: Build
    expect: Expectation


@dataclass(frozen=True)
class Probe:
    """A healthy story with one small lapse.

    The overall score may fall by at most `max_drop` points against the story
    named by `base`, and no finding of severity high or critical may fail.
    """

    id: str
    title: str
    base: str
    build: Build
    max_drop: float = 3.0


def expect(
    ratings: set[str] | frozenset[str],
    *,
    flagged: set[str] | frozenset[str] = frozenset(),
    not_flagged: set[str] | frozenset[str] = frozenset(),
    why: str,
) -> Expectation:
    """An :class:`Expectation` from plain sets (a shorthand for story modules)."""
    return Expectation(frozenset(ratings), frozenset(flagged), frozenset(not_flagged), why)


def all_but(*techniques: str) -> frozenset[str]:
    """Every technique except those named."""
    return TECHNIQUES - frozenset(techniques)
