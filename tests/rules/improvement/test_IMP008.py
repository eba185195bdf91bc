"""IMP008: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.checks import Status
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding
from tests.rules.improvement.helpers import MODULE, base, missing_data, nothing_to_judge


def test_imp008_passes_with_a_retrospective_in_each_of_the_last_four_quarters(
    assess: Callable[..., Finding],
) -> None:
    # Quarters from 6 Jan 2025: Jan-Apr, Apr-Jul, Jul-Oct, Oct-Jan.
    state = base()
    for day in ("2025-03-20", "2025-06-20", "2025-09-20", "2025-12-20"):
        state.retrospective(day)
    f = assess(state, "IMP008")
    assert f.status is Status.PASSED
    assert f.value == 0
    assert len(f.evidence) == 4
    assert f.strength == (
        "A retrospective or improvement initiative was held in 4 of the last 4 "
        "partnership quarters."
    )


def test_imp008_one_missed_quarter_is_a_low_finding_pointing_at_the_log(
    assess: Callable[..., Finding],
) -> None:
    state = base().retrospective("2025-03-20").retrospective("2025-06-20", kind="initiative")
    state.retrospective("2025-12-20")
    f = assess(state, "IMP008")
    assert f.status is Status.FAILED
    assert f.value == 1
    assert "2025-07-07 to 2025-10-05" in f.message
    # The retrospectives that were held are not the defect; the gap in the log is.
    assert f.evidence == ["/improvement/retrospectives"]
    assert f.severity.value == "low"


def test_imp008_a_year_without_one_is_medium(assess: Callable[..., Finding]) -> None:
    f = assess(base().recorded("retrospectives"), "IMP008")
    assert f.status is Status.FAILED
    assert f.value == 4
    assert f.evidence == ["/improvement/retrospectives"]
    assert f.severity.value == "medium"


def test_imp008_has_nothing_to_judge_before_a_quarter_has_passed(
    assess: Callable[..., Finding],
) -> None:
    young = StateBuilder(start="2025-11-03", as_of="2026-01-05").recorded("retrospectives")
    assert nothing_to_judge(assess(young, "IMP008"))


def test_imp008_not_applicable_without_a_log(assess: Callable[..., Finding]) -> None:
    assert missing_data(assess(base().recorded("issues"), "IMP008"))


def test_imp008_lookback_is_configurable(make_engine: Callable[..., Engine]) -> None:
    config = EngineConfig.model_validate(
        {"rules": {"IMP008": {"options": {"lookback_quarters": 1}}}}
    )
    engine = make_engine(MODULE, config=config)
    state = base().retrospective("2025-12-20").build()
    f = finding(engine.assess(state), "IMP008")
    assert f.status is Status.PASSED
    assert f.evidence == ["/improvement/retrospectives/0"]
