"""Calendar exports (``.ics``) to touchpoints.

Recurring series are expanded by ``recurring-ical-events`` with their
exceptions: RRULE and RDATE, EXDATE, and RECURRENCE-ID overrides (a moved or
retitled occurrence replaces the one it overrides); occurrences marked
cancelled are skipped and listed. Each series is expanded on its own, so a
broken rule in one is an error naming that event and its line, and the
occurrences counted per series can be checked against it.

An occurrence becomes a touchpoint when its title or category matches a kind
of the mapping (``[[calendar.kinds]]``); its channel comes from its links and
location (a Teams, Zoom or Meet link is video, any other location a room),
its parties from the e-mail domains of those who did not decline, and its
topics from the words of its title and description. The touchpoint's source
keeps the event's UID and which occurrence it is, so importing the same
calendar again updates the touchpoints instead of adding them twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LimitExceeded, ParseError, Problem
from ..files.limits import Limits
from ..state.vocabulary import Channel, Party
from .mapping import CalendarMapping
from .sources import Imported, read_file

#: Properties whose breakage makes a series impossible to expand.
TIMING = {
    "RRULE": "recurrence rule",
    "RDATE": "recurrence date",
    "EXDATE": "excluded date",
    "DTSTART": "start",
    "DTEND": "end",
    "DURATION": "duration",
    "RECURRENCE-ID": "recurrence id",
}
#: Fields that may carry a meeting link besides the location and description.
LINK_FIELDS = (
    "URL",
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
)


@dataclass(frozen=True)
class Window:
    """The days whose events are imported, both included."""

    start: dt.date
    end: dt.date


@dataclass
class _Series:
    uid: str
    components: list[Any]
    line: int
    recurring: bool


def import_calendar(
    path: str, mapping: CalendarMapping, window: Window, limits: Limits
) -> Imported:
    """The touchpoints of the calendar export at `path`, with what was skipped and why."""
    import icalendar

    data = read_file(path, limits)
    name = Path(path).name
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise ParseError(Problem(f"not an iCalendar file: {exc}", source=path)) from None
    if getattr(calendar, "name", None) != "VCALENDAR":
        raise ParseError(Problem("not an iCalendar file: expected BEGIN:VCALENDAR", source=path))
    lines = _event_lines(data)
    series, problems = _series(calendar, lines, path)
    if problems:
        raise ParseError(problems)
    result = Imported(path, "calendar")
    zones = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
    outside = occurrences = 0
    for one in series:
        if not one.recurring and len(one.components) == 1:
            date = _day(one.components[0].get("DTSTART").dt)
            if date < window.start or date > window.end:
                outside += 1  # a one-off event outside the window
                continue
        for occurrence, date in _expand(one, zones, window, path, limits):
            if date < window.start or date > window.end:
                outside += 1
                continue
            occurrences += 1
            _map(occurrence, date, one, name, mapping, result)
    # Series by series is how they were read; day by day is how people look for them.
    result.explanations.sort(key=lambda line: line[:10])
    result.skipped.sort(key=lambda skip: skip.where)
    result.communications.sort(key=lambda record: str(record["date"]))
    recurring = sum(1 for s in series if s.recurring)
    result.detail = (
        f"{len(series)} events, {recurring} of them recurring: {occurrences} occurrences "
        f"from {window.start} to {window.end}"
    )
    if outside:
        result.notes.append(
            f"{outside} occurrences fell outside {window.start} to {window.end} "
            "(the partnership's dates, or --since and --until) and were not imported"
        )
    if not (mapping.client_domains or mapping.provider_domains):
        result.notes.append(
            "no attendee domains are mapped, so touchpoints have no parties: set "
            "calendar.client_domains and calendar.provider_domains in the mapping"
        )
    return result


# --------------------------------------------------------------------------
# reading the series
# --------------------------------------------------------------------------


def _event_lines(data: bytes) -> list[dict[str, int]]:
    """For each VEVENT in file order: the line it begins on, and the line of each property."""
    events: list[dict[str, int]] = []
    current: dict[str, int] | None = None
    depth = 0
    for number, raw in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        if raw[:1] in (" ", "\t"):
            continue  # a folded continuation line
        line = raw.strip().upper()
        if line == "BEGIN:VEVENT":
            current = {"BEGIN": number}
            depth = 0
            events.append(current)
        elif current is not None:
            if line.startswith("BEGIN:"):
                depth += 1
            elif line.startswith("END:"):
                if line == "END:VEVENT" and depth == 0:
                    current = None
                else:
                    depth -= 1
            elif depth == 0:
                prop = re.split(r"[;:]", line, maxsplit=1)[0]
                current.setdefault(prop, number)
    return events


def _series(
    calendar: Any, lines: list[dict[str, int]], path: str
) -> tuple[list[_Series], list[Problem]]:
    events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    grouped: dict[str, _Series] = {}
    problems: list[Problem] = []
    for index, event in enumerate(events):
        at = lines[index] if index < len(lines) else {"BEGIN": 0}
        uid = str(event.get("UID", "")).strip()
        title = str(event.get("SUMMARY", "")).strip() or "(no title)"
        if not uid:
            # Without a UID an event cannot be matched on a later import; make a stable one.
            seed = f"{event.get('DTSTART').to_ical() if event.get('DTSTART') else ''}|{title}"
            uid = "no-uid-" + hashlib.sha256(seed.encode()).hexdigest()[:16]
        for prop, message in getattr(event, "errors", ()):
            what = TIMING.get(str(prop).upper())
            if what is None:
                continue
            raw = event.get(prop)
            text = str(raw) if isinstance(raw, str) else str(getattr(raw, "to_ical", str)())
            problems.append(
                Problem(
                    f'event "{title}" (UID {uid}): broken {what} "{text}": {message}',
                    source=path,
                    line=at.get(str(prop).upper()) or at.get("BEGIN"),
                )
            )
        if event.get("DTSTART") is None:
            problems.append(
                Problem(
                    f'event "{title}" (UID {uid}): no start (DTSTART)',
                    source=path,
                    line=at.get("BEGIN"),
                )
            )
            continue
        recurring = any(event.get(p) is not None for p in ("RRULE", "RDATE"))
        found = grouped.get(uid)
        if found is None:
            grouped[uid] = _Series(uid, [event], at.get("BEGIN", 0), recurring)
        else:
            found.components.append(event)
            found.recurring = found.recurring or recurring
    return list(grouped.values()), problems


def _expand(
    series: _Series, zones: list[Any], window: Window, path: str, limits: Limits
) -> Iterator[tuple[Any, dt.date]]:
    """Each occurrence of `series` from the window's start to its end, in order, with its day."""
    import icalendar
    import recurring_ical_events  # type: ignore[import-untyped]  # ships no type hints

    calendar = icalendar.Calendar()
    for zone in zones:
        calendar.add_component(zone)
    for component in series.components:
        calendar.add_component(component)
    count = 0
    try:
        for occurrence in recurring_ical_events.of(calendar).after(window.start):
            date = _day(occurrence.get("DTSTART").dt)
            if date > window.end:
                return
            count += 1
            if count > limits.max_records:
                raise LimitExceeded(
                    Problem(
                        f"event {series.uid} recurs more than {limits.max_records:,} times "
                        "within the window; the limit is limits.max_records",
                        source=path,
                        line=series.line,
                    )
                )
            yield occurrence, date
    except (LimitExceeded, ParseError):
        raise
    except Exception as exc:  # the library's errors for rules it cannot expand
        title = str(series.components[0].get("SUMMARY", "")).strip() or "(no title)"
        raise ParseError(
            Problem(
                f'event "{title}" (UID {series.uid}): cannot expand its recurrence: {exc}',
                source=path,
                line=series.line,
            )
        ) from None


def _day(value: Any) -> dt.date:
    """The day an event starts, in its own time zone."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


# --------------------------------------------------------------------------
# one occurrence to a touchpoint
# --------------------------------------------------------------------------


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    cats = getattr(value, "cats", None)
    if cats is not None:
        return [str(c) for c in cats]
    return [str(value)]


def _map(
    occurrence: Any,
    date: dt.date,
    series: _Series,
    file: str,
    mapping: CalendarMapping,
    out: Imported,
) -> None:
    title = str(occurrence.get("SUMMARY", "")).strip()
    shown = f'{date} "{title or "(no title)"}"'
    where = f"{file}: {shown} (UID {series.uid})"
    if str(occurrence.get("STATUS", "")).upper() == "CANCELLED":
        out.skip(where, "cancelled")
        out.explanations.append(f"{shown}: skipped, the occurrence is cancelled")
        return
    categories = [c.strip() for c in _texts(occurrence.get("CATEGORIES")) if c.strip()]
    kind, why_kind = _kind(title, categories, mapping)
    if kind is None:
        out.skip(where, why_kind)
        out.explanations.append(f"{shown}: skipped, {why_kind}")
        return
    location = str(occurrence.get("LOCATION", "")).strip()
    description = str(occurrence.get("DESCRIPTION", "")).strip()
    links = " ".join(t for f in LINK_FIELDS for t in _texts(occurrence.get(f)))
    channel, why_channel = _channel(location, description, links, mapping)
    parties, organiser, why_parties = _parties(occurrence, mapping)
    topics = [
        topic.value
        for topic, words in mapping.topics.items()
        if any(_contains(f"{title}\n{description}", w) for w in words)
    ]
    recurrence = occurrence.get("RECURRENCE-ID")
    source: dict[str, Any] = {"file": file, "uid": series.uid}
    if recurrence is not None and series.recurring:
        source["instance"] = _iso(recurrence.dt)
    record: dict[str, Any] = {
        "date": date.isoformat(),
        "kind": kind,
        "channel": channel,
        "parties": parties,
        "topics": topics,
    }
    if organiser is not None:
        record["initiated_by"] = organiser
    if title:
        record["note"] = title[:10_000]
    record["source"] = source
    out.communications.append(record)
    topic_text = f", topics {', '.join(topics)}" if topics else ""
    out.explanations.append(
        f"{shown}: {kind} ({why_kind}), {channel} ({why_channel}), {why_parties}{topic_text}"
    )


def _contains(text: str, word: str) -> bool:
    return bool(word) and word.lower() in text.lower()


def _kind(title: str, categories: list[str], mapping: CalendarMapping) -> tuple[str | None, str]:
    lowered = [c.lower() for c in categories]
    for rule in mapping.kinds:
        for pattern in rule.titles:
            if _contains(title, pattern):
                return rule.kind.value, f"title has {pattern!r}"
        for pattern in rule.categories:
            if pattern.lower() in lowered:
                return rule.kind.value, f"category {pattern!r}"
    return None, "no kind matched its title or categories (see [[calendar.kinds]])"


def _channel(
    location: str, description: str, links: str, mapping: CalendarMapping
) -> tuple[str, str]:
    for field_name, text in (("location", location), ("link", links), ("description", description)):
        for marker in mapping.channels.video:
            if _contains(text, marker):
                return Channel.VIDEO.value, f"{marker} in the {field_name}"
    for field_name, text in (("location", location), ("description", description)):
        for marker in mapping.channels.phone:
            if _contains(text, marker):
                return Channel.PHONE.value, f"{marker!r} in the {field_name}"
    if location:
        return Channel.IN_PERSON.value, f"a room: {location[:40]!r}"
    return mapping.channels.default.value, "no location or link: the default"


def _addresses(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _parties(occurrence: Any, mapping: CalendarMapping) -> tuple[list[str], str | None, str]:
    present: set[Party] = set()
    organiser_side: Party | None = None
    declined = 0
    unknown: set[str] = set()
    organiser = occurrence.get("ORGANIZER")
    if organiser is not None:
        organiser_side = mapping.side_of(str(organiser))
        if organiser_side is not None:
            present.add(organiser_side)
        else:
            unknown.add(_domain(str(organiser)))
    for attendee in _addresses(occurrence.get("ATTENDEE")):
        params = getattr(attendee, "params", {})
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            declined += 1
            continue
        side = mapping.side_of(str(attendee))
        if side is None:
            unknown.add(_domain(str(attendee)))
        else:
            present.add(side)
    parties = [p.value for p in (Party.CLIENT, Party.PROVIDER) if p in present]
    why = f"parties {' and '.join(parties)}" if parties else "no party known"
    notes = []
    if declined:
        notes.append(f"{declined} declined")
    if unknown - {""}:
        notes.append(f"domains not mapped: {', '.join(sorted(unknown - {''}))}")
    if notes:
        why += f" ({'; '.join(notes)})"
    return parties, organiser_side.value if organiser_side else None, why


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].strip().lower() if "@" in address else ""


def _iso(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:40]
