"""URG001: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from tests.rules.urgency.helpers import base


def test_urg001_and_urg002_pass_when_early_concerns_stay_operational(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .escalation("2025-02-10", level="operational")
        .escalation("2025-02-20", level="management")
        # Day 90 and later is outside the window, even a threat.
        .escalation("2025-04-06", level="executive", termination_threatened=True)
    )
    for rule in ("URG001", "URG002"):
        f = assess(state, rule)
        assert f.status is Status.PASSED, rule
        assert f.value == 0
        assert f.evidence == []


def test_urg001_fails_on_a_termination_threat_in_the_first_90_days(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .escalation("2025-02-17", level="management", termination_threatened=True)
        .escalation("2025-03-01", level="executive")
    )
    f = assess(state, "URG001")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/escalations/0"]
    assert "Termination threats in the first 90 days: 1 (days since start: 42)" in f.message
    assert f.severity.value == "high" and f.owner.value == "client"


def test_urg001_flags_a_partnership_still_in_implementation(
    assess: Callable[..., Finding],
) -> None:
    state = base(as_of="2025-02-28").escalation("2025-02-20", termination_threatened=True)
    # An escalation after as_of has not happened yet.
    state.escalation("2025-03-05", termination_threatened=True)
    f = assess(state, "URG001")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/escalations/0"]


def test_urg001_and_urg002_not_applicable_without_escalations_recorded(
    assess: Callable[..., Finding],
) -> None:
    for rule in ("URG001", "URG002"):
        f = assess(base().recorded("action_items"), rule)
        assert f.status is Status.NOT_APPLICABLE
        assert "escalations" in f.message
    assert assess(base().recorded("escalations"), "URG001").status is Status.PASSED
