"""Progress over time: diffs of two reports, wins, regressions, baseline filtering."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from foundation_engine import Engine
from foundation_engine.checks.outcome import Status
from foundation_engine.progress.diff import (
    ChangeKind,
    ReportDiff,
    classify,
    diff_reports,
    diff_to_html,
    diff_to_json,
    diff_to_markdown,
    diff_to_text,
    new_since_baseline,
)
from foundation_engine.report.model import Report
from foundation_engine.rulebook.model import Severity
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import ROOT

from .htmlcheck import ParsedPage
from .samples import TECHNIQUES, make_finding, sample_findings, sample_report


def quarter_later() -> Report:
    """The sample partnership three months on: some fixed, some worse, one new problem."""
    findings = []
    for f in sample_findings():
        if f.rule_id == "PUR001":  # critical, now fixed
            f = make_finding("PUR001", "purpose", Status.PASSED, Severity.CRITICAL)
        elif f.rule_id == "COM002":  # medium -> high
            f = f.model_copy(update={"severity": Severity.HIGH})
        elif f.rule_id == "COM001":  # same severity, worse score (0.2 before)
            f = f.model_copy(update={"score": 0.05})
        elif f.rule_id == "MET001":  # passed -> failed
            f = make_finding("MET001", "metrics", severity=Severity.HIGH, score=0.3)
        elif f.rule_id == "IMP002":  # better score
            f = f.model_copy(update={"score": 0.95})
        findings.append(f)
    findings.append(make_finding("URG009", "urgency", severity=Severity.MEDIUM))
    findings.append(
        make_finding(
            "MET007",
            "metrics",
            Status.PASSED,
            Severity.HIGH,
            evidence=["/metrics/2"],
            message="time_to_fill met its target of 45 days.",
        )
    )
    findings = [f for f in findings if f.rule_id != "COM003"]
    scores = [
        (t, title, {"purpose": 85.0, "recognition": 30.0}.get(t, s)) for t, title, s in TECHNIQUES
    ]
    return sample_report(
        findings=findings, technique_scores=scores, overall_score=61.0, as_of=dt.date(2026, 4, 6)
    )


def old_report_with_kpi_miss() -> Report:
    findings = [
        *sample_findings(),
        make_finding(
            "MET007",
            "metrics",
            severity=Severity.MEDIUM,
            evidence=["/metrics/2"],
            message="time_to_fill missed its target of 45 days.",
        ),
    ]
    return sample_report(findings=findings)


@pytest.fixture
def diff() -> ReportDiff:
    return diff_reports(old_report_with_kpi_miss(), quarter_later())


def kinds(diff: ReportDiff) -> dict[str, ChangeKind]:
    return {c.rule_id: c.change for c in diff.findings}


def test_findings_are_matched_by_fingerprint_and_classified(diff: ReportDiff) -> None:
    got = kinds(diff)
    assert got["PUR001"] is ChangeKind.RESOLVED
    assert got["MET007"] is ChangeKind.RESOLVED
    assert got["COM002"] is ChangeKind.REGRESSED  # severity up
    assert got["COM001"] is ChangeKind.REGRESSED  # score down
    assert got["MET001"] is ChangeKind.REGRESSED  # passed -> failed
    assert got["IMP002"] is ChangeKind.IMPROVED
    assert got["URG009"] is ChangeKind.NEW
    assert got["REC001"] is ChangeKind.UNCHANGED  # still failing, same score
    assert got["REC003"] is ChangeKind.UNCHANGED  # still waived
    assert got["COM003"] is ChangeKind.REMOVED
    assert diff.has_regression
    assert diff.counts["regressed"] == 3


def test_score_changes_overall_and_per_technique(diff: ReportDiff) -> None:
    assert diff.overall.delta == pytest.approx(61.0 - 59.75)
    by = {t.technique: t for t in diff.techniques}
    assert by["purpose"].delta == pytest.approx(13.0)
    assert by["recognition"].delta == pytest.approx(-5.0)
    assert by["metrics"].delta == 0


def test_wins_worth_recognising(diff: ReportDiff) -> None:
    wins = {(a.kind, a.technique or a.rule_id) for a in diff.achievements}
    assert ("technique_improved", "purpose") in wins
    assert ("finding_resolved", "purpose") in wins  # the critical PUR001
    assert ("kpi_target_hit", "metrics") in wins
    assert not any(a.kind == "overall_improved" for a in diff.achievements)  # +1.25 < margin
    # A larger margin removes the technique win.
    strict = diff_reports(old_report_with_kpi_miss(), quarter_later(), margin=20)
    assert not any(a.kind == "technique_improved" for a in strict.achievements)


def test_no_regression_when_nothing_got_worse() -> None:
    report = sample_report()
    same = diff_reports(report, sample_report())
    assert not same.has_regression
    assert set(kinds(same).values()) == {ChangeKind.UNCHANGED}
    assert same.achievements == []


def test_not_measurable_before_and_failing_now_counts_as_new() -> None:
    old = make_finding("COM003", "communication", Status.NOT_APPLICABLE)
    new = make_finding("COM003", "communication")
    assert classify(old, new) is ChangeKind.NEW
    assert classify(None, make_finding("X001", "purpose", Status.PASSED)) is ChangeKind.ADDED


def test_warns_when_reports_are_not_comparable() -> None:
    other = sample_report(partnership_id="other", config_fingerprint="ffff")
    warnings = " ".join(diff_reports(sample_report(), other).warnings)
    assert "different partnerships" in warnings
    assert "different configurations" in warnings


def test_renderers_agree_and_escape(diff: ReportDiff) -> None:
    text = diff_to_text(diff)
    assert "Resolved (2):" in text and "Regressed (3):" in text and "Regression: yes" in text
    data = json.loads(diff_to_json(diff))
    assert data["has_regression"] is True
    assert data["counts"]["new"] == 1
    md = diff_to_markdown(diff)
    assert "## Wins worth recognising" in md
    assert "| Establish a shared purpose | 72.0 | 85.0 | +13.0 |" in md
    page = ParsedPage(diff_to_html(diff))
    assert "Wins worth recognising" in page.text
    assert "Regressed (3)" in page.text and "COM002" in page.text


def test_hostile_values_in_a_diff_are_escaped() -> None:
    payload = "<script>alert(1)</script>"
    old = sample_report(partnership_name=payload)
    new_findings = [*sample_findings(), make_finding("URG009", "urgency", message=payload)]
    new = sample_report(partnership_name=payload, findings=new_findings)
    d = diff_reports(old, new)
    html = diff_to_html(d)
    page = ParsedPage(html)
    assert "script" not in page.tag_names()
    assert payload in page.text
    assert "<script>" not in diff_to_markdown(d)
    assert "<script>" not in diff_to_html(d)


def test_diff_renders_identically_twice(diff: ReportDiff) -> None:
    again = diff_reports(old_report_with_kpi_miss(), quarter_later())
    for render in (diff_to_text, diff_to_json, diff_to_markdown, diff_to_html):
        assert render(diff) == render(again)


def test_baseline_keeps_only_new_and_regressed_findings_and_the_full_score() -> None:
    baseline = old_report_with_kpi_miss()
    current = quarter_later()
    narrowed = new_since_baseline(current, baseline)
    assert sorted(f.rule_id for f in narrowed.findings) == ["COM001", "COM002", "MET001", "URG009"]
    assert narrowed.overall_score == current.overall_score
    assert narrowed.techniques == current.techniques
    assert narrowed.rating == current.rating
    note = narrowed.warnings[-1]
    assert "baseline" in note and str(len(current.findings) - 4) in note
    assert current.findings != narrowed.findings  # the original is untouched


def test_a_quarter_apart_the_engine_diff_shows_the_regression(
    assessed: Callable[[StateBuilder], Report],
) -> None:
    # Q3: weekly check-ins all along. Q4: nothing since early November.
    q3 = assessed(
        StateBuilder(as_of="2025-10-06", id="acme").weekly_touchpoints("2025-01-06", "2025-10-06")
    )
    q4 = assessed(
        StateBuilder(as_of="2026-01-05", id="acme").weekly_touchpoints("2025-01-06", "2025-11-03")
    )
    forward = diff_reports(q3, q4)
    assert kinds(forward)["COM001"] is ChangeKind.REGRESSED
    assert forward.has_regression
    communication = next(t for t in forward.techniques if t.technique == "communication")
    assert communication.delta is not None and communication.delta < 0
    assert [f.rule_id for f in new_since_baseline(q4, q3).findings] == ["COM001"]
    # Read the other way round, the same pair is a recovery worth recognising.
    backward = diff_reports(q4, q3)
    assert kinds(backward)["COM001"] is ChangeKind.RESOLVED
    assert not backward.has_regression
    assert {a.kind for a in backward.achievements} >= {"finding_resolved", "technique_improved"}


def test_a_diff_written_as_json_reads_back_unchanged() -> None:
    from foundation_engine.core.engine import Engine
    from foundation_engine.plugin.manager import DEFAULT_PLUGINS
    from foundation_engine.progress.diff import ReportDiff, diff_reports, diff_to_json
    from foundation_engine.testing.builder import StateBuilder

    engine = Engine(builtins=DEFAULT_PLUGINS, entrypoints=False)
    old = engine.assess(StateBuilder(as_of="2026-03-31").recorded("communications").build())
    new = engine.assess(StateBuilder(as_of="2026-06-30").touchpoint("2026-06-22").build())
    diff = diff_reports(old, new)
    again = ReportDiff.model_validate_json(diff_to_json(diff))
    assert again == diff
    assert again.has_regression == diff.has_regression


# -- what moved the score ------------------------------------------------------------


def test_the_changed_findings_account_for_the_whole_score_change(engine: Engine) -> None:
    state = ROOT / "examples" / "struggling-partnership.json"
    old = engine.assess(state, as_of="2026-06-30")
    new = engine.assess(state)
    diff = diff_reports(old, new)
    moved = [c for c in diff.findings if c.points is not None]
    assert moved, "the struggling partnership changed between the quarters"
    assert all(c.change is not ChangeKind.UNCHANGED for c in moved)
    assert diff.overall.delta is not None
    assert sum(c.points or 0.0 for c in moved) == pytest.approx(diff.overall.delta, abs=0.15)
    text = diff_to_text(diff)
    assert "What moved the score" in text
    top = diff.explained()[0]
    assert f"{top.points:+5.1f}  {top.rule_id}" in text


def test_reports_scored_differently_get_no_points(engine: Engine) -> None:
    state = ROOT / "examples" / "struggling-partnership.json"
    old = engine.assess(state, as_of="2026-06-30")
    assert old.scoring is not None
    changed = old.scoring.model_copy(update={"aggregation": "mean"})
    old = old.model_copy(update={"scoring": changed})
    diff = diff_reports(old, engine.assess(state))
    assert all(c.points is None for c in diff.findings)
    assert "What moved the score" not in diff_to_text(diff)
