"""Built-in plugin: the Markdown report writer (``--format markdown``).

The same content as the HTML report, for pasting into documents, tickets and
pull requests: overall score and rating, technique scores as a table, "who
does what", where the two sides see it differently (when the state holds a
pulse), findings by severity with evidence and recommendations, strengths,
waivers and warnings. Everything that came from a state passes
through :func:`~foundation_engine.report.escaping.md_text`, so a value can
neither inject HTML (``<script>``), links or images, nor break a table
(``|``) or start a heading or list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from foundation_engine.plugin.hookspecs import hookimpl

if TYPE_CHECKING:  # imported when a report is written, so other commands start faster
    from foundation_engine.report.model import Report
    from foundation_engine.report.view import FindingView, ReportView, TechniqueView

Escape = Callable[[object], str]


def _finding(f: FindingView, lines: list[str], md_text: Escape) -> None:
    waived = " (waived)" if f.waiver_note else ""
    lines.append(
        f"- **{f.severity_label.upper()}** · {md_text(f.rule_id)} · "
        f"**{md_text(f.title)}**{waived}  "
    )
    lines.append(f"  {md_text(f.message)}  ")
    for r in f.related:
        lines.append(
            f"  *Same defect:* {md_text(r.rule_id)} {md_text(r.title)}: {md_text(r.message)}  "
        )
    if f.recommendation:
        lines.append(f"  **What to do:** {md_text(f.recommendation)}  ")
    if f.waiver_note:
        lines.append(f"  {md_text(f.waiver_note)}  ")
    details = [f"**Who:** {md_text(f.owner_label)}"]
    if f.points_text:
        details.append(f"**At stake:** {f.points_text}")
    if f.value:
        details.append(f"**Measured:** {md_text(f.value)}")
    if f.evidence:
        details.append("**Evidence:** " + ", ".join(md_text(e) for e in f.evidence))
    lines.append("  " + " · ".join(details))


def _technique(t: TechniqueView, lines: list[str], md_text: Escape) -> None:
    score = f"{t.score_text} / 100" if t.score is not None else t.score_text
    lines += [
        f"## {md_text(t.title)}: {score}",
        "",
        f"Coverage {t.coverage_text} · {t.passed} of {t.rules_run} rules passed",
        "",
        f"### What to fix ({len(t.to_fix)})",
        "",
    ]
    if t.to_fix:
        for f in t.to_fix:
            _finding(f, lines, md_text)
    else:
        lines.append("Nothing to fix in this technique.")
    lines.append("")
    if t.waived:
        lines += [f"### Waived ({len(t.waived)})", ""]
        for f in t.waived:
            _finding(f, lines, md_text)
        lines.append("")
    lines += [f"### What is working ({len(t.strengths)})", ""]
    if t.strengths:
        lines += [f"- ✓ {md_text(s.message)} ({md_text(s.rule_id)})" for s in t.strengths]
    else:
        lines.append("No rule passes in this technique yet.")
    lines.append("")
    if t.not_assessed:
        lines += [f"### Not assessed ({len(t.not_assessed)})", ""]
        lines += [
            f"- {md_text(f.rule_id)} {f.status_label}: {md_text(f.message)}" for f in t.not_assessed
        ]
        lines.append("")


def _perception(report: Report, lines: list[str], md_text: Escape) -> None:
    """Where you see it differently: each side's view from the pulse beside the records."""
    from foundation_engine.report.perception_view import perception_view

    view = perception_view(report)
    if view is None:
        return
    lines += [f"## {view.heading}", ""]
    if not view.wave:
        lines += ["No pulse wave had closed by the day assessed.", ""]
        return
    lines.append(f"Latest pulse wave: {md_text(view.wave)}; {md_text(view.respondents)}.")
    if len(view.waves) > 1:
        lines += ["", "Waves so far: " + "; ".join(md_text(w) for w in view.waves) + "."]
    lines += ["", md_text(view.threshold), ""]
    if not view.rows:
        return
    lines += [
        "| Technique | Client | Provider | Gap | Records | Verdict |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    lines += [
        f"| {md_text(r.title)} | {md_text(r.client.average)} | {md_text(r.provider.average)} | "
        f"{md_text(r.gap or 'n/a')} | {md_text(r.records)} | {md_text(r.verdict or 'none')} |"
        for r in view.rows
    ]
    lines.append("")
    for r in view.rows:
        lines += [f"### {md_text(r.title)}", ""]
        if r.quadrants:
            marks = "; ".join(f"{md_text(side)}: {md_text(mark)}" for side, mark in r.quadrants)
            rules = f" ({', '.join(md_text(rule) for rule in r.rules)})" if r.rules else ""
            lines += [f"{marks}{rules}", ""]
        if r.change:
            lines += [f"Movement: {md_text(r.change)}", ""]
        if r.note:
            lines += [md_text(r.note), ""]
        if r.statements:
            lines += ["| Statement | Client | Provider | Gap |", "| --- | ---: | ---: | ---: |"]
            lines += [
                f"| {md_text(s.text)}{'' if s.standard else ' (your own)'} | "
                f"{md_text(s.client)} | {md_text(s.provider)} | {md_text(s.gap or 'n/a')} |"
                for s in r.statements
            ]
            lines.append("")
        if r.comments:
            lines += [f"- **{md_text(c.side)}:** {md_text(c.text)}" for c in r.comments]
            lines.append("")
        if r.withheld:
            lines += [md_text(r.withheld), ""]


def _benchmark(report: Report, lines: list[str], md_text: Escape) -> None:
    """Among peers: the percentile overall and per technique in a saved portfolio."""
    if report.benchmark is None:
        return
    from foundation_engine.report.benchmark import benchmark_heading, benchmark_note, benchmark_rows

    b = report.benchmark
    lines += ["", f"## {benchmark_heading(b)}", "", "| Score | Among peers |", "| --- | --- |"]
    lines += [f"| {md_text(title)} | {md_text(text)} |" for title, text in benchmark_rows(b)]
    lines += ["", md_text(benchmark_note(b))]


def render_markdown(v: ReportView) -> str:
    """The Markdown document for a report view."""
    from foundation_engine.report.escaping import md_text

    lines = [
        f"# {md_text(v.partnership_name)}: partnership foundation report",
        "",
        f"**As of** {v.as_of} · **Phase** {md_text(v.phase)} · "
        f"**Partnership day** {v.days_since_start} · "
        f"**Partnership id** {md_text(v.partnership_id)}",
        "",
        "## Overall foundation",
        "",
    ]
    score = f"{v.overall_text} / 100" if v.report.overall_score is not None else v.overall_text
    lines.append(
        f"**{score}**, rated **{md_text(v.rating_label)}** · data coverage {v.coverage_text} · "
        f"{v.to_fix_count} to fix · {v.strength_count} strengths"
    )
    counts = [f"{n} {label.lower()}" for _, label, n in v.severity_counts if n]
    if counts:
        lines += ["", "To fix by severity: " + ", ".join(counts) + "."]
    if v.insufficient_data and v.report.overall_score is not None:
        lines += [
            "",
            "Too little of the partnership is recorded to rate it; the score is shown beside "
            "its coverage only.",
        ]
    if v.caps:
        start = f" from {v.uncapped_text}" if v.uncapped_text else ""
        lines += ["", f"Capped{start}: " + "; ".join(md_text(c) for c in v.caps) + "."]
    if v.unwaived_text is not None:
        lines += ["", f"Without waivers the overall score would be {v.unwaived_text}."]
    lines += [
        "",
        "## Technique scores",
        "",
        "| Technique | Score | Coverage | Passed | To fix |"
        + (" Trend |" if v.overall_trend else ""),
        "| --- | ---: | ---: | ---: | ---: |" + (" --- |" if v.overall_trend else ""),
    ]
    lines += [
        f"| {md_text(t.title)} | {t.score_text} | {t.coverage_text} | "
        f"{t.passed} of {t.rules_run} | {len(t.to_fix)} |"
        + (f" {md_text(t.trend)} |" if v.overall_trend else "")
        for t in v.techniques
    ]
    if v.not_applying:
        lines += [
            "",
            "Does not apply to this partnership: " + ", ".join(md_text(t) for t in v.not_applying),
        ]
    if v.overall_trend:
        lines += ["", f"Overall trend: {md_text(v.overall_trend)}"]
    _benchmark(v.report, lines, md_text)
    if v.due_within_days:
        lines += ["", f"## Falls due in the next {v.due_within_days} days", ""]
        if v.due_soon:
            lines += [
                f"- **{d.date}** {md_text(d.rule_id)} {md_text(d.title)} "
                f"({md_text(d.owner_label)}): {md_text(d.message)}"
                for d in v.due_soon
            ]
        else:
            lines.append("No rule that passes today will fail in this window.")
    if v.top_fixes:
        lines += ["", "## Top fixes by impact", ""]
        lines += [
            f"{i}. **{f.points_text}** {md_text(f.action)} ({md_text(f.owner_label)}; "
            f"{md_text(f.rule_id)}, {md_text(f.technique_title)})"
            for i, f in enumerate(v.top_fixes, 1)
        ]
    lines += ["", "## Who does what", ""]
    for party in v.parties:
        lines += [f"### {party.label} ({len(party.actions)})", ""]
        if party.actions:
            lines += [
                f"{i}. **{f.severity_label.upper()}** {md_text(f.action)} "
                f"({md_text(f.rule_id)}, {md_text(f.technique_title)})"
                for i, f in enumerate(party.actions, 1)
            ]
        else:
            lines.append("Nothing to act on.")
        lines.append("")
    _perception(v.report, lines, md_text)
    for t in v.techniques:
        _technique(t, lines, md_text)
    if v.waivers:
        lines += [
            "## Waivers",
            "",
            "| Rule | Owner | Reason | Expires | Status | Findings |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {md_text(w.rule)} | {md_text(w.owner)} | {md_text(w.reason)} | {w.expires} | "
            f"{md_text(w.status)} | {md_text(w.findings or 'none')} |"
            for w in v.waivers
        ]
        lines.append("")
    if v.warnings:
        lines += ["## Warnings", ""]
        lines += [f"- {md_text(w)}" for w in v.warnings]
        lines.append("")
    lines += [
        "---",
        "",
        f"foundation-engine {md_text(v.engine_version)} · config fingerprint "
        f"{md_text(v.config_fingerprint)} · report schema {md_text(v.schema_version)} · "
        f"as of {v.as_of_iso}",
    ]
    return "\n".join(lines) + "\n"


def write_markdown(report: Report) -> str:
    """The report as Markdown; the same report always gives the same text."""
    from foundation_engine.report.view import build_view

    return render_markdown(build_view(report))


@hookimpl(trylast=True)
def register_report_writers(register: Callable[..., None]) -> None:
    register("markdown", write_markdown, media_type="text/markdown", suffix=".md")
