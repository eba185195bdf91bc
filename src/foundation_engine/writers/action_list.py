"""The open findings as an action list (Markdown checklist, CSV), for a tracker or a QBR deck.

One action per open finding, in priority order (severity, then points at
stake): who acts, what to do (the recommendation's first, complete sentence,
with the full text beside it), by when, and the points fixing it restores. A
due date the partnership agreed for the finding is used when the state records
one; otherwise a suggested date by severity, marked as suggested: critical
within a week, high within two, medium within a month, low within two months.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from foundation_engine.report.escaping import md_text
from foundation_engine.report.model import Finding, Report
from foundation_engine.report.view import OWNER_LABELS, first_sentence, plain
from foundation_engine.rulebook.model import Severity
from foundation_engine.writers.csv_report import safe_cell

#: Days from the assessment date to a suggested due date, by severity.
SUGGESTED_DAYS = {
    Severity.CRITICAL: 7,
    Severity.HIGH: 14,
    Severity.MEDIUM: 30,
    Severity.LOW: 60,
    Severity.INFO: 90,
}

CSV_COLUMNS = (
    "partnership_id",
    "rule_id",
    "title",
    "owner",
    "action",
    "details",
    "due",
    "due_source",
    "severity",
    "points_at_stake",
    "fingerprint",
)


@dataclass(frozen=True)
class Action:
    finding: Finding
    owner: str
    action: str
    details: str
    due: dt.date
    due_source: str
    """``agreed`` when the partnership recorded a due date for it, else ``suggested``."""


def actions(report: Report, agreed: dict[str, dt.date] | None = None) -> list[Action]:
    """The open findings of `report` as actions.

    A due date comes from `agreed` (rule id to date) when given, else from the
    open agreed actions the report reviewed, else it is suggested by severity.
    """
    if agreed is None:
        agreed = {a.rule_id: a.due for a in report.agreed_actions if a.status == "open"}
    out = []
    for f in report.prioritised():
        text = plain(f.recommendation or f.message)
        due = agreed.get(f.rule_id)
        out.append(
            Action(
                finding=f,
                owner=OWNER_LABELS.get(f.owner, f.owner.value),
                action=first_sentence(text),
                details=text,
                due=due or report.as_of + dt.timedelta(days=SUGGESTED_DAYS[f.severity]),
                due_source="agreed" if due else "suggested",
            )
        )
    return out


def actions_markdown(report: Report, items: list[Action]) -> str:
    """A Markdown checklist grouped by who acts."""
    lines = [
        f"# Actions for {md_text(report.partnership_name)}",
        "",
        f"From the assessment of {report.as_of.isoformat()}: {len(items)} open finding(s), "
        "most important first. Suggested dates follow the severity; agreed dates are the "
        "partnership's own.",
    ]
    for owner in dict.fromkeys(a.owner for a in items):
        lines += ["", f"## {md_text(owner)}", ""]
        for a in (a for a in items if a.owner == owner):
            f = a.finding
            points = f" · +{f.points_at_stake:.1f} points" if f.points_at_stake else ""
            lines.append(
                f"- [ ] **{md_text(a.action)}** ({md_text(f.rule_id)}, "
                f"{f.severity.value}{points}; due {a.due.isoformat()}, {a.due_source})"
            )
    if not items:
        lines += ["", "Nothing is open."]
    return "\n".join(lines) + "\n"


def actions_csv(report: Report, items: list[Action]) -> str:
    """One row per action, RFC 4180 line endings, cells neutralised against formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for a in items:
        f = a.finding
        cells = [
            report.partnership_id,
            f.rule_id,
            f.title,
            a.owner,
            a.action,
            a.details,
            a.due.isoformat(),
            a.due_source,
            f.severity.value,
            f.points_at_stake,
            f.fingerprint,
        ]
        writer.writerow([safe_cell(c) for c in cells])
    return buffer.getvalue()
