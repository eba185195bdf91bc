"""``foundation-engine import``: from the sources people have to a state, and on to a report."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from foundation_engine.state.evidence import describe_evidence
from foundation_engine.state.validation import validate_state

from ..cli.conftest import Result
from ..conftest import EXAMPLES

SOURCES = EXAMPLES / "sources"
ALL_SOURCES = (
    "--base",
    str(SOURCES / "partnership.xlsx"),
    "--mapping",
    str(SOURCES / "mapping.toml"),
    "--calendar",
    str(SOURCES / "calendar.ics"),
    "--requisitions",
    str(SOURCES / "greenhouse-requisitions.csv"),
    "--metrics",
    str(SOURCES / "kpi-scorecard.xlsx"),
    "--surveys",
    str(SOURCES / "pulse-survey.csv"),
)


@pytest.fixture
def imported(cli: Callable[..., Result], workdir: Path) -> tuple[Result, Path]:
    result = cli("import", *ALL_SOURCES, "-o", "partnership.json")
    return result, workdir / "partnership.json"


def test_the_sample_sources_become_one_state(imported: tuple[Result, Path]) -> None:
    result, path = imported
    assert result.code == 0, result.err
    state = validate_state(json.loads(path.read_text()))
    assert state.communications is not None and len(state.communications) == 66 + 8
    assert state.requisitions is not None and len(state.requisitions) == 36
    assert state.metrics is not None
    assert [len(m.observations) for m in state.metrics] == [10] * 5
    assert state.surveys is not None and len(state.surveys) == 24
    # Hand-kept records from the workbook stay, with the sheet and row they came from.
    assert state.recognitions is not None
    first = state.recognitions[0].source
    assert first is not None and (first.sheet, first.row) == ("Recognitions", 2)


def test_the_summary_lists_what_came_in_and_every_skip(imported: tuple[Result, Path]) -> None:
    result, _ = imported
    lines = result.out.splitlines()
    assert lines[0] == (
        "calendar.ics (8 events, 4 of them recurring: 69 occurrences from 2025-10-01 to "
        "2026-09-30): 66 touchpoints (weekly_checkin 49, monthly_review 11, qbr 4, "
        "executive_review 2)"
    )
    assert "  skipped 3:" in lines
    assert "greenhouse-requisitions.csv (Greenhouse preset): 36 requisitions" in lines
    assert "kpi-scorecard.xlsx (wide layout): 50 readings of 5 metrics" in lines
    assert "pulse-survey.csv (83 responses): 24 survey results" in lines
    assert "    pulse-survey.csv:34: no answer" in lines
    assert lines[-1] == (
        "partnership.json: communications 66 added; requisitions 36 added; metric readings 50 "
        f"added; surveys 24 added (started from {SOURCES / 'partnership.xlsx'})"
    )


def test_the_imported_state_assesses_without_a_spurious_gap(
    imported: tuple[Result, Path], cli: Callable[..., Result]
) -> None:
    _, path = imported
    report = json.loads(cli("assess", str(path), "--format", "json").out)
    findings = {f["rule_id"]: f for f in report["findings"]}
    assert findings["COM001"]["status"] == "passed"
    assert findings["COM001"]["value"] == 14  # Christmas week and the summer bank holiday
    assert findings["COM003"]["status"] == "passed"  # a QBR every quarter
    assert report["rating"] == "strong"


def test_importing_the_same_sources_again_adds_nothing(
    imported: tuple[Result, Path], cli: Callable[..., Result]
) -> None:
    _, path = imported
    before = path.read_text()
    again = cli("import", *ALL_SOURCES[2:], "-o", "partnership.json")
    assert again.code == 0, again.err
    assert again.out.splitlines()[-1] == (
        "partnership.json: communications 0 added, 66 unchanged; requisitions 0 added, 36 "
        "unchanged; metric readings 0 added, 50 unchanged; surveys 0 added, 24 unchanged "
        "(started from partnership.json)"
    )
    assert path.read_text() == before


def test_a_changed_source_updates_its_records_in_place(
    imported: tuple[Result, Path], cli: Callable[..., Result], workdir: Path
) -> None:
    _, path = imported
    changed = workdir / "greenhouse-requisitions.csv"
    text = (SOURCES / "greenhouse-requisitions.csv").read_text()
    lines = text.splitlines()
    lines[-1] = (
        lines[-1]
        .replace(",open,", ",closed,")
        .replace(",,,", ",2026-09-29 10:00:00.000,88410999,Hire - New Headcount")
    )
    changed.write_text("\n".join(lines) + "\n")
    again = cli("import", "--requisitions", str(changed), "-o", "partnership.json")
    assert again.code == 0, again.err
    assert again.out.splitlines()[-1].startswith(
        "partnership.json: requisitions 0 added, 1 updated, 35 unchanged"
    )
    state = validate_state(json.loads(path.read_text()))
    assert state.requisitions is not None
    assert str(state.requisitions[-1].filled) == "2026-09-29"


def test_explain_prints_one_line_per_event(cli: Callable[..., Result]) -> None:
    result = cli(
        "import",
        "--base",
        str(SOURCES / "partnership.xlsx"),
        "--mapping",
        str(SOURCES / "mapping.toml"),
        "--calendar",
        str(SOURCES / "calendar.ics"),
        "--explain",
        "-o",
        "p.json",
    )
    events = [line for line in result.out.splitlines() if line.startswith("20")]
    assert len(events) == 69
    assert events[-1].startswith('2026-09-24 "Weekly check-in: Northwind / Talentbridge"')


def test_imported_evidence_reads_as_the_sources_name_it(imported: tuple[Result, Path]) -> None:
    _, path = imported
    state = validate_state(json.loads(path.read_text()))
    assert state.communications is not None
    index = next(i for i, c in enumerate(state.communications) if str(c.date) == "2026-02-04")
    assert describe_evidence(state, f"/communications/{index}") == (
        "weekly check-in, 2026-02-04 (calendar.ics, event "
        "weekly-checkin-tue@talentbridge.example, moved from 2026-02-03)"
    )
    # A reading from the scorecard names its file; a record of the workbook the
    # partnership itself came from needs only its sheet and row.
    assert describe_evidence(state, "/metrics/0/observations/6") == (
        "Time to fill, June 2026 reading (kpi-scorecard.xlsx, Scorecard row 2)"
    )
    assert describe_evidence(state, "/milestones/1") == "milestone 200 hires (Milestones row 3)"


def test_a_toml_state_is_written_and_updated(cli: Callable[..., Result], workdir: Path) -> None:
    first = cli(
        "import",
        "--base",
        str(SOURCES / "partnership.xlsx"),
        "--requisitions",
        str(SOURCES / "greenhouse-requisitions.csv"),
        "-o",
        "partnership.toml",
    )
    assert first.code == 0, first.err
    document = tomllib.loads((workdir / "partnership.toml").read_text())
    assert len(document["requisitions"]) == 36
    assert cli("validate", "partnership.toml").code == 0


def test_a_state_can_start_from_the_mapping_alone(
    cli: Callable[..., Result], workdir: Path
) -> None:
    mapping = workdir / "mapping.toml"
    mapping.write_text(
        "[partnership]\n"
        'id = "acme"\nname = "Acme and TalentCo"\nclient = "Acme"\nprovider = "TalentCo"\n'
        "start_date = 2025-10-01\nas_of = 2026-09-30\n"
        "[calendar]\n"
        'client_domains = ["northwind-health.example"]\n'
        'provider_domains = ["talentbridge.example"]\n'
    )
    result = cli(
        "import",
        "--mapping",
        str(mapping),
        "--calendar",
        str(SOURCES / "calendar.ics"),
        "-o",
        "acme.json",
    )
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == (
        "acme.json: communications 66 added (started from the mapping's [partnership])"
    )
    assert cli("assess", "acme.json").code == 0


def test_the_state_goes_to_stdout_and_the_summary_to_stderr_without_o(
    cli: Callable[..., Result],
) -> None:
    result = cli(
        "import",
        "--base",
        str(SOURCES / "partnership.xlsx"),
        "--surveys",
        str(SOURCES / "pulse-survey.csv"),
    )
    assert result.code == 0
    assert json.loads(result.out)["partnership"]["id"] == "northwind-talentbridge"
    assert result.err.splitlines()[-1].startswith("the state: surveys 24 added")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "error: nothing to import"),
        (
            ("--calendar", str(SOURCES / "calendar.ics")),
            "error: no state to import into: start from one with --base FILE",
        ),
        (
            ("--base", str(SOURCES / "partnership.xlsx"), "--requisitions", "missing.csv"),
            "error: missing.csv: no such file",
        ),
        (
            (
                "--base",
                str(SOURCES / "partnership.xlsx"),
                "--requisitions",
                str(SOURCES / "pulse-survey.csv"),
            ),
            "error: ",
        ),
        (
            (
                "--base",
                str(SOURCES / "partnership.xlsx"),
                "--calendar",
                str(SOURCES / "calendar.ics"),
                "--until",
                "30/09/2026",
            ),
            "error: --until: expected a date like 2026-03-31, got '30/09/2026'",
        ),
        (
            ("--mapping", "nope.toml", "--calendar", str(SOURCES / "calendar.ics")),
            "error: nope.toml: no such file",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    cli: Callable[..., Result], argv: tuple[str, ...], message: str
) -> None:
    result = cli("import", *argv)
    assert result.code == 2
    assert result.err.startswith(message), result.err
    assert "Traceback" not in result.err


def test_a_broken_calendar_stops_the_import_with_nothing_written(
    cli: Callable[..., Result], workdir: Path
) -> None:
    broken = workdir / "broken.ics"
    data = (SOURCES / "calendar.ics").read_bytes()
    broken.write_bytes(data.replace(b"RRULE:FREQ=WEEKLY;BYDAY=TH", b"RRULE:FREQ=WEEKLY;BYDAY=TX"))
    result = cli(
        "import",
        "--base",
        str(SOURCES / "partnership.xlsx"),
        "--calendar",
        str(broken),
        "-o",
        "partnership.json",
    )
    assert result.code == 2
    assert result.err.startswith(
        f'error: {broken}:68: event "Weekly check-in: Northwind / Talentbridge" (UID '
        "weekly-checkin-thu@talentbridge.example): broken recurrence rule "
        '"FREQ=WEEKLY;BYDAY=TX"'
    )
    assert not (workdir / "partnership.json").exists()


def test_show_mapping_prints_the_default_mapping(cli: Callable[..., Result]) -> None:
    result = cli("import", "--show-mapping")
    assert result.code == 0
    document = tomllib.loads(result.out)
    assert [k["kind"] for k in document["calendar"]["kinds"]][:2] == ["qbr", "executive_review"]
