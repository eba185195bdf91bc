"""URG005: its rule file sits in ``rules/urgency/``; its check, shared with IMP004, in
``rules/follow_through.py``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.urgency.helpers import _items, base, missing_data, nothing_to_judge


def test_urg005_passes_when_items_long_due_are_done(assess: Callable[..., Finding]) -> None:
    state = _items(base(), on_time=1, late=1, open_overdue=0)
    state.action_item("A-9", "2025-12-01", due="2025-12-25")  # 11 days overdue: not yet stalled
    f = assess(state, "URG005")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert f.evidence == ["/action_items/0", "/action_items/1"]
    assert f.strength == "None of the 2 action items due more than 14 days ago is still open."


def test_urg005_has_nothing_to_judge_with_only_recent_items(
    assess: Callable[..., Finding],
) -> None:
    # It used to pass, and praise, a log whose items were all too recent to stall.
    state = base().action_item("A-1", "2025-12-01", due="2025-12-25")
    assert nothing_to_judge(assess(state, "URG005"))
    assert nothing_to_judge(assess(base().recorded("action_items"), "URG005"))


def test_urg005_fails_for_items_left_open_past_due(assess: Callable[..., Finding]) -> None:
    state = _items(base(), on_time=1, late=0, open_overdue=2)
    f = assess(state, "URG005")
    assert f.status is Status.FAILED
    assert f.value == 2
    assert f.evidence == ["/action_items/1", "/action_items/2"]
    assert "A-2, A-3" in f.message and "51 days overdue" in f.message
    assert f.severity.value == "low"


def test_urg005_many_stalled_items_are_medium(assess: Callable[..., Finding]) -> None:
    f = assess(_items(base(), on_time=0, late=0, open_overdue=4), "URG005")
    assert f.severity.value == "medium"


def test_urg005_names_the_party_that_owns_every_stalled_item(
    assess: Callable[..., Finding],
) -> None:
    state = _items(base(), on_time=1, late=0, open_overdue=0)
    state = _items(state, on_time=0, late=0, open_overdue=2, owner="provider")
    f = assess(state, "URG005")
    assert f.owner.value == "provider"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Have the provider owners of the action items")


def test_urg005_not_applicable_without_action_items(assess: Callable[..., Finding]) -> None:
    f = assess(base(), "URG005")
    assert missing_data(f)
    assert "action_items" in f.message
