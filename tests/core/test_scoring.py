"""The scoring arithmetic on its own: coverage, aggregation, caps, points at stake."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest
from bench.states import build_state

from foundation_engine import Engine
from foundation_engine.checks.outcome import Status
from foundation_engine.core.config import DEFAULT_RATING_BANDS, Cap, ScoringSettings
from foundation_engine.core.scoring import (
    Scorecard,
    Scored,
    ScoringError,
    TechniqueEntry,
    TechniqueResult,
    band_ceiling,
    overall_result,
    technique_result,
)
from foundation_engine.report.model import severity_rank
from foundation_engine.rulebook.model import Severity
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import GENERIC, finding
from tests.rulekit import RuleFolder, rule

SETTINGS = ScoringSettings()
BANDS = list(DEFAULT_RATING_BANDS)


def scored(
    rule_id: str,
    score: float | None,
    weight: float = 1.0,
    *,
    technique: str = "t",
    severity: Severity = Severity.MEDIUM,
    counted: bool = True,
    waived: bool = False,
) -> Scored:
    status = (
        Status.NOT_APPLICABLE if score is None else Status.PASSED if score == 1.0 else Status.FAILED
    )
    return Scored(rule_id, technique, status, score, weight, severity, waived, counted)


def entry(
    id: str, score: float | None, coverage: float = 1.0, weight: float = 1.0
) -> TechniqueEntry:
    return TechniqueEntry(id, id.title(), weight, TechniqueResult(score, score, coverage))


def test_missing_data_pulls_a_good_technique_toward_the_neutral_score() -> None:
    result = technique_result([scored("A", 1.0, 3), scored("B", None, 1)], neutral=50)
    assert (result.evidence_score, result.coverage) == (100.0, 0.75)
    assert result.score == 0.75 * 100 + 0.25 * 50


def test_missing_data_never_raises_a_weak_technique() -> None:
    result = technique_result([scored("A", 0.2, 1), scored("B", None, 1)], neutral=50)
    assert result.evidence_score == 20.0
    assert result.score == 20.0


def test_a_folded_finding_counts_as_data_but_not_twice_in_the_score() -> None:
    once = technique_result([scored("A", 0.0, 4), scored("B", 1.0, 4)], neutral=50)
    folded = technique_result(
        [scored("A", 0.0, 4), scored("A2", 0.0, 2, counted=False), scored("B", 1.0, 4)],
        neutral=50,
    )
    assert folded.evidence_score == once.evidence_score == 50.0
    assert folded.coverage == 1.0


def test_rules_that_weigh_nothing_leave_a_technique_not_applicable() -> None:
    result = technique_result([scored("A", None, 0.0)], neutral=50)
    assert (result.score, result.applicable) == (None, False)


def test_a_technique_without_data_counts_no_higher_than_the_others_or_neutral() -> None:
    strong = overall_result([entry("a", 100), entry("b", None, 0.0)], {}, SETTINGS, BANDS)
    # (100 * 50) ** (1/2): the unknown technique counts at the neutral 50
    assert strong.uncapped_score == round(math.sqrt(100 * 50), 1)
    assert strong.coverage == 0.5
    weak = overall_result([entry("a", 20), entry("b", None, 0.0)], {}, SETTINGS, BANDS)
    assert weak.uncapped_score == 20.0  # never raised by what is missing


def test_below_the_minimum_coverage_the_rating_is_insufficient_data() -> None:
    result = overall_result(
        [entry("a", 100), entry("b", None, 0.0), entry("c", None, 0.0)], {}, SETTINGS, BANDS
    )
    assert result.coverage < SETTINGS.min_coverage
    assert result.rating == "insufficient_data"
    assert result.score is not None  # shown beside its coverage


def test_an_open_critical_finding_caps_the_rating_at_fragile() -> None:
    result = overall_result(
        [entry("a", 100), entry("b", 95)],
        {Severity.CRITICAL: ["URG001"]},
        SETTINGS,
        BANDS,
    )
    assert result.uncapped_score == pytest.approx(97.5, abs=0.1)
    assert result.score == band_ceiling("fragile", BANDS) == 64.9
    assert result.rating == "fragile"
    (cap,) = result.caps
    assert (cap.at_most, cap.reason) == ("fragile", "an open critical finding (URG001)")


def test_only_caps_below_the_earned_score_are_listed() -> None:
    high = {Severity.HIGH: ["COM001"]}
    binding = overall_result([entry("a", 90), entry("b", 85)], high, SETTINGS, BANDS)
    assert [c.at_most for c in binding.caps] == ["sound"]
    assert (binding.score, binding.rating) == (79.9, "sound")
    idle = overall_result([entry("a", 60), entry("b", 50)], high, SETTINGS, BANDS)
    assert idle.caps == ()  # 54.8 is below the sound ceiling already
    assert idle.score == idle.uncapped_score


def test_the_mean_is_available_and_the_geometric_mean_is_the_default() -> None:
    techniques = [entry("a", 100), entry("b", 100), entry("c", 0)]
    geometric = overall_result(techniques, {}, SETTINGS, BANDS).uncapped_score
    mean = overall_result(
        techniques, {}, SETTINGS.model_copy(update={"aggregation": "mean"}), BANDS
    ).uncapped_score
    assert mean == 66.7
    assert geometric == round((100 * 100 * 1) ** (1 / 3), 1)


def test_a_score_that_is_not_finite_is_an_error_never_a_pass() -> None:
    with pytest.raises(ScoringError):
        technique_result([scored("A", 1.0, float("inf"))], neutral=50)


def test_points_at_stake_come_from_scoring_again_with_the_finding_passed() -> None:
    card = Scorecard(
        [
            scored("A", 0.0, 4, technique="a", severity=Severity.HIGH),
            scored("B", 1.0, 4, technique="a"),
            scored("C", 1.0, 4, technique="b"),
        ],
        [("a", "A", 1.0), ("b", "B", 1.0)],
        SETTINGS,
        BANDS,
    )
    now = card.overall()
    assert now.score == round(math.sqrt(50 * 100), 1)  # a: 4 of 8 weight passed; b: all
    fixed = card.overall(fixed=frozenset([0]))
    assert fixed.score == 100.0
    assert card.points_at_stake(frozenset([0]), now.score) == round(100.0 - now.score, 1)
    assert card.points_at_stake(frozenset([1]), now.score) == 0.0


def _random_card(rng: random.Random, settings: ScoringSettings) -> Scorecard:
    techniques = [(f"t{k}", f"T{k}", rng.choice([0.0, 0.5, 1.0, 2.0])) for k in range(5)]
    findings = []
    for n in range(rng.randint(1, 30)):
        status = rng.choice(list(Status))
        score = {
            Status.PASSED: 1.0,
            Status.FAILED: rng.choice([0.0, 0.0, 0.31, 0.87]),
        }.get(status)
        findings.append(
            Scored(
                rule_id=f"R{n:03d}",
                technique=rng.choice(techniques)[0],
                status=status,
                score=score,
                weight=rng.choice([0.0, 1.0, 1.0, 2.5]),
                severity=rng.choice(list(Severity)),
                waived=rng.random() < 0.15,
                counted=rng.random() < 0.85,
            )
        )
    return Scorecard(findings, techniques, settings, BANDS)


@pytest.mark.parametrize("caps", ["default", "reversed", "top band"])
@pytest.mark.parametrize("aggregation", ["geometric", "mean"])
def test_the_score_with_findings_fixed_is_the_full_results_score(
    aggregation: str, caps: str
) -> None:
    rng = random.Random(f"{aggregation} {caps}")
    chosen = list(SETTINGS.caps)
    if caps == "reversed":
        chosen.reverse()
    elif caps == "top band":  # a cap at the top band has no ceiling and never binds
        chosen = [*chosen[:2], Cap(when="technique_below", score=90, at_most="strong")]
    settings = ScoringSettings.model_validate(
        {"aggregation": aggregation, "caps": [c.model_dump() for c in chosen]}
    )
    checked = 0
    for _ in range(300):
        card = _random_card(rng, settings)
        count = len(card.findings)
        for _ in range(4):
            fixed = frozenset(rng.sample(range(count), rng.randint(0, min(3, count))))
            assert card.score_with_fixed(fixed) == card.overall(fixed=fixed).score
            checked += 1
    assert checked == 1200


@pytest.mark.parametrize(("size", "seed"), [("small", 0), ("typical", 2026), ("large", 7)])
def test_points_at_stake_of_generated_states_are_the_full_rescoring(
    engine: Engine, size: str, seed: int
) -> None:
    for index in range(4):
        report = engine.assess(json.dumps(build_state(size, seed, index)))
        findings = report.findings
        card = Scorecard(
            [
                Scored(
                    f.rule_id,
                    f.technique,
                    f.status,
                    f.score,
                    f.weight,
                    f.severity,
                    f.waived,
                    f.related_to is None,
                )
                for f in findings
            ],
            [(t.technique, t.title, t.weight) for t in report.techniques],
            SETTINGS,
            BANDS,
        )
        current = card.overall().score
        assert current == report.overall_score
        positions = {f.rule_id: i for i, f in enumerate(findings)}
        for i, f in enumerate(findings):
            if f.status is not Status.FAILED or f.waived or f.related_to is not None:
                assert f.points_at_stake is None
                continue
            fixed = frozenset([i, *(positions[r] for r in f.related)])
            after = card.overall(fixed=fixed).score
            assert current is not None and after is not None
            assert f.points_at_stake == round(after - current, 1)


# -- one defect, one count (engine) --------------------------------------------------


def _pair(tmp_path: Path) -> RuleFolder:
    primary = rule(
        "TST001",
        "count",
        {"collection": "/communications"},
        {"max": 0},
        severity="high",
        overlaps=["TST002"],
    )
    secondary = rule("TST002", "count", {"collection": "/communications"}, {"max": 1})
    other = rule("TST003", "count", {"collection": "/recognitions"}, {"max": 0})
    return RuleFolder(tmp_path / "rules", [primary, secondary, other])


def test_two_rules_failing_on_the_same_records_are_one_defect(tmp_path: Path) -> None:
    engine = Engine(builtins=GENERIC, plugins=[_pair(tmp_path)], entrypoints=False)
    state = StateBuilder().touchpoint("2025-06-02").touchpoint("2025-06-09").build()
    report = engine.assess(state)
    primary, secondary = finding(report, "TST001"), finding(report, "TST002")
    assert (primary.status, secondary.status) == (Status.FAILED, Status.FAILED)
    assert primary.related == ["TST002"]
    assert secondary.related_to == "TST001"
    assert [f.rule_id for f in report.failed()] == ["TST001"]
    assert secondary.points_at_stake is None
    # the defect counts once: the folded finding drops out of the technique's score
    (technique,) = report.techniques
    assert technique.evidence_score == 0.0


def test_rules_failing_on_different_records_stay_two_findings(tmp_path: Path) -> None:
    folder = _pair(tmp_path)
    folder_rules = [
        rule("TST001", "count", {"collection": "/communications"}, {"max": 0}, overlaps=["TST003"]),
        rule("TST003", "count", {"collection": "/recognitions"}, {"max": 0}),
    ]
    folder = RuleFolder(tmp_path / "other", folder_rules)
    engine = Engine(builtins=GENERIC, plugins=[folder], entrypoints=False)
    state = (
        StateBuilder()
        .touchpoint("2025-06-02")
        .recognition("2025-06-03", from_party="client", to_party="provider")
        .build()
    )
    report = engine.assess(state)
    assert finding(report, "TST001").related == []
    assert finding(report, "TST003").related_to is None
    assert len(report.failed()) == 2


# -- reading a report from Python ---------------------------------------------------


def test_a_report_lists_each_partys_actions_in_priority_order(engine: Engine) -> None:
    from tests.conftest import EXAMPLES

    report = engine.assess(EXAMPLES / "struggling-partnership.json")
    client = report.for_party("client")
    assert client and all(f.owner.value in ("client", "both") for f in client)
    assert {f.owner.value for f in client} == {"client", "both"}
    order = report.prioritised()
    keys = [(-severity_rank(f.severity), -(f.points_at_stake or 0)) for f in order]
    assert keys == sorted(keys)
    assert [f for f in order if f in client] == client
    records = report.to_records()
    assert len(records) == len(report.findings)
    assert {"partnership_id", "rule_id", "severity_rank", "points_at_stake"} <= set(records[0])


def test_different_records_of_the_same_list_are_not_shared_evidence(tmp_path: Path) -> None:
    rules = [
        rule(
            "TST001",
            "count",
            {"collection": "/communications", "where": "channel == 'email'"},
            {"max": 0},
            overlaps=["TST002"],
        ),
        rule(
            "TST002",
            "count",
            {"collection": "/communications", "where": "channel == 'phone'"},
            {"max": 0},
        ),
    ]
    engine = Engine(
        builtins=GENERIC, plugins=[RuleFolder(tmp_path / "r", rules)], entrypoints=False
    )
    state = (
        StateBuilder()
        .touchpoint("2025-06-02", channel="email")
        .touchpoint("2025-06-09", channel="phone")
        .build()
    )
    report = engine.assess(state)
    assert finding(report, "TST001").evidence == ["/communications/0"]
    assert finding(report, "TST002").evidence == ["/communications/1"]
    assert finding(report, "TST002").related_to is None


def test_a_tiny_span_between_the_control_points_cannot_invert_a_score() -> None:
    from foundation_engine.core.scoring import rule_score
    from foundation_engine.rulebook.model import Scoring

    scoring = Scoring(method="graded", better="higher", good_option="min", poor_times=0)
    options = {"min": 5e-324}  # found by the monotonicity property test
    better = rule_score(Status.FAILED, 1.0, scoring, options)
    worse = rule_score(Status.FAILED, 5e-324, scoring, options)
    assert better is not None and worse is not None and better >= worse
