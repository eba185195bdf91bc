"""REC007: its rule file and its check sit side by side in ``rules/recognition/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder


def test_rec007_passes_with_a_gain_share(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().contract_terms(positive_incentives=True, penalties=True), "REC007")
    assert f.status is Status.PASSED
    assert f.value is True
    assert f.evidence == [
        "/partnership/contract_terms/positive_incentives",
        "/partnership/contract_terms/penalties",
    ]


def test_rec007_fails_with_penalties_only(assess: Callable[..., Finding]) -> None:
    f = assess(StateBuilder().contract_terms(positive_incentives=False, penalties=True), "REC007")
    assert f.status is Status.FAILED
    assert f.owner == "client"
    assert "it has penalties" in f.message
    assert f.recommendation is not None and "contract review" in f.recommendation


def test_rec007_says_plainly_when_penalties_are_not_recorded(
    assess: Callable[..., Finding],
) -> None:
    f = assess(StateBuilder().contract_terms(positive_incentives=False), "REC007")
    assert f.status is Status.FAILED
    assert "it does not record whether it has penalties" in f.message
    assert f.recommendation is not None
    assert "Today the contract does not record whether it has penalties" in f.recommendation
    # The advice does not assume service credits the contract may not have.
    assert "service credits" not in f.recommendation


def test_rec007_is_not_applicable_when_terms_are_unknown(assess: Callable[..., Finding]) -> None:
    assert assess(StateBuilder(), "REC007").status is Status.NOT_APPLICABLE
    assert assess(StateBuilder().contract_terms(penalties=True), "REC007").status is (
        Status.NOT_APPLICABLE
    )
