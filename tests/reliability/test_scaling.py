"""No rule's time grows faster than its records: four times the records, about four times the time.

A sender decides how many records a state holds, so a rule that compares every
record with every other (``pair not in both`` over a list) turns a few megabytes
into minutes. Each case times one rule's check on the benchmark's typical state
grown to `n` and to `4n` records of one kind (``bench/hostile.py`` builds them),
best of five, and requires the ratio to stay below 8: linear gives about 4,
quadratic 16. ``python -m bench.hostile`` prints the same figures for every
rule and record kind.
"""

from __future__ import annotations

import gc
import time
from functools import cache

import pytest
from bench.hostile import state_bytes_for
from bench.states import AS_OF

from foundation_engine.checks.context import CheckContext
from foundation_engine.core.engine import CompiledRule, Engine
from foundation_engine.core.loading import load_bytes
from foundation_engine.core.phase import derive_phase
from foundation_engine.files.limits import Limits

SMALL = 5_000
FACTOR = 4
LARGEST_RATIO = 8.0


@cache
def engine() -> Engine:
    return Engine(entrypoints=False)


@cache
def state(kind: str, n: int) -> object:
    limits = Limits(max_records=1_000_000, max_input_bytes=1 << 30)
    return load_bytes(state_bytes_for(kind, n), "scaled.json", engine().registry, limits=limits)


def compiled(rule_id: str) -> CompiledRule:
    (found,) = [r for r in engine().rules if r.id == rule_id]
    return found


def seconds(rule: CompiledRule, model: object) -> float:
    best = float("inf")
    phase = derive_phase(model, AS_OF, engine().config.phases)  # type: ignore[arg-type]
    for _ in range(5):
        context = CheckContext(
            state=model,  # type: ignore[arg-type]
            as_of=AS_OF,
            phase=phase.phase,
            phase_started=phase.started,
            go_live=phase.go_live,
        )
        gc.collect()
        started = time.perf_counter()
        rule.check.function(model, rule.options, context)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - started)
    return best


CASES = [
    ("COM006", "communications"),
    ("COM008", "communications"),
]


@pytest.mark.parametrize(("rule_id", "kind"), CASES, ids=[f"{r}-{k}" for r, k in CASES])
def test_a_rule_takes_time_in_proportion_to_its_records(rule_id: str, kind: str) -> None:
    rule = compiled(rule_id)
    small = seconds(rule, state(kind, SMALL))
    large = seconds(rule, state(kind, SMALL * FACTOR))
    ratio = large / max(small, 1e-4)
    assert ratio < LARGEST_RATIO, f"{rule_id} over {kind}: {small:.4f} s -> {large:.4f} s"
