"""COM001: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

import datetime as dt

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import GO_LIVE, Assess, options, pointers


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
        assert "Stretches over the limit in the window: 1." in f.message
        assert f.score is not None and 0 < f.score < 1  # graded between 14 and 49 days

    def test_a_gap_of_exactly_the_limit_passes_and_one_day_more_fails(self, assess: Assess) -> None:
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

    @staticmethod
    def silent_for(days: int) -> StateBuilder:
        """Weekly check-ins from go-live, but one silence of `days` days ending on 2025-11-03."""
        b = StateBuilder()
        day = dt.date(2025, 11, 3) - dt.timedelta(days=days)
        earlier = []
        while day >= dt.date.fromisoformat(GO_LIVE):
            earlier.append(day)
            day -= dt.timedelta(days=7)
        for day in reversed(earlier):
            b.touchpoint(day)
        return b.weekly_touchpoints("2025-11-03", "2026-01-05")

    def test_severity_grows_with_the_silence(self, assess: Assess) -> None:
        # A holiday break is a lapse to note; six weeks without a check-in is a red flag.
        for days, severity in ((15, "low"), (19, "low"), (28, "low"), (30, "medium")):
            f = assess("COM001", self.silent_for(days))
            assert (f.status, f.value, f.severity) == (Status.FAILED, days, severity)
        for days, severity in ((42, "medium"), (45, "high"), (56, "high")):
            f = assess("COM001", self.silent_for(days))
            assert (f.value, f.severity) == (days, severity)
        assert assess("COM001", self.silent_for(56)).score == 0.0

    def test_severity_scales_with_a_stricter_limit(self, assess: Assess) -> None:
        weekly = options("COM001", max_days=7)
        for days, severity in ((10, "low"), (20, "medium"), (25, "high")):
            f = assess("COM001", self.silent_for(days), weekly)
            assert (f.value, f.severity) == (days, severity)

    def test_a_monthly_review_does_not_fill_a_weekly_gap(self, assess: Assess) -> None:
        b = self.silent_for(35).touchpoint("2025-10-16", kind="monthly_review")
        f = assess("COM001", b)
        assert (f.status, f.value) == (Status.FAILED, 35)
        assert "weekly check-ins or ad hoc meetings" in f.message
        counted = options("COM001", kinds=["weekly_checkin", "ad_hoc", "monthly_review"])
        f = assess("COM001", b, counted)
        assert f.value == 18

    def test_an_ad_hoc_meeting_fills_a_gap(self, assess: Assess) -> None:
        b = self.silent_for(35).touchpoint("2025-10-16", kind="ad_hoc", channel="phone")
        assert assess("COM001", b).value == 18

    def test_nothing_to_judge_before_the_first_check_in_is_due(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2025-04-08").recorded("communications")
        f = assess("COM001", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight == 0
        assert f.strength is None
