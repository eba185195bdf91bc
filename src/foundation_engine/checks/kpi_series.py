"""Reading KPIs over time: which are on the scorecard, targets met, first hits, falling trends.

The metrics and recognition rule sets both need to know when a KPI met its
target and which way a series is heading. This module answers those questions
from the state alone, as of a given date; it holds no hooks and no verdicts.

Observations are sorted by ``period_end`` here, but each keeps the index it
has in the state so evidence pointers (``/metrics/2/observations/5``) name the
record the user wrote.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from foundation_engine.checks import CheckContext
from foundation_engine.state.model import Metric
from foundation_engine.state.vocabulary import Direction


@dataclass(frozen=True)
class Reading:
    """One observation of a metric, with its place in the state."""

    index: int
    period_end: dt.date
    value: float

    def pointer(self, metric_index: int) -> str:
        return f"/metrics/{metric_index}/observations/{self.index}"


def on_scorecard(metric: Metric, as_of: dt.date) -> bool:
    """Whether a metric is a primary KPI in force on `as_of` (adopted, not yet retired)."""
    if not metric.primary:
        return False
    if metric.adopted is not None and metric.adopted > as_of:
        return False
    return metric.retired is None or metric.retired > as_of


def in_force(metric: Metric, as_of: dt.date) -> bool:
    """Whether a metric, primary or not, is tracked on `as_of`."""
    if metric.adopted is not None and metric.adopted > as_of:
        return False
    return metric.retired is None or metric.retired > as_of


def scorecard(metrics: Sequence[Metric], as_of: dt.date) -> list[tuple[int, Metric]]:
    """``(index, metric)`` of every primary KPI in force on `as_of`, in state order."""
    return [(i, m) for i, m in enumerate(metrics) if on_scorecard(m, as_of)]


def readings(metric: Metric, as_of: dt.date, since: dt.date | None = None) -> list[Reading]:
    """The metric's observations up to `as_of` (and from `since`), oldest first."""
    out = [
        Reading(i, o.period_end, o.value)
        for i, o in enumerate(metric.observations)
        if o.period_end <= as_of and (since is None or o.period_end >= since)
    ]
    # A stable sort keeps the state's order for two readings of the same period.
    return sorted(out, key=lambda r: r.period_end)


def history(context: CheckContext, metric: Metric) -> Sequence[Reading]:
    """``readings(metric, context.as_of)``, sorted once per state and shared.

    Several rules of the metrics, recognition, improvement and urgency rule
    sets read the same series, on the assessment day and on the days what
    falls due next looks at: every reading is sorted once, by the first rule
    to ask, and each day takes the readings up to its ``as_of``. Read-only.
    """
    kept: tuple[Metric, tuple[Reading, ...], list[dt.date]] = context.memo_of_records(
        ("kpi_series.history", id(metric)), lambda: _sorted_series(metric)
    )
    if kept[0] is not metric:  # a metric from another state than the context's
        return readings(metric, context.as_of)
    series, ends = kept[1], kept[2]
    cut = bisect_right(ends, context.as_of)
    return series if cut == len(series) else series[:cut]


def _sorted_series(metric: Metric) -> tuple[Metric, tuple[Reading, ...], list[dt.date]]:
    """The metric, every reading of it oldest first, and their period ends (for bisection)."""
    series = tuple(readings(metric, dt.date.max))
    return metric, series, [r.period_end for r in series]


def meets_target(value: float, target: float, direction: Direction) -> bool:
    """Whether `value` is at least as good as `target`, given which way is better."""
    return value <= target if direction is Direction.LOWER else value >= target


def has_target(metric: Metric) -> bool:
    """A target can only be judged when the metric says which way is better."""
    return metric.target is not None and metric.direction is not None


def target_met(metric: Metric, reading: Reading) -> bool:
    """Whether one reading meets the metric's target (False when it has none)."""
    if metric.target is None or metric.direction is None:
        return False
    return meets_target(reading.value, metric.target, metric.direction)


def first_target_hit(
    metric: Metric,
    as_of: dt.date,
    since: dt.date | None = None,
    *,
    context: CheckContext | None = None,
) -> Reading | None:
    """The earliest reading up to `as_of` (and from `since`) that meets the metric's target.

    With a `context` whose ``as_of`` is `as_of`, the series comes from :func:`history`.
    """
    target, direction = metric.target, metric.direction
    if target is None or direction is None:
        return None
    if context is not None and context.as_of == as_of:
        series: Sequence[Reading] = history(context, metric)
    else:
        series = readings(metric, as_of)
    lower = direction is Direction.LOWER
    for reading in series:
        if since is not None and reading.period_end < since:
            continue
        if (reading.value <= target) if lower else (reading.value >= target):
            return reading
    return None


def falling(values: Sequence[float], periods: int) -> bool:
    """Whether the last `periods` values never rise and end lower than they began.

    Two or more readings are needed; fewer than `periods` readings are never a
    trend. A single dip followed by a recovery is not falling.
    """
    if periods < 2 or len(values) < periods:
        return False
    window = list(values[-periods:])
    steady_or_down = all(b <= a for a, b in pairwise(window))
    return steady_or_down and window[-1] < window[0]
