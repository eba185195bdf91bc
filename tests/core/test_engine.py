"""The engine: phases, scoring, waivers, configuration, plugins, faults, determinism."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from foundation_engine import Outcome, assess, check, hookimpl
from foundation_engine.checks import CheckContext, Status
from foundation_engine.core.config import (
    EngineConfig,
    PhaseBoundaries,
    config_from_mapping,
    discover_config,
    load_config,
    starter_config,
)
from foundation_engine.core.engine import Engine
from foundation_engine.core.phase import derive_phase
from foundation_engine.errors import ConfigError, PluginError, RuleDefinitionError
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.state import PartnershipState
from foundation_engine.state.vocabulary import Phase
from foundation_engine.testing.builder import StateBuilder
from tests.rulekit import RuleFolder, rule

from ..conftest import EXAMPLES, GENERIC, finding


def state(**kw: Any) -> PartnershipState:
    return StateBuilder(**kw).build()


# -- phase --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("go_live", "as_of", "expected"),
    [
        ("2026-03-02", "2026-02-01", Phase.IMPLEMENTATION),
        ("2026-03-02", "2026-03-02", Phase.RAMP_UP),
        ("2026-03-02", "2026-05-30", Phase.RAMP_UP),
        ("2026-03-02", "2026-05-31", Phase.STEADY_STATE),
        (None, "2026-03-29", Phase.IMPLEMENTATION),  # start + 84 days is 2026-03-30
        (None, "2026-03-30", Phase.RAMP_UP),
    ],
)
def test_phase_is_derived_from_the_dates(go_live: str | None, as_of: str, expected: Phase) -> None:
    s = state(start="2026-01-05", go_live=go_live, as_of=as_of)
    assert derive_phase(s, dt.date.fromisoformat(as_of), PhaseBoundaries()).phase is expected


def test_phase_boundaries_are_configurable() -> None:
    s = state(start="2026-01-05", as_of="2026-02-16")
    info = derive_phase(
        s, dt.date(2026, 2, 16), PhaseBoundaries(implementation_days=30, ramp_up_days=10)
    )
    assert info.phase is Phase.STEADY_STATE
    assert info.go_live == dt.date(2026, 2, 4)


# -- a third-party plugin with its own check and rule ---------------------------


class Options:
    pass


@check("tst_sponsors")
def sponsors_named(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    """Both sides name at least one sponsor."""
    sides = [side for side in ("client", "provider") if getattr(state.partnership, side).sponsors]
    evidence = [f"/partnership/{side}/sponsors/0" for side in sides]
    return Outcome.judge(len(sides) == 2, len(sides), evidence)


@check("tst_raises")
def raises(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    raise RuntimeError("boom")


@check("tst_wrong_type")
def wrong_type(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    return "passed"  # type: ignore[return-value]


@check("tst_dangling")
def dangling(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    return Outcome.failed(1, ["/communications/99"])


class ThirdParty:
    __name__ = "third-party"

    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        for function in (sponsors_named, raises, wrong_type, dangling):
            register(function)


def make(tmp_path: Path, rules: list[dict[str, Any]], config: EngineConfig | None = None) -> Engine:
    folder = RuleFolder(tmp_path / "rules", rules)
    return Engine(
        config or EngineConfig(),
        builtins=GENERIC,
        plugins=[ThirdParty(), folder],
        entrypoints=False,
    )


def test_a_third_party_check_and_rule_run_like_builtins(tmp_path: Path) -> None:
    engine = make(tmp_path, [rule("TST001", "tst_sponsors")])
    s = StateBuilder().sponsor("client", "Ann").sponsor("provider", "Bo").build()
    f = finding(engine.assess(s), "TST001")
    assert (f.status, f.value) == (Status.PASSED, 2)
    assert f.evidence == ["/partnership/client/sponsors/0", "/partnership/provider/sponsors/0"]
    assert engine.registry.checks["tst_sponsors"].plugin == "third-party"
    f = finding(engine.assess(StateBuilder().sponsor("client", "Ann").build()), "TST001")
    assert (f.status, f.recommendation) == (Status.FAILED, "Do better.")


@pytest.mark.parametrize(
    ("check_name", "reason"),
    [
        ("tst_raises", "raised RuntimeError: boom"),
        ("tst_wrong_type", "returned str, expected an Outcome"),
        ("tst_dangling", "evidence pointing nowhere: /communications/99"),
    ],
)
def test_a_faulty_check_becomes_an_error_finding_and_others_still_run(
    tmp_path: Path, check_name: str, reason: str
) -> None:
    engine = make(tmp_path, [rule("TST001", check_name), rule("TST002", "tst_sponsors")])
    report = engine.assess(StateBuilder().build())
    broken = finding(report, "TST001")
    assert broken.status is Status.ERROR
    assert reason in broken.message
    assert "third-party" in broken.message and check_name in broken.message
    assert finding(report, "TST002").status is Status.FAILED
    technique = report.techniques[0]
    assert (technique.errors, technique.failed) == (1, 1)
    assert technique.coverage == 0.5  # the error had no data


def test_two_plugins_registering_the_same_check_name_is_an_error() -> None:
    class Copy:
        __name__ = "copycat"

        @hookimpl
        def register_checks(self, register: Callable[..., None]) -> None:
            register(sponsors_named)

    with pytest.raises(PluginError, match="'tst_sponsors' is registered by both plugin"):
        Engine(builtins=GENERIC, plugins=[ThirdParty(), Copy()], entrypoints=False)


def test_two_rule_files_with_the_same_id_name_both(tmp_path: Path) -> None:
    a = RuleFolder(
        tmp_path / "a", [rule("TST001", "count", {"collection": "/metrics"}, {"min": 1})]
    )
    b = RuleFolder(
        tmp_path / "b",
        [rule("TST001", "count", {"collection": "/metrics"}, {"min": 2})],
        technique=False,
    )
    with pytest.raises(RuleDefinitionError) as caught:
        Engine(builtins=GENERIC, plugins=[a, b], entrypoints=False)
    message = str(caught.value)
    assert "TST001 is defined twice" in message
    assert str(tmp_path / "a") in message and str(tmp_path / "b") in message


def test_a_rule_for_an_unregistered_technique_is_refused(tmp_path: Path) -> None:
    document = rule("TST001", "count", {"collection": "/metrics"}, {"min": 1}, technique="nonesuch")
    with pytest.raises(
        RuleDefinitionError, match="technique 'nonesuch', which no plugin registers"
    ):
        make(tmp_path, [document])


# -- scoring --------------------------------------------------------------------


def _scoring_rules() -> list[dict[str, Any]]:
    return [
        rule("TST001", "count", {"collection": "/metrics"}, {"min": 1}, severity="critical"),  # w 8
        rule(
            "TST002", "count", {"collection": "/recognitions"}, {"min": 1}, severity="high"
        ),  # w 4
        rule("TST003", "count", {"collection": "/surveys"}, {"min": 1}, severity="low"),  # w 1
        rule("TST004", "count", {"collection": "/escalations"}, {"min": 1}, severity="info"),  # w 0
    ]


def test_scores_are_weighted_by_severity_and_ignore_not_applicable(tmp_path: Path) -> None:
    engine = make(tmp_path, _scoring_rules())
    s = StateBuilder().metric("m").recorded("recognitions").build()  # surveys not recorded
    report = engine.assess(s)
    (technique,) = report.techniques
    # passed 8, failed 4, n/a 1: evidence 8/12, coverage 12/13; info never counts
    assert technique.evidence_score == pytest.approx(66.7)
    assert technique.coverage == pytest.approx(round(12 / 13, 3))
    # the missing data pulls the score toward the neutral 50 by its share of weight
    coverage = 12 / 13
    assert technique.score == pytest.approx(round(coverage * 100 * 8 / 12 + (1 - coverage) * 50, 1))
    assert (technique.passed, technique.failed, technique.not_applicable) == (1, 1, 2)
    assert report.overall_score == technique.score
    assert report.coverage == technique.coverage
    assert report.rating == "sound"  # 65 <= 65.4 < 80


def test_no_data_at_all_gives_no_score_rather_than_a_pass(tmp_path: Path) -> None:
    report = make(tmp_path, _scoring_rules()).assess(StateBuilder().build())
    assert report.overall_score is None
    assert report.coverage == 0.0
    assert report.rating == "insufficient_data"


@pytest.mark.parametrize(
    ("aggregation", "uncapped", "rating", "caps"),
    [
        ("geometric", round(100**0.75, 1), "at_risk", []),  # below every ceiling already
        ("mean", 75.0, "fragile", ["fragile"]),  # the sound ceiling (79.9) does not bind
    ],
)
def test_overall_combines_techniques_by_weight(
    tmp_path: Path, aggregation: str, uncapped: float, rating: str, caps: list[str]
) -> None:
    class Second:
        __name__ = "second"

        @hookimpl
        def register_techniques(self, register: Callable[..., None]) -> None:
            register("second", "Second", "SEC", weight=3.0)

        @hookimpl
        def register_rule_paths(self, register: Callable[..., None]) -> None:
            register(tmp_path / "second")

    RuleFolder(
        tmp_path / "second",
        [rule("SEC001", "count", {"collection": "/metrics"}, {"min": 1}, technique="second")],
    )
    folder = RuleFolder(
        tmp_path / "rules", [rule("TST001", "count", {"collection": "/metrics"}, {"max": 0})]
    )
    config = config_from_mapping({"scoring": {"aggregation": aggregation}})
    engine = Engine(config, builtins=GENERIC, plugins=[folder, Second()], entrypoints=False)
    report = engine.assess(StateBuilder().metric("m").build())
    scores = {t.technique: (t.score, t.weight) for t in report.techniques}
    assert scores == {"testing": (0.0, 1.0), "second": (100.0, 3.0)}
    # geometric: 0 counts as 1, so (1**1 * 100**3) ** (1/4); mean: (0 + 300) / 4
    assert report.uncapped_score == uncapped
    # a technique at 0 caps the rating at fragile, and the score at that band's top
    assert report.overall_score == min(uncapped, 64.9)
    assert report.rating == rating
    assert [c.at_most for c in report.caps] == caps


def test_technique_weights_come_from_config(tmp_path: Path) -> None:
    config = config_from_mapping({"techniques": {"testing": {"weight": 0.5}}})
    report = make(tmp_path, _scoring_rules(), config).assess(StateBuilder().metric("m").build())
    assert report.techniques[0].weight == 0.5


def test_rules_outside_their_phase_are_not_applicable_and_weigh_nothing(tmp_path: Path) -> None:
    rules = [
        rule("TST001", "count", {"collection": "/metrics"}, {"min": 1}, phases=["steady_state"])
    ]
    s = StateBuilder(start="2026-01-05", as_of="2026-02-01").metric("m").build()
    f = finding(make(tmp_path, rules).assess(s), "TST001")
    assert (f.status, f.weight) == (Status.NOT_APPLICABLE, 0.0)
    assert "applies during steady state" in f.message


def test_phase_weights_scale_a_rule(tmp_path: Path) -> None:
    rules = [
        rule(
            "TST001",
            "count",
            {"collection": "/metrics"},
            {"min": 1},
            phase_weights={"implementation": 0.25},
        )
    ]
    s = StateBuilder(start="2026-01-05", as_of="2026-02-01").metric("m").build()
    assert finding(make(tmp_path, rules).assess(s), "TST001").weight == 0.5


# -- configuration --------------------------------------------------------------


def test_select_and_ignore_by_id_and_prefix(tmp_path: Path) -> None:
    rules = _scoring_rules()
    config = config_from_mapping({"select": ["TST00"], "ignore": ["TST002", "TST004"]})
    engine = make(tmp_path, rules, config)
    assert [r.id for r in engine.rules] == ["TST001", "TST003"]


def test_option_and_severity_overrides(tmp_path: Path) -> None:
    rules = [rule("TST001", "count", {"collection": "/metrics"}, {"min": 1})]
    config = config_from_mapping(
        {"rules": {"TST001": {"options": {"min": 2}, "severity": "critical"}}}
    )
    f = finding(make(tmp_path, rules, config).assess(StateBuilder().metric("m").build()), "TST001")
    assert (f.status, f.severity.value, f.weight) == (Status.FAILED, "critical", 8.0)


def test_unknown_option_override_lists_the_real_ones(tmp_path: Path) -> None:
    rules = [rule("TST001", "count", {"collection": "/metrics"}, {"min": 1})]
    config = config_from_mapping({"rules": {"TST001": {"options": {"minimum": 2}}}})
    # The user's configuration is at fault, so it is a configuration error.
    with pytest.raises(ConfigError, match="no option minimum; its options are: min"):
        make(tmp_path, rules, config)


def test_override_for_an_unknown_rule_is_a_warning(tmp_path: Path) -> None:
    config = config_from_mapping({"rules": {"XYZ999": {"severity": "low"}}})
    report = make(tmp_path, _scoring_rules(), config).assess(StateBuilder().build())
    assert "config [rules.XYZ999] matches no loaded rule" in report.warnings


def test_invalid_config_names_the_field() -> None:
    with pytest.raises(ConfigError) as caught:
        config_from_mapping({"slect": ["COM"]}, "foundation.toml")
    assert caught.value.problems[0].path == "$.slect"


def test_config_from_pyproject_and_discovery(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.foundation-engine]\nignore = ["COM001"]\nrule_paths = ["pack"]\n'
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    found = discover_config(nested)
    assert found == tmp_path / "pyproject.toml"
    config = load_config(found)
    assert config.ignore == ["COM001"]
    assert config.rule_paths == [str(tmp_path / "pack")]
    (tmp_path / "a" / "foundation.toml").write_text("strict = true\n")
    assert discover_config(nested) == tmp_path / "a" / "foundation.toml"


def test_starter_config_lists_every_default_and_loads_back(engine: Engine) -> None:
    text = starter_config({r.id: r.definition.option_defaults() for r in engine.rules})
    data = tomllib.loads(text)
    config = config_from_mapping(data)
    assert config.phases == PhaseBoundaries()
    assert config.select == ["ALL"]
    for r in engine.rules:
        if r.definition.options:
            assert data["rules"][r.id]["options"] == r.definition.option_defaults()
    # every rule keeps its defaults, so the fingerprint of the rules is unchanged
    assert Engine(config, builtins=DEFAULT_PLUGINS, entrypoints=False).rules == engine.rules


# -- waivers --------------------------------------------------------------------


def _waiver_config(expires: str, rule_id: str = "TST001") -> EngineConfig:
    return config_from_mapping(
        {
            "waivers": [
                {
                    "rule": rule_id,
                    "reason": "Agreed pause",
                    "owner": "ann@client.example",
                    "expires": expires,
                }
            ]
        }
    )


def _failing_rules() -> list[dict[str, Any]]:
    return [
        rule("TST001", "count", {"collection": "/metrics"}, {"min": 5}),
        rule("TST002", "count", {"collection": "/metrics"}, {"min": 1}),
    ]


def test_active_waiver_marks_the_finding_and_shows_both_scores(tmp_path: Path) -> None:
    engine = make(tmp_path, _failing_rules(), _waiver_config("2026-12-31"))
    report = engine.assess(StateBuilder(as_of="2026-06-30").metric("m").build())
    f = finding(report, "TST001")
    assert f.status is Status.FAILED and f.waived
    assert f.waiver is not None and f.waiver.owner == "ann@client.example"
    assert report.overall_score == 100.0
    assert report.unwaived_overall_score == 50.0
    assert [(w.status, w.findings) for w in report.waivers] == [("applied", ["TST001"])]
    assert report.failed() == []


def test_expired_waiver_stops_applying_and_says_so(tmp_path: Path) -> None:
    engine = make(tmp_path, _failing_rules(), _waiver_config("2026-06-29"))
    report = engine.assess(StateBuilder(as_of="2026-06-30").metric("m").build())
    assert not finding(report, "TST001").waived
    assert report.overall_score == 50.0
    assert report.waivers[0].status == "expired"
    assert any("expired on 2026-06-29" in w for w in report.warnings)


def test_waiver_matching_nothing_is_reported_unused(tmp_path: Path) -> None:
    engine = make(tmp_path, _failing_rules(), _waiver_config("2026-12-31", "TST002"))
    report = engine.assess(StateBuilder(as_of="2026-06-30").metric("m").build())
    assert report.waivers[0].status == "unused"
    assert any("matched nothing" in w for w in report.warnings)


# -- process_findings hook --------------------------------------------------------


def test_process_findings_can_adjust_findings(tmp_path: Path) -> None:
    class Downgrade:
        __name__ = "downgrade"

        @hookimpl
        def process_findings(self, findings: list[Any]) -> None:
            findings[:] = [
                f.model_copy(update={"message": f.message + " (reviewed)"}) for f in findings
            ]

    folder = RuleFolder(tmp_path / "rules", _failing_rules())
    engine = Engine(builtins=GENERIC, plugins=[folder, Downgrade()], entrypoints=False)
    report = engine.assess(StateBuilder().metric("m").build())
    assert all(f.message.endswith("(reviewed)") for f in report.findings)


# -- embedded API and determinism ---------------------------------------------------


def test_assess_accepts_a_model_a_dict_a_path_and_json_text() -> None:
    path = EXAMPLES / "new-partnership.json"
    text = path.read_text(encoding="utf-8")
    reports = [
        assess(PartnershipState.model_validate_json(text)),
        assess(json.loads(text)),
        assess(path),
        assess(str(path)),
        assess(text),
        assess(EXAMPLES / "new-partnership.toml"),
    ]
    dumps = {r.model_dump_json() for r in reports}
    assert len(dumps) == 1


def test_same_input_gives_byte_identical_json(engine: Engine) -> None:
    path = EXAMPLES / "struggling-partnership.json"
    first = engine.assess(path).model_dump_json(indent=2)
    second = (
        Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
        .assess(path.read_bytes())
        .model_dump_json(indent=2)
    )
    assert first == second


def test_as_of_argument_overrides_the_state(engine: Engine) -> None:
    report = engine.assess(EXAMPLES / "strong-partnership.json", as_of="2025-01-15")
    assert report.as_of == dt.date(2025, 1, 15)
    assert report.phase is Phase.RAMP_UP


def test_missing_as_of_falls_back_to_today_with_a_warning(engine: Engine) -> None:
    report = engine.assess(StateBuilder(as_of=None).build())
    assert any("no as_of date" in w for w in report.warnings)


def test_unregistered_extension_namespace_is_a_warning(engine: Engine) -> None:
    report = engine.assess(StateBuilder().extension("acme", {"x": 1}).build())
    assert "extensions.acme: no plugin registers this namespace; ignored" in report.warnings


def test_registered_extension_is_validated_with_its_path(tmp_path: Path) -> None:
    from foundation_engine.errors import ValidationProblem

    class Ext:
        __name__ = "ext"

        @hookimpl
        def register_state_extensions(self, register: Callable[..., None]) -> None:
            register("acme", {"type": "object", "properties": {"level": {"type": "integer"}}})

    engine = Engine(builtins=GENERIC, plugins=[Ext()], entrypoints=False)
    engine.assess(StateBuilder().extension("acme", {"level": 3}).build())
    with pytest.raises(ValidationProblem) as caught:
        engine.assess(StateBuilder().extension("acme", {"level": "high"}).build())
    assert caught.value.problems[0].path == "$.extensions.acme.level"


def test_report_carries_the_contract_names(engine: Engine) -> None:
    data = json.loads(engine.assess(EXAMPLES / "strong-partnership.json").model_dump_json())
    for key in (
        "engine_version",
        "schema_version",
        "partnership_id",
        "as_of",
        "phase",
        "overall_score",
        "rating",
        "coverage",
        "techniques",
        "findings",
        "strengths",
        "config_fingerprint",
    ):
        assert key in data
    for key in ("technique", "score", "coverage", "weight"):
        assert key in data["techniques"][0]
    for key in (
        "rule_id",
        "technique",
        "status",
        "severity",
        "score",
        "value",
        "message",
        "evidence",
        "recommendation",
        "owner",
        "waived",
    ):
        assert key in data["findings"][0]


def test_one_engine_serves_many_threads_with_identical_results(engine: Engine) -> None:
    from concurrent.futures import ThreadPoolExecutor

    paths = sorted(EXAMPLES.glob("*-partnership.json")) * 8
    expected = {p: engine.assess(p).model_dump_json() for p in set(paths)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda p: (p, engine.assess(p).model_dump_json()), paths))
    assert all(text == expected[p] for p, text in results)


def test_installed_plugins_are_chosen_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from foundation_engine.plugin.manager import _wanted_entrypoints

    monkeypatch.delenv("FOUNDATION_ENGINE_LOAD_PLUGINS", raising=False)
    assert _wanted_entrypoints(None) is None  # unset: every installed plugin
    monkeypatch.setenv("FOUNDATION_ENGINE_LOAD_PLUGINS", "")
    assert _wanted_entrypoints(None) == set()  # empty: none
    monkeypatch.setenv("FOUNDATION_ENGINE_LOAD_PLUGINS", "sla, acme")
    assert _wanted_entrypoints(None) == {"sla", "acme"}
    assert _wanted_entrypoints(["x"]) == {"x"}  # config wins over the environment


def test_a_named_plugin_that_is_not_installed_is_reported(tmp_path: Path) -> None:
    engine = Engine(builtins=GENERIC, entrypoints=["no-such-plugin"])
    report = engine.assess(StateBuilder().build())
    assert any("no-such-plugin" in w for w in report.warnings)
    with pytest.raises(PluginError, match="no-such-plugin"):
        Engine(EngineConfig(strict=True), builtins=GENERIC, entrypoints=["no-such-plugin"])


def test_hook_calls_are_traced_when_asked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FOUNDATION_ENGINE_TRACE_HOOKS", "1")
    Engine(builtins=GENERIC, entrypoints=False)
    err = capsys.readouterr().err
    assert "register_checks" in err and "register_loaders" in err


def test_an_evidence_pointer_of_any_depth_is_checked_without_recursion() -> None:
    from foundation_engine.core.engine import _Pointers

    state = StateBuilder().touchpoint("2025-06-02").build()
    pointers = _Pointers(state)
    assert pointers.exists("/communications/0/date")
    assert not pointers.exists("/communications" + "/0" * 5_000)


def test_extension_schema_problems_name_the_file(tmp_path: Path) -> None:
    import json

    from foundation_engine.errors import ValidationProblem

    class Plugin:
        __name__ = "extension-plugin"

        @hookimpl
        def register_state_extensions(self, register: Callable[..., None]) -> None:
            register("acme", {"type": "object", "properties": {"n": {"type": "integer"}}})

    path = tmp_path / "state.json"
    document = StateBuilder().extension("acme", {"n": "three"}).to_dict()
    path.write_text(json.dumps(document))
    engine = Engine(builtins=GENERIC, plugins=[Plugin()], entrypoints=False)
    with pytest.raises(ValidationProblem) as caught:
        engine.assess(path)
    assert caught.value.problems[0].source == str(path)
    assert caught.value.problems[0].path == "$.extensions.acme.n"


def test_a_technique_weight_must_be_a_bounded_number() -> None:
    from foundation_engine.errors import PluginError

    class Heavy:
        __name__ = "heavy"

        @hookimpl
        def register_techniques(self, register: Callable[..., None]) -> None:
            register("heavy", "Heavy", "HVY", weight=float("inf"))

    with pytest.raises(PluginError, match="weight inf; expected a number from 0 to 1000"):
        Engine(builtins=GENERIC, plugins=[Heavy()], entrypoints=False)
