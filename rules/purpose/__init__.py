"""Built-in rule set 1: establish a shared purpose (prefix PUR).

The plugin of this rule set: the hooks register the technique, this folder of
rule files and the checks in :mod:`.checks`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

from foundation_engine.plugin.hookspecs import hookimpl

from .checks import PURPOSE_CHECKS, TECHNIQUE


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    for function in PURPOSE_CHECKS:
        register(function)


@hookimpl
def register_techniques(register: Callable[..., None]) -> None:
    register(
        TECHNIQUE,
        "Establish a shared purpose",
        "PUR",
        order=10,
        description=(
            "Both sides agree, in writing and up front, on why the partnership exists "
            "and how success is measured."
        ),
    )


@hookimpl
def register_rule_paths(register: Callable[..., None]) -> None:
    register(files(__name__))
