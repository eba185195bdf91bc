"""Turn a parsed document into a :class:`PartnershipState`, with errors for people.

Pydantic's own messages are precise but terse; here each becomes one
:class:`~foundation_engine.errors.Problem` that names the JSON path, says
what was expected and shows what was found, and suggests the nearest valid
field name for a misspelling.
"""

from __future__ import annotations

import difflib
import json
import types
import typing
from collections.abc import Iterable, Mapping
from itertools import islice
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from foundation_engine.errors import Problem, ReferenceProblem, ValidationProblem, json_path
from foundation_engine.state.model import (
    EARLIEST_DATE,
    LATEST_DATE,
    SUPPORTED_SCHEMA_VERSIONS,
    PartnershipState,
)
from foundation_engine.state.references import reference_problems


def validate_state(document: Any, source: str | None = None) -> PartnershipState:
    """Validate `document` (a parsed JSON/TOML object) as a partnership state.

    Raises :class:`ValidationProblem` listing every schema problem, or
    :class:`ReferenceProblem` listing every duplicate id and dangling reference.
    """
    if not isinstance(document, Mapping):
        raise ValidationProblem(
            Problem(
                f"expected a JSON object holding a partnership state, got {_kind(document)}",
                "$",
                source,
            )
        )
    version = document.get("schema_version", SUPPORTED_SCHEMA_VERSIONS[0])
    if version not in SUPPORTED_SCHEMA_VERSIONS:
        raise ValidationProblem(Problem(_version_message(version), "$.schema_version", source))
    early = _record_by_record_problems(document, source)
    if early:
        raise ValidationProblem(early)
    try:
        state = PartnershipState.model_validate(document)
    except ValidationError as exc:
        raise _validation_problem(exc, source) from None
    return check_references(state, source)


def validate_state_json(data: bytes | str, source: str | None = None) -> PartnershipState:
    """Parse and validate JSON text in one pass (pydantic's fast path).

    Raises :class:`ValidationProblem` as :func:`validate_state` does; JSON
    syntax errors come back as problems of type ``json_invalid`` for the caller
    to report with a line and column.
    """
    try:
        state = PartnershipState.model_validate_json(data)
    except ValidationError as exc:
        raise _validation_problem(exc, source) from None
    return check_references(state, source)


#: The most problems one input reports; the rest are counted in one more line.
MAX_PROBLEMS = 50


def more_problems(count: int, source: str | None = None) -> Problem:
    """The line that stands for `count` problems left unsaid after :data:`MAX_PROBLEMS`."""
    return Problem(
        f"and {count:,} more problem{'s' if count != 1 else ''} of the same kinds "
        f"(only the first {MAX_PROBLEMS} are shown)",
        source=source,
    )


def capped(problems: Iterable[Problem], source: str | None = None) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` of `problems`, and a count of the rest.

    A broken file can hold a million broken records; a person needs the first
    few to see what is wrong, and nobody should wait for the other million.
    """
    kept: list[Problem] = []
    left = 0
    for problem in problems:
        if len(kept) < MAX_PROBLEMS:
            kept.append(problem)
        else:
            left += 1
    if left:
        kept.append(more_problems(left, source))
    return kept


def check_references(state: PartnershipState, source: str | None = None) -> PartnershipState:
    """Return `state` when its ids are unique and its references resolve, else raise."""
    refs = reference_problems(state)
    if refs:
        raise ReferenceProblem(capped((Problem(p.message, p.path, source) for p in refs), source))
    return state


# --------------------------------------------------------------------------
# long lists, validated record by record
# --------------------------------------------------------------------------

#: A list holding more items than this (its items' own lists counted) is validated
#: item by item before the whole state is, stopping at the first problems found.
BULK_ITEMS = 256


def _record_by_record_problems(document: Mapping[str, Any], source: str | None) -> list[Problem]:
    """The first problems in the long lists of `document`, found item by item.

    pydantic reports every problem of a document, and a million broken records
    make millions of errors (gigabytes, and minutes, before the first is
    shown). Lists longer than :data:`BULK_ITEMS` are therefore validated one
    item at a time, deepest lists first, and the search stops once
    :data:`MAX_PROBLEMS` problems are found. When it finds none, what is left
    for the whole-state validation is short lists only, whose problems are
    few. The model nests its own lists two deep at most, so the walk is
    bounded by the model, whatever the document.
    """
    problems: list[Problem] = []
    _visit_model(PartnershipState, document, (), problems, source)
    if len(problems) > MAX_PROBLEMS:
        del problems[MAX_PROBLEMS:]
    if problems:
        problems.append(
            Problem(
                "and perhaps more: lists this long are validated record by record, and "
                f"validation stops after the first {MAX_PROBLEMS} problems",
                source=source,
            )
        )
    return problems


def _visit_model(
    model: type[BaseModel],
    value: Mapping[str, Any],
    loc: tuple[str | int, ...],
    problems: list[Problem],
    source: str | None,
) -> None:
    for name, item, inner in _shape(model):
        if len(problems) >= MAX_PROBLEMS:
            return
        child = value.get(name)
        if item is not None and isinstance(child, list):
            _visit_list(item, child, (*loc, name), problems, source)
        elif inner is not None and isinstance(child, Mapping):
            _visit_model(inner, child, (*loc, name), problems, source)


def _visit_list(
    item: Any,
    items: list[Any],
    loc: tuple[str | int, ...],
    problems: list[Problem],
    source: str | None,
) -> None:
    """Validate a long list in runs of items that weigh at most BULK_ITEMS together.

    An item's weight is one, plus its keys, plus the items of its own lists;
    an item heavier than BULK_ITEMS has its own lists visited first and is
    then validated alone. So no single validation can report more than a few
    hundred errors, and a list of valid items costs about one validation.
    """
    model = _inner_model(item)
    weights = [_weight(value) for value in items]
    if sum(weights) <= BULK_ITEMS:
        return
    adapter = _adapter(list[item])
    start = carried = 0
    for index, value in enumerate(items):
        weight = weights[index]
        if weight > BULK_ITEMS and model is not None and isinstance(value, Mapping):
            _visit_model(model, value, (*loc, index), problems, source)
            if len(problems) >= MAX_PROBLEMS:
                return
        if carried + weight > BULK_ITEMS and index > start:
            _validate_run(adapter, items, start, index, loc, problems, source)
            if len(problems) >= MAX_PROBLEMS:
                return
            start, carried = index, 0
        carried += weight
    _validate_run(adapter, items, start, len(items), loc, problems, source)


def _validate_run(
    adapter: TypeAdapter[Any],
    items: list[Any],
    start: int,
    end: int,
    loc: tuple[str | int, ...],
    problems: list[Problem],
    source: str | None,
) -> None:
    try:
        adapter.validate_python(items[start:end])
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for err in errors:
            at = err["loc"]
            err["loc"] = (*loc, start + at[0], *at[1:]) if at and isinstance(at[0], int) else loc
        problems.extend(_problems_of(errors, source))


def _weight(value: Any) -> int:
    """What validating `value` can cost: one, its keys, and the items of its lists."""
    if not isinstance(value, Mapping):
        return 1
    weight = 1 + len(value)
    for child in value.values():
        if isinstance(child, list):
            weight += len(child)
    return weight


_SHAPES: dict[type[BaseModel], tuple[tuple[str, Any, type[BaseModel] | None], ...]] = {}


def _shape(model: type[BaseModel]) -> tuple[tuple[str, Any, type[BaseModel] | None], ...]:
    """The fields of `model` that hold lists (with their item type) or models, once per model."""
    found = _SHAPES.get(model)
    if found is None:
        fields = []
        for name, field in model.model_fields.items():
            item = _list_item(field.annotation)
            inner = (
                None if item is not None or name == "extensions" else _inner_model(field.annotation)
            )
            if item is not None or inner is not None:
                fields.append((name, item, inner))
        found = _SHAPES[model] = tuple(fields)
    return found


def _list_item(annotation: Any) -> Any:
    """``X`` for a field annotated ``list[X]`` (or ``list[X] | None``), else None."""
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return item
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _list_item(arg)
            if found is not None:
                return found
    return None


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _adapter(item: Any) -> TypeAdapter[Any]:
    found = _ADAPTERS.get(item)
    if found is None:
        found = _ADAPTERS[item] = TypeAdapter(item)
    return found


def _validation_problem(exc: ValidationError, source: str | None) -> ValidationProblem:
    return ValidationProblem(_problems_of(exc.errors(include_url=False), source))


def explain_errors(
    errors: list[ErrorDetails], source: str | None, root: type[BaseModel]
) -> list[Problem]:
    """Pydantic's errors from validating `root` as problems for people.

    The same explanations a state gets (a "did you mean" for a misspelt
    field, the expected type beside the value found), for any strict model:
    the configuration uses it too.
    """
    return _problems_of(errors, source, root)


def _problems_of(
    errors: list[ErrorDetails], source: str | None, root: type[BaseModel] = PartnershipState
) -> list[Problem]:
    # A misspelt field also leaves the real one missing; the spelling hint says it all.
    # Only objects missing a field can hold a misspelling of it, and only the first
    # unknown fields are compared (a hostile object may have thousands).
    missing = {tuple(err["loc"][:-1]) for err in errors if err["type"] == "missing"}
    unknown = (
        err
        for err in errors
        if err["type"] == "extra_forbidden" and tuple(err["loc"][:-1]) in missing
    )
    misspelt = {
        (tuple(err["loc"][:-1]), close[0])
        for err in islice(unknown, MAX_PROBLEMS * 20)
        if (close := _closest(str(err["loc"][-1]), _fields_at(tuple(err["loc"][:-1]), root)))
    }
    shown = (
        err
        for err in errors
        if not (err["type"] == "missing" and (tuple(err["loc"][:-1]), err["loc"][-1]) in misspelt)
    )
    problems = [_problem(err, source, root) for err in islice(shown, MAX_PROBLEMS)]
    left = sum(1 for _ in shown)
    if left:
        problems.append(more_problems(left, source))
    return problems


def _closest(name: str, allowed: list[str]) -> list[str]:
    if len(name) > 100:  # no field name is this long; difflib's time grows with it
        return []
    return difflib.get_close_matches(name, allowed, n=1)


def _version_message(version: Any) -> str:
    supported = ", ".join(SUPPORTED_SCHEMA_VERSIONS)
    if not isinstance(version, str):
        return f'schema_version must be a string such as "{supported}", got {_kind(version)}'
    return f"unknown schema_version {_show(version)}; this engine reads {supported}"


def _problem(
    err: ErrorDetails, source: str | None, root: type[BaseModel] = PartnershipState
) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    got = err.get("input")
    path = json_path(loc)
    if kind == "json_invalid":
        return Problem(f"invalid JSON: {err['msg'].removeprefix('Invalid JSON: ')}", None, source)
    if loc == ("schema_version",) and kind == "literal_error":
        return Problem(_version_message(got), path, source)
    if kind == "missing":
        return Problem(f"required field {loc[-1]!r} is missing", json_path(loc[:-1]), source)
    if kind == "state_value":  # the model's own checks name the field at fault in ctx
        field = str(err.get("ctx", {}).get("field", ""))
        at = tuple(int(p) if p.isdigit() else p for p in field.split(".") if p)
        return Problem(err["msg"], json_path((*loc, *at)), source)
    if kind == "finite_number":
        nan = str(got).strip("+-").lower() == "nan"
        what = "NaN is not a number" if nan else "the number is too large"
        return Problem(f"{what}; expected a finite number, got {_show(got)}", path, source)
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _fields_at(loc[:-1], root)
        close = _closest(name, allowed)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        if not close and allowed:
            hint = f"; expected one of: {', '.join(sorted(allowed))}"
        return Problem(f"unknown field {name!r}{hint}", path, source)
    if kind in ("greater_than_equal", "less_than_equal") and loc and _is_date_field(loc, root):
        return Problem(
            f"expected a date between {EARLIEST_DATE} and {LATEST_DATE}, got {_show(got)}",
            path,
            source,
        )
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return Problem(f"expected a date like 2026-03-31, got {_show(got)}", path, source)
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return Problem(f"expected one of {expected}, got {_show(got)}", path, source)
    if kind in ("model_type", "dict_type"):
        whole = not loc and root is PartnershipState
        what = "a JSON object holding a partnership state" if whole else "an object"
        return Problem(f"expected {what}, got {_kind(got)}", path, source)
    if kind == "list_type":
        return Problem(f"expected a list, got {_kind(got)}", path, source)
    is_id = str(loc[-1]).endswith("id") or (len(loc) > 1 and loc[-2] == "metric_ids")
    if kind == "string_pattern_mismatch" and is_id:
        return Problem(
            "expected an id: a letter or digit, then letters, digits, '.', '_', ':' or '-' "
            f"(no spaces), got {_show(got)}",
            path,
            source,
        )
    message = err["msg"]
    message = message[0].lower() + message[1:] if message else kind
    message = message.replace("input should be", "expected")
    return Problem(f"{message}, got {_show(got)}", path, source)


def _show(value: Any) -> str:
    try:
        text = json.dumps(value, default=str, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ({_show(value)})"
    if value is None:
        return "null"
    return type(value).__name__


def _fields_at(loc: tuple[int | str, ...], root: type[BaseModel] = PartnershipState) -> list[str]:
    """The field names the model accepts at `loc`, for spelling suggestions."""
    model: Any = root
    keyed = False  # the part after a field of dict[str, Model] is a key, not a field
    for part in loc:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        field = model.model_fields.get(part) if _is_model(model) else None
        if field is None:
            return []
        keyed = typing.get_origin(field.annotation) is dict
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return list(model.model_fields) if _is_model(model) else []


def _is_date_field(loc: tuple[int | str, ...], root: type[BaseModel] = PartnershipState) -> bool:
    """True when the field at `loc` holds a date."""
    model: Any = root
    keyed = False
    for part in loc[:-1]:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        field = model.model_fields.get(part) if _is_model(model) else None
        if field is None:
            return False
        keyed = typing.get_origin(field.annotation) is dict
        model = _inner_model(field.annotation)
    field = model.model_fields.get(loc[-1]) if _is_model(model) else None
    return field is not None and "date" in str(field.annotation)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if _is_model(annotation):
        return typing.cast(type[BaseModel], annotation)
    origin = typing.get_origin(annotation)
    if origin is dict:
        return _inner_model(typing.get_args(annotation)[-1])
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
