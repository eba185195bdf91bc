"""Ten rules written by hand in plain Python over ``json.loads``: the benchmark's reference.

This is the physical limit beside which the engine's own figures are read:
what the same ten judgements cost with no framework at all (no validation,
no rule files, no findings or report), reading the parsed JSON directly.
The rules are COM001, COM002, COM004, COM010, MET002, MET003, REC001,
IMP003, PUR002 and URG008 with their default options; each returns the
verdict the engine would give (``passed``, ``failed`` or
``not_applicable``). ``tests/bench/test_reference.py`` holds the verdicts to
the engine's on the bundled examples and the benchmark's states, so the
reference cannot drift into measuring something easier.

It is not part of the engine and never used by it: a ruler, not a second
implementation to keep in step (the engine's rule files, options and
messages are what users rely on).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable
from typing import Any

#: The rules the reference implements, in the order it judges them.
RULES = (
    "COM001",
    "COM002",
    "COM004",
    "COM010",
    "MET002",
    "MET003",
    "REC001",
    "IMP003",
    "PUR002",
    "URG008",
)

PASSED, FAILED, NOT_APPLICABLE = "passed", "failed", "not_applicable"
_MEETINGS = frozenset({"weekly_checkin", "monthly_review", "qbr", "executive_review", "ad_hoc"})
_LIVE = frozenset({"in_person", "video"})
_WRITTEN = frozenset({"email", "chat", "document"})
_date = dt.date.fromisoformat


class _Facts:
    """What every rule reads: dates of the assessment, the phase, the records known on as_of."""

    __slots__ = ("as_of", "go_live", "phase_ok", "start", "state")

    def __init__(self, state: dict[str, Any]) -> None:
        partnership = state["partnership"]
        self.state = state
        self.start = _date(partnership["start_date"])
        self.as_of = _date(partnership["as_of"])
        live = partnership.get("go_live_date")
        self.go_live = _date(live) if live else self.start + dt.timedelta(days=84)
        # The phased rules run in ramp-up and steady state: from go-live on.
        self.phase_ok = self.as_of >= self.go_live


def _known(records: list[dict[str, Any]] | None, field: str, as_of: str) -> list[dict[str, Any]]:
    """Records dated on or before as_of (ISO dates compare as strings)."""
    return [r for r in records or () if r[field] <= as_of]


def _touchpoint_gap(facts: _Facts, kinds: frozenset[str], max_days: int) -> str:
    communications = facts.state.get("communications")
    if communications is None:
        return NOT_APPLICABLE
    as_of = facts.as_of
    window_start = max(facts.go_live, as_of - dt.timedelta(days=365))
    if window_start >= as_of:
        return NOT_APPLICABLE
    days = {
        day
        for tp in communications
        if tp["kind"] in kinds and window_start <= (day := _date(tp["date"])) <= as_of
    }
    points = sorted({window_start, *days, as_of})
    gap = max((b - a).days for a, b in itertools.pairwise(points))
    if not days and gap <= max_days:
        return NOT_APPLICABLE
    return PASSED if gap <= max_days else FAILED


def com001(facts: _Facts) -> str:
    if not facts.phase_ok:
        return NOT_APPLICABLE
    return _touchpoint_gap(facts, frozenset({"weekly_checkin", "ad_hoc"}), 14)


def com002(facts: _Facts) -> str:
    if not facts.phase_ok:
        return NOT_APPLICABLE
    return _touchpoint_gap(facts, frozenset({"monthly_review", "qbr"}), 45)


def _meeting_channels(facts: _Facts) -> list[str] | None:
    communications = facts.state.get("communications")
    if communications is None:
        return None
    earliest = (facts.as_of - dt.timedelta(days=365)).isoformat()
    as_of = facts.as_of.isoformat()
    return [
        tp["channel"]
        for tp in communications
        if tp["kind"] in _MEETINGS and earliest < tp["date"] <= as_of
    ]


def com004(facts: _Facts) -> str:
    channels = _meeting_channels(facts)
    if channels is None or len(channels) < 4:
        return NOT_APPLICABLE
    share = round(sum(c in _LIVE for c in channels) / len(channels), 3)
    return PASSED if share >= 0.5 else FAILED


def com010(facts: _Facts) -> str:
    channels = _meeting_channels(facts)
    if channels is None or len(channels) < 4:
        return NOT_APPLICABLE
    share = round(sum(c in _WRITTEN for c in channels) / len(channels), 3)
    return PASSED if share <= 0.75 else FAILED


def _primary_kpis(facts: _Facts) -> int | None:
    metrics = facts.state.get("metrics")
    if metrics is None:
        return None
    as_of = facts.as_of.isoformat()
    return sum(
        1
        for m in metrics
        if m.get("primary", True)
        and (m.get("adopted") is None or m["adopted"] <= as_of)
        and (m.get("retired") is None or m["retired"] > as_of)
    )


def met002(facts: _Facts) -> str:
    if not facts.phase_ok:
        return NOT_APPLICABLE
    n = _primary_kpis(facts)
    if not n:
        return NOT_APPLICABLE
    return PASSED if n >= 3 else FAILED


def met003(facts: _Facts) -> str:
    n = _primary_kpis(facts)
    if not n:
        return NOT_APPLICABLE
    return PASSED if n <= 10 else FAILED


def rec001(facts: _Facts) -> str:
    if not facts.phase_ok:
        return NOT_APPLICABLE
    recognitions = facts.state.get("recognitions")
    if recognitions is None:
        return NOT_APPLICABLE
    dates = [r["date"] for r in _known(recognitions, "date", facts.as_of.isoformat())]
    latest = _date(max(dates)) if dates else facts.start
    return PASSED if (facts.as_of - latest).days <= 30 else FAILED


def imp003(facts: _Facts) -> str:
    improvement = facts.state.get("improvement")
    actions = None if improvement is None else improvement.get("corrective_actions")
    if actions is None:
        return NOT_APPLICABLE
    as_of = facts.as_of.isoformat()
    judged = late = 0
    for action in _known(actions, "opened", as_of):
        due = action.get("due")
        if due is None:
            continue
        completed = action.get("completed")
        if completed is not None and completed > as_of:
            completed = None  # completed later: still open on as_of
        if completed is None and due >= as_of:
            continue  # open, not yet due
        judged += 1
        late += completed is None or completed > due
    if judged < 3:
        return NOT_APPLICABLE
    return PASSED if round((judged - late) / judged, 3) >= 0.85 else FAILED


def pur002(facts: _Facts) -> str:
    purpose = facts.state.get("purpose")
    if purpose is None or purpose.get("sign_offs") is None:
        return NOT_APPLICABLE
    signed = {s["party"] for s in _known(purpose["sign_offs"], "date", facts.as_of.isoformat())}
    if {"client", "provider"} <= signed:
        return PASSED
    if (facts.as_of - facts.start).days <= 30:
        return NOT_APPLICABLE
    return FAILED


def urg008(facts: _Facts) -> str:
    if not facts.phase_ok:
        return NOT_APPLICABLE
    requisitions = facts.state.get("requisitions")
    if requisitions is None:
        return NOT_APPLICABLE
    as_of = facts.as_of.isoformat()
    opened = [
        r["opened"]
        for r in _known(requisitions, "opened", as_of)
        if (r.get("filled") is None or r["filled"] > as_of)
        and (r.get("cancelled") is None or r["cancelled"] > as_of)
    ]
    if len(opened) < 3:
        return NOT_APPLICABLE
    aged = sum((facts.as_of - _date(day)).days > 68 for day in opened)
    return PASSED if round(aged / len(opened), 3) <= 0.2 else FAILED


CHECKS: dict[str, Callable[[_Facts], str]] = {
    "COM001": com001,
    "COM002": com002,
    "COM004": com004,
    "COM010": com010,
    "MET002": met002,
    "MET003": met003,
    "REC001": rec001,
    "IMP003": imp003,
    "PUR002": pur002,
    "URG008": urg008,
}


def judge(state: dict[str, Any]) -> dict[str, str]:
    """The ten verdicts for a parsed state (a dict, as ``json.loads`` gives it)."""
    facts = _Facts(state)
    return {rule: check(facts) for rule, check in CHECKS.items()}


def assess(data: bytes) -> dict[str, str]:
    """Parse JSON bytes with the standard library and give the ten verdicts."""
    return judge(json.loads(data))
