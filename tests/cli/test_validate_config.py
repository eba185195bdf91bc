"""``validate foundation.toml`` checks a configuration as assess reads it; ``schema config``
publishes its JSON Schema."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

from jsonschema import Draft202012Validator

from foundation_engine.core.config import starter_config

from ..conftest import EXAMPLES
from .conftest import Result


def test_foundation_toml_is_validated_as_a_config(
    cli: Callable[..., Result], workdir: Path
) -> None:
    (workdir / "foundation.toml").write_text(
        'select = ["ALL"]\nignore = ["COM0001"]\n\n[rules.COM001.options]\nmax_days = "three"\n'
    )
    result = cli("validate", "foundation.toml")
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: foundation.toml:2: $.ignore[0]: 'COM0001' names no loaded rule; "
        "did you mean 'COM001'?",
        "error: foundation.toml:5: $.rules.COM001.options.max_days: rule COM001: option "
        "max_days: expected a valid integer, unable to parse string as an integer, got 'three'",
        "foundation.toml: 2 problems",
        "1 of 1 file invalid",
    ]


def test_a_misspelt_key_is_named_with_did_you_mean(
    cli: Callable[..., Result], workdir: Path
) -> None:
    (workdir / "foundation.toml").write_text('select = ["ALL"]\nignor = ["COM001"]\n')
    result = cli("validate", "foundation.toml")
    assert result.code == 2
    assert result.err.startswith(
        "error: foundation.toml:2: $.ignor: unknown field 'ignor'; did you mean 'ignore'?\n"
    )


def test_a_good_config_and_a_state_are_both_ok(cli: Callable[..., Result], workdir: Path) -> None:
    (workdir / "foundation.toml").write_text('ignore = ["COM"]\n')
    state = str(EXAMPLES / "strong-partnership.json")
    result = cli("validate", "foundation.toml", state)
    assert result.code == 0, result.err
    assert result.out == f"ok: foundation.toml (config)\nok: {state} (state)\n"


def test_any_file_is_read_as_a_config_with_as_config(
    cli: Callable[..., Result], workdir: Path
) -> None:
    (workdir / "team.toml").write_text("strict = true\nwaivers = []\n")
    assert cli("validate", "--as", "config", "team.toml").out == "ok: team.toml (config)\n"
    (workdir / "team.toml").write_text("strict = 3\n")
    assert cli("validate", "--as", "config", "team.toml").code == 2


def test_a_pyproject_with_our_table_is_a_config(cli: Callable[..., Result], workdir: Path) -> None:
    (workdir / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.foundation-engine]\nselekt = ["COM"]\n'
    )
    result = cli("validate", "pyproject.toml")
    assert result.code == 2
    assert "pyproject.toml:5: $.selekt: unknown field 'selekt'; did you mean 'select'?" in (
        result.err
    )


def test_schema_config_describes_every_setting_and_accepts_the_starter(
    cli: Callable[..., Result],
) -> None:
    result = cli("schema", "config")
    assert result.code == 0, result.err
    schema = json.loads(result.out)
    assert {"select", "ignore", "rules", "waivers", "scoring", "limits"} <= set(
        schema["properties"]
    )
    assert schema["additionalProperties"] is False
    validator = Draft202012Validator(schema)
    assert list(validator.iter_errors(tomllib.loads(starter_config()))) == []
    assert [e.message for e in validator.iter_errors({"ignor": []})] == [
        "Additional properties are not allowed ('ignor' was unexpected)"
    ]
