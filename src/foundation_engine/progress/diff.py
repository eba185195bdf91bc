"""Progress over time: what changed between two reports of the same partnership.

:func:`diff_reports` compares an older and a newer report: the overall and
per-technique score changes, every finding matched by its fingerprint (stable
per partnership and rule) and classified, and the achievements worth
recognising together. :func:`new_since_baseline` narrows a report to what is
new or worse since a baseline, keeping the full scores. The renderers turn a
diff into text, JSON, Markdown or a self-contained HTML page.

A finding is a *problem* when it failed and no waiver covers it. Classes:

``new``
    A problem now; absent from the old report, or not measurable then
    (not applicable or a rule error).
``regressed``
    A problem now that was not one before (passed, or waived), or a problem in
    both with a lower score or a higher severity.
``improved``
    A problem in both with a higher score or a lower severity.
``resolved``
    A problem before that passes now.
``unchanged``
    Everything else present in both (a problem still open, a rule still passing).
``added`` / ``removed``
    A finding only in the new report that is not a problem, or only in the old one
    (a rule added to or dropped from the configuration).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from foundation_engine.checks.outcome import Status
from foundation_engine.core.config import RatingBand, ScoringSettings
from foundation_engine.core.scoring import Scorecard, Scored
from foundation_engine.report.escaping import escape_unsafe, md_text
from foundation_engine.report.html_templates import render_template
from foundation_engine.report.model import Finding, Report
from foundation_engine.report.view import (
    format_date,
    format_delta,
    format_measured,
    format_score,
    humanize,
    plain,
    severity_rank,
)
from foundation_engine.rulebook.model import Severity

_EPSILON = 1e-9


class ChangeKind(StrEnum):
    NEW = "new"
    REGRESSED = "regressed"
    RESOLVED = "resolved"
    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    ADDED = "added"
    REMOVED = "removed"


_KIND_ORDER = {kind: i for i, kind in enumerate(ChangeKind)}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:
        # Computed fields are written out for readers; reading a diff back ignores them.
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if k not in cls.model_computed_fields}
        return data


class ScoreChange(_Model):
    old: float | None
    new: float | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def delta(self) -> float | None:
        """New minus old, in points; null when either side has no score."""
        if self.old is None or self.new is None:
            return None
        return round(self.new - self.old, 6)


class TechniqueChange(ScoreChange):
    technique: str
    title: str


class FindingChange(_Model):
    fingerprint: str
    rule_id: str
    technique: str
    title: str
    change: ChangeKind
    old_status: Status | None
    new_status: Status | None
    old_severity: Severity | None
    new_severity: Severity | None
    old_score: float | None
    new_score: float | None
    old_value: Any = Field(None, description="The value the rule measured in the old report.")
    new_value: Any = Field(None, description="The value the rule measured in the new report.")
    measured: str | None = Field(
        None,
        description="The measured values side by side in the message's unit ('55 to 70 "
        "days'); null when either side measured nothing or the values are not numbers.",
    )
    waived: bool = Field(False, description="A waiver covers the newest finding.")
    message: str = Field(description="The newest message about this finding.")
    recommendation: str | None = None
    owner: str
    points: float | None = Field(
        None,
        description="The overall points this change accounts for, found by rescoring the old "
        "report with the changes applied one at a time, most important first; together they "
        "add up to the overall change. Null for unchanged findings and for reports scored "
        "with different settings.",
    )


class Achievement(_Model):
    kind: Literal["overall_improved", "technique_improved", "finding_resolved", "kpi_target_hit"]
    technique: str | None = None
    rule_id: str | None = None
    message: str


class ReportDiff(_Model):
    """What changed between an old and a new report of one partnership."""

    partnership_id: str
    partnership_name: str
    old_as_of: dt.date
    new_as_of: dt.date
    margin: float = Field(description="Points a score must rise to count as an achievement.")
    overall: ScoreChange
    old_rating: str
    new_rating: str
    techniques: list[TechniqueChange]
    findings: list[FindingChange] = Field(
        description="Every finding of either report, most important change first."
    )
    achievements: list[Achievement]
    warnings: list[str] = Field(default_factory=list)

    def explained(self, most: int = 8) -> list[FindingChange]:
        """The findings whose change accounts for the most points, largest first."""
        moved = [c for c in self.findings if c.points]
        moved.sort(key=lambda c: (-abs(c.points or 0.0), c.rule_id))
        return moved[:most]

    def of_kind(self, kind: ChangeKind) -> list[FindingChange]:
        return [f for f in self.findings if f.change is kind]

    @property
    def new(self) -> list[FindingChange]:
        return self.of_kind(ChangeKind.NEW)

    @property
    def regressed(self) -> list[FindingChange]:
        return self.of_kind(ChangeKind.REGRESSED)

    @property
    def resolved(self) -> list[FindingChange]:
        return self.of_kind(ChangeKind.RESOLVED)

    @property
    def improved(self) -> list[FindingChange]:
        return self.of_kind(ChangeKind.IMPROVED)

    @property
    def unchanged(self) -> list[FindingChange]:
        return self.of_kind(ChangeKind.UNCHANGED)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counts(self) -> dict[str, int]:
        """How many findings fall in each class."""
        return {kind.value: len(self.of_kind(kind)) for kind in ChangeKind}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def has_regression(self) -> bool:
        """True when any finding is new or regressed: the signal for a failing CI exit code."""
        return bool(self.new or self.regressed)


def is_problem(f: Finding) -> bool:
    """Failed and not covered by a waiver."""
    return f.status is Status.FAILED and not f.waived


def _worse(old: Finding, new: Finding) -> bool:
    if severity_rank(new.severity) != severity_rank(old.severity):
        return severity_rank(new.severity) > severity_rank(old.severity)
    return old.score is not None and new.score is not None and new.score < old.score - _EPSILON


def _better(old: Finding, new: Finding) -> bool:
    if severity_rank(new.severity) != severity_rank(old.severity):
        return severity_rank(new.severity) < severity_rank(old.severity)
    return old.score is not None and new.score is not None and new.score > old.score + _EPSILON


def classify(old: Finding | None, new: Finding | None) -> ChangeKind:
    """The class of one finding's change (see the module docs)."""
    if old is None and new is None:
        raise ValueError("classify needs at least one finding")
    if old is None:
        assert new is not None
        return ChangeKind.NEW if is_problem(new) else ChangeKind.ADDED
    if new is None:
        return ChangeKind.REMOVED
    was, now = is_problem(old), is_problem(new)
    if now and not was:
        if old.status in (Status.NOT_APPLICABLE, Status.ERROR):
            return ChangeKind.NEW
        return ChangeKind.REGRESSED
    if was and not now:
        return ChangeKind.RESOLVED if new.status is Status.PASSED else ChangeKind.UNCHANGED
    if was and now:
        if _worse(old, new):
            return ChangeKind.REGRESSED
        if _better(old, new):
            return ChangeKind.IMPROVED
    return ChangeKind.UNCHANGED


def _finding_change(old: Finding | None, new: Finding | None) -> FindingChange:
    latest = new or old
    assert latest is not None
    return FindingChange(
        fingerprint=latest.fingerprint,
        rule_id=latest.rule_id,
        technique=latest.technique,
        title=latest.title,
        change=classify(old, new),
        old_status=old.status if old else None,
        new_status=new.status if new else None,
        old_severity=old.severity if old else None,
        new_severity=new.severity if new else None,
        old_score=old.score if old else None,
        new_score=new.score if new else None,
        old_value=old.value if old else None,
        new_value=new.value if new else None,
        measured=measured_change(old, new),
        waived=latest.waived,
        message=latest.message,
        recommendation=latest.recommendation,
        owner=latest.owner.value,
    )


#: Units a message may state a measured number in, longest first ("business days" before
#: "days"), as rule messages word them.
_UNITS = (
    "business days",
    "business day",
    "percentage points",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "hours",
    "hour",
    "years",
    "year",
    "points",
    "KPIs",
    "times",
)


def _stated(shown: str, message: str) -> re.Match[str] | None:
    """Where `message` states the number `shown` (not inside a longer number or a date)."""
    return re.search(rf"(?<![\d.\-]){re.escape(shown)}(?![\d\-]|\.\d)\s*", message)


def _unit(at: re.Match[str], message: str) -> str:
    """The unit `message` states a number in ("days" in "193 days went by")."""
    if at.group().rstrip().endswith("%"):
        return ""
    rest = message[at.end() :]
    for unit in _UNITS:
        if rest.startswith(unit) and not rest[len(unit) : len(unit) + 1].isalpha():
            return unit
    return ""


def measured_change(old: Finding | None, new: Finding | None) -> str | None:
    """The measured values of `old` and `new` side by side: ``55 to 70 days``.

    Each value is shown in the unit its own message states it in (a share as
    a percent where the message says one); None unless both are numbers that
    their messages state (a passing rule that says only "on record" measured
    nothing a reader would recognise).
    """
    if old is None or new is None:
        return None
    sides = []
    for f in (old, new):
        if not isinstance(f.value, int | float) or isinstance(f.value, bool):
            return None
        shown = format_measured(f.value, f.message)
        at = _stated(shown, f.message)
        if at is None:
            return None
        sides.append((shown, _unit(at, f.message)))
    (before, old_unit), (after, new_unit) = sides
    unit = new_unit or old_unit
    if old_unit and new_unit and old_unit != new_unit:  # "1 day to 3 days"
        return f"{before} {old_unit} to {after} {new_unit}"
    return f"{before} to {after} {unit}".rstrip()


def _scored(f: Finding) -> Scored:
    return Scored(
        rule_id=f.rule_id,
        technique=f.technique,
        status=f.status,
        score=f.score,
        weight=f.weight,
        severity=f.severity,
        waived=f.waived,
        counted=f.related_to is None,
    )


def _attribute(old: Report, new: Report, changes: list[FindingChange]) -> list[FindingChange]:
    """Each changed finding's share of the overall change, by scoring step by step.

    Starting from the old report's findings, each change is applied in turn (in
    the order listed, most important first) and the overall score recomputed
    with the new report's scoring settings: the points of a change are what
    its step moved the score, so together they account for the whole change.
    Reports without their scoring settings, or scored differently, get none.
    """
    if old.scoring is None or new.scoring is None or old.scoring != new.scoring:
        return changes
    basis = new.scoring
    settings = ScoringSettings.model_validate(
        {
            "aggregation": basis.aggregation,
            "neutral_score": basis.neutral_score,
            "min_coverage": basis.min_coverage,
            "caps": basis.caps,
        }
    )
    bands = [RatingBand.model_validate(b) for b in basis.rating_bands]
    titles = {t.technique: (t.title, t.weight) for t in [*old.techniques, *new.techniques]}
    techniques = [(t, title, weight) for t, (title, weight) in titles.items()]
    current: dict[str, Scored] = {f.fingerprint: _scored(f) for f in old.findings}
    newest = {f.fingerprint: f for f in new.findings}

    def score() -> float | None:
        return Scorecard(list(current.values()), techniques, settings, bands).overall().score

    before = score()
    out = []
    for c in changes:
        if c.change is not ChangeKind.UNCHANGED:
            after_finding = newest.get(c.fingerprint)
            if after_finding is None:
                current.pop(c.fingerprint, None)
            else:
                current[c.fingerprint] = _scored(after_finding)
            after = score()
            if before is not None and after is not None:
                c = c.model_copy(update={"points": round(after - before, 1)})
            before = after
        out.append(c)
    return out


def _is_kpi_target(f: Finding) -> bool:
    # Rules name the condition they flag; a metrics rule about a target is a KPI target rule.
    about_metrics = f.technique == "metrics" or any(e.startswith("/metrics/") for e in f.evidence)
    return about_metrics and "target" in f"{f.title} {f.message}".lower()


def _achievements(
    old: Report,
    new: Report,
    overall: ScoreChange,
    techniques: list[TechniqueChange],
    findings: list[FindingChange],
    margin: float,
) -> list[Achievement]:
    wins: list[Achievement] = []
    if overall.delta is not None and overall.delta >= margin:
        wins.append(
            Achievement(
                kind="overall_improved",
                message=f"Overall score up {format_delta(overall.delta)[1:]} points "
                f"({format_score(overall.old)} to {format_score(overall.new)}).",
            )
        )
    for t in techniques:
        if t.delta is not None and t.delta >= margin:
            wins.append(
                Achievement(
                    kind="technique_improved",
                    technique=t.technique,
                    message=f"{t.title}: up {format_delta(t.delta)[1:]} points "
                    f"({format_score(t.old)} to {format_score(t.new)}).",
                )
            )
    new_by_fp = {f.fingerprint: f for f in new.findings}
    for change in findings:
        if change.change is not ChangeKind.RESOLVED:
            continue
        finding = new_by_fp[change.fingerprint]
        if _is_kpi_target(finding):
            wins.append(
                Achievement(
                    kind="kpi_target_hit",
                    technique=change.technique,
                    rule_id=change.rule_id,
                    message=f"KPI target met: {change.message}",
                )
            )
        elif change.old_severity in (Severity.CRITICAL, Severity.HIGH):
            wins.append(
                Achievement(
                    kind="finding_resolved",
                    technique=change.technique,
                    rule_id=change.rule_id,
                    message=f"{change.old_severity.value.capitalize()} finding resolved: "
                    f"{change.title} ({change.rule_id}). {change.message}",
                )
            )
    return wins


def _comparability(old: Report, new: Report) -> list[str]:
    warnings = []
    if old.partnership_id != new.partnership_id:
        warnings.append(
            f"the reports are of different partnerships ({old.partnership_id!r} and "
            f"{new.partnership_id!r}); findings will not match"
        )
    if old.config_fingerprint != new.config_fingerprint:
        warnings.append(
            f"the reports were assessed with different configurations ({old.config_fingerprint} "
            f"and {new.config_fingerprint}); some changes may come from the configuration"
        )
    if old.engine_version != new.engine_version:
        warnings.append(
            f"the reports come from different engine versions ({old.engine_version} and "
            f"{new.engine_version}); rules may have changed"
        )
    if old.plugins != new.plugins:
        added = sorted(set(new.plugins) - set(old.plugins))
        dropped = sorted(set(old.plugins) - set(new.plugins))
        what = "; ".join(
            part
            for part in (
                f"only the new report has {', '.join(added)}" if added else "",
                f"only the old report has {', '.join(dropped)}" if dropped else "",
            )
            if part
        )
        warnings.append(
            f"the reports were assessed with different plugins ({what}); some changes in "
            "scores and rating may come from the plugins, not the partnership"
        )
    versions = [
        f"{name} {old.plugin_versions[name]} and {new.plugin_versions[name]}"
        for name in sorted(set(old.plugin_versions) & set(new.plugin_versions))
        if old.plugin_versions[name] != new.plugin_versions[name]
    ]
    if versions:
        warnings.append(
            f"the reports come from different plugin versions ({'; '.join(versions)}); "
            "their rules may have changed"
        )
    if new.as_of < old.as_of:
        warnings.append(f"the new report ({new.as_of}) is dated before the old one ({old.as_of})")
    return warnings


def diff_reports(old: Report, new: Report, *, margin: float = 5.0) -> ReportDiff:
    """Compare `old` with `new`: scores, findings by fingerprint, achievements.

    ``margin`` is how many points a technique (or the overall score) must rise
    to be listed as an achievement.
    """
    overall = ScoreChange(old=old.overall_score, new=new.overall_score)
    old_scores = {t.technique: t for t in old.techniques}
    applying = {t.technique for t in [*old.techniques, *new.techniques] if t.applicable}
    techniques = [
        TechniqueChange(
            technique=t.technique,
            title=t.title,
            old=old_scores[t.technique].score if t.technique in old_scores else None,
            new=t.score,
        )
        for t in new.techniques
        if t.technique in applying
    ]
    known = {t.technique for t in new.techniques}
    techniques += [
        TechniqueChange(technique=t.technique, title=t.title, old=t.score, new=None)
        for t in old.techniques
        if t.technique not in known and t.technique in applying
    ]

    old_by_fp = {f.fingerprint: f for f in old.findings}
    new_by_fp = {f.fingerprint: f for f in new.findings}
    changes = [_finding_change(old_by_fp.get(fp), f) for fp, f in new_by_fp.items()]
    changes += [_finding_change(f, None) for fp, f in old_by_fp.items() if fp not in new_by_fp]

    def importance(c: FindingChange) -> tuple[int, int, str]:
        severity = c.new_severity or c.old_severity or Severity.INFO
        return (_KIND_ORDER[c.change], -severity_rank(severity), c.rule_id)

    changes.sort(key=importance)
    changes = _attribute(old, new, changes)
    return ReportDiff(
        partnership_id=new.partnership_id,
        partnership_name=new.partnership_name,
        old_as_of=old.as_of,
        new_as_of=new.as_of,
        margin=margin,
        overall=overall,
        old_rating=old.rating,
        new_rating=new.rating,
        techniques=techniques,
        findings=changes,
        achievements=_achievements(old, new, overall, techniques, changes, margin),
        warnings=_comparability(old, new),
    )


def new_since_baseline(report: Report, baseline: Report) -> Report:
    """`report` with only the findings new or regressed since `baseline`.

    Scores, coverage and rating stay those of the full assessment; strengths
    are kept only when the baseline did not have them. A warning states how
    many findings were filtered out and against which baseline, so a reader
    never mistakes the shorter list for the whole picture.
    """
    diff = diff_reports(baseline, report)
    keep = {
        c.fingerprint for c in diff.findings if c.change in (ChangeKind.NEW, ChangeKind.REGRESSED)
    }
    findings = [f for f in report.findings if f.fingerprint in keep]
    old_strengths = {s.rule_id for s in baseline.strengths}
    strengths = [s for s in report.strengths if s.rule_id not in old_strengths]
    filtered = len(report.findings) - len(findings)
    note = (
        f"baseline: showing only findings new or regressed since the baseline report as of "
        f"{baseline.as_of} ({filtered} other finding{'s' if filtered != 1 else ''} filtered "
        "out); the scores cover every rule"
    )
    return report.model_copy(
        update={"findings": findings, "strengths": strengths, "warnings": [*report.warnings, note]}
    )


# --------------------------------------------------------------------------
# renderers
# --------------------------------------------------------------------------

_KIND_TITLES = {
    ChangeKind.NEW: "New",
    ChangeKind.REGRESSED: "Regressed",
    ChangeKind.RESOLVED: "Resolved",
    ChangeKind.IMPROVED: "Improved",
    ChangeKind.UNCHANGED: "Still open",
    ChangeKind.ADDED: "Added rules",
    ChangeKind.REMOVED: "Rules no longer run",
}

_LISTED = (
    ChangeKind.NEW,
    ChangeKind.REGRESSED,
    ChangeKind.RESOLVED,
    ChangeKind.IMPROVED,
    ChangeKind.UNCHANGED,
)


def _listed(diff: ReportDiff, kind: ChangeKind) -> list[FindingChange]:
    # "Still open" lists unresolved problems only; rules passing in both are counted, not listed.
    changes = diff.of_kind(kind)
    if kind is ChangeKind.UNCHANGED:
        changes = [c for c in changes if c.new_status is Status.FAILED and not c.waived]
    return changes


def _status_change(c: FindingChange) -> str:
    def side(status: Status | None, severity: Severity | None) -> str:
        if status is None:
            return "absent"
        text = humanize(status.value).lower()
        return f"{text} ({severity.value})" if status is Status.FAILED and severity else text

    return f"{side(c.old_status, c.old_severity)} → {side(c.new_status, c.new_severity)}"


def _change_line(c: FindingChange) -> str:
    """The status change, and the measured values when they moved: ``55 to 70 days; ...``."""
    status = _status_change(c)
    moved = c.measured is not None and c.old_value != c.new_value
    return f"{c.measured}; {status}" if moved else status


def header_counts(diff: ReportDiff) -> list[tuple[str, int]]:
    """The findings by class as the sections list them, then what no section lists.

    "Still open" counts the problems open in both reports, as its section does;
    the rules passing (or not judged) in both are counted apart, so every count
    matches a list or says that nothing lists it.
    """
    counts = [(_KIND_TITLES[kind].lower(), len(_listed(diff, kind))) for kind in _LISTED]
    quiet = len(diff.unchanged) - len(_listed(diff, ChangeKind.UNCHANGED))
    counts += [
        ("without a problem in either report", quiet),
        (_KIND_TITLES[ChangeKind.ADDED].lower(), len(diff.of_kind(ChangeKind.ADDED))),
        (_KIND_TITLES[ChangeKind.REMOVED].lower(), len(diff.of_kind(ChangeKind.REMOVED))),
    ]
    return [(label, n) for label, n in counts if n]


def format_points_delta(points: float | None) -> str:
    """``+4.3`` or ``-2.8``, padded for a column."""
    return f"{points:+5.1f}" if points is not None else "  n/a"


def _unexplained(diff: ReportDiff, explained: list[FindingChange]) -> float | None:
    """The part of the overall change the listed findings do not account for, if notable."""
    if diff.overall.delta is None:
        return None
    rest = round(diff.overall.delta - sum(c.points or 0.0 for c in explained), 1)
    return rest if abs(rest) >= 0.1 else None


def diff_to_json(diff: ReportDiff) -> str:
    """The diff as indented JSON with a trailing newline (unsafe characters as \\u escapes)."""
    return escape_unsafe(diff.model_dump_json(indent=2), "json") + "\n"


def diff_to_text(diff: ReportDiff) -> str:
    """A plain-text summary for a terminal or a CI log."""
    lines = [
        f"{plain(diff.partnership_name)}: {format_date(diff.old_as_of)} -> "
        f"{format_date(diff.new_as_of)}",
        f"Overall: {format_score(diff.overall.old)} -> {format_score(diff.overall.new)} "
        f"({format_delta(diff.overall.delta)}), {humanize(diff.old_rating)} -> "
        f"{humanize(diff.new_rating)}",
        "",
        "Techniques:",
    ]
    lines += [
        f"  {plain(t.title):<34} {format_score(t.old):>7} -> {format_score(t.new):<7} "
        f"{format_delta(t.delta)}"
        for t in diff.techniques
    ]
    explained = diff.explained()
    if explained:
        lines += ["", "What moved the score (points each change accounts for):"]
        lines += [
            f"  {format_points_delta(c.points)}  {plain(c.rule_id)} {plain(c.title)} "
            f"({c.change.value})"
            for c in explained
        ]
        rest = _unexplained(diff, explained)
        if rest is not None:
            lines.append(f"  {format_points_delta(rest)}  the other changes together")
    counts = ", ".join(f"{n} {label}" for label, n in header_counts(diff))
    lines += ["", f"Findings: {counts or 'none'}"]
    for kind in _LISTED:
        changes = _listed(diff, kind)
        if not changes:
            continue
        lines += ["", f"{_KIND_TITLES[kind]} ({len(changes)}):"]
        lines += [f"  {plain(c.rule_id)} {plain(c.title)}: {_change_line(c)}" for c in changes]
    if diff.achievements:
        lines += ["", "Wins worth recognising:"]
        lines += [f"  * {plain(a.message)}" for a in diff.achievements]
    if diff.warnings:
        lines += ["", "Warnings:"]
        lines += [f"  ! {plain(w)}" for w in diff.warnings]
    lines += ["", "Regression: yes" if diff.has_regression else "Regression: no"]
    return escape_unsafe("\n".join(lines), "lines") + "\n"


def diff_to_markdown(diff: ReportDiff) -> str:
    """The diff as Markdown, for a ticket, a pull request or a QBR pack."""
    lines = [
        f"# {md_text(diff.partnership_name)}: progress from {format_date(diff.old_as_of)} "
        f"to {format_date(diff.new_as_of)}",
        "",
        f"**Overall** {format_score(diff.overall.old)} → {format_score(diff.overall.new)} "
        f"(**{format_delta(diff.overall.delta)}**), rated {md_text(humanize(diff.old_rating))} → "
        f"{md_text(humanize(diff.new_rating))}"
        + (" · **regression**" if diff.has_regression else " · no regression"),
        "",
        "Findings: " + (", ".join(f"{n} {label}" for label, n in header_counts(diff)) or "none"),
        "",
    ]
    if diff.achievements:
        lines += ["## Wins worth recognising", ""]
        lines += [f"- {md_text(a.message)}" for a in diff.achievements]
        lines.append("")
    lines += [
        "## Technique scores",
        "",
        "| Technique | Before | Now | Change |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {md_text(t.title)} | {format_score(t.old)} | {format_score(t.new)} | "
        f"{format_delta(t.delta)} |"
        for t in diff.techniques
    ]
    lines.append("")
    explained = diff.explained()
    if explained:
        lines += [
            "## What moved the score",
            "",
            "| Points | Finding | Change |",
            "| ---: | --- | --- |",
        ]
        lines += [
            f"| {c.points:+.1f} | {md_text(c.rule_id)} {md_text(c.title)} | {c.change.value} |"
            for c in explained
        ]
        rest = _unexplained(diff, explained)
        if rest is not None:
            lines.append(f"| {rest:+.1f} | The other changes together | |")
        lines.append("")
    for kind in _LISTED:
        changes = _listed(diff, kind)
        if not changes:
            continue
        lines += [f"## {_KIND_TITLES[kind]} ({len(changes)})", ""]
        lines += [
            f"- **{md_text(c.rule_id)}** {md_text(c.title)}: {md_text(_change_line(c))}. "
            f"{md_text(c.message)}"
            for c in changes
        ]
        lines.append("")
    if diff.warnings:
        lines += ["## Warnings", ""]
        lines += [f"- {md_text(w)}" for w in diff.warnings]
        lines.append("")
    return "\n".join(lines)


def diff_to_html(diff: ReportDiff) -> str:
    """The diff as one self-contained HTML page (same style as the HTML report)."""
    sections = [(kind, _KIND_TITLES[kind], _listed(diff, kind)) for kind in _LISTED]
    explained = diff.explained()
    # Autoescaping makes values inert HTML; a raw ESC, BEL, CR or U+202E from a
    # state would still reach the title and headings, so they become visible escapes.
    page = render_template(
        "diff.html.j2",
        d=diff,
        sections=[s for s in sections if s[2]],
        explained=explained,
        rest=_unexplained(diff, explained) if explained else None,
        points=lambda value: f"{value:+.1f}",
        status_change=_status_change,
        header_counts=header_counts(diff),
        format_date=format_date,
        format_score=format_score,
        format_delta=format_delta,
        humanize=humanize,
    )
    return escape_unsafe(page, "lines")
