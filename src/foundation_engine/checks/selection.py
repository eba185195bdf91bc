"""Selecting records from a state document: JSON Pointers for places, JMESPath for conditions.

Rules without Python name a collection by JSON Pointer (``/communications``)
and filter or read its items with JMESPath expressions evaluated on each item
(``channel == 'email'``, ``contains(parties, 'client')``). Evidence is then the
pointer of each item (``/communications/3``). Neither language can run code.

Expressions come from rule packs, so both ends are bounded. When a rule is
loaded, an expression longer than :data:`MAX_EXPRESSION_LENGTH` characters,
nested deeper than :data:`MAX_EXPRESSION_DEPTH` or larger than
:data:`MAX_EXPRESSION_NODES` syntax nodes is refused (jmespath's parser recurses
once per level, so 5,000 nested parentheses would otherwise be a
``RecursionError``). When it runs, one evaluation may do at most
:data:`EVALUATION_BUDGET` units of work: an item of every list or object it
builds, and of every value it compares, sorts, joins or turns into a string,
which costs ``1 + len // 16`` for a string. ``@ | [@, @] | [@, @] | ...``
builds values that share their parts and double in size at each step, so
without this bound ``to_string`` of one would fill the memory; now it stops
with :class:`ExpressionTooCostly`, which the check reports as an error.
"""

from __future__ import annotations

import datetime as dt
import operator
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from numbers import Number
from typing import Any, cast

import jmespath
from jmespath.exceptions import JMESPathError
from jmespath.functions import Functions
from jmespath.parser import ParsedResult

_MISSING = object()


#: The longest JMESPath expression a rule may use, in characters.
MAX_EXPRESSION_LENGTH = 1_000
#: The deepest an expression's syntax tree may nest.
MAX_EXPRESSION_DEPTH = 32
#: The most syntax nodes one expression may have.
MAX_EXPRESSION_NODES = 256
#: The most work one evaluation of an expression on one item may do (see above).
EVALUATION_BUDGET = 1_000_000


class ExpressionTooCostly(ValueError):
    """An expression's evaluation on one item ran past :data:`EVALUATION_BUDGET`."""


@lru_cache(maxsize=1024)
def compile_expression(expression: str) -> ParsedResult:
    """Compile a JMESPath expression once; raises ValueError with the reason.

    Refuses, before and after parsing, expressions longer, deeper or larger than
    the bounds above.
    """
    shown = _shown(expression)
    if len(expression) > MAX_EXPRESSION_LENGTH:
        raise ValueError(
            f"JMESPath expression {shown} is {len(expression):,} characters; the limit "
            f"is {MAX_EXPRESSION_LENGTH:,}"
        )
    try:
        parsed = jmespath.compile(expression)
    except JMESPathError as exc:
        raise ValueError(f"invalid JMESPath expression {shown}: {exc}") from None
    except RecursionError:
        parsed = None
    if parsed is not None:
        depth, nodes = _tree_size(parsed.parsed)
        if depth <= MAX_EXPRESSION_DEPTH and nodes <= MAX_EXPRESSION_NODES:
            return parsed
        if depth <= MAX_EXPRESSION_DEPTH:
            raise ValueError(
                f"JMESPath expression {shown} has {nodes:,} parts; the limit is "
                f"{MAX_EXPRESSION_NODES:,}"
            )
    raise ValueError(
        f"JMESPath expression {shown} nests more than {MAX_EXPRESSION_DEPTH} levels deep; "
        "expected a simpler expression"
    )


def _shown(expression: str) -> str:
    return repr(expression if len(expression) <= 60 else expression[:57] + "...")


def _tree_size(tree: Any) -> tuple[int, int]:
    """The depth and the number of nodes of a parsed expression, walked without recursion."""
    deepest = nodes = 0
    stack: list[tuple[Any, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, dict):  # a slice's bounds
            continue
        nodes += 1
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.get("children", ()))
    return deepest, nodes


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
    same few expressions on every record of every state, and the closures are
    14 to 47 times faster than jmespath's interpreter on the built-in rules'
    expressions (docs/performance.md). Results, errors and JMESPath's notions
    of truth and equality are those of jmespath's own interpreter, whose
    function table is reused; ``tests/checks/test_selection_differential.py``
    compares the two on generated expressions and documents. Every
    evaluation runs within :data:`EVALUATION_BUDGET`.
    """
    root = _compile_node(cast(dict[str, Any], compile_expression(expression).parsed))

    def search(value: Any) -> Any:
        _work.left = EVALUATION_BUDGET
        return root(value)

    return search


class _Work(threading.local):
    left = EVALUATION_BUDGET


_work = _Work()


def _charge(units: int) -> None:
    left = _work.left - units
    if left < 0:
        raise ExpressionTooCostly(
            f"a JMESPath expression needed more than {EVALUATION_BUDGET:,} steps on one item; "
            "expected an expression whose results stay small"
        )
    _work.left = left


def _weigh(value: Any) -> None:
    """Charge for walking `value` whole (comparing, sorting, printing it).

    Values an expression builds share their parts (``[@, @]`` holds one value
    twice), so their size as printed can be exponential in their size in
    memory. The size as printed is computed once per shared part, so weighing
    costs no more than the value's size in memory, and stops once it exceeds
    what is left of the budget.
    """
    if type(value) in _CONTAINERS:
        _charge(_printed_size(value, {}, _work.left))
    elif type(value) is str:
        _charge(1 + (len(value) >> 4))
    else:
        _charge(1)


def _printed_size(node: Any, known: dict[int, int], most: int) -> int:
    """The parts of `node` as printed, each shared part counted once per use; at most ~`most`.

    Recursive: values are nested no deeper than their data (``limits.max_depth``)
    plus the expression's own nesting (:data:`MAX_EXPRESSION_DEPTH`).
    """
    kind = type(node)
    if kind is str:
        return 1 + (len(node) >> 4)
    if kind is not list and kind is not dict:
        return 1
    found = known.get(id(node))
    if found is not None:
        return found
    total = 1
    if kind is dict:
        total += len(node)
        children: Any = node.values()
    else:
        children = node
    for child in children:
        total += _printed_size(child, known, most)
        if total > most:
            break
    known[id(node)] = total
    return total


_CONTAINERS = (list, dict)
_SCALARS = (str, int, float, bool, type(None))
#: Functions that look at no more than their arguments' lengths or one string each.
_CHEAP_FUNCTIONS = frozenset(
    {"length", "type", "abs", "ceil", "floor", "to_number", "starts_with", "ends_with"}
)


class _Expression:
    """An ``&expr`` argument, shaped as jmespath's function table expects one.

    jmespath's functions call ``expref.visit(expref.expression, value)`` and
    recognise the argument's type by this class name.
    """

    __slots__ = ("expression",)

    def __init__(self, expression: Search) -> None:
        self.expression = expression

    def visit(self, node: Search, value: Any) -> Any:
        return node(value)


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


def _guarded_equals(x: Any, y: Any) -> bool:
    if type(x) in _CONTAINERS and type(y) in _CONTAINERS:
        _weigh(x)
        _weigh(y)
    return _equals(x, y)


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
                return _guarded_equals(x, y)

            return equal
        if op == "ne":
            return lambda value: not _guarded_equals(left(value), right(value))
        ordering = _ORDERING[op]

        def compare(value: Any) -> Any:
            x, y = left(value), right(value)
            if not (_is_comparable(x) and _is_comparable(y)):
                return None
            if isinstance(x, str) is not isinstance(y, str):
                # jmespath's interpreter raises TypeError here (a number against a
                # string); JMESPath says an ordering of values it cannot order is null.
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
                if type(search) in _SCALARS and (type(subject) is list or type(subject) is str):
                    return search in subject
                if type(search) in _CONTAINERS:
                    _weigh(search)
                    _weigh(subject)
                return _FUNCTIONS.call_function("contains", [subject, search])

            return contains

        def function(value: Any) -> Any:
            values = [arg(value) for arg in args]
            if name not in _CHEAP_FUNCTIONS:
                for argument in values:
                    if type(argument) in _CONTAINERS or type(argument) is str:
                        _weigh(argument)
            result = _FUNCTIONS.call_function(name, values)
            if type(result) in _CONTAINERS:
                _charge(len(result))
            elif type(result) is str:
                _charge(len(result) >> 4)
            return result

        return function
    if kind == "expref":
        (inner,) = (_compile_node(child) for child in children)
        expression = _Expression(inner)
        return lambda value: expression
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
        width = len(parts)

        def select_list(value: Any) -> Any:
            if value is None:
                return None
            _charge(width)
            return [part(value) for part in parts]

        return select_list
    if kind == "multi_select_dict":
        pairs = [(child["value"], _compile_node(child)) for child in children]
        size = len(pairs)

        def select_dict(value: Any) -> Any:
            if value is None:
                return None
            _charge(size)
            return {k: part(value) for k, part in pairs}

        return select_dict
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

        def sliced(value: Any) -> Any:
            if not isinstance(value, list):
                return None
            part = value[bounds]
            _charge(len(part))
            return part

        return sliced
    if kind in ("projection", "filter_projection"):
        base_of = _compile_node(children[0])
        each = _compile_node(children[1])
        keep = _compile_node(children[2]) if kind == "filter_projection" else None

        def project(value: Any) -> Any:
            base = base_of(value)
            if not isinstance(base, list):
                return None
            _charge(len(base))
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
            _charge(len(base))
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
                    _charge(len(element))
                    merged.extend(element)
                else:
                    merged.append(element)
            _charge(len(base))
            return merged

        return flatten
    raise ValueError(f"JMESPath node {kind!r} is not supported")  # a newer jmespath's syntax


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
