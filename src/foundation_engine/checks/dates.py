"""Date arithmetic the rules share: business days, gaps, rolling windows."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days after `start` up to and including `end` (0 if end <= start).

    Public holidays are not known to the engine and count as business days.
    """
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    weekday = start.weekday()
    for i in range(1, rest + 1):
        if (weekday + i) % 7 < 5:
            count += 1
    return count


def days_after(day: dt.date, days: int) -> dt.date:
    """`day` plus `days` days, or ``date.max`` (:attr:`Outcome.NEVER`) past the calendar's end.

    For a check's ``fails_from``: a limit of a million years is a day that never comes.
    """
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def silence_too_long_from(last: dt.date, max_days: int, lookback_days: int) -> dt.date:
    """The first day a silence since `last` runs over `max_days`, with nothing new recorded.

    For the gap checks, whose window of `lookback_days` moves with the day: earlier gaps
    only leave it, so the silence still running (since the latest record in the window,
    or the window's start) is the one that can grow too long; in a window no longer than
    the limit none ever can (``date.max``, :attr:`Outcome.NEVER`).
    """
    if lookback_days <= max_days:
        return dt.date.max
    return days_after(last, max_days + 1)


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The date `days` business days after `start`."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def largest_gap(
    dates: Iterable[dt.date], start: dt.date | None = None, end: dt.date | None = None
) -> tuple[int, dt.date | None, dt.date | None]:
    """The longest stretch in days between consecutive dates.

    `start` and `end`, when given, bound the span (the gap before the first date
    and after the last one count too). Returns the gap and the dates bounding it.
    """
    points: list[dt.date] = sorted(dates)
    if start is not None:
        points = [start, *(d for d in points if d >= start)]
    if end is not None:
        points = [*(d for d in points if d <= end), end]
    best, left, right = 0, None, None
    for a, b in itertools.pairwise(points):
        gap = (b - a).days
        if gap > best:
            best, left, right = gap, a, b
    return best, left, right


def rolling_windows(start: dt.date, end: dt.date, days: int) -> Sequence[tuple[dt.date, dt.date]]:
    """Consecutive windows of `days` days from `start`, the last one ending at or before `end`."""
    out: list[tuple[dt.date, dt.date]] = []
    cursor = start
    step = dt.timedelta(days=days)
    while cursor + step <= end + dt.timedelta(days=1):
        out.append((cursor, cursor + step - dt.timedelta(days=1)))
        cursor += step
    return out
