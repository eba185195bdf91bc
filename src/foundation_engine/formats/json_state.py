"""JSON states: one-pass parsing and validation, explained syntax errors, repeated keys refused."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import islice
from typing import Any

import jiter

from foundation_engine.errors import (
    LimitExceeded,
    ParseError,
    Problem,
    ReferenceProblem,
    ValidationProblem,
    json_path,
)
from foundation_engine.files.limits import check_document, current, depth_problem
from foundation_engine.state.model import PartnershipState
from foundation_engine.state.validation import (
    MAX_PROBLEMS,
    more_problems,
    validate_state,
    validate_state_json,
)

#: A JSON state with more commas than this may hold enough broken records to flood
#: validation with errors, so it is parsed and measured before it is validated.
BULK_COMMAS = 20_000


def load_json(data: bytes, source: str) -> PartnershipState:
    """Parse and validate JSON bytes (UTF-8) in one pass; NaN and Infinity are refused.

    Returning the validated state, rather than a document, lets pydantic parse
    and validate together, which is markedly faster than two passes. A UTF-8
    byte-order mark is accepted and skipped (spreadsheet and Windows tools write
    one); a key repeated within one object is an error, because JSON parsers
    silently keep only one of the values.

    A document with more than :data:`BULK_COMMAS` commas (or more than
    ``limits.max_records``) could hold more records than the limits allow, or
    enough broken ones to make millions of validation errors; it is parsed by
    the standard library first, its lists and objects are measured against the
    limits (:func:`~foundation_engine.files.limits.check_document`), and only
    then validated, record by record where lists are long. The count of
    commas costs microseconds; the states of the benchmark, up to five years
    of records, stay on the one-pass path.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    wrong = _encoding_problem(data, source)
    if wrong is not None:
        raise ParseError(wrong)
    if not data.strip():
        raise ParseError(Problem("empty input, expected a JSON object", source=source))
    if data.count(b",") > min(BULK_COMMAS, current().max_records):
        return _load_measured(data, source)
    try:
        state = validate_state_json(data, source)
    except (ValidationProblem, ReferenceProblem) as exc:
        if exc.problems and exc.problems[0].message.startswith("invalid JSON"):
            raise explain_invalid_json(data, source, exc.problems[0].message) from None
        # A repeated key explains whatever else is wrong with the value that was kept.
        duplicates = duplicate_key_problems(data, source)
        if duplicates:
            raise ValidationProblem(duplicates) from None
        raise
    duplicates = duplicate_key_problems(data, source)
    if duplicates:
        raise ValidationProblem(duplicates)
    return state


def _load_measured(data: bytes, source: str) -> PartnershipState:
    """Parse, measure against the limits, then validate: the path of large documents."""
    try:
        document = json.loads(data)  # NaN and Infinity are refused by check_document
    except (ValueError, RecursionError):
        raise explain_invalid_json(data, source) from None
    check_document(document, current(), source)
    try:
        state = validate_state(document, source)
    except (ValidationProblem, ReferenceProblem):
        duplicates = duplicate_key_problems(data, source)
        if duplicates:
            raise ValidationProblem(duplicates) from None
        raise
    duplicates = duplicate_key_problems(data, source)
    if duplicates:
        raise ValidationProblem(duplicates)
    return state


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _encoding_problem(data: bytes, source: str | None) -> Problem | None:
    """Text in UTF-16 or UTF-32 (with or without a byte-order mark), named as such."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return Problem("UTF-32 text; expected UTF-8", source=source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem("UTF-16 text; expected UTF-8", source=source)
    if len(data) >= 4 and b"\x00" in data[:4]:
        encoding = json.detect_encoding(data)
        if encoding.startswith(("utf-16", "utf-32")):
            name = encoding.split("-")[0].upper() + "-" + encoding.split("-")[1]
            return Problem(f"{name} text; expected UTF-8", source=source)
    return None


def explain_invalid_json(
    data: bytes, source: str, reason: str = "invalid JSON"
) -> ParseError | LimitExceeded:
    """The error for bytes that are not a JSON document, said for people, with the line.

    `reason` is what the parser that refused `data` said (pydantic reports
    "... at line L column C"); the standard library's parser gives the same
    position in a structured form, so it is asked when it agrees the input is
    invalid. Every reader of JSON (states, reports, baselines) explains a bad
    file with this one function, so the same bytes get the same message.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    wrong = _encoding_problem(data, source)
    if wrong is not None:
        return ParseError(wrong)
    if not data.strip():
        return ParseError(Problem("empty input, expected a JSON object", source=source))
    if "recursion limit exceeded" in reason:
        return LimitExceeded(depth_problem(current(), source))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return ParseError(
            Problem(
                f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start} "
                "cannot start or continue a character; expected UTF-8",
                source=source,
                line=line,
            )
        )
    try:
        json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        return ParseError(
            Problem(
                f"invalid JSON: {_explain(exc.msg, text, exc.pos)}",
                source=source,
                line=exc.lineno,
                column=exc.colno,
            )
        )
    except RecursionError:
        return LimitExceeded(depth_problem(current(), source))
    except ValueError as exc:  # what pydantic says of these is clear; say it alike
        if reason == "invalid JSON" and "is not JSON" in str(exc):  # NaN, Infinity
            reason = (
                f"invalid JSON: {str(exc).split()[0]} is not a number; expected a finite number"
            )
        elif reason == "invalid JSON":  # an integer of thousands of digits
            reason = "invalid JSON: number out of range"
    at = re.search(r" at line (\d+) column (\d+)$", reason)
    message = reason[: at.start()] if at else reason
    if "hex escape" in message or "surrogate" in message:  # the stdlib parser allows these
        message = (
            "invalid JSON: a \\uD800-\\uDFFF escape is half of a character; expected "
            "a complete \\u escape pair or the character itself"
        )
    return ParseError(
        Problem(
            message,
            source=source,
            line=int(at[1]) if at else None,
            column=int(at[2]) if at else None,
        )
    )


def _explain(reason: str, text: str, pos: int) -> str:
    """The standard library's reason for a JSON syntax error, said for people."""
    rest = text[pos:]
    truncated = "; is the file truncated?"
    if reason.startswith("Unterminated string"):
        if '"' not in rest[1:]:
            return "the input ends inside a string" + truncated
        return "a string is never closed (a line break inside a string must be written \\n)"
    if pos >= len(text.rstrip()):
        return "the input ends before the document is complete" + truncated
    if rest.startswith(("//", "/*", "#")):
        return "comments are not allowed in JSON"
    if rest.startswith("'"):
        return "strings must be in double quotes, not single quotes"
    if reason.startswith("Invalid control character"):
        return "a tab, line break or other control character inside a string must be escaped"
    if reason == "Extra data":
        return "more text after the end of the JSON document; expected one object"
    if reason.startswith("Expecting property name") and text[:pos].rstrip().endswith(","):
        return "a comma before a closing brace; expected another key in double quotes"
    if reason == "Expecting value" and text[:pos].rstrip().endswith(","):
        return "a comma before a closing bracket; expected another value"
    if reason == "Expecting ',' delimiter":
        return "expected a comma between two items"
    if reason == "Expecting ':' delimiter":
        return "expected a colon after the key"
    return reason.removesuffix(" at").removesuffix(" starting at")


class _Repeated(dict[str, Any]):
    """A parsed JSON object that named some key more than once."""

    repeated: dict[str, None]
    """The repeated keys, once each, in the order their first repeat was written."""


def duplicate_key_problems(data: bytes | str, source: str | None = None) -> list[Problem]:
    """A problem for each key repeated within one JSON object, with its JSON path.

    Whether any key is repeated is answered in one exact pass by jiter
    (:func:`_no_repeated_keys`), which stops at the first repeat and names no
    JSON path. Only then does the standard library's parser look again: it
    hands every object's key-value pairs to a hook before they become a dict,
    the one place a repeated key is still visible, so every repeat is named
    with its path (see docs/reliability.md for figures).
    """
    if _no_repeated_keys(data):
        return []
    repeats = 0

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeats
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        marked = _Repeated(obj)
        seen: set[str] = set()
        marked.repeated = {}
        for key, _ in items:
            if key in seen:
                marked.repeated[key] = None
            seen.add(key)
        repeats += len(marked.repeated)
        return marked

    try:
        document = json.loads(data, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return []
    if not repeats:
        return []
    problems = list(islice(_repeats(document, source), MAX_PROBLEMS))
    if repeats > len(problems):
        problems.append(more_problems(repeats - len(problems), source))
    return problems


def _repeats(document: Any, source: str | None) -> Iterator[Problem]:
    """A problem for each repeated key in `document`, in document order."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, _Repeated):
            for key in value.repeated:
                yield Problem(
                    f"duplicate key {key!r}: this object names it more than once; "
                    "expected each key once (only one of the values would be kept)",
                    json_path((*loc, key)),
                    source,
                )
        if isinstance(value, dict):
            stack.extend((child, (*loc, key)) for key, child in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((child, (*loc, i)) for i, child in reversed(list(enumerate(value))))


def _no_repeated_keys(data: bytes | str) -> bool:
    """True when jiter parses `data` and no object in it names a key twice.

    One exact pass in Rust (jiter's ``catch_duplicate_keys``, which compares
    keys after unescaping, so ``"a\\u0062"`` repeats ``"ab"``). False when a
    key is repeated, and also whenever jiter refuses the document for another
    reason (a number beyond its range, text that is not UTF-8, nesting
    deeper than it goes): the caller then runs the full search, which names
    every repeated key with its JSON path, so no repeat is ever missed.
    """
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: let the full search decide
            return False
    try:
        jiter.from_json(data, catch_duplicate_keys=True, cache_mode="keys")
    except ValueError:
        return False
    return True
