"""PUR007: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

import pytest

from foundation_engine.checks import Status
from foundation_engine.report.view import first_sentence
from foundation_engine.testing.builder import StateBuilder
from tests.rules.purpose.helpers import Assess


def pulse(client: float, provider: float) -> StateBuilder:
    return (
        StateBuilder(as_of="2026-01-05")
        .survey("2025-09-15", "client", "shared_goals", client)
        .survey("2025-09-15", "provider", "shared_goals", provider)
    )


class TestPUR007:
    def test_passes_when_both_sides_score_alike(self, assess: Assess) -> None:
        f = assess("PUR007", pulse(4.4, 4.2))
        assert f.status is Status.PASSED
        assert f.value == pytest.approx(0.2)
        assert f.evidence == ["/surveys/0", "/surveys/1"]

    def test_a_pass_does_not_claim_the_goals_are_shared(self, assess: Assess) -> None:
        # Both sides agree they do *not* share the same goals: alike, but nothing to praise.
        f = assess("PUR007", pulse(2.0, 2.1))
        assert f.status is Status.PASSED
        assert f.strength is not None
        assert "share the same goals:" not in f.strength
        assert "client 2, provider 2.1" in f.strength

    def test_fails_when_the_client_scores_far_lower(self, assess: Assess) -> None:
        b = pulse(2.1, 3.9).survey("2025-09-15", "client", "satisfaction", 4.0)
        f = assess("PUR007", b)
        assert f.status is Status.FAILED
        assert f.value == pytest.approx(1.8)
        assert f.evidence == ["/surveys/0", "/surveys/1"]
        assert "client averages 2.1" in f.message

    def test_the_side_that_sees_no_problem_goes_and_asks(self, assess: Assess) -> None:
        f = assess("PUR007", pulse(2.1, 3.9))
        assert f.owner == "provider"
        assert f.recommendation is not None
        assert first_sentence(f.recommendation).startswith("Ask the client")
        f = assess("PUR007", pulse(4.5, 2.9))
        assert f.owner == "client"
        assert f.recommendation and f.recommendation.startswith("Ask the provider's team")

    def test_a_gap_just_over_the_limit_is_low(self, assess: Assess) -> None:
        f = assess("PUR007", pulse(3.2, 4.4))
        assert (f.status, f.severity) == (Status.FAILED, "low")
        f = assess("PUR007", pulse(1.5, 4.5))
        assert (f.score, f.severity) == (0.0, "medium")

    def test_scores_on_other_scales_are_normalised(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .survey("2025-09-15", "client", "shared_goals", 8, scale_max=10)
            .survey("2025-09-15", "provider", "shared_goals", 4.5)
        )
        f = assess("PUR007", b)
        assert f.status is Status.PASSED
        assert f.value == pytest.approx(0.5)

    def test_old_and_future_surveys_are_left_out(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .survey("2024-09-15", "client", "shared_goals", 1.0)
            .survey("2025-09-15", "client", "shared_goals", 4.0)
            .survey("2025-09-15", "provider", "shared_goals", 4.0)
            .survey("2026-02-15", "client", "shared_goals", 1.0)
        )
        f = assess("PUR007", b)
        assert f.status is Status.PASSED
        assert f.value == 0
        assert f.evidence == ["/surveys/1", "/surveys/2"]

    def test_not_applicable_when_only_one_side_answered(self, assess: Assess) -> None:
        b = StateBuilder(as_of="2026-01-05").survey("2025-09-15", "provider", "shared_goals", 4)
        f = assess("PUR007", b)
        assert f.status is Status.NOT_APPLICABLE
        assert "the client" in f.message

    def test_not_applicable_without_surveys(self, assess: Assess) -> None:
        assert assess("PUR007", StateBuilder()).status is Status.NOT_APPLICABLE
