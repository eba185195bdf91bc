"""foundation-engine-sla: contractual service levels and service credits (rule set ``sla``).

A plugin for foundation-engine. It registers the ``sla`` technique (prefix
``SLA``), the schema of the SLA register under ``extensions.sla`` in a
partnership state, the checks in :mod:`foundation_engine_sla.checks`, and the
rule files in ``rules/``. Installed, it is found through the
``foundation_engine`` entry-point group.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

from foundation_engine import hookimpl

from .checks import SLA_CHECKS
from .schema import NAMESPACE, SlaRegister

__version__ = "0.1.0"
FOUNDATION_ENGINE_REQUIRES = ">=0.1,<1"
"""The foundation-engine versions this plugin works with."""

TECHNIQUE = "sla"


@hookimpl
def register_techniques(register: Callable[..., None]) -> None:
    register(
        TECHNIQUE,
        "Service levels and credits",
        "SLA",
        order=70,
        description="Contractual service levels are measured, missed periods are acted on "
        "and credited, and the contract rewards good service as well as penalising bad.",
    )


@hookimpl
def register_state_extensions(register: Callable[..., None]) -> None:
    register(NAMESPACE, SlaRegister)


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    for function in SLA_CHECKS:
        register(function)


@hookimpl
def register_rule_paths(register: Callable[..., None]) -> None:
    register(files(__name__) / "rules")
