"""Rules MET001-MET009: a few selective, well-defined, stable and honest KPIs.

Every state starts on 2025-01-06 and is assessed on 2026-01-05 (steady state,
go-live derived as 2025-03-31) unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from foundation_engine.builtins.kpi_trends import falling, meets_target
from foundation_engine.checks import Status
from foundation_engine.config import EngineConfig
from foundation_engine.engine import Engine
from foundation_engine.report import Finding
from foundation_engine.state.vocabulary import Direction
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.builtins.metrics"


def month_ends(count: int, last: str = "2025-12-31") -> list[dt.date]:
    """`count` consecutive month ends, oldest first, ending at `last`."""
    end = dt.date.fromisoformat(last)
    out = []
    year, month = end.year, end.month
    for _ in range(count):
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        out.append(nxt - dt.timedelta(days=1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def series(values: Sequence[float], last: str = "2025-12-31") -> list[tuple[dt.date, float]]:
    return list(zip(month_ends(len(values), last), values, strict=True))


def full_kpi(builder: StateBuilder, id: str, kind: str, **fields: Any) -> StateBuilder:
    """A fully defined primary KPI, monthly, with fields overridable."""
    defaults: dict[str, Any] = {
        "definition": f"{kind} as the partnership agreed to count it",
        "target": 40,
        "baseline": 55,
        "direction": "lower",
        "owner": "provider",
        "cadence": "monthly",
        "benchmark": (42, "SHRM"),
        "observations": series([45, 42, 39]),
    }
    defaults.update(fields)
    return builder.metric(id, kind.replace("_", " "), kind=kind, **defaults)


def healthy(builder: StateBuilder | None = None) -> StateBuilder:
    """Three balanced, fully defined, current KPIs with satisfaction rising."""
    b = builder or StateBuilder()
    full_kpi(b, "ttf", "time_to_fill")
    full_kpi(
        b, "fyt", "first_year_turnover", target=25, baseline=35,
        benchmark=(35, "PwC Saratoga 2022"), observations=series([30, 27, 24]),
    )
    full_kpi(
        b, "hms", "hiring_manager_satisfaction", target=4.0, baseline=3.5, direction="higher",
        owner="both", benchmark=(4.0, "Internal survey norm"), observations=series([3.9, 4.1, 4.3]),
    )
    return b


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


def test_the_rule_set_has_nine_rules(make_engine: Callable[..., Engine]) -> None:
    ids = [r.id for r in make_engine(MODULE).rules]
    assert ids == [f"MET{n:03d}" for n in range(1, 10)]


# --------------------------------------------------------------------------
# MET001: no primary KPI
# --------------------------------------------------------------------------


def test_met001_passes_with_kpis_on_the_scorecard(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET001")
    assert f.status is Status.PASSED
    assert f.value == 3
    assert f.evidence == ["/metrics/0", "/metrics/1", "/metrics/2"]


def test_met001_fails_critically_with_an_empty_scorecard(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().recorded("metrics"), "MET001")
    assert f.status is Status.FAILED
    assert f.severity == "critical"
    assert f.value == 0
    assert "0 primary KPIs" in f.message


def test_met001_leaves_out_retired_secondary_and_future_kpis(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.metric("old", kind="time_to_fill", retired="2025-06-30")
    b.metric("side", kind="cost_per_hire", primary=False)
    b.metric("later", kind="quality_of_hire", adopted="2026-03-01")
    f = assess(b, "MET001")
    assert f.status is Status.FAILED
    assert f.value == 0


def test_met001_is_not_applicable_without_metrics(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder(), "MET001").status is Status.NOT_APPLICABLE


def test_met001_waits_for_go_live(assess: Callable[..., Finding]) -> None:
    b = StateBuilder(start="2025-01-06", as_of="2025-02-20").recorded("metrics")
    f = assess(b, "MET001")
    assert f.status is Status.NOT_APPLICABLE
    assert "implementation" in f.message


# --------------------------------------------------------------------------
# MET002: fewer than three
# --------------------------------------------------------------------------


def test_met002_passes_with_three_kpis(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET002")
    assert f.status is Status.PASSED
    assert f.value == 3


def test_met002_fails_with_one_kpi_and_names_it(assess: Callable[..., Finding]) -> None:
    f = assess(full_kpi(StateBuilder(), "ttf", "time_to_fill"), "MET002")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/metrics/0"]
    assert "time to fill" in f.message
    assert f.score == pytest.approx(1 / 3, abs=0.001)


def test_met002_leaves_an_empty_scorecard_to_met001(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().recorded("metrics"), "MET002")
    assert f.status is Status.NOT_APPLICABLE


def test_met002_minimum_is_configurable(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET002", min_kpis=4)
    assert f.status is Status.FAILED
    assert "at least 4" in f.message


# --------------------------------------------------------------------------
# MET003: more than ten
# --------------------------------------------------------------------------


def test_met003_passes_with_a_focused_scorecard(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET003")
    assert f.status is Status.PASSED
    assert f.value == 3


def test_met003_fails_with_a_dozen_kpis(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    for n in range(12):
        b.metric(f"kpi{n}")
    b.metric("secondary", primary=False)
    f = assess(b, "MET003")
    assert f.status is Status.FAILED
    assert f.value == 12
    assert len(f.evidence) == 12
    assert "/metrics/12" not in f.evidence
    assert "limit is 10" in f.message
    assert f.score == pytest.approx(0.8)


def test_met003_is_not_applicable_with_no_kpi(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder().recorded("metrics"), "MET003").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# MET004: incomplete definitions
# --------------------------------------------------------------------------


def test_met004_passes_when_every_kpi_is_fully_defined(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET004")
    assert f.status is Status.PASSED
    assert f.value == 1.0


def test_met004_fails_and_names_the_missing_fields(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.metric("cph", kind="cost_per_hire", target=4000, direction="lower", definition="Cost / hires")
    f = assess(b, "MET004")
    assert f.status is Status.FAILED
    assert f.value == 0.75
    assert f.evidence == ["/metrics/3"]
    assert "cph (no baseline, owner, benchmark)" in f.message
    assert f.score == pytest.approx(0.75)


def test_met004_required_fields_are_configurable(assess: Callable[..., Finding]) -> None:
    b = full_kpi(StateBuilder(), "ttf", "time_to_fill", baseline=None, benchmark=None)
    b.set("/metrics/0/baseline", None)
    assert assess(b, "MET004").status is Status.FAILED
    relaxed = assess(b, "MET004", required=["definition", "target", "direction", "owner"])
    assert relaxed.status is Status.PASSED


def test_met004_is_not_applicable_without_kpis(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder().recorded("metrics"), "MET004").status is Status.NOT_APPLICABLE
    assert assess(StateBuilder(), "MET004").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# MET005: quality or retention
# --------------------------------------------------------------------------


def test_met005_passes_with_a_retention_kpi(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET005")
    assert f.status is Status.PASSED
    assert f.value == 1
    assert f.evidence == ["/metrics/1"]


def test_met005_fails_with_speed_and_cost_only(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    full_kpi(b, "ttf", "time_to_fill")
    full_kpi(b, "tts", "time_to_start")
    full_kpi(b, "cph", "cost_per_hire")
    f = assess(b, "MET005")
    assert f.status is Status.FAILED
    assert f.value == 0
    assert f.evidence == ["/metrics/0", "/metrics/1", "/metrics/2"]
    assert "cost 1, speed 2" in f.message


def test_met005_honours_a_custom_kpis_own_family(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    full_kpi(b, "ttf", "time_to_fill")
    b.metric("ninety-day-rating", family="quality")
    f = assess(b, "MET005")
    assert f.status is Status.PASSED
    assert f.evidence == ["/metrics/1"]


def test_met005_is_not_applicable_without_kpis(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder().recorded("metrics"), "MET005").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# MET006: scorecard churn
# --------------------------------------------------------------------------


def test_met006_passes_when_changes_are_a_quarter_apart(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set("/metrics/1/adopted", "2025-06-30")
    b.set("/metrics/0/retired", "2025-09-30")
    b.metric("tts", kind="time_to_start", adopted="2025-09-30")
    f = assess(b, "MET006")
    assert f.status is Status.PASSED
    assert f.value == 1


def test_met006_ignores_the_scorecard_built_before_go_live(assess: Callable[..., Finding]) -> None:
    b = healthy()
    for index, day in enumerate(("2025-02-03", "2025-02-17", "2025-03-03")):
        b.set(f"/metrics/{index}/adopted", day)
    f = assess(b, "MET006")
    assert f.status is Status.PASSED
    assert f.value == 0


def test_met006_fails_when_the_scorecard_churns_within_a_quarter(
    assess: Callable[..., Finding],
) -> None:
    b = healthy()
    b.metric("s2i", kind="submittal_to_interview", adopted="2025-07-10", retired="2025-08-14")
    b.metric("oar", kind="offer_acceptance_rate", adopted="2025-08-14")
    b.set("/metrics/0/retired", "2025-09-22")
    b.metric("side", primary=False, adopted="2025-07-20")
    f = assess(b, "MET006")
    assert f.status is Status.FAILED
    assert f.value == 3
    assert f.evidence == [
        "/metrics/3/adopted",
        "/metrics/3/retired",
        "/metrics/4/adopted",
        "/metrics/0/retired",
    ]
    assert "2025 Q3" in f.message
    assert f.score == pytest.approx(1 / 3, abs=0.001)


def test_met006_forgets_churn_older_than_its_lookback(assess: Callable[..., Finding]) -> None:
    b = healthy(StateBuilder(as_of="2027-01-05"))
    b.metric("a", adopted="2025-07-10")
    b.metric("b", adopted="2025-08-10")
    assert assess(b, "MET006").status is Status.PASSED
    assert assess(b, "MET006", lookback_days=730).status is Status.FAILED


def test_met006_ignores_changes_after_as_of(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.metric("a", adopted="2026-01-10")
    b.metric("b", adopted="2026-02-10")
    assert assess(b, "MET006").value == 0


def test_met006_is_not_applicable_without_primary_kpis(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().metric("side", primary=False)
    assert assess(b, "MET006").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# MET007: stale data
# --------------------------------------------------------------------------


def test_met007_passes_with_last_months_figures(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET007")
    assert f.status is Status.PASSED
    assert f.value == 1.0
    assert f.evidence == [
        "/metrics/0/observations/2",
        "/metrics/1/observations/2",
        "/metrics/2/observations/2",
    ]


def test_met007_fails_for_a_kpi_last_reported_in_september(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set("/metrics/1/observations", [
        {"period_end": "2025-08-31", "value": 30},
        {"period_end": "2025-09-30", "value": 28},
    ])
    f = assess(b, "MET007")
    assert f.status is Status.FAILED
    assert f.value == pytest.approx(0.667)
    assert f.evidence == ["/metrics/1/observations/1"]
    assert "last data 2025-09-30, 97 days ago; monthly allows 45" in f.message


def test_met007_uses_the_kpis_cadence(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set("/metrics/1/cadence", "quarterly")
    b.set("/metrics/1/observations", [{"period_end": "2025-09-30", "value": 28}])
    assert assess(b, "MET007").status is Status.PASSED


def test_met007_flags_a_kpi_never_reported_since_go_live(assess: Callable[..., Finding]) -> None:
    b = healthy().metric("qoh", kind="quality_of_hire")
    f = assess(b, "MET007")
    assert f.status is Status.FAILED
    assert f.evidence == ["/metrics/3"]
    assert "no data since 2025-03-31" in f.message


def test_met007_ignores_figures_dated_after_as_of(assess: Callable[..., Finding]) -> None:
    b = healthy(StateBuilder(as_of="2025-11-15"))
    b.set("/metrics/0/observations", [{"period_end": "2025-12-31", "value": 39}])
    f = assess(b, "MET007")
    assert f.status is Status.FAILED
    assert f.evidence[0] == "/metrics/0"


def test_met007_is_not_applicable_during_implementation(assess: Callable[..., Finding]) -> None:
    b = healthy(StateBuilder(as_of="2025-03-01"))
    assert assess(b, "MET007").status is Status.NOT_APPLICABLE


def test_met007_is_not_applicable_without_kpis(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder().recorded("metrics"), "MET007").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# MET008: watermelon scorecard
# --------------------------------------------------------------------------


def _green_scorecard() -> StateBuilder:
    b = StateBuilder()
    full_kpi(b, "ttf", "time_to_fill", observations=series([41, 39, 38]))
    full_kpi(b, "fyt", "first_year_turnover", target=25, observations=series([24, 22, 21]))
    return b


def test_met008_passes_when_targets_are_met_and_satisfaction_holds(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    b.metric("hms", kind="hiring_manager_satisfaction", primary=False,
             observations=series([4.1, 4.3, 4.2]))
    f = assess(b, "MET008")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert f.evidence == ["/metrics/0/observations/2", "/metrics/1/observations/2"]


def test_met008_fails_when_all_green_while_satisfaction_metric_falls(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    b.metric("hms", kind="hiring_manager_satisfaction", primary=False,
             observations=series([4.6, 4.4, 4.0, 3.5]))
    f = assess(b, "MET008")
    assert f.status is Status.FAILED
    assert f.severity == "high"
    assert f.value == 1
    assert f.evidence == [
        "/metrics/0/observations/2",
        "/metrics/1/observations/2",
        "/metrics/2/observations/1",
        "/metrics/2/observations/2",
        "/metrics/2/observations/3",
    ]
    assert "hms 4.4 to 3.5" in f.message
    assert "All 2 KPI targets" in f.message


def test_met008_catches_a_satisfaction_kpi_still_above_target_but_falling(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    full_kpi(b, "hms", "hiring_manager_satisfaction", direction="higher", target=4.0,
             benchmark=(4.0, "Internal norm"), observations=series([4.6, 4.4, 4.1]))
    f = assess(b, "MET008")
    assert f.status is Status.FAILED
    assert "All 3 KPI targets" in f.message
    assert f.evidence == [
        "/metrics/0/observations/2",
        "/metrics/1/observations/2",
        "/metrics/2/observations/2",
        "/metrics/2/observations/0",
        "/metrics/2/observations/1",
    ]


def test_met008_reads_falling_client_satisfaction_surveys(assess: Callable[..., Finding]) -> None:
    b = _green_scorecard()
    b.survey("2025-06-30", "client", "satisfaction", 4.5)
    b.survey("2025-09-30", "client", "satisfaction", 4.0)
    b.survey("2025-12-31", "client", "satisfaction", 3.2)
    b.survey("2025-12-31", "provider", "satisfaction", 4.8)
    b.survey("2025-12-31", "client", "trust", 1.0)
    f = assess(b, "MET008")
    assert f.status is Status.FAILED
    assert f.evidence[-3:] == ["/surveys/0", "/surveys/1", "/surveys/2"]
    assert "client survey 4.5/5 to 3.2/5" in f.message


def test_met008_passes_when_the_scorecard_already_shows_a_miss(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    b.set("/metrics/0/observations/2/value", 48)
    b.metric("hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.0, 3.5]))
    f = assess(b, "MET008")
    assert f.status is Status.PASSED
    assert "1 of 2 KPI targets met" in f.message


def test_met008_one_dip_is_not_a_trend(assess: Callable[..., Finding]) -> None:
    b = _green_scorecard()
    b.metric("nps", kind="candidate_nps", primary=False, observations=series([30, 20, 25]))
    assert assess(b, "MET008").status is Status.PASSED


def test_met008_is_not_applicable_without_satisfaction_history(
    assess: Callable[..., Finding],
) -> None:
    b = _green_scorecard()
    b.metric("hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.0]))
    f = assess(b, "MET008")
    assert f.status is Status.NOT_APPLICABLE
    assert "3 readings" in f.message


def test_met008_is_not_applicable_without_targets(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().metric("hms", kind="hiring_manager_satisfaction",
                              observations=series([4.6, 4.0, 3.5]))
    assert assess(b, "MET008").status is Status.NOT_APPLICABLE


def test_met008_does_not_judge_during_implementation(assess: Callable[..., Finding]) -> None:
    b = _green_scorecard()
    b.set("/partnership/go_live_date", "2026-02-01")
    b.metric("hms", kind="hiring_manager_satisfaction", observations=series([4.6, 4.0, 3.5]))
    assert assess(b, "MET008").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# MET009: unrealistic targets
# --------------------------------------------------------------------------


def test_met009_passes_with_targets_near_their_benchmarks(assess: Callable[..., Finding]) -> None:
    f = assess(healthy(), "MET009")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert f.evidence == ["/metrics/0/target", "/metrics/1/target", "/metrics/2/target"]


def test_met009_fails_a_20_day_time_to_fill_against_42(assess: Callable[..., Finding]) -> None:
    b = healthy()
    b.set("/metrics/0/target", 20)
    f = assess(b, "MET009")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/metrics/0/target", "/metrics/0/benchmark"]
    assert "target 20 against a benchmark of 42 (SHRM), 52% better" in f.message
    assert "more than 50%" in f.message


def test_met009_judges_higher_is_better_targets(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    full_kpi(b, "oar", "offer_acceptance_rate", direction="higher", target=60,
             benchmark=(30, "Custom survey"))
    f = assess(b, "MET009")
    assert f.status is Status.FAILED
    assert "100% better" in f.message
    assert assess(b, "MET009", max_better_than_benchmark=1.0).status is Status.PASSED


def test_met009_is_not_applicable_without_benchmarks(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().metric("ttf", kind="time_to_fill", target=20, direction="lower")
    assert assess(b, "MET009").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# messages for people
# --------------------------------------------------------------------------


def test_failing_findings_carry_a_recommendation_for_the_owner(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.metric("ttf", kind="time_to_fill", observations=series([50], last="2025-06-30"))
    for rule_id in ("MET002", "MET004", "MET005", "MET007"):
        f = assess(b, rule_id)
        assert f.status is Status.FAILED, rule_id
        assert f.recommendation and "{" not in f.recommendation, rule_id
        assert "{" not in f.message, rule_id


# --------------------------------------------------------------------------
# reading KPIs over time (shared with the recognition rules)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([4.6, 4.4, 4.0], True),
        ([4.6, 4.6, 4.0], True),
        ([5.0, 4.6, 4.7, 4.1], False),
        ([4.0, 4.0, 4.0], False),
        ([4.6, 4.0], False),
    ],
)
def test_falling_means_never_rising_and_ending_lower(values: list[float], expected: bool) -> None:
    assert falling(values, 3) is expected


def test_meeting_a_target_depends_on_its_direction() -> None:
    assert meets_target(40, 40, Direction.LOWER)
    assert not meets_target(41, 40, Direction.LOWER)
    assert meets_target(86, 85, Direction.HIGHER)
    assert not meets_target(84, 85, Direction.HIGHER)
