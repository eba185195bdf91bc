"""Screenshots and a printed copy of the example HTML report, for docs/reports.md.

Renders the struggling example (as ``scripts/render_example_report.py`` does)
and opens it in headless Chromium:

- ``docs/images/report-desktop.png``: the top of the report at 1280 pixels wide;
- ``docs/images/report-phone.png``: the top of the report at 390 pixels wide;
- ``docs/images/report-print-summary.png``: the first two pages of the report
  printed on Letter paper, side by side, when ``pdftoppm`` (Debian:
  poppler-utils) is installed;
- ``tmp/report-print.pdf``: the whole printed report (not committed: look at
  it, and note its page count in docs/reports.md when it changes).

Each image is reduced to a palette of colours with Pillow (``pip install -e
".[docs]"``) to keep the repository small. Run ``python scripts/report_screenshots.py``
after changing the templates, and look at the pictures before committing.

The same module drives Chromium for the browser tests
(``tests/reports/test_browser.py``): finding the browser, the flags that keep
it offline, measuring a page's layout at a given width and counting a PDF's
pages.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"

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
    "--force-device-scale-factor=1",
    # Any name lookup fails, so even a missed request could not reach the network.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
"""Headless, offline, without the browser's own service calls."""

DESKTOP, PHONE = 1280, 390
"""The widths the report is checked and pictured at, in CSS pixels."""

# Runs at the end of the page: how wide each laid-out element is against the viewport,
# how large the charts' text is once they are scaled to fit, and which findings are shown.
_MEASURE = """
<script>
(() => {
  const width = document.documentElement.clientWidth;
  const classes = (e) => typeof e.className === "string" && e.className.trim()
    ? "." + e.className.trim().split(/\\s+/).join(".") : "";
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + classes(e);
  const wider = [];
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) {
      wider.push({element: name(e), left: Math.round(r.left), right: Math.round(r.right)});
    }
  }
  const text = [];
  for (const t of document.querySelectorAll("svg.radar text, svg.trend text")) {
    const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    const box = t.getBBox(), view = t.ownerSVGElement.viewBox.baseVal;
    text.push({text: t.textContent, chart: t.ownerSVGElement.getAttribute("class"),
      kind: t.getAttribute("class"), px: Math.round(px * 10) / 10,
      inside: box.x >= view.x && box.y >= view.y && box.x + box.width <= view.x + view.width
        && box.y + box.height <= view.y + view.height});
  }
  const shown = (e) => e.getClientRects().length > 0;
  const findings = [...document.querySelectorAll("li.finding")].filter(shown).map((e) => e.id);
  const actions = [...document.querySelectorAll(".party li[data-severity]")].filter(shown)
    .map((e) => e.closest(".party").dataset.owner + ":" + e.dataset.severity);
  const out = parent.document.createElement("pre");
  out.id = "layout-measure";
  out.textContent = JSON.stringify({viewport: width,
    scroll_width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight, wider: wider, chart_text: text,
    findings_shown: findings, actions_shown: actions});
  parent.document.body.append(out);
})();
</script>
"""


def find_chromium() -> str | None:
    """The Chromium (or Chrome) binary on the PATH, if any."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Open `page` in headless Chromium with a fresh `profile` folder and `extra` flags."""
    binary = find_chromium()
    if binary is None:
        raise RuntimeError("Chromium is not installed (Debian: apt-get install -y chromium)")
    return subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


def framed(html: str, width: int, height: int) -> str:
    """A page holding `html` in a frame `width` by `height` CSS pixels.

    Headless Chromium lays a window out at least 500 pixels wide, so a phone's
    width is given to the report as the width of a frame, whose viewport the
    report's media queries then see. The frame's document (``srcdoc``) shares
    the page's origin, so a script in it can report to the page.
    """
    from html import escape

    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        "html, body { margin: 0; background: #fff; }"
        f"iframe {{ display: block; border: 0; width: {width}px; height: {height}px; }}"
        f'</style></head><body><iframe srcdoc="{escape(html, quote=True)}"></iframe>'
        "</body></html>"
    )


def measure_layout(html: str, width: int, folder: Path) -> dict[str, Any]:
    """Lay `html` out `width` pixels wide and report what is wider than the viewport.

    Returns ``viewport`` and ``scroll_width`` (CSS pixels), ``height``,
    ``wider`` (each element reaching past either edge, with its left and right),
    ``chart_text`` (each text of the radar and trend charts: the chart, its
    class, its rendered size in pixels and whether it lies inside the chart),
    ``findings_shown`` (the
    ids of the findings laid out, not hidden by a filter) and ``actions_shown``
    ("who does what" entries laid out, as ``party:severity``).
    """
    page = folder / f"measure-{width}.html"
    measured = html.replace("</body>", _MEASURE + "</body>")
    page.write_text(framed(measured, width, 900), encoding="utf-8")
    window = f"--window-size={max(width, 500)},900"
    dom = run_chromium(page, folder / f"profile-{width}", window, "--dump-dom").stdout
    found = re.search(r'<pre id="layout-measure">(.*?)</pre>', dom, re.S)
    if found is None:
        raise RuntimeError("the page did not report its layout")
    from html import unescape

    return dict(json.loads(unescape(found.group(1))))


def screenshot(html: str, target: Path, width: int, height: int, folder: Path) -> None:
    """A PNG of the top `height` pixels of `html` laid out `width` pixels wide."""
    page = folder / f"shot-{width}.html"
    page.write_text(framed(html, width, height), encoding="utf-8")
    window = max(width, 500)
    run_chromium(
        page, folder / f"shot-{width}", f"--window-size={window},{height}", f"--screenshot={target}"
    )
    if window != width:
        try:
            from PIL import Image
        except ImportError:
            print(
                f"  {target.name}: {window} px wide, the report in its left {width} px "
                "(pip install pillow to crop it)",
                file=sys.stderr,
            )
            return
        with Image.open(target) as image:
            cropped = image.crop((0, 0, width, height))
        cropped.save(target)


def print_pdf(page: Path, target: Path, folder: Path) -> None:
    """`page` printed to PDF as a browser prints it (paper from ``@page``, else Letter)."""
    run_chromium(page, folder / "print", "--no-pdf-header-footer", f"--print-to-pdf={target}")


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF Chromium wrote: the ``/Count`` of its page tree's root."""
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    if not counts:
        raise ValueError("no page tree found in the PDF")
    return max(counts)


def _optimise(png: Path, colours: int = 96) -> None:
    try:
        from PIL import Image
    except ImportError:
        print(f"  {png.name}: not reduced (pip install pillow to reduce it)", file=sys.stderr)
        return
    with Image.open(png) as image:
        reduced = image.convert("RGB").quantize(colors=colours, method=Image.Quantize.MEDIANCUT)
    reduced.save(png, optimize=True)


def _side_by_side(pdf: Path, target: Path, folder: Path) -> bool:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return False
    try:
        from PIL import Image
    except ImportError:
        return False

    stem = folder / "page"
    subprocess.run(
        [pdftoppm, "-r", "60", "-f", "1", "-l", "2", "-png", str(pdf), str(stem)], check=True
    )
    pages = [Image.open(p) for p in sorted(folder.glob("page-*.png"))]
    gap = 16
    width = sum(p.width for p in pages) + gap * (len(pages) + 1)
    height = max(p.height for p in pages) + 2 * gap
    sheet = Image.new("RGB", (width, height), (214, 219, 227))
    x = gap
    for p in pages:
        sheet.paste(p, (x, gap))
        x += p.width + gap
    sheet.save(target)
    return True


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IMAGES, help="folder for the images")
    parser.add_argument(
        "--pdf", type=Path, default=ROOT / "tmp" / "report-print.pdf", help="the printed report"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "scripts"))
    from render_example_report import render  # the example report, as committed

    if find_chromium() is None:
        print("error: Chromium is not installed (Debian: apt-get install -y chromium)")
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    html = render()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        page = folder / "report.html"
        page.write_text(html, encoding="utf-8")
        for width, height, name in ((DESKTOP, 1500, "desktop"), (PHONE, 1700, "phone")):
            layout = measure_layout(html, width, folder)
            target = out / f"report-{name}.png"
            screenshot(html, target, width, height, folder)
            _optimise(target)
            print(
                f"{_shown(target)}: {width} px wide, page {layout['height']} px "
                f"tall, widest {layout['scroll_width']} px, {len(layout['wider'])} elements "
                "wider than the screen"
            )
        pdf: Path = args.pdf
        pdf.parent.mkdir(parents=True, exist_ok=True)
        print_pdf(page, pdf, folder)
        print(f"{_shown(pdf)}: {pdf_page_count(pdf.read_bytes())} pages")
        sheet = out / "report-print-summary.png"
        (folder / "pages").mkdir()
        if _side_by_side(pdf, sheet, folder / "pages"):
            _optimise(sheet, 64)
            print(f"{_shown(sheet)}: the first two printed pages")
        else:
            print("pdftoppm or Pillow is not installed: the printed pages were not pictured")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
