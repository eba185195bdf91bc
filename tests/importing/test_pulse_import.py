"""Pulse exports to waves of anonymous answers, and their averages redone by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from foundation_engine.core.engine import Engine
from foundation_engine.errors import InputError
from foundation_engine.files.limits import DEFAULT_LIMITS
from foundation_engine.importing.mapping import load_mapping
from foundation_engine.importing.pulse import import_pulse
from foundation_engine.state.validation import validate_state
from foundation_engine.state.vocabulary import Party

from ..cli.conftest import Result

SIDES = {"Acme Ltd": Party.CLIENT, "TalentCo": Party.PROVIDER}

# One wave, one row per answer, as `foundation-engine pulse template` lays it out.
WAVE = """\
date,wave,party,role,question,score,comment
2026-03-23,2026 Q1,client,sponsor,communication.early,2,We hear about problems at the QBR
2026-03-23,2026 Q1,client,hiring_manager,communication.early,3,
2026-03-24,2026 Q1,Acme Ltd,hiring manager,communication.early,2,
2026-03-24,2026 Q1,client,hiring_manager,communication.early,1,
2026-03-23,2026 Q1,client,sponsor,I hear about problems early. Not after the fact.,5,
2026-03-25,2026 Q1,provider,account_lead,communication.early,5,
2026-03-25,2026 Q1,provider,recruiter,communication.early,4,
2026-03-26,2026 Q1,TalentCo,recruiter,communication.early,4,
2026-03-26,2026 Q1,provider,recruiter,communication.candid,5,
2026-03-26,2026 Q1,provider,recruiter,communication.candid,4,
2026-03-27,2026 Q1,provider,Talent partner,communication.candid,3,
2026-03-27,2026 Q1,provider,recruiter,communication.candid,,
2026-03-27,2026 Q1,client,sponsor,communication.candid,2,
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def imported(tmp_path: Path, text: str = WAVE) -> dict[str, object]:
    result = import_pulse(
        write(tmp_path, "pulse.csv", text), load_mapping().pulse, SIDES, DEFAULT_LIMITS
    )
    (wave,) = result.pulse_waves
    return wave


def test_a_wave_closes_on_its_latest_answer_and_keeps_no_names(tmp_path: Path) -> None:
    wave = imported(tmp_path)
    assert (wave["date"], wave["name"]) == ("2026-03-27", "2026 Q1")
    assert wave["source"] == {"file": "pulse.csv", "row": 2, "rows": 12}
    responses = wave["responses"]
    assert isinstance(responses, list) and len(responses) == 12  # the blank answer is skipped
    assert {"party", "question", "score", "role", "comment"} >= set().union(*responses)
    assert responses[2] == {
        "party": "client",
        "question": "communication.early",
        "score": 2,
        "role": "hiring_manager",
    }  # the client's name and a role's label
    assert responses[10]["role"] == "other"  # a role the pulse does not know


def test_a_statement_is_found_by_its_id_or_its_words(tmp_path: Path) -> None:
    wave = imported(tmp_path.joinpath())
    responses = wave["responses"]
    assert isinstance(responses, list)
    assert responses[4] == {
        "party": "client",
        "question": "communication.early",
        "score": 5,
        "role": "sponsor",
    }


def test_the_averages_of_an_imported_wave_are_those_worked_by_hand(tmp_path: Path) -> None:
    document = {
        "partnership": {
            "id": "acme-talentco",
            "name": "Acme and TalentCo",
            "client": {"name": "Acme Ltd"},
            "provider": {"name": "TalentCo"},
            "start_date": "2025-10-06",
            "as_of": "2026-03-31",
        },
        "pulse": {"waves": [imported(tmp_path)]},
    }
    report = Engine().assess(validate_state(document))
    assert report.perception is not None
    (communication,) = report.perception.techniques
    early, candid = communication.statements
    # communication.early: client 2, 3, 2, 1, 5 -> 13 / 5 = 2.6; provider 5, 4, 4 -> 13 / 3 = 4.33
    assert (early.client.average, early.provider.average) == (2.6, 4.33)
    assert (early.client.respondents, early.provider.respondents) == (5, 3)
    # communication.candid: provider 5, 4, 3 (one left blank) -> 4.0; client 2 alone: too few
    assert (candid.provider.average, candid.client.average) == (4.0, None)
    # the technique: the client's shown statement alone, 2.6; the provider (4.333 + 4) / 2 = 4.17
    assert (communication.client.average, communication.provider.average) == (2.6, 4.17)
    assert communication.gap == 1.57
    assert [c.text for c in communication.comments] == ["We hear about problems at the QBR"]


def test_one_row_per_person_with_a_column_per_statement(tmp_path: Path) -> None:
    text = (
        "Completion time,Name,Email,Company,Your role,Feedback flows in both directions between us."
        ",communication.both_ways comment,urgency.on_time\n"
        "2026-03-20 10:00,Kim,kim@acme.example,Acme Ltd,Sponsor,2,Too slow,3\n"
        "2026-03-21 10:00,Lee,lee@acme.example,Acme Ltd,Hiring manager,3,,\n"
        "2026-04-02 10:00,Max,max@talentco.example,TalentCo,Recruiter,5,,4\n"
    )
    result = import_pulse(
        write(tmp_path, "forms.csv", text), load_mapping().pulse, SIDES, DEFAULT_LIMITS
    )
    march, april = result.pulse_waves  # no wave column: one wave per month
    assert (march["date"], april["date"]) == ("2026-03-21", "2026-04-02")
    assert "name" not in march
    assert march["responses"][:2] == [
        {
            "party": "client",
            "question": "communication.both_ways",
            "score": 2,
            "role": "sponsor",
            "comment": "Too slow",
        },
        {"party": "client", "question": "urgency.on_time", "score": 3, "role": "sponsor"},
    ]
    flat = json.dumps(result.pulse_waves)
    assert "Kim" not in flat and "kim@" not in flat
    assert result.notes == [
        "not read: Name, Email (a pulse stores no names: answers stay anonymous)"
    ]


def test_an_answer_off_the_scale_names_its_row_and_column(tmp_path: Path) -> None:
    text = "date,party,question,score\n2026-03-23,client,purpose.goals,6\n"
    with pytest.raises(InputError) as caught:
        import_pulse(write(tmp_path, "p.csv", text), load_mapping().pulse, SIDES, DEFAULT_LIMITS)
    (problem,) = caught.value.problems
    assert problem.line == 2 and "score" in (problem.path or "")
    assert "whole number from 1" in problem.message


def test_rows_that_cannot_be_placed_are_skipped_and_listed(tmp_path: Path) -> None:
    text = (
        "date,party,question,score\n"
        "2026-03-23,partner,purpose.goals,4\n"
        "2026-03-23,client,We are aligned,4\n"
        "2026-03-23,client,purpose.goals,4\n"
    )
    result = import_pulse(
        write(tmp_path, "p.csv", text), load_mapping().pulse, SIDES, DEFAULT_LIMITS
    )
    assert [str(s) for s in result.skipped] == [
        'p.csv:2: the side "partner" is not known; map it under [pulse.parties]',
        'p.csv:3: the statement "We are aligned" is not one of the pulse\'s; map it under '
        "[pulse.questions]",
    ]


def test_the_import_command_folds_a_wave_in_once(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    mapping = write(
        tmp_path,
        "mapping.toml",
        '[partnership]\nid = "acme-talentco"\nname = "Acme and TalentCo"\nclient = "Acme Ltd"\n'
        'provider = "TalentCo"\nstart_date = 2025-10-06\nas_of = 2026-03-31\n',
    )
    pulse = write(tmp_path, "pulse.csv", WAVE)
    target = str(tmp_path / "partnership.json")
    first = cli("import", "--mapping", mapping, "--pulse", pulse, "-o", target)
    assert first.code == 0, first.err
    assert "pulse.csv (one row per answer, 12 answers): 1 pulse wave" in first.out
    assert "pulse waves 1 added" in first.out
    again = cli("import", "--mapping", mapping, "--pulse", pulse, "-o", target)
    assert "pulse waves 0 added, 1 unchanged" in again.out
    state = json.loads(Path(target).read_text(encoding="utf-8"))
    assert len(state["pulse"]["waves"]) == 1
