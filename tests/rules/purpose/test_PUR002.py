"""PUR002: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.core.config import EngineConfig
from foundation_engine.report.view import first_sentence
from foundation_engine.testing.builder import StateBuilder
from tests.rules.purpose.helpers import Assess, agreed


def signed_by(as_of: str, *parties: str) -> StateBuilder:
    b = StateBuilder(start="2025-01-06", as_of=as_of).purpose().recorded("sign_offs")
    for party in parties:
        b.sign_off(party, f"{party.title()} Sponsor", "2025-01-20")
    return b


class TestPUR002:
    def test_passes_when_both_signed(self, assess: Assess) -> None:
        f = assess("PUR002", agreed())
        assert f.status is Status.PASSED
        assert f.value == 18  # second signature on 24 January, day 18
        assert f.evidence == ["/purpose/sign_offs/0", "/purpose/sign_offs/1"]
        assert "2025-01-24" in f.message

    def test_the_side_still_to_sign_is_the_one_to_act(self, assess: Assess) -> None:
        f = assess("PUR002", signed_by("2025-04-06", "provider"))
        assert f.status is Status.FAILED
        assert f.value == 90
        assert f.evidence == ["/purpose/sign_offs/0"]
        assert "the client" in f.message and "day 30" in f.message
        # Only the client has not signed: the client acts, not "both".
        assert f.owner == "client"
        assert f.recommendation is not None
        action = first_sentence(f.recommendation)
        assert action.startswith("Have the client's executive sponsor sign the written purpose")
        assert not action.startswith("Still to sign")

    def test_the_provider_acts_when_only_the_client_signed(self, assess: Assess) -> None:
        f = assess("PUR002", signed_by("2025-04-06", "client"))
        assert f.owner == "provider"
        assert f.recommendation
        assert f.recommendation.startswith("Have the provider's executive sponsor sign")

    def test_both_act_with_no_sign_off_at_all(self, assess: Assess) -> None:
        f = assess("PUR002", signed_by("2025-03-06"))
        assert f.status is Status.FAILED
        assert f.evidence == ["/purpose/sign_offs"]
        assert "the client and the provider" in f.message
        assert f.owner == "both"
        assert f.recommendation
        assert first_sentence(f.recommendation).startswith("Have the executive sponsors of both")

    def test_a_signature_days_late_is_medium_and_months_late_high(self, assess: Assess) -> None:
        late = assess("PUR002", signed_by("2025-02-15", "client"))  # day 40
        assert late.status is Status.FAILED
        assert late.severity == "medium"
        assert late.score is not None and 0.8 < late.score < 1
        still = assess("PUR002", signed_by("2025-03-08", "client"))  # day 61
        assert still.severity == "high"
        long = assess("PUR002", signed_by("2026-01-05", "client"))
        assert (long.severity, long.score) == ("high", 0.0)

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
        assert f.owner == "client"

    def test_nothing_to_judge_while_there_is_still_time(self, assess: Assess) -> None:
        f = assess("PUR002", signed_by("2025-01-26", "provider"))
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight == 0
        assert "20 days old" in f.message

    def test_day_thirty_is_the_last_day_of_grace(self, assess: Assess) -> None:
        assert assess("PUR002", signed_by("2025-02-05")).status is Status.NOT_APPLICABLE
        f = assess("PUR002", signed_by("2025-02-06"))
        assert f.status is Status.FAILED
        assert f.value == 31

    def test_not_applicable_when_sign_offs_are_not_recorded(self, assess: Assess) -> None:
        f = assess("PUR002", StateBuilder().purpose())
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight > 0

    def test_deadline_is_configurable(self, assess: Assess) -> None:
        config = EngineConfig.model_validate(
            {"rules": {"PUR002": {"options": {"deadline_days": 90}}}}
        )
        assert assess("PUR002", signed_by("2025-03-06"), config).status is Status.NOT_APPLICABLE
        f = assess("PUR002", signed_by("2025-04-15"), config)  # day 99: nine days late
        assert (f.status, f.severity) == (Status.FAILED, "medium")
