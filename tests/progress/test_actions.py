"""The open findings as an action list: Markdown checklist and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

from foundation_engine import Engine
from foundation_engine.writers.action_list import (
    CSV_COLUMNS,
    SUGGESTED_DAYS,
    actions,
    actions_csv,
    actions_markdown,
)
from tests.conftest import EXAMPLES


def test_every_open_finding_becomes_one_action_in_priority_order(engine: Engine) -> None:
    report = engine.assess(EXAMPLES / "struggling-partnership.json")
    items = actions(report)
    assert [a.finding.rule_id for a in items] == [f.rule_id for f in report.prioritised()]
    first = items[0]
    assert first.due == report.as_of + dt.timedelta(days=SUGGESTED_DAYS[first.finding.severity])
    assert first.due_source == "suggested"
    agreed = actions(report, {first.finding.rule_id: dt.date(2026, 10, 5)})[0]
    assert (agreed.due, agreed.due_source) == (dt.date(2026, 10, 5), "agreed")


def test_the_list_exports_as_a_markdown_checklist_and_as_csv(engine: Engine) -> None:
    report = engine.assess(EXAMPLES / "struggling-partnership.json")
    items = actions(report)
    markdown = actions_markdown(report, items)
    assert markdown.count("- [ ] ") == len(items)
    rows = list(csv.reader(io.StringIO(actions_csv(report, items))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(items) + 1
    owner = rows[1][CSV_COLUMNS.index("owner")]
    points = rows[1][CSV_COLUMNS.index("points_at_stake")]
    assert owner in {"Client", "Provider", "Both together"}
    assert float(points) > 0
