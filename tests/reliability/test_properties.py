"""Properties of the engine over generated valid states (hypothesis).

For any valid state: the engine does not raise and no built-in rule errors,
every score lies within its range, the same input gives byte-identical
output, and adding a touchpoint never lengthens the largest gap between them.
Runs are derandomized, so a failure reproduces on every run.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foundation_engine.checks.dates import largest_gap
from foundation_engine.checks.outcome import Status
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.report.model import Finding, Report
from foundation_engine.state.model import EARLIEST_DATE, LATEST_DATE
from foundation_engine.testing.builder import StateBuilder

from .strategies import states

ENGINE = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
PROPERTY = settings(
    derandomize=True,
    deadline=None,
    max_examples=80,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def finding(report: Report, rule_id: str) -> Finding:
    return next(f for f in report.findings if f.rule_id == rule_id)


@PROPERTY
@given(states())
def test_the_engine_never_raises_and_no_rule_errors(builder: StateBuilder) -> None:
    report = ENGINE.assess(builder.build())
    errors = [(f.rule_id, f.message) for f in report.findings if f.status is Status.ERROR]
    assert errors == []
    assert len(report.findings) == len(ENGINE.rules)


@PROPERTY
@given(states(first=EARLIEST_DATE, last=LATEST_DATE))
def test_no_rule_errors_anywhere_in_the_accepted_calendar(builder: StateBuilder) -> None:
    report = ENGINE.assess(builder.build())
    assert [(f.rule_id, f.message) for f in report.findings if f.status is Status.ERROR] == []


@PROPERTY
@given(states())
def test_every_score_is_within_its_range(builder: StateBuilder) -> None:
    report = ENGINE.assess(builder.build())
    for f in report.findings:
        if f.status in (Status.PASSED, Status.FAILED):
            assert f.score is not None and 0 <= f.score <= 1, f
        else:
            assert f.score is None, f
        assert f.weight >= 0
    for t in report.techniques:
        for score in (t.score, t.unwaived_score):
            assert score is None or 0 <= score <= 100, t
        assert 0 <= t.coverage <= 1
        assert t.passed + t.failed + t.not_applicable + t.errors == t.rules_run
    for score in (report.overall_score, report.unwaived_overall_score):
        assert score is None or 0 <= score <= 100
    assert 0 <= report.coverage <= 1
    assert report.days_since_start >= 0


@PROPERTY
@given(states())
def test_output_is_deterministic_and_independent_of_how_the_state_arrives(
    builder: StateBuilder,
) -> None:
    state = builder.build()
    first = ENGINE.assess(state).model_dump_json()
    assert ENGINE.assess(state).model_dump_json() == first
    assert ENGINE.assess(state.model_dump_json().encode()).model_dump_json() == first
    assert ENGINE.assess(builder.to_dict()).model_dump_json() == first


@PROPERTY
@given(states(), st.data())
def test_adding_a_touchpoint_never_lengthens_the_largest_gap(
    builder: StateBuilder, data: st.DataObject
) -> None:
    before = builder.build()
    start, as_of = before.partnership.start_date, before.partnership.as_of
    assert as_of is not None
    day = start + dt.timedelta(days=data.draw(st.integers(0, (as_of - start).days)))
    after = builder.touchpoint(day, kind="weekly_checkin").build()
    old, new = finding(ENGINE.assess(before), "COM001"), finding(ENGINE.assess(after), "COM001")
    if isinstance(old.value, int | float) and isinstance(new.value, int | float):
        assert new.value <= old.value
    if old.status is Status.PASSED:
        assert new.status is Status.PASSED
    if old.score is not None and new.score is not None:
        assert new.score >= old.score


@settings(derandomize=True, max_examples=300)
@given(
    st.lists(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))),
    st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
    st.booleans(),
)
def test_one_more_date_inside_the_window_never_makes_the_calendar_gap_longer(
    days: list[dt.date], extra: dt.date, bounded: bool
) -> None:
    if bounded:  # the gap counts from the start and up to the end of the window
        start, end = dt.date(2024, 1, 1), dt.date(2026, 12, 31)
    elif days:  # the gap counts between dates only: stay between the first and the last
        start, end = None, None
        extra = min(max(extra, min(days)), max(days))
    else:
        return
    before, *_ = largest_gap(days, start, end)
    after, *_ = largest_gap([*days, extra], start, end)
    assert after <= before
