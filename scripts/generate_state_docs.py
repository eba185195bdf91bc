"""Regenerate docs/state-format.md, the state format reference, from the state model."""

from __future__ import annotations

from pathlib import Path

from foundation_engine.importing.state_format import state_format_markdown

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    target = ROOT / "docs" / "state-format.md"
    target.write_text(state_format_markdown(), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
