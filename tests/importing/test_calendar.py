"""Calendar exports: every recurring occurrence expanded, events mapped as the mapping says."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from foundation_engine.errors import InputError, LimitExceeded, ParseError
from foundation_engine.files.limits import DEFAULT_LIMITS, Limits
from foundation_engine.importing.calendar_events import Window, import_calendar
from foundation_engine.importing.mapping import load_mapping

from ..conftest import EXAMPLES

SAMPLE = EXAMPLES / "sources" / "calendar.ics"
YEAR = Window(dt.date(2025, 10, 1), dt.date(2026, 9, 30))


def every(first: dt.date, last: dt.date, step: int = 7) -> list[dt.date]:
    days = []
    while first <= last:
        days.append(first)
        first += dt.timedelta(days=step)
    return days


def second_thursdays(first: dt.date, last: dt.date) -> list[dt.date]:
    found = []
    for year, month in [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 13)]:
        thursdays = [
            d
            for d in every(dt.date(year, month, 1), dt.date(year, month, 14), 1)
            if d.weekday() == 3
        ]
        if first <= thursdays[1] <= last:
            found.append(thursdays[1])
    return found


@pytest.fixture(scope="module")
def sample() -> object:
    mapping = load_mapping(EXAMPLES / "sources" / "mapping.toml").calendar
    return import_calendar(str(SAMPLE), mapping, YEAR, DEFAULT_LIMITS)


def dates_of(imported: object, uid: str) -> list[dt.date]:
    return [
        dt.date.fromisoformat(r["date"])
        for r in imported.communications  # type: ignore[attr-defined]
        if r["source"]["uid"] == uid
    ]


def test_every_occurrence_of_each_series_is_expanded_with_its_exceptions(sample: object) -> None:
    # Tuesdays from 7 October to 31 March, less the EXDATE (30 December) and the cancelled
    # occurrence (10 March); the occurrence of 3 February was moved to the 4th.
    tuesdays = every(dt.date(2025, 10, 7), dt.date(2026, 3, 31))
    expected = [d for d in tuesdays if d not in (dt.date(2025, 12, 30), dt.date(2026, 3, 10))]
    expected[expected.index(dt.date(2026, 2, 3))] = dt.date(2026, 2, 4)
    assert dates_of(sample, "weekly-checkin-tue@talentbridge.example") == expected
    assert len(expected) == 24
    # Thursdays from 2 April, with no end, up to the window's end; 27 August taken out.
    thursdays = every(dt.date(2026, 4, 2), YEAR.end)
    thursdays.remove(dt.date(2026, 8, 27))
    assert dates_of(sample, "weekly-checkin-thu@talentbridge.example") == thursdays
    assert len(thursdays) == 25
    monthly = second_thursdays(dt.date(2025, 11, 13), YEAR.end)
    assert dates_of(sample, "monthly-review@northwind-health.example") == monthly
    assert len(monthly) == 11
    quarters = [
        dt.date(2025, 12, 10),
        dt.date(2026, 3, 10),
        dt.date(2026, 6, 10),
        dt.date(2026, 9, 10),
    ]
    assert dates_of(sample, "qbr@talentbridge.example") == quarters


def test_kinds_channels_and_parties_follow_the_mapping(sample: object) -> None:
    records = sample.communications  # type: ignore[attr-defined]
    assert Counter(r["kind"] for r in records) == {
        "weekly_checkin": 49,
        "monthly_review": 11,
        "qbr": 4,
        "executive_review": 2,
    }
    qbrs = [r for r in records if r["kind"] == "qbr"]
    # The QBR series meets in the boardroom; March's override moved it to Teams.
    assert [r["channel"] for r in qbrs] == ["in_person", "video", "in_person", "in_person"]
    monthly = next(r for r in records if r["kind"] == "monthly_review")
    assert monthly["channel"] == "in_person"
    assert monthly["initiated_by"] == "client"
    assert set(monthly["topics"]) >= {"metrics", "wins", "issues"}
    weekly = next(r for r in records if r["kind"] == "weekly_checkin")
    assert (weekly["channel"], weekly["parties"], weekly["initiated_by"]) == (
        "video",
        ["client", "provider"],
        "provider",
    )
    assert weekly["topics"] == ["pipeline", "time_to_fill", "joint_actions"]
    # The client's only attendee declined on 4 June: only the provider was there.
    declined = next(r for r in records if r["date"] == "2026-06-04")
    assert declined["parties"] == ["provider"]


def test_each_touchpoint_keeps_its_event_and_occurrence(sample: object) -> None:
    moved = next(r for r in sample.communications if r["date"] == "2026-02-04")  # type: ignore[attr-defined]
    assert moved["source"] == {
        "file": "calendar.ics",
        "uid": "weekly-checkin-tue@talentbridge.example",
        "instance": "2026-02-03T10:00:00+00:00",
    }
    steering = next(r for r in sample.communications if r["kind"] == "executive_review")  # type: ignore[attr-defined]
    assert "instance" not in steering["source"]  # a one-off event has no occurrence


def test_cancelled_occurrences_and_other_events_are_skipped_and_listed(sample: object) -> None:
    assert [str(s) for s in sample.skipped] == [  # type: ignore[attr-defined]
        'calendar.ics: 2026-02-26 "Lunch & learn: sourcing trends in nursing" (UID '
        "lunch-learn-2026-02@talentbridge.example): no kind matched its title or categories "
        "(see [[calendar.kinds]])",
        'calendar.ics: 2026-03-10 "Canceled: Weekly check-in: Northwind / Talentbridge" (UID '
        "weekly-checkin-tue@talentbridge.example): cancelled",
        'calendar.ics: 2026-05-19 "Northwind HR team offsite" (UID '
        "offsite-2026-05@northwind-health.example): no kind matched its title or categories "
        "(see [[calendar.kinds]])",
    ]


def test_explain_says_how_each_occurrence_was_mapped(sample: object) -> None:
    lines = sample.explanations  # type: ignore[attr-defined]
    assert len(lines) == 66 + 3
    assert lines[0] == (
        '2025-10-07 "Weekly check-in: Northwind / Talentbridge": weekly_checkin (title has '
        "'weekly'), video (microsoft teams meeting in the location), parties client and "
        "provider, topics pipeline, time_to_fill, joint_actions"
    )
    qbr = next(line for line in lines if line.startswith('2025-12-10 "Quarterly'))
    assert "qbr (title has 'qbr'), in_person (a room: 'Northwind Health HQ, Boardroom, 20" in qbr


ICS_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"


def write_ics(tmp_path: Path, *events: str) -> str:
    path = tmp_path / "team.ics"
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    path.write_text(ICS_HEAD + body + "END:VCALENDAR\r\n", newline="")
    return str(path)


def run(path: str, limits: Limits = DEFAULT_LIMITS, **mapping: object) -> object:
    calendar = load_mapping().calendar.model_copy(update=mapping)
    return import_calendar(path, calendar, YEAR, limits)


def test_a_broken_recurrence_rule_is_one_located_error(tmp_path: Path) -> None:
    path = write_ics(
        tmp_path,
        "UID:ok\r\nDTSTART:20251007T100000Z\r\nSUMMARY:Weekly check-in\r\nRRULE:FREQ=WEEKLY",
        "UID:bad\r\nDTSTART:20251008T100000Z\r\nSUMMARY:Weekly sync\r\nRRULE:FREQ=WEEKLY;BYDAY=XX",
    )
    with pytest.raises(ParseError) as caught:
        run(path)
    assert [str(p) for p in caught.value.problems] == [
        f'{path}:14: event "Weekly sync" (UID bad): broken recurrence rule '
        '"FREQ=WEEKLY;BYDAY=XX": Expected weekday abbreviation, got: XX'
    ]


def test_a_file_that_is_no_calendar_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "team.ics"
    path.write_text("Subject,Start Date\nWeekly check-in,2026-01-06\n")
    with pytest.raises(ParseError, match="not an iCalendar file"):
        run(str(path))


def test_an_event_without_a_start_is_refused(tmp_path: Path) -> None:
    path = write_ics(tmp_path, "UID:x\r\nSUMMARY:Weekly check-in")
    with pytest.raises(
        ParseError, match=r'team.ics:4: event "Weekly check-in" \(UID x\): no start'
    ):
        run(path)


def test_a_series_recurring_more_often_than_the_record_limit_is_refused(tmp_path: Path) -> None:
    path = write_ics(
        tmp_path, "UID:m\r\nDTSTART:20251007T100000Z\r\nSUMMARY:Weekly\r\nRRULE:FREQ=MINUTELY"
    )
    with pytest.raises(LimitExceeded, match="recurs more than 1,000 times"):
        run(path, Limits(max_records=1_000))


def test_channels_come_from_links_rooms_and_phone_markers(tmp_path: Path) -> None:
    path = write_ics(
        tmp_path,
        "UID:a\r\nDTSTART:20251007T100000Z\r\nSUMMARY:Weekly check-in\r\n"
        "DESCRIPTION:Join: https://zoom.us/j/123",
        "UID:b\r\nDTSTART:20251014T100000Z\r\nSUMMARY:Weekly check-in\r\nLOCATION:Room 4",
        "UID:c\r\nDTSTART:20251021T100000Z\r\nSUMMARY:Weekly check-in\r\n"
        "LOCATION:Dial-in +44 20 7946 0000",
        "UID:d\r\nDTSTART:20251028T100000Z\r\nSUMMARY:Weekly check-in",
        "UID:e\r\nDTSTART:20251104T100000Z\r\nSUMMARY:Weekly check-in\r\n"
        "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
    )
    records = run(path).communications  # type: ignore[attr-defined]
    assert [r["channel"] for r in records] == ["video", "in_person", "phone", "video", "video"]


def test_categories_and_the_mapping_own_kinds_come_before_the_defaults(tmp_path: Path) -> None:
    path = write_ics(
        tmp_path,
        "UID:a\r\nDTSTART:20251007T100000Z\r\nSUMMARY:Ops sync-up\r\nCATEGORIES:QBR",
        "UID:b\r\nDTSTART:20251014T100000Z\r\nSUMMARY:Kick-off weekly",
    )
    mapping_file = tmp_path / "mapping.toml"
    mapping_file.write_text('[[calendar.kinds]]\nkind = "ad_hoc"\ntitles = ["kick-off"]\n')
    calendar = load_mapping(mapping_file).calendar
    assert calendar.kinds[0].kind == "ad_hoc" and len(calendar.kinds) > 1
    records = import_calendar(path, calendar, YEAR, DEFAULT_LIMITS).communications
    assert [r["kind"] for r in records] == ["qbr", "ad_hoc"]


def test_occurrences_outside_the_window_are_counted_in_a_note(tmp_path: Path) -> None:
    path = write_ics(
        tmp_path,
        "UID:a\r\nDTSTART:20240107T100000Z\r\nSUMMARY:Weekly check-in",
        "UID:b\r\nDTSTART:20251007T100000Z\r\nSUMMARY:Weekly check-in",
    )
    imported = run(path)
    assert len(imported.communications) == 1  # type: ignore[attr-defined]
    assert imported.notes[0].startswith("1 occurrences fell outside 2025-10-01 to 2026-09-30")  # type: ignore[attr-defined]


def test_without_domains_touchpoints_have_no_parties_and_the_summary_says_so(
    tmp_path: Path,
) -> None:
    path = write_ics(
        tmp_path,
        "UID:a\r\nDTSTART:20251007T100000Z\r\nSUMMARY:Weekly check-in\r\n"
        "ATTENDEE:mailto:dana@client.example",
    )
    imported = run(path)
    assert imported.communications[0]["parties"] == []  # type: ignore[attr-defined]
    assert any("no attendee domains are mapped" in n for n in imported.notes)  # type: ignore[attr-defined]


def test_a_calendar_that_does_not_exist_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        run(str(tmp_path / "missing.ics"))
