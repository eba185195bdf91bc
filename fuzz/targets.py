"""What the fuzzers feed: one function taking raw bytes, shared by atheris and hypothesis.

The first byte picks the target (JSON, TOML, JSON Lines, JSON array); the rest
is the input. An input must end in a validated, assessed state or in a
FoundationError; anything else propagates and is a finding.
"""

from __future__ import annotations

import io

from foundation_engine.batch.inputs import iter_records
from foundation_engine.core.engine import Engine
from foundation_engine.core.loading import load_bytes
from foundation_engine.errors import FoundationError
from foundation_engine.files.limits import Limits

TARGETS = ("json", "toml", "jsonl", "array")
LIMITS = Limits(max_input_bytes=1 << 20)
AS_OF = "2026-06-30"

_engine: Engine | None = None


def engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = Engine(entrypoints=False)
    return _engine


def _load(data: bytes, fmt: str, source: str) -> None:
    try:
        state = load_bytes(data, source, engine().registry, format=fmt, limits=LIMITS)
        # A state that starts after AS_OF is refused with a message too.
        engine().assess(state, as_of=AS_OF)
    except FoundationError:
        return


def check_input(raw: bytes) -> None:
    """Read `raw` as its first byte says; raise only on a finding."""
    if not raw:
        return
    target = TARGETS[raw[0] % len(TARGETS)]
    data = raw[1:]
    if target in ("json", "toml"):
        _load(data, target, f"fuzz.{target}")
        return
    if target == "array" and not data.lstrip().startswith(b"["):
        data = b"[" + data
    for record in iter_records(["-"], io.BytesIO(data), LIMITS.max_input_bytes):
        if record.data is not None:
            _load(record.data, record.format or "json", record.position.describe())
