"""URG002: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.urgency.helpers import base


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
