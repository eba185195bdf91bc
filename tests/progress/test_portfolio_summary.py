"""The portfolio summary's figures from counted scores: equal to the figures over every
score written out, in memory bounded by the distinct scores, not by the portfolio."""

from __future__ import annotations

import random
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter

import pytest

from foundation_engine.batch.summary import PortfolioSummary, RecordFacts, distribution
from foundation_engine.progress.benchmark import PeerGroup, percentile_rank, tenths


def _written_out(values: list[float]) -> dict[str, float | int | None]:
    """The figures as statistics gives them over the scores one by one."""
    ordered = sorted(values)
    if len(ordered) == 1:
        q1 = median = q3 = ordered[0]
    else:
        q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return {
        "count": len(ordered),
        "mean": round(statistics.fmean(ordered), 2),
        "min": round(ordered[0], 2),
        "q1": round(q1, 2),
        "median": round(median, 2),
        "q3": round(q3, 2),
        "max": round(ordered[-1], 2),
    }


def _portfolios() -> list[list[float]]:
    generator = random.Random(20261202)
    portfolios: list[list[float]] = [[0.0], [100.0], [37.5, 37.5], [0.1, 99.9, 50.0]]
    for _ in range(400):
        size = generator.choice([2, 3, 4, 5, 7, 10, 33, 250])
        distinct = generator.choice([1, 2, 5, 50, 1001])
        choices = [round(generator.uniform(0, 100), 1) for _ in range(distinct)]
        portfolios.append([generator.choice(choices) for _ in range(size)])
    return portfolios


@pytest.mark.parametrize("values", _portfolios())
def test_counted_figures_equal_the_figures_over_every_score(values: list[float]) -> None:
    assert distribution(Counter(values)) == _written_out(values)


def test_no_scores_give_no_figures() -> None:
    assert distribution(Counter()) == {
        "count": 0,
        "mean": None,
        "min": None,
        "q1": None,
        "median": None,
        "q3": None,
        "max": None,
    }


def _old_percentile(values: list[float], score: float) -> int:
    """The percentile over every peer score kept one by one, sorted."""
    ordered = sorted(tenths(v) for v in values)
    at = tenths(score)
    below = bisect_left(ordered, at)
    return percentile_rank(below, bisect_right(ordered, at) - below, len(ordered))


@pytest.mark.parametrize("values", _portfolios()[:120])
def test_a_group_of_counts_places_a_score_as_the_full_list_does(values: list[float]) -> None:
    group = PeerGroup.of(values)
    assert group.size == len(values)
    for score in {*values, 0.0, 100.0, 49.95, 50.04, values[0] + 0.1}:
        assert group.percentile(score) == _old_percentile(values, score)
    assert group.histogram() == [
        [t / 10, n] for t, n in sorted(Counter(map(tenths, values)).items())
    ]


def test_a_peer_group_refuses_an_inconsistent_histogram() -> None:
    with pytest.raises(ValueError, match="one count for each score"):
        PeerGroup((1, 2), (1,))
    with pytest.raises(ValueError, match="distinct and ascending"):
        PeerGroup((2, 1), (1, 1))
    with pytest.raises(ValueError, match="1 or more"):
        PeerGroup((1,), (0,))


def test_the_summary_keeps_one_entry_per_distinct_score_however_many_records() -> None:
    summary = PortfolioSummary(keep_rows=False)
    generator = random.Random(7)
    records = 60_000
    for _ in range(records):
        summary.add(
            RecordFacts(
                ok=True,
                overall=round(generator.uniform(0, 100), 1),
                rating="developing",
                techniques=(("communication", float(generator.randrange(0, 101))),),
            )
        )
    assert summary.records == records
    assert sum(summary.overall.values()) == records
    assert len(summary.overall) <= 1001
    assert len(summary.techniques["communication"]) <= 101
    document = summary.to_dict()
    assert document["overall"]["count"] == records
    assert document["benchmark"]["overall"]["partnerships"] == records
    assert sum(n for _, n in document["benchmark"]["overall"]["scores"]) == records
    assert document["percentiles"] == []  # rows are kept only for --summary
