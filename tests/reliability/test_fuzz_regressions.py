"""The fuzz targets under hypothesis, and every input the fuzzer ever found, replayed.

``fuzz/targets.py`` is what atheris runs (fuzz/README.md); here the same
function meets random bytes and mutated valid states on every test run, and
each crashing input kept in ``fuzz/regressions/`` must now load or be refused
with a message.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scripts import load_script

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"


def _targets() -> ModuleType:
    return load_script(FUZZ / "targets.py", "fuzz_targets")


targets = _targets()
SEEDS = sorted((FUZZ / "seeds").iterdir())
REGRESSIONS = sorted((FUZZ / "regressions").glob("*-*"))
FUZZ_SETTINGS = settings(
    derandomize=True,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("path", SEEDS + REGRESSIONS, ids=lambda p: p.name)
def test_seeds_and_past_findings_load_or_are_refused_with_a_message(path: Path) -> None:
    targets.check_input(path.read_bytes())


@FUZZ_SETTINGS
@given(st.integers(0, len(targets.TARGETS) - 1), st.binary(max_size=2000))
def test_random_bytes_never_escape_as_anything_but_a_foundation_error(
    target: int, data: bytes
) -> None:
    targets.check_input(bytes([target]) + data)


@FUZZ_SETTINGS
@given(
    st.sampled_from(
        [p for p in SEEDS if "minimal" in p.name or "new" in p.name or "partnership" not in p.name]
    ),
    st.lists(st.tuples(st.integers(0, 20_000), st.integers(0, 40), st.binary(max_size=12))),
)
def test_mutated_valid_states_never_escape_as_anything_but_a_foundation_error(
    seed: Path, edits: list[tuple[int, int, bytes]]
) -> None:
    data = bytearray(seed.read_bytes())
    for at, cut, insert in edits:
        at = 1 + at % max(len(data) - 1, 1)
        data[at : at + cut] = insert
    targets.check_input(bytes(data))
