"""Regenerate docs/rules.md from the built-in rule files.

    python scripts/generate_rule_docs.py          # write docs/rules.md
    python scripts/generate_rule_docs.py --check  # exit 1 if it is out of date

A test fails when docs/rules.md drifts from the rule files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.rulebook.docs import render_rules_markdown

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "rules.md"


def rules_markdown() -> str:
    """The rules reference for the built-in plugins only, whatever else is installed."""
    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    registry = engine.registry
    techniques = sorted(registry.techniques.values(), key=lambda t: (t.order, t.id))
    groups = [
        (
            t.id,
            t.title,
            [(r.definition, r.plugin) for r in registry.rules if r.definition.technique == t.id],
        )
        for t in techniques
    ]
    return render_rules_markdown(groups)


def main(argv: list[str]) -> int:
    text = rules_markdown()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date; run scripts/generate_rule_docs.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
