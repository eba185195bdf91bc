"""The radar chart: geometry, text alternative, escaping, determinism."""

from __future__ import annotations

import re

from foundation_engine.report.radar import RADIUS, describe, radar_svg

SIX = [
    ("Purpose", 100.0),
    ("Communication", 50.0),
    ("Metrics", 0.0),
    ("Recognition", 25.0),
    ("Improvement", None),
    ("Urgency", 75.0),
]


def area_points(svg: str) -> list[tuple[float, float]]:
    match = re.search(r'<polygon points="([^"]+)" class="radar-area"', svg)
    assert match is not None
    return [tuple(map(float, p.split(","))) for p in match.group(1).split()]  # type: ignore[misc]


def test_each_score_is_plotted_at_its_distance_from_the_centre() -> None:
    svg = str(radar_svg(SIX))
    view = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    assert view is not None
    cx, cy = int(view.group(1)) / 2, int(view.group(2)) / 2
    points = area_points(svg)
    assert len(points) == 6
    distances = [((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 for x, y in points]
    expected = [RADIUS, RADIUS / 2, 0, RADIUS / 4, 0, RADIUS * 0.75]
    for got, want in zip(distances, expected, strict=True):
        assert abs(got - want) < 0.02
    # The first axis points straight up.
    assert abs(points[0][0] - cx) < 0.01 and points[0][1] < cy


def test_missing_scores_are_marked_and_described() -> None:
    svg = str(radar_svg(SIX))
    assert svg.count('class="point-missing"') == 1
    assert "Improvement: no data" in describe(SIX)
    assert "Communication: 50.0 of 100" in svg


def test_labels_and_title_are_escaped() -> None:
    svg = str(radar_svg([("<b>x</b>", 10.0), ("a & b", 20.0), ("c", 30.0)], title="<t>"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert "a &amp; b" in svg
    assert '<title id="radar-title">&lt;t&gt;</title>' in svg


def test_chart_has_no_external_references_or_scripts() -> None:
    svg = str(radar_svg(SIX))
    assert "http" not in svg and "<script" not in svg and "href" not in svg


def test_fewer_than_three_axes_and_none_still_render() -> None:
    assert "radar-area" in str(radar_svg([("A", 50.0), ("B", 60.0)]))
    assert "No technique scores yet" in str(radar_svg([]))


def test_same_scores_give_the_same_bytes() -> None:
    assert radar_svg(SIX) == radar_svg(list(SIX))
