"""Severities compare by how severe they are, wherever they are compared."""

from __future__ import annotations

import pytest

from foundation_engine.cli.parser import build_parser
from foundation_engine.rulebook.severity import Severity


def test_severities_sort_from_least_to_most_severe() -> None:
    shuffled = [Severity.MEDIUM, Severity.CRITICAL, Severity.INFO, Severity.HIGH, Severity.LOW]
    assert sorted(shuffled) == [
        Severity.INFO,
        Severity.LOW,
        Severity.MEDIUM,
        Severity.HIGH,
        Severity.CRITICAL,
    ]
    assert max(shuffled) is Severity.CRITICAL


def test_a_severity_compares_with_a_word_as_that_severity() -> None:
    assert Severity.HIGH >= "medium"
    assert Severity.LOW < "medium"
    assert Severity.LOW <= "low"
    assert not Severity.INFO > "low"


def test_comparing_with_something_that_is_no_severity_fails_clearly() -> None:
    with pytest.raises(ValueError):
        assert Severity.HIGH > "urgent"
    with pytest.raises(TypeError, match="cannot compare a severity with int"):
        assert Severity.HIGH > 3


def test_the_command_line_offers_the_severities_most_severe_first() -> None:
    args = build_parser().parse_args(["assess", "state.json", "--fail-on", "high"])
    assert args.fail_on == "high"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["assess", "state.json", "--fail-on", "urgent"])
