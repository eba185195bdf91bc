"""REC003: its rule file and its check sit side by side in ``rules/recognition/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder

MONTHS = ("2025-05-01", "2025-06-01", "2025-07-01", "2025-08-01", "2025-09-01")


def test_rec003_passes_when_both_sides_give(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.recognition("2025-05-01", "client", "provider")
    b.recognition("2025-06-01", "client", "provider")
    b.recognition("2025-07-01", "provider", "client")
    b.recognition("2025-08-01", "client", "provider")
    f = assess(b, "REC003")
    assert f.status is Status.PASSED
    assert f.value == 0.25
    assert f.evidence == ["/recognitions/2"]


def test_rec003_asks_the_client_to_thank_the_providers_people(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    for day in MONTHS:
        b.recognition(day, "provider", "client")
    f = assess(b, "REC003")
    assert f.status is Status.FAILED
    assert f.value == 0
    assert f.severity == "medium"
    assert len(f.evidence) == 5
    assert "The client gave 0%" in f.message
    assert f.owner == "client"
    assert f.recommendation is not None
    assert f.recommendation.startswith(
        "Thank the provider's recruiters and account team by name for specific results"
    )


def test_rec003_asks_the_provider_to_thank_the_clients_managers(
    assess: Callable[..., Finding],
) -> None:
    # The provider used to be told to thank the client for "a recruiter who rescued a
    # hard search": recruiters are the provider's own staff.
    b = StateBuilder()
    for day in MONTHS:
        b.recognition(day, "client", "provider")
    f = assess(b, "REC003")
    assert f.owner == "provider"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Thank the client's hiring managers and sponsors by name")
    assert "recruiter" not in f.recommendation


def test_rec003_a_side_that_gives_a_fifth_is_a_low_finding(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    for day in MONTHS[:4]:
        b.recognition(day, "client", "provider")
    b.recognition("2025-10-01", "provider", "client")
    f = assess(b, "REC003")
    assert f.status is Status.FAILED
    assert f.value == 0.2
    assert f.severity == "low"


def test_rec003_has_nothing_to_judge_with_few_entries(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().recognition("2025-05-01").recognition("2025-06-01")
    f = assess(b, "REC003")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight == 0
    assert "2 recognitions" in f.message
    assert assess(StateBuilder(), "REC003").weight > 0  # not recorded at all: missing data
