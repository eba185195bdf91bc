"""Built-in plugin: generic checks that let users write rules without Python.

Each check reads the state through JSON Pointers (where) and JMESPath
expressions evaluated per item (which, and what), and returns an outcome with
the measured value and the pointers of the records that decided it. A
collection the state does not carry (null) makes the check not applicable;
an empty collection is data, and is judged.

Records dated after the assessment's ``as_of`` are ignored by date-based
checks, so assessing an old date reproduces what was known then.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from foundation_engine.checks import CheckContext, Options, Outcome, check
from foundation_engine.checks.dates import largest_gap as gap_between
from foundation_engine.checks.selection import as_date, items, read, validate_expression
from foundation_engine.files.limits import (
    safe_schema_validator,
    schema_pattern_problems,
    schema_shape_problems,
)
from foundation_engine.plugin.hookspecs import hookimpl
from foundation_engine.state.model import PartnershipState

#: The most parts a JSON Pointer in a rule may have: no state nests deeper
#: (``limits.max_depth`` is at most 200, and 64 by default).
MAX_POINTER_PARTS = 64
#: The longest JSON Pointer a rule may use, in characters.
MAX_POINTER_LENGTH = 1_000


def bounded_pointer(pointer: str | None) -> str | None:
    """Pydantic helper: refuse a JSON Pointer longer or deeper than any state can be."""
    if pointer is None:
        return None
    if len(pointer) > MAX_POINTER_LENGTH:
        raise ValueError(
            f"JSON Pointer is {len(pointer):,} characters; the limit is {MAX_POINTER_LENGTH:,}"
        )
    parts = pointer.count("/")
    if parts > MAX_POINTER_PARTS:
        raise ValueError(
            f"JSON Pointer has {parts:,} parts; the limit is {MAX_POINTER_PARTS} "
            "(no state nests deeper)"
        )
    return pointer


class _Selection(Options):
    collection: str = Field(pattern=r"^/", description="JSON Pointer to a list in the state.")
    where: str | None = Field(None, description="JMESPath condition each item must meet.")

    _check_where = field_validator("where")(validate_expression)
    _check_collection = field_validator("collection")(bounded_pointer)


def _dated(
    context: CheckContext, selection: _Selection, date_field: str
) -> list[tuple[str, dt.date]] | None:
    """Dated items of a selection up to as_of, or None when the collection is absent."""
    if context.select(selection.collection) is None:
        return None
    out = []
    for pointer, item in items(
        context.select(selection.collection), selection.collection, selection.where
    ):
        day = as_date(read(item, date_field))
        if day is not None and day <= context.as_of:
            out.append((pointer, day))
    return out


def _in_window(
    context: CheckContext,
    selection: _Selection,
    date_field: str | None,
    within_days: int | None,
) -> list[tuple[str, Any]] | None:
    """Selected items, dated within `within_days` before as_of when `date_field` is set.

    None when the collection is not recorded. Rules that select the same items
    (several shares over the same meetings) share one selection per assessment.
    """

    def build() -> list[tuple[str, Any]] | None:
        found = context.select(selection.collection)
        if found is None:
            return None
        selected = list(items(found, selection.collection, selection.where))
        if date_field is None:
            return selected
        earliest = context.as_of - dt.timedelta(days=within_days) if within_days else dt.date.min
        return [
            (pointer, item)
            for pointer, item in selected
            if (day := as_date(read(item, date_field))) is not None
            and earliest < day <= context.as_of
        ]

    key = ("generic_checks.window", selection.collection, selection.where, date_field, within_days)
    return context.memo(key, build)


# --------------------------------------------------------------------------
# present
# --------------------------------------------------------------------------


class PresentOptions(Options):
    path: str = Field(pattern=r"^/", description="JSON Pointer to the value that must be present.")
    section: str | None = Field(
        None, pattern=r"^/", description="Not applicable when this pointer is absent."
    )

    _check_pointers = field_validator("path", "section")(bounded_pointer)


@check("present", options=PresentOptions)
def present(state: PartnershipState, options: PresentOptions, context: CheckContext) -> Outcome:
    """A value is present and not empty."""
    if options.section and context.select(options.section) is None:
        return Outcome.not_applicable(f"the state has no {options.section.strip('/')}")
    value = context.select(options.path)
    found = value not in (None, "", [], {})
    return Outcome.judge(found, found, [options.path] if found else [])


# --------------------------------------------------------------------------
# count
# --------------------------------------------------------------------------


class CountOptions(_Selection):
    min: int | None = Field(None, ge=0)
    max: int | None = Field(None, ge=0)
    date_field: str | None = Field(None, description="Count only items dated within the window.")
    within_days: int | None = Field(None, ge=1, description="Window ending at as_of, in days.")

    _check_date = field_validator("date_field")(validate_expression)

    @model_validator(mode="after")
    def _bounds(self) -> CountOptions:
        if self.min is None and self.max is None:
            raise ValueError("count needs min, max or both")
        if self.within_days is not None and self.date_field is None:
            raise ValueError("within_days needs date_field")
        return self


@check("count", options=CountOptions)
def count(state: PartnershipState, options: CountOptions, context: CheckContext) -> Outcome:
    """The number of selected items lies within bounds."""
    selected = _in_window(context, options, options.date_field, options.within_days)
    if selected is None:
        return Outcome.not_applicable(f"the state does not record {options.collection.strip('/')}")
    n = len(selected)
    ok = (options.min is None or n >= options.min) and (options.max is None or n <= options.max)
    return Outcome.judge(ok, n, [p for p, _ in selected])


# --------------------------------------------------------------------------
# threshold
# --------------------------------------------------------------------------

_AGGREGATES: dict[str, Callable[[list[float]], float]] = {
    "mean": statistics.fmean,
    "median": statistics.median,
    "min": min,
    "max": max,
    "sum": sum,
    "first": lambda v: v[0],
    "last": lambda v: v[-1],
}


class ThresholdOptions(Options):
    path: str | None = Field(None, pattern=r"^/", description="JSON Pointer to one number.")
    collection: str | None = Field(None, pattern=r"^/", description="Or a list to aggregate.")
    where: str | None = None
    field: str | None = Field(None, description="JMESPath to the number in each item.")
    aggregate: Literal["mean", "median", "min", "max", "sum", "first", "last"] = "mean"
    min: float | None = None
    max: float | None = None

    _check_exprs = field_validator("where", "field")(validate_expression)
    _check_pointers = field_validator("path", "collection")(bounded_pointer)

    @model_validator(mode="after")
    def _shape(self) -> ThresholdOptions:
        if (self.path is None) == (self.collection is None):
            raise ValueError("threshold needs exactly one of path or collection")
        if self.collection is not None and self.field is None:
            raise ValueError("threshold over a collection needs field")
        if self.min is None and self.max is None:
            raise ValueError("threshold needs min, max or both")
        return self


@check("threshold", options=ThresholdOptions)
def threshold(state: PartnershipState, options: ThresholdOptions, context: CheckContext) -> Outcome:
    """A number, or an aggregate of numbers, lies within bounds."""
    evidence: list[str]
    if options.path is not None:
        raw = context.select(options.path)
        if not _is_number(raw):
            return Outcome.not_applicable(f"the state has no number at {options.path}")
        value = float(raw)
        evidence = [options.path]
    else:
        assert options.collection is not None and options.field is not None
        numbers: list[float] = []
        evidence = []
        for pointer, item in items(
            context.select(options.collection), options.collection, options.where
        ):
            got = read(item, options.field)
            if _is_number(got):
                numbers.append(float(got))
                evidence.append(pointer)
        if not numbers:
            return Outcome.not_applicable(f"no numbers found in {options.collection}")
        value = round(_AGGREGATES[options.aggregate](numbers), 4)
    ok = (options.min is None or value >= options.min) and (
        options.max is None or value <= options.max
    )
    return Outcome.judge(ok, value, evidence)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --------------------------------------------------------------------------
# recency
# --------------------------------------------------------------------------


class RecencyOptions(_Selection):
    date_field: str = "date"
    max_days: int = Field(ge=0)

    _check_date = field_validator("date_field")(validate_expression)


@check("recency", options=RecencyOptions)
def recency(state: PartnershipState, options: RecencyOptions, context: CheckContext) -> Outcome:
    """The latest selected date is at most ``max_days`` before as_of.

    The value is the age of the latest item in days; with no item at all it is
    the partnership's age (nothing has happened since it began).
    """
    dated = _dated(context, options, options.date_field)
    if dated is None:
        return Outcome.not_applicable(f"the state does not record {options.collection.strip('/')}")
    if not dated:
        age = context.days_since_start
        return Outcome.judge(age <= options.max_days, age, [], latest="never")
    pointer, latest = max(dated, key=lambda pair: pair[1])
    age = (context.as_of - latest).days
    return Outcome.judge(age <= options.max_days, age, [pointer], latest=latest)


# --------------------------------------------------------------------------
# largest gap
# --------------------------------------------------------------------------


class GapOptions(_Selection):
    date_field: str = "date"
    max_days: int = Field(ge=1)
    from_start: bool = Field(True, description="Count the gap from the partnership's start.")
    to_as_of: bool = Field(True, description="Count the gap up to the as_of date.")
    min_age_days: int = Field(
        0, ge=0, description="Not applicable while the partnership is younger than this."
    )

    _check_date = field_validator("date_field")(validate_expression)


@check("largest_gap", options=GapOptions)
def largest_gap(state: PartnershipState, options: GapOptions, context: CheckContext) -> Outcome:
    """The longest stretch between consecutive selected dates is at most ``max_days``."""
    if context.days_since_start < options.min_age_days:
        return Outcome.not_applicable(
            f"the partnership is {context.days_since_start} days old; this looks at "
            f"{options.min_age_days} days or more"
        )
    dated = _dated(context, options, options.date_field)
    if dated is None:
        return Outcome.not_applicable(f"the state does not record {options.collection.strip('/')}")
    start = context.start_date if options.from_start else None
    end = context.as_of if options.to_as_of else None
    if not dated and (start is None or end is None):
        return Outcome.not_applicable("no dated items to measure a gap between")
    gap, left, right = gap_between((d for _, d in dated), start, end)
    evidence = [p for p, d in dated if d in (left, right)]
    return Outcome.judge(
        gap <= options.max_days,
        gap,
        evidence,
        gap_start=left or "the start",
        gap_end=right or "as_of",
    )


# --------------------------------------------------------------------------
# share
# --------------------------------------------------------------------------


class ShareOptions(_Selection):
    match: str = Field(description="JMESPath condition for the items counted in the share.")
    min_share: float | None = Field(None, ge=0, le=1)
    max_share: float | None = Field(None, ge=0, le=1)
    min_items: int = Field(1, ge=1, description="Not applicable with fewer selected items.")
    date_field: str | None = None
    within_days: int | None = Field(None, ge=1)

    _check_exprs = field_validator("match", "date_field")(validate_expression)

    @model_validator(mode="after")
    def _bounds(self) -> ShareOptions:
        if self.min_share is None and self.max_share is None:
            raise ValueError("share needs min_share, max_share or both")
        if self.within_days is not None and self.date_field is None:
            raise ValueError("within_days needs date_field")
        return self


@check("share", options=ShareOptions)
def share(state: PartnershipState, options: ShareOptions, context: CheckContext) -> Outcome:
    """The share of selected items meeting ``match`` lies within bounds (0 to 1)."""
    selected = _in_window(context, options, options.date_field, options.within_days)
    if selected is None:
        return Outcome.not_applicable(f"the state does not record {options.collection.strip('/')}")
    if len(selected) < options.min_items:
        return Outcome.not_applicable(
            f"{len(selected)} matching records; at least {options.min_items} needed"
        )
    matching = [p for p, item in selected if _truthy(read(item, options.match))]
    matched = set(matching)
    others = [p for p, _ in selected if p not in matched]
    value = round(len(matching) / len(selected), 3)
    low = options.min_share is not None and value < options.min_share
    high = options.max_share is not None and value > options.max_share
    evidence = others if low else matching
    return Outcome.judge(
        not (low or high),
        value,
        evidence,
        matching=len(matching),
        total=len(selected),
        percent=round(value * 100),
    )


def _truthy(value: Any) -> bool:
    return value not in (None, False, "", [], {})


# --------------------------------------------------------------------------
# matches schema
# --------------------------------------------------------------------------


class SchemaOptions(Options):
    path: str = Field(pattern=r"^(/.*)?$", description="JSON Pointer to the value to validate.")
    json_schema: dict[str, Any] = Field(alias="schema", description="A JSON Schema fragment.")
    missing: Literal["not_applicable", "failed"] = "not_applicable"

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )

    _check_path = field_validator("path")(bounded_pointer)

    @field_validator("json_schema")
    @classmethod
    def _valid_schema(cls, value: dict[str, Any]) -> dict[str, Any]:
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import SchemaError

        try:
            Draft202012Validator.check_schema(value)
        except SchemaError as exc:
            raise ValueError(f"not a valid JSON Schema: {exc.message}") from None
        # References stay inside the schema and it cannot fan out; patterns run on RE2.
        problems = schema_shape_problems(value) or schema_pattern_problems(value)
        if problems:
            raise ValueError("; ".join(f"{p.path}: {p.message}" for p in problems))
        return value


@check("matches_schema", options=SchemaOptions)
def matches_schema(
    state: PartnershipState, options: SchemaOptions, context: CheckContext
) -> Outcome:
    """The selected value validates against a JSON Schema fragment."""
    value = context.select(options.path)
    if value is None:
        if options.missing == "failed":
            return Outcome.failed(0, [], problems="the value is missing")
        return Outcome.not_applicable(f"the state has nothing at {options.path or '/'}")
    errors = list(safe_schema_validator(options.json_schema).iter_errors(value))
    evidence = sorted(
        {options.path.rstrip("/") + "".join(f"/{p}" for p in e.absolute_path) for e in errors}
    )
    problems = "; ".join(e.message for e in errors[:5])
    return Outcome.judge(
        not errors, len(errors), evidence if errors else [options.path], problems=problems
    )


GENERIC_CHECKS = (present, count, threshold, recency, largest_gap, share, matches_schema)


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    for function in GENERIC_CHECKS:
        register(function)
