"""Rules IMP001-IMP008: continual improvement, each passing, failing and not applicable."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.config import EngineConfig
from foundation_engine.engine import Engine
from foundation_engine.report import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.builtins.improvement"
START = "2025-01-06"  # a Monday
AS_OF = "2026-01-05"


@pytest.fixture
def assess(make_engine: Callable[..., Engine]) -> Callable[..., Finding]:
    engine = make_engine(MODULE)

    def run(state: StateBuilder, rule_id: str) -> Finding:
        return finding(engine.assess(state.build()), rule_id)

    return run


def base(**kwargs: str) -> StateBuilder:
    return StateBuilder(start=kwargs.get("start", START), as_of=kwargs.get("as_of", AS_OF))


def test_every_rule_has_a_registered_check(make_engine: Callable[..., Engine]) -> None:
    engine = make_engine(MODULE)
    ids = sorted(r.id for r in engine.rules if r.id.startswith("IMP"))
    assert ids == [f"IMP00{n}" for n in range(1, 9)]


# --------------------------------------------------------------------------
# IMP001 root cause within 5 business days
# --------------------------------------------------------------------------


def test_imp001_passes_when_each_root_cause_is_found_within_five_business_days(
    assess: Callable[..., Finding],
) -> None:
    # Monday 2 June to Monday 9 June is exactly 5 business days.
    state = (
        base()
        .issue("I-1", "2025-06-02", root_cause="Vague spec", root_cause_date="2025-06-09")
        .issue("I-2", "2025-07-01", root_cause="Slow feedback", root_cause_date="2025-07-02")
    )
    f = assess(state, "IMP001")
    assert f.status is Status.PASSED
    assert f.value == 1.0
    assert f.evidence == ["/improvement/issues/0", "/improvement/issues/1"]
    assert "100% of 2 slip-ups" in f.message


def test_imp001_fails_on_a_late_missing_or_undated_root_cause(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-06-02", root_cause="Vague spec", root_cause_date="2025-06-10")
        .issue("I-2", "2025-07-01")
        .issue("I-3", "2025-08-01", root_cause="Undated cause")
        .issue("I-4", "2025-09-01", root_cause="Quick", root_cause_date="2025-09-02")
    )
    f = assess(state, "IMP001")
    assert f.status is Status.FAILED
    assert f.value == 0.25
    assert f.evidence == [
        "/improvement/issues/0",
        "/improvement/issues/1",
        "/improvement/issues/2",
    ]
    assert "3 of 4 slip-ups" in f.message and "I-1, I-2, I-3" in f.message
    assert f.recommendation is not None and "I-1, I-2, I-3" in f.recommendation
    assert f.score is not None and f.score == 0.0  # 25% is below the poor point of 50%


def test_imp001_ignores_issues_still_within_their_allowance_and_after_as_of(
    assess: Callable[..., Finding],
) -> None:
    # Opened Wednesday 31 Dec 2025, assessed Monday 5 Jan 2026: 3 business days in.
    state = base().issue("I-1", "2025-12-31").issue("I-2", "2026-02-01")
    f = assess(state, "IMP001")
    assert f.status is Status.NOT_APPLICABLE
    assert "older than 5 business days" in f.message


def test_imp001_root_cause_found_after_as_of_is_not_yet_known(
    assess: Callable[..., Finding],
) -> None:
    state = base(as_of="2025-06-20").issue(
        "I-1", "2025-06-02", root_cause="Later", root_cause_date="2025-06-05"
    ).set("/partnership/as_of", "2025-06-04")
    # As of 4 June the issue is 2 business days old and its cause lies in the future.
    f = assess(state, "IMP001")
    assert f.status is Status.NOT_APPLICABLE


def test_imp001_not_applicable_when_issues_are_not_recorded(
    assess: Callable[..., Finding],
) -> None:
    f = assess(base().recorded("retrospectives"), "IMP001")
    assert f.status is Status.NOT_APPLICABLE
    assert "improvement.issues" in f.message


# --------------------------------------------------------------------------
# IMP002 corrective action within 5 business days
# --------------------------------------------------------------------------


def test_imp002_passes_when_each_slip_up_gets_an_action_in_time(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-06-02")
        .corrective_action("CA-1", "2025-06-09", issue_id="I-1")
        .corrective_action("CA-2", "2025-06-20", issue_id="I-1")
    )
    f = assess(state, "IMP002")
    assert f.status is Status.PASSED
    assert f.value == 1.0
    assert f.evidence == ["/improvement/issues/0"]


def test_imp002_fails_when_the_first_action_comes_late_or_never(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-06-02")
        .issue("I-2", "2025-07-01")
        .issue("I-3", "2025-08-04")
        .corrective_action("CA-1", "2025-06-10", issue_id="I-1")
        .corrective_action("CA-3", "2025-08-05", issue_id="I-3")
    )
    f = assess(state, "IMP002")
    assert f.status is Status.FAILED
    assert f.value == pytest.approx(0.333)
    assert f.evidence == ["/improvement/issues/0", "/improvement/issues/1"]
    assert "I-1, I-2" in f.message and "expected 100%" in f.message


def test_imp002_not_applicable_without_corrective_actions_recorded(
    assess: Callable[..., Finding],
) -> None:
    f = assess(base().issue("I-1", "2025-06-02"), "IMP002")
    assert f.status is Status.NOT_APPLICABLE
    assert "corrective_actions" in f.message


# --------------------------------------------------------------------------
# IMP003 corrective actions closed on time
# --------------------------------------------------------------------------


def _actions(builder: StateBuilder, on_time: int, late: int, open_overdue: int) -> StateBuilder:
    n = 0
    for _ in range(on_time):
        n += 1
        builder.corrective_action(f"CA-{n}", "2025-03-01", due="2025-04-01", completed="2025-03-30")
    for _ in range(late):
        n += 1
        builder.corrective_action(f"CA-{n}", "2025-03-01", due="2025-04-01", completed="2025-04-15")
    for _ in range(open_overdue):
        n += 1
        builder.corrective_action(f"CA-{n}", "2025-03-01", due="2025-12-20")
    return builder


def test_imp003_passes_when_most_actions_close_on_time(assess: Callable[..., Finding]) -> None:
    state = _actions(base(), on_time=6, late=1, open_overdue=0)
    # An open action not yet due is not judged.
    state.corrective_action("CA-9", "2025-12-01", due="2026-02-01")
    f = assess(state, "IMP003")
    assert f.status is Status.PASSED
    assert f.value == pytest.approx(0.857)
    assert len(f.evidence) == 7 and "/improvement/corrective_actions/7" not in f.evidence
    assert "6 of 7" in f.message


def test_imp003_fails_below_85_percent_and_points_at_the_late_ones(
    assess: Callable[..., Finding],
) -> None:
    state = _actions(base(), on_time=3, late=1, open_overdue=1)
    f = assess(state, "IMP003")
    assert f.status is Status.FAILED
    assert f.value == 0.6
    assert f.evidence == [
        "/improvement/corrective_actions/3",
        "/improvement/corrective_actions/4",
    ]
    assert "60%" in f.message and "85%" in f.message
    assert f.score == pytest.approx(0.2857, abs=1e-3)  # graded between 50% and 85%


def test_imp003_not_applicable_with_too_few_actions_due(assess: Callable[..., Finding]) -> None:
    state = _actions(base(), on_time=1, late=1, open_overdue=0)
    assert assess(state, "IMP003").status is Status.NOT_APPLICABLE
    assert assess(base().recorded("issues"), "IMP003").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# IMP004 corrective actions long overdue
# --------------------------------------------------------------------------


def test_imp004_passes_with_an_empty_log_and_with_recent_slippage(
    assess: Callable[..., Finding],
) -> None:
    assert assess(base().recorded("corrective_actions"), "IMP004").status is Status.PASSED
    # Due 10 Dec 2025, assessed 5 Jan 2026: 26 days overdue, inside the 30 allowed.
    state = base().corrective_action("CA-1", "2025-11-01", due="2025-12-10")
    f = assess(state, "IMP004")
    assert f.status is Status.PASSED
    assert f.value == 0


def test_imp004_fails_for_an_action_open_more_than_30_days_past_due(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .corrective_action("CA-1", "2025-09-01", due="2025-10-01")
        .corrective_action("CA-2", "2025-09-01", due="2025-10-01", completed="2025-11-20")
        # Completed only after as_of: still open on as_of.
        .corrective_action("CA-3", "2025-09-01", due="2025-11-01", completed="2026-01-20")
    )
    f = assess(state, "IMP004")
    assert f.status is Status.FAILED
    assert f.value == 2
    assert f.evidence == [
        "/improvement/corrective_actions/0",
        "/improvement/corrective_actions/2",
    ]
    assert "CA-1, CA-3" in f.message and "96 days overdue" in f.message


def test_imp004_not_applicable_without_corrective_actions(assess: Callable[..., Finding]) -> None:
    f = assess(base().issue("I-1", "2025-06-02"), "IMP004")
    assert f.status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# IMP005 recurring root cause
# --------------------------------------------------------------------------


def test_imp005_passes_when_causes_recur_only_after_90_days(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-02-03", root_cause_category="slow-feedback")
        .issue("I-2", "2025-06-02", root_cause_category="slow-feedback")
        .issue("I-3", "2025-06-10", root_cause_category="vague-spec")
    )
    f = assess(state, "IMP005")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert f.evidence == []


def test_imp005_fails_when_a_cause_returns_within_90_days(
    assess: Callable[..., Finding],
) -> None:
    state = (
        base()
        .issue("I-1", "2025-03-03", root_cause_category="Slow-Feedback")
        .issue("I-2", "2025-07-01", root_cause_category="vague-spec")
        .issue("I-3", "2025-05-20", root_cause_category="slow-feedback ")
    )
    f = assess(state, "IMP005")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == ["/improvement/issues/0", "/improvement/issues/2"]
    assert "Slow-Feedback" in f.message
    assert f.severity.value == "high"


def test_imp005_not_applicable_without_categories(assess: Callable[..., Finding]) -> None:
    f = assess(base().issue("I-1", "2025-03-03").issue("I-2", "2025-03-10"), "IMP005")
    assert f.status is Status.NOT_APPLICABLE
    assert "root_cause_category" in f.message
    assert assess(base(), "IMP005").status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# IMP006 KPI declining with no action
# --------------------------------------------------------------------------

DECLINING = [("2025-08-31", 88), ("2025-09-30", 85), ("2025-10-31", 81), ("2025-11-30", 77)]


def _declining(builder: StateBuilder) -> StateBuilder:
    return builder.metric(
        "oar", kind="offer_acceptance_rate", direction="higher", observations=DECLINING
    ).metric("ttf", kind="time_to_fill", direction="lower",
             observations=[("2025-08-31", 52), ("2025-09-30", 50), ("2025-10-31", 45),
                           ("2025-11-30", 47)])


def test_imp006_passes_when_the_decline_was_answered(assess: Callable[..., Finding]) -> None:
    state = _declining(base()).corrective_action("CA-1", "2025-09-15", metric_id="oar")
    f = assess(state, "IMP006")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert "None of the 2 KPIs" in f.message


def test_imp006_fails_when_nobody_acted_since_the_decline_began(
    assess: Callable[..., Finding],
) -> None:
    # An issue on the metric before the decline began does not answer it.
    state = _declining(base()).issue("I-1", "2025-08-01", metric_id="oar")
    f = assess(state, "IMP006")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert f.evidence == [
        "/metrics/0",
        "/metrics/0/observations/0",
        "/metrics/0/observations/1",
        "/metrics/0/observations/2",
        "/metrics/0/observations/3",
    ]
    assert "oar" in f.message and "3 or more periods" in f.message


def test_imp006_does_not_apply_during_implementation(assess: Callable[..., Finding]) -> None:
    state = _declining(StateBuilder(start="2025-10-01", as_of="2025-12-01")).recorded("issues")
    f = assess(state, "IMP006")
    assert f.status is Status.NOT_APPLICABLE
    assert "implementation" in f.message


def test_imp006_not_applicable_without_improvement_records(
    assess: Callable[..., Finding],
) -> None:
    assert assess(_declining(base()), "IMP006").status is Status.NOT_APPLICABLE
    short = base().recorded("issues").metric(
        "oar", direction="higher", observations=DECLINING[:3]
    )
    f = assess(short, "IMP006")
    assert f.status is Status.NOT_APPLICABLE
    assert "at least 4 readings" in f.message


# --------------------------------------------------------------------------
# IMP007 root causes on the client side too
# --------------------------------------------------------------------------


def _sided(builder: StateBuilder, sides: list[str]) -> StateBuilder:
    for n, side in enumerate(sides, start=1):
        builder.issue(f"I-{n}", f"2025-0{n}-03", root_cause_side=side)
    return builder


def test_imp007_passes_when_a_cause_is_shared(assess: Callable[..., Finding]) -> None:
    f = assess(_sided(base(), ["provider"] * 4 + ["shared"]), "IMP007")
    assert f.status is Status.PASSED
    assert f.value == 1
    assert f.evidence == ["/improvement/issues/4"]


def test_imp007_fails_when_every_cause_lies_with_the_provider(
    assess: Callable[..., Finding],
) -> None:
    f = assess(_sided(base(), ["provider"] * 4 + ["external"]), "IMP007")
    assert f.status is Status.FAILED
    assert f.value == 0
    assert f.evidence == [f"/improvement/issues/{i}" for i in range(4)]
    assert "All 5 root causes" in f.message and "4 on the provider" in f.message
    assert f.owner.value == "client"


def test_imp007_not_applicable_with_too_few_attributed_causes(
    assess: Callable[..., Finding],
) -> None:
    f = assess(_sided(base(), ["provider"] * 4), "IMP007")
    assert f.status is Status.NOT_APPLICABLE
    assert "at least 5 needed" in f.message


# --------------------------------------------------------------------------
# IMP008 retrospective every quarter
# --------------------------------------------------------------------------


def test_imp008_passes_with_a_retrospective_in_each_of_the_last_four_quarters(
    assess: Callable[..., Finding],
) -> None:
    # Quarters from 6 Jan 2025: Jan-Apr, Apr-Jul, Jul-Oct, Oct-Jan.
    state = base()
    for day in ("2025-03-20", "2025-06-20", "2025-09-20", "2025-12-20"):
        state.retrospective(day)
    f = assess(state, "IMP008")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert len(f.evidence) == 4


def test_imp008_fails_for_a_quarter_without_one(assess: Callable[..., Finding]) -> None:
    state = base().retrospective("2025-03-20").retrospective("2025-06-20", kind="initiative")
    state.retrospective("2025-12-20")
    f = assess(state, "IMP008")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert "2025-07-07 to 2025-10-05" in f.message
    assert f.evidence == [f"/improvement/retrospectives/{i}" for i in range(3)]


def test_imp008_fails_with_an_empty_log_pointing_at_it(assess: Callable[..., Finding]) -> None:
    f = assess(base().recorded("retrospectives"), "IMP008")
    assert f.status is Status.FAILED
    assert f.value == 4
    assert f.evidence == ["/improvement/retrospectives"]


def test_imp008_not_applicable_before_a_quarter_has_passed_or_without_a_log(
    assess: Callable[..., Finding],
) -> None:
    young = StateBuilder(start="2025-11-03", as_of="2026-01-05").recorded("retrospectives")
    assert assess(young, "IMP008").status is Status.NOT_APPLICABLE
    assert assess(base().recorded("issues"), "IMP008").status is Status.NOT_APPLICABLE


def test_imp008_lookback_is_configurable(make_engine: Callable[..., Engine]) -> None:
    config = EngineConfig.model_validate(
        {"rules": {"IMP008": {"options": {"lookback_quarters": 1}}}}
    )
    engine = make_engine(MODULE, config=config)
    state = base().retrospective("2025-12-20").build()
    f = finding(engine.assess(state), "IMP008")
    assert f.status is Status.PASSED
    assert f.evidence == ["/improvement/retrospectives/0"]
