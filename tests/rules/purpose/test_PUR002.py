"""PUR002: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.core.config import EngineConfig
from foundation_engine.testing.builder import StateBuilder
from tests.rules.purpose.helpers import Assess, agreed


class TestPUR002:
    def test_passes_when_both_signed(self, assess: Assess) -> None:
        f = assess("PUR002", agreed())
        assert f.status is Status.PASSED
        assert f.value == 18  # second signature on 24 January, day 18
        assert f.evidence == ["/purpose/sign_offs/0", "/purpose/sign_offs/1"]
        assert "2025-01-24" in f.message

    def test_fails_when_only_the_provider_signed(self, assess: Assess) -> None:
        b = (
            StateBuilder(start="2025-01-06", as_of="2025-04-06")
            .purpose()
            .sign_off("provider", "Pat Provider", "2025-01-20")
        )
        f = assess("PUR002", b)
        assert f.status is Status.FAILED
        assert f.value == 90
        assert f.evidence == ["/purpose/sign_offs/0"]
        assert "the client" in f.message and "day 30" in f.message
        assert f.recommendation and f.recommendation.startswith("Still to sign: the client.")

    def test_fails_with_no_sign_off_at_all(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-03-06").purpose().recorded("sign_offs")
        f = assess("PUR002", b)
        assert f.status is Status.FAILED
        assert f.evidence == ["/purpose/sign_offs"]
        assert "the client and the provider" in f.message

    def test_a_sign_off_after_as_of_does_not_count(self, assess: Assess) -> None:
        b = (
            StateBuilder(start="2025-01-06", as_of="2025-03-06")
            .purpose()
            .sign_off("provider", "Pat Provider", "2025-01-20")
            .sign_off("client", "Cara Client", "2025-04-01")
        )
        f = assess("PUR002", b)
        assert f.status is Status.FAILED
        assert f.evidence == ["/purpose/sign_offs/0"]

    def test_not_applicable_while_there_is_still_time(self, assess: Assess) -> None:
        b = (
            StateBuilder(start="2025-01-06", as_of="2025-01-26")
            .purpose()
            .sign_off("provider", "Pat Provider", "2025-01-20")
        )
        f = assess("PUR002", b)
        assert f.status is Status.NOT_APPLICABLE
        assert "20 days old" in f.message

    def test_day_thirty_is_the_last_day_of_grace(self, assess: Assess) -> None:
        def unsigned(as_of: str) -> StateBuilder:
            return StateBuilder(start="2025-01-06", as_of=as_of).purpose().recorded("sign_offs")

        assert assess("PUR002", unsigned("2025-02-05")).status is Status.NOT_APPLICABLE
        f = assess("PUR002", unsigned("2025-02-06"))
        assert f.status is Status.FAILED
        assert f.value == 31

    def test_not_applicable_when_sign_offs_are_not_recorded(self, assess: Assess) -> None:
        f = assess("PUR002", StateBuilder().purpose())
        assert f.status is Status.NOT_APPLICABLE

    def test_deadline_is_configurable(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-03-06").purpose().recorded("sign_offs")
        config = EngineConfig.model_validate(
            {"rules": {"PUR002": {"options": {"deadline_days": 90}}}}
        )
        assert assess("PUR002", b, config).status is Status.NOT_APPLICABLE
