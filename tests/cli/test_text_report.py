from __future__ import annotations

import datetime as dt

import pytest

from foundation_engine.core.config import EngineConfig, Waiver
from foundation_engine.core.engine import Engine
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.report.model import Report
from foundation_engine.writers.text_report import printable, render_text

from .conftest import gappy_state


def _report(config: EngineConfig | None = None, **fields: str) -> Report:
    engine = Engine(config or EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    return engine.assess(gappy_state(**fields))


def test_text_is_the_registered_text_writer() -> None:
    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    writer = engine.registry.writer("text")
    assert writer.write is render_text
    assert writer.plugin == "foundation_engine.writers.text_report"


def test_summary_shows_scores_findings_with_recommendations_and_owner() -> None:
    report = _report(name="Acme and TalentCo", id="acme")
    text = render_text(report)
    assert text.startswith("Foundation assessment: Acme and TalentCo (acme)\n")
    assert f"As of 2026-06-30, {report.phase.value.replace('_', ' ')}" in text
    assert f"{report.overall_score:.1f} / 100" in text
    failed = report.failed()
    assert failed
    assert f"Findings to act on ({len(failed)})" in text
    for finding in failed:
        assert finding.rule_id in text
        assert finding.severity.value.upper() in text
        assert (finding.evidence_named or finding.evidence)[0] in text  # named as people would
    assert "What to do (" in text
    # Every passed rule is a strength listed once, worded by its strength when it has one.
    passed = [f for f in report.findings if f.status.value == "passed"]
    assert f"Strengths ({len(passed)})" in text


def test_findings_are_grouped_from_the_most_severe() -> None:
    text = render_text(_report())
    headings = [
        line.strip()
        for line in text.splitlines()
        if line.strip() in ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO")
    ]
    order = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"]
    assert headings == sorted(headings, key=order.index)


def test_waived_findings_and_warnings_are_listed() -> None:
    report = _report(name="Acme")
    rule_id = report.failed()[0].rule_id
    config = EngineConfig(
        waivers=[
            Waiver(
                rule=rule_id,
                reason="Holiday shutdown",
                owner="dana@acme.example",
                expires=dt.date(2026, 12, 31),
            ),
            Waiver(rule="ZZZ999", reason="Nothing", owner="sam", expires=dt.date(2026, 12, 31)),
        ]
    )
    text = render_text(_report(config, name="Acme"))
    assert "Waived (1)" in text
    assert f"{rule_id} " in text.split("Waived (1)")[1]
    flowing = " ".join(text.split())
    assert "waived until 2026-12-31 by dana@acme.example: Holiday shutdown" in flowing
    assert "Warnings (1)" in text
    assert "ZZZ999" in text


def test_output_is_deterministic() -> None:
    assert render_text(_report()) == render_text(_report())


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mRed", "\\x1b[31mRed"),
        ("a\nb\tc\r", "a\\nb\\tc\\r"),
        ("csi\x9b2J", "csi\\x9b2J"),
        ("bidi\u202eevil\u2066", "bidi\\u202eevil\\u2066"),
        ("plain é ✓", "plain é ✓"),
    ],
)
def test_printable_escapes_control_characters(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_nothing_from_the_state_reaches_the_terminal_raw() -> None:
    text = render_text(_report(name="\x1b]0;pwned\x07X", client="\x9b2J"))
    assert not any(ord(c) < 0x20 and c != "\n" for c in text)
    assert "\\x1b]0;pwned\\x07X" in text
