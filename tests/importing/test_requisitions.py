"""ATS requisition exports: one preset per system, a custom mapping for anything else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from foundation_engine.errors import ConfigError, InputError, ParseError
from foundation_engine.files.limits import DEFAULT_LIMITS
from foundation_engine.importing.mapping import RequisitionMapping, load_mapping
from foundation_engine.importing.requisitions import PRESETS, import_requisitions


def export(tmp_path: Path, text: str, name: str = "requisitions.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def records(path: str, ats: str | None = None, **mapping: Any) -> list[dict[str, Any]]:
    settings = RequisitionMapping(**mapping)
    return [
        {k: v for k, v in r.items() if k != "source"}
        for r in import_requisitions(path, settings, DEFAULT_LIMITS, ats).requisitions
    ]


def test_greenhouse_job_openings(tmp_path: Path) -> None:
    # The fields of a Greenhouse job opening as the Harvest API documents them
    # (developers.greenhouse.io/harvest.html#job-openings) and the BI Connector's openings
    # table repeats them; timestamps in UTC.
    path = export(
        tmp_path,
        "id,opening_id,status,opened_at,closed_at,application_id,close_reason\n"
        "123,3-1,closed,2026-01-05T14:42:58Z,2026-02-20T10:00:00Z,4567,Hire - New Headcount\n"
        "124,3-2,closed,2026-01-05T14:42:58Z,2026-01-30T09:00:00Z,,Position Cancelled\n"
        "125,3-3,open,2026-03-02 09:00:00.000,,,\n",
    )
    assert records(path, "greenhouse") == [
        {"id": "3-1", "opened": "2026-01-05", "filled": "2026-02-20"},
        {"id": "3-2", "opened": "2026-01-05", "cancelled": "2026-01-30"},
        {"id": "3-3", "opened": "2026-03-02"},
    ]


def test_lever_requisitions(tmp_path: Path) -> None:
    # The fields of a Lever requisition as the Lever API documents them
    # (hire.lever.co/developer/documentation#requisitions); times are epoch milliseconds.
    path = export(
        tmp_path,
        "id,requisitionCode,name,status,createdAt,updatedAt,headcountTotal,headcountHired\n"
        "a1,ENG-145,Backend Engineer,closed,1767610800000,1771581600000,1,1\n"
        "a2,ENG-146,Designer,closed,1767610800000,1769763600000,2,0\n"
        "a3,ENG-147,Analyst,open,1772442000000,1772442000000,1,0\n"
        "a4,ENG-148,Intern,draft,1772442000000,1772442000000,1,0\n",
    )
    imported = import_requisitions(path, RequisitionMapping(), DEFAULT_LIMITS, "lever")
    assert [{k: v for k, v in r.items() if k != "source"} for r in imported.requisitions] == [
        {"id": "ENG-145", "opened": "2026-01-05", "filled": "2026-02-20"},
        {"id": "ENG-146", "opened": "2026-01-05", "cancelled": "2026-01-30"},
        {"id": "ENG-147", "opened": "2026-03-02"},
    ]
    assert [str(s) for s in imported.skipped] == [
        "requisitions.csv:5: requisition ENG-148 is 'draft', not opened yet"
    ]


def test_workday_job_requisitions(tmp_path: Path) -> None:
    # Workday's job requisition fields as the Create Job Requisition task names them
    # (Recruiting Start Date, Target Hire Date) and the three statuses a requisition has,
    # Open, Filled and Closed (without a hire), as customers' published Workday job aids
    # describe them (Grand Valley State University, "Job Requisitions").
    path = export(
        tmp_path,
        "Job Requisition ID,Job Posting Title,Job Requisition Status,Recruiting Start Date,"
        "Target Hire Date,Close Date\n"
        "R-00145,Staff Nurse,Filled,01/05/2026,03/01/2026,02/20/2026\n"
        "R-00146,Porter,Closed,01/05/2026,03/01/2026,01/30/2026\n"
        "R-00147,Midwife,Open,03/02/2026,05/01/2026,\n",
    )
    assert records(path, "workday", date_formats=["%m/%d/%Y"]) == [
        {"id": "R-00145", "opened": "2026-01-05", "filled": "2026-02-20"},
        {"id": "R-00146", "opened": "2026-01-05", "cancelled": "2026-01-30"},
        {"id": "R-00147", "opened": "2026-03-02"},
    ]


def test_icims_jobs(tmp_path: Path) -> None:
    # ID, Title and Folder as the iCIMS Job profile labels them (iCIMS Community,
    # "Introduction to the Job Profile"); the folder holds the job's state. Date columns
    # depend on the search's output template: these are the names the preset looks for.
    path = export(
        tmp_path,
        "ID,Title,Folder,Date Opened,Date Closed\n"
        "2026-1045,Radiographer,Closed (Filled),2026-01-05,2026-02-20\n"
        "2026-1046,Coder,Closed (Not Filled),2026-01-05,2026-01-30\n"
        "2026-1047,Physiotherapist,Open,2026-03-02,\n",
    )
    assert records(path, "icims") == [
        {"id": "2026-1045", "opened": "2026-01-05", "filled": "2026-02-20"},
        {"id": "2026-1046", "opened": "2026-01-05", "cancelled": "2026-01-30"},
        {"id": "2026-1047", "opened": "2026-03-02"},
    ]


@pytest.mark.parametrize(
    ("header", "preset"),
    [
        ("id,opening_id,status,opened_at,closed_at,application_id", "greenhouse"),
        ("id,requisitionCode,status,createdAt,updatedAt,headcountTotal,headcountHired", "lever"),
        ("Job Requisition ID,Job Requisition Status,Recruiting Start Date,Close Date", "workday"),
        ("ID,Title,Folder,Date Opened,Date Closed", "icims"),
    ],
)
def test_the_preset_is_found_from_the_headers(tmp_path: Path, header: str, preset: str) -> None:
    path = export(tmp_path, header + "\n")
    imported = import_requisitions(path, RequisitionMapping(), DEFAULT_LIMITS)
    assert imported.detail == f"{PRESETS[preset].title} preset"


def test_a_custom_mapping_reads_any_export(tmp_path: Path) -> None:
    path = export(
        tmp_path,
        "Req #,Approved,Recruiter assigned on,Intake held,Offer accepted,Withdrawn\n"
        "77,2026-01-05,2026-01-05,2026-01-08,2026-02-20,\n",
    )
    mapping_file = tmp_path / "mapping.toml"
    mapping_file.write_text(
        "[requisitions.columns]\n"
        'id = "Req #"\nopened = "Approved"\nassigned = "Recruiter assigned on"\n'
        'intake = "Intake held"\nfilled = "Offer accepted"\ncancelled = "Withdrawn"\n'
    )
    settings = load_mapping(mapping_file).requisitions
    imported = import_requisitions(path, settings, DEFAULT_LIMITS)
    assert imported.detail == "column mapping preset"
    assert imported.requisitions == [
        {
            "id": "77",
            "opened": "2026-01-05",
            "assigned": "2026-01-05",
            "intake": "2026-01-08",
            "filled": "2026-02-20",
            "source": {"file": "requisitions.csv", "row": 2},
        }
    ]


def test_a_missing_column_is_a_located_error_naming_what_was_looked_for(tmp_path: Path) -> None:
    path = export(tmp_path, "opening_id,status,closed_at\n3-1,closed,2026-02-20\n")
    with pytest.raises(ParseError) as caught:
        records(path, "greenhouse")
    assert str(caught.value.problems[0]) == (
        f"{path}:1: no column for the requisition's opened (Greenhouse headers looked for: "
        "opened: opened_at, Opened At, Open Date, Opened Date); found: opening_id, status, "
        "closed_at. Name the columns in the mapping under [requisitions.columns]"
    )


def test_headers_matching_no_preset_are_refused_with_the_choices(tmp_path: Path) -> None:
    path = export(tmp_path, "Name,Team\nx,y\n")
    with pytest.raises(ParseError, match="no ATS preset matches the headers"):
        records(path)


def test_a_bad_date_names_the_line_and_column(tmp_path: Path) -> None:
    path = export(tmp_path, "opening_id,status,opened_at,closed_at\n3-1,open,24/06,\n")
    with pytest.raises(InputError) as caught:
        records(path, "greenhouse")
    assert str(caught.value.problems[0]) == (
        f"{path}:2: column 'opened_at': expected a date like 2026-03-31, got \"24/06\""
    )


def test_rows_that_are_no_requisition_are_skipped_with_the_reason(tmp_path: Path) -> None:
    path = export(
        tmp_path,
        "Job Requisition ID,Job Requisition Status,Recruiting Start Date,Close Date\n"
        "R-1,Draft,,\n"
        "R-2,Open,,\n"
        "R-3,Frozen,2026-01-05,\n"
        "R-4,Transferred,2026-01-05,2026-02-01\n"
        ",,,\n"
        "Total: 4,,,\n",
    )
    imported = import_requisitions(path, RequisitionMapping(), DEFAULT_LIMITS, "workday")
    assert [r["id"] for r in imported.requisitions] == ["R-3"]
    assert [str(s) for s in imported.skipped] == [
        "requisitions.csv:2: requisition R-1 is 'Draft', not opened yet",
        "requisitions.csv:3: requisition R-2 has no open date",
        "requisitions.csv:5: requisition R-4 has the status 'Transferred', which the Workday "
        "preset does not know; map it under [requisitions.statuses]",
        "requisitions.csv:7: requisition Total:-4 has no open date",
    ]


def test_an_unknown_preset_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown ATS preset 'taleo'; known: greenhouse, icims"):
        import_requisitions(__file__, RequisitionMapping(), DEFAULT_LIMITS, "taleo")
