"""REC006: its rule file and its check sit side by side in ``rules/recognition/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder


def test_rec006_passes_when_every_qbr_covers_wins(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.touchpoint("2025-06-30", kind="qbr", topics=["metrics", "wins"])
    b.touchpoint("2025-09-30", kind="qbr", topics=["wins", "issues"])
    b.touchpoint("2025-10-06", kind="weekly_checkin", topics=["pipeline"])
    f = assess(b, "REC006")
    assert f.status is Status.PASSED
    assert f.value == 1.0
    assert f.evidence == ["/communications/0", "/communications/1"]


def test_rec006_fails_for_a_qbr_without_wins(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.touchpoint("2025-06-30", kind="qbr", topics=["metrics", "wins"])
    b.touchpoint("2025-09-30", kind="qbr", topics=["metrics", "issues"])
    f = assess(b, "REC006")
    assert f.status is Status.FAILED
    assert f.value == 0.5
    assert f.evidence == ["/communications/1"]
    assert "1 of 2 QBRs held live with both parties since 2025-03-31" in f.message
    assert "100% should" in f.message
    assert f.severity == "low"


def test_rec006_does_not_praise_wins_in_decks_emailed_to_an_absent_client(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    for day in ("2025-06-30", "2025-09-30", "2025-12-15"):
        b.touchpoint(day, kind="qbr", channel="email", parties=["provider"], topics=["wins"])
    b.touchpoint("2025-10-15", kind="qbr", channel="video", parties=["provider"], topics=["wins"])
    f = assess(b, "REC006")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight == 0
    assert f.strength is None
    assert "none of the 4 QBRs held since 2025-03-31 was a live meeting" in f.message
    counted = assess(b, "REC006", live_only=False)
    assert counted.status is Status.PASSED
    assert counted.value == 1.0


def test_rec006_counts_only_the_live_qbrs_with_both_sides(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.touchpoint("2025-06-30", kind="qbr", channel="in_person", topics=["metrics"])
    b.touchpoint("2025-09-30", kind="qbr", channel="email", parties=["provider"], topics=["wins"])
    b.touchpoint("2025-12-15", kind="qbr", channel="video", topics=["wins"])
    f = assess(b, "REC006")
    assert f.status is Status.FAILED
    assert f.value == 0.5
    assert f.evidence == ["/communications/0"]


def test_rec006_leaves_out_the_kick_off_qbr_before_go_live(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.touchpoint("2025-01-07", kind="qbr", topics=["goals", "expectations"])
    b.touchpoint("2025-06-30", kind="qbr", topics=["metrics", "wins"])
    f = assess(b, "REC006")
    assert f.status is Status.PASSED
    assert f.evidence == ["/communications/1"]
    early = StateBuilder(as_of="2025-02-20")
    early.touchpoint("2025-01-07", kind="qbr", topics=["goals"])
    assert assess(early, "REC006").status is Status.NOT_APPLICABLE


def test_rec006_has_nothing_to_judge_without_qbrs(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().touchpoint("2025-10-06", kind="weekly_checkin")
    f = assess(b, "REC006")
    assert f.status is Status.NOT_APPLICABLE
    assert f.weight == 0
    missing = assess(StateBuilder(), "REC006")
    assert missing.status is Status.NOT_APPLICABLE
    assert missing.weight > 0


def test_rec006_names_the_party_that_organised_the_qbrs_without_wins(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    b.touchpoint("2025-06-30", kind="qbr", topics=["metrics"], initiated_by="provider")
    b.touchpoint("2025-09-30", kind="qbr", topics=["wins"], initiated_by="client")
    b.touchpoint("2025-12-15", kind="qbr", topics=["issues"], initiated_by="provider")
    f = assess(b, "REC006")
    assert f.status is Status.FAILED
    assert f.owner == "provider"
    assert f.recommendation is not None
    assert "every QBR the provider organises" in f.recommendation
    b.set("/communications/2/initiated_by", "client")
    assert assess(b, "REC006").owner == "both"
    b.set("/communications/2/initiated_by", None)
    assert assess(b, "REC006").owner == "both"
