"""URG002: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.urgency.helpers import base


def _escalations(days: list[str], raised_by: str = "client") -> StateBuilder:
    state = base()
    for day in days:
        state.escalation(day, raised_by=raised_by, level="executive")
    return state


def test_urg002_counts_every_executive_escalation_in_the_window(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .escalation("2025-02-17", level="management", termination_threatened=True)
        .escalation("2025-03-01", level="executive", raised_by="provider")
        .escalation("2025-03-20", level="executive")
    )
    f = assess(state, "URG002")
    assert f.status is Status.FAILED
    assert f.value == 2
    assert f.evidence == ["/escalations/1", "/escalations/2"]
    assert "54, 73" in f.message
    # One from each side: both must act.
    assert f.owner.value == "both" and "raised by both parties" in f.message


def test_urg002_grows_more_severe_with_each_escalation(assess: Callable[..., Finding]) -> None:
    days = ["2025-02-03", "2025-02-24", "2025-03-17"]
    severities = [assess(_escalations(days[:n]), "URG002").severity.value for n in (1, 2, 3)]
    assert severities == ["low", "medium", "high"]
    assert assess(_escalations(days[:3]), "URG002").score == 0.0


def test_urg002_names_the_provider_when_the_provider_escalated(
    assess: Callable[..., Finding],
) -> None:
    f = assess(_escalations(["2025-02-03"], raised_by="provider"), "URG002")
    assert f.owner.value == "provider"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Bring implementation concerns to the weekly check-in")
