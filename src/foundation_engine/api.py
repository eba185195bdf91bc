"""One-call entry points for programs that embed the engine."""

from __future__ import annotations

import datetime as dt
import json
import threading

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.core.loading import StateSource
from foundation_engine.report.model import Report

_lock = threading.Lock()
_engines: dict[str, Engine] = {}


def _cache_key(config: EngineConfig) -> str:
    """Every setting of `config`, limits included.

    :meth:`EngineConfig.fingerprint` leaves ``[limits]`` out on purpose (they
    never change what a report says), but an engine enforces its limits, so
    two configurations that differ only there need two engines.
    """
    return json.dumps(config.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))


def default_engine(config: EngineConfig | None = None) -> Engine:
    """A shared engine for `config`, built on first use and reused (it is thread-safe)."""
    config = config or EngineConfig()
    key = _cache_key(config)
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = Engine(config)
        return engine


def assess(
    state: StateSource,
    *,
    as_of: dt.date | str | None = None,
    config: EngineConfig | None = None,
) -> Report:
    """Assess one partnership and return its :class:`Report`.

    `state` may be a :class:`PartnershipState`, a dict, a path to a JSON or TOML
    file, or JSON text. `as_of` defaults to the state's own ``partnership.as_of``.
    Raises :class:`foundation_engine.errors.InputError` for a state that cannot
    be read or validated.
    """
    return default_engine(config).assess(state, as_of=as_of)
