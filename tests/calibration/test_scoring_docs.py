"""docs/scoring.md shows the numbers the code gives today."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.scripts import load_script


def test_scoring_docs_are_current() -> None:
    module = load_script(ROOT / "scripts" / "generate_scoring_docs.py")
    committed = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
    assert committed == module.render(), "run: python scripts/generate_scoring_docs.py"
