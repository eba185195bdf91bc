"""The example rule pack: declarative rules, generic checks only, loaded through config."""

from __future__ import annotations

from pathlib import Path

import pytest

from foundation_engine.core.config import load_config
from foundation_engine.core.engine import Engine
from foundation_engine.testing import (
    StateBuilder,
    assert_finding,
    check_plugin_conformance,
    plugin_engine,
)

PACK = Path(__file__).resolve().parents[2] / "examples" / "rule-packs" / "strict-communication"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return plugin_engine(config=load_config(PACK / "foundation.toml"), with_builtin_rules=True)


def test_pack_conforms() -> None:
    assert check_plugin_conformance(rule_paths=[PACK / "rules"]) == []


def test_pack_needs_no_python() -> None:
    assert sorted(p.suffix for p in PACK.rglob("*") if p.is_file()) == [
        ".md",
        ".toml",
        ".toml",
        ".toml",
        ".toml",
    ]


def test_config_loads_the_pack_and_replaces_com001(engine: Engine) -> None:
    ids = {r.id: r for r in engine.rules}
    assert {"COM901", "COM902", "COM903"} <= set(ids)
    assert "COM001" not in ids
    assert {ids[i].plugin for i in ("COM901", "COM902", "COM903")} == {"config"}
    assert ids["COM902"].option_values["min_share"] == 0.75


def test_pack_rules_judge_a_partnership(engine: Engine) -> None:
    state = (
        StateBuilder(start="2025-01-06", go_live="2025-02-03", as_of="2026-03-02")
        .weekly_touchpoints("2025-01-06", "2026-02-02", every_days=14, channel="phone")
        .touchpoint("2025-06-30", kind="qbr", channel="in_person")
    )
    report = engine.assess(state.build())
    assert_finding(report, "COM901", "failed", value=28)
    finding = assert_finding(report, "COM902", "failed", value=0.0)
    assert finding.message.endswith("policy asks for 75%.")
    assert_finding(report, "COM903", "failed", value=245, evidence=["/communications/29"])
