"""Render the struggling example's HTML report: examples/struggling-partnership.report.html.

The committed page shows people what a report looks like without installing
anything; a test fails when it drifts from what the engine renders today.
Run after changing rules, templates or the example: ``python scripts/render_example_report.py``.
"""

from __future__ import annotations

from pathlib import Path

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.writers.html_report import write_html

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / "examples" / "struggling-partnership.json"
TARGET = ROOT / "examples" / "struggling-partnership.report.html"


def render(state: Path = STATE) -> str:
    """The example's HTML report with the built-in rules and default config only."""
    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    return write_html(engine.assess(state))


def main() -> None:
    TARGET.write_text(render(), encoding="utf-8", newline="\n")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
