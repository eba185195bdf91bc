"""One-call entry points for programs that embed the engine."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Literal

from foundation_engine.core.config import EngineConfig, discover_config, load_config
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


ConfigChoice = EngineConfig | Path | str | Literal["discover"] | None
"""What :func:`assess` accepts as `config`."""


def resolve_config(config: ConfigChoice) -> EngineConfig:
    """The configuration `config` stands for (see :func:`assess`)."""
    if config is None:
        return EngineConfig()
    if isinstance(config, EngineConfig):
        return config
    if config == "discover":
        found = discover_config()
        return load_config(found) if found is not None else EngineConfig()
    return load_config(config)


def assess(
    state: StateSource,
    *,
    as_of: dt.date | str | None = None,
    config: ConfigChoice = None,
) -> Report:
    """Assess one partnership and return its :class:`Report`.

    `state` may be a :class:`PartnershipState`, a dict, a path to a JSON or TOML
    file, or JSON text. `as_of` defaults to the state's own ``partnership.as_of``.

    `config` chooses the settings:

    - ``None`` (the default): the built-in defaults. No ``foundation.toml`` is
      read, so a program's results do not depend on the folder it runs in.
    - ``"discover"``: what the command line does, ``foundation.toml`` in the
      current folder or a parent, else ``[tool.foundation-engine]`` in a
      ``pyproject.toml``, else the defaults.
    - a path (``str`` or :class:`~pathlib.Path`): that configuration file.
    - an :class:`EngineConfig`: those settings.

    Raises :class:`foundation_engine.errors.InputError` for a state that cannot
    be read or validated, and :class:`foundation_engine.errors.ConfigError` for
    a configuration that cannot.
    """
    return default_engine(resolve_config(config)).assess(state, as_of=as_of)
