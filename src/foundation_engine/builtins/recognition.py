"""Built-in rule set 4: recognize achievements (prefix REC).

Wins are celebrated promptly, specifically and in both directions. Rules live in ``rules/recognition/``; the checks no generic check covers are
here, each tested in ``tests/techniques/test_recognition.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..hookspecs import hookimpl
from ..resources import rules_dir

TECHNIQUE = "recognition"


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
    register(rules_dir(TECHNIQUE))
