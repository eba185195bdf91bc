"""The bundled examples tell the stories their names promise."""

from __future__ import annotations

from pathlib import Path

import pytest

from foundation_engine.checks import Status
from foundation_engine.core.engine import Engine
from foundation_engine.rulebook.model import Severity
from foundation_engine.state.vocabulary import Phase
from tests.scripts import load_script

from .conftest import EXAMPLES


def test_strong_partnership_is_in_the_top_band_without_serious_findings(engine: Engine) -> None:
    report = engine.assess(EXAMPLES / "strong-partnership.json")
    top_band = max(engine.config.rating_bands, key=lambda band: band.min_score)
    assert report.rating == top_band.name
    serious = [
        f.rule_id
        for f in report.findings
        if f.status is Status.FAILED and f.severity in (Severity.HIGH, Severity.CRITICAL)
    ]
    assert serious == []
    assert not [f for f in report.findings if f.status is Status.ERROR]
    assert len(report.strengths) >= 30


def test_struggling_partnership_flags_problems_in_at_least_four_techniques(engine: Engine) -> None:
    report = engine.assess(EXAMPLES / "struggling-partnership.json")
    techniques = {f.technique for f in report.failed()}
    assert len(techniques) >= 4, techniques
    assert report.rating == "at_risk"
    assert not [f for f in report.findings if f.status is Status.ERROR]


def test_new_partnership_is_not_punished_for_ramp_up_but_impatience_is_flagged(
    engine: Engine,
) -> None:
    report = engine.assess(EXAMPLES / "new-partnership.json")
    assert report.phase is Phase.IMPLEMENTATION
    failed = {f.rule_id for f in report.failed(include_related=True)}
    assert failed == {"URG001", "URG002"}  # the termination threat on day 36
    # the escalation that carried the threat is one defect with it, shown beside it
    assert [f.rule_id for f in report.failed()] == ["URG001"]
    assert next(f for f in report.findings if f.rule_id == "URG002").related_to == "URG001"
    assert report.rating != "strong"  # an open termination threat caps the rating
    outcome_rules = [f for f in report.findings if f.rule_id in {"URG003", "URG009", "IMP006"}]
    assert outcome_rules and all(f.status is Status.NOT_APPLICABLE for f in outcome_rules)
    assert all(f.weight == 0 for f in outcome_rules)


def test_toml_and_json_examples_give_the_same_report(engine: Engine) -> None:
    from_json = engine.assess(EXAMPLES / "new-partnership.json")
    from_toml = engine.assess(EXAMPLES / "new-partnership.toml")
    assert from_json.model_dump_json() == from_toml.model_dump_json()


def test_examples_are_up_to_date_with_their_generator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = load_script(EXAMPLES.parent / "scripts" / "build_examples.py")
    monkeypatch.setattr(module, "EXAMPLES", tmp_path)
    monkeypatch.setattr(module, "ROOT", tmp_path.parent)
    module.main()
    for generated in sorted(tmp_path.iterdir()):
        committed = EXAMPLES / generated.name
        assert committed.read_bytes() == generated.read_bytes(), (
            f"{committed.name} drifted: run python scripts/build_examples.py"
        )
