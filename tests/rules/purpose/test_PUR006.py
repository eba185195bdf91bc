"""PUR006: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.purpose.helpers import Assess, agreed


class TestPUR006:
    def test_passes_after_a_recent_review(self, assess: Assess) -> None:
        b = agreed(as_of="2026-09-30").purpose(last_reviewed="2026-03-12")
        f = assess("PUR006", b)
        assert f.status is Status.PASSED
        assert f.value == 202
        assert f.evidence == ["/purpose/last_reviewed"]

    def test_fails_after_twelve_months_with_a_partial_score(self, assess: Assess) -> None:
        f = assess("PUR006", agreed(as_of="2026-04-24"))
        assert f.status is Status.FAILED
        assert f.value == 455  # the provider signed on 2025-01-24, the latest date
        assert f.evidence == ["/purpose/sign_offs/1"]
        assert f.score is not None and 0.45 < f.score < 0.55

    def test_severity_grows_from_low_to_high_at_eighteen_months(self, assess: Assess) -> None:
        # The latest date is the sign-off of 2025-01-24.
        weeks_late = assess("PUR006", agreed(as_of="2026-02-20"))  # 392 days
        assert (weeks_late.status, weeks_late.severity) == (Status.FAILED, "low")
        months_late = assess("PUR006", agreed(as_of="2026-06-15"))  # 507 days
        assert months_late.severity == "medium"
        day_before_red = assess("PUR006", agreed(as_of="2026-07-25"))  # 547 days
        assert day_before_red.severity == "medium"
        red = assess("PUR006", agreed(as_of="2026-07-26"))  # 548 days: red in DOMAIN
        assert (red.score, red.severity) == (0.0, "high")

    def test_scores_zero_after_eighteen_months(self, assess: Assess) -> None:
        f = assess("PUR006", agreed(as_of="2026-09-30"))
        assert f.status is Status.FAILED
        assert f.score == 0.0
        assert f.severity == "high"
        assert "548" in f.message

    def test_a_review_dated_after_as_of_is_ignored(self, assess: Assess) -> None:
        b = agreed(as_of="2026-04-24").purpose(last_reviewed="2026-05-01")
        f = assess("PUR006", b)
        assert f.status is Status.FAILED
        assert f.evidence == ["/purpose/sign_offs/1"]

    def test_not_applicable_without_any_date(self, assess: Assess) -> None:
        assert assess("PUR006", StateBuilder().purpose()).status is Status.NOT_APPLICABLE

    def test_not_applicable_without_a_purpose(self, assess: Assess) -> None:
        assert assess("PUR006", StateBuilder()).status is Status.NOT_APPLICABLE
