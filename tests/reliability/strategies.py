"""Hypothesis strategies for valid partnership states, built on the StateBuilder.

Every state drawn is valid by construction: dates in order and within
``start_date`` .. ``as_of``, values within what the model accepts, references
that resolve. Sections are sometimes left unrecorded (``None``), sometimes
recorded empty, so rules meet every shape of data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from foundation_engine.state.vocabulary import (
    Channel,
    EscalationLevel,
    KpiKind,
    Party,
    SurveyTopic,
    Topic,
    TouchpointKind,
)
from foundation_engine.testing.builder import StateBuilder

EPOCH = dt.date(2024, 1, 1)
PARTIES = [p.value for p in Party]
OWNERS = ["client", "provider", "both"]
TOPICS = [t.value for t in Topic]


def _day(start: dt.date, offset: int) -> dt.date:
    return start + dt.timedelta(days=offset)


@st.composite
def touchpoint(draw: st.DrawFn, age: int) -> dict[str, Any]:
    return {
        "offset": draw(st.integers(0, age)),
        "kind": draw(st.sampled_from([k.value for k in TouchpointKind])),
        "channel": draw(st.sampled_from([c.value for c in Channel])),
        "parties": draw(st.lists(st.sampled_from(PARTIES), max_size=2, unique=True)),
        "topics": draw(
            st.lists(st.sampled_from([t.value for t in Topic]), max_size=3, unique=True)
        ),
        "initiated_by": draw(st.none() | st.sampled_from(PARTIES)),
    }


@st.composite
def states(
    draw: st.DrawFn, first: dt.date = EPOCH, last: dt.date = dt.date(2027, 12, 31)
) -> StateBuilder:
    """A StateBuilder holding a valid, randomly shaped partnership (call ``.build()``),
    starting and assessed between `first` and `last`."""
    start = draw(st.dates(first, last))
    age = draw(st.integers(0, min(900, (last - start).days)))
    as_of = _day(start, age)
    horizon = (last - start).days  # planned dates may run past as_of, not past `last`
    go_live = draw(st.none() | st.integers(0, min(200, age)).map(lambda d: _day(start, d)))
    builder = StateBuilder(start=start, as_of=as_of, go_live=go_live)

    if draw(st.booleans()):
        builder.recorded("communications")
        for tp in draw(st.lists(touchpoint(age), max_size=40)):
            builder.touchpoint(_day(start, tp.pop("offset")), **tp)

    metric_ids: list[str] = []
    if draw(st.booleans()):
        builder.recorded("metrics")
        kinds = draw(st.lists(st.sampled_from([k.value for k in KpiKind]), max_size=5))
        for n, kind in enumerate(kinds):
            metric_id = f"m{n}"
            metric_ids.append(metric_id)
            days = sorted(set(draw(st.lists(st.integers(0, age), max_size=12))))
            values = st.floats(0, 100, allow_nan=False, allow_infinity=False)
            builder.metric(
                metric_id,
                kind=kind,
                unit=draw(st.sampled_from([None, "days", "%", "USD"])),
                direction=draw(st.sampled_from([None, "higher", "lower"])),
                target=draw(st.none() | values),
                baseline=draw(st.none() | values),
                primary=draw(st.booleans()),
                observations=[(_day(start, d), draw(values)) for d in days],
            )

    if draw(st.booleans()):
        builder.purpose(
            documented=draw(st.none() | st.integers(0, age).map(lambda d: _day(start, d)))
        )
        for n in range(draw(st.integers(0, 3))):
            links = draw(st.lists(st.sampled_from(metric_ids), unique=True)) if metric_ids else []
            builder.goal(f"g{n}", metric_ids=links)
        for party in draw(st.lists(st.sampled_from(PARTIES), unique=True)):
            builder.sign_off(party, f"{party} sponsor", _day(start, draw(st.integers(0, age))))

    if draw(st.booleans()):
        builder.recorded("recognitions")
        for _ in range(draw(st.integers(0, 8))):
            giver = draw(st.sampled_from(PARTIES))
            builder.recognition(
                _day(start, draw(st.integers(0, age))),
                from_party=giver,
                to_party="provider" if giver == "client" else "client",
            )

    if draw(st.booleans()):
        builder.recorded("issues", "corrective_actions")
        for n in range(draw(st.integers(0, 6))):
            opened = draw(st.integers(0, age))
            closed = draw(st.none() | st.integers(opened, age))
            builder.issue(
                f"i{n}",
                _day(start, opened),
                root_cause=draw(st.none() | st.just("Late feedback")),
                closed=None if closed is None else _day(start, closed),
            )
            if draw(st.booleans()):
                done = draw(st.none() | st.integers(opened, age))
                builder.corrective_action(
                    f"ca{n}",
                    _day(start, opened),
                    owner=draw(st.sampled_from(OWNERS)),
                    issue_id=f"i{n}",
                    due=_day(start, min(opened + draw(st.integers(0, 60)), horizon)),
                    completed=None if done is None else _day(start, done),
                )

    if draw(st.booleans()):
        builder.recorded("escalations", "action_items", "requisitions", "surveys")
        for _ in range(draw(st.integers(0, 3))):
            builder.escalation(
                _day(start, draw(st.integers(0, age))),
                level=draw(st.sampled_from([lv.value for lv in EscalationLevel])),
            )
        for n in range(draw(st.integers(0, 6))):
            raised = draw(st.integers(0, age))
            due = min(raised + draw(st.integers(0, 30)), horizon)
            done = draw(st.none() | st.integers(raised, age))
            builder.action_item(
                f"a{n}",
                _day(start, raised),
                _day(start, due),
                completed=None if done is None else _day(start, done),
            )
        for n in range(draw(st.integers(0, 6))):
            opened = draw(st.integers(0, age))
            filled = draw(st.none() | st.integers(opened, age))
            builder.requisition(
                f"r{n}",
                _day(start, opened),
                filled=None if filled is None else _day(start, filled),
            )
        for _ in range(draw(st.integers(0, 4))):
            builder.survey(
                _day(start, draw(st.integers(0, age))),
                draw(st.sampled_from(PARTIES)),
                draw(st.sampled_from([t.value for t in SurveyTopic])),
                draw(st.floats(0, 5, allow_nan=False)),
            )
    return builder
