"""Built-in input formats: loader plugins that turn a file's bytes into a state.

This package is the plugin registering the JSON and TOML loaders; it runs
last, so a plugin can replace either format.
"""

from __future__ import annotations

from collections.abc import Callable

from foundation_engine.formats.json_state import load_json
from foundation_engine.formats.toml_state import load_toml
from foundation_engine.plugin.hookspecs import hookimpl


@hookimpl(trylast=True)
def register_loaders(register: Callable[..., None]) -> None:
    register("json", (".json",), load_json)
    register("toml", (".toml",), load_toml)
