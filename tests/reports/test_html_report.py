"""The HTML report: content, structure, accessibility cues, self-containment, escaping."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import pytest

from foundation_engine.report.model import Report
from foundation_engine.testing.builder import StateBuilder
from foundation_engine.writers.html_report import write_html

from .conftest import struggling_state
from .htmlcheck import ParsedPage
from .samples import make_finding, sample_findings, sample_report

HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    '" onload="alert(3)',
    "' onmouseover='alert(4)",
    "</style><script>alert(5)</script>",
    "</title><svg onload=alert(6)>",
    "{{ 7*7 }}",
)


def test_top_of_report_shows_score_rating_coverage_date_phase_and_name(sample: Report) -> None:
    page = ParsedPage(write_html(sample))
    text = page.text
    assert "Acme Corp & TalentCo RPO" in text
    assert "59.8 / 100" in text
    assert "Rating: Fragile" in text
    assert "Data coverage 86%" in text
    assert "5 January 2026" in text
    assert "Steady state" in text


def test_radar_chart_is_inline_svg_with_a_text_alternative_and_a_table(sample: Report) -> None:
    html = write_html(sample)
    page = ParsedPage(html)
    svg = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert len(svg) == 1 and svg[0]["role"] == "img"
    assert "aria-labelledby" in svg[0]
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", html, re.S)
    assert desc is not None
    assert "Communicate constantly: 41.5 of 100" in desc.group(1)
    # The same numbers as a table.
    table = html[html.index('id="scores-heading"') :]
    table = table[: table.index("</table>")]
    for title, score in (
        ("Communicate constantly", "41.5"),
        ("Pursue a few selective metrics", "88.0"),
    ):
        row = table[table.index(title) :]
        assert f'<td class="num">{score}</td>' in row[: row.index("</tr>")]


def test_findings_are_ordered_by_severity_within_a_technique() -> None:
    from foundation_engine.checks.outcome import Status
    from foundation_engine.rulebook.model import Severity

    findings = [
        make_finding("COM010", "communication", severity=Severity.LOW),
        make_finding("COM011", "communication", severity=Severity.CRITICAL),
        make_finding("COM012", "communication", severity=Severity.MEDIUM),
        make_finding("COM013", "communication", Status.PASSED, Severity.HIGH),
    ]
    html = write_html(sample_report(findings=findings))
    section = html[html.index('id="technique-communication"') :]
    order = [section.index(f'id="finding-{r}"') for r in ("com011", "com012", "com010")]
    assert order == sorted(order)
    assert 'id="finding-com013"' not in section.split("What is working")[0]


def test_severity_is_written_as_text_not_only_colour(sample: Report) -> None:
    page = ParsedPage(write_html(sample))
    # Every severity badge carries its word.
    assert re.search(r"\bCritical\b", page.text)
    assert re.search(r"\bHigh\b", page.text)
    assert re.search(r"\bMedium\b", page.text)


def test_headings_never_skip_a_level(sample: Report) -> None:
    levels = [
        int(tag[1])
        for tag, _ in ParsedPage(write_html(sample)).tags
        if re.fullmatch(r"h[1-6]", tag)
    ]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"heading h{before} followed by h{after}"


def test_who_does_what_groups_recommendations_by_party(sample: Report) -> None:
    html = write_html(sample)
    who = html[html.index('id="who-does-what"') :]
    who = who[: who.index("</section>")]
    client = who[who.index("Client") : who.index("Provider")]
    provider = who[who.index("Provider") : who.index("Both together")]
    both = who[who.index("Both together") :]
    assert "Hold a reset session on ramp-up expectations." in client
    assert "Record where the time_to_fill benchmark comes from." in provider
    assert "Ask the client sponsor to sign off the purpose statement." in both
    # A waived finding is not an action for anyone.
    assert "Act on REC003." not in who


def test_waivers_warnings_strengths_and_footer_are_shown(sample: Report) -> None:
    text = ParsedPage(write_html(sample)).text
    assert "J. Ortiz (client TA lead)" in text
    assert "31 March 2026" in text
    assert "waiver for MET9 (owner ops) matched nothing" in text
    assert "Both sponsors are named and in post." in text
    assert "foundation-engine 0.1.0" in text
    assert "0123456789abcdef" in text


def test_page_is_self_contained(sample: Report) -> None:
    html = write_html(sample)
    page = ParsedPage(html)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & page.tag_names()
    assert all(link.startswith("#") for link in page.links())
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|url\(|@import|@font-face", html)
    assert "@media print" in html


@pytest.mark.parametrize("payload", HOSTILE)
def test_state_values_are_escaped_everywhere(payload: str) -> None:
    findings = [
        f.model_copy(
            update={
                "message": payload,
                "recommendation": payload,
                "evidence": [f"/x/{payload}"],
                "value": payload,
            }
        )
        if f.status.value == "failed"
        else f
        for f in sample_findings()
    ]
    report = sample_report(
        partnership_name=payload,
        partnership_id=payload,
        findings=findings,
        warnings=[payload],
        rating=payload,
    )
    html = write_html(report)
    page = ParsedPage(html)
    assert not {"script", "img", "iframe"} & page.tag_names()
    assert page.event_handlers() == []
    assert payload in page.text  # shown to the reader as text
    assert "49" not in page.text  # never evaluated as a template


def test_engine_assessed_state_with_hostile_name_renders_as_text(
    assessed: Callable[[StateBuilder], Report],
) -> None:
    report = assessed(StateBuilder(name="<script>alert(1)</script>").touchpoint("2025-12-30"))
    html = write_html(report)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_engine_report_renders_its_findings(assessed: Callable[[StateBuilder], Report]) -> None:
    report = assessed(struggling_state())
    text = ParsedPage(write_html(report)).text
    failed = report.failed()
    assert failed, "the struggling state should fail at least one rule"
    for f in failed:
        assert f.rule_id in text
        assert " ".join(f.message.split()) in text


def test_same_report_renders_byte_identical(assessed: Callable[[StateBuilder], Report]) -> None:
    first = write_html(assessed(struggling_state()))
    second = write_html(assessed(struggling_state()))
    assert first == second
    assert write_html(sample_report()) == write_html(sample_report())


def test_no_scores_yet_renders_without_a_chart_shape() -> None:
    report = sample_report(
        findings=[],
        technique_scores=[],
        overall_score=None,
        unwaived_overall_score=None,
        rating="insufficient_data",
        coverage=0.0,
        strengths=[],
        waivers=[],
    )
    text = ParsedPage(write_html(report)).text
    assert "no data" in text
    assert "Rating: Insufficient data" in text


def _details(html: str) -> list[str]:
    return re.findall(r"<details class=\"fold[^\"]*\">(.*?)</details>", html, re.S)


def test_passed_and_not_assessed_rules_are_folded_away(sample: Report) -> None:
    html = write_html(sample)
    folds = _details(html)
    working = [f for f in folds if "What is working" in f]
    assert len(working) == 3  # purpose, metrics, improvement each pass a rule
    assert all("Strength: " in f for f in working)
    not_assessed = [f for f in folds if "Not assessed" in f]
    assert len(not_assessed) == 2  # COM003 without data, URG003 could not run
    assert "COM003" in not_assessed[0] and "URG003" in not_assessed[1]
    # Folded, not open, and never a finding to fix.
    assert "<details open" not in html and '<details class="fold working" open' not in html
    assert not any('class="finding' in f for f in folds)
    # Every strength and not-assessed rule is inside a fold.
    outside = re.sub(r"<details class=\"fold.*?</details>", "", html, flags=re.S)
    assert "Strength: " not in outside and 'id="finding-com003"' not in outside


def test_findings_carry_who_acts_and_severity_for_the_filters(sample: Report) -> None:
    html = write_html(sample)
    page = ParsedPage(html)
    findings = [a for t, a in page.tags if t == "li" and "finding" in (a.get("class") or "")]
    assert findings
    for attrs in findings:
        assert attrs["data-owner"] in ("client", "provider", "both")
        assert attrs["data-severity"] in ("critical", "high", "medium", "low", "info")
    radios = [a["id"] or "" for t, a in page.tags if t == "input" and a.get("type") == "radio"]
    assert radios[:4] == ["party-all", "party-client", "party-provider", "party-both"]
    style = html[html.index("<style>") : html.index("</style>")]
    for radio in radios:
        if not radio.endswith("-all"):
            assert f"#{radio}:checked" in style, radio  # each choice filters something
    # Filtering is done by the stylesheet alone, and hidden where :has() is unknown.
    assert "<script" not in html and "@supports selector(:has(*))" in style


def test_a_long_evidence_list_shows_its_first_records_and_a_count() -> None:
    pointers = [f"/requisitions/{n}" for n in range(24)]
    findings = [make_finding("URG007", "urgency", evidence=pointers), *sample_findings()]
    html = write_html(sample_report(findings=findings))
    finding = html[html.index('id="finding-urg007"') :]
    finding = finding[: finding.index("</li>\n")]
    assert finding.count("<code>/requisitions/") == 24
    assert "<summary>and 18 more</summary>" in finding
    shown = finding[: finding.index("<details")]
    assert shown.count("<code>/requisitions/") == 6


def test_print_layout_keeps_the_summary_first_and_findings_whole(sample: Report) -> None:
    style = write_html(sample)
    style = style[style.index("@media print") :]
    assert re.search(r"#who-does-what \{[^}]*break-before: page", style)
    assert re.search(r"section\.first-technique \{[^}]*break-before: page", style)
    assert re.search(r"\.finding \{[^}]*break-inside: avoid", style)
    assert re.search(r"h2, h3, summary \{ break-after: avoid", style)
    assert "details.fold::details-content" in style  # folded lists print open
