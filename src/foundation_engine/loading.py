"""Reading a partnership state from wherever it comes: a model, a dict, a file, text, bytes.

Formats come from loader plugins (JSON and TOML are built in). Every failure
is an :class:`~foundation_engine.errors.InputError` that names the source.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import InputError, LimitExceeded, Problem
from .registry import Registry
from .state.model import PartnershipState
from .state.validation import validate_state

#: Default largest state file read, in bytes.
DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024

StateSource = PartnershipState | Mapping[str, Any] | str | bytes | os.PathLike[str]


def load_bytes(
    data: bytes,
    source: str,
    registry: Registry,
    *,
    format: str | None = None,
    max_bytes: int = DEFAULT_MAX_INPUT_BYTES,
) -> PartnershipState:
    """Parse and validate a state from raw bytes."""
    if len(data) > max_bytes:
        raise LimitExceeded(
            Problem(
                f"input is {len(data):,} bytes; the limit is {max_bytes:,} "
                "(raise it with limits.max_input_bytes)",
                source=source,
            )
        )
    loader = registry.loader_for(source, format)
    try:
        document = loader.load(data, source)
    except InputError as exc:
        raise exc.with_source(source) from None
    if isinstance(document, PartnershipState):  # the loader validated it already
        return document
    return validate_state(document, source)


def load_path(
    path: str | os.PathLike[str],
    registry: Registry,
    *,
    format: str | None = None,
    max_bytes: int = DEFAULT_MAX_INPUT_BYTES,
) -> PartnershipState:
    """Read a state file (``-`` reads standard input)."""
    name = os.fspath(path)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return load_bytes(data, "<stdin>", registry, format=format, max_bytes=max_bytes)
    file = Path(name)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise LimitExceeded(
                Problem(f"file is {size:,} bytes; the limit is {max_bytes:,}", source=name)
            )
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(Problem("no such file", source=name)) from None
    except IsADirectoryError:
        raise InputError(Problem("is a directory, expected a state file", source=name)) from None
    except OSError as exc:
        raise InputError(Problem(f"cannot read: {exc.strerror}", source=name)) from None
    return load_bytes(data, name, registry, format=format, max_bytes=max_bytes)


def coerce_state(
    state: StateSource, registry: Registry, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES
) -> PartnershipState:
    """Accept a model, a dict, a path, JSON text or bytes, and return a validated state."""
    if isinstance(state, PartnershipState):
        return state
    if isinstance(state, Mapping):
        return validate_state(state, "<dict>")
    if isinstance(state, bytes):
        return load_bytes(state, "<bytes>", registry, format="json", max_bytes=max_bytes)
    if isinstance(state, str) and state.lstrip().startswith("{"):
        return load_bytes(
            state.encode("utf-8"), "<string>", registry, format="json", max_bytes=max_bytes
        )
    if isinstance(state, str | os.PathLike):
        return load_path(state, registry, max_bytes=max_bytes)
    raise TypeError(
        f"cannot assess a {type(state).__name__}; expected a PartnershipState, a dict, "
        "a path, or JSON text"
    )
