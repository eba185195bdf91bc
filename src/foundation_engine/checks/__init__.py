"""The contract between the engine and check functions.

A check function has the signature ``check(state, options, context) -> Outcome``.
It is registered by a plugin through the ``register_checks`` hook, together
with a pydantic model describing its options, built on :class:`Options`.
"""

from foundation_engine.checks.context import CheckContext
from foundation_engine.checks.outcome import Outcome, Status
from foundation_engine.checks.spec import CheckFunction, CheckSpec, NoOptions, Options, check

__all__ = [
    "CheckContext",
    "CheckFunction",
    "CheckSpec",
    "NoOptions",
    "Options",
    "Outcome",
    "Status",
    "check",
]
