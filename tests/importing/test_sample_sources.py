"""The sample sources under examples/sources/ are current with their generator, and usable."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from foundation_engine.core.engine import Engine
from tests.scripts import load_script

from ..conftest import EXAMPLES

SOURCES = EXAMPLES / "sources"


def archive_contents(data: bytes) -> dict[str, bytes]:
    """A workbook by what it holds: each member's name and its uncompressed bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {member.filename: archive.read(member) for member in archive.infolist()}


def test_the_sample_sources_are_up_to_date_with_their_generator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = load_script(EXAMPLES.parent / "scripts" / "build_sample_sources.py")
    monkeypatch.setattr(module, "SOURCES", tmp_path / "sources")
    monkeypatch.setattr(module, "ROOT", tmp_path)
    module.main()
    generated = sorted(p.name for p in (tmp_path / "sources").iterdir())
    assert generated == sorted(p.name for p in SOURCES.iterdir())
    for name in generated:
        fresh = (tmp_path / "sources" / name).read_bytes()
        committed = (SOURCES / name).read_bytes()
        if name.endswith(".xlsx"):  # compression may differ between zlib builds
            same = archive_contents(fresh) == archive_contents(committed)
        else:
            same = fresh == committed
        assert same, f"examples/sources/{name} drifted: run python scripts/build_sample_sources.py"


def test_the_sample_workbook_is_a_state_of_its_own(engine: Engine) -> None:
    report = engine.assess(SOURCES / "partnership.xlsx")
    assert report.partnership_id == "northwind-talentbridge"
    assert not [f for f in report.findings if f.status.value == "error"]
