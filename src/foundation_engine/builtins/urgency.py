"""Built-in rule set 6: practise patient urgency (prefix URG).

Patient with ramp-up, urgent about execution. Rules live in ``rules/urgency/``; the checks no generic check covers are
here, each tested in ``tests/techniques/test_urgency.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..hookspecs import hookimpl
from ..resources import rules_dir

TECHNIQUE = "urgency"


@hookimpl
def register_techniques(register: Callable[..., None]) -> None:
    register(
        TECHNIQUE,
        "Practise patient urgency",
        "URG",
        order=60,
        description="Patient with ramp-up, urgent about execution.",
    )


@hookimpl
def register_rule_paths(register: Callable[..., None]) -> None:
    register(rules_dir(TECHNIQUE))
