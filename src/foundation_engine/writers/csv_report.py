"""Built-in plugin: the CSV report writer (``--format csv``) and the batch summary CSV.

One row per finding, for people who sort and filter in a spreadsheet (then,
when the state holds a pulse, the perception table: each side's view per
technique beside the records), and :func:`summary_rows_csv`, one row per
partnership with its technique scores, for comparing a portfolio.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
in some, a tab or carriage return) as a formula, so a state value such as
``=HYPERLINK(...)`` could act when a colleague opens the file. Following
OWASP's advice on CSV injection, every text cell that starts with one of
these characters is prefixed with a single quote, and so is one that starts
with them after leading whitespace (`` =1+1``, a line feed then ``=``) or in
a compatibility form that spreadsheets read alike (the fullwidth ``＝``).
Control, bidirectional and invisible characters become visible escapes; tab,
line feed and carriage return stay, as CSV allows them in a quoted cell. Numbers the engine computed
(scores, counts) are written as plain numbers and are never prefixed.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from foundation_engine.plugin.hookspecs import hookimpl
from foundation_engine.report.escaping import escape_unsafe
from foundation_engine.report.model import Finding, Report, severity_rank

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_CHARACTERS = "=+-@"

FINDING_COLUMNS = (
    "priority",
    "partnership_id",
    "partnership_name",
    "as_of",
    "rule_id",
    "technique",
    "title",
    "status",
    "severity_rank",
    "severity",
    "score",
    "weight",
    "value",
    "value_number",
    "value_text",
    "message",
    "evidence",
    "recommendation",
    "action",
    "owner",
    "waived",
    "waiver_owner",
    "waiver_reason",
    "waiver_expires",
    "fingerprint",
    "points_at_stake",
    "related_to",
    "evidence_named",
)
"""The columns of the per-finding CSV, in order. Columns may be added, never renamed.

Columns added since the first release sit beside the ones they belong with
(``partnership_name`` and ``as_of`` after ``partnership_id``, ``severity_rank``
before ``severity``...); the others keep their order relative to each other.
"""

CELL_MOST = 32_000
"""Characters a cell keeps: spreadsheets hold at most 32,767 in a cell and cut the rest."""

_STATUS_ORDER = {"failed": 0, "error": 3, "not_applicable": 4, "passed": 5}

SUMMARY_COLUMNS = (
    "partnership_id",
    "partnership_name",
    "as_of",
    "phase",
    "overall_score",
    "rating",
    "coverage",
    "findings_to_fix",
)
"""The leading columns of the summary CSV; a ``score_<technique>`` column per technique follows."""


def safe_cell(value: object) -> str | int | float:
    """A value ready for a CSV cell: numbers as they are, text neutralised against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = (
        value
        if isinstance(value, str)
        else json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    )
    text = escape_unsafe(text, "cells")
    if text.startswith(FORMULA_START) or _looks_like_formula(text):
        return "'" + text
    return text


def _looks_like_formula(text: str) -> bool:
    """Whether `text`, once leading whitespace is dropped and its first character is read in
    its compatibility form (NFKC: ``＝`` is ``=``), starts a formula."""
    rest = text.lstrip()
    return bool(rest) and unicodedata.normalize("NFKC", rest[0])[:1] in FORMULA_CHARACTERS


def _score(value: float | None, digits: int) -> str | float:
    return "" if value is None else round(value, digits)


def by_priority(report: Report) -> list[Finding]:
    """The findings in the order to act on them, as the CSV lists them.

    Open failures first, by severity and then the points fixing them would
    restore (:meth:`Report.prioritised`); then findings folded into another as
    the same defect, waived failures, rules that could not run, rules without
    data, and passed rules, each by severity, then rule id.
    """
    first = report.prioritised()
    shown = {id(f) for f in first}

    def group(f: Finding) -> int:
        if f.status.value == "failed":
            return 2 if f.waived else 1
        return _STATUS_ORDER.get(f.status.value, 6)

    rest = sorted(
        (f for f in report.findings if id(f) not in shown),
        key=lambda f: (group(f), -severity_rank(f.severity), f.rule_id),
    )
    return [*first, *rest]


def _number(value: Any) -> float | int | None:
    """`value` when it is a number (a share as a fraction from 0 to 1), else None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None


def _readable(value: Any) -> Any:
    """A long text cut to what a spreadsheet cell holds, saying how much was left out."""
    if isinstance(value, str) and len(value) > CELL_MOST:
        return value[:CELL_MOST] + f" [{len(value) - CELL_MOST:,} more characters]"
    return value


def finding_row(report: Report, f: Finding, priority: int = 0) -> list[str | int | float]:
    """One finding as a CSV row in :data:`FINDING_COLUMNS` order; `priority` is its rank."""
    # The view's wording helpers load with the first report written, not with the plugin.
    from foundation_engine.report.view import (
        first_sentence,
        format_measured,
        without_repeated_passage,
    )

    message = f.message
    recommendation = (
        without_repeated_passage(f.recommendation, message, "as listed in the message")
        if f.recommendation
        else None
    )
    cells: list[Any] = [
        priority or None,
        report.partnership_id,
        report.partnership_name,
        report.as_of.isoformat(),
        f.rule_id,
        f.technique,
        f.title,
        f.status.value,
        severity_rank(f.severity),
        f.severity.value,
        _score(None if f.score is None else f.score * 100, 1),
        f.weight,
        f.value,
        _number(f.value),
        format_measured(f.value, message) if f.value is not None else None,
        message,
        " ".join(f.evidence),
        recommendation,
        first_sentence(f.recommendation) if f.recommendation else None,
        f.owner.value,
        f.waived,
        f.waiver.owner if f.waiver else None,
        f.waiver.reason if f.waiver else None,
        f.waiver.expires.isoformat() if f.waiver else None,
        f.fingerprint,
        f.points_at_stake,
        f.related_to,
        "; ".join(f.evidence_named),
    ]
    return [safe_cell(_readable(c)) for c in cells]


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(report: Report) -> str:
    """One row per finding, most urgent first (:func:`by_priority`), RFC 4180 line endings.

    A report whose state holds a pulse wave gets a second table after one
    empty line: :func:`perception_csv`, headed by its own header row.
    """
    rows = (finding_row(report, f, i) for i, f in enumerate(by_priority(report), 1))
    findings = _csv(FINDING_COLUMNS, rows)
    perception = perception_csv(report)
    return findings + "\r\n" + perception if perception else findings


PERCEPTION_COLUMNS = (
    "partnership_id",
    "wave",
    "technique",
    "row",
    "statement",
    "party",
    "text",
    "client_respondents",
    "client_average",
    "provider_respondents",
    "provider_average",
    "gap",
    "records",
    "gap_flagged",
    "client_quadrant",
    "provider_quadrant",
    "both_quadrant",
)
"""The columns of the perception table, in order. Columns may be added, never renamed.

``row`` says what a row is: ``technique`` (both sides' view of a technique in
one wave, every wave; the records and the verdicts on the latest), ``statement``
(one statement in the latest wave; ``text`` is its wording) or ``comment``
(``party`` wrote ``text`` beside an answer). An average withheld because too
few of a side answered reads ``too few responses``.
"""

TOO_FEW = "too few responses"


def _average(value: float | None) -> str | float:
    return TOO_FEW if value is None else value


def perception_csv(report: Report) -> str:
    """The perception table of `report`, or an empty string when it has no pulse wave."""
    p = report.perception
    if p is None or not p.waves:
        return ""
    latest = p.latest.isoformat() if p.latest else ""
    rows: list[list[Any]] = []
    for t in p.techniques:
        quadrants = t.quadrants or {}
        for w in t.waves:
            now = w.date.isoformat() == latest
            rows.append(
                [
                    report.partnership_id,
                    w.date.isoformat(),
                    t.technique,
                    "technique",
                    None,
                    None,
                    w.name,
                    t.client.respondents if now else None,
                    _average(w.client),
                    t.provider.respondents if now else None,
                    _average(w.provider),
                    w.gap,
                    t.records if now else None,
                    t.gap_flagged if now else None,
                    quadrants.get("client") if now else None,
                    quadrants.get("provider") if now else None,
                    quadrants.get("both") if now else None,
                ]
            )
        for s in t.statements:
            rows.append(
                [
                    report.partnership_id,
                    latest,
                    t.technique,
                    "statement",
                    s.statement,
                    None,
                    s.text,
                    s.client.respondents,
                    _average(s.client.average),
                    s.provider.respondents,
                    _average(s.provider.average),
                    s.gap,
                    *([None] * 5),
                ]
            )
        for c in t.comments:
            rows.append(
                [
                    report.partnership_id,
                    latest,
                    t.technique,
                    "comment",
                    c.statement,
                    c.party.value,
                    c.text,
                    *([None] * 10),
                ]
            )
    return _csv(PERCEPTION_COLUMNS, ([safe_cell(c) for c in row] for row in rows))


def summary_rows_csv(rows: Iterable[Report], techniques: Sequence[str] | None = None) -> str:
    """One row per partnership: id, name, date, phase, overall, rating, coverage, scores.

    ``techniques`` fixes the technique columns and their order (``score_<id>``);
    by default they are the techniques met in `rows`, in order of first
    appearance. A technique a partnership has no score for is an empty cell.
    """
    reports = list(rows)
    if techniques is None:
        seen: dict[str, None] = {}
        for report in reports:
            for t in report.techniques:
                seen.setdefault(t.technique)
        techniques = list(seen)
    header = [*SUMMARY_COLUMNS, *(f"score_{t}" for t in techniques)]
    body = []
    for report in reports:
        scores = {t.technique: t.score for t in report.techniques}
        cells: list[Any] = [
            report.partnership_id,
            report.partnership_name,
            report.as_of.isoformat(),
            report.phase.value,
            _score(report.overall_score, 2),
            report.rating,
            _score(report.coverage, 4),
            len(report.failed()),
            *(_score(scores.get(t), 2) for t in techniques),
        ]
        body.append([safe_cell(c) for c in cells])
    return _csv(header, body)


@hookimpl(trylast=True)
def register_report_writers(register: Callable[..., None]) -> None:
    register("csv", write_csv, media_type="text/csv", suffix=".csv")
