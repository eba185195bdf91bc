"""Rules of the communication technique (COM), each passing, failing and not applicable.

Unless a test says otherwise the partnership starts on 2025-01-06, goes live
84 days later (2025-03-31, the default implementation length) and is assessed
in steady state on 2026-01-05.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.engine import Engine
from foundation_engine.report import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

MODULE = "foundation_engine.builtins.communication"
GO_LIVE = "2025-03-31"
Assess = Callable[[str, StateBuilder], Finding]


@pytest.fixture
def assess(make_engine: Callable[..., Engine]) -> Assess:
    """Run the communication rule set on a built state and return one rule's finding."""
    engine = make_engine(MODULE)

    def run(rule_id: str, builder: StateBuilder) -> Finding:
        return finding(engine.assess(builder.build()), rule_id)

    return run


def pointers(*indexes: int) -> list[str]:
    return [f"/communications/{i}" for i in indexes]


def test_rule_set_has_at_least_seven_rules(make_engine: Callable[..., Engine]) -> None:
    ids = sorted(r.id for r in make_engine(MODULE).rules if r.id.startswith("COM"))
    assert len(ids) >= 7
    assert ids[0] == "COM001"


# --------------------------------------------------------------------------
# COM001 operational touchpoint gap
# --------------------------------------------------------------------------


class TestCOM001:
    def test_passes_with_weekly_check_ins(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints(GO_LIVE, "2026-01-05")
        f = assess("COM001", b)
        assert f.status is Status.PASSED
        assert f.value == 7
        assert f.evidence == pointers(0, 1)

    def test_fails_on_a_five_week_silence_and_names_its_bounds(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints(GO_LIVE, "2025-09-29")  # indexes 0..26
            .weekly_touchpoints("2025-11-03", "2026-01-05")
        )
        f = assess("COM001", b)
        assert f.status is Status.FAILED
        assert f.value == 35
        assert f.evidence == pointers(26, 27)
        assert "2025-09-29 to 2025-11-03" in f.message
        assert f.score is not None and 0 < f.score < 1  # graded between 14 and 42 days

    def test_a_gap_of_exactly_the_limit_passes_and_one_day_more_fails(
        self, assess: Assess
    ) -> None:
        fortnightly = StateBuilder(as_of="2026-01-05").weekly_touchpoints(
            GO_LIVE, "2026-01-05", every_days=14
        )
        assert assess("COM001", fortnightly).value == 14
        assert assess("COM001", fortnightly).status is Status.PASSED
        late = StateBuilder(as_of="2026-01-06").weekly_touchpoints(
            GO_LIVE, "2026-01-05", every_days=14
        )
        assert assess("COM001", late).status is Status.PASSED
        later = StateBuilder(as_of="2026-01-20").weekly_touchpoints(
            GO_LIVE, "2026-01-05", every_days=14
        )
        f = assess("COM001", later)
        assert f.status is Status.FAILED
        assert f.value == 15

    def test_the_silence_since_the_last_touchpoint_counts(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints(GO_LIVE, "2025-12-01")
        f = assess("COM001", b)
        assert f.status is Status.FAILED
        assert f.value == 35
        assert f.evidence == pointers(35)

    def test_an_empty_record_fails_from_go_live(self, assess: Assess) -> None:
        f = assess("COM001", StateBuilder().recorded("communications"))
        assert f.status is Status.FAILED
        assert f.value == 280
        assert f.evidence == ["/communications"]

    def test_status_reports_and_future_meetings_do_not_fill_a_gap(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints(GO_LIVE, "2025-12-01")
            .weekly_touchpoints("2025-12-08", "2025-12-29", kind="status_report")
            .touchpoint("2026-01-12")
        )
        f = assess("COM001", b)
        assert f.status is Status.FAILED
        assert f.value == 35

    def test_gaps_older_than_the_lookback_are_forgiven(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-09-28")
            .weekly_touchpoints(GO_LIVE, "2025-05-26")
            .weekly_touchpoints("2025-08-25", "2026-09-28")
        )
        f = assess("COM001", b)
        assert f.status is Status.PASSED
        assert f.value == 7

    def test_not_applicable_during_implementation(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-03-01").recorded("communications")
        f = assess("COM001", b)
        assert f.status is Status.NOT_APPLICABLE
        assert "implementation" in f.message

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM001", StateBuilder()).status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# COM002 monthly performance review
# --------------------------------------------------------------------------


class TestCOM002:
    def test_passes_with_a_review_every_four_weeks(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints(
            "2025-04-28", "2026-01-05", every_days=28, kind="monthly_review"
        )
        f = assess("COM002", b)
        assert f.status is Status.PASSED
        assert f.value == 28
        assert f.evidence == pointers(0)  # go-live to the first review

    def test_a_qbr_stands_in_for_that_months_review(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-04-28", "2025-09-29", every_days=28, kind="monthly_review")
            .touchpoint("2025-10-27", kind="qbr")
            .weekly_touchpoints("2025-11-24", "2026-01-05", every_days=28, kind="monthly_review")
        )
        assert assess("COM002", b).status is Status.PASSED

    def test_fails_when_reviews_stop(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-04-28", "2025-07-21", every_days=28, kind="monthly_review")
            .weekly_touchpoints(GO_LIVE, "2026-01-05")  # weekly check-ins do not count
        )
        f = assess("COM002", b)
        assert f.status is Status.FAILED
        assert f.value == 168
        assert f.evidence == pointers(3)
        assert "2025-07-21 to 2026-01-05" in f.message
        assert f.recommendation and "monthly performance review" in f.recommendation

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM002", StateBuilder()).status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# COM003 a QBR every contract quarter
# --------------------------------------------------------------------------


class TestCOM003:
    def test_passes_with_a_qbr_in_each_of_four_quarters(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2026-01-06")
        for day in ("2025-01-07", "2025-04-10", "2025-07-10", "2025-10-10"):
            b.touchpoint(day, kind="qbr")
        f = assess("COM003", b)
        assert f.status is Status.PASSED
        assert f.value == 0
        assert f.evidence == pointers(0, 1, 2, 3)

    def test_fails_and_names_the_quarters_missed(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-06")
            .touchpoint("2025-01-07", kind="qbr")
            .touchpoint("2025-07-10", kind="qbr")
            .touchpoint("2025-08-10", kind="monthly_review")
        )
        f = assess("COM003", b)
        assert f.status is Status.FAILED
        assert f.value == 2
        assert f.evidence == pointers(0, 1)
        assert "2025-04-06 to 2025-07-05" in f.message
        assert "2025-10-06 to 2026-01-05" in f.message
        assert f.score == pytest.approx(0.0)

    def test_no_qbr_at_all_points_at_the_communications(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2026-01-06").recorded("communications")
        f = assess("COM003", b)
        assert f.status is Status.FAILED
        assert f.value == 4
        assert f.evidence == ["/communications"]

    def test_a_kick_off_qbr_at_contract_start_passes_at_once(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-02-01").touchpoint("2025-01-07", kind="qbr")
        f = assess("COM003", b)
        assert f.status is Status.PASSED
        assert f.evidence == pointers(0)

    def test_only_the_latest_quarters_are_judged(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2026-07-06")  # six complete quarters; the first two missed
        for day in ("2025-07-10", "2025-10-10", "2026-01-10", "2026-04-10"):
            b.touchpoint(day, kind="qbr")
        f = assess("COM003", b)
        assert f.status is Status.PASSED
        assert f.value == 0

    def test_a_qbr_dated_after_as_of_does_not_count(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-02-01").touchpoint("2025-03-01", kind="qbr")
        assert assess("COM003", b).status is Status.NOT_APPLICABLE
        b = StateBuilder(as_of="2025-07-01").touchpoint("2025-07-02", kind="qbr")
        f = assess("COM003", b)
        assert f.status is Status.FAILED
        assert f.value == 1
        assert f.evidence == ["/communications"]

    def test_not_applicable_before_the_first_qbr_is_due(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-02-01").recorded("communications")
        f = assess("COM003", b)
        assert f.status is Status.NOT_APPLICABLE
        assert "2025-04-05" in f.message

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM003", StateBuilder()).status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# COM004 in person or video
# --------------------------------------------------------------------------


class TestCOM004:
    def test_passes_when_most_meetings_are_on_video(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-10-06", "2025-11-03", channel="video")  # 0..4
            .weekly_touchpoints("2025-11-10", "2025-11-17", channel="phone")  # 5, 6
            .touchpoint("2025-11-30", kind="status_report", channel="document")
        )
        f = assess("COM004", b)
        assert f.status is Status.PASSED
        assert f.value == pytest.approx(0.714)
        assert f.evidence == pointers(0, 1, 2, 3, 4)

    def test_fails_when_meetings_moved_to_email_and_phone(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-10-06", kind="qbr", channel="in_person")
            .weekly_touchpoints("2025-10-13", "2025-11-03", channel="email")  # 1..4
            .touchpoint("2025-11-10", channel="phone")
        )
        f = assess("COM004", b)
        assert f.status is Status.FAILED
        assert f.value == pytest.approx(0.167)
        assert f.evidence == pointers(1, 2, 3, 4, 5)
        assert "1 of 6 meetings" in f.message

    def test_not_applicable_with_too_few_meetings(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints("2025-12-01", "2025-12-15", channel="email")
        assert assess("COM004", b).status is Status.NOT_APPLICABLE

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM004", StateBuilder()).status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# COM005 every second QBR in person
# --------------------------------------------------------------------------


class TestCOM005:
    def test_passes_when_qbrs_alternate(self, assess: Assess) -> None:
        b = StateBuilder()
        for day, channel in (("2025-01-10", "in_person"), ("2025-04-10", "video"),
                             ("2025-07-10", "in_person"), ("2025-10-10", "video")):
            b.touchpoint(day, kind="qbr", channel=channel)
        f = assess("COM005", b)
        assert f.status is Status.PASSED
        assert f.value == 1
        assert f.evidence == pointers(0, 2)

    def test_fails_on_two_remote_qbrs_in_a_row(self, assess: Assess) -> None:
        b = StateBuilder()
        for day, channel in (("2025-04-10", "in_person"), ("2025-07-10", "video"),
                             ("2025-10-10", "phone")):
            b.touchpoint(day, kind="qbr", channel=channel)
        f = assess("COM005", b)
        assert f.status is Status.FAILED
        assert f.value == 2
        assert f.evidence == pointers(1, 2)

    def test_only_the_latest_qbrs_are_judged(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2026-07-31")
        for day, channel in (("2025-01-10", "video"), ("2025-04-10", "video"),
                             ("2025-07-10", "in_person"), ("2025-10-10", "video"),
                             ("2026-01-10", "in_person"), ("2026-04-10", "video")):
            b.touchpoint(day, kind="qbr", channel=channel)
        f = assess("COM005", b)
        assert f.status is Status.PASSED
        assert f.evidence == pointers(2, 4)

    def test_not_applicable_with_a_single_qbr(self, assess: Assess) -> None:
        b = StateBuilder().touchpoint("2025-10-10", kind="qbr", channel="video")
        f = assess("COM005", b)
        assert f.status is Status.NOT_APPLICABLE
        assert "1 QBR held" in f.message


# --------------------------------------------------------------------------
# COM006 both parties at governance meetings
# --------------------------------------------------------------------------


class TestCOM006:
    def test_passes_when_both_attend(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-10-27", kind="monthly_review")
            .touchpoint("2025-11-24", kind="monthly_review")
            .touchpoint("2025-12-01", kind="weekly_checkin", parties=["provider"])
            .touchpoint("2025-12-15", kind="qbr")
        )
        f = assess("COM006", b)
        assert f.status is Status.PASSED
        assert f.value == 1.0
        assert f.evidence == pointers(0, 1, 3)

    def test_fails_when_the_client_stays_away(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-06-16", kind="qbr", parties=["provider"])
            .touchpoint("2025-10-14", kind="qbr", parties=["provider"])
            .touchpoint("2025-11-24", kind="monthly_review")
        )
        f = assess("COM006", b)
        assert f.status is Status.FAILED
        assert f.value == pytest.approx(0.333)
        assert f.evidence == pointers(0, 1)
        assert "the client missed 2 of 3" in f.message
        assert f.recommendation and "the client missed 2 of 3" in f.recommendation

    def test_meetings_outside_the_year_to_as_of_are_left_out(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2024-12-20", kind="qbr", parties=["provider"])
            .touchpoint("2025-11-24", kind="monthly_review")
            .touchpoint("2025-12-15", kind="qbr")
            .touchpoint("2026-01-20", kind="qbr", parties=["provider"])
        )
        f = assess("COM006", b)
        assert f.status is Status.PASSED
        assert f.evidence == pointers(1, 2)

    def test_meetings_without_attendance_are_left_out(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-10-27", kind="monthly_review", parties=[])
            .touchpoint("2025-11-24", kind="monthly_review", parties=[])
            .touchpoint("2025-12-15", kind="qbr")
        )
        assert assess("COM006", b).status is Status.NOT_APPLICABLE

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM006", StateBuilder()).status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# COM007 contact flows both ways
# --------------------------------------------------------------------------


class TestCOM007:
    def test_passes_when_both_sides_start_conversations(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-11-03", "2025-11-24", initiated_by="provider")  # 0..3
            .touchpoint("2025-12-01", kind="feedback", initiated_by="client")
            .touchpoint("2025-12-08", initiated_by="client")
        )
        f = assess("COM007", b)
        assert f.status is Status.PASSED
        assert f.value == pytest.approx(0.333)
        assert f.evidence == pointers(0, 1, 2, 3, 4, 5)

    def test_fails_when_only_the_provider_ever_starts_one(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-11-03", "2025-12-01", initiated_by="provider")  # 0..4
            .touchpoint("2025-12-05", kind="status_report", initiated_by="client")
        )
        f = assess("COM007", b)
        assert f.status is Status.FAILED
        assert f.value == 0.0
        assert f.evidence == pointers(0, 1, 2, 3, 4)
        assert "the client started only 0" in f.message
        assert f.recommendation and "started by the client" in f.recommendation

    def test_not_applicable_when_nobody_records_who_started(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints("2025-11-03", "2025-12-01")
        assert assess("COM007", b).status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# COM008 status updates cover what matters
# --------------------------------------------------------------------------

FULL = ["pipeline", "time_to_fill", "joint_actions"]


class TestCOM008:
    def test_passes_when_updates_cover_all_three(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-11-03", "2025-12-29", topics=FULL)  # 0..8
            .touchpoint("2025-12-31", kind="status_report", channel="document", topics=["pipeline"])
        )
        f = assess("COM008", b)
        assert f.status is Status.PASSED
        assert f.value == 0.9
        assert f.evidence == pointers(*range(9))

    def test_fails_and_names_the_topics_left_out(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-11-30", kind="status_report", topics=["pipeline"])
            .touchpoint("2025-12-31", kind="status_report", topics=["pipeline", "time_to_fill"])
            .touchpoint("2025-12-15", kind="monthly_review", topics=FULL)
            .touchpoint("2025-12-16", kind="qbr", topics=["goals"])  # a QBR is not a status update
        )
        f = assess("COM008", b)
        assert f.status is Status.FAILED
        assert f.value == pytest.approx(0.333)
        assert f.evidence == pointers(0, 1)
        assert "joint actions (missing from 2), time to fill (missing from 1)" in f.message

    def test_not_applicable_when_topics_are_not_recorded(self, assess: Assess) -> None:
        b = StateBuilder().weekly_touchpoints("2025-11-03", "2025-12-29")
        f = assess("COM008", b)
        assert f.status is Status.NOT_APPLICABLE
        assert "none records its topics" in f.message

    def test_not_applicable_during_implementation(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-03-01").touchpoint("2025-02-20", topics=["pipeline"])
        assert assess("COM008", b).status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# COM009 hiring-manager feedback time
# --------------------------------------------------------------------------


def feedback_metric(unit: str | None, *observations: tuple[str, float]) -> StateBuilder:
    b = StateBuilder().metric(
        "hmf", "Feedback turnaround", kind="hiring_manager_feedback_time",
        observations=observations,
    )
    return b.set("/metrics/0/unit", unit) if unit is not None else b


class TestCOM009:
    def test_passes_with_feedback_inside_two_days(self, assess: Assess) -> None:
        b = feedback_metric("hours", ("2025-10-31", 60), ("2025-11-30", 36))
        f = assess("COM009", b)
        assert f.status is Status.PASSED
        assert f.value == 36
        assert f.evidence == ["/metrics/0/observations/1"]

    def test_fails_and_converts_days_to_hours(self, assess: Assess) -> None:
        b = feedback_metric("days", ("2025-11-30", 3.5), ("2026-02-28", 1))
        f = assess("COM009", b)
        assert f.status is Status.FAILED
        assert f.value == 84
        assert f.evidence == ["/metrics/0/observations/0"]
        assert "3.5 days" in f.message
        assert f.owner == "client"

    def test_hours_are_assumed_without_a_unit(self, assess: Assess) -> None:
        assert assess("COM009", feedback_metric(None, ("2025-11-30", 50))).value == 50

    def test_not_applicable_with_only_old_observations(self, assess: Assess) -> None:
        b = feedback_metric("hours", ("2025-03-31", 90))
        assert assess("COM009", b).status is Status.NOT_APPLICABLE

    def test_not_applicable_with_an_unknown_unit(self, assess: Assess) -> None:
        f = assess("COM009", feedback_metric("weeks", ("2025-11-30", 1)))
        assert f.status is Status.NOT_APPLICABLE
        assert "weeks" in f.message

    def test_not_applicable_without_the_metric(self, assess: Assess) -> None:
        b = StateBuilder().metric("ttf", kind="time_to_fill", observations=[("2025-11-30", 40)])
        assert assess("COM009", b).status is Status.NOT_APPLICABLE


# --------------------------------------------------------------------------
# COM010 meetings almost all by email
# --------------------------------------------------------------------------


class TestCOM010:
    def test_passes_when_meetings_are_live(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .weekly_touchpoints("2025-11-03", "2025-11-24", channel="video")
            .touchpoint("2025-12-01", channel="email")
        )
        f = assess("COM010", b)
        assert f.status is Status.PASSED
        assert f.value == 0.2
        assert f.evidence == pointers(4)

    def test_fails_when_almost_everything_is_email(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .touchpoint("2025-10-14", kind="qbr", channel="video")
            .weekly_touchpoints("2025-10-20", "2025-11-10", channel="email")  # 1..4
            .touchpoint("2025-11-30", kind="status_report", channel="email")
        )
        f = assess("COM010", b)
        assert f.status is Status.FAILED
        assert f.value == 0.8
        assert f.evidence == pointers(1, 2, 3, 4)
        assert f.severity == "high"

    def test_not_applicable_when_communications_are_not_recorded(self, assess: Assess) -> None:
        assert assess("COM010", StateBuilder()).status is Status.NOT_APPLICABLE
