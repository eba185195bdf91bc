"""Fill the generated parts of docs/scoring.md: the worked examples and the calibration table.

Every number comes from the code: the worked examples call the scoring
functions and the built-in rule files, the table assesses every calibration
story. tests/calibration/test_scoring_docs.py fails when the committed page
differs from what this script writes.

    python scripts/generate_scoring_docs.py
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "scoring.md"
sys.path.insert(0, str(ROOT))

from foundation_engine import Engine, EngineConfig  # noqa: E402
from foundation_engine.checks.outcome import Status  # noqa: E402
from foundation_engine.core.config import DEFAULT_RATING_BANDS, ScoringSettings  # noqa: E402
from foundation_engine.core.scoring import (  # noqa: E402
    Scorecard,
    Scored,
    TechniqueEntry,
    TechniqueResult,
    overall_result,
    rule_score,
    technique_result,
)
from foundation_engine.plugin.manager import DEFAULT_PLUGINS  # noqa: E402
from foundation_engine.rulebook.model import Severity  # noqa: E402

SETTINGS = ScoringSettings()
BANDS = list(DEFAULT_RATING_BANDS)


def _scored(rule_id: str, score: float | None, weight: float, **kw: object) -> Scored:
    status = (
        Status.NOT_APPLICABLE if score is None else Status.PASSED if score == 1 else Status.FAILED
    )
    severity = kw.pop("severity", Severity.MEDIUM)
    assert isinstance(severity, Severity)
    return Scored(rule_id, str(kw.pop("technique", "t")), status, score, weight, severity)


def _entry(name: str, score: float | None, coverage: float = 1.0) -> TechniqueEntry:
    return TechniqueEntry(name, name, 1.0, TechniqueResult(score, score, coverage))


def worked_examples() -> str:
    out: list[str] = []

    # 1. one rule, three gaps
    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    com001 = next(r for r in engine.rules if r.id == "COM001")
    d = com001.definition
    points = d.scoring.control_points(com001.option_values)
    assert points is not None
    good, poor = points
    out += [
        "**A graded rule at three sizes.** COM001 flags the longest stretch without an "
        f"operational touchpoint; its limit is {good:g} days, its poor point {poor:g} days "
        f"({d.scoring.poor_times:g} times the limit), its severity at worst "
        f"{d.severity.value}.",
        "",
        "| longest gap | rule score | severity |",
        "|---:|---:|---|",
    ]
    for gap in (19, 30, 45):
        score = rule_score(Status.FAILED, gap, d.scoring, com001.option_values)
        severity = d.failure_severity(score, com001.severity)
        out.append(f"| {gap} days | {score:.2f} | {severity.value} |")
    out.append("")

    # 2. a technique with a gap in its data
    findings = [
        _scored("A", 1.0, 4, severity=Severity.HIGH),
        _scored("B", 0.5, 2),
        _scored("C", 1.0, 2),
        _scored("D", None, 2),
    ]
    t = technique_result(findings, SETTINGS.neutral_score)
    assert t.evidence_score is not None and t.score is not None
    out += [
        "**A technique with a gap in its data.** Four rules weighing 4, 2, 2 and 2: the "
        "first and third pass, the second fails at a graded 0.5, the fourth has no data.",
        "",
        f"- evidence score: (4 × 1 + 2 × 0.5 + 2 × 1) / 8 = **{t.evidence_score:.1f}**",
        f"- coverage: 8 of 10 weight had data = **{t.coverage:.0%}**",
        f"- technique score: {t.coverage:.1f} × {t.evidence_score:.1f} + "
        f"{1 - t.coverage:.1f} × min({t.evidence_score:.1f}, {SETTINGS.neutral_score:g}) = "
        f"**{t.score:.1f}**",
        "",
    ]

    # 3. one technique at zero
    five_and_zero = [_entry(f"t{i}", 100.0) for i in range(5)] + [_entry("t5", 0.0)]
    geometric = overall_result(five_and_zero, {}, SETTINGS, BANDS)
    mean = overall_result(
        five_and_zero, {}, SETTINGS.model_copy(update={"aggregation": "mean"}), BANDS
    )
    out += [
        "**One technique at zero.** Five techniques at 100 and one at 0, equal weights.",
        "",
        f"- arithmetic mean: {mean.uncapped_score:.1f}, capped at the top of fragile by the "
        f"technique below 25: **{mean.score:.1f}, {mean.rating}**",
        f"- geometric mean (the default): (100⁵ × 1)^(1/6) = **{geometric.score:.1f}, "
        f"{geometric.rating.replace('_', ' ')}**",
        "",
    ]

    # 4. a red flag in an otherwise strong partnership
    strong = [_entry(f"t{i}", s) for i, s in enumerate((100, 100, 100, 100, 95, 85))]
    flagged = overall_result(strong, {Severity.HIGH: ["PUR002"]}, SETTINGS, BANDS)
    clean = overall_result(strong, {}, SETTINGS, BANDS)
    out += [
        "**A red flag in a strong partnership.** Techniques at 100, 100, 100, 100, 95 and 85 "
        f"score {clean.score:.1f}, rated {clean.rating}. With one open high finding (the "
        f"provider never signed the purpose, PUR002) the rating is capped at sound: "
        f"**{flagged.score:.1f}, {flagged.rating}**.",
        "",
    ]

    # 5. sparse data
    sparse = [_entry("purpose", 80.0, 0.6)] + [_entry(f"t{i}", None, 0.0) for i in range(5)]
    thin = overall_result(sparse, {}, SETTINGS, BANDS)
    out += [
        "**Sparse data.** Only the purpose is recorded: it scores 80 at 60% coverage and the "
        "five other techniques are unknown, each counting at min(50, 80) = 50. Overall "
        f"(80 × 50⁵)^(1/6) = {thin.score:.1f} at coverage {thin.coverage:.0%}: rated "
        f"**{thin.rating.replace('_', ' ')}**, and a technique without data would cap it at "
        "sound anyway.",
        "",
    ]

    # 6. points at stake
    card = Scorecard(
        [
            _scored("PUR002", 0.0, 4, technique="purpose", severity=Severity.HIGH),
            *[_scored(f"PUR00{i}", 1.0, 2, technique="purpose") for i in range(3, 7)],
            *[_scored(f"X{i}", 1.0, 4, technique=f"t{i}") for i in range(5)],
        ],
        [("purpose", "purpose", 1.0), *((f"t{i}", f"t{i}", 1.0) for i in range(5))],
        SETTINGS,
        BANDS,
    )
    now = card.overall()
    assert now.score is not None and now.uncapped_score is not None
    gain = card.points_at_stake(frozenset([0]), now.score)
    purpose = card.technique("purpose").score
    out += [
        "**Points at stake.** Purpose loses one high rule (weight 4 of 12) and scores "
        f"{purpose:.1f}; five other techniques are perfect. The overall "
        f"{now.uncapped_score:.1f} is capped at {now.score:.1f} by the open high finding. "
        f"Fixing PUR002 restores purpose to 100 and lifts the cap: **+{gain:.1f} points**.",
    ]
    assert math.isfinite(gain or 0.0)
    return "\n".join(out) + "\n"


def calibration_table() -> str:
    from tests.calibration.verdicts import table

    return table()


def fill(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", flags=re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"docs/scoring.md has no {name} markers")
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text)


def render() -> str:
    text = DOC.read_text(encoding="utf-8")
    text = fill(text, "worked-examples", worked_examples())
    return fill(text, "calibration", calibration_table())


def main() -> None:
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
