"""REC005: its rule file and its check sit side by side in ``rules/recognition/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder


def _kpis(b: StateBuilder) -> StateBuilder:
    b.metric(
        "ttf",
        "time to fill",
        kind="time_to_fill",
        target=40,
        direction="lower",
        owner="provider",
        observations=[
            ("2025-04-30", 48),
            ("2025-05-31", 39),
            ("2025-06-30", 42),
            ("2025-07-31", 37),
        ],
    )
    b.metric(
        "oar",
        "offer acceptance rate",
        kind="offer_acceptance_rate",
        target=85,
        direction="higher",
        owner="provider",
        observations=[("2025-06-30", 80), ("2025-08-31", 86)],
    )
    b.metric(
        "cph",
        "cost per hire",
        kind="cost_per_hire",
        target=3000,
        direction="lower",
        observations=[("2025-06-30", 3500)],
    )
    return b


def test_rec005_passes_when_first_hits_are_recognised(assess: Callable[..., Finding]) -> None:
    b = _kpis(StateBuilder())
    b.goal("g-offers", metric_ids=["oar"])
    b.recognition("2025-06-05", metric_id="ttf")
    b.recognition("2025-09-10", goal_id="g-offers")
    f = assess(b, "REC005")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert "All 2 KPI targets" in f.message
    assert f.evidence == [
        "/metrics/0/observations/1",
        "/metrics/1/observations/1",
        "/recognitions/0",
        "/recognitions/1",
    ]


def test_rec005_names_the_uncelebrated_target_hit(assess: Callable[..., Finding]) -> None:
    b = _kpis(StateBuilder())
    b.recognition("2025-06-05", metric_id="ttf")
    b.recognition("2025-09-10", metric_id="cph")
    f = assess(b, "REC005")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/metrics/1/observations/1"]
    assert (
        "offer acceptance rate first met its target of 85 (86 for the period ending 2025-08-31)"
        in f.message
    )
    assert f.severity == "low"


def test_rec005_asks_the_side_that_did_not_deliver_the_result_to_celebrate_it(
    assess: Callable[..., Finding],
) -> None:
    b = _kpis(StateBuilder())
    b.recognition("2025-06-05", metric_id="ttf")
    # Offer acceptance is the provider's KPI: the client thanks the provider's team.
    f = assess(b, "REC005")
    assert f.owner == "client"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Thank the provider's recruiters and account team")
    b.set("/metrics/1/owner", "client")
    f = assess(b, "REC005")
    assert f.owner == "provider"
    assert f.recommendation is not None
    assert f.recommendation.startswith("Thank the client's hiring managers and sponsors")
    b.set("/recognitions/0/metric_id", "cph")  # time to fill, the provider's, missed too
    assert assess(b, "REC005").owner == "both"


def test_rec005_leaves_out_retired_kpis(assess: Callable[..., Finding]) -> None:
    b = _kpis(StateBuilder())
    b.recognition("2025-06-05", metric_id="ttf")
    b.set("/metrics/1/retired", "2025-12-01")
    f = assess(b, "REC005")
    assert f.status is Status.PASSED
    assert "All 1 KPI targets" in f.message


def test_rec005_finds_the_first_hit_by_period_not_by_record_order(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.metric(
        "ttf",
        "time to fill",
        kind="time_to_fill",
        target=40,
        direction="lower",
        observations=[("2025-09-30", 35), ("2025-07-31", 38), ("2025-06-30", 45)],
    )
    b.recorded("recognitions")
    f = assess(b, "REC005")
    assert f.status is Status.FAILED
    assert f.evidence == ["/metrics/0/observations/1"]


def test_rec005_skips_secondary_kpis_and_hits_before_the_start(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.metric(
        "side",
        kind="time_to_fill",
        target=40,
        direction="lower",
        primary=False,
        observations=[("2025-06-30", 30)],
    )
    b.metric(
        "ttf", kind="time_to_fill", target=40, direction="lower", observations=[("2024-12-31", 38)]
    )
    b.recorded("recognitions")
    f = assess(b, "REC005")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight == 0  # the KPIs are recorded: there is simply no win to celebrate
    assert "no KPI target was met" in f.message


def test_rec005_is_not_applicable_without_metrics(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder().recorded("recognitions"), "REC005").status is (
        Status.NOT_APPLICABLE
    )
