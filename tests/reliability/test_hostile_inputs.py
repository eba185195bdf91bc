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
