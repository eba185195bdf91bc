"""Rules REC001-REC007: regular, specific, two-way recognition of the wins the engine finds.

Every state starts on 2025-01-06 and is assessed on 2026-01-05 (steady state,
go-live derived as 2025-03-31) unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from foundation_engine.checks import Status
from foundation_engine.config import EngineConfig
from foundation_engine.engine import Engine
from foundation_engine.report import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.builtins.recognition"


@pytest.fixture
def assess(make_engine: Callable[..., Engine]) -> Callable[..., Finding]:
    engine = make_engine(MODULE)

    def run(builder: StateBuilder, rule_id: str, **options: Any) -> Finding:
        used = engine
        if options:
            config = {"rules": {rule_id: {"options": options}}}
            used = make_engine(MODULE, config=EngineConfig.model_validate(config))
        return finding(used.assess(builder.build()), rule_id)

    return run


def every(days: int, first: str, last: str = "2026-01-05") -> list[dt.date]:
    day, end, out = dt.date.fromisoformat(first), dt.date.fromisoformat(last), []
    while day <= end:
        out.append(day)
        day += dt.timedelta(days=days)
    return out


def test_the_rule_set_has_eight_rules(make_engine: Callable[..., Engine]) -> None:
    assert [r.id for r in make_engine(MODULE).rules] == [f"REC{n:03d}" for n in range(1, 9)]


# --------------------------------------------------------------------------
# REC001: nothing in the last 30 days
# --------------------------------------------------------------------------


def test_rec001_passes_with_recognition_this_month(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().recognition("2025-06-01").recognition("2025-12-22")
    f = assess(b, "REC001")
    assert f.status is Status.PASSED
    assert f.value == 14
    assert f.evidence == ["/recognitions/1"]


def test_rec001_fails_after_a_silent_month(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().recognition("2025-11-17").recognition("2025-10-01")
    b.recognition("2026-01-20")  # after as_of: not yet known
    f = assess(b, "REC001")
    assert f.status is Status.FAILED
    assert f.value == 49
    assert f.evidence == ["/recognitions/0"]
    assert "49 days have passed since the latest recognition (latest: 2025-11-17)" in f.message
    assert f.score == pytest.approx(41 / 60, abs=0.001)


def test_rec001_fails_when_recorded_and_empty(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().recorded("recognitions"), "REC001")
    assert f.status is Status.FAILED
    assert f.value == 364
    assert "latest: never" in f.message


def test_rec001_is_not_applicable_without_a_record(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder(), "REC001").status is Status.NOT_APPLICABLE


def test_rec001_does_not_judge_implementation(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(as_of="2025-03-15").recorded("recognitions")
    assert assess(b, "REC001").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# REC002: specific recognition
# --------------------------------------------------------------------------


def test_rec002_passes_when_most_recognition_names_what_it_celebrates(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder().milestone("go-live").metric("ttf").goal("g1")
    b.recognition("2025-05-01", milestone_id="go-live")
    b.recognition("2025-06-01", metric_id="ttf")
    b.recognition("2025-07-01", goal_id="g1")
    b.recognition("2025-08-01")
    f = assess(b, "REC002")
    assert f.status is Status.PASSED
    assert f.value == 0.75


def test_rec002_fails_on_general_thanks_and_lists_them(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().milestone("go-live")
    b.recognition("2025-05-01", milestone_id="go-live")
    b.recognition("2025-06-01").recognition("2025-07-01").recognition("2025-08-01")
    f = assess(b, "REC002")
    assert f.status is Status.FAILED
    assert f.value == 0.25
    assert f.evidence == ["/recognitions/1", "/recognitions/2", "/recognitions/3"]
    assert "(25%)" in f.message
    assert "at least 70% should" in f.message


def test_rec002_ignores_recognition_older_than_a_year(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(as_of="2026-06-30").metric("ttf")
    for _ in range(4):
        b.recognition("2025-02-01")
    for day in ("2025-08-01", "2025-09-01", "2025-10-01", "2025-11-01"):
        b.recognition(day, metric_id="ttf")
    f = assess(b, "REC002")
    assert f.status is Status.PASSED
    assert f.value == 1.0


def test_rec002_is_not_applicable_with_too_few_entries(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().recognition("2025-06-01").recognition("2025-07-01")
    assert assess(b, "REC002").status is Status.NOT_APPLICABLE
    assert assess(StateBuilder(), "REC002").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# REC003: both ways
# --------------------------------------------------------------------------


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


def test_rec003_fails_when_the_client_never_thanks_the_provider(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    for day in ("2025-05-01", "2025-06-01", "2025-07-01", "2025-08-01", "2025-09-01"):
        b.recognition(day, "provider", "client")
    f = assess(b, "REC003")
    assert f.status is Status.FAILED
    assert f.value == 0
    assert len(f.evidence) == 5
    assert "The client gave 0%" in f.message
    assert f.recommendation is not None and "The client side" in f.recommendation


def test_rec003_is_not_applicable_with_few_entries(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().recognition("2025-05-01").recognition("2025-06-01")
    f = assess(b, "REC003")
    assert f.status is Status.NOT_APPLICABLE
    assert "2 recognitions" in f.message


# --------------------------------------------------------------------------
# REC004: milestones recognised within 14 days
# --------------------------------------------------------------------------


def test_rec004_passes_when_each_milestone_is_celebrated(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.milestone("go-live", "Go-live", achieved="2025-03-31")
    b.milestone("hires-50", "First 50 hires", achieved="2025-06-12")
    b.milestone("assess", "New assessment centre", planned="2026-03-01")
    b.recognition("2025-04-04", milestone_id="go-live")
    b.recognition("2025-06-20", milestone_id="hires-50")
    f = assess(b, "REC004")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert f.evidence == ["/milestones/0", "/milestones/1", "/recognitions/0", "/recognitions/1"]


def test_rec004_names_each_uncelebrated_milestone(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.milestone("go-live", "Go-live", achieved="2025-03-31")
    b.milestone("hires-50", "First 50 hires", achieved="2025-06-12")
    b.milestone("hires-100", "First 100 hires", achieved="2025-10-01")
    b.recognition("2025-04-04", milestone_id="go-live")
    b.recognition("2025-07-20", milestone_id="hires-50")  # 38 days late
    b.recognition("2025-10-03")  # general thanks, not linked
    f = assess(b, "REC004")
    assert f.status is Status.FAILED
    assert f.value == 2
    assert f.evidence == ["/milestones/1", "/milestones/2"]
    assert "milestone 'First 50 hires' achieved 2025-06-12" in f.message
    assert "milestone 'First 100 hires' achieved 2025-10-01" in f.message
    assert "2 of 3 achieved milestones" in f.message
    assert f.score == pytest.approx(0.5)


def test_rec004_accepts_a_celebration_just_before_sign_off(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.milestone("ttf-45", "Time to fill under 45 days", achieved="2025-09-30")
    b.recognition("2025-09-25", milestone_id="ttf-45")
    assert assess(b, "REC004").status is Status.PASSED
    assert assess(b, "REC004", early_days=0).status is Status.FAILED
    b.set("/recognitions/0/date", "2025-09-20")
    assert assess(b, "REC004").status is Status.FAILED


def test_rec004_gives_a_recent_milestone_its_14_days(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.milestone("hires-100", "First 100 hires", achieved="2025-12-30")
    b.recorded("recognitions")
    f = assess(b, "REC004")
    assert f.status is Status.NOT_APPLICABLE
    assert "still within their 14-day window" in f.message


def test_rec004_ignores_milestones_achieved_after_as_of(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(as_of="2025-06-30")
    b.milestone("hires-100", achieved="2025-10-01")
    b.recorded("recognitions")
    assert assess(b, "REC004").status is Status.NOT_APPLICABLE


def test_rec004_is_not_applicable_without_recognition_records(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder().milestone("go-live", achieved="2025-03-31")
    f = assess(b, "REC004")
    assert f.status is Status.NOT_APPLICABLE
    assert "recognitions" in f.message


# --------------------------------------------------------------------------
# REC005: KPI targets first met, recognised within 14 days
# --------------------------------------------------------------------------


def _kpis(b: StateBuilder) -> StateBuilder:
    b.metric("ttf", "time to fill", kind="time_to_fill", target=40, direction="lower",
             observations=[("2025-04-30", 48), ("2025-05-31", 39), ("2025-06-30", 42),
                           ("2025-07-31", 37)])
    b.metric("oar", "offer acceptance rate", kind="offer_acceptance_rate", target=85,
             direction="higher", observations=[("2025-06-30", 80), ("2025-08-31", 86)])
    b.metric("cph", "cost per hire", kind="cost_per_hire", target=3000, direction="lower",
             observations=[("2025-06-30", 3500)])
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


def test_rec005_finds_the_first_hit_by_period_not_by_record_order(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.metric("ttf", "time to fill", kind="time_to_fill", target=40, direction="lower",
             observations=[("2025-09-30", 35), ("2025-07-31", 38), ("2025-06-30", 45)])
    b.recorded("recognitions")
    f = assess(b, "REC005")
    assert f.status is Status.FAILED
    assert f.evidence == ["/metrics/0/observations/1"]


def test_rec005_skips_secondary_kpis_and_hits_before_the_start(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.metric("side", kind="time_to_fill", target=40, direction="lower", primary=False,
             observations=[("2025-06-30", 30)])
    b.metric("ttf", kind="time_to_fill", target=40, direction="lower",
             observations=[("2024-12-31", 38)])
    b.recorded("recognitions")
    f = assess(b, "REC005")
    assert f.status is Status.NOT_APPLICABLE
    assert "no KPI target was met" in f.message


def test_rec005_is_not_applicable_without_metrics(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder().recorded("recognitions"), "REC005").status is (
        Status.NOT_APPLICABLE
    )


# --------------------------------------------------------------------------
# REC006: wins at every QBR
# --------------------------------------------------------------------------


def test_rec006_passes_when_every_qbr_covers_wins(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.touchpoint("2025-06-30", kind="qbr", topics=["metrics", "wins"])
    b.touchpoint("2025-09-30", kind="qbr", topics=["wins", "issues"])
    b.touchpoint("2025-10-06", kind="weekly_checkin", topics=["pipeline"])
    f = assess(b, "REC006")
    assert f.status is Status.PASSED
    assert f.value == 1.0
    assert f.evidence == ["/communications/0", "/communications/1"]


def test_rec006_fails_for_a_qbr_without_wins(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.touchpoint("2025-06-30", kind="qbr", topics=["metrics", "wins"])
    b.touchpoint("2025-09-30", kind="qbr", topics=["metrics", "issues"])
    f = assess(b, "REC006")
    assert f.status is Status.FAILED
    assert f.value == 0.5
    assert f.evidence == ["/communications/1"]
    assert "1 of 2 QBRs held since 2025-03-31" in f.message
    assert "100% should" in f.message


def test_rec006_leaves_out_the_kick_off_qbr_before_go_live(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.touchpoint("2025-01-07", kind="qbr", topics=["goals", "expectations"])
    b.touchpoint("2025-06-30", kind="qbr", topics=["metrics", "wins"])
    f = assess(b, "REC006")
    assert f.status is Status.PASSED
    assert f.evidence == ["/communications/1"]
    early = StateBuilder(as_of="2025-02-20")
    early.touchpoint("2025-01-07", kind="qbr", topics=["goals"])
    assert assess(early, "REC006").status is Status.NOT_APPLICABLE


def test_rec006_is_not_applicable_without_qbrs(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().touchpoint("2025-10-06", kind="weekly_checkin")
    assert assess(b, "REC006").status is Status.NOT_APPLICABLE
    assert assess(StateBuilder(), "REC006").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# REC007: a positive incentive in the contract
# --------------------------------------------------------------------------


def test_rec007_passes_with_a_gain_share(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().contract_terms(positive_incentives=True, penalties=True), "REC007")
    assert f.status is Status.PASSED
    assert f.value is True
    assert f.evidence == [
        "/partnership/contract_terms/positive_incentives",
        "/partnership/contract_terms/penalties",
    ]


def test_rec007_fails_with_penalties_only(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().contract_terms(positive_incentives=False, penalties=True), "REC007")
    assert f.status is Status.FAILED
    assert f.owner == "client"
    assert "it has penalties" in f.message
    assert f.recommendation is not None and "contract review" in f.recommendation


def test_rec007_is_not_applicable_when_terms_are_unknown(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder(), "REC007").status is Status.NOT_APPLICABLE
    assert assess(StateBuilder().contract_terms(penalties=True), "REC007").status is (
        Status.NOT_APPLICABLE
    )


# --------------------------------------------------------------------------
# REC008: recognition lapses for two months
# --------------------------------------------------------------------------


def test_rec008_passes_with_recognition_about_monthly(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    for day in every(35, "2025-01-20"):
        b.recognition(day)
    f = assess(b, "REC008")
    assert f.status is Status.PASSED
    assert f.value == 35
    assert "since 2025-03-31" in f.message


def test_rec008_fails_on_a_70_day_silence_and_points_at_its_ends(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    for day in every(28, "2025-04-07", "2025-08-25"):
        b.recognition(day)
    for day in every(28, "2025-11-03"):
        b.recognition(day)
    f = assess(b, "REC008")
    assert f.status is Status.FAILED
    assert f.value == 70
    assert f.evidence == ["/recognitions/5", "/recognitions/6"]
    assert "from 2025-08-25 to 2025-11-03" in f.message
    assert f.score == pytest.approx(110 / 120, abs=0.001)


def test_rec008_counts_the_silence_up_to_as_of(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    for day in every(14, "2025-04-07", "2025-10-20"):
        b.recognition(day)
    b.recognition("2026-01-20")  # after as_of: not yet known
    f = assess(b, "REC008")
    assert f.status is Status.FAILED
    assert f.value == 77
    assert "to 2026-01-05" in f.message


def test_rec008_counts_from_go_live_in_ramp_up(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(as_of="2025-05-20").recorded("recognitions")
    f = assess(b, "REC008")
    assert f.status is Status.PASSED
    assert f.value == 50
    assert f.evidence == []


def test_rec008_is_not_applicable_without_a_record(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder(), "REC008").status is Status.NOT_APPLICABLE
    b = StateBuilder(as_of="2025-03-15").recorded("recognitions")
    assert assess(b, "REC008").status is Status.NOT_APPLICABLE
