"""What every shareable format shows alike: actions, measured values, strengths, repeats."""

from __future__ import annotations

import re

import pytest

from foundation_engine.checks.outcome import Status
from foundation_engine.core.engine import Engine
from foundation_engine.report.view import (
    build_view,
    first_sentence,
    format_measured,
    what_is_working,
    without_repeated_passage,
)
from foundation_engine.rulebook.model import Severity
from foundation_engine.writers.html_report import write_html
from foundation_engine.writers.markdown_report import write_markdown
from foundation_engine.writers.text_report import render_text

from ..conftest import EXAMPLES
from .htmlcheck import ParsedPage
from .samples import make_finding, sample_findings, sample_report

KPIS = "; ".join(
    f"KPI {n} (no definition, target, baseline, direction, owner, benchmark)" for n in range(1, 12)
)
REPEATING = make_finding(
    "MET004",
    "metrics",
    severity=Severity.HIGH,
    message=f"11 of 11 primary KPIs are incomplete: {KPIS}.",
    recommendation=(
        "Complete the KPI sheet together before the next monthly review. "
        f"Missing today: {KPIS}. A KPI nobody can define is a candidate to drop."
    ),
)


# --- action sentences ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Sign it. Then file it.", "Sign it."),
        ("Ask Acme Inc. to sign. Then file it.", "Ask Acme Inc. to sign."),
        ("Ask J. Ortiz to sign. Then file it.", "Ask J. Ortiz to sign."),
        ("Use a tool, e.g. Greenhouse. Then file it.", "Use a tool, e.g. Greenhouse."),
        ("Say (once. Twice) loud. Then go.", "Say (once. Twice) loud."),
        ("Ask 'why' until it is clear. Then fix it.", "Ask 'why' until it is clear."),
        ("Review 3.5 ratings. Then go.", "Review 3.5 ratings."),
        ("No full stop at all", "No full stop at all"),
    ],
)
def test_first_sentence_is_never_cut_at_an_abbreviation_initial_or_bracket(
    text: str, action: str
) -> None:
    assert first_sentence(text) == action


def test_the_action_of_every_built_in_rule_is_a_whole_sentence(engine: Engine) -> None:
    for rule in engine.registry.rules:
        d = rule.definition
        for text in (d.recommendation, *d.recommendations.values()):
            action = first_sentence(text)
            assert re.search(r"[.!?][\"')\]]*$", action), (d.id, action)
            assert action.count("(") == action.count(")"), (d.id, action)
            assert action.count("{") == action.count("}"), (d.id, action)
            assert len(action.split()) >= 4, (d.id, action)


# --- measured values in the unit of the message --------------------------------


def test_a_share_is_shown_as_the_percent_its_message_states() -> None:
    assert format_measured(0.04, "24 of 25 late (4% on time; expected 90%).") == "4%"
    assert format_measured(0.0, "0 of 3 on time (0%); expected 100%.") == "0%"
    assert format_measured(0.091, "11 incomplete (9% of the fields filled in).") == "9%"
    assert format_measured(0.125, "1 of 8 (12.5%) on time.") == "12.5%"
    # A fraction the message does not state as a percent, or a count, stays as it is.
    assert format_measured(0.5, "The median is 0.5 days.") == "0.5"
    assert format_measured(1, "1 of 1 (100%) missed.") == "1"
    assert format_measured(-15.2, "15.2% above the baseline.") == "-15.2"
    assert format_measured(False, "No incentive.") == "no"


def test_html_and_markdown_show_a_share_as_a_percent() -> None:
    report = sample_report()  # COM002 measures 0.38: "38% of live meetings..."
    html = ParsedPage(write_html(report)).text
    assert "Measured 38%" in html and "0.38" not in html
    md = write_markdown(report)
    assert "**Measured:** 38%" in md and "0.38" not in md


# --- long lists said once -------------------------------------------------------


def test_a_recommendation_does_not_repeat_a_long_list_from_its_message() -> None:
    shortened = without_repeated_passage(REPEATING.recommendation or "", REPEATING.message)
    assert shortened == (
        "Complete the KPI sheet together before the next monthly review. "
        "Missing today: as listed above. A KPI nobody can define is a candidate to drop."
    )
    # A short shared passage (three action ids) stays where it is.
    short = "Still open past due: A18, A21, A24."
    assert without_repeated_passage(f"Review them weekly. {short}", f"9 late. {short}") == (
        f"Review them weekly. {short}"
    )


@pytest.mark.parametrize("write", [write_html, write_markdown, render_text])
def test_every_report_names_the_list_once(write: object) -> None:
    report = sample_report(findings=[*sample_findings(), REPEATING])
    output = write(report)  # type: ignore[operator]
    assert output.count("KPI 11 (no definition") == 1
    assert "Missing today: as listed above." in output


def test_no_finding_of_the_struggling_example_says_a_long_passage_twice(engine: Engine) -> None:
    report = engine.assess(EXAMPLES / "struggling-partnership.json")
    views = [f for t in build_view(report).techniques for f in t.to_fix]
    views += [r for f in views for r in f.related]
    assert {"MET004", "MET007"} <= {f.rule_id for f in views}
    for f in views:
        # Nothing long is left to leave out.
        assert without_repeated_passage(f.recommendation, f.message) == f.recommendation, f.rule_id
    raw = {f.rule_id: f.recommendation or "" for f in report.findings}
    assert "Requisition volume (" in raw["MET004"]


# --- strengths: the count is what is listed --------------------------------------


def test_every_passed_rule_is_listed_as_working_and_counted() -> None:
    findings = [*sample_findings(), make_finding("MET002", "metrics", Status.PASSED)]
    report = sample_report(findings=findings)  # MET002 passed but has no strength wording
    working = what_is_working(report)
    assert [s.rule_id for s in working] == ["PUR002", "MET001", "IMP001", "MET002"]
    assert working[3].message == "MET002 holds for this partnership."
    view = build_view(report)
    assert view.strength_count == 4
    md = write_markdown(report)
    assert "· 4 strengths" in md
    assert md.count("- ✓ ") == 4
    text = ParsedPage(write_html(report)).text
    assert "Strengths 4" in text
    assert text.count("Strength: ") == 4
    assert "Strengths (4)" in render_text(report)


def test_strengths_match_the_passed_rules_in_the_struggling_example(engine: Engine) -> None:
    report = engine.assess(EXAMPLES / "struggling-partnership.json")
    passed = [f for f in report.findings if f.status is Status.PASSED]
    view = build_view(report)
    assert view.strength_count == len(passed)
    for t in view.techniques:
        assert len(t.strengths) == t.passed, t.id
    assert f"· {len(passed)} strengths" in write_markdown(report)
