"""The configuration says what it means: typos are errors placed at the user's line, and
a plugin whose data a state cannot have changes no score."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from foundation_engine import Outcome, check, hookimpl
from foundation_engine.checks import CheckContext, Status
from foundation_engine.core.config import EngineConfig, config_from_mapping, load_config
from foundation_engine.core.engine import Engine
from foundation_engine.core.key_lines import key_lines
from foundation_engine.errors import ConfigError
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.state import PartnershipState
from foundation_engine.testing.builder import StateBuilder
from tests.rulekit import RuleFolder, rule

from ..conftest import EXAMPLES, GENERIC, finding

# -- a plugin rule set that reads its own extension ------------------------------


@check("tst_acme_level")
def acme_level(state: PartnershipState, options: Any, context: CheckContext) -> Outcome:
    """The acme register records a level of at least 2."""
    data = state.extensions.get("acme")
    if data is None:  # the careless way: "missing data", which lowers coverage
        return Outcome.not_applicable("no acme register")
    return Outcome.judge(data["level"] >= 2, data["level"], ["/extensions/acme"])


class AcmePlugin(RuleFolder):
    __name__ = "acme"

    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        register(acme_level)

    @hookimpl
    def register_state_extensions(self, register: Callable[..., None]) -> None:
        register("acme", {"type": "object", "properties": {"level": {"type": "integer"}}})


def _engine(tmp_path: Path, *, acme: bool) -> Engine:
    plugins = [AcmePlugin(tmp_path / "rules", [rule("TST001", "tst_acme_level")])]
    return Engine(builtins=DEFAULT_PLUGINS, plugins=plugins if acme else [], entrypoints=False)


def test_a_plugin_rule_set_without_its_extension_in_the_state_does_not_apply(
    tmp_path: Path,
) -> None:
    without = _engine(tmp_path, acme=False).assess(EXAMPLES / "struggling-partnership.json")
    report = _engine(tmp_path, acme=True).assess(EXAMPLES / "struggling-partnership.json")
    assert (report.coverage, report.overall_score, report.rating) == (
        without.coverage,
        without.overall_score,
        without.rating,
    )
    testing = next(t for t in report.techniques if t.technique == "testing")
    assert (testing.applicable, testing.score) == (False, None)
    f = finding(report, "TST001")
    assert (f.status, f.weight) == (Status.NOT_APPLICABLE, 0.0)
    assert "no extensions.acme" in f.message or "no extensions.acme" in str(f.value or "")


def test_a_plugin_rule_set_with_its_extension_runs(tmp_path: Path) -> None:
    engine = _engine(tmp_path, acme=True)
    state = StateBuilder().extension("acme", {"level": 1}).build()
    f = finding(engine.assess(state), "TST001")
    assert (f.status, f.value) == (Status.FAILED, 1)


def test_built_in_techniques_without_data_still_lower_coverage() -> None:
    engine = Engine(builtins=DEFAULT_PLUGINS, entrypoints=False)
    assert engine.assess(StateBuilder().build()).coverage < 0.5


# -- selectors that name no rule ---------------------------------------------------


def _rules_engine(tmp_path: Path, config: EngineConfig) -> Engine:
    folder = RuleFolder(
        tmp_path / "rules",
        [rule("TST001", "count", {"collection": "/metrics"}, {"min": 1}, name="few-metrics")],
    )
    return Engine(config, builtins=GENERIC, plugins=[folder], entrypoints=False)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"select": ["TST0001"]}, "'TST0001' names no loaded rule; did you mean 'TST001'?"),
        ({"ignore": ["few-metric"]}, "'few-metric' names no loaded rule; did you mean "),
        ({"ignore": ["XYZ"]}, "'XYZ' names no loaded rule; expected a rule id, a rule name"),
    ],
)
def test_a_selector_naming_no_rule_is_an_error_with_a_suggestion(
    tmp_path: Path, settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        _rules_engine(tmp_path, config_from_mapping(settings))


@pytest.mark.parametrize("selector", ["ALL", "TST", "TST00", "TST001", "few-metrics"])
def test_prefixes_ids_names_and_all_are_fine(tmp_path: Path, selector: str) -> None:
    engine = _rules_engine(tmp_path, config_from_mapping({"select": [selector]}))
    assert [r.id for r in engine.rules] == ["TST001"]


def test_a_selector_typo_in_the_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "foundation.toml"
    path.write_text('select = ["ALL"]\nignore = [\n  "TST",\n  "TST0001",\n]\n')
    with pytest.raises(ConfigError) as caught:
        _rules_engine(tmp_path, load_config(path))
    (problem,) = caught.value.problems
    assert (problem.source, problem.line, problem.path) == (str(path), 4, "$.ignore[1]")


# -- foundation.toml: misspelt keys and bad option values --------------------------


def test_a_misspelt_key_gets_did_you_mean_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "foundation.toml"
    path.write_text('select = ["ALL"]\nignor = ["COM001"]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert str(problem) == (f"{path}:2: $.ignor: unknown field 'ignor'; did you mean 'ignore'?")


def test_a_misspelt_key_in_a_nested_table_is_placed_too(tmp_path: Path) -> None:
    path = tmp_path / "foundation.toml"
    path.write_text('[rules.COM001]\nseverity = "low"\nwieght = 2\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.path) == (3, "$.rules.COM001.wieght")
    assert "did you mean 'weight'?" in problem.message


def test_a_bad_option_value_is_reported_at_the_users_line(tmp_path: Path) -> None:
    path = tmp_path / "foundation.toml"
    path.write_text('# tuning\n[rules.TST001.options]\nmin = "three"\n')
    with pytest.raises(ConfigError) as caught:
        _rules_engine(tmp_path, load_config(path))
    (problem,) = caught.value.problems
    assert (problem.source, problem.line) == (str(path), 3)
    assert problem.path == "$.rules.TST001.options.min"
    assert "got 'three'" in problem.message


def test_an_unknown_option_is_reported_at_the_users_line(tmp_path: Path) -> None:
    path = tmp_path / "foundation.toml"
    path.write_text("[rules.TST001.options]\nminimum = 2\n")
    with pytest.raises(ConfigError, match="no option minimum; its options are: min") as caught:
        _rules_engine(tmp_path, load_config(path))
    assert (caught.value.problems[0].source, caught.value.problems[0].line) == (str(path), 2)


def test_pyproject_lines_are_placed_inside_its_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.foundation-engine]\nselekt = ["COM"]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.problems[0].line, caught.value.problems[0].path) == (5, "$.selekt")


def test_key_lines_follow_tables_arrays_of_tables_and_array_items() -> None:
    lines = key_lines(
        'select = ["A", "B"]\n'
        "ignore = [\n"
        '  "C", # why\n'
        '  "D",\n'
        "]\n"
        "[[waivers]]\n"
        'rule = "X"\n'
        "[[waivers]]\n"
        'rule = "Y"\n'
        '[rules."COM001".options]\n'
        "a.b = 1\n"
    )
    assert lines[("select", 1)] == 1
    assert (lines[("ignore", 0)], lines[("ignore", 1)]) == (3, 4)
    assert (lines[("waivers", 0, "rule")], lines[("waivers", 1, "rule")]) == (7, 9)
    assert lines[("rules", "COM001", "options", "a", "b")] == 11


def test_a_rules_table_for_a_misspelt_id_warns_with_a_suggestion(tmp_path: Path) -> None:
    config = config_from_mapping({"rules": {"TST0001": {"severity": "low"}}})
    report = _rules_engine(tmp_path, config).assess(StateBuilder().build())
    assert "config [rules.TST0001] matches no loaded rule; did you mean [rules.TST001]?" in (
        report.warnings
    )
