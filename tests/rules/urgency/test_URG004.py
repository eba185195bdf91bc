"""URG004: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding, Report
from tests.conftest import finding
from tests.rules.urgency.helpers import _items, base, missing_data, nothing_to_judge


def test_urg004_passes_when_most_items_are_on_time(assess: Callable[..., Finding]) -> None:
    state = _items(base(), on_time=4, late=1, open_overdue=0)
    state.action_item("A-old", "2025-01-10", due="2025-02-01", completed="2025-03-01")
    state.action_item("A-next", "2025-12-20", due="2026-01-20")
    f = assess(state, "URG004")
    assert f.status is Status.PASSED
    assert f.value == 0.8
    assert f.evidence == [f"/action_items/{i}" for i in range(5)]
    assert f.strength is not None and f.strength.startswith("80% of the 5 action items")


def test_urg004_fails_when_items_are_routinely_late(assess: Callable[..., Finding]) -> None:
    state = _items(base(), on_time=2, late=2, open_overdue=1)
    f = assess(state, "URG004")
    assert f.status is Status.FAILED
    assert f.value == 0.4
    assert f.evidence == ["/action_items/2", "/action_items/3", "/action_items/4"]
    assert "Only 2 of 5" in f.message and "80%" in f.message
    assert "Still open past due: A-5. Finished late: A-3, A-4." in f.message
    assert f.score == 0.0
    assert f.severity.value == "medium"


def test_urg004_one_late_item_among_three_is_low(assess: Callable[..., Finding]) -> None:
    f = assess(_items(base(), on_time=2, late=1, open_overdue=0), "URG004")
    assert f.status is Status.FAILED
    assert f.severity.value == "low"


def test_urg004_names_the_party_that_owns_every_late_item(
    assess: Callable[..., Finding],
) -> None:
    state = _items(base(), on_time=2, late=0, open_overdue=0)
    state = _items(state, on_time=0, late=2, open_overdue=0, owner="client")
    f = assess(state, "URG004")
    assert f.owner.value == "client"
    assert f.recommendation is not None and f.recommendation.startswith(
        "Have each client owner of an action item"
    )


def test_urg004_and_urg005_count_an_item_left_open_once(report: Callable[..., Report]) -> None:
    state = _items(base(), on_time=2, late=0, open_overdue=2)
    r = report(state)
    urg004, urg005 = finding(r, "URG004"), finding(r, "URG005")
    assert urg004.status is urg005.status is Status.FAILED
    assert set(urg005.evidence) <= set(urg004.evidence)
    assert urg005.related_to == "URG004" and urg004.related == ["URG005"]


def test_urg004_has_nothing_to_judge_with_too_few_items(assess: Callable[..., Finding]) -> None:
    assert nothing_to_judge(assess(_items(base(), 1, 1, 0), "URG004"))
    assert nothing_to_judge(assess(base().recorded("action_items"), "URG004"))


def test_urg004_not_applicable_without_action_items(assess: Callable[..., Finding]) -> None:
    assert missing_data(assess(base(), "URG004"))
