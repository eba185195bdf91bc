"""URG007: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.urgency.helpers import base, nothing_to_judge


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
    # Nothing says whose diary held them up: both act.
    assert f.owner.value == "both"


def test_urg007_names_the_client_when_recruiters_were_assigned_promptly(
    assess: Callable[..., Finding],
) -> None:
    # Each late requisition had its recruiter the next working day, then waited.
    state = (
        base()
        .requisition("R-1", "2025-10-01", assigned="2025-10-02", intake="2025-10-15")
        .requisition("R-2", "2025-10-02", assigned="2025-10-02", intake="2025-10-03")
        .requisition("R-3", "2025-11-03", assigned="2025-11-04", intake="2025-11-20")
    )
    f = assess(state, "URG007")
    assert f.status is Status.FAILED
    assert f.owner.value == "client"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Ask every hiring manager to keep a standing weekly slot")
    # One late intake whose recruiter came late too: both must act.
    state.requisition("R-4", "2025-11-10", assigned="2025-11-14", intake="2025-11-28")
    assert assess(state, "URG007").owner.value == "both"


def test_urg007_a_service_level_missed_on_most_requisitions_is_high(
    assess: Callable[..., Finding],
) -> None:
    state = base()
    for n in range(10):
        state.requisition(f"R-{n}", "2025-10-01", intake="2025-10-20" if n < 7 else "2025-10-03")
    f = assess(state, "URG007")
    assert f.severity.value == "high"


def test_urg007_has_nothing_to_judge_with_too_few_judged(assess: Callable[..., Finding]) -> None:
    state = base().requisition("R-1", "2025-10-01", intake="2025-10-02")
    f = assess(state, "URG007")
    assert nothing_to_judge(f)
    assert "at least 3 needed" in f.message
