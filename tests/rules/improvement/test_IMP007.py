"""IMP007: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rules.improvement.helpers import base


def _sided(builder: StateBuilder, sides: list[str]) -> StateBuilder:
    for n, side in enumerate(sides, start=1):
        builder.issue(f"I-{n}", f"2025-0{n}-03", root_cause_side=side)
    return builder


def test_imp007_passes_when_a_cause_is_shared(assess: Callable[..., Finding]) -> None:
    f = assess(_sided(base(), ["provider"] * 4 + ["shared"]), "IMP007")
    assert f.status is Status.PASSED
    assert f.value == 1
    assert f.evidence == ["/improvement/issues/4"]


def test_imp007_fails_when_every_cause_lies_with_the_provider(
    assess: Callable[..., Finding],
) -> None:
    f = assess(_sided(base(), ["provider"] * 4 + ["external"]), "IMP007")
    assert f.status is Status.FAILED
    assert f.value == 0
    assert f.evidence == [f"/improvement/issues/{i}" for i in range(4)]
    assert "All 5 root causes" in f.message and "4 on the provider" in f.message
    assert f.owner.value == "client"


def test_imp007_not_applicable_with_too_few_attributed_causes(
    assess: Callable[..., Finding],
) -> None:
    f = assess(_sided(base(), ["provider"] * 4), "IMP007")
    assert f.status is Status.NOT_APPLICABLE
    assert "at least 5 needed" in f.message
