"""Built-in rule set 3: pursue a few selective metrics (prefix MET).

A handful of well-defined KPIs with targets, baselines and benchmarks, kept stable. Rules live in ``rules/metrics/``; the checks no generic check covers are
here, each tested in ``tests/techniques/test_metrics.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..hookspecs import hookimpl
from ..resources import rules_dir

TECHNIQUE = "metrics"


@hookimpl
def register_techniques(register: Callable[..., None]) -> None:
    register(
        TECHNIQUE,
        "Pursue a few selective metrics",
        "MET",
        order=30,
        description="A handful of well-defined KPIs with targets, baselines and benchmarks, kept stable.",
    )


@hookimpl
def register_rule_paths(register: Callable[..., None]) -> None:
    register(rules_dir(TECHNIQUE))
