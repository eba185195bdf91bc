"""Score history rebuilt from the records, and trends that do not mistake noise for change."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from foundation_engine import Engine, EngineConfig
from foundation_engine.errors import ValidationProblem
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.report.history import period_ends, verdict
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)


def test_period_ends_are_month_or_quarter_ends_then_the_last_day() -> None:
    first, last = dt.date(2026, 1, 15), dt.date(2026, 5, 20)
    assert period_ends(first, last, "monthly") == [
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
        dt.date(2026, 4, 30),
        last,
    ]
    assert period_ends(first, last, "quarterly") == [dt.date(2026, 3, 31), last]
    assert period_ends(last, last, "monthly") == [last]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([40, 44, 47, 52, 55, 60], "improving"),
        ([80, 76, 73, 70, 66, 61], "declining"),
        ([70, 76, 68, 75, 69, 74], "steady"),  # noise of ±4 around a flat line
        ([70, 70.4, 70.9, 71.3, 71.8, 72.2], "steady"),  # under a point a period
        ([60, 65], "unknown"),
        ([None, None, 50, None], "unknown"),
    ],
)
def test_a_trend_needs_a_slope_above_the_tolerance_and_its_own_noise(
    values: list[float | None], expected: str
) -> None:
    assert verdict(values)[0] == expected


def _getting_better() -> StateBuilder:
    """A year in which root causes, at first found a fortnight late, come on time."""
    b = StateBuilder(start="2025-01-06", as_of="2025-12-31")
    for month in range(1, 13):
        opened = dt.date(2025, month, 3)
        late = month <= 4
        found = opened + dt.timedelta(days=16 if late else 2)
        b.issue(
            f"I-{month}",
            opened,
            root_cause="A cause",
            root_cause_category=f"cause-{month}",
            root_cause_side="shared",
            root_cause_date=found,
        )
        b.corrective_action(f"A-{month}", found, issue_id=f"I-{month}", due=found)
    return b


def test_a_partnership_getting_steadily_better_shows_improving_and_a_rising_line(
    engine: Engine,
) -> None:
    history = engine.history(_getting_better().build(), "monthly", since="2025-05-01")
    improvement = next(t for t in history.techniques if t.technique == "improvement")
    assert improvement.verdict == "improving", improvement
    scores = [
        next(t.score for t in p.techniques if t.technique == "improvement") or 0.0
        for p in history.points
    ]
    rises = sum(b >= a for a, b in itertools.pairwise(scores))
    assert rises >= 0.75 * (len(scores) - 1)  # a rising line, allowing a dip
    assert scores[-1] - scores[0] >= 5
    assert improvement.since_previous is not None and improvement.since_previous >= 0


def test_each_point_is_the_assessment_as_of_its_day(engine: Engine) -> None:
    path = EXAMPLES / "struggling-partnership.json"
    history = engine.history(path, "quarterly")
    assert history.points[-1].as_of == dt.date(2026, 9, 30)
    for point in history.points[:-1]:
        report = engine.assess(path, as_of=point.as_of)
        assert (point.overall_score, point.rating) == (report.overall_score, report.rating)
    communication = next(t for t in history.techniques if t.technique == "communication")
    assert communication.verdict == "declining"
    assert history.overall.since_year_ago is not None and history.overall.since_year_ago < 0


def test_a_history_starting_after_its_end_is_refused(engine: Engine) -> None:
    with pytest.raises(ValidationProblem, match="since: 2027-01-01 is after the last day"):
        engine.history(EXAMPLES / "new-partnership.json", since="2027-01-01")
