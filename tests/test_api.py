"""The one-call API: engines shared per configuration, every setting honoured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foundation_engine import api
from foundation_engine.core.config import EngineConfig
from foundation_engine.errors import LimitExceeded
from foundation_engine.report.model import Report
from foundation_engine.testing import StateBuilder

from .conftest import EXAMPLES


def _large_state_text() -> str:
    builder = StateBuilder(start="2025-01-06", as_of="2026-01-05")
    text = json.dumps(builder.weekly_touchpoints("2025-01-06", "2026-01-05").to_dict())
    assert len(text) > 5_000
    return text


def test_same_config_shares_one_engine() -> None:
    config = EngineConfig(select=["COM"])
    assert api.default_engine(config) is api.default_engine(EngineConfig(select=["COM"]))


def test_a_later_call_with_a_smaller_input_limit_refuses_the_input() -> None:
    text = _large_state_text()
    assert api.assess(text).partnership_id
    small = EngineConfig.model_validate({"limits": {"max_input_bytes": 100}})
    with pytest.raises(LimitExceeded):
        api.assess(text, config=small)


def test_rule_budget_reaches_the_engine_of_a_later_call() -> None:
    plain = api.default_engine(EngineConfig())
    budgeted = api.default_engine(EngineConfig.model_validate({"limits": {"rule_seconds": 0.5}}))
    assert budgeted is not plain
    assert budgeted.config.limits.rule_seconds == 0.5
    assert plain.config.limits.rule_seconds is None


# -- which configuration assess() uses ------------------------------------------


@pytest.fixture
def folder_with_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "foundation.toml").write_text('select = ["COM001"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _rules_run(report: Report) -> set[str]:
    return {f.rule_id for f in report.findings}


def test_assess_ignores_foundation_toml_by_default(folder_with_config: Path) -> None:
    assert len(_rules_run(api.assess(EXAMPLES / "strong-partnership.json"))) > 1


def test_assess_discovers_foundation_toml_like_the_command_line(
    folder_with_config: Path,
) -> None:
    report = api.assess(EXAMPLES / "strong-partnership.json", config="discover")
    assert _rules_run(report) == {"COM001"}


def test_assess_reads_a_named_config_file(folder_with_config: Path) -> None:
    for path in (folder_with_config / "foundation.toml", "foundation.toml"):
        report = api.assess(EXAMPLES / "strong-partnership.json", config=path)
        assert _rules_run(report) == {"COM001"}


def test_discover_without_a_config_file_uses_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    discovered = api.assess(EXAMPLES / "strong-partnership.json", config="discover")
    assert discovered == api.assess(EXAMPLES / "strong-partnership.json")


def test_the_package_shows_only_public_names() -> None:
    import foundation_engine

    private = [n for n in dir(foundation_engine) if n.startswith("_") and n != "__version__"]
    assert private == []
    assert all(hasattr(foundation_engine, name) for name in dir(foundation_engine))


def test_rating_is_a_str_enum_with_a_label() -> None:
    from foundation_engine import Rating

    report = api.assess(EXAMPLES / "struggling-partnership.json")
    assert report.rating is Rating.AT_RISK
    assert json.dumps(report.rating) == '"at_risk"'  # a str: compares and writes as its value
    assert (Rating.AT_RISK.label, report.rating_label) == ("At risk", "At risk")
    assert json.loads(report.model_dump_json())["rating"] == "at_risk"
    assert Rating.INSUFFICIENT_DATA.label == "Insufficient data"


def test_a_configured_band_name_stays_a_plain_string() -> None:
    config = EngineConfig.model_validate(
        {
            "rating_bands": [
                {"name": "excellent", "min_score": 0},
            ],
            "scoring": {"caps": []},
        }
    )
    report = api.assess(EXAMPLES / "strong-partnership.json", config=config)
    assert (report.rating, type(report.rating), report.rating_label) == (
        "excellent",
        str,
        "Excellent",
    )
