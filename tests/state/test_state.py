"""The partnership state model, its schema, and its integrity checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from foundation_engine.cli.schema_documents import SCHEMAS, schema_filename, schema_text
from foundation_engine.errors import ReferenceProblem, ValidationProblem
from foundation_engine.state import PartnershipState, validate_state
from foundation_engine.testing.builder import StateBuilder

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*-partnership.json"))


def minimal() -> dict[str, Any]:
    return StateBuilder(start="2026-01-05", as_of="2026-03-31").to_dict()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_model(name: str) -> None:
    committed = (ROOT / "schemas" / schema_filename(name)).read_text(encoding="utf-8")
    assert committed == schema_text(name), (
        f"schemas/{schema_filename(name)} is stale: run python scripts/generate_schemas.py"
    )


def test_schemas_are_valid_draft_2020_12() -> None:
    for name, make in SCHEMAS.items():
        schema = make()
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate_against_model_and_published_schema(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    validate_state(document, str(path))
    errors = list(Draft202012Validator(SCHEMAS["state"]()).iter_errors(document))
    assert errors == []


def test_examples_exist_for_each_story() -> None:
    names = {p.name for p in EXAMPLES}
    assert {
        "strong-partnership.json",
        "struggling-partnership.json",
        "new-partnership.json",
    } <= names
    assert (ROOT / "examples" / "new-partnership.toml").is_file()


def test_sections_left_out_are_not_recorded_and_empty_lists_are_data() -> None:
    state = StateBuilder().recorded("communications").build()
    assert state.communications == []
    assert state.metrics is None


def test_bad_date_names_path_and_shows_what_was_expected() -> None:
    doc = minimal()
    doc["communications"] = [{"date": "31/03/2026", "kind": "weekly_checkin", "channel": "video"}]
    with pytest.raises(ValidationProblem) as caught:
        validate_state(doc, "x.json")
    (problem,) = caught.value.problems
    assert str(problem) == (
        'x.json: $.communications[0].date: expected a date like 2026-03-31, got "31/03/2026"'
    )


def test_impossible_date_is_refused() -> None:
    doc = minimal()
    doc["partnership"]["start_date"] = "2026-02-30"
    with pytest.raises(ValidationProblem) as caught:
        validate_state(doc)
    assert caught.value.problems[0].path == "$.partnership.start_date"


def test_misspelled_field_suggests_the_nearest_valid_name() -> None:
    doc = minimal()
    doc["communications"] = [
        {"date": "2026-03-02", "kind": "qbr", "chanel": "video", "channel": "video"}
    ]
    with pytest.raises(ValidationProblem) as caught:
        validate_state(doc)
    (problem,) = caught.value.problems
    assert problem.path == "$.communications[0].chanel"
    assert "did you mean 'channel'?" in problem.message


def test_unknown_enum_value_lists_the_allowed_ones() -> None:
    doc = minimal()
    doc["communications"] = [{"date": "2026-03-02", "kind": "qbr", "channel": "pigeon"}]
    with pytest.raises(ValidationProblem) as caught:
        validate_state(doc)
    message = caught.value.problems[0].message
    assert "'email'" in message and '"pigeon"' in message


def test_every_problem_is_reported_not_only_the_first() -> None:
    doc = minimal()
    doc["communications"] = [
        {"date": "nope", "kind": "qbr", "channel": "video"},
        {"date": "2026-01-01", "kind": "unknown", "channel": "video"},
    ]
    del doc["partnership"]["name"]
    with pytest.raises(ValidationProblem) as caught:
        validate_state(doc)
    paths = {p.path for p in caught.value.problems}
    assert paths == {"$.partnership", "$.communications[0].date", "$.communications[1].kind"}
    assert any("'name' is missing" in p.message for p in caught.value.problems)


def test_unknown_schema_version_is_refused_with_the_supported_ones() -> None:
    doc = minimal()
    doc["schema_version"] = "9.0"
    with pytest.raises(ValidationProblem) as caught:
        validate_state(doc)
    assert caught.value.problems[0].message == 'unknown schema_version "9.0"; this engine reads 1.0'


def test_non_object_document_is_refused() -> None:
    with pytest.raises(ValidationProblem, match="expected a JSON object"):
        validate_state([1, 2, 3])


def test_nan_is_refused() -> None:
    doc = StateBuilder().metric("m", observations=[("2026-01-31", float("nan"))]).to_dict()
    with pytest.raises(ValidationProblem) as caught:
        validate_state(doc)
    assert caught.value.problems[0].path == "$.metrics[0].observations[0].value"


def test_dangling_references_are_reported_with_paths() -> None:
    doc = (
        StateBuilder()
        .metric("ttf", kind="time_to_fill")
        .goal("G1", metric_ids=["ttf", "missing-metric"])
        .recognition("2025-06-01", milestone_id="M9")
        .issue("I1", "2025-05-01")
        .corrective_action("CA1", "2025-05-02", issue_id="I404")
        .to_dict()
    )
    with pytest.raises(ReferenceProblem) as caught:
        validate_state(doc)
    by_path = {p.path: p.message for p in caught.value.problems}
    assert set(by_path) == {
        "$.purpose.goals[0].metric_ids[1]",
        "$.recognitions[0].milestone_id",
        "$.improvement.corrective_actions[0].issue_id",
    }
    assert (
        by_path["$.purpose.goals[0].metric_ids[1]"]
        == "no metric has id 'missing-metric'; known metric ids: ttf"
    )


def test_duplicate_ids_are_reported() -> None:
    doc = StateBuilder().metric("ttf").metric("ttf").to_dict()
    with pytest.raises(ReferenceProblem) as caught:
        validate_state(doc)
    (problem,) = caught.value.problems
    assert problem.path == "$.metrics[1].id"
    assert "already used at $.metrics[0].id" in problem.message


def test_state_is_read_only() -> None:
    state = StateBuilder().build()
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises ValidationError for frozen models
        state.partnership.name = "changed"  # type: ignore[misc]


def test_model_round_trips_through_json() -> None:
    path = ROOT / "examples" / "strong-partnership.json"
    state = PartnershipState.model_validate_json(path.read_bytes())
    again = PartnershipState.model_validate_json(state.model_dump_json())
    assert again == state
