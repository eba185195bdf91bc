"""A line chart of scores over time, drawn as inline SVG.

Like the radar chart: plain SVG with no scripts or external references, its
own text alternative, coordinates rounded so the same history gives the same
bytes. The chart scales with its container (``viewBox`` and ``width: 100%``),
so it reads on a phone and in print; lines differ by dash pattern as well as
colour, so they stay apart in greyscale print. The lines are named in a legend
beside the chart (:func:`trend_legend`), text that wraps on a narrow screen
where labels drawn inside the chart would shrink with it.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from foundation_engine.report.history import History
from foundation_engine.report.view import format_delta

WIDTH = 520
HEIGHT = 270
LEFT, RIGHT, TOP, BOTTOM = 38, 14, 14, 32
COLOURS = ("#1b6ca8", "#b5512c", "#2f7d4f", "#7a4fa3", "#a0781c", "#444444", "#0f8a8a")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4")


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def describe(history: History, titles: dict[str, str]) -> str:
    """The chart as sentences, for screen readers and text-only readers."""
    parts = [
        f"{titles.get(t.technique or '', t.title)}: {t.verdict}"
        + (
            f", {format_delta(t.since_previous)} since the previous period"
            if t.since_previous
            else ""
        )
        for t in history.techniques
    ]
    first, last = history.points[0].as_of, history.points[-1].as_of
    return (
        f"Technique scores, {history.every}, from {first.isoformat()} to {last.isoformat()}. "
        + "; ".join(parts)
        + "."
    )


def trend_svg(history: History, titles: dict[str, str], *, id_prefix: str = "trend") -> Markup:
    """The technique scores of `history` over time as one ``<svg>`` element."""
    points = history.points
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(points)

    def x(i: int) -> float:
        return LEFT + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(score: float) -> float:
        return TOP + plot_h * (1 - score / 100)

    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    parts = [
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">Technique scores over time</title>',
        f'<desc id="{desc_id}">{escape(describe(history, titles))}</desc>',
    ]
    for level in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{LEFT}" y1="{_num(y(level))}" x2="{LEFT + plot_w}" '
            f'y2="{_num(y(level))}" stroke="#d9d9d9" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{_num(y(level) + 4)}" font-size="12" '
            f'text-anchor="end" fill="#555" class="tick">{level}</text>'
        )
    for i, point in enumerate(points):
        if count <= 8 or i in (0, count - 1) or i % max(1, count // 6) == 0:
            parts.append(
                f'<text x="{_num(x(i))}" y="{HEIGHT - 10}" font-size="12" '
                f'text-anchor="{"end" if i == count - 1 and count > 1 else "middle"}" '
                f'fill="#555" class="tick">{point.as_of.isoformat()[:7]}</text>'
            )
    for k, trend in enumerate(history.techniques):
        colour, dash = COLOURS[k % len(COLOURS)], DASHES[k % len(DASHES)]
        series = _series(history, trend.technique)
        segments: list[list[str]] = [[]]
        for i, score in enumerate(series):
            if score is None:
                segments.append([])
            else:
                segments[-1].append(f"{_num(x(i))},{_num(y(score))}")
        for segment in segments:
            if len(segment) > 1:
                dashing = f' stroke-dasharray="{dash}"' if dash else ""
                parts.append(
                    f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dashing}/>'
                )
            elif segment:
                cx, cy = segment[0].split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{colour}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _series(history: History, technique: str | None) -> list[float | None]:
    return [
        next((t.score for t in p.techniques if t.technique == technique), None)
        for p in history.points
    ]


def trend_legend(history: History, titles: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """Each line of the chart as (technique title, colour, dash pattern, latest score).

    The dash pattern is an SVG ``stroke-dasharray`` (empty for a solid line); the
    latest score is the last one the history has for the technique, as
    :func:`~foundation_engine.report.view.format_score` writes it.
    """
    from foundation_engine.report.view import format_score

    legend = []
    for k, trend in enumerate(history.techniques):
        last = next((s for s in reversed(_series(history, trend.technique)) if s is not None), None)
        legend.append(
            (
                titles.get(trend.technique or "", trend.title),
                COLOURS[k % len(COLOURS)],
                DASHES[k % len(DASHES)],
                format_score(last),
            )
        )
    return legend
