"""Small plugins that misbehave on purpose, and the rule files that use them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from foundation_engine import hookimpl
from foundation_engine.checks import CheckContext, Outcome, check
from foundation_engine.state.model import PartnershipState

RULE = """\
id = "{id}"
name = "{name}"
technique = "communication"
title = "A rule run by the fault isolation tests"
severity = "medium"
owner = "both"
since = "0.1.0"
recommendation = "Fix the plugin."

[check]
name = "{check}"

[message]
failed = "Failed."
passed = "Passed."

[docs]
what = "Runs a misbehaving check."
why = "To show one faulty plugin does not stop an assessment."
example = "A check that raises."
how_to_fix = "Fix the check."
limitations = "Test only."
references = ["docs/plugins.md"]
"""


def rule_text(rule_id: str, check_name: str) -> str:
    """A complete rule file for `rule_id`, named after it, running `check_name`."""
    return RULE.format(id=rule_id, name=f"test-rule-{rule_id.lower()}", check=check_name)


def rule_folder(tmp: Path, rules: dict[str, str]) -> Path:
    """Write one rule file per id -> check name; returns the folder."""
    folder = tmp / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    for rule_id, check_name in rules.items():
        (folder / f"{rule_id}.toml").write_text(rule_text(rule_id, check_name))
    return folder


@check("faulty.raises")
def raises(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    raise KeyError("client")


@check("faulty.wrong_type")
def wrong_type(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    return True  # type: ignore[return-value]


@check("faulty.dangling")
def dangling(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    return Outcome.failed(1, ["/communications/99", "/partnership/name"])


@check("faulty.fine")
def fine(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    return Outcome.passed(1, ["/partnership/name"])


class FaultyPlugin:
    """Registers three faulty checks and one good one, plus a rule folder."""

    __name__ = "faulty-plugin"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        for function in (raises, wrong_type, dangling, fine):
            register(function)

    @hookimpl
    def register_rule_paths(self, register: Callable[..., None]) -> None:
        register(self.folder)


class NamedPlugin:
    """A plugin with a chosen name that registers the given checks and rule folder."""

    def __init__(
        self, name: str, checks: tuple[Callable[..., Outcome], ...] = (), folder: Path | None = None
    ) -> None:
        self.__name__ = name
        self.checks = checks
        self.folder = folder

    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        for function in self.checks:
            register(function)

    @hookimpl
    def register_rule_paths(self, register: Callable[..., None]) -> None:
        if self.folder is not None:
            register(self.folder)
