"""The HTML report in a real headless browser: it renders, stays offline, fits a phone, prints.

Needs Chromium (Debian package ``chromium``; ``.ci/run`` installs it); every
test here is skipped without it. Chromium is driven by
``scripts/report_screenshots.py``, the script that pictures the report for the
documentation. The screenshot is kept as a test artefact in
``tmp/artefacts/`` (or the folder named by ``FOUNDATION_ENGINE_ARTEFACTS``)
for people to look at.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.writers.html_report import write_html
from tests.scripts import load_script

from ..conftest import EXAMPLES, ROOT
from .htmlcheck import ParsedPage
from .samples import sample_report


def _load_driver() -> ModuleType:
    return load_script(ROOT / "scripts" / "report_screenshots.py")


browser = _load_driver()
pytestmark = pytest.mark.skipif(
    browser.find_chromium() is None,
    reason="Chromium is not installed (Debian: apt-get install -y chromium); .ci/run installs it",
)


def artefacts() -> Path:
    folder = Path(os.environ.get("FOUNDATION_ENGINE_ARTEFACTS", ROOT / "tmp" / "artefacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def page_requests(net_log: Path) -> list[str]:
    """URLs the page itself asked for (the browser's own service calls are not the page's)."""
    log = json.loads(net_log.read_text())
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    return [
        event["params"]["url"]
        for event in log["events"]
        if names.get(event["type"]) == "URL_REQUEST_START_JOB"
        and "url" in event.get("params", {})
        and event["params"].get("initiator") != "not an origin"
    ]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[str]]:
    """The sample report opened in Chromium: the file, its DOM, and the page's requests."""
    folder = tmp_path_factory.mktemp("browser")
    page = folder / "report.html"
    page.write_text(write_html(sample_report()), encoding="utf-8")
    net_log = folder / "netlog.json"
    result = browser.run_chromium(
        page, folder / "profile", f"--log-net-log={net_log}", "--dump-dom"
    )
    return page, result.stdout, page_requests(net_log)


@pytest.fixture(scope="module")
def example_html() -> str:
    """The struggling example's report: every section full, long lists, 35 findings."""
    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    return write_html(engine.assess(EXAMPLES / "struggling-partnership.json"))


@pytest.fixture(scope="module")
def on_a_phone(example_html: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return dict(browser.measure_layout(example_html, browser.PHONE, tmp_path_factory.mktemp("p")))


def test_key_texts_are_in_the_rendered_dom(rendered: tuple[Path, str, list[str]]) -> None:
    text = ParsedPage(rendered[1]).text
    for expected in (
        "Acme Corp & TalentCo RPO",
        "Rating: Fragile",
        "Who does what",
        "Communicate constantly",
        "What to do:",
        "J. Ortiz (client TA lead)",
        "0123456789abcdef",
    ):
        assert expected in text


def test_radar_chart_is_in_the_rendered_dom(rendered: tuple[Path, str, list[str]]) -> None:
    page = ParsedPage(rendered[1])
    assert any(
        tag == "svg" and attrs.get("class") == "radar" and attrs.get("role") == "img"
        for tag, attrs in page.tags
    )
    assert any(tag == "polygon" and attrs.get("class") == "radar-area" for tag, attrs in page.tags)


def test_no_network_request_was_attempted(rendered: tuple[Path, str, list[str]]) -> None:
    page, _, requests = rendered
    assert [url for url in requests if url != page.as_uri()] == []


def test_the_request_check_does_see_a_page_that_reaches_out(tmp_path: Path) -> None:
    # A control: the same check must catch a page that loads a font and an image.
    page = tmp_path / "leaky.html"
    page.write_text(
        '<!DOCTYPE html><link rel="stylesheet" href="https://fonts.example.com/a.css">'
        '<img src="http://example.org/a.png" alt="">',
        encoding="utf-8",
    )
    net_log = tmp_path / "netlog.json"
    browser.run_chromium(page, tmp_path / "profile", f"--log-net-log={net_log}", "--dump-dom")
    assert set(page_requests(net_log)) >= {
        "https://fonts.example.com/a.css",
        "http://example.org/a.png",
    }


def test_screenshot_is_saved_as_an_artefact(
    rendered: tuple[Path, str, list[str]], tmp_path: Path
) -> None:
    shot = artefacts() / "html-report.png"
    shot.unlink(missing_ok=True)
    browser.run_chromium(
        rendered[0], tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000"
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2000)
    assert len(data) > 30_000, "the screenshot looks blank"


# --- a phone ------------------------------------------------------------------


def test_nothing_is_wider_than_a_390_pixel_phone(on_a_phone: dict[str, Any]) -> None:
    assert on_a_phone["viewport"] == browser.PHONE
    assert on_a_phone["wider"] == []
    assert on_a_phone["scroll_width"] <= browser.PHONE


def test_the_measure_does_see_a_table_too_wide_for_a_phone(tmp_path: Path) -> None:
    # A control: the same measure must catch what once cut off the technique table.
    wide = '<!DOCTYPE html><body><table style="width: 560px"><tr><td>x</td></tr></table></body>'
    layout = browser.measure_layout(wide, browser.PHONE, tmp_path)
    assert layout["scroll_width"] > browser.PHONE
    assert any(e["element"] == "table" for e in layout["wider"])


def test_the_chart_labels_stay_readable_on_a_phone(on_a_phone: dict[str, Any]) -> None:
    text = [t for t in on_a_phone["chart_text"] if t["chart"] == "radar"]
    labels = [t for t in text if t["kind"] == "axis-label"]
    assert len(labels) == 6
    assert min(t["px"] for t in labels) >= 11, labels
    assert min(t["px"] for t in text) >= 9, text
    assert all(t["inside"] for t in text), [t for t in text if not t["inside"]]


def test_nothing_is_wider_than_a_desktop_window(example_html: str, tmp_path: Path) -> None:
    layout = browser.measure_layout(example_html, browser.DESKTOP, tmp_path)
    assert layout["wider"] == []
    assert all(t["inside"] for t in layout["chart_text"])


def test_the_scores_over_time_fit_a_phone(tmp_path: Path) -> None:
    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    state = EXAMPLES / "struggling-partnership.json"
    report = engine.assess(state)
    report = report.model_copy(update={"history": engine.history(state, "quarterly")})
    layout = browser.measure_layout(write_html(report), browser.PHONE, tmp_path)
    assert layout["wider"] == []
    ticks = [t for t in layout["chart_text"] if t["chart"] == "trend"]
    assert len(ticks) >= 10
    assert all(t["inside"] for t in ticks), [t for t in ticks if not t["inside"]]
    assert min(t["px"] for t in ticks) >= 9, ticks


def test_the_progress_report_fits_a_phone(tmp_path: Path) -> None:
    from foundation_engine.progress.diff import diff_reports, diff_to_html

    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    state = EXAMPLES / "struggling-partnership.json"
    change = diff_reports(engine.assess(state, as_of="2026-06-30"), engine.assess(state))
    layout = browser.measure_layout(diff_to_html(change), browser.PHONE, tmp_path)
    assert layout["viewport"] == browser.PHONE and layout["wider"] == []


# --- filters --------------------------------------------------------------------


def _choose(html: str, *choices: str) -> str:
    """`html` with the radio buttons `choices` (ids) checked instead of the defaults."""
    for group in ("party", "severity"):
        if any(c.startswith(group) for c in choices):
            html = html.replace(f'id="{group}-all" checked', f'id="{group}-all"')
    for choice in choices:
        html = html.replace(f'id="{choice}">', f'id="{choice}" checked>')
    return html


def test_filters_show_what_one_party_acts_on(example_html: str, tmp_path: Path) -> None:
    everyone = browser.measure_layout(example_html, browser.DESKTOP, tmp_path)
    client = browser.measure_layout(
        _choose(example_html, "party-client"), browser.DESKTOP, tmp_path
    )
    owners = {a.split(":")[0] for a in client["actions_shown"]}
    assert owners == {"client", "both"}
    assert 0 < len(client["findings_shown"]) < len(everyone["findings_shown"])
    page = ParsedPage(example_html)
    owner_of = {a.get("id"): a.get("data-owner") for t, a in page.tags if t == "li"}
    assert {owner_of[f] for f in client["findings_shown"]} == {"client", "both"}


def test_filters_show_the_most_severe(example_html: str, tmp_path: Path) -> None:
    high = browser.measure_layout(_choose(example_html, "severity-high"), browser.DESKTOP, tmp_path)
    page = ParsedPage(example_html)
    severity_of = {a.get("id"): a.get("data-severity") for t, a in page.tags if t == "li"}
    assert {severity_of[f] for f in high["findings_shown"]} == {"critical", "high"}
    assert {a.split(":")[1] for a in high["actions_shown"]} == {"critical", "high"}


# --- print ----------------------------------------------------------------------


def _printed_pages(html: str, folder: Path) -> int:
    page = folder / "print.html"
    page.write_text(html, encoding="utf-8")
    pdf = folder / "print.pdf"
    browser.print_pdf(page, pdf, folder)
    return int(browser.pdf_page_count(pdf.read_bytes()))


def test_the_summary_prints_on_two_pages_before_the_details(
    example_html: str, tmp_path: Path
) -> None:
    # The report without its technique details: the summary, then "who does what".
    cut = example_html.index('<section id="technique-')
    summary = example_html[:cut] + "</main></body></html>"
    assert _printed_pages(summary, tmp_path) == 2
    # "Who does what" alone fits on one page, so starting a page it is never split.
    start = example_html.index('<section id="who-does-what"')
    end = example_html.index("</section>", example_html.index('class="parties"'))
    who = example_html[: example_html.index("<body>")] + (
        "<body><main class='page'>" + example_html[start:end] + "</section></main></body></html>"
    )
    (tmp_path / "who").mkdir()
    assert _printed_pages(who, tmp_path / "who") == 1


def test_the_whole_report_prints_in_far_fewer_pages_than_before(
    example_html: str, tmp_path: Path
) -> None:
    # The struggling example once printed on 25 Letter pages, a stranded heading on many.
    assert _printed_pages(example_html, tmp_path) <= 14
