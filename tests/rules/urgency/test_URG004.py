"""URG004: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.urgency.helpers import _items, base


def test_urg004_passes_when_most_items_are_on_time(assess: Callable[..., Finding]) -> None:
    state = _items(base(), on_time=4, late=1, open_overdue=0)
    state.action_item("A-old", "2025-01-10", due="2025-02-01", completed="2025-03-01")
    state.action_item("A-next", "2025-12-20", due="2026-01-20")
    f = assess(state, "URG004")
    assert f.status is Status.PASSED
    assert f.value == 0.8
    assert f.evidence == [f"/action_items/{i}" for i in range(5)]


def test_urg004_fails_when_items_are_routinely_late(assess: Callable[..., Finding]) -> None:
    state = _items(base(), on_time=2, late=2, open_overdue=1)
    f = assess(state, "URG004")
    assert f.status is Status.FAILED
    assert f.value == 0.4
    assert f.evidence == ["/action_items/2", "/action_items/3", "/action_items/4"]
    assert "Only 2 of 5" in f.message and "80%" in f.message
    assert f.score == 0.0


def test_urg004_not_applicable_with_too_few_items(assess: Callable[..., Finding]) -> None:
    assert assess(_items(base(), 1, 1, 0), "URG004").status is Status.NOT_APPLICABLE
    assert assess(base(), "URG004").status is Status.NOT_APPLICABLE
