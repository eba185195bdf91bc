"""Selecting records from a state document: JSON Pointers for places, JMESPath for conditions.

Rules without Python name a collection by JSON Pointer (``/communications``)
and filter or read its items with JMESPath expressions evaluated on each item
(``channel == 'email'``, ``contains(parties, 'client')``). Evidence is then the
pointer of each item (``/communications/3``). Neither language can run code.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterator
from functools import lru_cache
from numbers import Number
from typing import Any, cast

import jmespath
from jmespath.exceptions import JMESPathError
from jmespath.functions import Functions
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


Search = Callable[[Any], Any]


@lru_cache(maxsize=1024)
def compile_search(expression: str) -> Search:
    """A function evaluating `expression` on one item, as ``jmespath.search`` would.

    The expression's syntax tree is turned into nested Python closures once,
    instead of being walked node by node for every item: rules evaluate the
    same few expressions on every record of every state. Results, errors and
    JMESPath's notions of truth and equality are those of jmespath's own
    interpreter, whose helpers are reused; a node type this compiler does not
    know falls back to that interpreter for the whole expression.
    """
    parsed = compile_expression(expression)
    try:
        return _compile_node(cast(dict[str, Any], parsed.parsed))
    except _Unsupported:
        return parsed.search


class _Unsupported(Exception):
    pass


_FUNCTIONS = Functions()
_ORDERING: dict[str, Callable[[Any, Any], Any]] = {
    "lt": operator.lt,
    "gt": operator.gt,
    "lte": operator.le,
    "gte": operator.ge,
}


# JMESPath truth, equality and ordering, exactly as jmespath's TreeInterpreter
# defines them (jmespath/visitor.py), where 0 and 1 never equal false and true.


def _is_false(value: Any) -> bool:
    return value == "" or value == [] or value == {} or value is None or value is False


def _is_actual_number(x: Any) -> bool:
    return not isinstance(x, bool) and isinstance(x, Number)


def _is_comparable(x: Any) -> bool:
    return _is_actual_number(x) or isinstance(x, str)


def _equals(x: Any, y: Any) -> bool:
    if _is_actual_number(x) and x in (0, 1):
        if isinstance(y, bool):
            return False
    elif _is_actual_number(y) and y in (0, 1) and isinstance(x, bool):
        return False
    return bool(x == y)


def _compile_node(node: dict[str, Any]) -> Search:
    kind = node["type"]
    children: list[dict[str, Any]] = node.get("children", [])
    if kind == "field":
        key = node["value"]

        def field(value: Any) -> Any:
            if type(value) is dict:
                return value.get(key)
            try:
                return value.get(key)
            except AttributeError:
                return None

        return field
    if kind in ("current", "identity"):
        return lambda value: value
    if kind == "literal":
        literal = node["value"]
        return lambda value: literal
    if kind in ("subexpression", "index_expression", "pipe"):
        steps = [_compile_node(child) for child in children]

        def chain(value: Any) -> Any:
            for step in steps:
                value = step(value)
            return value

        return chain
    if kind == "comparator":
        left, right = (_compile_node(child) for child in children)
        op = node["value"]
        if op == "eq":

            def equal(value: Any) -> Any:
                x, y = left(value), right(value)
                if type(x) is str and type(y) is str:
                    return x == y
                return _equals(x, y)

            return equal
        if op == "ne":
            return lambda value: not _equals(left(value), right(value))
        ordering = _ORDERING[op]

        def compare(value: Any) -> Any:
            x, y = left(value), right(value)
            if not (_is_comparable(x) and _is_comparable(y)):
                return None
            return ordering(x, y)

        return compare
    if kind == "function_expression":
        name = node["value"]
        args = [_compile_node(child) for child in children]
        if name == "contains" and len(args) == 2:
            subject_of, search_of = args

            def contains(value: Any) -> Any:
                subject, search = subject_of(value), search_of(value)
                if type(subject) is list or type(subject) is str:
                    return search in subject
                return _FUNCTIONS.call_function("contains", [subject, search])

            return contains

        def function(value: Any) -> Any:
            return _FUNCTIONS.call_function(name, [arg(value) for arg in args])

        return function
    if kind == "or_expression":
        first, second = (_compile_node(child) for child in children)

        def either(value: Any) -> Any:
            matched = first(value)
            if _is_false(matched):
                matched = second(value)
            return matched

        return either
    if kind == "and_expression":
        first, second = (_compile_node(child) for child in children)

        def both(value: Any) -> Any:
            matched = first(value)
            if _is_false(matched):
                return matched
            return second(value)

        return both
    if kind == "not_expression":
        (inner,) = (_compile_node(child) for child in children)

        def negate(value: Any) -> Any:
            result = inner(value)
            if _is_actual_number(result) and result == 0:
                return False
            return not result

        return negate
    if kind == "multi_select_list":
        parts = [_compile_node(child) for child in children]
        return lambda value: None if value is None else [part(value) for part in parts]
    if kind == "multi_select_dict":
        pairs = [(child["value"], _compile_node(child)) for child in children]
        return lambda value: None if value is None else {k: part(value) for k, part in pairs}
    if kind == "key_val_pair":
        return _compile_node(children[0])
    if kind == "index":
        position = node["value"]

        def index(value: Any) -> Any:
            if not isinstance(value, list):
                return None
            try:
                return value[position]
            except IndexError:
                return None

        return index
    if kind == "slice":
        bounds = slice(*cast(list[int | None], children))  # a slice node's children are ints
        return lambda value: value[bounds] if isinstance(value, list) else None
    if kind in ("projection", "filter_projection"):
        base_of = _compile_node(children[0])
        each = _compile_node(children[1])
        keep = _compile_node(children[2]) if kind == "filter_projection" else None

        def project(value: Any) -> Any:
            base = base_of(value)
            if not isinstance(base, list):
                return None
            collected = []
            for element in base:
                if keep is not None and _is_false(keep(element)):
                    continue
                current = each(element)
                if current is not None:
                    collected.append(current)
            return collected

        return project
    if kind == "value_projection":
        base_of = _compile_node(children[0])
        each = _compile_node(children[1])

        def project_values(value: Any) -> Any:
            try:
                base = base_of(value).values()
            except AttributeError:
                return None
            collected = []
            for element in base:
                current = each(element)
                if current is not None:
                    collected.append(current)
            return collected

        return project_values
    if kind == "flatten":
        base_of = _compile_node(children[0])

        def flatten(value: Any) -> Any:
            base = base_of(value)
            if not isinstance(base, list):
                return None
            merged: list[Any] = []
            for element in base:
                if isinstance(element, list):
                    merged.extend(element)
                else:
                    merged.append(element)
            return merged

        return flatten
    raise _Unsupported(kind)  # expref and anything newer: jmespath interprets these


def truthy(value: Any) -> bool:
    """JMESPath's notion of truth: false, null, empty strings, lists and objects are false."""
    return value not in (None, False, "", [], {})


def items(found: Any, collection: str, where: str | None = None) -> Iterator[tuple[str, Any]]:
    """``(pointer, item)`` for each item of `found` (the list at `collection`) kept by `where`."""
    if not isinstance(found, list):
        return
    condition = compile_search(where) if where else None
    base = collection.rstrip("/")
    for index, item in enumerate(found):
        if condition is None or truthy(condition(item)):
            yield f"{base}/{index}", item


def read(item: Any, expression: str) -> Any:
    return compile_search(expression)(item)


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
