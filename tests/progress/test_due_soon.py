"""What falls due next: found by assessing forward with no new records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.states import build_state

from foundation_engine import Engine, EngineConfig, Outcome, check, hookimpl
from foundation_engine.checks import CheckContext
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.state import PartnershipState
from foundation_engine.state.known import last_dated
from foundation_engine.testing.builder import StateBuilder
from tests.rulekit import RuleFolder, rule

from ..conftest import GENERIC

START = "2025-01-06"
AS_OF = "2026-03-30"  # the contract quarter from 6 January ends on 5 April


def week_before_a_review_and_a_qbr(last_reviewed: str | None = "2025-04-06") -> StateBuilder:
    """A year of weekly check-ins and a QBR each contract quarter, none yet this quarter;
    the purpose was last reviewed 358 days ago."""
    b = (
        StateBuilder(start=START, as_of=AS_OF)
        .purpose(documented="2025-01-10", last_reviewed=last_reviewed)
        .sign_off("client", "Dana Whitfield", "2025-01-14")
        .sign_off("provider", "Sam Okafor", "2025-01-15")
        .weekly_touchpoints("2025-01-13", "2026-03-23")
    )
    for day in ("2025-02-20", "2025-05-20", "2025-08-20", "2025-11-20"):
        b.touchpoint(day, kind="qbr", channel="in_person", topics=["wins", "goals"])
    return b


def engine(**settings: object) -> Engine:
    return Engine(
        EngineConfig.model_validate(settings), builtins=DEFAULT_PLUGINS, entrypoints=False
    )


def test_a_review_and_a_qbr_falling_due_next_week_are_listed_with_their_dates() -> None:
    report = engine().assess(week_before_a_review_and_a_qbr().build())
    due = {item.rule_id: item for item in report.due_soon}
    assert report.due_within_days == 30
    assert due["PUR006"].due == dt.date(2026, 4, 7)  # 365 days after the review: day 366
    assert due["COM003"].due == dt.date(2026, 4, 6)  # the quarter closes without a QBR
    assert due["COM003"].kind == "rule"
    assert due["COM003"].owner in {"both", "client", "provider"}
    assert "QBR" in due["COM003"].message
    # soonest first, and nothing listed that already fails today
    assert [i.due for i in report.due_soon] == sorted(i.due for i in report.due_soon)
    failing = {f.rule_id for f in report.failed(include_related=True)}
    assert not failing & set(due)


def test_nothing_is_listed_beyond_the_horizon_and_the_horizon_is_configurable() -> None:
    week = engine(due_soon_days=5).assess(week_before_a_review_and_a_qbr().build())
    assert week.due_within_days == 5
    assert all(item.due <= dt.date(2026, 4, 4) for item in week.due_soon)
    assert "PUR006" not in {i.rule_id for i in week.due_soon}
    off = engine(due_soon_days=0).assess(week_before_a_review_and_a_qbr().build())
    assert (off.due_soon, off.due_within_days) == ([], 0)


def test_a_waiver_about_to_expire_over_a_failure_is_listed() -> None:
    state = week_before_a_review_and_a_qbr(last_reviewed=None)  # never reviewed: fails today
    waiver = {
        "rule": "PUR006",
        "reason": "Review moved to the April offsite",
        "owner": "dana.whitfield@client.example",
        "expires": "2026-04-10",
    }
    report = engine(waivers=[waiver]).assess(state.build())
    item = next(i for i in report.due_soon if i.kind == "waiver")
    assert (item.rule_id, item.due, item.owner) == (
        "PUR006",
        dt.date(2026, 4, 11),
        "dana.whitfield@client.example",
    )


# -- a check that starts failing on a known day ----------------------------------

FAILS_FROM = dt.date(2026, 4, 11)


def _fails_from(evidence: str) -> Callable[[PartnershipState, Any, CheckContext], Outcome]:
    def judged(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
        late = (context.as_of - FAILS_FROM).days
        return Outcome.judge(late < 0, late, [evidence] if late >= 0 else [])

    return judged


class FailsLater:
    __name__ = "fails-later"

    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        register(check("tst_fails_later")(_fails_from("/communications/0")))
        register(check("tst_fails_later_nowhere")(_fails_from("/communications/999")))


def test_a_rule_is_listed_on_its_first_failing_day_with_that_days_message(
    tmp_path: Path,
) -> None:
    folder = RuleFolder(
        tmp_path / "rules",
        [rule("TST001", "tst_fails_later"), rule("TST002", "tst_fails_later_nowhere")],
    )
    engine = Engine(builtins=GENERIC, plugins=[FailsLater(), folder], entrypoints=False)
    report = engine.assess(week_before_a_review_and_a_qbr().build())
    due = {item.rule_id: item for item in report.due_soon}
    assert due["TST001"].due == FAILS_FROM
    assert due["TST001"].message == "Failed with 0."
    # failing with evidence that points nowhere is an error on that day, not a failure
    assert "TST002" not in due


def _first_failing_days(engine: Engine, state: PartnershipState) -> dict[str, dt.date]:
    """Each rule that does not fail today but fails on the horizon, and its first failing
    day, found the slow way: one assessment for every day up to the horizon."""
    today = engine.assess_state(state)
    days = [today.as_of + dt.timedelta(days=k) for k in range(1, engine.config.due_soon_days + 1)]
    by_day = [engine.assess_state(state, as_of=day, due=False) for day in days]
    fails = {
        f.rule_id: [r.findings[i].status.value == "failed" for r in by_day]
        for i, f in enumerate(today.findings)
        if f.status.value in ("passed", "not_applicable")
    }
    return {rule: days[ran.index(True)] for rule, ran in fails.items() if ran[-1]}


def test_what_falls_due_matches_assessing_every_day_when_records_are_dated_later() -> None:
    """States holding records dated after as_of: the days before the last of them are
    trimmed, the days after it share the state as recorded; both give each day's verdict."""
    every_rule = Engine(entrypoints=False)
    checked = 0
    for index in range(12):
        state = every_rule.load(build_state("typical", seed=0, index=index))
        last = last_dated(state)
        if last is None or state.partnership.as_of is None or last <= state.partnership.as_of:
            continue
        checked += 1
        listed = {
            item.rule_id: item.due
            for item in every_rule.assess_state(state).due_soon
            if item.kind == "rule"
        }
        assert listed == _first_failing_days(every_rule, state), index
    assert checked >= 3  # the generated states hold some records dated after as_of
