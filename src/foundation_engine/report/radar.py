"""A radar (spider) chart of technique scores, drawn as inline SVG.

The chart is plain SVG markup with no scripts, fonts or external references,
so an HTML report that embeds it still opens offline and prints. It carries
its own text alternative (``<title>`` and ``<desc>`` named by
``aria-labelledby``); reports show the same numbers in a table beside it.
Coordinates are rounded to two decimals so the same scores always give the
same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from foundation_engine.report.view import format_score

# Proportioned for a phone as much as a desktop: the labels take a large share of the
# width, so that when the chart shrinks to a 390-pixel screen they stay about 11 pixels
# high (the stylesheet caps the chart's width on wide screens).
WIDTH = 440
HEIGHT = 380
RADIUS = 100.0
RINGS = (25, 50, 75, 100)
LABEL_CHARS = 13
LABEL_GAP = 16
LINE_HEIGHT = 16


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _wrap(label: str, width: int = LABEL_CHARS) -> list[str]:
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _point(cx: float, cy: float, angle: float, r: float) -> tuple[float, float]:
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def describe(points: Sequence[tuple[str, float | None]], scale_max: float = 100) -> str:
    """The chart as one sentence, for screen readers and text-only readers."""
    if not points:
        return "No technique scores."
    parts = [
        f"{label}: {'no data' if score is None else f'{format_score(score)} of {scale_max:.0f}'}"
        for label, score in points
    ]
    return "Scores by technique. " + "; ".join(parts) + "."


def radar_svg(
    points: Sequence[tuple[str, float | None]],
    *,
    title: str = "Technique scores",
    id_prefix: str = "radar",
    scale_max: float = 100.0,
) -> Markup:
    """An SVG radar chart of `points` (label, score on 0..`scale_max`, or None for no data).

    Labels and the title are escaped here; the result is safe to embed in HTML
    as is. Axes run clockwise from the top in the order given.
    """
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    out: list[str] = [
        f'<svg class="radar" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(describe(points, scale_max))}</desc>',
    ]
    cx, cy = WIDTH / 2, HEIGHT / 2
    n = len(points)
    if n == 0:
        out.append(
            f'<text x="{_num(cx)}" y="{_num(cy)}" text-anchor="middle" class="radar-empty">'
            "No technique scores yet</text></svg>"
        )
        return Markup("".join(out))

    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]

    # The web: one polygon per ring, then the spokes.
    out.append('<g class="radar-grid" aria-hidden="true">')
    for ring in RINGS:
        r = RADIUS * ring / 100
        if n >= 3:
            corners = " ".join(
                f"{_num(x)},{_num(y)}" for x, y in (_point(cx, cy, a, r) for a in angles)
            )
            out.append(f'<polygon points="{corners}" class="ring ring-{ring}"/>')
        else:
            out.append(
                f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(r)}" class="ring ring-{ring}"/>'
            )
    for a in angles:
        x, y = _point(cx, cy, a, RADIUS)
        out.append(
            f'<line x1="{_num(cx)}" y1="{_num(cy)}" x2="{_num(x)}" y2="{_num(y)}" class="spoke"/>'
        )
    # Ring values along the bisector of the first two spokes, clear of points and labels.
    between = angles[0] + (math.pi / n if n > 1 else math.pi / 4)
    for ring in RINGS[1:]:
        x, y = _point(cx, cy, between, RADIUS * ring / 100)
        out.append(
            f'<text x="{_num(x)}" y="{_num(y + 3)}" text-anchor="middle" class="ring-label">'
            f"{_num(scale_max * ring / 100)}</text>"
        )
    out.append("</g>")

    # The scores.
    plotted = [
        _point(cx, cy, a, RADIUS * max(0.0, min(score or 0.0, scale_max)) / scale_max)
        for a, (_, score) in zip(angles, points, strict=True)
    ]
    if n >= 2:
        shape = " ".join(f"{_num(x)},{_num(y)}" for x, y in plotted)
        element = "polygon" if n >= 3 else "polyline"
        out.append(f'<{element} points="{shape}" class="radar-area" aria-hidden="true"/>')
    out.append('<g class="radar-points" aria-hidden="true">')
    for (x, y), (_, score) in zip(plotted, points, strict=True):
        kind = "point-missing" if score is None else "point"
        out.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="5" class="{kind}"/>')
    out.append("</g>")

    # Labels outside the web: the technique, then its score.
    out.append('<g class="radar-labels" aria-hidden="true">')
    for a, (label, score) in zip(angles, points, strict=True):
        x, y = _point(cx, cy, a, RADIUS + LABEL_GAP)
        cos, sin = math.cos(a), math.sin(a)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        lines = _wrap(label)
        line_height = LINE_HEIGHT
        block = (len(lines) + 1) * line_height
        top = y - block + line_height if sin < -0.3 else y + 12 if sin > 0.3 else y - block / 2 + 11
        out.append(
            f'<text x="{_num(x)}" y="{_num(top)}" text-anchor="{anchor}" class="axis-label">'
        )
        for i, line in enumerate(lines):
            dy = "0" if i == 0 else str(line_height)
            out.append(f'<tspan x="{_num(x)}" dy="{dy}">{escape(line)}</tspan>')
        value = format_score(score)
        out.append(
            f'<tspan x="{_num(x)}" dy="{line_height + 2}" class="axis-score">'
            f"{escape(value)}</tspan>"
        )
        out.append("</text>")
    out.append("</g></svg>")
    return Markup("".join(out))
