"""The report's "Where you see it differently" section as a reader sees it, in any format.

Turns a report's :class:`~foundation_engine.report.perception.Perception` into
words and numbers ready to print: each side's view, the gap, what the records
show, the perception rules' verdicts, the movement since the previous wave,
the statements and the comments. A side whose average was withheld reads
"too few responses" everywhere; no figure for it is made here. Text from the
state (statement wording, comments, names) passes through
:func:`~foundation_engine.report.view.plain`; each writer adds its own escaping.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from foundation_engine.report.model import Report
from foundation_engine.report.perception import QUADRANTS, SideFigure, TechniquePerception
from foundation_engine.report.view import anchor, format_date, plain
from foundation_engine.state.instrument import scale_to_100

TOO_FEW = "too few responses"

SIDE_LABELS = {"client": "Client", "provider": "Provider", "both": "Both sides"}


def format_average(average: float | None) -> str:
    """An average answer as messages show it (``4.4``, ``4.42``), or "too few responses"."""
    if average is None:
        return TOO_FEW
    return f"{average:.2f}".rstrip("0").rstrip(".")


def format_change(change: float) -> str:
    """A change in points with its sign: ``+0.3``, ``-1.25``, ``±0``."""
    if change == 0:
        return "±0"
    return ("+" if change > 0 else "-") + format_average(abs(change))


@dataclass(frozen=True)
class SideLine:
    """One side's view: its label, its average (or "too few responses") and who answered."""

    label: str
    average: str
    respondents: int
    shown: bool
    on_100: float | None
    """The average on the 0-100 scale the records use, for charts; None when withheld."""


@dataclass(frozen=True)
class StatementLine:
    text: str
    standard: bool
    client: str
    provider: str
    gap: str


@dataclass(frozen=True)
class CommentLine:
    side: str
    statement: str
    text: str


@dataclass(frozen=True)
class PerceptionRow:
    """One technique: both views, the records, the verdicts, movement, statements, comments."""

    technique: str
    title: str
    anchor: str
    client: SideLine
    provider: SideLine
    gap: str
    records: str
    records_score: float | None
    verdict: str
    """``blind spot for the provider; the views are 1.9 apart (over the limit)``, or empty."""
    quadrants: list[tuple[str, str]]
    """(side label, quadrant in words), client, provider, both sides."""
    rules: list[str]
    change: str
    statements: list[StatementLine]
    comments: list[CommentLine]
    withheld: str
    note: str


@dataclass(frozen=True)
class PerceptionView:
    heading: str
    wave: str
    """``2026 Q2 pulse, closed 19 June 2026``, or empty before any wave."""
    respondents: str
    threshold: str
    waves: list[str]
    rows: list[PerceptionRow]


HEADING = "Where you see it differently"


def _side(label: str, figure: SideFigure) -> SideLine:
    return SideLine(
        label=label,
        average=format_average(figure.average),
        respondents=figure.respondents,
        shown=figure.average is not None,
        on_100=None if figure.average is None else round(scale_to_100(figure.average), 1),
    )


def _verdict(t: TechniquePerception) -> str:
    parts = []
    if t.quadrants:
        blind = [
            SIDE_LABELS[s].lower()
            for s in ("client", "provider")
            if t.quadrants.get(s) == "blind_spot"
        ]
        if len(blind) == 2:
            parts.append("blind spot for both sides")
        elif blind:
            parts.append(f"blind spot for the {blind[0]}")
    if t.gap_flagged and t.gap is not None:
        parts.append(f"the views are {format_average(t.gap)} apart, over the limit")
    return "; ".join(parts)


def _change(t: TechniquePerception) -> str:
    if not t.change or len(t.waves) < 2:
        return ""
    before = t.waves[-2].date
    moved = ", ".join(
        f"{SIDE_LABELS[side].lower()} {format_change(points)}"
        for side, points in sorted(t.change.items())
    )
    return f"{moved} since {format_date(before)}"


def _row(t: TechniquePerception, least: int) -> PerceptionRow:
    withheld = ""
    if t.withheld_comments:
        count = t.withheld_comments
        withheld = (
            f"{count} comment{'s' if count != 1 else ''} not shown: too few of that side "
            f"answered the statement (at least {least} needed)."
        )
    quadrants = [
        (SIDE_LABELS[side], QUADRANTS[t.quadrants[side]])
        for side in ("client", "provider", "both")
        if t.quadrants and side in t.quadrants
    ]
    return PerceptionRow(
        technique=t.technique,
        title=plain(t.title),
        anchor=anchor("perception", t.technique),
        client=_side("Client", t.client),
        provider=_side("Provider", t.provider),
        gap="" if t.gap is None else format_average(t.gap),
        records="no records" if t.records is None else f"{format_average(t.records)} of 100",
        records_score=t.records,
        verdict=_verdict(t),
        quadrants=quadrants,
        rules=[plain(r) for r in t.verdicts],
        change=_change(t),
        statements=[
            StatementLine(
                text=plain(s.text),
                standard=s.standard,
                client=format_average(s.client.average),
                provider=format_average(s.provider.average),
                gap="" if s.gap is None else format_average(s.gap),
            )
            for s in t.statements
        ],
        comments=[
            CommentLine(SIDE_LABELS[c.party.value], plain(c.statement), plain(c.text))
            for c in t.comments
        ],
        withheld=withheld,
        note=plain(t.note or ""),
    )


def _wave_name(date: dt.date, name: str | None) -> str:
    closed = f"closed {format_date(date)}"
    return f"{plain(name)}, {closed}" if name else closed


def perception_view(report: Report) -> PerceptionView | None:
    """The section of `report` ready to print; None when the report carries no pulse."""
    p = report.perception
    if p is None:
        return None
    latest = p.waves[-1] if p.waves else None
    respondents = ""
    if latest is not None:
        respondents = (
            f"{latest.respondents.get('client', 0)} from the client and "
            f"{latest.respondents.get('provider', 0)} from the provider answered"
        )
    return PerceptionView(
        heading=HEADING,
        wave="" if latest is None else _wave_name(latest.date, latest.name),
        respondents=respondents,
        threshold=(
            f"A side's average is shown only when at least {p.min_respondents} of its people "
            "answered; below that the report says too few responses."
        ),
        waves=[
            f"{plain(w.name)} ({format_date(w.date)})" if w.name else format_date(w.date)
            for w in p.waves
        ],
        rows=[_row(t, p.min_respondents) for t in p.techniques],
    )
