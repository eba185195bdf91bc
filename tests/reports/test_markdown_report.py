"""The Markdown report: same content as HTML, inert when rendered by a Markdown viewer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from markdown_it import MarkdownIt

from foundation_engine.report.escaping import md_text
from foundation_engine.report.model import Report
from foundation_engine.testing.builder import StateBuilder
from foundation_engine.writers.markdown_report import write_markdown

from .conftest import struggling_state
from .htmlcheck import ParsedPage
from .samples import sample_findings, sample_report

HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "[click](javascript:alert(3))",
    "![x](https://tracker.example/p.png)",
    "a | b | c",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "`code` and *emphasis* and _more_",
    "&lt;script&gt;",
    "line one\n\n# line two\n<script>x</script>",
)


def to_html(markdown: str) -> str:
    """Render as GitHub would: CommonMark with tables, raw HTML allowed."""
    return str(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))


def test_sections_match_the_html_report(sample: Report) -> None:
    md = write_markdown(sample)
    for heading in (
        "# Acme Corp & TalentCo RPO: partnership foundation report",
        "## Overall foundation",
        "## Technique scores",
        "## Who does what",
        "### Client (3)",
        "### Provider (2)",
        "### Both together (2)",
        "## Communicate constantly: 41.5 / 100",
        "### What to fix (2)",
        "## Waivers",
        "## Warnings",
    ):
        assert f"\n{heading}\n" in f"\n{md}", heading
    assert "**59.8 / 100**, rated **Fragile**" in md
    assert "data coverage 86%" in md


def test_technique_table_renders_as_a_table_with_one_row_per_technique(sample: Report) -> None:
    page = ParsedPage(to_html(write_markdown(sample)))
    rows = [tag for tag, _ in page.tags if tag == "tr"]
    # header + six techniques, then the waivers table: header + one waiver
    assert len(rows) == 1 + 6 + 1 + 1


def test_findings_are_ordered_by_severity(sample: Report) -> None:
    md = write_markdown(sample)
    section = md[md.index("## Communicate constantly") :]
    assert section.index("COM001") < section.index("COM002")  # high before medium


@pytest.mark.parametrize("payload", HOSTILE)
def test_state_values_stay_text_when_rendered(payload: str) -> None:
    findings = [
        f.model_copy(update={"message": payload, "recommendation": payload, "evidence": [payload]})
        if f.status.value == "failed"
        else f
        for f in sample_findings()
    ]
    report = sample_report(partnership_name=payload, findings=findings, warnings=[payload])
    html = to_html(write_markdown(report))
    page = ParsedPage(html)
    assert not {"script", "img", "a", "code", "em"} & page.tag_names()
    assert page.event_handlers() == []
    # Headings are only ours: the title plus fixed section names.
    assert [tag for tag, _ in page.tags].count("h1") == 1
    # Table rows keep their cell count even when a value has pipes.
    for row in html.split("<tr>")[1:]:
        assert row.count("<td") in (0, 5, 6)
    assert " ".join(payload.split()) in page.text


BARE_ADDRESSES = (
    "https://evil.example/login?next=/admin",
    "see http://evil.example and ftp://files.evil.example/x",
    "www.evil.example/offer",
    "Visit WWW.evil.example (now)",
    "write to dana.whitfield+rpo@evil.example today",
    "mailto:dana@evil.example or xmpp:dana@chat.evil.example",
    "(https://evil.example/a_b|c)",
)


def to_github_html(markdown: str) -> str:
    """Render as github.com does: cmark-gfm with its extensions, autolinks among them."""
    cmarkgfm = pytest.importorskip("cmarkgfm")
    unsafe = pytest.importorskip("cmarkgfm.cmark").Options.CMARK_OPT_UNSAFE  # raw HTML kept
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=unsafe))


@pytest.mark.parametrize("address", BARE_ADDRESSES)
def test_bare_addresses_from_a_state_do_not_become_links_on_github(address: str) -> None:
    findings = [
        f.model_copy(
            update={"message": address, "recommendation": address, "evidence_named": [address]}
        )
        if f.status.value == "failed"
        else f
        for f in sample_findings()
    ]
    report = sample_report(partnership_name=address, findings=findings, warnings=[address])
    for html in (to_github_html(write_markdown(report)), to_html(write_markdown(report))):
        page = ParsedPage(html)
        assert "a" not in page.tag_names(), html
        assert page.links() == []
        # Shown as it was written (the parser puts a space where a code span starts).
        assert address.replace(" ", "") in page.text.replace(" ", "")


def test_md_text_escapes_metacharacters() -> None:
    assert md_text("a|b") == "a\\|b"
    assert md_text("<b>") == "&lt;b&gt;"
    assert md_text("# x") == "\\# x"
    assert md_text("`x`") == "\\`x\\`"
    assert md_text("0.38") == "0.38"
    assert md_text("two\nlines") == "two lines"


def test_same_report_renders_identically(assessed: Callable[[StateBuilder], Report]) -> None:
    assert write_markdown(assessed(struggling_state())) == write_markdown(
        assessed(struggling_state())
    )
