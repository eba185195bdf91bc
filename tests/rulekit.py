"""A throwaway technique plugin for core tests: rules written into a temp folder."""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from foundation_engine import hookimpl

DOCS = {
    "what": "What it checks.",
    "why": "Why it matters.",
    "example": "An example.",
    "how_to_fix": "How to fix it.",
    "limitations": "Its limits.",
    "references": ["A reference"],
}


def rule(
    rule_id: str,
    check: str,
    params: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A complete rule document using check `check`; `options` become documented options."""
    document: dict[str, Any] = {
        "id": rule_id,
        "technique": "testing",
        "title": f"Test rule {rule_id}",
        "severity": "medium",
        "owner": "both",
        "since": "0.1.0",
        "recommendation": "Do better.",
        "strength": "Strong on {rule_id}: {value}.",
        "check": {"name": check, "params": params or {}},
        "options": {
            name: {"default": value, "description": f"{name} option", "source": "Judgement"}
            for name, value in (options or {}).items()
        },
        "message": {"failed": "Failed with {value}.", "passed": "Passed with {value}."},
        "docs": copy.deepcopy(DOCS),
    }
    document.update(extra)
    return document


class RuleFolder:
    """A plugin that registers a ``testing`` technique and a folder of rule files."""

    def __init__(
        self, folder: Path, rules: list[dict[str, Any]], *, technique: bool = True
    ) -> None:
        self.folder = folder
        self.technique = technique
        folder.mkdir(parents=True, exist_ok=True)
        for document in rules:
            (folder / f"{document['id']}.toml").write_text(tomli_w.dumps(document), "utf-8")

    @hookimpl
    def register_techniques(self, register: Callable[..., None]) -> None:
        if self.technique:
            register("testing", "Testing", "TST")

    @hookimpl
    def register_rule_paths(self, register: Callable[..., None]) -> None:
        register(self.folder)


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip()
