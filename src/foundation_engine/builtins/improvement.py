"""Built-in rule set 5: focus on continual improvement (prefix IMP).

Slip-ups get a root cause and a corrective action, and causes do not recur. Rules live in ``rules/improvement/``; the checks no generic check covers are
here, each tested in ``tests/techniques/test_improvement.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..hookspecs import hookimpl
from ..resources import rules_dir

TECHNIQUE = "improvement"


@hookimpl
def register_techniques(register: Callable[..., None]) -> None:
    register(
        TECHNIQUE,
        "Focus on continual improvement",
        "IMP",
        order=50,
        description="Slip-ups get a root cause and a corrective action, and causes do not recur.",
    )


@hookimpl
def register_rule_paths(register: Callable[..., None]) -> None:
    register(rules_dir(TECHNIQUE))
