"""Selecting records from a state document: JSON Pointers for places, JMESPath for conditions.

Rules without Python name a collection by JSON Pointer (``/communications``)
and filter or read its items with JMESPath expressions evaluated on each item
(``channel == 'email'``, ``contains(parties, 'client')``). Evidence is then the
pointer of each item (``/communications/3``). Neither language can run code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import jmespath
from jmespath.exceptions import JMESPathError
from jmespath.parser import ParsedResult

_MISSING = object()


def escape_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def resolve(document: Any, pointer: str) -> Any:
    """The value at a JSON Pointer, or None when any step is absent."""
    if pointer in ("", "/"):
        return document
    node = document
    for raw in pointer.lstrip("/").split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
        if node is None:
            return None
    return node


@lru_cache(maxsize=1024)
def compile_expression(expression: str) -> ParsedResult:
    """Compile a JMESPath expression once; raises ValueError with the reason."""
    try:
        return jmespath.compile(expression)
    except JMESPathError as exc:
        raise ValueError(f"invalid JMESPath expression {expression!r}: {exc}") from None


def validate_expression(expression: str | None) -> str | None:
    """Pydantic helper: check an optional expression compiles."""
    if expression is not None:
        compile_expression(expression)
    return expression


def truthy(value: Any) -> bool:
    """JMESPath's notion of truth: false, null, empty strings, lists and objects are false."""
    return value not in (None, False, "", [], {})


def items(found: Any, collection: str, where: str | None = None) -> Iterator[tuple[str, Any]]:
    """``(pointer, item)`` for each item of `found` (the list at `collection`) kept by `where`."""
    if not isinstance(found, list):
        return
    condition = compile_expression(where) if where else None
    base = collection.rstrip("/")
    for index, item in enumerate(found):
        if condition is None or truthy(condition.search(item)):
            yield f"{base}/{index}", item


def read(item: Any, expression: str) -> Any:
    return compile_expression(expression).search(item)


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
