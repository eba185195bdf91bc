"""KPI scorecards (long and wide) to readings, survey exports to pulse survey results."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from foundation_engine.errors import InputError
from foundation_engine.files.limits import DEFAULT_LIMITS
from foundation_engine.importing.mapping import MetricsMapping, SurveyMapping, load_mapping
from foundation_engine.importing.scorecard import import_scorecard, period_end
from foundation_engine.importing.surveys import import_surveys
from foundation_engine.state.vocabulary import Party

from ..conftest import EXAMPLES

STATE_METRICS = [
    {"id": "ttf", "name": "Time to fill", "kind": "time_to_fill"},
    {"id": "oar", "name": "Offer acceptance", "kind": "offer_acceptance_rate"},
]


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def readings(imported: Any) -> list[tuple[str, str, float]]:
    return [(m, o["period_end"], o["value"]) for m, o in imported.observations]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-06", dt.date(2026, 6, 30)),
        ("Jun 2026", dt.date(2026, 6, 30)),
        ("February 2028", dt.date(2028, 2, 29)),
        ("Sep-26", dt.date(2026, 9, 30)),
        ("Q2 2026", dt.date(2026, 6, 30)),
        ("2026 Q4", dt.date(2026, 12, 31)),
        ("2026-06-30", dt.date(2026, 6, 30)),
        ("2026-06-01", dt.date(2026, 6, 30)),  # a month stored as its first day
        (dt.datetime(2026, 1, 1), dt.date(2026, 1, 31)),
        (dt.date(2026, 3, 15), dt.date(2026, 3, 15)),
    ],
)
def test_periods_are_read_as_people_write_them(value: object, expected: dt.date) -> None:
    assert period_end(value) == expected


def test_a_long_scorecard_gives_one_reading_per_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "kpis.csv",
        "Metric,Period end,Value\n"
        "ttf,2026-05-31,47\n"
        "Time to fill,2026-06-30,44\n"
        'Offer acceptance rate (%),2026-06,"88%"\n'
        "Time to fill,2026-07-31,\n",
    )
    imported = import_scorecard(path, MetricsMapping(), STATE_METRICS, DEFAULT_LIMITS)
    assert imported.detail == "long layout"
    assert readings(imported) == [
        ("ttf", "2026-05-31", 47.0),
        ("ttf", "2026-06-30", 44.0),
        ("oar", "2026-06-30", 88.0),
    ]
    assert [str(s) for s in imported.skipped] == ["kpis.csv:5: no value for 'Time to fill'"]
    assert imported.metrics == []


def test_a_wide_scorecard_gives_one_reading_per_cell_and_lists_the_empty_ones(
    tmp_path: Path,
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["KPI", dt.datetime(2026, 4, 1), dt.datetime(2026, 5, 1), dt.datetime(2026, 6, 1)])
    ws.append(["Time to fill (days)", 50, 47, 44])
    ws.append(["Candidate NPS", 31, None, 35])
    path = tmp_path / "scorecard.xlsx"
    book.save(path)
    imported = import_scorecard(str(path), MetricsMapping(), STATE_METRICS, DEFAULT_LIMITS)
    assert imported.detail == "wide layout"
    assert readings(imported) == [
        ("ttf", "2026-04-30", 50.0),
        ("ttf", "2026-05-31", 47.0),
        ("ttf", "2026-06-30", 44.0),
        ("candidate-nps", "2026-04-30", 31.0),
        ("candidate-nps", "2026-06-30", 35.0),
    ]
    # A name that matches no metric of the state becomes a metric, and the summary says so.
    assert [(m["id"], m["name"], m["kind"]) for m in imported.metrics] == [
        ("candidate-nps", "Candidate NPS", "candidate_nps")
    ]
    assert imported.notes[0].startswith("'Candidate NPS' matched no metric of the state")
    assert [str(s) for s in imported.skipped] == [
        "scorecard.xlsx Sheet row 3: no reading of 'Candidate NPS' for 2026-05-01"
    ]
    source = imported.observations[0][1]["source"]
    assert source == {"file": "scorecard.xlsx", "row": 2, "sheet": "Sheet"}


def test_names_are_mapped_by_the_mapping_first(tmp_path: Path) -> None:
    path = write(tmp_path, "kpis.csv", "KPI,Jan 2026\nTTF median,51\n")
    mapping = MetricsMapping(names={"TTF median": "ttf"})
    imported = import_scorecard(path, mapping, STATE_METRICS, DEFAULT_LIMITS)
    assert readings(imported) == [("ttf", "2026-01-31", 51.0)]


def test_a_bad_value_or_header_is_a_located_error(tmp_path: Path) -> None:
    path = write(tmp_path, "kpis.csv", "KPI,Jan 2026,Feb 2026\nTime to fill,51,n/a\n")
    with pytest.raises(InputError) as caught:
        import_scorecard(path, MetricsMapping(), STATE_METRICS, DEFAULT_LIMITS)
    assert str(caught.value.problems[0]) == (
        f"{path}:2: column 'Feb 2026': expected a number, got \"n/a\""
    )
    path = write(tmp_path, "kpis.csv", "KPI,Jan 2026,Notes\nTime to fill,51,good\n")
    with pytest.raises(InputError, match="as the header of a wide scorecard's column, got 'Notes'"):
        import_scorecard(path, MetricsMapping(), STATE_METRICS, DEFAULT_LIMITS)


def test_a_file_that_is_no_scorecard_says_what_is_expected(tmp_path: Path) -> None:
    path = write(tmp_path, "kpis.csv", "Owner,Comment\nSam,fine\n")
    with pytest.raises(InputError, match="not a KPI scorecard: expected columns metric"):
        import_scorecard(path, MetricsMapping(), STATE_METRICS, DEFAULT_LIMITS)


SIDES = {"Northwind Health": Party.CLIENT, "Talentbridge": Party.PROVIDER}


def test_responses_are_averaged_per_survey_side_and_topic() -> None:
    mapping = load_mapping().surveys
    imported = import_surveys(
        str(EXAMPLES / "sources" / "pulse-survey.csv"), mapping, SIDES, DEFAULT_LIMITS
    )
    results = imported.surveys
    assert len(results) == 4 * 2 * 3  # waves, sides, questions
    # Each wave's results are dated by its last response, whichever side gave it.
    assert sorted({s["date"] for s in results}) == [
        "2025-12-18",
        "2026-03-19",
        "2026-06-18",
        "2026-09-17",
    ]
    first = next(s for s in results if (s["party"], s["topic"]) == ("client", "communication"))
    assert (first["date"], first["score"]) == ("2025-12-18", 3.0)  # answers 3, 4, 2 and 3
    assert first["source"] == {"file": "pulse-survey.csv", "row": 3, "rows": 4}
    assert [str(s) for s in imported.skipped] == ["pulse-survey.csv:34: no answer"]
    assert imported.detail == "83 responses"


def test_questions_and_sides_are_mapped_or_skipped_with_the_reason(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "pulse.csv",
        "Date,Company,Question,Score,Wave\n"
        "2026-06-15,Acme,Our goals are aligned,4,Q2\n"
        "2026-06-16,TalentCo,How likely are you to recommend us?,5,Q2\n"
        "2026-06-16,Somebody else,Trust,3,Q2\n"
        "2026-06-17,provider,trust,4,Q2\n",
    )
    mapping = SurveyMapping(
        parties={"Acme": Party.CLIENT},
        questions={"Our goals are aligned": "shared_goals"},
        topic_words={"trust": ["trust"]},
    )
    imported = import_surveys(path, mapping, {"TalentCo": Party.PROVIDER}, DEFAULT_LIMITS)
    assert [(s["party"], s["topic"], s["score"]) for s in imported.surveys] == [
        ("client", "shared_goals", 4.0),
        ("provider", "trust", 4.0),
    ]
    assert [str(s) for s in imported.skipped] == [
        'pulse.csv:3: the question "How likely are you to recommend us?" maps to no topic; '
        "map it under [surveys.questions]",
        'pulse.csv:4: the side "Somebody else" is not known; map it under [surveys.parties]',
    ]


def test_a_score_off_the_scale_is_a_located_error(tmp_path: Path) -> None:
    path = write(tmp_path, "pulse.csv", "Date,Party,Topic,Score\n2026-06-15,client,trust,7\n")
    with pytest.raises(InputError) as caught:
        import_surveys(path, SurveyMapping(), SIDES, DEFAULT_LIMITS)
    assert str(caught.value.problems[0]) == (
        f"{path}:2: column 'Score': 7 is outside the answer scale, 0 to 5 (set "
        "surveys.scale_max in the mapping for another scale)"
    )


def test_a_survey_export_missing_a_column_names_it(tmp_path: Path) -> None:
    path = write(tmp_path, "pulse.csv", "Date,Question,Score\n2026-06-15,Trust,4\n")
    with pytest.raises(InputError) as caught:
        import_surveys(path, SurveyMapping(), SIDES, DEFAULT_LIMITS)
    assert str(caught.value.problems[0]).startswith(
        f"{path}:1: no column for party; found: Date, Question, Score"
    )


def test_a_workbook_export_is_read_from_its_first_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Responses"
    ws.append(["Submitted", "Side", "Topic", "Rating"])
    ws.append([dt.datetime(2026, 6, 15, 9, 30), "client", "Trust", 4])
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "pulse.xlsx"
    path.write_bytes(out.getvalue())
    imported = import_surveys(str(path), SurveyMapping(), SIDES, DEFAULT_LIMITS)
    assert imported.surveys[0]["source"] == {
        "file": "pulse.xlsx",
        "row": 2,
        "sheet": "Responses",
    }
