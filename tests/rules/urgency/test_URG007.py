"""URG007: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.urgency.helpers import base


def test_urg007_passes_with_intake_within_a_week(assess: Callable[..., Finding]) -> None:
    state = base()
    for n, (opened, intake) in enumerate(
        [("2025-10-01", "2025-10-08"), ("2025-10-02", "2025-10-03"), ("2025-11-03", "2025-11-05")]
    ):
        state.requisition(f"R-{n}", opened, intake=intake)
    f = assess(state, "URG007")
    assert f.status is Status.PASSED
    assert f.value == 1.0


def test_urg007_fails_with_slow_intakes(assess: Callable[..., Finding]) -> None:
    state = (
        base()
        .requisition("R-1", "2025-10-01", intake="2025-10-09")
        .requisition("R-2", "2025-10-02", intake="2025-10-03")
        .requisition("R-3", "2025-11-03", intake="2025-11-20")
    )
    f = assess(state, "URG007")
    assert f.status is Status.FAILED
    assert f.value == pytest.approx(0.333)
    assert f.evidence == ["/requisitions/0", "/requisitions/2"]
    assert "within 7 days" in f.message


def test_urg007_not_applicable_with_too_few_judged(assess: Callable[..., Finding]) -> None:
    state = base().requisition("R-1", "2025-10-01", intake="2025-10-02")
    f = assess(state, "URG007")
    assert f.status is Status.NOT_APPLICABLE
    assert "at least 3 needed" in f.message
