"""Built-in rule set 4: recognize achievements (prefix REC).

The plugin of this rule set: the hooks register the technique, this folder of
rule files and the checks in :mod:`.checks`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

from foundation_engine.plugin.hookspecs import hookimpl

from .checks import RECOGNITION_CHECKS, TECHNIQUE


@hookimpl
def register_techniques(register: Callable[..., None]) -> None:
    register(
        TECHNIQUE,
        "Recognize achievements",
        "REC",
        order=40,
        description="Wins are celebrated promptly, specifically and in both directions.",
    )


@hookimpl
def register_rule_paths(register: Callable[..., None]) -> None:
    register(files(__name__))


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    for function in RECOGNITION_CHECKS:
        register(function)
