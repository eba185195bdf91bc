"""The CSV writers: one row per finding, one row per partnership, no formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest

from foundation_engine.checks.outcome import Status
from foundation_engine.report.model import Report
from foundation_engine.rulebook.model import Severity
from foundation_engine.testing.builder import StateBuilder
from foundation_engine.writers.csv_report import (
    FINDING_COLUMNS,
    FORMULA_START,
    summary_rows_csv,
    write_csv,
)

from .conftest import struggling_state
from .samples import TECHNIQUES, make_finding, sample_findings, sample_report

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


FIRST_COLUMNS = (
    "partnership_id",
    "rule_id",
    "technique",
    "title",
    "status",
    "severity",
    "score",
    "weight",
    "value",
    "message",
    "evidence",
    "recommendation",
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
"""The columns of the first release: none is ever renamed or dropped."""


def test_every_column_ever_published_is_still_there_in_its_relative_order() -> None:
    kept = [c for c in FINDING_COLUMNS if c in FIRST_COLUMNS]
    assert kept == list(FIRST_COLUMNS)


def test_one_row_per_finding_with_the_documented_columns(sample: Report) -> None:
    text = write_csv(sample)
    assert text.splitlines()[0].split(",") == list(FINDING_COLUMNS)
    parsed = rows(text)
    assert sorted(r["rule_id"] for r in parsed) == sorted(f.rule_id for f in sample.findings)
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
    assert row["value_number"] == "-5"
    assert row["score"] == "0.0"


def test_rows_come_in_the_order_to_act_on_them(sample: Report) -> None:
    parsed = rows(write_csv(sample))
    assert [r["priority"] for r in parsed] == [str(i) for i in range(1, len(parsed) + 1)]
    assert [r["rule_id"] for r in parsed] == [
        # open failures: severity, then points at stake
        *("PUR001", "URG001", "COM001", "REC001", "COM002", "MET004", "IMP002"),
        "REC003",  # waived
        "URG003",  # could not run
        "COM003",  # no data
        *("IMP001", "MET001", "PUR002"),  # passed, by severity then id
    ]
    ranks = [int(r["severity_rank"]) for r in parsed[:7]]
    assert ranks == sorted(ranks, reverse=True)
    header = list(parsed[0])
    assert header.index("severity_rank") + 1 == header.index("severity")


def test_points_at_stake_break_ties_within_a_severity() -> None:
    findings = [
        make_finding("COM010", "communication", severity=Severity.HIGH, points_at_stake=1.5),
        make_finding("COM011", "communication", severity=Severity.HIGH, points_at_stake=4.0),
        make_finding("COM012", "communication", severity=Severity.CRITICAL, points_at_stake=0.5),
    ]
    parsed = rows(write_csv(sample_report(findings=findings)))
    assert [r["rule_id"] for r in parsed] == ["COM012", "COM011", "COM010"]


def test_each_row_names_the_partnership_and_the_date(sample: Report) -> None:
    for row in rows(write_csv(sample)):
        assert row["partnership_name"] == "Acme Corp & TalentCo RPO"
        assert row["as_of"] == "2026-01-05"


def test_scores_are_on_the_reports_0_to_100_scale(sample: Report) -> None:
    parsed = {r["rule_id"]: r for r in rows(write_csv(sample))}
    assert parsed["COM001"]["score"] == "20.0"  # a rule score of 0.2, as the reports show it
    assert parsed["PUR002"]["score"] == "100.0"
    assert parsed["COM003"]["score"] == ""  # no data


def test_each_value_column_holds_one_kind_of_value() -> None:
    findings = [
        make_finding("COM001", "communication", value=42, message="42 days."),
        make_finding("COM002", "communication", value=0.38, message="38% of meetings."),
        make_finding("REC007", "recognition", value=False, message="No incentive."),
        make_finding("PUR001", "purpose", value=["provider"], message="Signed by the provider."),
        make_finding("MET006", "metrics", value="2026-03-01", message="Changed on 2026-03-01."),
        make_finding("COM003", "communication", Status.NOT_APPLICABLE),
    ]
    parsed = {r["rule_id"]: r for r in rows(write_csv(sample_report(findings=findings)))}
    numbers = {rule: r["value_number"] for rule, r in parsed.items()}
    assert numbers == {
        "COM001": "42",
        "COM002": "0.38",
        "REC007": "",
        "PUR001": "",
        "MET006": "",
        "COM003": "",
    }
    for cell in numbers.values():
        assert cell == "" or float(cell) == float(cell)
    texts = {rule: r["value_text"] for rule, r in parsed.items()}
    assert texts == {
        "COM001": "42",
        "COM002": "38%",  # as its message says it
        "REC007": "no",
        "PUR001": '["provider"]',
        "MET006": "2026-03-01",
        "COM003": "",
    }


def test_long_cells_stay_readable() -> None:
    kpis = "; ".join(f"KPI {n} (no definition, target, baseline, owner)" for n in range(11))
    huge = "x" * 40_000
    findings = [
        make_finding(
            "MET004",
            "metrics",
            message=f"11 KPIs are incomplete: {kpis}.",
            recommendation=f"Complete the KPI sheet together. Missing today: {kpis}. Then agree.",
        ),
        make_finding("MET005", "metrics", message=huge),
    ]
    parsed = {r["rule_id"]: r for r in rows(write_csv(sample_report(findings=findings)))}
    met004 = parsed["MET004"]
    assert met004["recommendation"] == (
        "Complete the KPI sheet together. Missing today: as listed in the message. Then agree."
    )
    assert met004["action"] == "Complete the KPI sheet together."
    assert kpis in met004["message"]
    cut = parsed["MET005"]["message"]
    assert len(cut) < 32_767 and cut.endswith("[8,000 more characters]")


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
