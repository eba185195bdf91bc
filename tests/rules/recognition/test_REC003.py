"""REC003: its rule file and its check sit side by side in ``rules/recognition/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder


def test_rec003_passes_when_both_sides_give(assess: Callable[..., Finding]) -> None:
    b = StateBuilder()
    b.recognition("2025-05-01", "client", "provider")
    b.recognition("2025-06-01", "client", "provider")
    b.recognition("2025-07-01", "provider", "client")
    b.recognition("2025-08-01", "client", "provider")
    f = assess(b, "REC003")
    assert f.status is Status.PASSED
    assert f.value == 0.25
    assert f.evidence == ["/recognitions/2"]


def test_rec003_fails_when_the_client_never_thanks_the_provider(
    assess: Callable[..., Finding],
) -> None:
    b = StateBuilder()
    for day in ("2025-05-01", "2025-06-01", "2025-07-01", "2025-08-01", "2025-09-01"):
        b.recognition(day, "provider", "client")
    f = assess(b, "REC003")
    assert f.status is Status.FAILED
    assert f.value == 0
    assert len(f.evidence) == 5
    assert "The client gave 0%" in f.message
    assert f.recommendation is not None and "The client side" in f.recommendation


def test_rec003_is_not_applicable_with_few_entries(assess: Callable[..., Finding]) -> None:
    b = StateBuilder().recognition("2025-05-01").recognition("2025-06-01")
    f = assess(b, "REC003")
    assert f.status is Status.NOT_APPLICABLE
    assert "2 recognitions" in f.message
