"""PUR001: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.report.view import first_sentence
from foundation_engine.testing.builder import StateBuilder
from tests.rules.purpose.helpers import Assess


class TestPUR001:
    def test_passes_with_a_statement(self, assess: Assess) -> None:
        f = assess("PUR001", StateBuilder().purpose("Hire nurses who stay."))
        assert f.status is Status.PASSED
        assert f.evidence == ["/purpose/statement"]
        assert f.strength

    def test_fails_when_the_purpose_has_no_statement_after_day_thirty(self, assess: Assess) -> None:
        f = assess("PUR001", StateBuilder().purpose(statement=None, documented="2025-02-01"))
        assert f.status is Status.FAILED
        assert f.value == 364
        # The domain reference calls a purpose missing by day 30 red: high, not critical.
        assert f.severity == "high"
        assert f.evidence == ["/purpose"]
        assert "day 364" in f.message and "day 30" in f.message
        assert f.recommendation and "why this partnership exists" in f.recommendation
        assert first_sentence(f.recommendation).startswith("Sit down together")

    def test_a_blank_statement_is_no_statement(self, assess: Assess) -> None:
        f = assess("PUR001", StateBuilder().purpose(statement="   "))
        assert f.status is Status.FAILED

    def test_nothing_to_judge_while_there_is_still_time(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-02-05").purpose(statement=None)
        f = assess("PUR001", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight == 0  # recorded, nothing to judge yet: it weighs nothing
        assert "30 days old" in f.message
        assert f.strength is None
        b = StateBuilder(start="2025-01-06", as_of="2025-02-06").purpose(statement=None)
        assert assess("PUR001", b).status is Status.FAILED

    def test_a_statement_written_after_as_of_was_not_there_yet(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-03-01").purpose(
            "Hire nurses who stay.", documented="2025-04-01"
        )
        f = assess("PUR001", b)
        assert f.status is Status.FAILED
        assert f.value == 54

    def test_missing_sign_offs_are_the_same_defect(self, assess: Assess) -> None:
        b = StateBuilder().purpose(statement=None).recorded("sign_offs")
        f = assess("PUR001", b)
        assert f.status is Status.FAILED
        assert f.related == ["PUR002"]
        assert assess("PUR002", b).related_to == "PUR001"

    def test_not_applicable_without_a_purpose_section(self, assess: Assess) -> None:
        f = assess("PUR001", StateBuilder())
        assert f.status is Status.NOT_APPLICABLE
        assert f.score is None
        assert f.weight > 0  # missing data lowers coverage
