"""JSON Pointers into a state: the one place that reads them.

Evidence names the records behind a verdict with JSON Pointers
(``/communications/3``, ``/metrics/0/observations/5``). Checks build them,
the engine verifies that they name something, and reports name the records
for people; all of them step through a state here, over pydantic models, lists
and plugin dicts alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

from pydantic import BaseModel

T = TypeVar("T")

MISSING: Final = object()
"""What :func:`child` and :func:`resolve` give for a step that leads nowhere."""

_FIELDS: dict[type[BaseModel], frozenset[str]] = {}


def tokens(pointer: str) -> list[str] | None:
    """The unescaped reference tokens of `pointer` (``[]`` for the whole state), or None."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        return None
    return [raw.replace("~1", "/").replace("~0", "~") for raw in pointer[1:].split("/")]


def child(node: Any, token: str) -> Any:
    """The member `token` of `node` (a model's field, a list's item, a dict's key), or MISSING."""
    if isinstance(node, BaseModel):
        model = type(node)
        names = _FIELDS.get(model)
        if names is None:
            names = _FIELDS[model] = frozenset(model.model_fields)
        return getattr(node, token) if token in names else MISSING
    if isinstance(node, list):
        if token.isdigit() and int(token) < len(node):
            return node[int(token)]
        return MISSING
    if isinstance(node, dict):
        return node.get(token, MISSING)
    return MISSING  # a scalar or null cannot be stepped into


def resolve(root: Any, pointer: str) -> Any:
    """What `pointer` names below `root`, or MISSING."""
    parts = tokens(pointer)
    if parts is None:
        return MISSING
    node = root
    for token in parts:
        node = child(node, token)
        if node is MISSING:
            return MISSING
    return node


def walk_remembered(walked: dict[str, T], pointer: str, step: Callable[[T, str], T]) -> T:
    """What `pointer` leads to, stepping on from the longest prefix already in `walked`.

    `walked` maps pointers to what they reached and must hold ``""`` (the
    root); `step` goes one raw (still escaped) reference token further. Every
    prefix walked is remembered, so pointers that share parents
    (``/communications/3``, ``/communications/7``) walk each parent once. A
    loop, not recursion, so a pointer of any depth cannot exhaust the stack.
    """
    if pointer in walked:
        return walked[pointer]
    pending: list[str] = []
    prefix = pointer
    while prefix not in walked:
        pending.append(prefix)
        prefix = prefix.rpartition("/")[0]
    reached = walked[prefix]
    for prefix in reversed(pending):
        reached = walked[prefix] = step(reached, prefix.rpartition("/")[2])
    return reached
