"""Built-in rule set 2: communicate constantly (prefix COM).

The plugin of this rule set: the hooks register the technique, this folder of
rule files and the checks in :mod:`.checks`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

from foundation_engine.plugin.hookspecs import hookimpl

from .checks import COMMUNICATION_CHECKS, TECHNIQUE


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    for function in COMMUNICATION_CHECKS:
        register(function)


@hookimpl
def register_techniques(register: Callable[..., None]) -> None:
    register(
        TECHNIQUE,
        "Communicate constantly",
        "COM",
        order=20,
        description="Frequent, open, two-way contact, preferably face to face or on video.",
    )


@hookimpl
def register_rule_paths(register: Callable[..., None]) -> None:
    register(files(__name__))
