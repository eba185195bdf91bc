"""URG005: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.urgency.helpers import _items, base


def test_urg005_passes_with_only_recent_slippage(assess: Callable[..., Finding]) -> None:
    state = base().action_item("A-1", "2025-12-01", due="2025-12-25")
    f = assess(state, "URG005")
    assert f.status is Status.PASSED
    assert f.value == 0


def test_urg005_fails_for_items_left_open_past_due(assess: Callable[..., Finding]) -> None:
    state = _items(base(), on_time=1, late=0, open_overdue=2)
    f = assess(state, "URG005")
    assert f.status is Status.FAILED
    assert f.value == 2
    assert f.evidence == ["/action_items/1", "/action_items/2"]
    assert "A-2, A-3" in f.message and "51 days overdue" in f.message


def test_urg005_not_applicable_without_action_items(assess: Callable[..., Finding]) -> None:
    assert assess(base(), "URG005").status is Status.NOT_APPLICABLE
