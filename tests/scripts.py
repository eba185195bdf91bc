"""The project's scripts (``scripts/``, ``fuzz/``) loaded as modules, for the tests that
run them or hold their outputs to what is committed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_script(path: Path, name: str | None = None) -> ModuleType:
    """The script at `path` as a module, registered in :data:`sys.modules` as `name`
    (its file name without ``.py`` by default), as dataclasses and pickling need."""
    name = name or path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path} as a module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
