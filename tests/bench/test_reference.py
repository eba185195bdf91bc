"""The benchmark's plain-Python reference gives the engine's verdicts on the same ten rules.

A reference that judged differently would measure something easier than the
engine does; these states are the ones the benchmark times, plus the
bundled examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.states import SIZES, state_bytes

from bench import reference
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(ROOT.glob("examples/*.json")) + sorted(ROOT.glob("examples/pulse/*.json"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(EngineConfig(select=list(reference.RULES)), entrypoints=False)


def _inputs() -> list[tuple[str, bytes]]:
    found = [(path.name, path.read_bytes()) for path in EXAMPLES]
    found += [
        (f"{size}-{seed}-{index}", state_bytes(size, seed, index))
        for size in SIZES
        for seed in (0, 7, 2026)
        for index in range(4 if size != "large" else 1)
    ]
    return found


def test_the_engine_runs_exactly_the_reference_rules(engine: Engine) -> None:
    assert [rule.id for rule in engine.rules] == sorted(reference.RULES)


@pytest.mark.parametrize(("name", "data"), _inputs(), ids=[name for name, _ in _inputs()])
def test_reference_verdicts_match_the_engine(engine: Engine, name: str, data: bytes) -> None:
    report = engine.assess(data)
    expected = {f.rule_id: f.status.value for f in report.findings}
    assert reference.assess(data) == expected


def test_the_states_judged_give_every_verdict() -> None:
    """Passes, failures and rules with nothing to judge all occur, for every rule."""
    seen: dict[str, set[str]] = {rule: set() for rule in reference.RULES}
    for _, data in _inputs():
        for rule, verdict in reference.assess(data).items():
            seen[rule].add(verdict)
    assert all({reference.PASSED, reference.FAILED} & verdicts for verdicts in seen.values())
    assert set().union(*seen.values()) == {
        reference.PASSED,
        reference.FAILED,
        reference.NOT_APPLICABLE,
    }


def test_zen_decision_gives_the_reference_verdicts() -> None:
    """The peer comparison runs the same judgements (only where zen-engine is installed)."""
    pytest.importorskip("zen")
    from bench import zen_rules

    decision = zen_rules.decision()
    for _, data in _inputs():
        assert zen_rules.verdicts(decision, data) == reference.assess(data)
