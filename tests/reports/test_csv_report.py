"""The CSV writers: one row per finding, one row per partnership, no formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest

from foundation_engine.report.model import Report
from foundation_engine.testing.builder import StateBuilder
from foundation_engine.writers.csv_report import (
    FINDING_COLUMNS,
    FORMULA_START,
    summary_rows_csv,
    write_csv,
)

from .conftest import struggling_state
from .samples import TECHNIQUES, sample_findings, sample_report

FORMULAS = (
    '=HYPERLINK("http://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_one_row_per_finding_with_the_documented_columns(sample: Report) -> None:
    text = write_csv(sample)
    assert text.splitlines()[0].split(",") == list(FINDING_COLUMNS)
    parsed = rows(text)
    assert [r["rule_id"] for r in parsed] == [f.rule_id for f in sample.findings]
    com001 = next(r for r in parsed if r["rule_id"] == "COM001")
    assert com001["status"] == "failed"
    assert com001["severity"] == "high"
    assert com001["value"] == "42"
    assert com001["evidence"] == "/communications/7 /communications/8"
    assert com001["owner"] == "both"
    rec003 = next(r for r in parsed if r["rule_id"] == "REC003")
    assert rec003["waived"] == "true"
    assert rec003["waiver_owner"] == "J. Ortiz (client TA lead)"
    assert rec003["waiver_expires"] == "2026-03-31"


@pytest.mark.parametrize("payload", FORMULAS)
def test_cells_a_spreadsheet_would_run_are_neutralised(payload: str) -> None:
    findings = [
        f.model_copy(
            update={
                "message": payload,
                "recommendation": payload,
                "title": payload,
                "value": payload,
                "evidence": [payload],
            }
        )
        for f in sample_findings()
    ]
    report = sample_report(partnership_id=payload, findings=findings)
    for row in rows(write_csv(report)):
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_START), (column, cell)
        assert row["message"] == "'" + payload
        assert row["partnership_id"] == "'" + payload


def test_numbers_the_engine_computed_are_not_prefixed() -> None:
    findings = [f.model_copy(update={"value": -5}) for f in sample_findings()[:1]]
    row = rows(write_csv(sample_report(findings=findings)))[0]
    assert row["value"] == "-5"
    assert row["score"] == "0.0"


def test_summary_has_one_row_per_partnership_and_a_column_per_technique() -> None:
    first = sample_report()
    second = sample_report(
        partnership_id="beta",
        partnership_name="=Beta & Co",
        technique_scores=[t for t in TECHNIQUES if t[0] != "urgency"],
    )
    parsed = rows(summary_rows_csv([first, second]))
    assert [r["partnership_id"] for r in parsed] == ["acme-talentco", "beta"]
    assert parsed[1]["partnership_name"] == "'=Beta & Co"
    assert parsed[0]["score_communication"] == "41.5"
    assert parsed[0]["overall_score"] == "59.75"
    assert parsed[0]["rating"] == "fragile"
    assert parsed[0]["findings_to_fix"] == str(len(first.failed()))
    assert parsed[1]["score_urgency"] == ""
    assert [c for c in parsed[0] if c.startswith("score_")] == [f"score_{t[0]}" for t in TECHNIQUES]


def test_summary_columns_can_be_fixed_by_the_caller() -> None:
    text = summary_rows_csv([sample_report()], techniques=["urgency", "purpose", "extra"])
    header = text.splitlines()[0].split(",")
    assert header[-3:] == ["score_urgency", "score_purpose", "score_extra"]
    assert rows(text)[0]["score_extra"] == ""


def test_same_report_renders_identically(assessed: Callable[[StateBuilder], Report]) -> None:
    assert write_csv(assessed(struggling_state())) == write_csv(assessed(struggling_state()))
