"""Each generic check: passed, failed and not applicable, through a declarative rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from foundation_engine.checks import Status
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.errors import RuleDefinitionError
from foundation_engine.report.model import Finding
from foundation_engine.testing.builder import StateBuilder
from tests.rulekit import RuleFolder, rule

from ..conftest import GENERIC


def run_rule(tmp_path: Path, document: dict[str, Any], state: StateBuilder) -> Finding:
    plugin = RuleFolder(tmp_path / "rules", [document])
    engine = Engine(EngineConfig(), builtins=GENERIC, plugins=[plugin], entrypoints=False)
    report = engine.assess(state.build())
    (finding,) = report.findings
    return finding


def base() -> StateBuilder:
    return StateBuilder(start="2026-01-05", as_of="2026-03-30", go_live="2026-01-05")


# -- present ------------------------------------------------------------------

PRESENT = rule("TST001", "present", {"path": "/purpose/statement", "section": "/purpose"})


def test_present_passes_when_the_value_is_there(tmp_path: Path) -> None:
    f = run_rule(tmp_path, PRESENT, base().purpose("Hire well"))
    assert (f.status, f.value, f.evidence) == (Status.PASSED, True, ["/purpose/statement"])


def test_present_fails_when_the_value_is_empty(tmp_path: Path) -> None:
    f = run_rule(tmp_path, PRESENT, base().purpose(None, documented="2026-01-10"))
    assert (f.status, f.value) == (Status.FAILED, False)


def test_present_is_not_applicable_without_the_section(tmp_path: Path) -> None:
    f = run_rule(tmp_path, PRESENT, base())
    assert f.status is Status.NOT_APPLICABLE
    assert f.score is None


# -- count --------------------------------------------------------------------

COUNT = rule(
    "TST002", "count", {"collection": "/metrics", "where": "primary"}, {"min": 3, "max": 7}
)


def test_count_passes_within_bounds(tmp_path: Path) -> None:
    state = base().metric("a").metric("b").metric("c").metric("d", primary=False)
    f = run_rule(tmp_path, COUNT, state)
    assert (f.status, f.value) == (Status.PASSED, 3)
    assert f.evidence == ["/metrics/0", "/metrics/1", "/metrics/2"]


def test_count_fails_outside_bounds(tmp_path: Path) -> None:
    f = run_rule(tmp_path, COUNT, base().recorded("metrics"))
    assert (f.status, f.value, f.message) == (Status.FAILED, 0, "Failed with 0.")


def test_count_is_not_applicable_when_not_recorded(tmp_path: Path) -> None:
    assert run_rule(tmp_path, COUNT, base()).status is Status.NOT_APPLICABLE


def test_count_within_a_window_ignores_older_and_future_items(tmp_path: Path) -> None:
    document = rule(
        "TST002",
        "count",
        {"collection": "/communications", "date_field": "date", "within_days": 30},
        {"min": 2},
    )
    state = (
        base()
        .touchpoint("2026-01-10")
        .touchpoint("2026-03-10")
        .touchpoint("2026-03-20")
        .touchpoint("2026-04-20")
    )
    f = run_rule(tmp_path, document, state)
    assert (f.status, f.value, f.evidence) == (
        Status.PASSED,
        2,
        ["/communications/1", "/communications/2"],
    )


# -- threshold ----------------------------------------------------------------

THRESHOLD = rule(
    "TST003",
    "threshold",
    {"collection": "/surveys", "where": "topic == 'trust'", "field": "score", "aggregate": "mean"},
    {"min": 3.5},
)


def test_threshold_passes_at_or_above_min(tmp_path: Path) -> None:
    state = (
        base()
        .survey("2026-02-01", "client", "trust", 4)
        .survey("2026-02-01", "provider", "trust", 3)
    )
    f = run_rule(tmp_path, THRESHOLD, state)
    assert (f.status, f.value, f.evidence) == (Status.PASSED, 3.5, ["/surveys/0", "/surveys/1"])


def test_threshold_fails_below_min(tmp_path: Path) -> None:
    state = (
        base().survey("2026-02-01", "client", "trust", 2).survey("2026-02-01", "client", "other", 5)
    )
    f = run_rule(tmp_path, THRESHOLD, state)
    assert (f.status, f.value, f.evidence) == (Status.FAILED, 2.0, ["/surveys/0"])


def test_threshold_is_not_applicable_without_numbers(tmp_path: Path) -> None:
    state = base().survey("2026-02-01", "client", "other", 2)
    assert run_rule(tmp_path, THRESHOLD, state).status is Status.NOT_APPLICABLE


def test_threshold_on_a_single_value(tmp_path: Path) -> None:
    document = rule("TST003", "threshold", {"path": "/metrics/0/target"}, {"max": 45})
    assert run_rule(tmp_path, document, base().metric("ttf", target=50)).status is Status.FAILED
    assert run_rule(tmp_path / "b", document, base().metric("ttf")).status is Status.NOT_APPLICABLE


# -- recency ------------------------------------------------------------------

RECENCY = rule("TST004", "recency", {"collection": "/recognitions"}, {"max_days": 30})


def test_recency_passes_with_a_recent_item(tmp_path: Path) -> None:
    state = base().recognition("2026-01-20").recognition("2026-03-10")
    f = run_rule(tmp_path, RECENCY, state)
    assert (f.status, f.value, f.evidence) == (Status.PASSED, 20, ["/recognitions/1"])


def test_recency_fails_when_the_latest_is_old(tmp_path: Path) -> None:
    f = run_rule(tmp_path, RECENCY, base().recognition("2026-01-20"))
    assert (f.status, f.value) == (Status.FAILED, 69)


def test_recency_with_nothing_ever_counts_from_the_start(tmp_path: Path) -> None:
    f = run_rule(tmp_path, RECENCY, base().recorded("recognitions"))
    assert (f.status, f.value) == (Status.FAILED, 84)


def test_recency_ignores_items_after_as_of(tmp_path: Path) -> None:
    f = run_rule(tmp_path, RECENCY, base().recognition("2026-01-20").recognition("2026-05-01"))
    assert (f.status, f.evidence) == (Status.FAILED, ["/recognitions/0"])


def test_recency_is_not_applicable_when_not_recorded(tmp_path: Path) -> None:
    assert run_rule(tmp_path, RECENCY, base()).status is Status.NOT_APPLICABLE


# -- largest gap ----------------------------------------------------------------

GAP = rule(
    "TST005",
    "largest_gap",
    {"collection": "/communications", "from_start": False},
    {"max_days": 14},
    scoring={"method": "graded", "better": "lower", "good_option": "max_days", "poor_times": 3},
)


def test_gap_passes_with_weekly_touchpoints(tmp_path: Path) -> None:
    f = run_rule(tmp_path, GAP, base().weekly_touchpoints("2026-01-05", "2026-03-30"))
    assert (f.status, f.value, f.score) == (Status.PASSED, 7, 1.0)


def test_gap_fails_and_points_at_both_sides_of_the_gap(tmp_path: Path) -> None:
    state = base().touchpoint("2026-01-05").touchpoint("2026-02-02").touchpoint("2026-03-23")
    f = run_rule(tmp_path, GAP, state)
    assert (f.status, f.value) == (Status.FAILED, 49)
    assert f.evidence == ["/communications/1", "/communications/2"]
    assert f.score == 0.0


def test_gap_graded_score_lies_between_the_control_points(tmp_path: Path) -> None:
    state = base().weekly_touchpoints("2026-01-05", "2026-03-02")  # 28 days to as_of
    f = run_rule(tmp_path, GAP, state)
    assert (f.status, f.value) == (Status.FAILED, 28)
    assert f.score == pytest.approx(0.5)


def test_gap_is_not_applicable_when_not_recorded(tmp_path: Path) -> None:
    assert run_rule(tmp_path, GAP, base()).status is Status.NOT_APPLICABLE


# -- share --------------------------------------------------------------------

SHARE = rule(
    "TST006",
    "share",
    {"collection": "/communications", "match": "channel == 'in_person' || channel == 'video'"},
    {"min_share": 0.5},
)


def test_share_passes_at_the_minimum(tmp_path: Path) -> None:
    state = (
        base().touchpoint("2026-01-05", channel="video").touchpoint("2026-01-12", channel="email")
    )
    f = run_rule(tmp_path, SHARE, state)
    assert (f.status, f.value) == (Status.PASSED, 0.5)


def test_share_fails_and_points_at_the_items_that_miss(tmp_path: Path) -> None:
    state = (
        base()
        .touchpoint("2026-01-05", channel="email")
        .touchpoint("2026-01-12", channel="email")
        .touchpoint("2026-01-19", channel="in_person")
    )
    f = run_rule(tmp_path, SHARE, state)
    assert (f.status, f.value) == (Status.FAILED, 0.333)
    assert f.evidence == ["/communications/0", "/communications/1"]


def test_share_is_not_applicable_with_too_few_items(tmp_path: Path) -> None:
    assert (
        run_rule(tmp_path, SHARE, base().recorded("communications")).status is Status.NOT_APPLICABLE
    )


# -- matches schema -----------------------------------------------------------

SCHEMA = rule(
    "TST007",
    "matches_schema",
    {"path": "/metrics", "schema": {"type": "array", "items": {"required": ["target"]}}},
)


def test_schema_passes_when_valid(tmp_path: Path) -> None:
    f = run_rule(tmp_path, SCHEMA, base().metric("a", target=3))
    assert (f.status, f.value) == (Status.PASSED, 0)


def test_schema_fails_with_pointers_to_invalid_items(tmp_path: Path) -> None:
    # target defaults to null in the document, so require a number instead
    document = rule(
        "TST007",
        "matches_schema",
        {
            "path": "/metrics",
            "schema": {"type": "array", "items": {"properties": {"target": {"type": "number"}}}},
        },
    )
    f = run_rule(tmp_path, document, base().metric("a", target=3).metric("b"))
    assert (f.status, f.value, f.evidence) == (Status.FAILED, 1, ["/metrics/1/target"])


def test_schema_is_not_applicable_when_missing(tmp_path: Path) -> None:
    assert run_rule(tmp_path, SCHEMA, base()).status is Status.NOT_APPLICABLE


# -- options are validated when the engine is built ---------------------------


def test_invalid_options_are_refused_naming_rule_and_option(tmp_path: Path) -> None:
    document = rule("TST002", "count", {"collection": "metrics"}, {"min": "three"})
    plugin = RuleFolder(tmp_path / "rules", [document])
    with pytest.raises(RuleDefinitionError) as caught:
        Engine(EngineConfig(), builtins=GENERIC, plugins=[plugin], entrypoints=False)
    paths = sorted(str(p.path) for p in caught.value.problems)
    assert paths == ["$.options.collection", "$.options.min"]
    assert all(p.source and p.source.endswith("TST002.toml") for p in caught.value.problems)


def test_invalid_jmespath_is_refused(tmp_path: Path) -> None:
    document = rule(
        "TST006", "share", {"collection": "/metrics", "match": "a ==== b"}, {"min_share": 0.5}
    )
    plugin = RuleFolder(tmp_path / "rules", [document])
    with pytest.raises(RuleDefinitionError, match="invalid JMESPath"):
        Engine(EngineConfig(), builtins=GENERIC, plugins=[plugin], entrypoints=False)


def test_unknown_check_is_refused_listing_known_ones(tmp_path: Path) -> None:
    plugin = RuleFolder(tmp_path / "rules", [rule("TST001", "no_such_check")])
    with pytest.raises(
        RuleDefinitionError, match=r"uses check 'no_such_check'.*known checks: count"
    ):
        Engine(EngineConfig(), builtins=GENERIC, plugins=[plugin], entrypoints=False)
