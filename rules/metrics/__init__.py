"""Built-in rule set 3: pursue a few selective metrics (prefix MET).

The plugin of this rule set: the hooks register the technique, this folder of
rule files and the checks in :mod:`.checks`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

from foundation_engine.plugin.hookspecs import hookimpl

from .checks import METRIC_CHECKS, TECHNIQUE


@hookimpl
def register_techniques(register: Callable[..., None]) -> None:
    register(
        TECHNIQUE,
        "Pursue a few selective metrics",
        "MET",
        order=30,
        description=(
            "A handful of well-defined KPIs with targets, baselines and benchmarks, kept stable."
        ),
    )


@hookimpl
def register_rule_paths(register: Callable[..., None]) -> None:
    register(files(__name__))


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    for function in METRIC_CHECKS:
        register(function)
