"""Reading rule files: parse, validate against the meta-schema, load folders of them, bounded.

A rule pack may come from the internet, so reading one is bounded: a file
over :data:`MAX_RULE_FILE_BYTES` is refused after reading one byte past the
limit, a folder tree with more than :data:`MAX_RULES_PER_FOLDER` rule files or
deeper than :data:`MAX_FOLDER_DEPTH` is refused, and every regular expression
in a ``matches_schema`` rule must compile with RE2 (linear-time matching) and
must not nest one repetition inside another.
"""

from __future__ import annotations

import functools
import json
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from foundation_engine.errors import Problem, RuleDefinitionError, json_path
from foundation_engine.files import toml_input
from foundation_engine.files.limits import (
    iter_schema_patterns,
    looks_catastrophic,
    non_finite_problem,
    schema_pattern_problems,
)
from foundation_engine.rulebook.cache import FolderCache, folder_cache
from foundation_engine.rulebook.model import (
    CHECK_NAME_PATTERN,
    MAX_FOLDER_DEPTH,
    MAX_RULE_FILE_BYTES,
    MAX_RULES_PER_FOLDER,
    RULE_ID_PATTERN,
    SINCE_PATTERN,
    TECHNIQUE_PATTERN,
    LoadedRule,
    RuleDefinition,
    rule_json_schema,
)

_validator: Any = None


def _meta_validator() -> Any:
    global _validator
    if _validator is None:
        from jsonschema import Draft202012Validator

        _validator = Draft202012Validator(rule_json_schema())
    return _validator


def _valid_definition(document: dict[str, Any]) -> RuleDefinition | None:
    """The rule a valid document defines, found without the meta-schema; None otherwise.

    Most rule files are valid, and the meta-schema (jsonschema, in Python) is
    the slowest part of reading one. Strict validation of the document as
    JSON accepts what the meta-schema accepts: strings only where strings
    are expected, numbers that are not booleans or strings, enum values as
    written. The meta-schema's patterns are Python regular expressions, so
    they are checked the same way here. Anything refused here, or a value JSON
    cannot carry (a TOML date), takes the full path, which explains every
    problem exactly as before.
    """
    text = _document_json(document)
    return None if text is None else _definition_from_json(text)


def _document_json(document: dict[str, Any]) -> str | None:
    """The document as JSON text, or None when JSON cannot carry it (a TOML date)."""
    try:
        return json.dumps(document, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return None


def _definition_from_json(text: str) -> RuleDefinition | None:
    """The rule the JSON text of a document defines, by the quick path; None when refused."""
    try:
        definition = RuleDefinition.model_validate_json(text, strict=True)
    except (TypeError, ValueError, RecursionError):  # pydantic's ValidationError is a ValueError
        return None
    fields = (definition.id, definition.technique, definition.since, definition.check.name)
    if all(re.search(p, v) for p, v in zip(_FIELD_PATTERNS, fields, strict=True)):
        return definition
    return None


#: The patterns of ``id``, ``technique``, ``since`` and ``check.name``.
_FIELD_PATTERNS = (RULE_ID_PATTERN, TECHNIQUE_PATTERN, SINCE_PATTERN, CHECK_NAME_PATTERN)


def parse_rule(data: bytes, source: str) -> RuleDefinition:
    """Parse and validate one rule file's bytes, reporting every problem."""
    return _parse(data, source)[0]


def _parse(data: bytes, source: str) -> tuple[RuleDefinition, str | None]:
    """:func:`parse_rule`, with the JSON text of the document when the quick path accepted it.

    Only such a text may be cached (:mod:`foundation_engine.rulebook.cache`):
    validating it again by the quick path gives the same rule.
    """
    if len(data) > MAX_RULE_FILE_BYTES:
        raise RuleDefinitionError(
            Problem(
                f"rule file is {len(data):,} bytes; the limit is {MAX_RULE_FILE_BYTES:,}",
                source=source,
            )
        )
    try:
        document = toml_input.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RuleDefinitionError(
            Problem(f"not UTF-8 text (byte {exc.start})", source=source)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleDefinitionError(Problem(f"invalid TOML: {exc}", source=source)) from None
    except RecursionError:
        raise RuleDefinitionError(
            Problem("arrays or tables nested too deeply to read; expected a rule", source=source)
        ) from None
    except ValueError:  # int() refuses more than sys.get_int_max_str_digits() digits
        raise RuleDefinitionError(
            Problem("an integer has too many digits to read; expected a rule", source=source)
        ) from None
    not_finite = non_finite_problem(document, source)
    if not_finite is not None:
        raise RuleDefinitionError(not_finite)
    text = _document_json(document)
    definition = None if text is None else _definition_from_json(text)
    if definition is None:
        text = None
        errors = sorted(
            _meta_validator().iter_errors(document), key=lambda e: list(e.absolute_path)
        )
        if errors:
            raise RuleDefinitionError(
                [
                    Problem(_schema_message(e), json_path(list(e.absolute_path)), source)
                    for e in errors
                ]
            )
        try:
            definition = RuleDefinition.model_validate(document)
        except ValidationError as exc:  # cross-field rules the meta-schema cannot express
            raise RuleDefinitionError(
                [
                    Problem(
                        e["msg"].removeprefix("Value error, "), json_path(tuple(e["loc"])), source
                    )
                    for e in exc.errors(include_url=False)
                ]
            ) from None
    unsafe = pattern_problems(definition)
    if unsafe:
        raise RuleDefinitionError([Problem(p.message, p.path, source) for p in unsafe])
    return definition, text


def pattern_problems(definition: RuleDefinition) -> list[Problem]:
    """Regular expressions in a ``matches_schema`` rule that could not be matched safely.

    A pattern must compile with RE2, which rules out backreferences and
    lookaround, and stay short. A repetition nested inside another (``(a+)+``)
    is refused too: with a backtracking engine such a pattern can take time
    exponential in the length of the text it is matched against.
    """
    if definition.check.name != "matches_schema":
        return []
    schemas: list[tuple[tuple[str | int, ...], Any]] = [
        (("check", "params", "schema"), definition.check.params.get("schema"))
    ]
    if "schema" in definition.options:
        schemas.append((("options", "schema", "default"), definition.options["schema"].default))
    problems: list[Problem] = []
    for loc, schema in schemas:
        problems += schema_pattern_problems(schema, loc)
        for where, pattern in iter_schema_patterns(schema, loc):
            if looks_catastrophic(pattern):
                problems.append(
                    Problem(
                        f"pattern {pattern!r} repeats a group that itself repeats, which can "
                        "take exponential time to match; expected a pattern without nested "
                        "repetition",
                        json_path(where),
                    )
                )
    return problems


def _schema_message(error: Any) -> str:
    if error.validator in ("anyOf", "oneOf") and error.context:
        # "is not valid under any of the given schemas" says little; the branch that
        # came closest (a number over its maximum, not "is not null") says what is wrong.
        closest = [e for e in error.context if e.validator != "type"] or list(error.context)
        return _schema_message(closest[0])
    if error.validator == "additionalProperties":
        return f"{error.message}; see the rule meta-schema (foundation-engine schema rule)"
    if error.validator == "required":
        return str(error.message).replace("is a required property", "is required")
    return str(error.message)


def iter_rule_files(folder: Path | Traversable, _depth: int = 0) -> Iterator[Path | Traversable]:
    """The ``*.toml`` rule files in `folder` and its subfolders, in name order.

    Subfolders deeper than :data:`MAX_FOLDER_DEPTH` (which a symbolic link loop
    would make) are refused rather than followed for ever. A folder on disk is
    also confined: see :func:`confined_rule_files`.
    """
    if isinstance(folder, Path):
        for found in confined_rule_files(folder):
            if isinstance(found, Problem):
                raise RuleDefinitionError(found)
            yield found
        return
    if _depth > MAX_FOLDER_DEPTH:
        raise _too_deep(folder)
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    for entry in entries:
        if entry.is_dir():
            yield from iter_rule_files(entry, _depth + 1)
        elif entry.name.endswith(".toml"):
            yield entry


def _too_deep(folder: object) -> RuleDefinitionError:
    return RuleDefinitionError(
        Problem(
            f"rule folders are nested more than {MAX_FOLDER_DEPTH} deep (a symbolic link "
            "loop?); expected a shallower rule pack",
            source=str(folder),
        )
    )


def confined_rule_files(folder: Path) -> Iterator[Path | Problem]:
    """The rule files of a folder on disk, each inside it, in name order; a problem for each
    entry that is not.

    A rule pack comes from the internet, so nothing in it may reach outside it:
    a symbolic link (to a file or a folder) whose target lies outside the
    pack's folder is refused, not followed, and so is a ``*.toml`` entry that
    is not a regular file (a FIFO would block the read for ever, a device
    could be endless). Links that stay inside the pack are followed.
    """
    root = folder.resolve()
    levels: list[Iterator[Path]] = [iter(_listing(folder))]
    while levels:
        entry = next(levels[-1], None)
        if entry is None:
            levels.pop()
            continue
        if not entry.is_dir() and not entry.name.endswith(".toml"):
            continue
        if entry.is_symlink() and not entry.resolve().is_relative_to(root):
            yield Problem(
                f"is a symbolic link to {entry.resolve()}, outside the rule folder {root}; "
                "expected rule files inside it",
                source=str(entry),
            )
        elif entry.is_dir():
            if len(levels) > MAX_FOLDER_DEPTH:
                raise _too_deep(folder)
            levels.append(iter(_listing(entry)))
        elif not entry.is_file():
            yield Problem(
                "is not a regular file (a FIFO, socket or device); expected a rule file",
                source=str(entry),
            )
        else:
            yield entry


def _listing(folder: Path) -> list[Path]:
    return sorted(folder.iterdir(), key=lambda p: p.name)


def read_rule_file(path: Path | Traversable) -> bytes:
    """A rule file's bytes, reading at most one byte past :data:`MAX_RULE_FILE_BYTES`.

    A file on disk is opened without blocking and must be a regular file, so a
    FIFO swapped in after the folder was listed cannot hang the read.
    """
    if not isinstance(path, Path):
        with path.open("rb") as handle:
            return handle.read(MAX_RULE_FILE_BYTES + 1)
    return _read_with_status(path)[0]


def _read_with_status(path: Path) -> tuple[bytes, os.stat_result]:
    """:func:`read_rule_file` of a file on disk, with its status from before the read."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise RuleDefinitionError(
                Problem(
                    "is not a regular file (a FIFO, socket or device); expected a rule file",
                    source=str(path),
                )
            )
        return handle.read(MAX_RULE_FILE_BYTES + 1), status


@functools.lru_cache(maxsize=1024)
def _parse_once(data: bytes, source: str) -> tuple[RuleDefinition, str | None]:
    """:func:`_parse`, remembered by the file's bytes and name.

    A process reads the same rule files more than once (the registry, then the
    rule sets that complete their own findings from their files); the same
    bytes always give the same frozen definition, so they are parsed once.
    Refusals are not remembered: a file that failed is read and judged again.
    """
    return _parse(data, source)


@functools.lru_cache(maxsize=1024)
def _recalled(text: str) -> RuleDefinition | None:
    """The rule of a cached document text, judged again as a freshly read file's would be.

    None when the text no longer passes (the rule model became stricter, say):
    the file is then read and reported as without the cache.
    """
    definition = _definition_from_json(text)
    if definition is None or pattern_problems(definition):
        return None
    return definition


def _read_rule(path: Path | Traversable, cache: FolderCache | None) -> RuleDefinition:
    """The rule in the file at `path`: from the rule book cache when the file is unchanged,
    else read, parsed, validated and (when it passed the quick path) cached."""
    if cache is None or not isinstance(path, Path):
        return _parse_once(read_rule_file(path), str(path))[0]
    text = cache.recall(path)
    if text is not None:
        definition = _recalled(text)
        if definition is not None:
            return definition
        cache.forget(path)
    data, status = _read_with_status(path)
    definition, text = _parse_once(data, str(path))
    if text is not None:
        cache.remember(path, status, text)
    return definition


def load_rules(folder: Path | Traversable, plugin: str) -> list[LoadedRule]:
    """Load every rule file under `folder`, collecting all problems before raising.

    A folder on disk goes through the rule book cache
    (:mod:`foundation_engine.rulebook.cache`): the files unchanged since they
    were cached are not parsed again; every other file is read as it would be
    without the cache, and its problems are reported the same way.
    """
    if not folder.is_dir():
        raise RuleDefinitionError(Problem(f"rule folder {folder} does not exist"))
    loaded: list[LoadedRule] = []
    problems: list[Problem] = []
    entries: Iterable[Path | Traversable | Problem] = (
        confined_rule_files(folder) if isinstance(folder, Path) else iter_rule_files(folder)
    )
    cache = folder_cache(folder) if isinstance(folder, Path) else None
    count = 0
    for path in entries:
        if isinstance(path, Problem):
            problems.append(path)
            continue
        count += 1
        if count > MAX_RULES_PER_FOLDER:
            raise RuleDefinitionError(
                Problem(
                    f"rule pack holds more than {MAX_RULES_PER_FOLDER:,} rule files; refusing "
                    f"to load it (expected at most {MAX_RULES_PER_FOLDER:,})",
                    source=str(folder),
                )
            )
        try:
            definition = _read_rule(path, cache)
        except RuleDefinitionError as exc:
            problems.extend(exc.problems)
            continue
        except OSError as exc:
            problems.append(Problem(f"cannot read: {exc.strerror}", source=str(path)))
            continue
        loaded.append(LoadedRule(definition=definition, source=str(path), plugin=plugin))
    if cache is not None:
        cache.save()
    if problems:
        raise RuleDefinitionError(problems)
    return loaded


def check_unique(rules: Iterable[LoadedRule]) -> None:
    """Raise when two rules share an id, naming both files and plugins."""
    seen: dict[str, LoadedRule] = {}
    problems: list[Problem] = []
    for rule in rules:
        other = seen.get(rule.definition.id)
        if other is not None:
            problems.append(
                Problem(
                    f"rule id {rule.definition.id} is defined twice: by plugin {other.plugin!r} "
                    f"({other.source}) and by plugin {rule.plugin!r} ({rule.source})"
                )
            )
        else:
            seen[rule.definition.id] = rule
    if problems:
        raise RuleDefinitionError(problems)
