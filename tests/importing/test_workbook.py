"""Partnership workbooks and CSV folders: read like state files, every problem at its cell."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from foundation_engine.cli.starter import starter_document
from foundation_engine.core.engine import Engine
from foundation_engine.core.loading import load_bytes, load_path
from foundation_engine.errors import InputError, LimitExceeded, ParseError, ValidationProblem
from foundation_engine.files.limits import Limits, applying
from foundation_engine.importing.template import workbook_bytes
from foundation_engine.state.validation import validate_state

from ..conftest import EXAMPLES


def without_sources(value: Any) -> Any:
    """A dumped state without the provenance the workbook reader adds to every record."""
    if isinstance(value, dict):
        return {k: without_sources(v) for k, v in value.items() if k != "source" or "row" not in v}
    if isinstance(value, list):
        return [without_sources(v) for v in value]
    return value


def dumped(state: Any) -> Any:
    return without_sources(state.model_dump(mode="json", exclude_none=True))


def open_book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems_of(data: bytes, engine: Engine, name: str = "partnership.xlsx") -> list[str]:
    with pytest.raises(InputError) as caught:
        load_bytes(data, name, engine.registry)
    return [str(p) for p in caught.value.problems]


@pytest.fixture(scope="module")
def starter_book() -> bytes:
    return workbook_bytes(starter_document())


# --------------------------------------------------------------------------
# the same state as its JSON
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "example", ["struggling-partnership.json", "strong-partnership.json", "new-partnership.json"]
)
def test_a_state_written_as_a_workbook_reads_back_as_the_same_state(
    example: str, engine: Engine
) -> None:
    document = json.loads((EXAMPLES / example).read_text(encoding="utf-8"))
    state = load_bytes(workbook_bytes(document), "p.xlsx", engine.registry)
    assert dumped(state) == validate_state(document).model_dump(mode="json", exclude_none=True)


def test_a_workbook_filled_with_openpyxl_assesses_like_the_same_data_as_json(
    engine: Engine, tmp_path: Path
) -> None:
    # Start from an empty template, as a user would: delete the example rows, type records.
    document = starter_document()
    book = open_book(workbook_bytes(document))
    ws = book["Communications"]
    ws.delete_rows(2, ws.max_row)
    weekly = [dt.date(2026, 3, 2) + dt.timedelta(days=7 * n) for n in range(18)]
    for date in weekly:
        ws.append([date, "Weekly check-in", "Video", "client, provider", "pipeline, time_to_fill"])
    path = tmp_path / "partnership.xlsx"
    path.write_bytes(saved(book))
    from_book = engine.assess(path)

    document["communications"] = [
        {
            "date": date.isoformat(),
            "kind": "weekly_checkin",
            "channel": "video",
            "parties": ["client", "provider"],
            "topics": ["pipeline", "time_to_fill"],
        }
        for date in weekly
    ]
    from_json = engine.assess(document)
    # The same verdicts, scores and evidence; only the names of the evidence differ,
    # since a workbook's records know their sheet and row.
    unnamed = {"findings": {"__all__": {"evidence_named"}}}
    assert from_book.model_dump_json(exclude=unnamed) == from_json.model_dump_json(exclude=unnamed)
    assert from_book.techniques  # a real report, not an empty one
    named = [n for f in from_book.findings for n in f.evidence_named]
    assert named and all("(Communications row " in n for n in named if "check-in" in n)


def test_every_record_says_which_sheet_and_row_it_came_from(
    starter_book: bytes, engine: Engine
) -> None:
    state = load_bytes(starter_book, "books/partnership.xlsx", engine.registry)
    assert state.communications is not None
    second = state.communications[1].source
    assert second is not None
    assert (second.file, second.sheet, second.row) == ("partnership.xlsx", "Communications", 3)
    assert state.metrics is not None
    reading = state.metrics[0].observations[1].source
    assert reading is not None and (reading.sheet, reading.row) == ("Observations", 3)
    assert state.partnership.source is not None and state.partnership.source.row == 2


def test_the_same_state_gives_the_same_bytes(starter_book: bytes) -> None:
    assert workbook_bytes(starter_document()) == starter_book


# --------------------------------------------------------------------------
# as a spreadsheet user would expect
# --------------------------------------------------------------------------


def test_a_sheet_left_out_is_not_recorded_and_an_empty_sheet_is_recorded_as_none(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    del book["Escalations"]
    ws = book["Recognitions"]
    ws.delete_rows(2, ws.max_row)
    state = load_bytes(saved(book), "p.xlsx", engine.registry)
    assert state.escalations is None
    assert state.recognitions == []


def test_spreadsheet_values_are_read_as_a_user_means_them(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    ws = book["Requisitions"]
    ws.append([100, 46153, "2026-05-11T09:30:00Z"])  # an id typed as a number, a serial
    book["Communications"]["B2"] = "QBR"  # a label, not the value
    book["Communications"]["C2"] = "In person"
    book["Partnership"]["J2"] = "Yes"
    for _ in range(30):  # formatted but empty rows at the end
        ws.append([None, None])
    ws.cell(row=ws.max_row + 200, column=1).number_format = "yyyy-mm-dd"
    state = load_bytes(saved(book), "p.xlsx", engine.registry)
    assert state.requisitions is not None
    added = state.requisitions[-1]
    assert (added.id, added.opened, added.assigned) == (
        "100",
        dt.date(2026, 5, 11),  # Excel serial 46154
        dt.date(2026, 5, 11),
    )
    assert len(state.requisitions) == 2
    assert state.communications is not None
    assert (state.communications[0].kind, state.communications[0].channel) == ("qbr", "in_person")
    assert state.partnership.contract_terms is not None
    assert state.partnership.contract_terms.positive_incentives is True


def test_title_rows_above_the_header_and_empty_rows_between_records_are_skipped(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    ws = book["Milestones"]
    ws.insert_rows(1, 2)
    ws["A1"] = "Milestones of the Acme partnership"
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(["m-2", "First 50 hires", dt.date(2026, 9, 1), "24/06"])
    problems = problems_of(saved(book), engine)
    # The bad cell is found on the row the spreadsheet shows, below the title rows.
    assert problems == [
        'partnership.xlsx: Milestones!D6: expected a date like 2026-03-31, got "24/06"'
    ]


# --------------------------------------------------------------------------
# bad input: a located, one-line error
# --------------------------------------------------------------------------


def test_a_bad_date_names_the_sheet_row_and_column(starter_book: bytes, engine: Engine) -> None:
    book = open_book(starter_book)
    ws = book["Communications"]
    for n in range(10):
        ws.append([dt.date(2026, 4, 1) + dt.timedelta(days=7 * n), "weekly_checkin", "video"])
    ws.append(["24/06", "weekly_checkin", "video"])
    assert problems_of(saved(book), engine) == [
        'partnership.xlsx: Communications!A14: expected a date like 2026-03-31, got "24/06"'
    ]


def test_a_renamed_sheet_is_refused_with_the_name_it_should_have(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    book["Communications"].title = "Comms log"
    assert problems_of(saved(book), engine) == [
        "partnership.xlsx: unknown sheet 'Comms log'; did you mean 'Communications'? "
        "(a sheet of your own needs a name starting with '_')"
    ]


def test_a_missing_required_column_is_named(starter_book: bytes, engine: Engine) -> None:
    book = open_book(starter_book)
    book["Communications"].delete_cols(2)  # Kind
    assert problems_of(saved(book), engine) == [
        "partnership.xlsx: Communications row 1: missing required column 'Kind' in sheet "
        "'Communications'"
    ]


def test_a_date_in_a_text_column_is_refused_with_the_likely_reason(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    book["Goals"]["B2"] = dt.datetime(2026, 3, 1)  # typed "1/3", turned into a date
    [problem] = problems_of(saved(book), engine)
    assert problem.startswith(
        "partnership.xlsx: Goals!B2: expected text, got a date (2026-03-01); the spreadsheet "
        "may have turned what was typed into a date"
    )


def test_an_unknown_column_and_values_under_no_header_are_refused(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    ws = book["Surveys"]
    ws["F1"] = "Comment"
    ws["F2"] = "great quarter"
    ws["H3"] = "stray"
    ws["G1"] = "_mine"  # a column of the user's own
    ws["G2"] = "kept for myself"
    assert problems_of(saved(book), engine) == [
        "partnership.xlsx: Surveys!F1: unknown column 'Comment' in sheet 'Surveys' (a column "
        "of your own needs a header starting with '_')",
        'partnership.xlsx: Surveys!F2: "great quarter" is in a column with no header (or a '
        "header the reader does not know); give the column a header or move the value",
        'partnership.xlsx: Surveys!H3: "stray" is in a column with no header (or a header the '
        "reader does not know); give the column a header or move the value",
    ]


def test_problems_the_model_finds_are_mapped_back_to_their_cells(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    book["Requisitions"]["E2"] = dt.date(2026, 1, 2)  # filled before it opened
    book["Goals"]["E2"] = "ttf, nope"  # a metric that does not exist
    problems = problems_of(saved(book), engine)
    assert problems == [
        "partnership.xlsx: Requisitions!E2: filled 2026-01-02 is before opened 2026-05-04; "
        "expected a date on or after opened"
    ]
    book["Requisitions"]["E2"] = None
    [reference] = problems_of(saved(book), engine)
    assert reference.startswith("partnership.xlsx: Goals!E2: ")
    assert "nope" in reference


def test_a_field_missing_from_a_group_of_columns_names_the_empty_cell(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    book["Metrics"]["J2"] = None  # Benchmark value, while Benchmark source is given
    assert problems_of(saved(book), engine) == [
        "partnership.xlsx: Metrics!J2: required field 'value' is missing"
    ]


def test_an_observation_of_an_unknown_metric_is_refused(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    book["Observations"].append(["tff", dt.date(2026, 7, 31), 41])
    assert problems_of(saved(book), engine) == [
        "partnership.xlsx: Observations!A4: no metric with id 'tff' on the Metrics sheet "
        "(known: ttf)"
    ]


def test_a_workbook_without_a_partnership_sheet_says_what_it_needs(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    del book["Partnership"]
    [problem] = problems_of(saved(book), engine)
    assert problem.startswith("partnership.xlsx: no Partnership sheet")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"name,date\n", "not an Excel workbook (.xlsx): the file is not a zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "an Excel 97-2003 workbook (.xls)"),
    ],
)
def test_files_that_are_no_workbook_are_refused(data: bytes, expected: str, engine: Engine) -> None:
    with pytest.raises(ParseError) as caught:
        load_bytes(data, "p.xlsx", engine.registry)
    assert expected in caught.value.problems[0].message


def test_a_damaged_sheet_is_an_error_not_a_traceback(starter_book: bytes, engine: Engine) -> None:
    damaged = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(starter_book)) as source,
        zipfile.ZipFile(damaged, "w") as target,
    ):
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]  # cut off mid-element
            target.writestr(member.filename, data)
    with pytest.raises(ParseError) as caught:
        load_bytes(damaged.getvalue(), "p.xlsx", engine.registry)
    assert str(caught.value.problems[0]).startswith("p.xlsx: cannot read ")


def test_a_csv_file_that_is_not_utf8_says_how_to_save_it(
    starter_book: bytes, engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "acme"
    write_csv_folder(starter_book, folder)
    (folder / "Milestones.csv").write_bytes("Id,Name\nm-1,Démarrage\n".encode("cp1252"))
    with pytest.raises(ParseError) as caught:
        load_path(folder, engine.registry)
    assert str(caught.value.problems[0]) == (
        f"{folder}/Milestones.csv:2: not UTF-8 text (byte 0xe9 at offset 13); save the file as "
        '"CSV UTF-8"'
    )


def test_a_zip_bomb_is_refused_from_its_declared_size_before_it_is_opened(
    engine: Engine,
) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 20_000_000)
    data = out.getvalue()
    assert len(data) < 50_000  # tiny on disk
    with pytest.raises(LimitExceeded) as caught:
        load_bytes(data, "bomb.xlsx", engine.registry, limits=Limits(max_input_bytes=1_000_000))
    assert caught.value.problems[0].message == (
        "the archive expands to 20,000,000 bytes; the limit is 8,000,000 (8 times "
        "limits.max_input_bytes)"
    )


def test_an_archive_of_very_many_files_is_refused(engine: Engine) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(2_001):
            archive.writestr(f"x{n}", b"")
    with pytest.raises(LimitExceeded, match="holds 2,001 files"):
        load_bytes(out.getvalue(), "many.xlsx", engine.registry)


def test_a_workbook_over_the_size_limit_is_refused_unread(
    starter_book: bytes, engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(starter_book)
    with pytest.raises(LimitExceeded, match="the limit is 1,000"):
        load_path(path, engine.registry, limits=Limits(max_input_bytes=1_000))


def test_a_sheet_longer_than_the_record_limit_is_refused(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    for n in range(5):
        book["Requisitions"].append([f"r-{n}", dt.date(2026, 5, 1)])
    with applying(Limits(max_records=3)), pytest.raises(LimitExceeded) as caught:
        load_bytes(saved(book), "p.xlsx", engine.registry, limits=Limits(max_records=3))
    assert str(caught.value.problems[0]) == (
        "p.xlsx: Requisitions row 5: sheet 'Requisitions' has more than 3 rows; the limit is "
        "limits.max_records"
    )


# --------------------------------------------------------------------------
# a folder of CSV files
# --------------------------------------------------------------------------


def write_csv_folder(data: bytes, folder: Path, delimiter: str = ",") -> None:
    """Save every sheet as a CSV file named after it, as "Save as CSV" would."""
    folder.mkdir()
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    for ws in book.worksheets:
        if ws.title.startswith("_"):
            continue
        with (folder / f"{ws.title}.csv").open("w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f, delimiter=delimiter)
            for row in ws.iter_rows(values_only=True):
                if any(v is not None for v in row):
                    writer.writerow([_text(v) for v in row])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_csv_folder_reads_as_the_same_state_as_its_workbook(
    starter_book: bytes, engine: Engine, tmp_path: Path, delimiter: str
) -> None:
    write_csv_folder(starter_book, tmp_path / "acme", delimiter)
    (tmp_path / "acme" / "README.txt").write_text("not a sheet")
    from_folder = load_path(tmp_path / "acme", engine.registry)
    from_book = load_bytes(starter_book, "p.xlsx", engine.registry)
    assert dumped(from_folder) == dumped(from_book)
    assert from_folder.communications is not None
    source = from_folder.communications[0].source
    assert source is not None and (source.file, source.row) == ("Communications.csv", 2)


def test_a_bad_cell_in_a_csv_folder_names_the_file_line_and_column(
    starter_book: bytes, engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "acme"
    write_csv_folder(starter_book, folder)
    path = folder / "Communications.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("2026-06-10", "10/06/2026"))
    with pytest.raises(InputError) as caught:
        load_path(folder, engine.registry)
    assert [str(p) for p in caught.value.problems] == [
        f"{folder}/Communications.csv:3: column A (Date): expected a date like 2026-03-31, "
        'got "10/06/2026"'
    ]


def test_a_folder_without_partnership_csv_is_no_state(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_path(tmp_path, engine.registry)
    assert caught.value.problems[0].message == (
        "is a folder, expected a state file (a folder state holds Partnership.csv)"
    )


def test_validate_and_batch_read_workbooks_and_csv_folders(
    starter_book: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from foundation_engine.cli import main

    monkeypatch.chdir(tmp_path)
    portfolio = tmp_path / "portfolio"
    portfolio.mkdir()
    (portfolio / "acme.xlsx").write_bytes(starter_book)
    write_csv_folder(starter_book, portfolio / "beta")
    (portfolio / "notes").mkdir()  # no Partnership.csv: not a state
    assert main(["validate", "portfolio/acme.xlsx", "portfolio/beta"]) == 0
    assert capsys.readouterr().out == (
        "ok: portfolio/acme.xlsx (state)\nok: portfolio/beta (state)\n"
    )
    assert main(["batch", "portfolio", "-o", "out.jsonl", "--workers", "1"]) == 0
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [(r["source"], r["ok"]) for r in records] == [
        ("portfolio/acme.xlsx", True),
        ("portfolio/beta", True),
    ]
    assert records[0]["report"]["overall_score"] == records[1]["report"]["overall_score"]


def test_the_command_line_prints_one_line_per_problem_and_exits_2(
    starter_book: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from foundation_engine.cli import main

    monkeypatch.chdir(tmp_path)
    book = open_book(starter_book)
    book["Communications"]["A3"] = "24/06"
    (tmp_path / "partnership.xlsx").write_bytes(saved(book))
    assert main(["assess", "partnership.xlsx"]) == 2
    err = capsys.readouterr().err
    assert err == (
        'error: partnership.xlsx: Communications!A3: expected a date like 2026-03-31, got "24/06"\n'
    )


# --------------------------------------------------------------------------
# the pulse sheets
# --------------------------------------------------------------------------


def test_pulse_answers_with_the_same_wave_date_make_one_wave(
    starter_book: bytes, engine: Engine
) -> None:
    book = open_book(starter_book)
    ws = book["Pulse"]
    ws.append([dt.date(2026, 3, 27), "2026 Q1", "Provider", "Recruiter", "urgency.on_time", 2])
    state = load_bytes(saved(book), "p.xlsx", engine.registry)
    assert state.pulse is not None
    assert [(w.name, len(w.responses)) for w in state.pulse.waves] == [
        ("2026 Q2 pulse", 6),
        ("2026 Q1", 1),
    ]
    first = state.pulse.waves[0].source
    assert first is not None and (first.sheet, first.row, first.rows) == ("Pulse", 2, 6)
    assert state.pulse.questions[0].id == "custom.tools"


def test_a_bad_pulse_answer_names_its_cell(starter_book: bytes, engine: Engine) -> None:
    book = open_book(starter_book)
    book["Pulse"]["F3"] = 7
    with pytest.raises(ValidationProblem) as caught:
        load_bytes(saved(book), "p.xlsx", engine.registry)
    (problem,) = caught.value.problems
    assert problem.path == "Pulse!F3"


def test_empty_pulse_sheets_mean_no_pulse_was_run(starter_book: bytes, engine: Engine) -> None:
    book = open_book(starter_book)
    for name in ("Pulse", "Pulse questions"):
        book[name].delete_rows(2, book[name].max_row)
    ws = book["Partnership"]
    column = next(c for c in ws[1] if c.value == "Pulse min respondents")
    ws.cell(row=2, column=column.column).value = None
    state = load_bytes(saved(book), "p.xlsx", engine.registry)
    assert state.pulse is None


def test_a_pulse_written_as_a_workbook_reads_back_as_the_same_waves(engine: Engine) -> None:
    document = json.loads((EXAMPLES / "pulse" / "struggling-with-pulse.json").read_text("utf-8"))
    state = load_bytes(workbook_bytes(document), "p.xlsx", engine.registry)
    expected = without_sources(validate_state(document).model_dump(mode="json", exclude_none=True))
    assert dumped(state) == expected
    assert state.pulse is not None and [len(w.responses) for w in state.pulse.waves] == [165, 161]
