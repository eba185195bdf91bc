"""Outcomes built by hand mean what the same outcome built by a constructor means."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from foundation_engine import hookimpl
from foundation_engine.checks import CheckContext, Outcome, Status, check
from foundation_engine.state.model import PartnershipState
from foundation_engine.state.vocabulary import Owner
from foundation_engine.testing import StateBuilder, assert_finding, plugin_engine

from ..plugin_kit.plugins_for_tests import rule_folder


def test_a_status_given_as_a_word_becomes_the_status() -> None:
    outcome = Outcome("passed", 3)  # type: ignore[arg-type]
    assert outcome.status is Status.PASSED
    assert outcome == Outcome.passed(3)


def test_an_unknown_status_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(ValueError) as caught:
        Outcome("succeeded")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "Outcome status 'succeeded' is not one of 'passed', 'failed', 'not_applicable', 'error'"
    )


def test_an_owner_given_as_a_word_becomes_the_owner() -> None:
    outcome = Outcome.failed(3, owner="provider")  # type: ignore[arg-type]
    assert outcome.owner is Owner.PROVIDER
    assert outcome == Outcome.failed(3, owner=Owner.PROVIDER)


def test_an_unknown_owner_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(ValueError) as caught:
        Outcome.failed(3, owner="vendor")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "Outcome owner 'vendor' is not one of 'client', 'provider', 'both'"
    )


def test_evidence_given_as_a_list_is_kept_as_a_tuple() -> None:
    assert Outcome(Status.FAILED, 1, ["/partnership/name"]).evidence == ("/partnership/name",)  # type: ignore[arg-type]


def test_evidence_given_as_one_string_is_refused() -> None:
    with pytest.raises(TypeError, match="sequence of JSON Pointers"):
        Outcome(Status.FAILED, 1, "/partnership/name")  # type: ignore[arg-type]


@pytest.mark.parametrize("day", [dt.datetime(2026, 7, 1, 9, 0), "2026-07-01", 20260701])
def test_a_failing_day_that_is_no_date_is_refused(day: Any) -> None:
    with pytest.raises(TypeError, match=r"fails_from is a day \(datetime.date\)"):
        Outcome.judge(True, 1, fails_from=day)


@check("by_hand.fails_from_a_datetime")
def fails_from_a_datetime(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    return Outcome.judge(True, 1, fails_from=dt.datetime(2026, 7, 1, 9, 0))


@check("by_hand.passed")
def passed_by_hand(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    return Outcome("passed", 3, ["/partnership/name"])  # type: ignore[arg-type]


@check("by_hand.unknown_owner")
def unknown_owner(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    return Outcome("failed", 3, owner="vendor")  # type: ignore[arg-type]


class ByHand:
    __name__ = "by-hand"

    def __init__(self, folder: Any) -> None:
        self.folder = folder

    @hookimpl
    def register_checks(self, register: Any) -> None:
        register(passed_by_hand)
        register(unknown_owner)
        register(fails_from_a_datetime)

    @hookimpl
    def register_rule_paths(self, register: Any) -> None:
        register(self.folder)


def test_a_hand_built_outcome_gives_the_finding_its_status_says(tmp_path: Any) -> None:
    folder = rule_folder(tmp_path, {"COM981": "by_hand.passed"})
    engine = plugin_engine(ByHand(folder), with_builtin_rules=True)
    report = engine.assess(StateBuilder().build())
    finding = assert_finding(report, "COM981", "passed", value=3, evidence=["/partnership/name"])
    assert finding.message == "Passed."
    assert finding.score == 1.0


def test_an_unknown_owner_costs_its_own_rule_never_the_assessment(tmp_path: Any) -> None:
    folder = rule_folder(tmp_path, {"COM982": "by_hand.unknown_owner"})
    engine = plugin_engine(ByHand(folder), with_builtin_rules=True)
    report = engine.assess(StateBuilder().build())
    finding = assert_finding(report, "COM982", "error")
    assert finding.message == (
        "Rule COM982 could not run: check 'by_hand.unknown_owner' from plugin 'by-hand' raised "
        "ValueError: Outcome owner 'vendor' is not one of 'client', 'provider', 'both'"
    )


def test_a_failing_day_that_is_no_date_costs_its_own_rule(tmp_path: Any) -> None:
    folder = rule_folder(tmp_path, {"COM983": "by_hand.fails_from_a_datetime"})
    engine = plugin_engine(ByHand(folder), with_builtin_rules=True)
    report = engine.assess(StateBuilder().build())
    finding = assert_finding(report, "COM983", "error")
    assert "fails_from is a day (datetime.date), got datetime" in finding.message
    assert report.due_soon is not None  # what falls due next still ran for the other rules
