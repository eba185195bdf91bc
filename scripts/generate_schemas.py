"""Regenerate the committed JSON Schemas under schemas/ from the models."""

from __future__ import annotations

from pathlib import Path

from foundation_engine.cli.schema_documents import SCHEMAS, schema_filename, schema_text

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    for name in SCHEMAS:
        target = ROOT / "schemas" / schema_filename(name)
        target.write_text(schema_text(name), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
