"""Regenerate docs/state-format.md, the state format reference, from the state model."""

from __future__ import annotations

from pathlib import Path

from foundation_engine.cli.starter import starter_document
from foundation_engine.importing.state_format import state_format_markdown as render

ROOT = Path(__file__).resolve().parent.parent


def state_format_markdown() -> str:
    """The reference, with the starter state (``init --state``) as its examples."""
    return render(starter_document())


def main() -> None:
    target = ROOT / "docs" / "state-format.md"
    target.write_text(state_format_markdown(), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
