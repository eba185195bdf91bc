"""IMP002: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.improvement.helpers import base


def test_imp002_passes_when_each_slip_up_gets_an_action_in_time(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-06-02")
        .corrective_action("CA-1", "2025-06-09", issue_id="I-1")
        .corrective_action("CA-2", "2025-06-20", issue_id="I-1")
    )
    f = assess(state, "IMP002")
    assert f.status is Status.PASSED
    assert f.value == 1.0
    assert f.evidence == ["/improvement/issues/0"]


def test_imp002_fails_when_the_first_action_comes_late_or_never(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-06-02")
        .issue("I-2", "2025-07-01")
        .issue("I-3", "2025-08-04")
        .corrective_action("CA-1", "2025-06-10", issue_id="I-1")
        .corrective_action("CA-3", "2025-08-05", issue_id="I-3")
    )
    f = assess(state, "IMP002")
    assert f.status is Status.FAILED
    assert f.value == pytest.approx(0.333)
    assert f.evidence == ["/improvement/issues/0", "/improvement/issues/1"]
    assert "I-1, I-2" in f.message and "expected 100%" in f.message


def test_imp002_not_applicable_without_corrective_actions_recorded(
    assess: Callable[..., Finding],
) -> None:
    f = assess(base().issue("I-1", "2025-06-02"), "IMP002")
    assert f.status is Status.NOT_APPLICABLE
    assert "corrective_actions" in f.message
