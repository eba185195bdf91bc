"""IMP004: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.improvement.helpers import base


def test_imp004_passes_with_an_empty_log_and_with_recent_slippage(
    assess: Callable[..., Finding],
) -> None:
    assert assess(base().recorded("corrective_actions"), "IMP004").status is Status.PASSED
    # Due 10 Dec 2025, assessed 5 Jan 2026: 26 days overdue, inside the 30 allowed.
    state = base().corrective_action("CA-1", "2025-11-01", due="2025-12-10")
    f = assess(state, "IMP004")
    assert f.status is Status.PASSED
    assert f.value == 0


def test_imp004_fails_for_an_action_open_more_than_30_days_past_due(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .corrective_action("CA-1", "2025-09-01", due="2025-10-01")
        .corrective_action("CA-2", "2025-09-01", due="2025-10-01", completed="2025-11-20")
        # Completed only after as_of: still open on as_of.
        .corrective_action("CA-3", "2025-09-01", due="2025-11-01", completed="2026-01-20")
    )
    f = assess(state, "IMP004")
    assert f.status is Status.FAILED
    assert f.value == 2
    assert f.evidence == [
        "/improvement/corrective_actions/0",
        "/improvement/corrective_actions/2",
    ]
    assert "CA-1, CA-3" in f.message and "96 days overdue" in f.message


def test_imp004_not_applicable_without_corrective_actions(assess: Callable[..., Finding]) -> None:
    f = assess(base().issue("I-1", "2025-06-02"), "IMP004")
    assert f.status is Status.NOT_APPLICABLE
