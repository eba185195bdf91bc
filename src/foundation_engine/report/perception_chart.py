"""A chart per technique of the client's view, the provider's view and the records, as inline SVG.

Three bars on one 0-to-100 axis: each side's average answer (1 to 5, placed
as 1 at 0, 3 at 50 and 5 at 100, so the neutral answer sits on the engine's
neutral score) and what the records show. Each bar is labelled with its own
scale ("4.4 of 5", "35 of 100"), so nothing is read on the wrong one. A side
whose average was withheld gets no bar, only the words "too few responses".

Like the other charts: plain SVG with no scripts or external references, its
own text alternative (``<title>`` and ``<desc>``), a ``viewBox`` so it scales
to a phone and to print, bars told apart by pattern as well as colour (they
stay apart in greyscale print), and coordinates rounded so the same report
gives the same bytes.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from foundation_engine.report.perception_view import PerceptionRow

WIDTH = 360
LEFT, PLOT = 100, 180
ROW, BAR, TOP = 28, 18, 10
ROWS = 3
HEIGHT = TOP + ROW * ROWS + 34
CLIENT, PROVIDER, RECORDS = "#1b6ca8", "#b5512c", "#555555"


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def describe(row: PerceptionRow) -> str:
    """The chart as sentences, for screen readers and text-only readers."""
    parts = []
    for side in (row.client, row.provider):
        if side.shown:
            parts.append(f"{side.label} view {side.average} of 5")
        else:
            parts.append(f"{side.label} view: too few responses")
    parts.append(f"records: {row.records}")
    text = f"{row.title}. " + "; ".join(parts) + "."
    if row.verdict:
        text += f" {row.verdict[:1].upper()}{row.verdict[1:]}."
    return text


def perception_svg(row: PerceptionRow, *, id_prefix: str | None = None) -> Markup:
    """The chart of one technique's row as one ``<svg>`` element."""
    prefix = id_prefix or row.anchor
    title_id, desc_id, hatch = f"{prefix}-title", f"{prefix}-desc", f"{prefix}-hatch"

    def x(score: float) -> float:
        return LEFT + PLOT * max(0.0, min(score, 100.0)) / 100

    parts = [
        f'<svg class="perception-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(row.title)}: client view, provider view and records'
        "</title>",
        f'<desc id="{desc_id}">{escape(describe(row))}</desc>',
        f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6e0d6"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{PROVIDER}" stroke-width="3"/>'
        "</pattern></defs>",
    ]
    axis_y = TOP + ROW * ROWS
    for level in (0, 25, 50, 75, 100):
        dash = ' stroke-dasharray="3 3"' if level == 50 else ""
        parts.append(
            f'<line x1="{_num(x(level))}" y1="{TOP - 4}" x2="{_num(x(level))}" '
            f'y2="{axis_y}" stroke="#d9d9d9" stroke-width="1"{dash}/>'
            f'<text x="{_num(x(level))}" y="{axis_y + 14}" font-size="11" text-anchor="middle" '
            f'fill="#555">{level}</text>'
        )
    parts.append(
        f'<text x="{_num(x(50))}" y="{axis_y + 28}" font-size="10" text-anchor="middle" '
        'fill="#555">neutral</text>'
    )
    bars = (
        ("client", "Client view", row.client.on_100, f"{row.client.average} of 5", CLIENT, ""),
        (
            "provider",
            "Provider view",
            row.provider.on_100,
            f"{row.provider.average} of 5",
            f"url(#{hatch})",
            f' stroke="{PROVIDER}" stroke-width="1"',
        ),
        (
            "records",
            "Records",
            row.records_score,
            row.records,
            "#d4d4d4",
            f' stroke="{RECORDS}" stroke-width="1"',
        ),
    )
    for i, (kind, label, score, value, fill, stroke) in enumerate(bars):
        top = TOP + ROW * i
        mid = top + BAR / 2 + 4
        parts.append(
            f'<text x="{LEFT - 8}" y="{_num(mid)}" font-size="13" text-anchor="end" '
            f'fill="#222">{label}</text>'
        )
        if score is None:
            words = "too few responses" if kind != "records" else "no records"
            parts.append(
                f'<text class="pbar-missing pbar-{kind}" x="{LEFT + 4}" y="{_num(mid)}" '
                f'font-size="13" font-style="italic" fill="#555">{words}</text>'
            )
            continue
        width = max(x(score) - LEFT, 1.0)
        parts.append(
            f'<rect class="pbar pbar-{kind}" x="{LEFT}" y="{top}" width="{_num(width)}" '
            f'height="{BAR}" fill="{fill}"{stroke}/>'
            f'<text x="{_num(LEFT + width + 6)}" y="{_num(mid)}" font-size="13" '
            f'fill="#222">{escape(value)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
