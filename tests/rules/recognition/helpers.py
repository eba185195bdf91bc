"""What the tests of the recognition rule set share."""

from __future__ import annotations

import datetime as dt

MODULE = "foundation_engine.rules.recognition"


def every(days: int, first: str, last: str = "2026-01-05") -> list[dt.date]:
    """A date every `days` days from `first` up to `last`."""
    day, end, out = dt.date.fromisoformat(first), dt.date.fromisoformat(last), []
    while day <= end:
        out.append(day)
        day += dt.timedelta(days=days)
    return out
