"""The benchmark's ten rules as a GoRules zen-engine decision: a peer engine, where installed.

zen-engine (Rust, ``pip install zen-engine``) evaluates a decision graph over
a JSON context. The ten rules of ``bench/reference.py`` are written here in
its expression language (one expression per rule, default options inlined);
the two touchpoint-gap rules need a sort, which the expression language
lacks, so they run in one of zen's JavaScript function nodes. The benchmark
feeds it the same bytes as the engine and checks its verdicts against the
reference's; zen-engine is never required (``decision()`` gives None without it).
"""

from __future__ import annotations

import json
from typing import Any

from .reference import RULES

_DAY = 86400
_AS_OF = "date(partnership.as_of)"
_START = "date(partnership.start_date)"
_GO_LIVE = (
    f"(partnership.go_live_date != null ? date(partnership.go_live_date) : {_START} + {84 * _DAY})"
)
_PHASED = f"{_AS_OF} < {_GO_LIVE} ? 'not_applicable' : "
_MEETING = (
    "contains(['weekly_checkin', 'monthly_review', 'qbr', 'executive_review', 'ad_hoc'], #.kind)"
    f" and date(#.date) > {_AS_OF} - {365 * _DAY} and date(#.date) <= {_AS_OF}"
)
_MEETINGS = f"filter(communications, {_MEETING})"


def _share(channels: str, verdict: str) -> str:
    share = f"round(count({_MEETINGS}, contains({channels}, #.channel)) / len({_MEETINGS}) * 1000)"
    return (
        "communications == null ? 'not_applicable' : "
        f"len({_MEETINGS}) < 4 ? 'not_applicable' : "
        f"{share} / 1000 {verdict} ? 'passed' : 'failed'"
    )


_PRIMARY = (
    "count(metrics, (#.primary ?? true) and (#.adopted == null or date(#.adopted) <= "
    f"{_AS_OF}) and (#.retired == null or date(#.retired) > {_AS_OF}))"
)
_KPIS = f"metrics == null ? 'not_applicable' : {_PRIMARY} == 0 ? 'not_applicable' : "
_RECOGNISED = f"filter(recognitions, date(#.date) <= {_AS_OF})"
_ACTIONS = "improvement.corrective_actions"
_DONE = f"(#.completed != null and date(#.completed) <= {_AS_OF})"
_JUDGED = (
    f"filter({_ACTIONS}, #.due != null and date(#.opened) <= {_AS_OF} and "
    f"({_DONE} or date(#.due) < {_AS_OF}))"
)
_ON_TIME = f"count({_JUDGED}, {_DONE} and date(#.completed) <= date(#.due))"
_SIGNED = f"map(filter(purpose.sign_offs, date(#.date) <= {_AS_OF}), #.party)"
_OPEN = (
    f"filter(requisitions, date(#.opened) <= {_AS_OF} and (#.filled == null or "
    f"date(#.filled) > {_AS_OF}) and (#.cancelled == null or date(#.cancelled) > {_AS_OF}))"
)

EXPRESSIONS = {
    "COM004": _share("['in_person', 'video']", ">= 0.5"),
    "COM010": _share("['email', 'chat', 'document']", "<= 0.75"),
    "MET002": _PHASED + _KPIS + f"{_PRIMARY} >= 3 ? 'passed' : 'failed'",
    "MET003": _KPIS + f"{_PRIMARY} <= 10 ? 'passed' : 'failed'",
    "REC001": _PHASED
    + "recognitions == null ? 'not_applicable' : "
    + f"({_AS_OF} - (len({_RECOGNISED}) > 0 ? max(map({_RECOGNISED}, date(#.date))) : {_START}))"
    + f" <= {30 * _DAY} ? 'passed' : 'failed'",
    "IMP003": f"{_ACTIONS} == null ? 'not_applicable' : "
    f"len({_JUDGED}) < 3 ? 'not_applicable' : "
    f"round({_ON_TIME} / len({_JUDGED}) * 1000) / 1000 >= 0.85 ? 'passed' : 'failed'",
    "PUR002": "purpose == null or purpose.sign_offs == null ? 'not_applicable' : "
    f"contains({_SIGNED}, 'client') and contains({_SIGNED}, 'provider') ? 'passed' : "
    f"{_AS_OF} - {_START} <= {30 * _DAY} ? 'not_applicable' : 'failed'",
    "URG008": _PHASED
    + "requisitions == null ? 'not_applicable' : "
    + f"len({_OPEN}) < 3 ? 'not_applicable' : "
    + f"round(count({_OPEN}, {_AS_OF} - date(#.opened) > {68 * _DAY}) / len({_OPEN}) * 1000)"
    + " / 1000 <= 0.2 ? 'passed' : 'failed'",
}

GAPS = """
const DAY = 86400000;
const day = (text) => Date.parse(text + "T00:00:00Z");
function gap(input, kinds, maxDays) {
  const p = input.partnership;
  const asOf = day(p.as_of);
  const goLive = p.go_live_date ? day(p.go_live_date) : day(p.start_date) + 84 * DAY;
  if (asOf < goLive || input.communications == null) return "not_applicable";
  const start = Math.max(goLive, asOf - 365 * DAY);
  if (start >= asOf) return "not_applicable";
  const inside = input.communications
    .filter((tp) => kinds.includes(tp.kind))
    .map((tp) => day(tp.date))
    .filter((d) => d >= start && d <= asOf);
  const points = [...new Set([start, ...inside, asOf])].sort((a, b) => a - b);
  let longest = 0;
  for (let i = 1; i < points.length; i++) {
    longest = Math.max(longest, (points[i] - points[i - 1]) / DAY);
  }
  if (inside.length === 0 && longest <= maxDays) return "not_applicable";
  return longest <= maxDays ? "passed" : "failed";
}
export const handler = async (input) => ({
  COM001: gap(input, ["weekly_checkin", "ad_hoc"], 14),
  COM002: gap(input, ["monthly_review", "qbr"], 45),
});
"""


def content() -> dict[str, Any]:
    """The decision graph, as zen-engine's JSON decision model."""
    at = {"x": 0, "y": 0}
    expressions = [{"id": rule, "key": rule, "value": value} for rule, value in EXPRESSIONS.items()]
    return {
        "nodes": [
            {"id": "input", "type": "inputNode", "name": "state", "position": at},
            {
                "id": "rules",
                "type": "expressionNode",
                "name": "rules",
                "position": at,
                "content": {"expressions": expressions},
            },
            {
                "id": "gaps",
                "type": "functionNode",
                "name": "gaps",
                "position": at,
                "content": {"source": GAPS},
            },
            {"id": "output", "type": "outputNode", "name": "verdicts", "position": at},
        ],
        "edges": [
            {"id": "1", "sourceId": "input", "targetId": "rules", "type": "edge"},
            {"id": "2", "sourceId": "input", "targetId": "gaps", "type": "edge"},
            {"id": "3", "sourceId": "rules", "targetId": "output", "type": "edge"},
            {"id": "4", "sourceId": "gaps", "targetId": "output", "type": "edge"},
        ],
    }


def version() -> str | None:
    """zen-engine's version, or None when it is not installed."""
    try:
        from importlib.metadata import version as installed

        return installed("zen-engine")
    except Exception:
        return None


def decision() -> Any | None:
    """The compiled decision, or None when zen-engine is not installed."""
    try:
        import zen
    except ImportError:
        return None
    return zen.ZenEngine().create_decision(json.dumps(content()))


def verdicts(decision: Any, data: bytes) -> dict[str, str]:
    """The ten verdicts for a state's JSON bytes (parsed by the standard library, as zen's
    Python binding takes a context object)."""
    result = decision.evaluate(json.loads(data))["result"]
    return {rule: result[rule] for rule in RULES}
