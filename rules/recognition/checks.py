"""Built-in rule set 4: recognize achievements (prefix REC).

Wins are celebrated promptly, specifically and in both directions, and the
contract rewards doing well rather than only punishing misses. The engine finds
wins itself (milestones achieved, KPI targets met for the first time) and names
those nobody recognised. The rule files sit
beside this module in ``rules/recognition/``; here are the checks no generic check
covers, each tested in ``tests/rules/recognition/test_<rule id>.py``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import itemgetter
from typing import Literal

from pydantic import Field

from foundation_engine.checks import CheckContext, Options, Outcome, check
from foundation_engine.checks.dates import days_after, largest_gap, silence_too_long_from
from foundation_engine.checks.kpi_series import first_target_hit, on_scorecard
from foundation_engine.rulebook.messages import render_value
from foundation_engine.state.model import PartnershipState, Recognition, Touchpoint
from foundation_engine.state.vocabulary import Channel, Owner, Party, Topic, TouchpointKind

TECHNIQUE = "recognition"


# --------------------------------------------------------------------------
# checks
# --------------------------------------------------------------------------


def _dated(
    recognitions: list[Recognition], start: dt.date, end: dt.date
) -> list[tuple[int, Recognition]]:
    return [(i, r) for i, r in enumerate(recognitions) if start <= r.date <= end]


class RecencyOptions(Options):
    max_days: int = Field(ge=0, description="Most days allowed since the latest recognition.")


@check("recognition_recency", options=RecencyOptions)
def recognition_recency(
    state: PartnershipState, options: RecencyOptions, context: CheckContext
) -> Outcome:
    """The latest recognition is at most ``max_days`` before as_of.

    The value is its age in days, and the evidence the first recognition of
    that day; with none at all the value is the partnership's age (nothing
    has been recognised since it began) and ``latest`` reads ``never``.
    """
    if state.recognitions is None:
        return Outcome.not_applicable("the state does not record recognitions")
    as_of = context.as_of
    latest: tuple[int, dt.date] | None = None
    for index, recognition in enumerate(state.recognitions):
        if recognition.date <= as_of and (latest is None or recognition.date > latest[1]):
            latest = (index, recognition.date)
    # With nothing new recorded, the age grows a day a day: over the limit the day after it.
    if latest is None:
        age = context.days_since_start
        fails = days_after(context.start_date, options.max_days + 1)
        return Outcome.judge(age <= options.max_days, age, [], fails_from=fails, latest="never")
    index, day = latest
    age = (as_of - day).days
    return Outcome.judge(
        age <= options.max_days,
        age,
        [f"/recognitions/{index}"],
        fails_from=days_after(day, options.max_days + 1),
        latest=day,
    )


class GapOptions(Options):
    max_days: int = Field(30, ge=1, description="Longest stretch allowed without recognition.")
    lookback_days: int = Field(182, ge=1, description="How far back gaps are measured.")


@check("recognition_gap", options=GapOptions)
def recognition_gap(state: PartnershipState, options: GapOptions, context: CheckContext) -> Outcome:
    """No stretch since go-live, within the lookback, went ``max_days`` without recognition.

    The silence still running on the assessment date counts, and wins a tie
    with an earlier one of the same length. The evidence is the recognition
    that opened the longest silence (the last one before it), so the finding
    shares its record with REC001's exactly when the longest silence is the
    current one; a silence opened by no recognition at all has no evidence.
    """
    if state.recognitions is None:
        return Outcome.not_applicable("the state does not record recognitions")
    as_of = context.as_of
    since = max(as_of - dt.timedelta(days=options.lookback_days), context.go_live)
    if since >= as_of:
        return Outcome.nothing_to_judge("the partnership has not gone live yet")
    recent = _dated(state.recognitions, since, as_of)
    gap, left, right = largest_gap((r.date for _, r in recent), since, as_of)
    latest = max((r.date for _, r in recent), default=since)
    if (as_of - latest).days >= gap:  # the current silence is the longest
        gap, left, right = (as_of - latest).days, latest, as_of
    fails_from = silence_too_long_from(latest, options.max_days, options.lookback_days)
    if not recent and gap <= options.max_days:
        # No recognition yet, and not long enough to be a lapse: no habit to praise either.
        return Outcome.nothing_to_judge(
            f"no recognition has been recorded since {since}, {gap} days ago",
            fails_from=fails_from,
        )
    start = left or since
    # The first of several on the same day, as REC001's recency check picks it.
    opener = max(
        ((r.date, i) for i, r in enumerate(state.recognitions) if r.date <= start),
        key=lambda pair: (pair[0], -pair[1]),
        default=None,
    )
    return Outcome.judge(
        gap <= options.max_days,
        gap,
        [] if opener is None else [f"/recognitions/{opener[1]}"],
        fails_from=fails_from,
        gap_start=start,
        gap_end=right or as_of,
        since=since,
        count=len(recent),
    )


class TwoWayOptions(Options):
    min_share: float = Field(
        0.25, ge=0, le=0.5, description="Smallest share of entries either party must give."
    )
    min_entries: int = Field(4, ge=1, description="Not applicable with fewer entries.")
    lookback_days: int = Field(365, ge=1, description="How far back entries are counted.")


@check("recognition_two_way", options=TwoWayOptions)
def recognition_two_way(
    state: PartnershipState, options: TwoWayOptions, context: CheckContext
) -> Outcome:
    """Each party gives at least ``min_share`` of the recognition recorded.

    A failure names the quieter party as the one to act: the side that
    under-recognises the other.
    """
    if state.recognitions is None:
        return Outcome.not_applicable("the state does not record recognitions")
    since = context.as_of - dt.timedelta(days=options.lookback_days)
    recent = _dated(state.recognitions, since, context.as_of)
    if len(recent) < options.min_entries:
        return Outcome.nothing_to_judge(
            f"{len(recent)} recognitions in the last {options.lookback_days} days; "
            f"at least {options.min_entries} are needed to judge the balance"
        )
    given = {
        party: [i for i, r in recent if r.from_party is party]
        for party in (Party.CLIENT, Party.PROVIDER)
    }
    quieter = min(given, key=lambda p: (len(given[p]), p.value))
    louder = Party.PROVIDER if quieter is Party.CLIENT else Party.CLIENT
    share = round(len(given[quieter]) / len(recent), 3)
    ok = share >= options.min_share
    evidence = given[quieter] if ok else given[louder]
    return Outcome.judge(
        ok,
        share,
        [f"/recognitions/{i}" for i in evidence],
        owner=Owner(quieter.value),
        percent=round(share * 100),
        quieter=quieter.value,
        louder=louder.value,
        from_client=len(given[Party.CLIENT]),
        from_provider=len(given[Party.PROVIDER]),
        total=len(recent),
    )


class SpecificityOptions(Options):
    min_share: float = Field(
        0.7, ge=0, le=1, description="Smallest share of recognitions naming what they celebrate."
    )
    min_items: int = Field(4, ge=1, description="Nothing to judge with fewer recognitions.")
    within_days: int = Field(365, ge=1, description="How far back recognitions are counted.")


def _specific(recognition: Recognition) -> bool:
    return bool(recognition.milestone_id or recognition.goal_id or recognition.metric_id)


@check("recognition_specificity", options=SpecificityOptions)
def recognition_specificity(
    state: PartnershipState, options: SpecificityOptions, context: CheckContext
) -> Outcome:
    """At least ``min_share`` of recent recognitions name the milestone, goal or metric celebrated.

    Recognitions count from the day after ``within_days`` before as_of. A
    failure names the party whose own recognitions fall short of the share
    when only one does, both parties otherwise.
    """
    if state.recognitions is None:
        return Outcome.not_applicable("the state does not record recognitions")
    earliest = context.as_of - dt.timedelta(days=options.within_days)
    recent = [(i, r) for i, r in enumerate(state.recognitions) if earliest < r.date]
    if len(recent) < options.min_items:
        return Outcome.nothing_to_judge(
            f"{len(recent)} recognitions in the last {options.within_days} days; at least "
            f"{options.min_items} are needed to judge how specific they are"
        )
    specific = [i for i, r in recent if _specific(r)]
    general = [i for i, r in recent if not _specific(r)]
    share = round(len(specific) / len(recent), 3)
    ok = share >= options.min_share
    short: set[Owner] = set()
    for party in (Party.CLIENT, Party.PROVIDER):
        own = [r for _, r in recent if r.from_party is party]
        if own and sum(map(_specific, own)) / len(own) < options.min_share:
            short.add(Owner(party.value))
    return Outcome.judge(
        ok,
        share,
        [f"/recognitions/{i}" for i in (specific if ok else general)],
        owner=short.pop() if len(short) == 1 else Owner.BOTH,
        matching=len(specific),
        total=len(recent),
        percent=round(share * 100),
    )


@dataclass(frozen=True)
class Win:
    """An achievement worth celebrating: a milestone reached or a KPI target first met."""

    day: dt.date
    pointer: str
    label: str
    milestone_id: str | None = None
    metric_id: str | None = None
    thanked_by: Owner | None = None
    """The party that should recognise it, when the data says: the side that did not
    deliver it (a KPI the provider owns is the client's to celebrate)."""


def milestone_wins(state: PartnershipState, since: dt.date) -> list[Win]:
    """Milestones achieved from `since` (the state is as known on the assessment date)."""
    return [
        Win(
            m.achieved,
            f"/milestones/{i}",
            f"milestone '{m.name}' achieved {m.achieved}",
            milestone_id=m.id,
        )
        for i, m in enumerate(state.milestones or [])
        if m.achieved is not None and since <= m.achieved
    ]


_THANKED_BY = {Owner.PROVIDER: Owner.CLIENT, Owner.CLIENT: Owner.PROVIDER, Owner.BOTH: Owner.BOTH}


def target_wins(
    state: PartnershipState,
    as_of: dt.date,
    since: dt.date,
    context: CheckContext | None = None,
) -> list[Win]:
    """The first period since the partnership began in which each KPI on the scorecard met its
    target (KPIs retired by `as_of` are history, not wins to celebrate now)."""
    wins = []
    for index, metric in enumerate(state.metrics or []):
        if not on_scorecard(metric, as_of):
            continue
        hit = first_target_hit(metric, as_of, since=state.partnership.start_date, context=context)
        if hit is None or hit.period_end < since:
            continue
        wins.append(
            Win(
                hit.period_end,
                hit.pointer(index),
                f"{metric.name} first met its target of {render_value(metric.target)} "
                f"({render_value(hit.value)} for the period ending {hit.period_end})",
                metric_id=metric.id,
                thanked_by=_THANKED_BY.get(metric.owner) if metric.owner else None,
            )
        )
    return wins


def _celebrates(recognition: Recognition, win: Win, goal_metrics: dict[str, set[str]]) -> bool:
    if win.milestone_id is not None:
        return recognition.milestone_id == win.milestone_id
    if win.metric_id is None:
        return False
    if recognition.metric_id == win.metric_id:
        return True
    return recognition.goal_id is not None and win.metric_id in goal_metrics.get(
        recognition.goal_id, set()
    )


def _by_date(
    recognitions: list[Recognition], context: CheckContext
) -> tuple[list[dt.date], list[tuple[int, Recognition]]]:
    """Recognitions sorted by date with their index, and their dates: sorted once per state."""

    def build() -> tuple[list[Recognition], list[dt.date], list[tuple[int, Recognition]]]:
        ordered = sorted(enumerate(recognitions), key=lambda pair: pair[1].date)
        return recognitions, [r.date for _, r in ordered], ordered

    kept = context.memo(("recognition.by_date", id(recognitions)), build)
    if kept[0] is not recognitions:  # a state other than the context's
        kept = build()
    return kept[1], kept[2]


class WinsOptions(Options):
    wins: Literal["milestones", "targets"] = Field(description="Which wins to look for.")
    within_days: int = Field(14, ge=0, description="Days after a win by which it is recognised.")
    early_days: int = Field(
        7, ge=0, description="Days before a win's recorded date a recognition may fall and count."
    )
    lookback_days: int = Field(365, ge=1, description="How far back wins are looked for.")


@check("recognition_uncelebrated_wins", options=WinsOptions)
def recognition_uncelebrated_wins(
    state: PartnershipState, options: WinsOptions, context: CheckContext
) -> Outcome:
    """Every win (milestone achieved, KPI target first met) is recognised within ``within_days``.

    A recognition celebrates a milestone when it names the milestone, and a
    target when it names the metric or a goal the metric measures. It may fall
    a few days before the recorded date (``early_days``): results are often
    known, and celebrated, before a period formally closes. Wins whose window
    is still open and uncelebrated are not judged yet. The value is the number
    of wins that went uncelebrated; a failure names the party that should
    have recognised them when every missed win says (a KPI's owner delivered
    it, so the other side celebrates it), both parties otherwise.
    """
    section = state.milestones if options.wins == "milestones" else state.metrics
    if section is None:
        recorded = "milestones" if options.wins == "milestones" else "metrics"
        return Outcome.not_applicable(f"the state does not record {recorded}")
    if state.recognitions is None:
        return Outcome.not_applicable("the state does not record recognitions")
    as_of = context.as_of
    since = as_of - dt.timedelta(days=options.lookback_days)
    if options.wins == "milestones":
        found = milestone_wins(state, since)
    else:
        found = target_wins(state, as_of, since, context)
    goal_metrics = {
        g.id: set(g.metric_ids) for g in ((state.purpose.goals if state.purpose else None) or [])
    }
    dates, by_date = _by_date(state.recognitions, context)
    celebrated: list[Win] = []
    thanked: list[str] = []
    missed: list[Win] = []
    for win in found:
        deadline = win.day + dt.timedelta(days=options.within_days)
        earliest = win.day - dt.timedelta(days=options.early_days)
        window = by_date[bisect_left(dates, earliest) : bisect_right(dates, deadline)]
        thanks = [
            f"/recognitions/{i}"
            for i, r in sorted(window, key=itemgetter(0))
            if _celebrates(r, win, goal_metrics)
        ]
        if thanks:
            celebrated.append(win)
            thanked.extend(thanks)
        elif deadline < as_of:
            missed.append(win)
    judged = len(celebrated) + len(missed)
    if not judged:
        if found:
            return Outcome.nothing_to_judge(
                f"{len(found)} recent {options.wins} are still within their "
                f"{options.within_days}-day window"
            )
        event = "milestone was achieved" if options.wins == "milestones" else "KPI target was met"
        return Outcome.nothing_to_judge(f"no {event} in the last {options.lookback_days} days")
    parties = {w.thanked_by for w in missed}
    owner = parties.pop() if len(parties) == 1 else Owner.BOTH
    return Outcome.judge(
        not missed,
        len(missed),
        [w.pointer for w in missed] or [*(w.pointer for w in celebrated), *thanked],
        owner=owner or Owner.BOTH,
        wins_list="; ".join(w.label for w in missed) or "none",
        judged=len(celebrated) + len(missed),
        celebrated=len(celebrated),
    )


class QbrWinsOptions(Options):
    min_share: float = Field(1.0, ge=0, le=1, description="Share of QBRs that must cover wins.")
    within_days: int = Field(365, ge=1, description="How far back QBRs are looked at.")
    live_only: bool = Field(
        True,
        description="Count only QBRs held live (in person or on video) with both parties present.",
    )


#: Channels on which a meeting is held live, face to face or nearly so.
LIVE_CHANNELS = frozenset({Channel.IN_PERSON, Channel.VIDEO})


def _live_with_both(touchpoint: Touchpoint) -> bool:
    return touchpoint.channel in LIVE_CHANNELS and {Party.CLIENT, Party.PROVIDER} <= set(
        touchpoint.parties
    )


@check("recognition_qbr_wins", options=QbrWinsOptions)
def recognition_qbr_wins(
    state: PartnershipState, options: QbrWinsOptions, context: CheckContext
) -> Outcome:
    """At least ``min_share`` of the QBRs held since go-live had wins among their topics.

    QBRs before go-live are kick-offs and implementation reviews, with no
    results yet to celebrate, so they are not counted. A failure names the
    party that organised every QBR without wins (``initiated_by``), both
    parties when they differ or it is not recorded. With ``live_only``, a
    QBR counts only when it was held in person or on video with both parties
    recorded as present: a deck emailed to an absent client celebrates
    nothing together.
    """
    if state.communications is None:
        return Outcome.not_applicable("the state does not record communications")
    if context.go_live > context.as_of:
        return Outcome.nothing_to_judge("the partnership has not gone live yet")
    since = max(context.as_of - dt.timedelta(days=options.within_days), context.go_live)
    held = [
        (i, t)
        for i, t in enumerate(state.communications)
        if t.kind is TouchpointKind.QBR and since <= t.date
    ]
    qbrs = [(i, t) for i, t in held if _live_with_both(t)] if options.live_only else held
    if not qbrs:
        if held:
            which = "the one QBR" if len(held) == 1 else f"none of the {len(held)} QBRs"
            verb = "was not" if len(held) == 1 else "was"
            return Outcome.nothing_to_judge(
                f"{which} held since {since} {verb} a live meeting with both parties present"
            )
        return Outcome.nothing_to_judge(f"no QBR was held between {since} and {context.as_of}")
    with_wins = [f"/communications/{i}" for i, t in qbrs if Topic.WINS in t.topics]
    without = [f"/communications/{i}" for i, t in qbrs if Topic.WINS not in t.topics]
    share = round(len(with_wins) / len(qbrs), 3)
    ok = share >= options.min_share
    # The party that organised every QBR without wins sets those agendas.
    organisers = {t.initiated_by for _, t in qbrs if Topic.WINS not in t.topics}
    organiser = organisers.pop() if len(organisers) == 1 else None
    return Outcome.judge(
        ok,
        share,
        with_wins if ok else without,
        owner=Owner.BOTH if organiser is None else Owner(organiser.value),
        matching=len(with_wins),
        total=len(qbrs),
        left_out=len(held) - len(qbrs),
        percent=round(share * 100),
        since=since,
    )


class IncentiveOptions(Options):
    pass


@check("recognition_contract_incentive", options=IncentiveOptions)
def recognition_contract_incentive(
    state: PartnershipState, options: IncentiveOptions, context: CheckContext
) -> Outcome:
    """The contract rewards doing better (a bonus or gain-share), not only penalises misses."""
    terms = state.partnership.contract_terms
    if terms is None or terms.positive_incentives is None:
        return Outcome.not_applicable(
            "the state does not say whether the contract has a positive incentive"
        )
    base = "/partnership/contract_terms"
    evidence = [f"{base}/positive_incentives"]
    if terms.penalties is not None:
        evidence.append(f"{base}/penalties")
    penalties = {
        True: "has penalties (service credits)",
        False: "has no penalties",
        None: "does not record whether it has penalties",
    }[terms.penalties]
    return Outcome.judge(
        terms.positive_incentives,
        terms.positive_incentives,
        evidence,
        fails_from=Outcome.NEVER,  # contract terms carry no date
        penalties=penalties,
    )


RECOGNITION_CHECKS = (
    recognition_recency,
    recognition_gap,
    recognition_two_way,
    recognition_specificity,
    recognition_uncelebrated_wins,
    recognition_qbr_wins,
    recognition_contract_incentive,
)
