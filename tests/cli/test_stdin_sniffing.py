"""``cat state.toml | foundation-engine assess -``: TOML or JSON told from the first bytes."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import tomli_w

from foundation_engine.cli.input_sniffing import sniff_state_format

from .conftest import Result, gappy_state


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'{"partnership": {}}', "json"),
        (b'\xef\xbb\xbf\n\n  {"partnership": {}}', "json"),
        (b"# a state\n[partnership]\n", "toml"),
        (b"[partnership]\nid = 'x'\n", "toml"),
        (b'  ["partnership"]\n', "toml"),
        (b"[[communications]]\n", "toml"),
        (b"as_of = 2026-06-30\n", "toml"),
        (b"partnership.id = 'x'\n", "toml"),
        (b'[{"partnership": {}}]', None),
        (b"[1, 2]", None),
        (b"", None),
        (b"   \n", None),
        (b"PK\x03\x04 a workbook", None),
    ],
)
def test_the_format_is_told_from_the_first_non_blank_bytes(
    head: bytes, expected: str | None
) -> None:
    assert sniff_state_format(head) == expected


def test_a_toml_state_on_stdin_needs_no_input_format(
    cli_process: Callable[..., Result],
) -> None:
    text = "# exported by hand\n" + tomli_w.dumps(gappy_state(id="from-toml"))
    result = cli_process("assess", "-", "--format", "json", stdin=text.encode())
    assert result.code == 0, result.err
    assert json.loads(result.out)["partnership_id"] == "from-toml"


def test_json_on_stdin_still_reads_as_json(cli_process: Callable[..., Result]) -> None:
    data = json.dumps(gappy_state(id="from-json")).encode()
    result = cli_process("assess", "-", "--format", "json", "-v", stdin=data)
    assert result.code == 0, result.err
    assert json.loads(result.out)["partnership_id"] == "from-json"
    assert "input: standard input read as json (from its first bytes)" in result.err


@pytest.mark.parametrize(
    ("data", "why"),
    [(b"[1, 2]\n", "starts like neither a JSON object nor TOML"), (b"\n", "is empty")],
)
def test_ambiguous_stdin_asks_for_input_format(
    cli_process: Callable[..., Result], data: bytes, why: str
) -> None:
    result = cli_process("assess", "-", stdin=data)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"error: <stdin>: cannot tell whether the state is TOML or JSON: standard input {why}",
        "name the format with --input-format toml or --input-format json",
    ]
