"""COM001: its rule file and its check sit side by side in ``rules/communication/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.communication.helpers import GO_LIVE, Assess, pointers


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
