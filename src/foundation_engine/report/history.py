"""Score history rebuilt from the records: the points in time, and the trend of each score.

Every record in a state is dated, so the engine can say what it would have
said at each past month or quarter end (``Engine.history``). This module holds
the result's contract and the arithmetic of trends; it runs no rules.

A trend's verdict uses the least-squares slope of the last
:data:`TREND_PERIODS` points, in points per period. It is *improving* or
*declining* only when the slope is larger than :data:`SLOPE_TOLERANCE` and
than twice its own standard error, so noise around a flat line reads as
*steady*: a score that swings by a few points from month to month has a
large standard error, a score that climbs a little every month a small one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Every = Literal["monthly", "quarterly"]
Verdict = Literal["improving", "steady", "declining", "unknown"]

#: How many of the latest points a trend is judged on.
TREND_PERIODS = 6
#: A slope smaller than this, in points per period, is steady whatever its error.
SLOPE_TOLERANCE = 1.0


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TechniquePoint(_Out):
    technique: str
    score: float | None
    coverage: float


class HistoryPoint(_Out):
    """The assessment as it would have read on one day."""

    as_of: dt.date
    overall_score: float | None
    rating: str
    coverage: float
    techniques: list[TechniquePoint]


class Trend(_Out):
    """Which way one score is heading."""

    technique: str | None = Field(description="The technique, or null for the overall score.")
    title: str
    verdict: Verdict
    slope: float | None = Field(description="Least-squares slope, points per period.")
    since_previous: float | None = Field(description="Change since the previous period.")
    since_year_ago: float | None = Field(description="Change since a year before the last point.")


class History(_Out):
    """A partnership's scores at each period end, and their trends."""

    partnership_id: str
    every: Every
    points: list[HistoryPoint]
    overall: Trend
    techniques: list[Trend]


def period_ends(first: dt.date, last: dt.date, every: Every) -> list[dt.date]:
    """Month or quarter ends from `first` up to before `last`, then `last` itself."""
    step = 1 if every == "monthly" else 3
    year, month = first.year, first.month
    if every == "quarterly":
        month = (month - 1) // 3 * 3 + 3  # the last month of first's quarter
    ends: list[dt.date] = []
    while True:
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        if end >= last:
            break
        if end >= first:
            ends.append(end)
        month += step
        if month > 12:
            year, month = year + 1, month - 12
    ends.append(last)
    return ends


def slope_and_error(values: Sequence[float]) -> tuple[float, float]:
    """The least-squares slope of `values` over their positions, and its standard error."""
    n = len(values)
    mean_x = (n - 1) / 2
    mean_y = sum(values) / n
    sxx = sum((i - mean_x) ** 2 for i in range(n))
    slope = sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values)) / sxx
    if n < 3:
        return slope, 0.0
    residual = sum((v - (mean_y + slope * (i - mean_x))) ** 2 for i, v in enumerate(values))
    return slope, math.sqrt(residual / (n - 2) / sxx)


def verdict(values: Sequence[float | None]) -> tuple[Verdict, float | None]:
    """The trend of the latest :data:`TREND_PERIODS` values that are known."""
    known = [v for v in values[-TREND_PERIODS:] if v is not None]
    if len(known) < 3:
        return "unknown", None
    slope, error = slope_and_error(known)
    if abs(slope) <= max(SLOPE_TOLERANCE, 2 * error):
        return "steady", round(slope, 2)
    return ("improving" if slope > 0 else "declining"), round(slope, 2)


def trend(
    technique: str | None,
    title: str,
    days: Sequence[dt.date],
    values: Sequence[float | None],
) -> Trend:
    judged, slope = verdict(values)
    last = values[-1] if values else None
    previous = values[-2] if len(values) > 1 else None
    year_ago = None
    if days:
        target = days[-1] - dt.timedelta(days=365)
        earlier = [v for d, v in zip(days, values, strict=True) if d <= target]
        year_ago = earlier[-1] if earlier else None

    def change(before: float | None) -> float | None:
        return None if last is None or before is None else round(last - before, 1)

    return Trend(
        technique=technique,
        title=title,
        verdict=judged,
        slope=slope,
        since_previous=change(previous),
        since_year_ago=change(year_ago),
    )
