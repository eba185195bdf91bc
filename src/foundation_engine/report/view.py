"""What a reader of a shared report sees, independent of the output format.

The HTML and Markdown writers and the diff renderers present the same things
in the same order: failed findings by severity, recommendations grouped by the
party that should act, scores and dates worded for people. This module turns a
:class:`~foundation_engine.report.model.Report` into that presentation, as plain
data; each writer only adds its own markup and escaping.

Text that came from a state (names, messages, evidence) passes through
:func:`plain`, which removes control characters and the Unicode bidirectional
controls that could make a shared report display text in a misleading order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from foundation_engine.checks.outcome import Status
from foundation_engine.report.history import Trend
from foundation_engine.report.model import Finding, Report, Strength, TechniqueScore, WaiverReport
from foundation_engine.rulebook.model import SEVERITY_ORDER, Severity
from foundation_engine.state.vocabulary import Owner

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# C0/C1 controls and bidirectional controls ("Trojan Source", CVE-2021-42574).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
# A sentence ends at . ! or ? (a closing quote or bracket may follow) before a space and
# a capital, a digit or an opening quote or bracket.
_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*(?=\s+[\"'‘“(\[]?[A-Z0-9])")
# Words whose full stop does not end a sentence: common abbreviations and an initial (J. Ortiz).
_NOT_AN_END = re.compile(
    r"(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|approx|incl|excl|esp|no|nos|fig|dept|mr|mrs|ms|dr|"
    r"prof|st|jr|sr|inc|ltd|co|corp|plc|llc|bros|[A-Za-z])\.$",
    re.IGNORECASE,
)
_OPENERS = {"(": ")", "[": "]", "“": "”"}
_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s?%")

REPEAT_MIN_CHARS = 100
"""A passage a recommendation repeats from its finding's message is left out from this long."""
REPEAT_MAX_CHARS = 5000
"""Texts longer than this are not compared (the comparison grows with the product of lengths)."""

PARTY_LIST_LIMIT = 8
"""Actions listed per party in "who does what"; the rest are linked by rule id."""

EVIDENCE_SHOWN = 6
"""Evidence records a finding shows at once; the rest are one click (or line) away."""

RATING_LABELS = {
    "strong": "Strong",
    "sound": "Sound",
    "fragile": "Fragile",
    "at_risk": "At risk",
    "insufficient_data": "Insufficient data",
    "unrated": "Unrated",
}

OWNER_LABELS = {
    Owner.CLIENT: "Client",
    Owner.PROVIDER: "Provider",
    Owner.BOTH: "Both together",
}

STATUS_LABELS = {
    Status.PASSED: "Passed",
    Status.FAILED: "Failed",
    Status.NOT_APPLICABLE: "Not assessed",
    Status.ERROR: "Rule error",
}


def plain(value: object) -> str:
    """`value` as one line of text: controls removed, runs of whitespace made one space."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", str(value))).strip()


def humanize(token: str) -> str:
    """``at_risk`` -> ``At risk``; labels from config that are not known are tidied the same way."""
    return RATING_LABELS.get(token) or plain(token.replace("_", " ")).capitalize()


SCORE_DIGITS = 1
"""Decimals every format shows a 0-100 score, a change of score and points with."""


def format_score(score: float | None) -> str:
    """A 0-100 score to one decimal (``23.4``), as every report format shows it, or ``no data``.

    The JSON report carries scores to one decimal, so the text, HTML, Markdown
    and CSV reports and the diff all print the same figure.
    """
    return "no data" if score is None else f"{score:.{SCORE_DIGITS}f}"


def format_percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def format_delta(delta: float | None) -> str:
    """A signed change in points to one decimal: ``+5.9``, ``-12.0``, ``±0.0``, or ``n/a``."""
    if delta is None:
        return "n/a"
    text = f"{delta:+.{SCORE_DIGITS}f}"
    if text in (f"+{0:.{SCORE_DIGITS}f}", f"-{0:.{SCORE_DIGITS}f}"):
        return f"±{0:.{SCORE_DIGITS}f}"
    return text


def format_date(day: dt.date) -> str:
    """``5 January 2026``: unambiguous for readers on both sides of the Atlantic."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_value(value: Any) -> str:
    """A measured value for a table cell; lists and objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.4g}"
    if isinstance(value, int | str):
        return plain(value)
    return plain(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))


def _balanced(text: str) -> bool:
    for opener, closer in _OPENERS.items():
        if text.count(opener) != text.count(closer):
            return False
    return text.count('"') % 2 == 0


def first_sentence(text: str) -> str:
    """The first sentence of `text`: the action itself, for lists where space is short.

    A full stop after an abbreviation (``e.g.``, ``Inc.``) or an initial
    (``J. Ortiz``), or inside brackets or quotes, does not end the sentence, so
    the action is never cut to a fragment. Text with no sentence end is
    returned whole.
    """
    for match in _SENTENCE_END.finditer(text):
        candidate = text[: match.end()]
        if _NOT_AN_END.search(text[: match.start() + 1]) or not _balanced(candidate):
            continue
        return candidate
    return text


def format_measured(value: Any, message: str = "") -> str:
    """A measured value in the unit its message states it in.

    A share is measured as a fraction (0.04) and worded as a percent ("4% on
    time"): when `value` is a fraction from 0 to 1 and `message` states it as a
    percent, the percent is shown. Any other value is shown as
    :func:`format_value` gives it.
    """
    if type(value) is float and 0.0 <= value <= 1.0 and message:
        stated = set(_PERCENT.findall(message))
        for digits in (0, 1, 2):
            percent = f"{value * 100:.{digits}f}"
            if percent in stated:
                return percent + "%"
    return format_value(value)


def _word_start(text: str, at: int) -> int:
    """`at` moved past a word it cuts into, then past spaces and punctuation."""
    while 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
        at += 1
    while at < len(text) and not text[at].isalnum():
        at += 1
    return at


def _word_end(text: str, at: int) -> int:
    """`at` moved back before a word it cuts into, then before spaces and punctuation."""
    while 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
        at -= 1
    while at > 0 and not (text[at - 1].isalnum() or text[at - 1] in ")]\"'"):
        at -= 1
    return at


def without_repeated_passage(
    recommendation: str, message: str, pointer: str = "as listed above"
) -> str:
    """`recommendation` without a long passage its finding's message already gives.

    A rule may name the same eleven KPIs, each with what it lacks, in its
    message and again in its recommendation. The longest passage the two share,
    cut to whole words, is replaced by `pointer` once it is at least
    :data:`REPEAT_MIN_CHARS` long; a shorter one (three action ids) stays.
    """
    if (
        len(recommendation) < REPEAT_MIN_CHARS
        or len(message) < REPEAT_MIN_CHARS
        or len(recommendation) > REPEAT_MAX_CHARS
        or len(message) > REPEAT_MAX_CHARS
    ):
        return recommendation
    from difflib import SequenceMatcher

    match = SequenceMatcher(None, message, recommendation, autojunk=False).find_longest_match()
    if match.size < REPEAT_MIN_CHARS:
        return recommendation
    start = _word_start(recommendation, match.b)
    end = _word_end(recommendation, match.b + match.size)
    if end - start < REPEAT_MIN_CHARS:
        return recommendation
    return recommendation[:start] + pointer + recommendation[end:]


def severity_rank(severity: Severity) -> int:
    """critical=4 ... info=0."""
    return SEVERITY_ORDER[severity]


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then lowest score, then rule id: the order to act in."""
    return sorted(
        findings,
        key=lambda f: (
            -severity_rank(f.severity),
            f.score if f.score is not None else 1.0,
            f.rule_id,
        ),
    )


def anchor(kind: str, key: str) -> str:
    """A fragment id safe in any document: ``finding-com001``."""
    return f"{kind}-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    rule_id: str
    title: str
    technique_title: str
    severity: str
    severity_label: str
    status_label: str
    message: str
    recommendation: str
    action: str
    evidence: list[str]
    evidence_named: bool
    """True when `evidence` names records as people would, False for JSON Pointers."""
    value: str
    owner_label: str
    anchor: str
    waiver_note: str
    points_text: str
    """``+4.5 points`` for an open failure whose fix would raise the score, else empty."""
    related: list[FindingView]
    """Findings folded into this one as the same defect."""

    @property
    def evidence_shown(self) -> list[str]:
        """The evidence shown at once: all of it, or the first :data:`EVIDENCE_SHOWN`."""
        if len(self.evidence) <= EVIDENCE_SHOWN + 1:
            return self.evidence
        return self.evidence[:EVIDENCE_SHOWN]

    @property
    def evidence_more(self) -> list[str]:
        """The evidence after :attr:`evidence_shown`, for "and N more"."""
        return self.evidence[len(self.evidence_shown) :]


@dataclass(frozen=True)
class StrengthView:
    rule_id: str
    message: str
    evidence: list[str]


@dataclass(frozen=True)
class TechniqueView:
    id: str
    title: str
    anchor: str
    score: float | None
    score_text: str
    coverage_text: str
    tier: str
    to_fix: list[FindingView]
    waived: list[FindingView]
    not_assessed: list[FindingView]
    strengths: list[StrengthView]
    passed: int
    rules_run: int
    trend: str = ""
    """``↑ improving: +5.4 since the previous period``, when the report carries a history."""


@dataclass(frozen=True)
class PartyView:
    party: str
    label: str
    actions: list[FindingView]

    @property
    def shown(self) -> list[FindingView]:
        return self.actions[:PARTY_LIST_LIMIT]

    @property
    def more(self) -> list[FindingView]:
        return self.actions[PARTY_LIST_LIMIT:]


@dataclass(frozen=True)
class DueView:
    date: str
    date_iso: str
    rule_id: str
    title: str
    owner_label: str
    message: str


ARROWS = {"improving": "↑", "declining": "↓", "steady": "→", "unknown": "·"}


def trend_text(t: Trend) -> str:
    """``↑ improving: +5.4 since the previous period, +12.0 on a year``."""
    changes = []
    if t.since_previous is not None:
        changes.append(f"{t.since_previous:+.1f} since the previous period")
    if t.since_year_ago is not None:
        changes.append(f"{t.since_year_ago:+.1f} on a year")
    head = f"{ARROWS[t.verdict]} {t.verdict}"
    if t.verdict == "unknown":
        head = f"{ARROWS[t.verdict]} too few periods for a trend"
    return head + (": " + ", ".join(changes) if changes else "")


@dataclass(frozen=True)
class WaiverView:
    rule: str
    owner: str
    reason: str
    expires: str
    status: str
    findings: str


@dataclass(frozen=True)
class ReportView:
    report: Report
    partnership_name: str
    partnership_id: str
    as_of: str
    as_of_iso: str
    phase: str
    days_since_start: int
    overall_text: str
    unwaived_text: str | None
    rating: str
    rating_label: str
    coverage_text: str
    severity_counts: list[tuple[str, str, int]]
    techniques: list[TechniqueView]
    parties: list[PartyView]
    waivers: list[WaiverView]
    warnings: list[str]
    top_fixes: list[FindingView]
    """The open failures whose fixes would restore the most points, most first."""
    caps: list[str]
    """Why the rating is capped, one reason per cap, worded for people."""
    uncapped_text: str | None
    """The overall score before the caps, when they lowered it."""
    not_applying: list[str]
    """Titles of techniques none of whose rules apply to this partnership."""
    due_soon: list[DueView]
    due_within_days: int
    overall_trend: str
    """The overall score's trend, when the report carries a history."""
    engine_version: str
    schema_version: str
    config_fingerprint: str
    plugins: list[str]

    @property
    def chart_points(self) -> list[tuple[str, float | None]]:
        return [(t.title, t.score) for t in self.techniques]

    @property
    def to_fix_count(self) -> int:
        return sum(len(t.to_fix) for t in self.techniques)

    @property
    def insufficient_data(self) -> bool:
        return self.report.rating == "insufficient_data"

    @property
    def strength_count(self) -> int:
        return sum(len(t.strengths) for t in self.techniques)


def score_tier(score: float | None) -> str:
    """A colour band for a 0-100 score (``high``, ``mid``, ``low``, ``none``).

    Only a visual cue beside the number itself; the configured rating bands do not
    travel in the report, so technique scores are not given rating names.
    """
    if score is None:
        return "none"
    if score >= 80:
        return "high"
    if score >= 60:
        return "mid"
    return "low"


TOP_FIXES = 5
"""Open failures listed under "top fixes by impact"."""


def format_points(points: float | None) -> str:
    """``+4.5 points`` (``+1 point``), or empty when fixing it would not move the score."""
    if points is None or points <= 0:
        return ""
    return f"+{points:.1f} points" if points != 1 else "+1.0 point"


def _finding_view(
    f: Finding,
    technique_titles: dict[str, str],
    folded: dict[str, list[Finding]] | None = None,
) -> FindingView:
    waiver_note = ""
    if f.waived and f.waiver is not None:
        waiver_note = (
            f"Waived until {format_date(f.waiver.expires)} by {plain(f.waiver.owner)}: "
            f"{plain(f.waiver.reason)}"
        )
    return FindingView(
        finding=f,
        rule_id=plain(f.rule_id),
        title=plain(f.title),
        technique_title=technique_titles.get(f.technique) or humanize(f.technique),
        severity=f.severity.value,
        severity_label=f.severity.value.capitalize(),
        status_label=STATUS_LABELS.get(f.status, humanize(f.status.value)),
        message=plain(f.message),
        recommendation=without_repeated_passage(plain(f.recommendation or ""), plain(f.message)),
        action=first_sentence(plain(f.recommendation or f.message)),
        evidence=[plain(e) for e in (f.evidence_named or f.evidence)],
        evidence_named=bool(f.evidence_named),
        value=format_measured(f.value, plain(f.message)),
        owner_label=OWNER_LABELS.get(f.owner, humanize(f.owner.value)),
        anchor=anchor("finding", f.rule_id),
        waiver_note=waiver_note,
        points_text=format_points(f.points_at_stake),
        related=[_finding_view(r, technique_titles) for r in (folded or {}).get(f.rule_id, [])],
    )


def what_is_working(report: Report) -> list[Strength]:
    """What the partnership does well: every rule it passes, listed once.

    A passed rule is worded by its strength when the rule has one, else by its
    message, so the count of strengths is the count of passed rules listed. A
    strength whose rule is not among the findings (a report narrowed to what
    is new since a baseline keeps only new strengths) is listed as it is.
    """
    worded = {s.rule_id: s for s in report.strengths}
    working: list[Strength] = []
    listed: set[str] = set()
    for f in report.findings:
        if f.status is not Status.PASSED or f.rule_id in listed:
            continue
        listed.add(f.rule_id)
        working.append(
            worded.get(f.rule_id)
            or Strength(
                rule_id=f.rule_id,
                technique=f.technique,
                message=f.strength or f.message,
                evidence=list(f.evidence),
            )
        )
    working += [s for s in report.strengths if s.rule_id not in listed]
    return working


def _strength_view(s: Strength) -> StrengthView:
    return StrengthView(plain(s.rule_id), plain(s.message), [plain(e) for e in s.evidence])


def _technique_view(
    t: TechniqueScore,
    findings: list[Finding],
    strengths: list[Strength],
    titles: dict[str, str],
    folded: dict[str, list[Finding]],
) -> TechniqueView:
    failed = [f for f in findings if f.status is Status.FAILED and f.related_to is None]
    return TechniqueView(
        id=t.technique,
        title=plain(t.title),
        anchor=anchor("technique", t.technique),
        score=t.score,
        score_text=format_score(t.score),
        coverage_text=format_percent(t.coverage),
        tier=score_tier(t.score),
        to_fix=[
            _finding_view(f, titles, folded) for f in by_severity(f for f in failed if not f.waived)
        ],
        waived=[
            _finding_view(f, titles, folded) for f in by_severity(f for f in failed if f.waived)
        ],
        not_assessed=[
            _finding_view(f, titles)
            for f in sorted(
                (f for f in findings if f.status in (Status.NOT_APPLICABLE, Status.ERROR)),
                key=lambda f: f.rule_id,
            )
        ],
        strengths=[_strength_view(s) for s in strengths],
        passed=t.passed,
        rules_run=t.rules_run,
    )


def _waiver_view(w: WaiverReport) -> WaiverView:
    return WaiverView(
        rule=plain(w.rule),
        owner=plain(w.owner),
        reason=plain(w.reason),
        expires=format_date(w.expires),
        status=humanize(w.status),
        findings=", ".join(plain(f) for f in w.findings),
    )


def build_view(report: Report) -> ReportView:
    """The presentation of `report`: the same input always gives the same view."""
    titles = {t.technique: plain(t.title) for t in report.techniques}
    findings_by: dict[str, list[Finding]] = {}
    for f in report.findings:
        findings_by.setdefault(f.technique, []).append(f)
    strengths_by: dict[str, list[Strength]] = {}
    for s in what_is_working(report):
        strengths_by.setdefault(s.technique, []).append(s)
    folded: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.related_to is not None:
            folded.setdefault(f.related_to, []).append(f)
    trends = {}
    if report.history is not None:
        trends = {t.technique: trend_text(t) for t in report.history.techniques}
    techniques = [
        dataclasses.replace(
            _technique_view(
                t,
                findings_by.get(t.technique, []),
                strengths_by.get(t.technique, []),
                titles,
                folded,
            ),
            trend=trends.get(t.technique, ""),
        )
        for t in report.techniques
        if t.applicable
    ]
    # Findings of a technique without a score entry still need a home.
    scored = {t.technique for t in report.techniques}
    for technique in sorted(set(findings_by) - scored):
        group = findings_by[technique]
        stub = TechniqueScore(
            technique=technique,
            title=humanize(technique),
            score=None,
            unwaived_score=None,
            coverage=0.0,
            weight=0.0,
            rules_run=len(group),
            passed=sum(f.status is Status.PASSED for f in group),
            failed=sum(f.status is Status.FAILED for f in group),
            not_applicable=sum(f.status is Status.NOT_APPLICABLE for f in group),
            errors=sum(f.status is Status.ERROR for f in group),
        )
        techniques.append(
            _technique_view(stub, group, strengths_by.get(technique, []), titles, folded)
        )

    to_fix = by_severity(report.failed())
    parties = [
        PartyView(
            party=owner.value,
            label=OWNER_LABELS[owner],
            actions=[_finding_view(f, titles, folded) for f in to_fix if f.owner is owner],
        )
        for owner in (Owner.CLIENT, Owner.PROVIDER, Owner.BOTH)
    ]
    top_fixes = [
        _finding_view(f, titles, folded)
        for f in report.top_fixes(TOP_FIXES)
        if (f.points_at_stake or 0) > 0
    ]
    uncapped_text = None
    if report.caps and report.uncapped_score != report.overall_score:
        uncapped_text = format_score(report.uncapped_score)
    counts = [
        (s.value, s.value.capitalize(), sum(f.severity is s for f in to_fix)) for s in Severity
    ]
    unwaived = None
    if report.unwaived_overall_score != report.overall_score:
        unwaived = format_score(report.unwaived_overall_score)
    return ReportView(
        report=report,
        partnership_name=plain(report.partnership_name),
        partnership_id=plain(report.partnership_id),
        as_of=format_date(report.as_of),
        as_of_iso=report.as_of.isoformat(),
        phase=humanize(report.phase.value),
        days_since_start=report.days_since_start,
        overall_text=format_score(report.overall_score),
        unwaived_text=unwaived,
        rating=re.sub(r"[^a-z0-9_]", "", report.rating.lower()),
        rating_label=humanize(report.rating),
        coverage_text=format_percent(report.coverage),
        severity_counts=counts,
        techniques=techniques,
        parties=parties,
        waivers=[_waiver_view(w) for w in report.waivers],
        warnings=[plain(w) for w in report.warnings],
        top_fixes=top_fixes,
        caps=[f"at most {humanize(c.at_most).lower()}: {plain(c.reason)}" for c in report.caps],
        uncapped_text=uncapped_text,
        not_applying=[plain(t.title) for t in report.techniques if not t.applicable],
        due_soon=[
            DueView(
                date=format_date(item.due),
                date_iso=item.due.isoformat(),
                rule_id=plain(item.rule_id),
                title=plain(item.title),
                owner_label=OWNER_LABELS.get(Owner(item.owner), humanize(item.owner))
                if item.owner in {o.value for o in Owner}
                else plain(item.owner),
                message=plain(item.message),
            )
            for item in report.due_soon
        ],
        due_within_days=report.due_within_days,
        overall_trend=trend_text(report.history.overall) if report.history else "",
        engine_version=plain(report.engine_version),
        schema_version=plain(report.schema_version),
        config_fingerprint=plain(report.config_fingerprint),
        plugins=[plain(p) for p in report.plugins],
    )
