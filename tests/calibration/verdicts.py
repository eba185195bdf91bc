"""Reading a report as the calibration stories do: ratings, flagged techniques, the table.

Shared by the calibration tests and ``scripts/calibration_table.py``, which
writes the table into docs/scoring.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from foundation_engine import Engine, EngineConfig
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.report.model import Report
from foundation_engine.rulebook.model import Severity

from .stories import PROBES, STORIES
from .stories.model import TECHNIQUES, Probe, Story

#: A technique scoring below this counts as flagged, as the stories define it.
FLAG_BELOW = 65.0
_FLAGGING = {Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL}


@cache
def engine() -> Engine:
    """The built-in rule sets at their defaults, no installed plugins."""
    return Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)


@cache
def _report(build_id: str, kind: str) -> Report:
    item: Story | Probe = next(
        s for s in (STORIES if kind == "story" else PROBES) if s.id == build_id
    )
    return engine().assess(item.build())


def story_report(story: Story) -> Report:
    return _report(story.id, "story")


def probe_report(probe: Probe) -> Report:
    return _report(probe.id, "probe")


def flagged(report: Report) -> set[str]:
    """Techniques with an open finding of medium severity or above, or a score below 65."""
    out = {f.technique for f in report.failed(include_related=True) if f.severity in _FLAGGING}
    out |= {t.technique for t in report.techniques if t.score is not None and t.score < FLAG_BELOW}
    return out & TECHNIQUES


@dataclass(frozen=True)
class Row:
    story: Story
    report: Report

    @property
    def flagged(self) -> set[str]:
        return flagged(self.report)

    def violations(self) -> list[str]:
        expect, report = self.story.expect, self.report
        out = []
        if report.rating not in expect.ratings:
            out.append(f"rated {report.rating}, expected {' or '.join(sorted(expect.ratings))}")
        missing = sorted(expect.flagged - self.flagged)
        if missing:
            out.append(f"not flagged: {', '.join(missing)}")
        wrong = sorted(expect.not_flagged & self.flagged)
        if wrong:
            out.append(f"wrongly flagged: {', '.join(wrong)}")
        return out


def rows() -> list[Row]:
    return [Row(story, story_report(story)) for story in STORIES]


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def table() -> str:
    """The calibration table as Markdown: every story, then every probe."""
    lines = [
        "| story | score | rating | coverage | flagged | expected rating | expected flagged |",
        "|---|---:|---|---:|---|---|---|",
    ]
    for row in rows():
        r, e = row.report, row.story.expect
        lines.append(
            f"| `{row.story.id}` | {_score(r.overall_score)} | {r.rating} | "
            f"{r.coverage * 100:.0f}% | {', '.join(sorted(row.flagged)) or 'none'} | "
            f"{' or '.join(sorted(e.ratings))} | {', '.join(sorted(e.flagged)) or 'none'} |"
        )
    lines += [
        "",
        "| probe | score | change | highest failed severity | allowed change |",
        "|---|---:|---:|---|---:|",
    ]
    base = {s.id: story_report(s) for s in STORIES}
    for probe in PROBES:
        r = probe_report(probe)
        before = base[probe.base].overall_score or 0.0
        worst = max(
            (f.severity for f in r.failed(include_related=True)),
            key=lambda s: list(Severity)[::-1].index(s),
            default=None,
        )
        change = (r.overall_score or 0.0) - before
        lines.append(
            f"| `{probe.id}` | {_score(r.overall_score)} | {change:+.1f} | "
            f"{worst.value if worst else 'none'} | -{probe.max_drop:.1f} |"
        )
    return "\n".join(lines) + "\n"
