"""Where you see it differently, in every format: the story, the chart, anonymity and escaping."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from foundation_engine.checks import Status
from foundation_engine.core.engine import Engine
from foundation_engine.report.model import Report
from foundation_engine.state.instrument import STANDARD_STATEMENTS
from foundation_engine.testing.builder import StateBuilder
from foundation_engine.writers.csv_report import PERCEPTION_COLUMNS, write_csv
from foundation_engine.writers.html_report import write_html
from foundation_engine.writers.json_report import write_json
from foundation_engine.writers.markdown_report import write_markdown
from foundation_engine.writers.text_report import render_text

from .htmlcheck import ParsedPage

SVG = "{http://www.w3.org/2000/svg}"
WAVE = "2025-12-15"
TECHNIQUES = ("purpose", "communication", "metrics", "recognition", "improvement", "urgency")
PREFIXES = dict(zip(TECHNIQUES, ("PUR", "COM", "MET", "REC", "IMP", "URG"), strict=True))


def poor_records() -> StateBuilder:
    """A year whose records are poor on every technique."""
    return (
        StateBuilder(start="2025-01-06", as_of="2026-01-05")
        .recorded("sign_offs", "goals")  # a purpose nobody wrote or signed
        .touchpoint("2025-10-01")  # two check-ins in a year, no review, no QBR
        .touchpoint("2025-11-20")
        .recorded("metrics")  # no KPI on the scorecard
        .recorded("recognitions")  # go-live reached, nobody thanked
        .milestone("m-1", "Go-live", planned="2025-03-03", achieved="2025-03-03")
        .issue("i-1", "2025-06-02")  # slip-ups never fixed
        .issue("i-2", "2025-09-01")
        .recorded("corrective_actions", "retrospectives")
        .action_item("a-1", raised="2025-09-01", due="2025-09-15")  # promises left open
        .action_item("a-2", raised="2025-10-01", due="2025-10-15")
        .action_item("a-3", raised="2025-11-01", due="2025-11-10")
    )


def provider_sees_it_fine() -> StateBuilder:
    """The provider's five people rate every statement high, the client's four low."""
    builder = poor_records()
    for statement in STANDARD_STATEMENTS:
        builder.pulse_answers(WAVE, "provider", statement.id, [4, 5, 4, 5, 4])  # 4.4
        builder.pulse_answers(WAVE, "client", statement.id, [2, 3, 2, 3])  # 2.5
    return builder


@pytest.fixture(scope="module")
def story() -> Report:
    return Engine().assess(provider_sees_it_fine().build())


# --------------------------------------------------------------------------
# the story: the provider rates everything high, the client low, the records are poor
# --------------------------------------------------------------------------


@pytest.mark.parametrize("technique", TECHNIQUES)
def test_the_provider_is_told_of_the_gap_and_its_blind_spot(story: Report, technique: str) -> None:
    by_id = {f.rule_id: f for f in story.findings}
    gap, spot = by_id[f"{PREFIXES[technique]}020"], by_id[f"{PREFIXES[technique]}021"]
    assert (gap.status, gap.owner.value, gap.value) == (Status.FAILED, "provider", 1.9)
    assert (spot.status, spot.owner.value) == (Status.FAILED, "provider")
    assert spot.value["quadrants"] == {
        "client": "agreed_weakness",
        "provider": "blind_spot",
        "both": "agreed_weakness",
    }
    assert spot.message.startswith("The provider rates")
    assert gap in story.for_party("provider") and spot in story.for_party("provider")


def test_the_section_sets_each_view_beside_the_records(story: Report) -> None:
    assert story.perception is not None
    communication = next(t for t in story.perception.techniques if t.technique == "communication")
    assert (communication.client.average, communication.provider.average) == (2.5, 4.4)
    assert (communication.client.respondents, communication.provider.respondents) == (4, 5)
    assert communication.records == 0.0
    assert communication.gap_flagged is True
    assert communication.verdicts == ["COM020", "COM021"]


def _chart(html: str, technique: str) -> ET.Element:
    start = html.index(f'aria-labelledby="perception-{technique}-title')
    start = html.rindex("<svg", 0, start)
    end = html.index("</svg>", start) + len("</svg>")
    return ET.fromstring(html[start:end])


@pytest.mark.parametrize("technique", TECHNIQUES)
def test_the_html_chart_shows_the_provider_high_and_the_client_and_records_low(
    story: Report, technique: str
) -> None:
    svg = _chart(write_html(story), technique)
    assert svg.get("viewBox") and svg.get("role") == "img"
    widths = {
        rect.get("class", "").split()[-1]: float(rect.get("width", "0"))
        for rect in svg.iter(f"{SVG}rect")
        if "pbar" in rect.get("class", "")
    }
    # on the common scale 4.4 is 85, 2.5 is 37.5; the records score low
    assert widths["pbar-provider"] > 2 * widths["pbar-client"] > widths["pbar-records"]
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "4.4 of 5" in texts and "2.5 of 5" in texts
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and "Blind spot for the provider" in (desc.text or "")


def test_the_html_page_has_the_section_and_stays_inert(story: Report) -> None:
    html = write_html(story)
    page = ParsedPage(html)
    assert "Where you see it differently" in page.text
    assert 'href="#perception"' in html
    assert "script" not in page.tag_names()
    assert page.event_handlers() == []


# --------------------------------------------------------------------------
# anonymity: below the threshold no average of that side appears anywhere
# --------------------------------------------------------------------------


def few_on_the_client_side() -> StateBuilder:
    """Three client people answer each statement 1, 1 and 2 (1.33): one short of four."""
    builder = poor_records().pulse_min_respondents(4)
    for statement in STANDARD_STATEMENTS:
        builder.pulse_answers(WAVE, "provider", statement.id, [4, 5, 4, 5, 4])
        builder.pulse_answers(
            WAVE, "client", statement.id, [1, 1, 2], comments=("only three of us",)
        )
    return builder


@pytest.fixture(scope="module")
def few() -> Report:
    return Engine().assess(few_on_the_client_side().build())


WRITERS: dict[str, Callable[[Report], str]] = {
    "json": write_json,
    "text": render_text,
    "markdown": write_markdown,
    "html": write_html,
    "csv": write_csv,
}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_side_below_the_threshold_shows_no_average_in_any_format(few: Report, name: str) -> None:
    written = WRITERS[name](few)
    assert "1.33" not in written  # the three client people's average
    assert "only three of us" not in written  # nor their comments
    if name != "json":
        assert "too few responses" in written


def test_the_json_section_says_who_answered_but_not_what_the_few_said(few: Report) -> None:
    document = json.loads(write_json(few))
    for technique in document["perception"]["techniques"]:
        assert technique["client"] == {"respondents": 3, "average": None}
        assert technique["gap"] is None
        assert all(s["client"]["average"] is None for s in technique["statements"])
        assert technique["comments"] == [] and technique["withheld_comments"] > 0
    assert {f["status"] for f in document["findings"] if f["rule_id"].endswith("020")} == {
        "not_applicable"
    }


def test_a_statement_below_the_threshold_stays_out_of_its_technique() -> None:
    builder = poor_records()
    builder.pulse_answers(WAVE, "client", "communication.early", [2, 2, 2])
    builder.pulse_answers(WAVE, "client", "communication.candid", [5, 5])  # two: hidden
    report = Engine().assess(builder.build())
    assert report.perception is not None
    (communication,) = [t for t in report.perception.techniques if t.technique == "communication"]
    assert communication.client.average == 2.0  # early alone, never (2+2+2+5+5)/5
    candid = next(s for s in communication.statements if s.statement == "communication.candid")
    assert candid.client.average is None
    html_without_styles = re.sub(r"<style>.*?</style>", "", write_html(report), flags=re.S)
    assert "3.5" not in html_without_styles and "3.2" not in render_text(report)


# --------------------------------------------------------------------------
# comments are escaped in every format
# --------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> | # not a heading \x1b[31m"
FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture(scope="module")
def commented() -> Report:
    builder = poor_records()
    builder.pulse_answers(WAVE, "provider", "urgency.realistic", [4, 4, 4], comments=(HOSTILE,))
    builder.pulse_answers(WAVE, "client", "urgency.realistic", [2, 2, 2], comments=(FORMULA,))
    return Engine().assess(builder.build())


def test_comments_cannot_act_in_html(commented: Report) -> None:
    page = ParsedPage(write_html(commented))
    assert "script" not in page.tag_names()
    assert "<script>alert(1)</script>" in page.text  # shown as text


def test_comments_cannot_open_markup_in_markdown(commented: Report) -> None:
    markdown = write_markdown(commented)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| # not a heading" in markdown
    assert "<script>" not in markdown


def test_comments_cannot_move_the_terminal(commented: Report) -> None:
    text = render_text(commented)
    assert "\x1b" not in text
    assert 'Provider said: "<script>alert(1)</script> | # not a heading' in text


def test_comments_cannot_run_as_formulas_in_csv(commented: Report) -> None:
    written = write_csv(commented)
    findings, _, perception = written.partition("\r\n\r\n")
    rows = list(csv.DictReader(io.StringIO(perception)))
    assert list(rows[0]) == list(PERCEPTION_COLUMNS)
    comments = {r["party"]: r["text"] for r in rows if r["row"] == "comment"}
    assert comments["client"] == "'" + FORMULA
    assert list(csv.DictReader(io.StringIO(findings)))  # the findings table reads on its own


def test_a_report_without_a_pulse_has_no_section_in_any_format() -> None:
    report = Engine().assess(poor_records().build())
    assert report.perception is None
    for name, write in WRITERS.items():
        written = write(report)
        assert "Where you see it differently" not in written, name
    assert "partnership_id,wave," not in write_csv(report)
