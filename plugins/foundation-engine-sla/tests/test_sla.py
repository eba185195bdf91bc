"""The SLA rule set, tested through foundation-engine's testing kit."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from foundation_engine import Engine, EngineConfig
from foundation_engine.errors import ValidationProblem
from foundation_engine.testing import (
    StateBuilder,
    assert_finding,
    assert_no_errors,
    assert_plugin_conformance,
)

import foundation_engine_sla

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sla-partnership.json"

TTF_SLA = {
    "id": "SLA-TTF",
    "name": "Time to fill at most 45 days",
    "metric_id": "ttf",
    "threshold": 45,
    "comparison": "at_most",
    "period": "monthly",
    "credit_percent": 2,
}


@pytest.fixture
def engine(plugin_engine: Callable[..., Engine]) -> Engine:
    return plugin_engine(foundation_engine_sla)


def sla_state(
    state_builder: type[StateBuilder],
    observations: list[tuple[str, float]],
    register: dict[str, Any] | None = None,
    *,
    as_of: str = "2026-06-30",
) -> StateBuilder:
    """A partnership tracking time to fill, with an SLA register (default: the TTF SLA)."""
    builder = state_builder(start="2025-07-07", as_of=as_of).metric(
        "ttf", "Time to fill", kind="time_to_fill", observations=observations
    )
    if register is None:
        register = {"definitions": [TTF_SLA]}
    return builder.extension("sla", register)


# -- the plugin as a whole ----------------------------------------------------


def test_plugin_conforms() -> None:
    assert_plugin_conformance(foundation_engine_sla)


def test_installed_plugin_is_found_through_its_entry_point() -> None:
    names = {ep.name: ep.value for ep in entry_points(group="foundation_engine")}
    assert names.get("sla") == "foundation_engine_sla"
    engine = Engine(EngineConfig(), entrypoints=["sla"])
    assert "sla" in {t.id for t in engine.techniques}
    assert engine.registry.techniques["sla"].plugin == "sla"


def test_example_state_gets_a_seventh_technique_score(
    plugin_engine: Callable[..., Engine],
) -> None:
    report = plugin_engine(foundation_engine_sla, with_builtin_rules=True).assess(EXAMPLE)
    assert_no_errors(report)
    sla = [t for t in report.techniques if t.technique == "sla"]
    assert len(sla) == 1 and sla[0].score is not None and sla[0].rules_run == 4
    assert_finding(report, "SLA003", "failed", value=["cnps"])
    assert "sla" not in " ".join(report.warnings)


def test_register_is_validated_with_json_paths(engine: Engine, state_builder: Any) -> None:
    bad = {"definitions": [{**TTF_SLA, "comparison": "below"}]}
    with pytest.raises(ValidationProblem) as caught:
        engine.assess(sla_state(state_builder, [], bad).to_dict())
    assert [p.path for p in caught.value.problems] == ["$.extensions.sla.definitions[0].comparison"]


def test_rules_are_not_applicable_without_a_register(engine: Engine, state_builder: Any) -> None:
    report = engine.assess(state_builder().build())
    for rule_id in ("SLA001", "SLA002", "SLA003", "SLA004"):
        assert_finding(report, rule_id, "not_applicable", message_contains="extensions.sla")


# -- SLA001 --------------------------------------------------------------------


def test_SLA001_fails_for_a_miss_without_action(engine: Engine, state_builder: Any) -> None:
    state = sla_state(state_builder, [("2026-02-28", 44), ("2026-03-31", 52)]).recorded(
        "corrective_actions"
    )
    assert_finding(
        engine.assess(state.build()),
        "SLA001",
        "failed",
        value=1,
        evidence=["/extensions/sla/definitions/0", "/metrics/0/observations/1"],
    )


def test_SLA001_passes_when_an_action_follows_the_miss(engine: Engine, state_builder: Any) -> None:
    state = sla_state(state_builder, [("2026-03-31", 52)]).corrective_action(
        "CA-1", "2026-04-03", metric_id="ttf"
    )
    assert_finding(
        engine.assess(state.build()),
        "SLA001",
        "passed",
        value=0,
        evidence=["/improvement/corrective_actions/0"],
    )


def test_SLA001_counts_actions_linked_through_an_issue(engine: Engine, state_builder: Any) -> None:
    state = (
        sla_state(state_builder, [("2026-03-31", 52)])
        .issue("ISS-1", "2026-03-20", metric_id="ttf")
        .corrective_action("CA-1", "2026-03-21", issue_id="ISS-1")
    )
    assert_finding(engine.assess(state.build()), "SLA001", "passed")


def test_SLA001_ignores_actions_on_other_metrics_or_too_late(
    engine: Engine, state_builder: Any
) -> None:
    state = (
        sla_state(state_builder, [("2026-03-31", 52)])
        .metric("oar", kind="offer_acceptance_rate")
        .corrective_action("CA-1", "2026-04-02", metric_id="oar")
        .corrective_action("CA-2", "2026-04-20", metric_id="ttf")
    )
    assert_finding(engine.assess(state.build()), "SLA001", "failed", value=1)


def test_SLA001_waits_for_the_allowed_days(engine: Engine, state_builder: Any) -> None:
    state = sla_state(state_builder, [("2026-06-26", 52)]).recorded("corrective_actions")
    assert_finding(engine.assess(state.build()), "SLA001", "passed", value=0)


def test_SLA001_max_days_is_configurable(
    plugin_engine: Callable[..., Engine], state_builder: Any
) -> None:
    config = EngineConfig.model_validate(
        {"rules": {"SLA001": {"options": {"max_days_to_action": 1}}}}
    )
    state = sla_state(state_builder, [("2026-06-26", 52)]).recorded("corrective_actions")
    report = plugin_engine(foundation_engine_sla, config=config).assess(state.build())
    assert_finding(report, "SLA001", "failed", value=1)


def test_SLA001_not_applicable_without_corrective_actions(
    engine: Engine, state_builder: Any
) -> None:
    state = sla_state(state_builder, [("2026-03-31", 52)])
    assert_finding(engine.assess(state.build()), "SLA001", "not_applicable")


# -- SLA002 --------------------------------------------------------------------


def test_SLA002_fails_for_an_unrecorded_credit(engine: Engine, state_builder: Any) -> None:
    register = {
        "definitions": [TTF_SLA],
        "service_credits": [{"sla_id": "SLA-TTF", "period_end": "2026-02-28", "percent": 2}],
    }
    state = sla_state(state_builder, [("2026-02-28", 50), ("2026-03-31", 52)], register)
    finding = assert_finding(
        engine.assess(state.build()),
        "SLA002",
        "failed",
        value=1,
        evidence=["/extensions/sla/definitions/0", "/metrics/0/observations/1"],
    )
    assert "SLA-TTF 2026-03-31" in finding.message


def test_SLA002_passes_when_every_credit_is_recorded(engine: Engine, state_builder: Any) -> None:
    register = {
        "definitions": [TTF_SLA],
        "service_credits": [{"sla_id": "SLA-TTF", "period_end": "2026-03-31", "percent": 2}],
    }
    state = sla_state(state_builder, [("2026-03-31", 52)], register)
    assert_finding(
        engine.assess(state.build()),
        "SLA002",
        "passed",
        evidence=["/extensions/sla/service_credits/0"],
    )


def test_SLA002_owes_nothing_for_an_sla_without_credit(engine: Engine, state_builder: Any) -> None:
    register = {"definitions": [{**TTF_SLA, "credit_percent": 0}], "service_credits": []}
    state = sla_state(state_builder, [("2026-03-31", 52)], register)
    assert_finding(engine.assess(state.build()), "SLA002", "passed", value=0)


def test_SLA002_not_applicable_without_a_credit_ledger(engine: Engine, state_builder: Any) -> None:
    state = sla_state(state_builder, [("2026-03-31", 52)])
    assert_finding(engine.assess(state.build()), "SLA002", "not_applicable")


# -- SLA003 --------------------------------------------------------------------


def test_SLA003_fails_for_an_sla_on_an_unknown_metric(engine: Engine, state_builder: Any) -> None:
    register = {"definitions": [TTF_SLA, {**TTF_SLA, "id": "SLA-NPS", "metric_id": "cnps"}]}
    state = sla_state(state_builder, [("2026-03-31", 40)], register)
    assert_finding(
        engine.assess(state.build()),
        "SLA003",
        "failed",
        value=["cnps"],
        evidence=["/extensions/sla/definitions/1/metric_id"],
    )


def test_SLA003_fails_for_a_metric_without_observations(engine: Engine, state_builder: Any) -> None:
    state = sla_state(state_builder, [])
    assert_finding(engine.assess(state.build()), "SLA003", "failed", value=["ttf"])


def test_SLA003_passes_for_tracked_metrics(engine: Engine, state_builder: Any) -> None:
    state = sla_state(state_builder, [("2026-03-31", 40)])
    assert_finding(engine.assess(state.build()), "SLA003", "passed", evidence=["/metrics/0"])


# -- SLA004 --------------------------------------------------------------------


def test_SLA004_fails_when_only_penalties(engine: Engine, state_builder: Any) -> None:
    state = sla_state(state_builder, [], {"definitions": [TTF_SLA], "incentives": []})
    assert_finding(
        engine.assess(state.build()),
        "SLA004",
        "failed",
        evidence=["/extensions/sla/definitions/0/credit_percent", "/extensions/sla/incentives"],
    )


def test_SLA004_passes_with_an_incentive(engine: Engine, state_builder: Any) -> None:
    register = {
        "definitions": [TTF_SLA],
        "incentives": [{"id": "bonus", "description": "Bonus below 35 days", "metric_id": "ttf"}],
    }
    state = sla_state(state_builder, [], register)
    assert_finding(engine.assess(state.build()), "SLA004", "passed", value=1)


def test_SLA004_reads_the_contract_terms(engine: Engine, state_builder: Any) -> None:
    state = sla_state(state_builder, []).contract_terms(positive_incentives=True)
    assert_finding(
        engine.assess(state.build()),
        "SLA004",
        "passed",
        evidence=["/partnership/contract_terms/positive_incentives"],
    )


def test_SLA004_not_applicable_when_nothing_says(engine: Engine, state_builder: Any) -> None:
    state = sla_state(state_builder, [])
    assert_finding(engine.assess(state.build()), "SLA004", "not_applicable")


def test_SLA004_not_applicable_without_penalties(engine: Engine, state_builder: Any) -> None:
    register = {"definitions": [{**TTF_SLA, "credit_percent": 0}], "incentives": []}
    state = sla_state(state_builder, [], register)
    assert_finding(engine.assess(state.build()), "SLA004", "not_applicable")
