"""Limits on input size, nesting and list length: configurable, and refused with clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foundation_engine.core.config import EngineConfig, config_from_mapping, load_config
from foundation_engine.core.engine import Engine
from foundation_engine.core.loading import coerce_state, load_bytes, load_path
from foundation_engine.errors import ConfigError, LimitExceeded, ValidationProblem
from foundation_engine.files.limits import DEFAULT_LIMITS, Limits, applying, check_document
from foundation_engine.plugin.registry import Registry
from foundation_engine.testing.builder import StateBuilder


@pytest.fixture(scope="module")
def registry(engine: Engine) -> Registry:
    return engine.registry


def state_with(touchpoints: int) -> dict[str, object]:
    builder = StateBuilder(start="2026-01-05", as_of="2026-06-30")
    for _ in range(touchpoints):
        builder.touchpoint("2026-02-02")
    return builder.to_dict()


def as_json(document: object) -> bytes:
    return json.dumps(document).encode()


def test_defaults_are_documented_values() -> None:
    assert (DEFAULT_LIMITS.max_input_bytes, DEFAULT_LIMITS.max_depth) == (32 * 1024 * 1024, 64)
    assert DEFAULT_LIMITS.max_records == 100_000


def test_limits_are_set_in_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "foundation.toml"
    config.write_text(
        "[limits]\nmax_input_bytes = 1000\nmax_depth = 10\nmax_records = 5\n", encoding="utf-8"
    )
    assert load_config(config).limits == Limits(max_input_bytes=1000, max_depth=10, max_records=5)


def test_limits_do_not_change_the_config_fingerprint() -> None:
    tight = EngineConfig(limits=Limits(max_records=5))
    assert tight.fingerprint() == EngineConfig().fingerprint()


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"max_depth": 500}, "less than or equal to 200"),
        ({"max_depth": 2}, "greater than or equal to 8"),
        ({"max_records": 0}, "greater than or equal to 1"),
        ({"max_input_bytes": -1}, "greater than or equal to 1"),
        ({"max_rows": 5}, "unknown field 'max_rows'; did you mean 'max_records'?"),
    ],
)
def test_a_bad_limit_is_a_config_error_naming_it(setting: dict[str, int], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        config_from_mapping({"limits": setting}, "foundation.toml")
    (problem,) = caught.value.problems
    assert problem.path == f"$.limits.{next(iter(setting))}"
    assert message in problem.message


def test_input_over_the_size_limit_is_refused(registry: Registry) -> None:
    data = as_json(state_with(3))
    with pytest.raises(LimitExceeded) as caught:
        load_bytes(data, "big.json", registry, limits=Limits(max_input_bytes=100))
    assert str(caught.value) == (
        f"big.json: input is {len(data):,} bytes; the limit is 100 "
        "(raise it with limits.max_input_bytes)"
    )


def test_a_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path,
    registry: Registry,
) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(as_json(state_with(3)))
    with pytest.raises(LimitExceeded, match=r"file is .* bytes; the limit is 100 "):
        load_path(path, registry, limits=Limits(max_input_bytes=100))


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_a_list_longer_than_max_records_is_refused_with_its_path(
    suffix: str,
    tmp_path: Path,
    registry: Registry,
) -> None:
    import tomli_w

    document = state_with(6)
    path = tmp_path / f"state{suffix}"
    path.write_bytes(as_json(document) if suffix == ".json" else tomli_w.dumps(document).encode())
    with pytest.raises(LimitExceeded) as caught:
        load_path(path, registry, limits=Limits(max_records=5))
    (problem,) = caught.value.problems
    assert problem.path == "$.communications"
    assert problem.message == "list has 6 items; the limit is 5 (raise it with limits.max_records)"
    load_path(path, registry, limits=Limits(max_records=6))  # at the limit: accepted


def test_nested_record_lists_count_too(registry: Registry) -> None:
    doc = (
        StateBuilder()
        .metric("ttf", observations=[(f"2025-0{m}-01", 30) for m in range(1, 8)])
        .to_dict()
    )
    with pytest.raises(LimitExceeded) as caught:
        load_bytes(as_json(doc), "s.json", registry, limits=Limits(max_records=6))
    assert caught.value.problems[0].path == "$.metrics[0].observations"


def test_nesting_in_extensions_over_max_depth_is_refused(registry: Registry) -> None:
    deep: object = 1
    for _ in range(10):
        deep = [deep]
    doc = StateBuilder().extension("ns", deep).to_dict()
    with pytest.raises(LimitExceeded) as caught:
        load_bytes(as_json(doc), "s.json", registry, limits=Limits(max_depth=8))
    (problem,) = caught.value.problems
    assert problem.message == "nested more than 8 levels deep; the limit is 8 (limits.max_depth)"
    assert problem.path is not None and problem.path.startswith("$.extensions.ns[0]")
    load_bytes(as_json(doc), "s.json", registry, limits=Limits(max_depth=13))


def test_nesting_beyond_the_parser_is_a_limit_error_not_a_crash(registry: Registry) -> None:
    data = b'{"extensions": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
    with pytest.raises(LimitExceeded, match="nested more than 64 levels deep"):
        load_bytes(data, "deep.json", registry)


def test_a_dict_given_to_the_api_is_measured_without_recursion(registry: Registry) -> None:
    deep: object = 1
    for _ in range(50_000):
        deep = {"a": deep}
    doc = StateBuilder().to_dict()
    doc["extensions"] = {"ns": deep}
    with pytest.raises(LimitExceeded, match="nested more than 64 levels deep"):
        coerce_state(doc, registry)


def test_limits_in_force_reach_loader_plugins(registry: Registry) -> None:
    deep = b'{"extensions": {"x": ' + b"[" * 300 + b"]" * 300 + b"}}"
    with applying(Limits(max_depth=20)), pytest.raises(LimitExceeded) as caught:
        load_bytes(deep, "deep.json", registry)
    assert "the limit is 20" in caught.value.problems[0].message


def test_nan_hidden_in_extensions_is_refused() -> None:
    with pytest.raises(ValidationProblem) as caught:
        check_document({"extensions": {"ns": [1.0, float("inf")]}}, DEFAULT_LIMITS, "x.toml")
    (problem,) = caught.value.problems
    assert (problem.path, problem.message) == (
        "$.extensions.ns[1]",
        "inf is not finite; expected a finite number",
    )


def test_duplicate_keys_in_an_otherwise_valid_state_are_refused(registry: Registry) -> None:
    data = as_json(StateBuilder().to_dict()).replace(
        b'"name": "Test partnership"', b'"name": "Test partnership", "name": "Other"'
    )
    with pytest.raises(ValidationProblem) as caught:
        load_bytes(data, "dup.json", registry)
    (problem,) = caught.value.problems
    assert problem.path == "$.partnership.name"
    assert problem.message.startswith("duplicate key 'name'")


def test_the_same_key_in_different_objects_is_fine(registry: Registry) -> None:
    data = as_json(state_with(3))
    assert data.count(b'"date"') == 3
    assert len(load_bytes(data, "ok.json", registry).communications or []) == 3


@pytest.mark.parametrize(
    "text", ["x = " + "[" * 50_000 + "]" * 50_000, "[limits]\nmax_records = " + "9" * 5000]
)
def test_a_config_too_deep_or_too_long_to_read_is_a_config_error(text: str, tmp_path: Path) -> None:
    path = tmp_path / "foundation.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems[0].message == (
        "config nests too deeply or holds an integer too long to read"
    )


def test_a_repeated_key_is_named_even_when_it_also_breaks_a_reference(registry: Registry) -> None:
    doc = StateBuilder().metric("ttf").goal("G1", metric_ids=["ttf"]).to_dict()
    data = as_json(doc).replace(b'"id": "ttf"', b'"id": "ttf", "id": "other"')
    with pytest.raises(ValidationProblem) as caught:
        load_bytes(data, "dup.json", registry)
    assert [p.path for p in caught.value.problems] == ["$.metrics[0].id"]
