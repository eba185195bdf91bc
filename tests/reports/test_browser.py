"""The HTML report in a real headless browser: it renders, shows its chart, stays offline.

Needs Chromium (Debian package ``chromium``; ``.ci/run`` installs it). The
screenshot is kept as a test artefact in ``tmp/artefacts/`` (or the folder
named by ``FOUNDATION_ENGINE_ARTEFACTS``) for people to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from foundation_engine.writers.html_report import write_html

from ..conftest import ROOT
from .htmlcheck import ParsedPage
from .samples import sample_report

CHROMIUM = next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (Debian: apt-get install -y chromium); .ci/run installs it",
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    # Any name lookup fails, so even a missed request could not reach the network.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def artefacts() -> Path:
    folder = Path(os.environ.get("FOUNDATION_ENGINE_ARTEFACTS", ROOT / "tmp" / "artefacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


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
    result = chromium(page, folder / "profile", f"--log-net-log={net_log}", "--dump-dom")
    return page, result.stdout, page_requests(net_log)


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
    chromium(page, tmp_path / "profile", f"--log-net-log={net_log}", "--dump-dom")
    assert set(page_requests(net_log)) >= {
        "https://fonts.example.com/a.css",
        "http://example.org/a.png",
    }


def test_screenshot_is_saved_as_an_artefact(
    rendered: tuple[Path, str, list[str]], tmp_path: Path
) -> None:
    shot = artefacts() / "html-report.png"
    shot.unlink(missing_ok=True)
    chromium(rendered[0], tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2000)
    assert len(data) > 30_000, "the screenshot looks blank"
