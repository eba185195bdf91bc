"""Built-in rule set 2: communicate constantly (prefix COM).

Open, frequent, two-way contact, face to face or on video where it matters,
with both parties in the room. The rule files sit
beside this module in ``rules/communication/``; here are the checks no generic check
covers, each tested in ``tests/rules/communication/test_<rule id>.py``.

Checks receive the state as known on the assessment's ``as_of``: touchpoints
dated later are already left out (and a KPI retired later is still in force),
so assessing an earlier date reproduces what was known then without any
filtering here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import statistics
from collections.abc import Sequence

from pydantic import Field, model_validator

from foundation_engine.checks import CheckContext, Options, Outcome, check
from foundation_engine.checks.dates import silence_too_long_from
from foundation_engine.checks.kpi_series import in_force
from foundation_engine.state.model import PartnershipState, Touchpoint
from foundation_engine.state.vocabulary import Channel, KpiKind, Owner, Party, Topic, TouchpointKind

TECHNIQUE = "communication"

#: Meetings where the partnership is governed: performance is reviewed and decisions taken.
GOVERNANCE_KINDS = (
    TouchpointKind.MONTHLY_REVIEW,
    TouchpointKind.QBR,
    TouchpointKind.EXECUTIVE_REVIEW,
)
#: Channels on which the two sides meet live: they see and hear each other.
LIVE_CHANNELS = frozenset({Channel.IN_PERSON, Channel.VIDEO})

_KIND_WORDS = {
    TouchpointKind.WEEKLY_CHECKIN: "weekly check-ins",
    TouchpointKind.MONTHLY_REVIEW: "monthly reviews",
    TouchpointKind.QBR: "QBRs",
    TouchpointKind.EXECUTIVE_REVIEW: "executive reviews",
    TouchpointKind.AD_HOC: "ad hoc meetings",
    TouchpointKind.STATUS_REPORT: "status reports",
    TouchpointKind.FEEDBACK: "feedback sessions",
}
_CHANNEL_WORDS = {
    Channel.IN_PERSON: "in person",
    Channel.VIDEO: "on video",
    Channel.PHONE: "by phone",
    Channel.EMAIL: "by email",
    Channel.CHAT: "by chat",
    Channel.DOCUMENT: "as a document",
}


Indexed = list[tuple[int, Touchpoint]]


def _touchpoints(
    state: PartnershipState,
    kinds: Sequence[TouchpointKind] | None = None,
    after: dt.date | None = None,
) -> Indexed:
    """``(index, touchpoint)`` of the kinds given, dated after `after`.

    The state is the one known on as_of, so no touchpoint is dated later.
    """
    return [
        (index, touchpoint)
        for index, touchpoint in enumerate(state.communications or [])
        if (after is None or touchpoint.date > after)
        and (kinds is None or touchpoint.kind in kinds)
    ]


def _pointers(selected: Indexed) -> list[str]:
    return [f"/communications/{index}" for index, _ in selected]


def _kinds_text(kinds: Sequence[TouchpointKind]) -> str:
    """``weekly check-ins or ad hoc meetings``."""
    words = [_KIND_WORDS[kind] for kind in kinds]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _owner(parties: Sequence[Party]) -> Owner:
    """The party that must act: the one named, or both when both (or neither) are."""
    return Owner(parties[0].value) if len(parties) == 1 else Owner.BOTH


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --------------------------------------------------------------------------
# gaps between touchpoints
# --------------------------------------------------------------------------


class TouchpointGapOptions(Options):
    kinds: tuple[TouchpointKind, ...] = Field(min_length=1, description="Touchpoints that count.")
    max_days: int = Field(ge=1, description="Longest stretch allowed without one, in days.")
    lookback_days: int = Field(365, ge=1, description="Only gaps in this many days count.")


@check("communication_touchpoint_gap", options=TouchpointGapOptions)
def communication_touchpoint_gap(
    state: PartnershipState, options: TouchpointGapOptions, context: CheckContext
) -> Outcome:
    """The longest stretch without a touchpoint of the given kinds is at most ``max_days``.

    The span measured runs from go-live (or ``lookback_days`` before as_of,
    whichever is later) up to as_of, so the silence since the last touchpoint
    counts too. The value is the longest gap in days; ``over_limit`` says how
    many stretches exceeded the limit. A span with no touchpoint in it yet that
    is still within the limit is nothing to judge: no touchpoint was due.
    """
    if state.communications is None:
        return Outcome.not_applicable("the state does not record communications")
    window_start = max(context.go_live, context.as_of - dt.timedelta(days=options.lookback_days))
    if window_start >= context.as_of:
        return Outcome.nothing_to_judge("the partnership has not gone live yet")
    selected = _touchpoints(state, options.kinds)
    inside = [(index, tp) for index, tp in selected if tp.date >= window_start]
    points = sorted({window_start, *(tp.date for _, tp in inside), context.as_of})
    gaps = [(b - a).days for a, b in itertools.pairwise(points)]
    gap, left, right = max(
        ((g, a, b) for g, (a, b) in zip(gaps, itertools.pairwise(points), strict=True)),
        key=lambda item: item[0],
    )
    long_gaps = sum(g > options.max_days for g in gaps)
    fails_from = silence_too_long_from(
        max([window_start, *(tp.date for _, tp in inside)]),
        options.max_days,
        options.lookback_days,
    )
    if not inside and gap <= options.max_days:
        return Outcome.nothing_to_judge(
            f"no {_kinds_text(options.kinds)} since {window_start.isoformat()}, "
            f"{gap} days ago; the first is not due yet",
            fails_from=fails_from,
        )
    evidence = [f"/communications/{index}" for index, tp in inside if tp.date in (left, right)]
    if not inside:
        # Point at the last touchpoint before the silence, or at the empty record.
        evidence = _pointers(selected[-1:]) if selected else ["/communications"]
    return Outcome.judge(
        gap <= options.max_days,
        gap,
        evidence,
        fails_from=fails_from,
        gap_start=left,
        gap_end=right,
        kinds=_kinds_text(options.kinds),
        over_limit=long_gaps,
        stretches="stretch" if long_gaps == 1 else "stretches",
    )


# --------------------------------------------------------------------------
# a QBR every quarter
# --------------------------------------------------------------------------


class QbrCadenceOptions(Options):
    quarters: int = Field(4, ge=1, description="How many recent contract quarters are judged.")
    max_missed: int = Field(0, ge=0, description="Quarters allowed without a QBR.")
    live_only: bool = Field(
        True, description="Count only QBRs held in person or on video with both parties present."
    )


def _why_not_a_qbr(tp: Touchpoint, live_only: bool) -> str | None:
    """Why a recorded QBR does not count as one (None when it does).

    With `live_only`, a QBR counts when it was held in person or on video with
    both parties present; one whose attendance is not recorded is judged on
    its channel alone.
    """
    if not live_only:
        return None
    live = tp.channel in LIVE_CHANNELS
    absent = [f"the {party.value}" for party in Party if tp.parties and party not in tp.parties]
    if live and not absent:
        return None
    held = "held" if live else f"held {_CHANNEL_WORDS[tp.channel]},"
    return f"{held} without {' and '.join(absent)}" if absent else held.rstrip(",")


@check("communication_qbr_each_quarter", options=QbrCadenceOptions)
def communication_qbr_each_quarter(
    state: PartnershipState, options: QbrCadenceOptions, context: CheckContext
) -> Outcome:
    """A QBR is held in every contract quarter, starting with the first.

    Contract quarters run in three-month steps from the start date. The latest
    ``quarters`` complete ones are judged, plus the current one once it has
    held its QBR. With ``live_only`` (the default) a QBR counts only when it
    was a live meeting (in person or on video) with both parties present: a
    deck emailed to an absent client is no business review. The value is the
    number of judged quarters with no QBR that counts; a failure points at the
    QBRs that did not count, when there were any.
    """
    if state.communications is None:
        return Outcome.not_applicable("the state does not record communications")
    recorded = _touchpoints(state, (TouchpointKind.QBR,))
    qbrs = [pair for pair in recorded if _why_not_a_qbr(pair[1], options.live_only) is None]
    spans: list[tuple[dt.date, dt.date]] = []
    k = 0
    while (begin := _add_months(context.start_date, 3 * k)) <= context.as_of:
        spans.append((begin, _add_months(context.start_date, 3 * (k + 1))))
        k += 1
    complete = [span for span in spans if span[1] <= context.as_of]
    judged = complete[-options.quarters :]
    current = spans[-1] if spans and spans[-1] not in complete else None
    if current is not None and any(current[0] <= tp.date for _, tp in qbrs):
        judged.append(current)
    if not judged:
        first_end = _add_months(context.start_date, 3) - dt.timedelta(days=1)
        return Outcome.nothing_to_judge(
            f"the first contract quarter runs to {first_end.isoformat()} and has held no QBR yet"
        )
    missed: list[str] = []
    held: Indexed = []
    discounted: Indexed = []
    for begin, end in judged:
        in_quarter = [(index, tp) for index, tp in qbrs if begin <= tp.date < end]
        if in_quarter:
            held.extend(in_quarter)
            continue
        last_day = end - dt.timedelta(days=1)
        others = [(index, tp) for index, tp in recorded if begin <= tp.date < end]
        discounted.extend(others)
        notes = " and ".join(
            f"the QBR of {tp.date.isoformat()} was {_why_not_a_qbr(tp, options.live_only)}"
            for _, tp in others
        )
        span = f"{begin.isoformat()} to {last_day.isoformat()}"
        missed.append(f"{span}: {notes}" if notes else span)
    ok = len(missed) <= options.max_missed
    return Outcome.judge(
        ok,
        len(missed),
        _pointers(held if ok else discounted) or ["/communications"],
        judged=len(judged),
        missed_quarters="; ".join(missed) or "none",
        counted_as=("live QBR with both parties present" if options.live_only else "QBR"),
    )


# --------------------------------------------------------------------------
# QBRs in person
# --------------------------------------------------------------------------


class QbrInPersonOptions(Options):
    max_remote_in_row: int = Field(1, ge=0, description="QBRs in a row allowed away from the room.")
    recent_qbrs: int = Field(4, ge=2, description="How many of the latest QBRs are judged.")


@check("communication_qbr_in_person", options=QbrInPersonOptions)
def communication_qbr_in_person(
    state: PartnershipState, options: QbrInPersonOptions, context: CheckContext
) -> Outcome:
    """QBRs are held in person often enough: no long run of remote ones.

    Among the latest ``recent_qbrs`` QBRs, the value is the longest run of
    consecutive QBRs not held in person (by video, phone, email or any other
    channel). Too few QBRs to hold such a run is nothing to judge yet.
    """
    if state.communications is None:
        return Outcome.not_applicable("the state does not record communications")
    held = _touchpoints(state, (TouchpointKind.QBR,))
    qbrs = sorted(held, key=lambda pair: (pair[1].date, pair[0]))[-options.recent_qbrs :]
    # The QBRs and their channels are records, read without a date of their own: with
    # nothing new recorded, no later day judges them otherwise.
    if len(qbrs) <= options.max_remote_in_row:
        return Outcome.nothing_to_judge(
            f"{len(qbrs)} QBR{'' if len(qbrs) == 1 else 's'} held so far; at least "
            f"{options.max_remote_in_row + 1} are needed to judge a run of remote ones",
            fails_from=Outcome.NEVER,
        )
    longest: Indexed = []
    run: Indexed = []
    for pair in qbrs:
        if pair[1].channel is Channel.IN_PERSON:
            run = []
        else:
            run.append(pair)
            if len(run) > len(longest):
                longest = list(run)
    ok = len(longest) <= options.max_remote_in_row
    in_person = [pair for pair in qbrs if pair[1].channel is Channel.IN_PERSON]
    return Outcome.judge(
        ok,
        len(longest),
        _pointers(longest if not ok else in_person or qbrs),
        fails_from=Outcome.NEVER,
        judged=len(qbrs),
        in_person=len(in_person),
    )


# --------------------------------------------------------------------------
# both parties at governance meetings
# --------------------------------------------------------------------------


class AttendanceOptions(Options):
    min_share: float = Field(0.9, ge=0, le=1, description="Share of meetings with both present.")
    window_days: int = Field(365, ge=1)
    min_meetings: int = Field(2, ge=1, description="Not applicable with fewer meetings.")
    kinds: tuple[TouchpointKind, ...] = Field(GOVERNANCE_KINDS, min_length=1)


@check("communication_governance_attendance", options=AttendanceOptions)
def communication_governance_attendance(
    state: PartnershipState, options: AttendanceOptions, context: CheckContext
) -> Outcome:
    """Both parties attend the governance meetings.

    Meetings whose attendance is not recorded (no parties listed) are left
    out. Too few meetings to judge is missing data when some attendance went
    unrecorded, and nothing to judge when every meeting held was recorded.
    The value is the share (0 to 1) of the rest with both parties present.
    On a failure the side that is absent is the one to act: each side whose
    own attendance falls below ``min_share``, or both when neither does alone
    (each missed a few) or both do.
    """
    if state.communications is None:
        return Outcome.not_applicable("the state does not record communications")
    since = context.as_of - dt.timedelta(days=options.window_days)
    held = _touchpoints(state, options.kinds, after=since)
    meetings = [(index, tp) for index, tp in held if tp.parties]
    if len(meetings) < options.min_meetings:
        reason = (
            f"{len(meetings)} governance meeting(s) with attendance recorded in the last "
            f"{options.window_days} days; at least {options.min_meetings} needed"
        )
        if len(meetings) < len(held):  # attendance left unrecorded: missing data
            return Outcome.not_applicable(reason)
        return Outcome.nothing_to_judge(reason)
    everyone = set(Party)
    absent = {party: [pair for pair in meetings if party not in pair[1].parties] for party in Party}
    both = [pair for pair in meetings if everyone <= set(pair[1].parties)]
    complete = {index for index, _ in both}
    incomplete = [pair for pair in meetings if pair[0] not in complete]
    value = round(len(both) / len(meetings), 3)
    ok = value >= options.min_share
    summary = "; ".join(
        f"the {party.value} missed {len(missed)} of {len(meetings)}"
        for party, missed in absent.items()
        if missed
    )
    away = [party for party in Party if 1 - len(absent[party]) / len(meetings) < options.min_share]
    return Outcome.judge(
        ok,
        value,
        _pointers(both if ok else incomplete),
        owner=_owner(away),
        total=len(meetings),
        attended=len(both),
        percent=round(value * 100),
        absences=summary or "nobody missed one",
        client_missed=len(absent[Party.CLIENT]),
        provider_missed=len(absent[Party.PROVIDER]),
    )


# --------------------------------------------------------------------------
# two-way contact
# --------------------------------------------------------------------------


class TwoWayOptions(Options):
    min_share: float = Field(0.15, ge=0, le=0.5, description="Smallest share either side starts.")
    window_days: int = Field(365, ge=1)
    min_items: int = Field(4, ge=1, description="Not applicable with fewer touchpoints.")
    exclude_kinds: tuple[TouchpointKind, ...] = Field(
        (TouchpointKind.STATUS_REPORT,), description="One-way by nature; not counted."
    )


@check("communication_two_way", options=TwoWayOptions)
def communication_two_way(
    state: PartnershipState, options: TwoWayOptions, context: CheckContext
) -> Outcome:
    """Both parties start conversations and raise feedback, not one side only.

    Counts touchpoints whose ``initiated_by`` is recorded, leaving out one-way
    kinds such as status reports. Too few of them is missing data when some
    initiators went unrecorded, and nothing to judge otherwise. The value is
    the share (0 to 1) started by the quieter side, which is the one to act on
    a failure.
    """
    if state.communications is None:
        return Outcome.not_applicable("the state does not record communications")
    since = context.as_of - dt.timedelta(days=options.window_days)
    counted = [
        (index, tp)
        for index, tp in _touchpoints(state, after=since)
        if tp.kind not in options.exclude_kinds
    ]
    started = [(index, tp) for index, tp in counted if tp.initiated_by is not None]
    if len(started) < options.min_items:
        reason = (
            f"{len(started)} touchpoint(s) in the last {options.window_days} days record who "
            f"started them; at least {options.min_items} needed"
        )
        if len(started) < len(counted):  # initiators left unrecorded: missing data
            return Outcome.not_applicable(reason)
        return Outcome.nothing_to_judge(reason)
    by_party = {
        party: [pair for pair in started if pair[1].initiated_by is party] for party in Party
    }
    quiet = min(Party, key=lambda party: (len(by_party[party]), party.value))
    loud = Party.PROVIDER if quiet is Party.CLIENT else Party.CLIENT
    value = round(len(by_party[quiet]) / len(started), 3)
    ok = value >= options.min_share
    return Outcome.judge(
        ok,
        value,
        _pointers(started if ok else by_party[loud]),
        owner=Owner(quiet.value),
        quiet_party=f"the {quiet.value}",
        busy_party=f"the {loud.value}",
        quiet_count=len(by_party[quiet]),
        total=len(started),
        percent=round(value * 100),
    )


# --------------------------------------------------------------------------
# how meetings are held
# --------------------------------------------------------------------------


class MeetingChannelOptions(Options):
    kinds: tuple[TouchpointKind, ...] = Field(min_length=1, description="Meetings that count.")
    channels: tuple[Channel, ...] = Field(
        min_length=1, description="Channels whose meetings make up the share."
    )
    min_share: float | None = Field(None, ge=0, le=1, description="Smallest share allowed.")
    max_share: float | None = Field(None, ge=0, le=1, description="Largest share allowed.")
    within_days: int = Field(365, ge=1, description="Meetings in this many days count.")
    min_items: int = Field(1, ge=1, description="Not applicable with fewer meetings.")

    @model_validator(mode="after")
    def _bounds(self) -> MeetingChannelOptions:
        if self.min_share is None and self.max_share is None:
            raise ValueError("communication_meeting_channels needs min_share, max_share or both")
        return self


@check("communication_meeting_channels", options=MeetingChannelOptions)
def communication_meeting_channels(
    state: PartnershipState, options: MeetingChannelOptions, context: CheckContext
) -> Outcome:
    """The share of recent meetings held on the given channels lies within bounds.

    Meetings of the given kinds dated in the ``within_days`` up to as_of count
    (fewer than ``min_items``: not applicable). The value is the share (0 to 1)
    held on ``channels``; a share below ``min_share`` points at the meetings
    held otherwise, any other verdict at those held on ``channels``.
    """
    if state.communications is None:
        return Outcome.not_applicable("the state does not record communications")
    since = context.as_of - dt.timedelta(days=options.within_days)
    meetings = _touchpoints(state, options.kinds, after=since)
    if len(meetings) < options.min_items:
        return Outcome.not_applicable(
            f"{len(meetings)} matching records; at least {options.min_items} needed"
        )
    channels = options.channels
    matching = [pair for pair in meetings if pair[1].channel in channels]
    value = round(len(matching) / len(meetings), 3)
    low = options.min_share is not None and value < options.min_share
    high = options.max_share is not None and value > options.max_share
    others = [pair for pair in meetings if pair[1].channel not in channels]
    return Outcome.judge(
        not (low or high),
        value,
        _pointers(others if low else matching),
        matching=len(matching),
        total=len(meetings),
        percent=round(value * 100),
    )


# --------------------------------------------------------------------------
# status updates cover what matters
# --------------------------------------------------------------------------


class StatusCoverageOptions(Options):
    required_topics: tuple[Topic, ...] = Field(min_length=1)
    min_share: float = Field(0.75, ge=0, le=1, description="Share of updates covering them all.")
    window_days: int = Field(90, ge=1)
    kinds: tuple[TouchpointKind, ...] = Field(
        (
            TouchpointKind.STATUS_REPORT,
            TouchpointKind.WEEKLY_CHECKIN,
            TouchpointKind.MONTHLY_REVIEW,
        ),
        min_length=1,
    )


@check("communication_status_coverage", options=StatusCoverageOptions)
def communication_status_coverage(
    state: PartnershipState, options: StatusCoverageOptions, context: CheckContext
) -> Outcome:
    """Status updates cover every required topic (pipeline, time to fill, joint actions).

    Updates with no topics recorded are left out (when none records its topics
    the content is not recorded: not applicable). No update in the window is
    nothing to judge. The value is the share (0 to 1) of updates that cover
    all required topics.
    """
    if state.communications is None:
        return Outcome.not_applicable("the state does not record communications")
    since = context.as_of - dt.timedelta(days=options.window_days)
    updates = _touchpoints(state, options.kinds, after=since)
    if not updates:
        return Outcome.nothing_to_judge(
            f"there was no status update in the last {options.window_days} days"
        )
    described = [(index, tp) for index, tp in updates if tp.topics]
    if not described:
        return Outcome.not_applicable(
            f"none of the status updates in the last {options.window_days} days records its topics"
        )
    required = set(options.required_topics)
    complete = [pair for pair in described if required <= set(pair[1].topics)]
    covered = {index for index, _ in complete}
    incomplete = [pair for pair in described if pair[0] not in covered]
    missing_counts = {
        topic: sum(topic not in tp.topics for _, tp in described)
        for topic in options.required_topics
    }
    most_missed = ", ".join(
        f"{topic.value.replace('_', ' ')} (missing from {count})"
        for topic, count in sorted(missing_counts.items(), key=lambda item: -item[1])
        if count
    )
    value = round(len(complete) / len(described), 3)
    ok = value >= options.min_share
    return Outcome.judge(
        ok,
        value,
        _pointers(complete if ok else incomplete),
        complete=len(complete),
        total=len(described),
        percent=round(value * 100),
        missing_topics=most_missed or "none",
        topics=", ".join(topic.value.replace("_", " ") for topic in options.required_topics),
    )


# --------------------------------------------------------------------------
# hiring-manager feedback time
# --------------------------------------------------------------------------

_HOURS_PER_UNIT = {
    "h": 1.0,
    "hr": 1.0,
    "hrs": 1.0,
    "hour": 1.0,
    "hours": 1.0,
    "d": 24.0,
    "day": 24.0,
    "days": 24.0,
    "business day": 24.0,
    "business days": 24.0,
}


class FeedbackTimeOptions(Options):
    max_hours: float = Field(48, gt=0, description="Longest acceptable median, in hours.")
    max_age_days: int = Field(183, ge=1, description="Ignore observations older than this.")


@check("communication_hiring_manager_feedback_time", options=FeedbackTimeOptions)
def communication_hiring_manager_feedback_time(
    state: PartnershipState, options: FeedbackTimeOptions, context: CheckContext
) -> Outcome:
    """Hiring managers give feedback on candidates quickly (median hours).

    Reads the metrics of kind ``hiring_manager_feedback_time`` in force on
    as_of (a retired one is history): the latest observation of each, no
    older than ``max_age_days``, converted to hours from the metric's unit
    (hours when none is given). The value is the median of those readings, in
    hours.
    """
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    kind = KpiKind.HIRING_MANAGER_FEEDBACK_TIME
    tracked = [
        (index, metric)
        for index, metric in enumerate(state.metrics)
        if metric.kind is kind and in_force(metric, context.as_of)
    ]
    if not tracked:
        return Outcome.not_applicable("no metric of kind hiring_manager_feedback_time is tracked")
    oldest = context.as_of - dt.timedelta(days=options.max_age_days)
    hours: list[float] = []
    evidence: list[str] = []
    for index, metric in tracked:
        unit = (metric.unit or "hours").strip().lower()
        factor = _HOURS_PER_UNIT.get(unit)
        if factor is None:
            return Outcome.not_applicable(
                f"metric {metric.id!r} is measured in {metric.unit!r}; expected hours or days"
            )
        readings = [
            (number, observation)
            for number, observation in enumerate(metric.observations)
            if oldest < observation.period_end
        ]
        if readings:
            number, latest = max(readings, key=lambda pair: pair[1].period_end)
            hours.append(latest.value * factor)
            evidence.append(f"/metrics/{index}/observations/{number}")
    if not hours:
        return Outcome.not_applicable(
            f"no hiring-manager feedback time observed in the {options.max_age_days} days "
            "to the assessment"
        )
    value = round(statistics.median(hours), 1)
    return Outcome.judge(value <= options.max_hours, value, evidence, days=round(value / 24, 1))


COMMUNICATION_CHECKS = (
    communication_touchpoint_gap,
    communication_qbr_each_quarter,
    communication_qbr_in_person,
    communication_governance_attendance,
    communication_two_way,
    communication_meeting_channels,
    communication_status_coverage,
    communication_hiring_manager_feedback_time,
)
