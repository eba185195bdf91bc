"""Small files a hostile sender would write, each at the size that once hurt.

Each reproducer runs ``foundation-engine`` in a process capped at 2 GiB and
must finish within seconds with a clean result or a one-line error and exit
code 2. The sizes are those of the reports that found them.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import tomli_w

from foundation_engine.core.config import load_config
from foundation_engine.errors import ConfigError, ParseError, RuleDefinitionError
from foundation_engine.files.toml_input import MAX_KEY_PARTS, loads
from foundation_engine.formats.toml_state import load_toml
from foundation_engine.rulebook.loading import parse_rule
from tests.reliability.capped import assert_refused_cleanly, run_capped
from tests.rulekit import rule

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example_state() -> dict[str, object]:
    document: dict[str, object] = json.loads((EXAMPLES / "new-partnership.json").read_text())
    return document


# --------------------------------------------------------------------------
# TOML dotted keys: tomllib's cost grows with the square of a key's parts
# --------------------------------------------------------------------------

LONG_KEY = ".".join(["a"] * 40_000) + " = 1\n"  # 80 KB; 2.4 GB in tomllib


def test_a_dotted_key_of_40000_parts_is_refused_before_tomllib_sees_it() -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        loads("x = 1\n" + LONG_KEY)
    assert str(caught.value) == (
        f"a dotted key has more than {MAX_KEY_PARTS} parts; expected a shorter key "
        "(at line 2, column 1)"
    )


@pytest.mark.parametrize(
    "text",
    [
        ".".join(["a"] * (MAX_KEY_PARTS + 1)) + " = 1",
        "[" + " . ".join(['"q"'] * (MAX_KEY_PARTS + 1)) + "]",
        "t = { " + ".".join(["b"] * (MAX_KEY_PARTS + 1)) + " = 1 }",
    ],
    ids=["bare", "quoted-header", "inline-table"],
)
def test_every_way_of_writing_a_long_key_is_refused(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError, match="dotted key has more than"):
        loads(text)


def test_keys_within_the_bound_and_dotted_strings_are_read() -> None:
    key = ".".join(["a"] * MAX_KEY_PARTS)
    dotted_text = ".".join(["w"] * 100)
    document = loads(f'{key} = 1\nnote = "{dotted_text} with spaces"\nv = 1.5\n')
    assert document["note"].startswith("w.w.")
    assert document["v"] == 1.5


def test_a_long_key_in_a_state_file_is_a_parse_error_with_its_line() -> None:
    with pytest.raises(ParseError) as caught:
        load_toml(("x = 1\n" + LONG_KEY).encode(), "state.toml")
    (problem,) = caught.value.problems
    assert (problem.source, problem.line, problem.column) == ("state.toml", 2, 1)


def test_a_long_key_in_a_rule_file_is_a_rule_error() -> None:
    data = tomli_w.dumps(rule("TST900", "present", {"path": "/partnership"})) + LONG_KEY
    with pytest.raises(RuleDefinitionError, match="dotted key has more than"):
        parse_rule(data.encode(), "pack/TST900.toml")


def test_a_long_key_in_a_config_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "foundation.toml"
    config.write_text(LONG_KEY)
    with pytest.raises(ConfigError, match="dotted key has more than"):
        load_config(config)


@pytest.mark.parametrize("where", ["state", "config", "rule"])
def test_a_long_dotted_key_ends_in_one_line_under_a_memory_cap(tmp_path: Path, where: str) -> None:
    state = tmp_path / "state.toml"
    state.write_text(
        tomli_w.dumps(example_state()) + ("\n[extensions]\n" + LONG_KEY) * (where == "state")
    )
    argv = ["assess", "state.toml"]
    if where == "config":
        (tmp_path / "foundation.toml").write_text(LONG_KEY)
    if where == "rule":
        (tmp_path / "rules").mkdir()
        (tmp_path / "rules" / "COM990.toml").write_text(LONG_KEY)
        (tmp_path / "foundation.toml").write_text('rule_paths = ["rules"]\n')
    run = run_capped(argv, tmp_path)
    assert_refused_cleanly(run, most_seconds=5, most_lines=2)
    assert "dotted key has more than" in run.stderr


# --------------------------------------------------------------------------
# broken records by the hundred thousand: counted before validation, capped after
# --------------------------------------------------------------------------


def write_state(path: Path, **lists: object) -> Path:
    document = example_state()
    document.update(lists)
    path.write_text(json.dumps(document, separators=(",", ":")))
    return path


def test_120000_repeated_keys_are_reported_in_one_capped_list(tmp_path: Path) -> None:
    pairs = ",".join(f'"k{i}":0,"k{i}":0' for i in range(120_000))  # 2.7 MB
    text = json.dumps(example_state())[:-1] + ',"extensions":{"x":{' + pairs + "}}}"
    (tmp_path / "repeated.json").write_text(text)
    run = run_capped(["assess", "repeated.json"], tmp_path)
    assert_refused_cleanly(run, most_seconds=5, most_lines=1)
    assert "$.extensions.x: object has 120,000 keys; the limit is 100,000" in run.stderr
    # Under raised limits every repeat is found, linearly, and the first 50 are listed.
    (tmp_path / "foundation.toml").write_text("[limits]\nmax_records = 1000000\n")
    run = run_capped(["assess", "repeated.json"], tmp_path)
    assert_refused_cleanly(run, most_seconds=8)
    lines = run.error_lines()
    assert len(lines) == 51
    assert lines[0].endswith(
        "duplicate key 'k0': this object names it more than once; "
        "expected each key once (only one of the values would be kept)"
    )
    assert lines[-1] == (
        "error: repeated.json: and 119,950 more problems of the same kinds "
        "(only the first 50 are shown)"
    )


def test_a_million_empty_records_are_refused_by_their_count_before_validation(
    tmp_path: Path,
) -> None:
    write_state(tmp_path / "empty.json", communications=[{}] * 1_000_000)  # 3 MB
    run = run_capped(["assess", "empty.json"], tmp_path)
    assert_refused_cleanly(run, most_seconds=5, most_lines=1)
    assert run.error_lines() == [
        "error: empty.json: $.communications: list has 1,000,000 items; the limit is "
        "100,000 (raise it with limits.max_records)"
    ]


def test_three_million_records_at_9_mb_are_refused_without_validation(tmp_path: Path) -> None:
    write_state(tmp_path / "empty.json", communications=[{}] * 3_000_000)
    run = run_capped(["assess", "empty.json"], tmp_path)
    assert_refused_cleanly(run, most_seconds=8, most_lines=1)


def test_broken_records_under_the_limit_stop_after_the_first_fifty_problems(
    tmp_path: Path,
) -> None:
    # Eight lists of 100,000 empty records each (3.2 MB): 2.6 million errors once took
    # a minute and 2.7 GB to list.
    lists = ["communications", "metrics", "recognitions", "milestones", "escalations",
             "action_items", "requisitions", "surveys"]  # fmt: skip
    write_state(tmp_path / "broken.json", **{name: [{}] * 100_000 for name in lists})
    run = run_capped(["assess", "broken.json"], tmp_path)
    assert_refused_cleanly(run, most_seconds=8)
    lines = run.error_lines()
    assert len(lines) == 51
    assert lines[0] == "error: broken.json: $.communications[0]: required field 'date' is missing"
    assert lines[-1] == (
        "error: broken.json: and perhaps more: lists this long are validated record by "
        "record, and validation stops after the first 50 problems"
    )


def test_broken_records_nested_inside_records_stop_early_too(tmp_path: Path) -> None:
    metric = {"id": "m", "name": "M", "kind": "time_to_fill", "unit": "days",
              "direction": "lower", "observations": [{}] * 250}  # fmt: skip
    metrics = [{**metric, "id": f"m{i}"} for i in range(2_000)]  # 500,000 observations
    write_state(tmp_path / "nested.json", metrics=metrics)
    run = run_capped(["assess", "nested.json"], tmp_path)
    assert_refused_cleanly(run, most_seconds=8)
    assert run.error_lines()[0].startswith("error: nested.json: $.metrics[0].observations[0]: ")


def test_an_object_with_too_many_keys_is_refused_by_its_count(tmp_path: Path) -> None:
    document = example_state()
    document.update({f"k{i}": 1 for i in range(150_000)})
    (tmp_path / "keys.json").write_text(json.dumps(document))
    run = run_capped(["assess", "keys.json"], tmp_path)
    assert_refused_cleanly(run, most_seconds=5, most_lines=1)
    assert run.error_lines() == [
        "error: keys.json: $: object has 150,012 keys; the limit is 100,000 "
        "(raise it with limits.max_records)"
    ]


def test_unknown_keys_under_the_limit_are_capped(tmp_path: Path) -> None:
    document = example_state()
    document.update({f"k{i}": 1 for i in range(90_000)})
    (tmp_path / "keys.json").write_text(json.dumps(document))
    run = run_capped(["assess", "keys.json"], tmp_path)
    assert_refused_cleanly(run, most_seconds=5)
    assert run.error_lines()[-1] == (
        "error: keys.json: and 89,950 more problems of the same kinds (only the first 50 are shown)"
    )


def test_a_toml_state_of_broken_records_is_validated_record_by_record(tmp_path: Path) -> None:
    document = example_state()
    text = tomli_w.dumps(document) + "\n[[communications]]\n" * 20_000
    (tmp_path / "broken.toml").write_text(text)
    run = run_capped(["assess", "broken.toml"], tmp_path)
    assert_refused_cleanly(run, most_seconds=8)
    assert len(run.error_lines()) == 51


# --------------------------------------------------------------------------
# dates are written as dates, never as numbers (Unix time)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 86_400, 1.0e9, True])
def test_a_number_is_not_a_date_in_json_toml_or_a_dict(value: object) -> None:
    from foundation_engine.errors import ValidationProblem
    from foundation_engine.formats.json_state import load_json
    from foundation_engine.state.validation import validate_state

    document = example_state()
    document["partnership"]["start_date"] = value  # type: ignore[index]
    expected = f"expected a date like 2026-03-31, got {json.dumps(value)}"
    with pytest.raises(ValidationProblem) as as_json:
        load_json(json.dumps(document).encode(), "state.json")
    with pytest.raises(ValidationProblem) as as_dict:
        validate_state(document, "<dict>")
    toml = tomli_w.dumps(document).encode()
    with pytest.raises(ValidationProblem) as as_toml:
        validate_state(load_toml(toml, "state.toml"), "state.toml")
    for caught in (as_json, as_dict, as_toml):
        (problem,) = caught.value.problems
        assert (problem.path, problem.message) == ("$.partnership.start_date", expected)


def test_init_does_not_replace_a_dangling_config_link_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    from foundation_engine.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FOUNDATION_ENGINE_LOAD_PLUGINS", "")
    os.symlink(tmp_path / "elsewhere" / "foundation.toml", tmp_path / "foundation.toml")
    assert main(["init"]) == 2
    assert "foundation.toml already exists" in capsys.readouterr().err
    assert os.path.islink(tmp_path / "foundation.toml")
    assert main(["init", "--force"]) == 0
    assert not os.path.islink(tmp_path / "foundation.toml")
