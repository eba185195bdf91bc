"""PUR003: its rule file and its check sit side by side in ``rules/purpose/``."""

from __future__ import annotations

from foundation_engine.checks import Status
from foundation_engine.testing.builder import StateBuilder
from tests.rules.purpose.helpers import Assess


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

    def test_fails_when_the_client_seat_has_been_empty_too_long(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .sponsor("client", "Cara", "executive_sponsor", end="2025-11-05")
            .sponsor("provider", "Pat", "executive_sponsor")
        )
        f = assess("PUR003", b)
        assert f.status is Status.FAILED
        assert f.value == 61
        assert f.evidence == ["/partnership/client/sponsors/0"]
        assert "client seat has been empty for 61 days" in f.message
        assert f.recommendation and "for the client now" in f.recommendation
        assert f.score is not None and 0 < f.score < 1  # graded between 30 and 120 days

    def test_fails_when_a_side_never_named_anyone(self, assess: Assess) -> None:
        b = StateBuilder(start="2025-01-06", as_of="2025-04-06").sponsor(
            "provider", "Pat", "executive_sponsor"
        )
        b.set("/partnership/client/sponsors", [])
        f = assess("PUR003", b)
        assert f.status is Status.FAILED
        assert f.value == 90
        assert f.evidence == ["/partnership/client/sponsors"]

    def test_thirty_days_empty_passes_and_thirty_one_fails(self, assess: Assess) -> None:
        def vacated(end: str) -> StateBuilder:
            return (
                StateBuilder(as_of="2026-01-05")
                .sponsor("client", "Cara", "executive_sponsor", end=end)
                .sponsor("provider", "Pat", "executive_sponsor")
            )

        assert assess("PUR003", vacated("2025-12-06")).status is Status.PASSED
        f = assess("PUR003", vacated("2025-12-05"))
        assert f.status is Status.FAILED
        assert f.value == 31

    def test_a_vacancy_within_the_allowance_passes(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .sponsor("client", "Cara", "executive_sponsor", end="2025-12-20")
            .sponsor("provider", "Pat", "executive_sponsor")
        )
        f = assess("PUR003", b)
        assert f.status is Status.PASSED
        assert f.value == 16

    def test_a_successor_starting_after_as_of_does_not_fill_the_seat(self, assess: Assess) -> None:
        b = (
            StateBuilder(as_of="2026-01-05")
            .sponsor("client", "Cara", "executive_sponsor", end="2025-10-31")
            .sponsor("client", "Dee", "executive_sponsor", start="2026-02-01")
            .sponsor("provider", "Pat", "executive_sponsor")
        )
        f = assess("PUR003", b)
        assert f.status is Status.FAILED
        assert f.evidence == ["/partnership/client/sponsors/0"]

    def test_roles_outside_the_seat_do_not_fill_it(self, assess: Assess) -> None:
        b = (
            StateBuilder(start="2025-01-06", as_of="2025-06-06")
            .sponsor("client", "Cara", "other")
            .sponsor("provider", "Pat", "executive_sponsor")
        )
        assert assess("PUR003", b).status is Status.FAILED

    def test_not_applicable_without_sponsors(self, assess: Assess) -> None:
        assert assess("PUR003", StateBuilder()).status is Status.NOT_APPLICABLE

    def test_not_applicable_when_one_side_is_unrecorded_and_the_other_passes(
        self, assess: Assess
    ) -> None:
        f = assess("PUR003", StateBuilder().sponsor("client", "Cara", "executive_sponsor"))
        assert f.status is Status.NOT_APPLICABLE
        assert "provider" in f.message
