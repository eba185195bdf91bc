"""PUR001: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.purpose.helpers import Assess


class TestPUR001:
    def test_passes_with_a_statement(self, assess: Assess) -> None:
        f = assess("PUR001", StateBuilder().purpose("Hire nurses who stay."))
        assert f.status is Status.PASSED
        assert f.value is True
        assert f.evidence == ["/purpose/statement"]

    def test_fails_when_the_purpose_has_no_statement(self, assess: Assess) -> None:
        f = assess("PUR001", StateBuilder().purpose(statement=None, documented="2025-02-01"))
        assert f.status is Status.FAILED
        assert f.severity == "critical"
        assert f.evidence == []
        assert f.recommendation and "why this partnership exists" in f.recommendation

    def test_not_applicable_without_a_purpose_section(self, assess: Assess) -> None:
        f = assess("PUR001", StateBuilder())
        assert f.status is Status.NOT_APPLICABLE
        assert f.score is None
