"""Scoring: rule outcomes to rule scores, rule scores to technique and overall scores.

Kept apart from gathering evidence (checks) and judging (the engine), so the
arithmetic can be read and tested on its own.

- A rule scores 1 when it passes and 0 when it fails, or, with graded scoring,
  between 0 and 1 by where its measured value lies between a good and a poor
  control point.
- A technique scores 0-100: the weighted mean of its rules that had data.
  Not-applicable and error findings never count as passes: they leave the
  score and lower the coverage instead.
- Coverage is the share of rule weight that had data.
- Overall is the weighted mean of the technique scores; its coverage is the
  weighted mean of theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from foundation_engine.checks.outcome import Status
from foundation_engine.core.config import RatingBand
from foundation_engine.rulebook.model import Scoring


def rule_score(
    status: Status, value: Any, scoring: Scoring, options: Mapping[str, Any]
) -> float | None:
    """The 0-1 score of one outcome; None when it has no data."""
    if status is Status.PASSED:
        return 1.0
    if status is not Status.FAILED:
        return None
    if scoring.method == "binary" or not _is_number(value):
        return 0.0
    good = _control_point(scoring.good, scoring.good_option, options)
    poor = _control_point(scoring.poor, scoring.poor_option, options)
    if good is None or poor is None or good == poor:
        return 0.0
    fraction = (float(value) - poor) / (good - poor)
    # A failed outcome never earns full marks, however close it came.
    return round(min(fraction, 0.99), 4) if fraction > 0 else 0.0


def _control_point(
    fixed: float | None, option: str | None, options: Mapping[str, Any]
) -> float | None:
    if option is not None:
        picked = options.get(option)
        return float(picked) if isinstance(picked, int | float) else None
    return fixed


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class Scored:
    """What scoring needs to know of one finding."""

    status: Status
    score: float | None
    weight: float
    waived: bool


@dataclass(frozen=True)
class Aggregate:
    score: float | None
    unwaived_score: float | None
    coverage: float


def aggregate(findings: Iterable[Scored]) -> Aggregate:
    """Combine one technique's findings into a 0-100 score and a 0-1 coverage."""
    total_weight = 0.0
    data_weight = 0.0
    num = den = 0.0
    raw_num = raw_den = 0.0
    for f in findings:
        if f.weight <= 0:
            continue
        total_weight += f.weight
        if f.score is None:
            continue
        data_weight += f.weight
        raw_num += f.weight * f.score
        raw_den += f.weight
        if not f.waived:
            num += f.weight * f.score
            den += f.weight
    return Aggregate(
        score=round(100 * num / den, 1) if den else None,
        unwaived_score=round(100 * raw_num / raw_den, 1) if raw_den else None,
        coverage=round(data_weight / total_weight, 3) if total_weight else 0.0,
    )


def weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    """Mean of the non-null values, weighted; None when none has a value."""
    num = den = 0.0
    for value, weight in pairs:
        if value is None or weight <= 0:
            continue
        num += value * weight
        den += weight
    return round(num / den, 1) if den else None


def coverage_mean(pairs: Iterable[tuple[float, float]]) -> float:
    num = den = 0.0
    for value, weight in pairs:
        if weight <= 0:
            continue
        num += value * weight
        den += weight
    return round(num / den, 3) if den else 0.0


def rating(score: float | None, bands: Sequence[RatingBand]) -> str:
    """The name of the highest band whose minimum `score` reaches."""
    if score is None:
        return "insufficient_data"
    for band in sorted(bands, key=lambda b: b.min_score, reverse=True):
        if score >= band.min_score:
            return band.name
    return "unrated"
