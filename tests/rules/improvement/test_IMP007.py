"""IMP007: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.improvement.helpers import MODULE, base, missing_data, nothing_to_judge


def _sided(builder: StateBuilder, sides: list[str]) -> StateBuilder:
    for n, side in enumerate(sides, start=1):
        builder.issue(f"I-{n}", f"2025-0{n}-03", root_cause_side=side)
    return builder


def test_imp007_passes_when_a_cause_is_shared(assess: Callable[..., Finding]) -> None:
    f = assess(_sided(base(), ["provider"] * 4 + ["shared"]), "IMP007")
    assert f.status is Status.PASSED
    assert f.value == 1
    assert f.evidence == ["/improvement/issues/4"]
    assert (
        f.strength
        == "Root causes are owned on both sides: 1 of 5 were traced to the client side or shared."
    )


def test_imp007_fails_when_every_cause_lies_with_the_provider_and_asks_the_client(
    assess: Callable[..., Finding],
) -> None:
    f = assess(_sided(base(), ["provider"] * 4 + ["external"]), "IMP007")
    assert f.status is Status.FAILED
    assert f.value == 0
    assert f.evidence == [f"/improvement/issues/{i}" for i in range(5)]
    assert "0 of the 5 root causes" in f.message
    assert "4 on the provider, 1 outside the partnership" in f.message
    assert f.owner.value == "client"
    assert f.severity.value == "medium"
    assert f.recommendation is not None
    assert f.recommendation.startswith("At the next retrospective, ask plainly what the client")


def test_imp007_asks_both_parties_when_every_cause_is_called_external(
    assess: Callable[..., Finding],
) -> None:
    f = assess(_sided(base(), ["external"] * 5), "IMP007")
    assert f.status is Status.FAILED
    # Nobody put a cause on the provider: asking the client alone would misread the record.
    assert f.owner.value == "both"
    assert "0 on the provider, 5 outside the partnership" in f.message
    assert f.recommendation is not None
    assert f.recommendation.startswith("At the next joint retrospective, look again")


def test_imp007_message_stays_true_when_more_client_causes_are_expected(
    make_engine: Callable[..., Engine],
) -> None:
    config = EngineConfig.model_validate({"rules": {"IMP007": {"options": {"min_client_side": 2}}}})
    engine = make_engine(MODULE, config=config)
    state = _sided(base(), ["provider"] * 4 + ["client"]).build()
    f = finding(engine.assess(state), "IMP007")
    assert f.status is Status.FAILED
    # It used to say "none is on the client side" although one was.
    assert f.message.startswith("1 of the 5 root causes recorded lie on the client side")


def test_imp007_has_nothing_to_judge_with_too_few_attributed_causes(
    assess: Callable[..., Finding],
) -> None:
    f = assess(_sided(base(), ["provider"] * 4), "IMP007")
    assert nothing_to_judge(f)
    assert "at least 5 needed" in f.message
    assert nothing_to_judge(assess(base().recorded("issues"), "IMP007"))


def test_imp007_not_applicable_when_no_side_is_recorded(assess: Callable[..., Finding]) -> None:
    state = base().issue("I-1", "2025-03-03").issue("I-2", "2025-04-03")
    f = assess(state, "IMP007")
    assert missing_data(f)
    assert "root_cause_side" in f.message
    assert missing_data(assess(base(), "IMP007"))
