"""Reading a partnership state from wherever it comes: a model, a dict, a file, text, bytes.

Formats come from loader plugins (JSON and TOML are built in). Every failure
is an :class:`~foundation_engine.errors.InputError` that names the source.
Inputs over the configured :class:`~foundation_engine.files.limits.Limits` (size,
nesting, items per list) are refused with a
:class:`~foundation_engine.errors.LimitExceeded`; an oversized file is refused
from its size alone, unread.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from foundation_engine.errors import InputError, LimitExceeded, PluginError, Problem
from foundation_engine.files.limits import (
    DEFAULT_MAX_INPUT_BYTES,
    Limits,
    applying,
    check_document,
    check_size,
    check_state,
    current,
    depth_problem,
)
from foundation_engine.plugin.registry import Registry
from foundation_engine.state.model import PartnershipState
from foundation_engine.state.validation import validate_state

__all__ = ["DEFAULT_MAX_INPUT_BYTES", "StateSource", "coerce_state", "load_bytes", "load_path"]

StateSource = PartnershipState | Mapping[str, Any] | str | bytes | os.PathLike[str]


def load_bytes(
    data: bytes,
    source: str,
    registry: Registry,
    *,
    format: str | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> PartnershipState:
    """Parse and validate a state from raw bytes.

    `limits` default to the ones in force (:func:`foundation_engine.files.limits.current`);
    `max_bytes`, when given, overrides their ``max_input_bytes``.
    """
    limits = _limits(limits, max_bytes)
    check_size(len(data), limits, source)
    loader = registry.loader_for(source, format)
    try:
        with applying(limits):
            document = loader.load(data, source)
    except InputError as exc:
        raise exc.with_source(source) from None
    except RecursionError:  # a third-party loader that recursed into deep nesting
        raise LimitExceeded(depth_problem(limits, source)) from None
    except Exception as exc:  # a faulty loader plugin costs this input, not the run
        raise PluginError(
            Problem(
                f"the {loader.name} loader from plugin {loader.plugin!r} failed: "
                f"{type(exc).__name__}: {exc}",
                source=source,
            )
        ) from None
    if isinstance(document, PartnershipState):  # the loader validated it already
        check_state(document, limits, source)
        return document
    check_document(document, limits, source)
    return validate_state(document, source)


def _limits(limits: Limits | None, max_bytes: int | None) -> Limits:
    chosen = limits if limits is not None else current()
    if max_bytes is not None and max_bytes != chosen.max_input_bytes:
        chosen = chosen.model_copy(update={"max_input_bytes": max_bytes})
    return chosen


def load_path(
    path: str | os.PathLike[str],
    registry: Registry,
    *,
    format: str | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> PartnershipState:
    """Read a state file (``-`` reads standard input), never more than the size limit."""
    limits = _limits(limits, max_bytes)
    most = limits.max_input_bytes
    name = os.fspath(path)
    if name == "-":
        data = read_standard_input(limits)
        return load_bytes(data, STDIN_SOURCE, registry, format=format, limits=limits)
    file = Path(name)
    if file.is_dir():
        return _load_folder(file, name, registry, limits)
    try:
        check_size(file.stat().st_size, limits, name, "file")
        with file.open("rb") as handle:
            data = handle.read(most + 1)
    except FileNotFoundError:
        raise InputError(Problem("no such file", source=name)) from None
    except IsADirectoryError:
        raise InputError(Problem("is a directory, expected a state file", source=name)) from None
    except OSError as exc:
        raise InputError(Problem(f"cannot read: {exc.strerror}", source=name)) from None
    return load_bytes(data, name, registry, format=format, limits=limits)


STDIN_SOURCE = "<stdin>"
"""How standard input is named in messages."""


def read_standard_input(limits: Limits | None = None) -> bytes:
    """All of standard input, refused once it passes ``max_input_bytes`` (the rest is left
    unread: it could be endless)."""
    most = _limits(limits, None).max_input_bytes
    data = sys.stdin.buffer.read(most + 1)
    if len(data) > most:
        raise LimitExceeded(
            Problem(
                f"standard input holds more than {most:,} bytes; the limit is {most:,} "
                "(raise it with limits.max_input_bytes)",
                source=STDIN_SOURCE,
            )
        )
    return data


def _load_folder(folder: Path, name: str, registry: Registry, limits: Limits) -> PartnershipState:
    """A state kept as a folder of files, read by the loader whose marker file it holds.

    The folder's files (not its subfolders) go to the loader as one zip archive,
    stored uncompressed; together they may not exceed the size limit.
    """
    import io
    import zipfile

    loader = registry.folder_loader_for(folder)
    if loader is None:
        markers = sorted(
            str(known.folder_marker) for known in registry.loaders.values() if known.folder_marker
        )
        expected = f" (a folder state holds {' or '.join(markers)})" if markers else ""
        raise InputError(Problem(f"is a folder, expected a state file{expected}", source=name))
    files = sorted(entry for entry in folder.iterdir() if entry.is_file())
    check_size(sum(entry.stat().st_size for entry in files), limits, name, "folder")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for entry in files:
            archive.writestr(entry.name, entry.read_bytes())
    return load_bytes(buffer.getvalue(), name, registry, format=loader.name, limits=limits)


def coerce_state(
    state: StateSource,
    registry: Registry,
    *,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> PartnershipState:
    """Accept a model, a dict, a path, JSON text or bytes, and return a validated state."""
    if isinstance(state, PartnershipState):
        return state
    limits = _limits(limits, max_bytes)
    if isinstance(state, Mapping):
        check_document(state, limits, "<dict>")
        return validate_state(state, "<dict>")
    if isinstance(state, bytes):
        return load_bytes(state, "<bytes>", registry, format="json", limits=limits)
    if isinstance(state, str) and state.lstrip().startswith("{"):
        return load_bytes(state.encode("utf-8"), "<string>", registry, format="json", limits=limits)
    if isinstance(state, str | os.PathLike):
        return load_path(state, registry, limits=limits)
    raise TypeError(
        f"cannot assess a {type(state).__name__}; expected a PartnershipState, a dict, "
        "a path, or JSON text"
    )
