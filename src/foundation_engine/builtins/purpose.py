"""Built-in rule set 1: establish a shared purpose (prefix PUR).

Both sides agree, in writing and up front, on why the partnership exists and how success is measured. Rules live in ``rules/purpose/``; the checks no generic check covers are
here, each tested in ``tests/techniques/test_purpose.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..hookspecs import hookimpl
from ..resources import rules_dir

TECHNIQUE = "purpose"


@hookimpl
def register_techniques(register: Callable[..., None]) -> None:
    register(
        TECHNIQUE,
        "Establish a shared purpose",
        "PUR",
        order=10,
        description="Both sides agree, in writing and up front, on why the partnership exists and how success is measured.",
    )


@hookimpl
def register_rule_paths(register: Callable[..., None]) -> None:
    register(rules_dir(TECHNIQUE))
