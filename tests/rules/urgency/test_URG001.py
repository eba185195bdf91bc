"""URG001: its rule file and its check sit side by side in ``rules/urgency/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding, Report
from tests.conftest import finding
from tests.rules.urgency.helpers import base, missing_data, nothing_to_judge


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
        assert f.strength is not None and "first 90 days" in f.strength


def test_urg001_a_termination_threat_is_a_critical_finding_for_the_side_that_made_it(
    report: Callable[..., Report],
) -> None:
    state = (
        base()
        .escalation("2025-02-17", level="management", termination_threatened=True)
        .escalation("2025-03-01", level="executive")
    )
    r = report(state)
    f = finding(r, "URG001")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/escalations/0"]
    assert (
        "Termination threats in the first 90 days: 1, raised by the client (days since start: 42)"
        in f.message
    )
    assert f.severity.value == "critical" and f.owner.value == "client"
    # an open critical finding caps the rating at fragile (tests/core/test_scoring.py);
    # this thin state is not even rated
    assert r.rating not in {"strong", "sound"}


def test_urg001_names_the_provider_when_the_provider_threatened_to_leave(
    assess: Callable[..., Finding],
) -> None:
    state = base().escalation("2025-02-17", raised_by="provider", termination_threatened=True)
    f = assess(state, "URG001")
    assert f.owner.value == "provider"
    assert "raised by the provider" in f.message
    assert f.recommendation is not None
    assert f.recommendation.startswith("Withdraw the threat to leave the contract explicitly")


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


def test_urg001_strength_claims_only_the_days_judged_so_far(
    assess: Callable[..., Finding],
) -> None:
    # Thirty days in, nobody can say the first ninety were calm.
    f = assess(base(as_of="2025-02-05").recorded("escalations"), "URG001")
    assert f.status is Status.PASSED
    assert f.strength is not None and "in the first 30 days" in f.strength
    assert "first 90 days" not in f.strength


def test_urg001_has_nothing_to_judge_on_the_first_day(assess: Callable[..., Finding]) -> None:
    f = assess(base(as_of="2025-01-06").recorded("escalations"), "URG001")
    assert nothing_to_judge(f)


def test_urg001_and_urg002_not_applicable_without_escalations_recorded(
    assess: Callable[..., Finding],
) -> None:
    for rule in ("URG001", "URG002"):
        f = assess(base().recorded("action_items"), rule)
        assert missing_data(f)
        assert "escalations" in f.message
    assert assess(base().recorded("escalations"), "URG001").status is Status.PASSED


def test_urg001_is_the_primary_finding_for_a_threat_made_in_an_executive_escalation(
    report: Callable[..., Report],
) -> None:
    state = base().escalation("2025-02-17", level="executive", termination_threatened=True)
    r = report(state)
    urg001, urg002 = finding(r, "URG001"), finding(r, "URG002")
    assert urg001.status is urg002.status is Status.FAILED
    assert urg002.related_to == "URG001" and urg001.related == ["URG002"]
