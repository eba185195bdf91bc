"""Built-in plugin: the plain-text report writer (``--format text``, the default).

A summary a person reads in a terminal: the partnership, the overall score and
rating, each technique's score and coverage, the findings to act on by
severity with their evidence and recommendation, where the two sides see it
differently (when the state holds a pulse), then waived findings, warnings
and strengths. Everything that came from a state file or a rule pack passes through
:func:`printable` first, so a partnership named ``"\\x1b[31mX"`` cannot colour
or move the terminal, and a zero-width or tag character shows as an escape
instead of making one name look like another. The output depends only on the report.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from foundation_engine.plugin.hookspecs import hookimpl
from foundation_engine.report.escaping import escape_unsafe

if TYPE_CHECKING:
    from foundation_engine.report.model import Finding, Report

WIDTH = 88


def printable(text: object) -> str:
    """`text` as one line safe for a terminal: control, bidirectional and invisible
    characters shown as escapes (:func:`foundation_engine.report.escaping.escape_unsafe`)."""
    return escape_unsafe(text)


_SEVERITY_ORDER = ("critical", "high", "medium", "low", "info")


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _score(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.1f}"


def _wrap(text: str, indent: str, hanging: str | None = None) -> list[str]:
    return textwrap.wrap(
        printable(text),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _labelled(label: str, text: str, indent: str) -> list[str]:
    return _wrap(f"{label}: {text}", indent, indent + "  ")


def render_text(report: Report) -> str:
    """The report as plain text with a trailing newline."""
    lines: list[str] = []
    name = printable(report.partnership_name)
    lines.append(f"Foundation assessment: {name} ({printable(report.partnership_id)})")
    phase = report.phase.value.replace("_", " ")
    lines.append(f"As of {report.as_of.isoformat()}, {phase}, day {report.days_since_start}")
    overall = "n/a" if report.overall_score is None else f"{report.overall_score:.1f} / 100"
    lines.append(
        f"Overall: {overall}, rated {printable(report.rating.replace('_', ' '))}, "
        f"coverage {_pct(report.coverage)}"
    )
    if report.rating == "insufficient_data" and report.overall_score is not None:
        lines.append(
            "  Too little of the partnership is recorded to rate it; the score is shown "
            "beside its coverage only."
        )
    if report.caps:
        before = report.uncapped_score
        note = (
            f" ({before:.1f} before the cap)" if before not in (None, report.overall_score) else ""
        )
        lines.append(f"  Capped{note}:")
        for cap in report.caps:
            lines += _wrap(
                f"at most {cap.at_most.replace('_', ' ')}: {cap.reason}", "    - ", "      "
            )
    if (
        report.unwaived_overall_score is not None
        and report.overall_score is not None
        and report.unwaived_overall_score != report.overall_score
    ):
        lines.append(f"Without waivers: {report.unwaived_overall_score:.1f} / 100")

    applying = [t for t in report.techniques if t.applicable]
    lines += ["", "Techniques"]
    if not applying:
        lines.append("  (no rule ran)")
    width = max((len(printable(t.title)) for t in applying), default=0)
    trends = _trends(report)
    # Not assessed for want of data lowers coverage; a rule outside its phase, or with
    # nothing to judge yet, weighs nothing and is only counted at the end.
    wanting: dict[str, int] = {}
    for f in report.findings:
        if f.status.value == "not_applicable" and f.weight > 0:
            wanting[f.technique] = wanting.get(f.technique, 0) + 1
    for t in applying:
        counts = f"{t.passed} passed, {t.failed} failed"
        if wanting.get(t.technique):
            counts += f", {wanting[t.technique]} without data"
        if t.errors:
            counts += f", {t.errors} errors"
        lines.append(
            f"  {printable(t.title):<{width}}  {_score(t.score)}  "
            f"coverage {_pct(t.coverage):>4}  ({counts})"
        )
        if t.technique in trends:
            lines.append(f"  {'':<{width}}  {trends[t.technique]}")

    idle = [printable(t.title) for t in report.techniques if not t.applicable]
    if idle:
        lines += _wrap(f"Does not apply to this partnership: {', '.join(idle)}", "  ", "    ")

    if report.history is not None:
        h = report.history
        first, last = h.points[0].as_of, h.points[-1].as_of
        lines += [
            "",
            f"History ({h.every}, {len(h.points)} points from {first.isoformat()} to "
            f"{last.isoformat()})",
        ]
        from foundation_engine.report.view import trend_text

        lines += _wrap(f"Overall: {trend_text(h.overall)}", "  ", "    ")
        lines += [
            "  "
            + "  ".join(
                f"{p.as_of.isoformat()[:7]} {_score(p.overall_score).strip()}"
                for p in h.points[-6:]
            )
        ]

    lines += _benchmark_lines(report)

    if report.due_within_days:
        due = report.due_soon
        lines += [
            "",
            f"Falls due in the next {report.due_within_days} days if nothing new is recorded "
            f"({len(due)})",
        ]
        if not due:
            lines.append("  Nothing.")
        for item in due:
            who = _WHO.get(item.owner, item.owner)
            lines += _wrap(
                f"{item.due.isoformat()}  {item.rule_id} {item.title} ({who}): {item.message}",
                "  ",
                "              ",
            )

    if report.agreed_actions:
        lines += ["", f"Agreed actions ({len(report.agreed_actions)})"]
        for review in report.agreed_actions:
            lines += _wrap(review.verdict, "  ", "    ")

    top = [f for f in report.top_fixes(5) if (f.points_at_stake or 0) > 0]
    if top:
        lines += ["", "Top fixes by impact"]
        for f in top:
            lines += _wrap(
                f"{'+' + format(f.points_at_stake, '.1f'):>5}  {f.rule_id} {f.title} "
                f"({_WHO[f.owner.value]})",
                "  ",
                "          ",
            )

    failed = report.failed()
    folded: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.related_to is not None:
            folded.setdefault(f.related_to, []).append(f)
    lines += ["", f"Findings to act on ({len(failed)})"]
    if not failed:
        lines.append("  None.")
    for severity in _SEVERITY_ORDER:
        group = [f for f in failed if f.severity.value == severity]
        if not group:
            continue
        lines.append(f"  {severity.upper()}")
        for f in group:
            lines += _finding_lines(f, folded.get(f.rule_id, []))

    lines += _perception_lines(report)

    errors = [f for f in report.findings if f.status.value == "error"]
    if errors:
        lines += ["", f"Rules that could not run ({len(errors)})"]
        for f in errors:
            lines += _wrap(f"{f.rule_id} {f.message}", "  ", "         ")

    not_applicable = [f for f in report.findings if f.status.value == "not_applicable"]
    missing = [f for f in not_applicable if f.weight > 0]
    if missing:
        lines += ["", f"Not assessed for want of data ({len(missing)})"]
        for f in missing:
            lines += _wrap(f"{f.rule_id} {f.message}", "  ", "         ")
    idle_rules = len(not_applicable) - len(missing)
    if idle_rules:
        lines += [
            "",
            f"Not judged now ({idle_rules}): rules outside their phase, or with nothing "
            "to judge yet; they weigh nothing.",
        ]

    waived = [(f, f.waiver) for f in report.findings if f.waived and f.waiver is not None]
    if waived:
        lines += ["", f"Waived ({len(waived)})"]
        for f, w in waived:
            lines += _wrap(
                f"{f.rule_id} {f.title}: waived until {w.expires.isoformat()} by {w.owner}: "
                f"{w.reason}",
                "  ",
                "         ",
            )

    if report.warnings:
        lines += ["", f"Warnings ({len(report.warnings)})"]
        for warning in report.warnings:
            lines += _bullet(warning)

    from foundation_engine.report.view import what_is_working

    working = what_is_working(report)
    lines += ["", f"Strengths ({len(working)})"]
    if not working:
        lines.append("  None recorded yet.")
    for s in working:
        lines += _bullet(f"{s.rule_id} {s.message}")

    return "\n".join(lines) + "\n"


def _perception_lines(report: Report) -> list[str]:
    """Where you see it differently: each side's view from the pulse beside the records."""
    from foundation_engine.report.perception_view import perception_view

    view = perception_view(report)
    if view is None:
        return []
    lines = ["", view.heading]
    if not view.wave:
        lines.append("  No pulse wave had closed by the day assessed.")
        return lines
    lines += _wrap(f"Latest pulse wave: {view.wave}; {view.respondents}.", "  ", "    ")
    if len(view.waves) > 1:
        lines += _wrap(f"Waves so far: {'; '.join(view.waves)}.", "  ", "    ")
    lines += _wrap(view.threshold, "  ", "    ")
    for row in view.rows:
        lines.append(f"  {printable(row.title)}")
        gap = f", gap {row.gap}" if row.gap else ""
        lines += _wrap(
            f"client {row.client.average}, provider {row.provider.average}{gap}; "
            f"records {row.records}",
            "    ",
            "      ",
        )
        if row.verdict:
            lines += _wrap(f"Verdict: {row.verdict}", "    ", "      ")
        if row.quadrants:
            marks = "; ".join(f"{side.lower()}: {mark}" for side, mark in row.quadrants)
            rules = f" ({', '.join(row.rules)})" if row.rules else ""
            lines += _wrap(f"{marks}{rules}", "    ", "      ")
        if row.change:
            lines += _wrap(f"Movement: {row.change}", "    ", "      ")
        if row.note:
            lines += _wrap(row.note, "    ", "      ")
        for s in row.statements:
            gap = f", gap {s.gap}" if s.gap else ""
            lines += _wrap(
                f'- "{s.text}" client {s.client}, provider {s.provider}{gap}', "    ", "      "
            )
        for c in row.comments:
            lines += _wrap(f'{c.side} said: "{c.text}"', "    ", "      ")
        if row.withheld:
            lines += _wrap(row.withheld, "    ", "      ")
    return lines


def _benchmark_lines(report: Report) -> list[str]:
    """Among peers: the percentile overall and per technique in a saved portfolio."""
    if report.benchmark is None:
        return []
    from foundation_engine.report.benchmark import benchmark_heading, benchmark_note, benchmark_rows

    b = report.benchmark
    rows = [(printable(title), text) for title, text in benchmark_rows(b)]
    width = max(len(title) for title, _ in rows)
    lines = ["", benchmark_heading(b)]
    lines += [f"  {title + ':':<{width + 1}}  {printable(text)}" for title, text in rows]
    lines += _wrap(benchmark_note(b), "  ", "  ")
    return lines


def _bullet(text: str) -> list[str]:
    wrapped = _wrap(text, "    ")
    wrapped[0] = "  - " + wrapped[0][4:]
    return wrapped


_WHO = {"client": "the client", "provider": "the provider", "both": "both parties"}


def _trends(report: Report) -> dict[str, str]:
    from foundation_engine.report.view import trend_text

    if report.history is None:
        return {}
    return {
        t.technique: trend_text(t) for t in report.history.techniques if t.technique is not None
    }


def _finding_lines(f: Finding, related: list[Finding]) -> list[str]:
    lines = _wrap(f"{f.rule_id} {f.title} [{f.technique}]", "    ")
    lines += _wrap(f.message, "      ")
    if f.evidence_named:
        lines += _labelled("Evidence", "; ".join(_limit(f.evidence_named, 8)), "      ")
    elif f.evidence:
        lines += _labelled("Evidence", ", ".join(_limit(f.evidence, 8)), "      ")
    for r in related:
        lines += _labelled("Same defect", f"{r.rule_id} {r.title}: {r.message}", "      ")
    if f.recommendation:
        from foundation_engine.report.view import without_repeated_passage

        who = _WHO.get(f.owner.value, f.owner.value)
        what = without_repeated_passage(f.recommendation, f.message)
        lines += _labelled(f"What to do ({who})", what, "      ")
    if f.points_at_stake:
        lines.append(f"      Fixing it restores {f.points_at_stake:.1f} points overall.")
    return lines


def _limit(items: Iterable[str], most: int) -> list[str]:
    items = list(items)
    if len(items) <= most:
        return items
    return [*items[:most], f"and {len(items) - most} more"]


@hookimpl
def register_report_writers(register: Callable[..., None]) -> None:
    register("text", render_text, media_type="text/plain", suffix=".txt")
