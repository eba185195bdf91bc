"""One defect, one count: the double counts a governance lead found are one finding each.

On the bundled struggling partnership, every pair of rules that failed on the
same records for the same cause is one defect: the primary finding is listed,
the other is shown beside it, and the score counts the defect once.
"""

from __future__ import annotations

import pytest

from foundation_engine import Engine
from foundation_engine.checks.outcome import Status
from foundation_engine.core.scoring import Scored, technique_result
from foundation_engine.report.model import Report
from foundation_engine.writers.text_report import render_text
from tests.conftest import EXAMPLES, finding

PAIRS = [
    ("REC001", "REC008"),  # the same silence
    ("COM010", "COM004"),  # the same emailed meetings
    ("IMP003", "IMP004"),  # the same overdue actions
    ("MET003", "MET004"),  # one sprawling KPI list: undefined KPIs in it
    ("MET003", "PUR005"),  # one sprawling KPI list: KPIs no goal asked for
]


@pytest.fixture(scope="module")
def report(engine: Engine) -> Report:
    return engine.assess(EXAMPLES / "struggling-partnership.json")


@pytest.mark.parametrize(("primary", "folded"), PAIRS)
def test_a_named_double_count_is_one_finding_with_the_other_beside_it(
    report: Report, primary: str, folded: str
) -> None:
    first, second = finding(report, primary), finding(report, folded)
    assert first.status is second.status is Status.FAILED
    assert second.related_to == primary
    assert folded in first.related
    assert folded not in {f.rule_id for f in report.failed()}
    assert second.points_at_stake is None  # its points belong to the primary
    assert f"Same defect: {folded} " in render_text(report)


@pytest.mark.parametrize("technique", ["recognition", "communication", "improvement", "metrics"])
def test_the_score_counts_each_defect_once(report: Report, technique: str) -> None:
    group = [f for f in report.findings if f.technique == technique]
    assert any(f.related_to for f in group)

    def scored(counted: bool) -> float | None:
        return technique_result(
            [
                Scored(
                    f.rule_id,
                    f.technique,
                    f.status,
                    f.score,
                    f.weight,
                    f.severity,
                    f.waived,
                    counted or f.related_to is None,
                )
                for f in group
            ],
            neutral=50,
        ).evidence_score

    shown = next(t for t in report.techniques if t.technique == technique)
    assert shown.evidence_score == scored(counted=False)
    # counted twice, the technique's score would be another number
    assert scored(counted=True) != shown.evidence_score


def test_a_missing_quality_kpi_is_a_defect_of_its_own_beside_the_sprawl(report: Report) -> None:
    # Trimming a sprawling scorecard does not add the quality KPI it lacks: MET005
    # stays a finding of its own when it fails beside MET003.
    met005 = finding(report, "MET005")
    if met005.status is Status.FAILED:
        assert met005.related_to is None
