"""Built-in rule set 2: communicate constantly (prefix COM).

The plugin of this rule set: the hooks register the technique, this folder of
rule files and the checks in :mod:`.checks`, and its two perception rules'
checks and verdicts (:mod:`..perception`).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import TYPE_CHECKING

from foundation_engine.plugin.hookspecs import hookimpl

from ..perception import complete_perception, perception_checks
from .checks import COMMUNICATION_CHECKS, TECHNIQUE

if TYPE_CHECKING:
    from foundation_engine.report.model import Finding
    from foundation_engine.state.model import PartnershipState


#: This rule set's folder of rule files (found once, not on every assessment).
RULE_FILES = files(__name__)


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    for function in COMMUNICATION_CHECKS:
        register(function)
    for function, name in perception_checks(TECHNIQUE):
        register(function, name)


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
    register(RULE_FILES)


@hookimpl
def process_findings(findings: list[Finding], state: PartnershipState) -> None:
    """Complete this rule set's perception verdicts once every rule has run."""
    complete_perception(findings, state, RULE_FILES, __name__)
