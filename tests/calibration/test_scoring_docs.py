"""docs/scoring.md shows the numbers the code gives today."""

from __future__ import annotations

import importlib.util
import sys

from tests.conftest import ROOT


def test_scoring_docs_are_current() -> None:
    path = ROOT / "scripts" / "generate_scoring_docs.py"
    spec = importlib.util.spec_from_file_location("generate_scoring_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_scoring_docs", module)
    spec.loader.exec_module(module)
    committed = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
    assert committed == module.render(), "run: python scripts/generate_scoring_docs.py"
