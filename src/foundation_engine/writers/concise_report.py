"""Built-in plugin: the concise report (``--format concise``, ``assess --summary-only``).

What fits on a screen or in a chat message: the overall score, one line per
technique (score, rating, coverage) and the top fixes by the points they
restore, with a count of what else is open. The full text report is
``--format text``. Everything that came from a state or a rule pack passes
through :func:`~foundation_engine.writers.text_report.printable`, as in the
text report. The output depends only on the report.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from foundation_engine.plugin.hookspecs import hookimpl
from foundation_engine.writers.text_report import printable

if TYPE_CHECKING:
    from foundation_engine.report.model import Report, TechniqueScore

WIDTH = 88
TOP_FIXES = 5
"""How many fixes the concise report lists."""

_WHO = {"client": "the client", "provider": "the provider", "both": "both parties"}


def render_concise(report: Report) -> str:
    """The report in a screenful: techniques and the top fixes, with a trailing newline."""
    lines = [
        f"{printable(report.partnership_name)} ({printable(report.partnership_id)}), "
        f"as of {report.as_of.isoformat()}",
        f"Overall: {_score(report.overall_score).strip()} / 100, rated "
        f"{_words(report.rating)}, coverage {_pct(report.coverage)}",
    ]
    for cap in report.caps:
        lines += _wrap(f"Capped at {_words(cap.at_most)}: {cap.reason}", "  ", "    ")

    applying = [t for t in report.techniques if t.applicable]
    width = max((len(printable(t.title)) for t in applying), default=len("Techniques"))
    lines += ["", f"{'Techniques':<{width + 2}}  Score  {'Rating':<10}  Coverage"]
    if not applying:
        lines.append("  (no rule ran)")
    for t in applying:
        lines.append(
            f"  {printable(t.title):<{width}}  {_score(t.score)}  "
            f"{_technique_rating(report, t):<10}  {_pct(t.coverage):>8}"
        )

    failed = report.failed()
    fixes = [f for f in report.top_fixes(TOP_FIXES) if (f.points_at_stake or 0) > 0]
    lines += ["", f"Top fixes by impact ({_open_counts(report)})"]
    if not failed:
        lines.append("  Nothing to fix.")
    elif not fixes:
        lines.append("  None of the open findings weighs on the score.")
    for f in fixes:
        points = "+" + format(f.points_at_stake or 0.0, ".1f")
        lines += _wrap(
            f"{points:>5}  {f.severity.value:<8}  {f.rule_id} {f.title} "
            f"({_WHO.get(f.owner.value, f.owner.value)})",
            "  ",
            " " * 19,
        )
    rest = len(failed) - len(fixes)
    if rest > 0:
        lines.append(f"  and {rest} more; the full report lists them: --format text")
    return "\n".join(lines) + "\n"


def _open_counts(report: Report) -> str:
    failed = report.failed()
    if not failed:
        return "none open"
    counts: dict[str, int] = {}
    for f in sorted(failed, key=lambda f: f.severity, reverse=True):
        counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
    by_severity = ", ".join(f"{n} {name}" for name, n in counts.items())
    return f"{len(failed)} open: {by_severity}"


def _technique_rating(report: Report, technique: TechniqueScore) -> str:
    """The rating band a technique's score falls in, by the report's own bands."""
    if technique.score is None:
        return "n/a"
    from foundation_engine.core.config import RatingBand
    from foundation_engine.core.scoring import rating

    bands = report.scoring.rating_bands if report.scoring is not None else []
    if not bands:
        return ""
    return _words(rating(technique.score, [RatingBand.model_validate(b) for b in bands]))


def _words(name: object) -> str:
    return printable(str(getattr(name, "value", name)).replace("_", " "))


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _score(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.1f}"


def _wrap(text: str, indent: str, hanging: str) -> list[str]:
    return textwrap.wrap(
        printable(text),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=hanging,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


@hookimpl
def register_report_writers(register: Callable[..., None]) -> None:
    register("concise", render_concise, media_type="text/plain", suffix=".txt")
