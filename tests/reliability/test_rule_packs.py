"""Untrusted rule packs: parsed as data, bounded in size and count, patterns that cannot hang."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from foundation_engine.errors import RuleDefinitionError
from foundation_engine.files.limits import (
    MAX_PATTERN_LENGTH,
    looks_catastrophic,
    safe_schema_validator,
)
from foundation_engine.rulebook.loading import load_rules, parse_rule
from foundation_engine.rulebook.model import MAX_RULE_FILE_BYTES, MAX_RULES_PER_FOLDER
from tests.rulekit import rule


def schema_rule(schema: dict[str, Any], rule_id: str = "TST900") -> bytes:
    document = rule(rule_id, "matches_schema", {"path": "/partnership", "schema": schema})
    return tomli_w.dumps(document).encode()


def problems_of(data: bytes) -> list[tuple[str | None, str]]:
    with pytest.raises(RuleDefinitionError) as caught:
        parse_rule(data, "pack/TST900.toml")
    return [(p.path, p.message) for p in caught.value.problems]


def test_a_rule_file_cannot_run_code() -> None:
    # TOML has no way to call anything; the nearest tries are plain strings or refused.
    hostile = rule(
        "TST901",
        "__import__",
        {"path": "/partnership"},
        message={"failed": "{value.__class__.__mro__}", "passed": "{__import__('os')}"},
    )
    problems = problems_of(tomli_w.dumps(hostile).encode())
    assert ("$.check.name", "'__import__' does not match '^[a-z][a-z0-9_.\\\\-]*$'") in problems


def test_a_pattern_is_refused_when_it_nests_repetition() -> None:
    problems = problems_of(schema_rule({"type": "string", "pattern": "^(a+)+$"}))
    assert problems == [
        (
            "$.check.params.schema.pattern",
            "pattern '^(a+)+$' repeats a group that itself repeats, which can take exponential "
            "time to match; expected a pattern without nested repetition",
        )
    ]


def test_a_pattern_is_refused_when_re2_cannot_run_it() -> None:
    schema = {"type": "object", "patternProperties": {"^(?=x)": {"type": "string"}}}
    ((path, message),) = problems_of(schema_rule(schema))
    assert path == "$.check.params.schema.patternProperties['^(?=x)']"
    assert message.startswith("pattern '^(?=x)' cannot be matched in linear time (")
    assert message.endswith("expected a regular expression without backreferences or lookaround")


def test_an_overlong_pattern_is_refused() -> None:
    ((path, message),) = problems_of(schema_rule({"pattern": "a" * (MAX_PATTERN_LENGTH + 1)}))
    assert path == "$.check.params.schema.pattern"
    assert message == f"pattern is {MAX_PATTERN_LENGTH + 1:,} characters; the limit is 1,000"


def test_a_safe_pattern_is_accepted() -> None:
    definition = parse_rule(schema_rule({"properties": {"id": {"pattern": "^[a-z-]{3,40}$"}}}), "x")
    assert definition.check.params["schema"]["properties"]["id"]["pattern"] == "^[a-z-]{3,40}$"


def test_re2_matches_an_evil_pattern_in_linear_time() -> None:
    validator = safe_schema_validator(
        {"properties": {"name": {"pattern": "^(a+)+$"}}, "patternProperties": {"^(x+)+y$": {}}}
    )
    evil = "a" * 100_000 + "!"
    started = time.perf_counter()
    errors = list(validator.iter_errors({"name": evil, "x" * 50_000: 1}))
    assert time.perf_counter() - started < 2  # Python's re would not finish this in years
    assert [e.validator for e in errors] == ["pattern"]


def test_a_100_mb_rule_file_is_refused_without_being_read(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    with (pack / "TST900.toml").open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(RuleDefinitionError) as caught:
            load_rules(pack, "pack")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (problem,) = caught.value.problems
    assert problem.message == (
        f"rule file is {MAX_RULE_FILE_BYTES + 1:,} bytes; the limit is {MAX_RULE_FILE_BYTES:,}"
    )
    assert peak < 8 * 1024 * 1024


def test_a_pack_of_10000_rules_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    for n in range(10_000):
        (pack / f"R{n:05d}.toml").write_bytes(b"")
    with pytest.raises(RuleDefinitionError) as caught:
        load_rules(pack, "pack")
    (problem,) = caught.value.problems
    assert problem.source == str(pack)
    assert problem.message == (
        f"rule pack holds more than {MAX_RULES_PER_FOLDER:,} rule files; refusing to load it "
        f"(expected at most {MAX_RULES_PER_FOLDER:,})"
    )


def test_a_folder_loop_is_refused_not_followed_for_ever(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "inner").mkdir(parents=True)
    os.symlink(pack, pack / "inner" / "loop")
    with pytest.raises(RuleDefinitionError, match="nested more than 16 deep"):
        load_rules(pack, "pack")


def test_deeply_nested_toml_in_a_rule_file_is_an_error_not_a_crash() -> None:
    data = b"x = " + b"[" * 60_000 + b"]" * 60_000 + b"\n"
    assert len(data) < MAX_RULE_FILE_BYTES
    assert problems_of(data) == [
        (None, "arrays or tables nested too deeply to read; expected a rule")
    ]


@pytest.mark.parametrize(
    ("pattern", "refused"),
    [
        ("^(a+)+$", True),
        ("(\\w*,)*", True),
        ("((a+))+", True),
        ("(?:a*)*", True),
        ("(x{1,9})+", True),
        ("(a+){5}", True),
        ("((ab)*c)+", True),
        ("([(]+)+", True),
        ("^[a-z]+$", False),
        ("(ab)+", False),
        ("(\\d{3}-)*\\d{4}", False),
        ("(a|b)*c", False),
        ("(a+)?", False),
        ("[a+]+", False),
        ("(\\(+)x+", False),
    ],
)
def test_nested_repetition_is_recognised(pattern: str, refused: bool) -> None:
    assert looks_catastrophic(pattern) is refused


def test_an_integer_with_thousands_of_digits_is_an_error_not_a_crash() -> None:
    assert problems_of(b"x = " + b"9" * 5000 + b"\n") == [
        (None, "an integer has too many digits to read; expected a rule")
    ]


# --------------------------------------------------------------------------
# what a rule asks of the generic checks is bounded when it is loaded
# --------------------------------------------------------------------------


def option_messages(check: str, params: dict[str, Any]) -> list[str]:
    from pydantic import ValidationError

    from foundation_engine.checks.generic import GENERIC_CHECKS
    from foundation_engine.checks.spec import describe

    (function,) = [f for f in GENERIC_CHECKS if describe(f, None, None, "x").name == check]
    with pytest.raises(ValidationError) as caught:
        describe(function, None, None, "x").options.model_validate(params)
    return [e["msg"].removeprefix("Value error, ") for e in caught.value.errors()]


def test_a_json_pointer_of_5000_slashes_is_refused() -> None:
    assert option_messages("present", {"path": "/" * 5_000}) == [
        "JSON Pointer is 5,000 characters; the limit is 1,000"
    ]
    assert option_messages("count", {"collection": "/a" * 65, "min": 1}) == [
        "JSON Pointer has 65 parts; the limit is 64 (no state nests deeper)"
    ]


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_a_rule_s_numbers_must_be_finite(number: float) -> None:
    messages = option_messages("threshold", {"path": "/partnership/x", "min": number})
    assert messages == ["Input should be a finite number"]


def _nested(levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = {}
    for _ in range(levels):
        schema = {"items": schema}
    return schema


def _fan_out(levels: int) -> dict[str, Any]:
    defs: dict[str, Any] = {
        f"a{i}": {"allOf": [{"$ref": f"#/$defs/a{i + 1}"}, {"$ref": f"#/$defs/a{i + 1}"}]}
        for i in range(levels)
    }
    defs[f"a{levels}"] = {"type": "object"}
    return {"$defs": defs, "$ref": "#/$defs/a0"}


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (_fan_out(40), "the schema grows to more than 20,000 objects and arrays once its "
         "$refs are followed; expected a schema that refers to its parts fewer times"),
        ({"$defs": {"a": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"},
         "the schema refers to itself in a loop ($ref)"),
        ({"$ref": "https://schemas.example/remote.json"},
         "$['$ref']: $ref 'https://schemas.example/remote.json' does not point inside this "
         "schema; expected '#' or a JSON Pointer such as '#/$defs/name' to a part of it"),
        ({"$ref": "#/$defs/missing"}, "$['$ref']: $ref '#/$defs/missing' does not point "
         "inside this schema; expected '#' or a JSON Pointer such as '#/$defs/name' to a "
         "part of it"),
        ({"$id": "https://schemas.example/"}, "$['$id']: $id is not allowed in a rule's "
         "schema; expected references within the schema only ($ref to #/$defs/...)"),
        (_nested(40),
         "the schema nests more than 32 levels deep; expected a flatter schema"),
    ],
    ids=["fan-out", "loop", "remote", "dangling", "id", "deep"],
)  # fmt: skip
def test_a_schema_that_could_run_for_ever_or_reach_outside_is_refused(
    schema: dict[str, Any], message: str
) -> None:
    (got,) = option_messages("matches_schema", {"path": "/partnership", "schema": schema})
    assert got.endswith(message), got


def test_refs_within_the_schema_are_accepted_and_followed() -> None:
    from foundation_engine.files.limits import safe_schema_validator

    schema = {
        "$defs": {"id": {"type": "string", "minLength": 2}},
        "properties": {"a": {"$ref": "#/$defs/id"}, "b": {"$ref": "#/$defs/id"}},
    }
    errors = list(safe_schema_validator(schema).iter_errors({"a": "ok", "b": "x"}))
    assert [e.message for e in errors] == ["'x' is too short"]


def test_unique_items_over_100000_objects_takes_linear_time() -> None:
    from foundation_engine.files.limits import safe_schema_validator

    validator = safe_schema_validator({"uniqueItems": True})
    items = [{"id": i, "tags": ["a", i]} for i in range(100_000)]
    started = time.perf_counter()
    assert list(validator.iter_errors(items)) == []
    assert time.perf_counter() - started < 10  # jsonschema's pairwise search: hours
    errors = list(validator.iter_errors([*items[:10], {"tags": ["a", 3], "id": 3.0}]))
    assert [e.validator for e in errors] == ["uniqueItems"]


@pytest.mark.parametrize(
    ("items", "unique"),
    [([1, True], True), ([1, 1.0], False), ([{"a": [1]}, {"a": [1.0]}], False),
     ([[1, 2], [2, 1]], True), ([None, False, 0, "", []], True), (["a", "a"], False)],
)  # fmt: skip
def test_unique_items_means_what_jsonschema_means(items: list[Any], unique: bool) -> None:
    from jsonschema import Draft202012Validator

    from foundation_engine.files.limits import safe_schema_validator

    ours = not list(safe_schema_validator({"uniqueItems": True}).iter_errors(items))
    theirs = Draft202012Validator({"uniqueItems": True}).is_valid(items)
    assert ours is theirs is unique


# --------------------------------------------------------------------------
# validate reports what assess would refuse
# --------------------------------------------------------------------------


def _pack_rule(tmp_path: Path, **params: Any) -> Path:
    document = rule("COM990", "share", params)
    document["technique"] = "communication"
    path = tmp_path / "rules" / "COM990.toml"
    path.parent.mkdir()
    path.write_text(tomli_w.dumps(document))
    return path


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("(" * 5_000 + "a" + ")" * 5_000, "is 10,001 characters; the limit is 1,000"),
        ("!" * 50_000 + "a", "is 50,001 characters; the limit is 1,000"),
        ("!" * 500 + "a", "nests more than 32 levels deep"),
    ],
    ids=["parentheses", "negations", "nesting"],
)
def test_validate_reports_an_expression_assess_would_refuse(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
    message: str,
) -> None:
    from foundation_engine.cli import main

    monkeypatch.setenv("FOUNDATION_ENGINE_LOAD_PLUGINS", "")
    monkeypatch.chdir(tmp_path)
    _pack_rule(tmp_path, collection="/communications", where=where, match="@", min_share=0.5)
    assert main(["validate", "rules/COM990.toml"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line, *_) = err.splitlines()
    assert line.startswith("error: rules/COM990.toml: $.options.where: rule COM990: option where: ")
    assert message in line
    (tmp_path / "foundation.toml").write_text('rule_paths = ["rules"]\n')
    assert main(["assess", str(Path(__file__).parents[2] / "examples/new-partnership.json")]) == 2
    assert message in capsys.readouterr().err


def test_validate_escapes_file_names_on_its_ok_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from foundation_engine.cli import main

    monkeypatch.setenv("FOUNDATION_ENGINE_LOAD_PLUGINS", "")
    monkeypatch.chdir(tmp_path)
    name = "state\x1b[2J\u202e.json"
    (tmp_path / name).write_bytes(
        (Path(__file__).parents[2] / "examples/new-partnership.json").read_bytes()
    )
    assert main(["validate", name]) == 0
    out = capsys.readouterr().out
    assert out == "ok: state\\x1b[2J\\u202e.json (state)\n"
