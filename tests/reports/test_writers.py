"""The report writers are plugins, and every format renders the bundled examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from foundation_engine.core.engine import Engine
from foundation_engine.progress.diff import (
    diff_reports,
    diff_to_html,
    diff_to_markdown,
    diff_to_text,
)
from foundation_engine.report.model import Report
from foundation_engine.writers.html_report import write_html
from foundation_engine.writers.markdown_report import write_markdown
from foundation_engine.writers.text_report import render_text

from .conftest import WRITERS, example_states
from .htmlcheck import ParsedPage
from .samples import TECHNIQUES, sample_report


@pytest.mark.parametrize(
    ("name", "media_type", "suffix", "plugin"),
    [
        ("html", "text/html", ".html", "foundation_engine.writers.html_report"),
        ("markdown", "text/markdown", ".md", "foundation_engine.writers.markdown_report"),
        ("csv", "text/csv", ".csv", "foundation_engine.writers.csv_report"),
    ],
)
def test_writer_is_registered_through_the_hook(
    engine: Engine, name: str, media_type: str, suffix: str, plugin: str
) -> None:
    writer = engine.registry.writer(name)
    assert (writer.media_type, writer.suffix, writer.plugin) == (media_type, suffix, plugin)


def test_writers_are_absent_when_their_plugin_is_not_loaded(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine("foundation_engine.rules.communication")
    assert not set(WRITERS) & set(engine.registry.writers)


@pytest.mark.parametrize("name", WRITERS)
def test_registered_writer_renders_the_sample(engine: Engine, sample: Report, name: str) -> None:
    output = engine.registry.writer(name).write(sample)
    assert "COM001" in output
    assert output == engine.registry.writer(name).write(sample)


EXAMPLES = example_states()


@pytest.mark.skipif(not EXAMPLES, reason="no examples/*.json in this checkout yet")
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("name", WRITERS)
def test_every_format_renders_every_example(engine: Engine, path: Path, name: str) -> None:
    report = engine.assess(path)
    output = engine.registry.writer(name).write(report)
    assert output == engine.registry.writer(name).write(engine.assess(path))
    for f in report.failed():
        assert f.rule_id in output
    if name == "html":
        page = ParsedPage(output)
        assert " ".join(report.partnership_name.split()) in page.text
        assert "svg" in page.tag_names()


def test_every_format_rounds_a_score_the_same_way() -> None:
    # A technique at 32.5 once read 32.5 in text and JSON but 32 in HTML, Markdown
    # and the diff: every format now shows one decimal.
    scores = [(t, title, 32.5 if t == "communication" else s) for t, title, s in TECHNIQUES]
    report = sample_report(technique_scores=scores, overall_score=52.25)
    change = diff_reports(sample_report(), report)
    outputs = {
        "text": render_text(report),
        "html": ParsedPage(write_html(report)).text,
        "markdown": write_markdown(report),
        "diff text": diff_to_text(change),
        "diff markdown": diff_to_markdown(change),
        "diff html": ParsedPage(diff_to_html(change)).text,
    }
    for name, output in outputs.items():
        assert "32.5" in output, name
        assert "52.2" in output, name
        if name.startswith("diff"):
            assert "-9.0" in output and "-7.5" in output, name
    assert "Communicate constantly: 32.5 of 100" in write_html(report)
