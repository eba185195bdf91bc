"""Built-in rule set 2: communicate constantly (prefix COM).

Open, frequent, two-way contact, face to face or on video where it matters,
with both parties in the room. Rules live in ``rules/communication/``; the
checks no generic check covers are here, each tested in
``tests/techniques/test_communication.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..hookspecs import hookimpl
from ..resources import rules_dir

TECHNIQUE = "communication"


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
    register(rules_dir(TECHNIQUE))
