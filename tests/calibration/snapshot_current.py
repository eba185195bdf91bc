"""Write CURRENT_ENGINE.md: what the engine on this branch says about every story and probe.

A snapshot of the scoring as it stands, set beside the calibration expectations,
so the scoring rewrite can see where it starts from. Run from the repository
root::

    python -m tests.calibration.snapshot_current

It uses the built-in plugins only and the default configuration.
"""

from __future__ import annotations

from pathlib import Path

from foundation_engine.config import EngineConfig
from foundation_engine.engine import Engine
from foundation_engine.plugins import DEFAULT_PLUGINS
from foundation_engine.report import Report
from foundation_engine.rulebook import Severity
from foundation_engine.state.validation import validate_state

from .stories import PROBES, STORIES
from .stories.model import TECHNIQUES, Story

OUT = Path(__file__).with_name("CURRENT_ENGINE.md")
ORDER = ("purpose", "communication", "metrics", "recognition", "improvement", "urgency")
SERIOUS = {Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL}
FLAG_BELOW = 65.0


def flagged(report: Report) -> set[str]:
    """Techniques with a failed, unwaived finding of medium severity or worse, or a
    technique score below 65."""
    out = {f.technique for f in report.failed() if f.severity in SERIOUS}
    out |= {t.technique for t in report.techniques if t.score is not None and t.score < FLAG_BELOW}
    return out & TECHNIQUES


def violations(story: Story, report: Report) -> list[str]:
    expect, seen = story.expect, flagged(report)
    out = []
    if report.rating not in expect.ratings:
        out.append(f"rating {report.rating}, expected {' or '.join(sorted(expect.ratings))}")
    if missing := expect.flagged - seen:
        out.append("not flagged: " + ", ".join(t for t in ORDER if t in missing))
    if wrong := expect.not_flagged & seen:
        out.append("wrongly flagged: " + ", ".join(t for t in ORDER if t in wrong))
    return out


def _techniques(names: set[str]) -> str:
    return ", ".join(t for t in ORDER if t in names) or "none"


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def main() -> None:
    engine = Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    reports = {s.id: engine.assess(validate_state(s.build(), s.id)) for s in STORIES}
    version = next(iter(reports.values())).engine_version
    lines = [
        "# Snapshot of the current engine against the calibration stories",
        "",
        "**This is a snapshot of the old engine, not a specification.** It records what the",
        f"engine on this branch (version {version}, default configuration, built-in plugins",
        "only) says about each calibration story and probe, and which expectations it",
        "violates. Regenerate with `python -m tests.calibration.snapshot_current`.",
        "",
        "A technique counts as flagged when it has a failed, unwaived finding of severity",
        "medium, high or critical, or a technique score below 65.",
        "",
        "## Stories",
        "",
        "| story | score | rating | coverage | flagged | expected rating | violations |",
        "|---|---|---|---|---|---|---|",
    ]
    failing = 0
    for story in STORIES:
        report = reports[story.id]
        problems = violations(story, report)
        failing += bool(problems)
        lines.append(
            f"| `{story.id}` | {_score(report.overall_score)} | {report.rating} | "
            f"{report.coverage:.0%} | {_techniques(flagged(report))} | "
            f"{' or '.join(sorted(story.expect.ratings))} | "
            f"{'; '.join(problems) or 'none'} |"
        )
    lines += [
        "",
        f"{failing} of {len(STORIES)} stories violate at least one expectation.",
        "",
        "## Probes",
        "",
        "Each probe is its base story with one small lapse; the overall score may fall by",
        "at most the allowed drop, and no high or critical finding may fail.",
        "",
        "| probe | base | score | drop | allowed | high/critical failures | violations |",
        "|---|---|---|---|---|---|---|",
    ]
    failing = 0
    for probe in PROBES:
        report = engine.assess(validate_state(probe.build(), probe.id))
        base = reports[probe.base]
        drop = (
            None
            if base.overall_score is None or report.overall_score is None
            else round(base.overall_score - report.overall_score, 1)
        )
        severe = [
            f"{f.rule_id} ({f.severity})"
            for f in report.failed()
            if f.severity in (Severity.HIGH, Severity.CRITICAL)
        ]
        problems = []
        if drop is None or drop > probe.max_drop:
            problems.append(f"score fell {_score(drop)} points")
        if severe:
            problems.append("high/critical failure")
        failing += bool(problems)
        lines.append(
            f"| `{probe.id}` | `{probe.base}` | {_score(report.overall_score)} | "
            f"{_score(drop)} | {probe.max_drop:.1f} | {', '.join(severe) or 'none'} | "
            f"{'; '.join(problems) or 'none'} |"
        )
    lines += ["", f"{failing} of {len(PROBES)} probes violate their limits.", ""]
    lines += _failures(reports)
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT}")


def _failures(reports: dict[str, Report]) -> list[str]:
    """Every failed finding per story, for reading the table above."""
    lines = ["## Failed findings per story", ""]
    for story in STORIES:
        failed = reports[story.id].failed()
        listed = ", ".join(f"{f.rule_id} ({f.severity})" for f in failed) or "none"
        lines.append(f"- `{story.id}`: {listed}")
    lines.append("")
    return lines


if __name__ == "__main__":
    main()
