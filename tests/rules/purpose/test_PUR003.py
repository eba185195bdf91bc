"""PUR003: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.report.view import first_sentence
from foundation_engine.testing.builder import StateBuilder
from tests.rules.purpose.helpers import Assess


def client_left(end: str, as_of: str = "2026-01-05") -> StateBuilder:
    return (
        StateBuilder(as_of=as_of)
        .sponsor("client", "Cara", "executive_sponsor", end=end)
        .sponsor("provider", "Pat", "executive_sponsor")
    )


class TestPUR003:
    def test_passes_with_a_named_person_on_each_side(self, assess: Assess) -> None:
        b = (
            StateBuilder()
            .sponsor("client", "Cara", "executive_sponsor", start="2025-01-06")
            .sponsor("provider", "Pat", "point_person", start="2025-01-06", end="2025-06-30")
            .sponsor("provider", "Quinn", "point_person", start="2025-07-01")
        )
        f = assess("PUR003", b)
        assert f.status is Status.PASSED
        assert f.value == 0
        assert f.evidence == ["/partnership/client/sponsors/0", "/partnership/provider/sponsors/1"]
        assert f.strength and "Cara for the client; Quinn for the provider" in f.strength

    def test_fails_when_the_client_seat_has_been_empty_too_long(self, assess: Assess) -> None:
        f = assess("PUR003", client_left("2025-11-05"))
        assert f.status is Status.FAILED
        assert f.value == 61
        assert f.evidence == ["/partnership/client/sponsors/0"]
        assert "client seat has been empty for 61 days" in f.message
        assert f.score is not None and 0 < f.score < 1  # graded between 30 and 90 days

    def test_the_side_with_the_empty_seat_is_the_one_to_act(self, assess: Assess) -> None:
        f = assess("PUR003", client_left("2025-11-05"))
        assert f.owner == "client"
        assert f.recommendation is not None
        assert first_sentence(f.recommendation).startswith(
            "Name a new executive sponsor or point person for the client now"
        )
        b = (
            StateBuilder(as_of="2026-01-05")
            .sponsor("client", "Cara", "executive_sponsor")
            .sponsor("provider", "Pat", "executive_sponsor", end="2025-10-01")
        )
        f = assess("PUR003", b)
        assert f.owner == "provider"
        assert f.recommendation and "for the provider now" in f.recommendation

    def test_both_act_when_both_seats_are_empty(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .sponsor("client", "Cara", "executive_sponsor", end="2025-10-01")
            .sponsor("provider", "Pat", "executive_sponsor", end="2025-11-01")
        )
        f = assess("PUR003", b)
        assert f.owner == "both"
        assert "the client seat" in f.message and "the provider seat" in f.message
        assert f.recommendation and f.recommendation.startswith("Name a new executive sponsor")

    def test_any_vacancy_past_the_limit_is_high(self, assess: Assess) -> None:
        # The domain reference calls a seat empty for more than 30 days red: high from day 31.
        f = assess("PUR003", client_left("2025-12-05"))
        assert (f.status, f.value, f.severity) == (Status.FAILED, 31, "high")
        assert f.score is not None and f.score > 0.9
        f = assess("PUR003", client_left("2025-06-30"))
        assert (f.severity, f.score) == ("high", 0.0)

    def test_fails_when_a_side_never_named_anyone(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-04-06").sponsor(
            "provider", "Pat", "executive_sponsor"
        )
        b.set("/partnership/client/sponsors", [])
        f = assess("PUR003", b)
        assert f.status is Status.FAILED
        assert f.value == 90
        assert f.evidence == ["/partnership/client/sponsors"]
        assert f.owner == "client"

    def test_a_vacancy_within_the_allowance_is_nothing_to_judge(self, assess: Assess) -> None:
        # Neither a failure nor the strength "both sides have a sponsor in post".
        for end in ("2025-12-20", "2025-12-06"):  # 16 and 30 days empty
            f = assess("PUR003", client_left(end))
            assert f.status is Status.NOT_APPLICABLE
            assert f.weight == 0
            assert f.strength is None
            assert "client seat has been empty" in f.message

    def test_a_young_partnership_still_naming_its_people(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-01-20").sponsor(
            "provider", "Pat", "executive_sponsor"
        )
        b.set("/partnership/client/sponsors", [])
        f = assess("PUR003", b)
        assert f.status is Status.NOT_APPLICABLE
        assert f.strength is None

    def test_a_successor_starting_after_as_of_does_not_fill_the_seat(self, assess: Assess) -> None:
        b = client_left("2025-10-31").sponsor("client", "Dee", "executive_sponsor", "2026-02-01")
        f = assess("PUR003", b)
        assert f.status is Status.FAILED
        assert f.evidence == ["/partnership/client/sponsors/0"]

    def test_a_departure_after_as_of_was_not_known_yet(self, assess: Assess) -> None:
        f = assess("PUR003", client_left("2026-03-01"))
        assert f.status is Status.PASSED

    def test_roles_outside_the_seat_do_not_fill_it(self, assess: Assess) -> None:
        b = (
            StateBuilder(start="2025-01-06", as_of="2025-06-06")
            .sponsor("client", "Cara", "other")
            .sponsor("provider", "Pat", "executive_sponsor")
        )
        assert assess("PUR003", b).status is Status.FAILED

    def test_not_applicable_without_sponsors(self, assess: Assess) -> None:
        f = assess("PUR003", StateBuilder())
        assert f.status is Status.NOT_APPLICABLE
        assert f.weight > 0

    def test_not_applicable_when_one_side_is_unrecorded_and_the_other_passes(
        self, assess: Assess
    ) -> None:
        f = assess("PUR003", StateBuilder().sponsor("client", "Cara", "executive_sponsor"))
        assert f.status is Status.NOT_APPLICABLE
        assert "provider" in f.message
