"""The package keeps its layers: a module imports only from its own layer or the ones before it."""

from __future__ import annotations

import ast
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "foundation_engine"

#: The layers in order, as docs/architecture.md lists them.
LAYERS = (
    "errors",
    "_version",
    "state",
    "files",
    "rulebook",
    "checks",
    "plugin",
    "report",
    "core",
    "progress",
    "formats",
    "importing",
    "writers",
    "rules",
    "batch",
    "cli",
    "testing",
    "api",
    "__init__",
    "__main__",
)
#: Imported by plugin modules of every layer: the markers only.
EVERYWHERE = {"foundation_engine.plugin.hookspecs"}


def _modules() -> list[Path]:
    """Every module of the package, the linked ``rules/`` folder included."""
    found = []
    for folder, _, names in os.walk(PACKAGE, followlinks=True):
        found += [Path(folder) / name for name in names if name.endswith(".py")]
    return sorted(found)


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _runtime_imports(tree: ast.Module) -> list[str]:
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    return [
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.startswith("foundation_engine")
        and id(node) not in typing_only
    ]


def test_every_module_belongs_to_a_known_layer() -> None:
    for path in _modules():
        top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        assert top in LAYERS, f"{path}: {top!r} is not a layer listed in docs/architecture.md"


def test_no_module_imports_from_a_later_layer() -> None:
    wrong = []
    for path in _modules():
        mine = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        for module in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            theirs = _layer(module)
            if module in EVERYWHERE or theirs == mine:
                continue
            if LAYERS.index(theirs) > LAYERS.index(mine):
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert wrong == []


def test_the_built_in_rule_sets_are_checked_too() -> None:
    assert PACKAGE / "rules" / "communication" / "checks.py" in _modules()


def test_the_layer_table_in_the_architecture_doc_names_every_folder() -> None:
    doc = (PACKAGE.parent.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    missing = [name for name in sorted(folders) if f"| `{name}/`" not in doc]
    assert missing == []
