"""IMP005: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.improvement.helpers import base


def test_imp005_passes_when_causes_recur_only_after_90_days(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-02-03", root_cause_category="slow-feedback")
        .issue("I-2", "2025-06-02", root_cause_category="slow-feedback")
        .issue("I-3", "2025-06-10", root_cause_category="vague-spec")
    )
    f = assess(state, "IMP005")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert f.evidence == []


def test_imp005_fails_when_a_cause_returns_within_90_days(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-03-03", root_cause_category="Slow-Feedback")
        .issue("I-2", "2025-07-01", root_cause_category="vague-spec")
        .issue("I-3", "2025-05-20", root_cause_category="slow-feedback ")
    )
    f = assess(state, "IMP005")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/improvement/issues/0", "/improvement/issues/2"]
    assert "Slow-Feedback" in f.message
    assert f.severity.value == "high"


def test_imp005_not_applicable_without_categories(assess: Callable[..., Finding]) -> None:
    f = assess(base().issue("I-1", "2025-03-03").issue("I-2", "2025-03-10"), "IMP005")
    assert f.status is Status.NOT_APPLICABLE
    assert "root_cause_category" in f.message
    assert assess(base(), "IMP005").status is Status.NOT_APPLICABLE
