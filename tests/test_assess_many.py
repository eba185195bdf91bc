"""assess_many: dicts and models in, one result per state, in input order, errors as results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import foundation_engine
from foundation_engine import Engine, EngineConfig, Report, assess_many
from foundation_engine.batch.records import FailedRecord
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.testing.builder import StateBuilder


def _state(pid: str) -> dict[str, Any]:
    builder = StateBuilder(id=pid, start="2026-01-05", as_of="2026-06-30")
    return builder.weekly_touchpoints("2026-01-05", "2026-04-01").to_dict()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)


@pytest.fixture
def mixed(engine: Engine, tmp_path: Path) -> list[Any]:
    bad_date = _state("bad-date")
    bad_date["communications"][0]["date"] = "31/03/2026"
    state_file = tmp_path / "from-file.json"
    state_file.write_text(json.dumps(_state("from-file")))
    return [
        _state("dict-0"),
        engine.load(_state("model-1")),
        bad_date,
        json.dumps(_state("text-3")),
        42,
        str(state_file),
        _state("dict-6"),
    ]


@pytest.mark.parametrize("options", [{"workers": 2}, {"in_process": True}])
def test_one_result_per_state_in_input_order_with_errors_as_results(
    engine: Engine, mixed: list[Any], options: dict[str, Any]
) -> None:
    results = assess_many(mixed, **options)
    assert len(results) == len(mixed)
    ids = [r.partnership_id for r in results]
    assert ids == ["dict-0", "model-1", "bad-date", "text-3", None, "from-file", "dict-6"]
    failed = {i: r for i, r in enumerate(results) if isinstance(r, FailedRecord)}
    assert sorted(failed) == [2, 4]
    assert failed[2].seq == 2 and failed[2].error.kind == "validation"
    assert failed[2].error.path == "$.communications[0].date"
    assert failed[4].error.kind == "input"
    assert "cannot assess a int" in failed[4].error.message
    # a report is the one Engine.assess gives for the same state
    assert isinstance(results[0], Report)
    assert results[0].model_dump_json() == engine.assess(mixed[0]).model_dump_json()
    assert isinstance(results[1], Report)
    assert results[1].model_dump_json() == engine.assess(mixed[1]).model_dump_json()


def test_as_of_applies_to_every_state(mixed: list[Any]) -> None:
    results = assess_many(mixed[:2], as_of="2026-05-31", in_process=True)
    assert [r.as_of.isoformat() for r in results if isinstance(r, Report)] == ["2026-05-31"] * 2


def test_an_empty_input_gives_no_results() -> None:
    assert assess_many([], workers=2) == []


def test_workers_must_be_positive() -> None:
    with pytest.raises(ValueError, match="workers must be 1 or more"):
        assess_many([_state("x")], workers=0)


def test_it_is_in_the_public_api() -> None:
    assert "assess_many" in foundation_engine.__all__
    assert foundation_engine.assess_many is assess_many
