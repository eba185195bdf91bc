"""The portfolio summary of a batch: how many were assessed, how the scores spread,
which findings turn up most often, and where each partnership stands among the others.

It is built from small per-record :class:`RecordFacts`, taken from a fresh
report or from a record already in the output (after ``--resume``), so the
summary of a resumed batch equals that of an uninterrupted one.

``benchmark`` holds the portfolio's score histograms per technique and overall
(groups too small to show left out), which ``assess --benchmark`` places one
partnership against; ``percentiles`` gives every record's percentile in its
own portfolio, in input order. The definition is in
:mod:`foundation_engine.progress.benchmark`.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from foundation_engine.progress.benchmark import (
    DEFAULT_MIN_GROUP,
    PeerGroup,
    PortfolioPeers,
    portfolio_percentiles,
)

if TYPE_CHECKING:
    from foundation_engine.errors import Problem
    from foundation_engine.report.history import History
    from foundation_engine.report.model import Report

TOP_FINDINGS = 10


@dataclass(frozen=True)
class RecordFacts:
    """What the summary and the per-partnership scores CSV need from one output record."""

    ok: bool
    error_kind: str | None = None
    overall: float | None = None
    rating: str | None = None
    techniques: tuple[tuple[str, float | None], ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    """(rule id, title) of each unwaived failed finding."""
    partnership_id: str | None = None
    partnership_name: str | None = None
    as_of: str | None = None
    phase: str | None = None
    coverage: float | None = None
    error: str | None = None
    """Why the record could not be assessed: ``kind: $.path: message``."""


def facts_from_report(report: Report) -> RecordFacts:
    return RecordFacts(
        ok=True,
        overall=report.overall_score,
        rating=report.rating,
        techniques=tuple((t.technique, t.score) for t in report.techniques),
        failed=tuple((f.rule_id, f.title) for f in report.failed()),
        partnership_id=report.partnership_id,
        partnership_name=report.partnership_name,
        as_of=report.as_of.isoformat(),
        phase=report.phase.value,
        coverage=report.coverage,
    )


def facts_from_history(history: History) -> RecordFacts:
    """The facts of a history record: its last point (findings are not in a history)."""
    last = history.points[-1]
    return RecordFacts(
        ok=True,
        overall=last.overall_score,
        rating=last.rating,
        techniques=tuple((t.technique, t.score) for t in last.techniques),
        partnership_id=history.partnership_id,
        as_of=last.as_of.isoformat(),
        coverage=last.coverage,
    )


def facts_from_failure(
    partnership_id: str | None, kind: str, problems: Sequence[Problem]
) -> RecordFacts:
    """The facts of a record that could not be assessed (its first problem, as in the record)."""
    first = problems[0] if problems else None
    return RecordFacts(
        ok=False,
        error_kind=kind,
        partnership_id=partnership_id,
        error=error_text(
            kind, first.path if first else None, first.message if first else "unknown error"
        ),
    )


def error_text(kind: str, path: str | None, message: str) -> str:
    return f"{kind}: {path}: {message}" if path else f"{kind}: {message}"


def facts_from_record(record: Mapping[str, Any]) -> RecordFacts:
    """The same facts, read back from a record of the output (a parsed JSON line)."""
    if not record.get("ok"):
        error = record.get("error") or {}
        kind = str(error.get("kind"))
        return RecordFacts(
            ok=False,
            error_kind=kind,
            partnership_id=record.get("partnership_id"),
            error=error_text(kind, error.get("path"), str(error.get("message"))),
        )
    if "history" in record:
        from foundation_engine.report.history import History

        return facts_from_history(History.model_validate(record["history"]))
    report = record["report"]
    return RecordFacts(
        ok=True,
        overall=report["overall_score"],
        rating=report["rating"],
        techniques=tuple((t["technique"], t["score"]) for t in report["techniques"]),
        failed=tuple(
            (f["rule_id"], f["title"])
            for f in report["findings"]
            if f["status"] == "failed" and not f["waived"]
        ),
        partnership_id=report["partnership_id"],
        partnership_name=report["partnership_name"],
        as_of=report["as_of"],
        phase=report["phase"],
        coverage=report["coverage"],
    )


def distribution(counts: Mapping[float, int]) -> dict[str, float | int | None]:
    """Count, mean, minimum, quartiles and maximum of scores given as `counts` (each
    score and how many records had it), rounded to 2 decimals.

    The figures are exactly those of :func:`statistics.fmean` and
    :func:`statistics.quantiles` (``method="inclusive"``) over the scores written out
    one by one, computed from the distinct scores alone: reports carry scores to one
    decimal, so a portfolio of any size has at most 1,001 of them per group.
    """
    values = sorted(score for score, n in counts.items() if n)
    total = sum(counts[v] for v in values)
    if not total:
        return {
            "count": 0,
            "mean": None,
            "min": None,
            "q1": None,
            "median": None,
            "q3": None,
            "max": None,
        }
    up_to = list(accumulate(counts[v] for v in values))

    def at(rank: int) -> float:
        """The score at 0-based `rank` of the scores in ascending order."""
        return values[bisect_right(up_to, rank)]

    if total == 1:
        q1 = median = q3 = values[0]
    else:
        # statistics.quantiles(n=4, method="inclusive"), step by step
        q1, median, q3 = (
            (at(j) * (4 - delta) + at(j + 1) * delta) / 4
            for j, delta in (divmod(i * (total - 1), 4) for i in (1, 2, 3))
        )
    # fmean is fsum(scores) / count, and fsum is the exact sum correctly rounded
    mean = float(sum(Fraction(v) * counts[v] for v in values)) / total
    return {
        "count": total,
        "mean": round(mean, 2),
        "min": round(values[0], 2),
        "q1": round(q1, 2),
        "median": round(median, 2),
        "q3": round(q3, 2),
        "max": round(values[-1], 2),
    }


@dataclass
class PortfolioSummary:
    """Facts of every record, folded in as they arrive (scores kept compactly)."""

    records: int = 0
    assessed: int = 0
    failed: int = 0
    failure_kinds: Counter[str] = field(default_factory=Counter)
    ratings: Counter[str] = field(default_factory=Counter)
    overall: Counter[float] = field(default_factory=Counter)
    """How many records had each overall score."""
    techniques: dict[str, Counter[float]] = field(default_factory=dict)
    """How many records had each score, per technique."""
    technique_no_data: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    titles: dict[str, str] = field(default_factory=dict)
    min_group: int = DEFAULT_MIN_GROUP
    """Benchmark groups smaller than this are not shown."""
    keep_rows: bool = True
    """Keep each record's scores for :meth:`percentiles` (a batch without --summary does not)."""
    ids: list[str | None] = field(default_factory=list)
    """Each record's partnership id, in input order."""
    oks: bytearray = field(default_factory=bytearray)
    """Whether each record was assessed, in input order."""
    by_record: dict[str | None, array[float]] = field(default_factory=dict)
    """Each record's overall (key None) and technique scores, in input order; NaN for none."""

    def add(self, facts: RecordFacts) -> None:
        self._add_row(facts)
        self.records += 1
        if not facts.ok:
            self.failed += 1
            self.failure_kinds[facts.error_kind or "unknown"] += 1
            return
        self.assessed += 1
        if facts.rating is not None:
            self.ratings[facts.rating] += 1
        if facts.overall is not None:
            self.overall[facts.overall] += 1
        for technique, score in facts.techniques:
            scores = self.techniques.setdefault(technique, Counter())
            if score is None:
                self.technique_no_data[technique] += 1
            else:
                scores[score] += 1
        for rule_id in sorted({rule_id for rule_id, _ in facts.failed}):
            self.findings[rule_id] += 1
        for rule_id, title in facts.failed:
            self.titles.setdefault(rule_id, title)

    def _add_row(self, facts: RecordFacts) -> None:
        if not self.keep_rows:
            return
        self.ids.append(facts.partnership_id)
        self.oks.append(facts.ok)
        scores: dict[str | None, float | None] = {None: facts.overall, **dict(facts.techniques)}
        for key in scores.keys() - self.by_record.keys():
            self.by_record[key] = array("d", [math.nan]) * self.records
        for key, column in self.by_record.items():
            score = scores.get(key)
            column.append(math.nan if score is None else score)

    def peers(self) -> PortfolioPeers:
        """The portfolio's benchmark groups: the overall scores and each technique's."""
        return PortfolioPeers(
            overall=PeerGroup.of_scores_counted(self.overall),
            techniques={
                t: PeerGroup.of_scores_counted(scores) for t, scores in self.techniques.items()
            },
            min_group=self.min_group,
            records=self.records,
        )

    def percentiles(self, peers: PortfolioPeers) -> list[dict[str, Any]]:
        """Every record's percentile overall and per technique, null where not shown."""
        techniques = sorted(t for t in self.by_record if t is not None)
        rows = []
        for seq, partnership_id in enumerate(self.ids):
            overall = self.by_record[None][seq] if None in self.by_record else math.nan
            scores = [(t, self.by_record[t][seq]) for t in techniques]
            rows.append(
                {
                    "seq": seq,
                    "partnership_id": partnership_id,
                    "ok": bool(self.oks[seq]),
                    **portfolio_percentiles(
                        peers,
                        None if math.isnan(overall) else overall,
                        [(t, None if math.isnan(v) else v) for t, v in scores],
                    ),
                }
            )
        return rows

    def to_dict(self) -> dict[str, Any]:
        peers = self.peers()
        top = sorted(self.findings.items(), key=lambda item: (-item[1], item[0]))[:TOP_FINDINGS]
        return {
            "records": self.records,
            "assessed": self.assessed,
            "failed": self.failed,
            "failures_by_kind": dict(sorted(self.failure_kinds.items())),
            "overall": distribution(self.overall),
            "ratings": dict(sorted(self.ratings.items())),
            "techniques": {
                technique: {
                    **distribution(scores),
                    "no_data": self.technique_no_data[technique],
                }
                for technique, scores in sorted(self.techniques.items())
            },
            "top_findings": [
                {
                    "rule_id": rule_id,
                    "title": self.titles[rule_id],
                    "partnerships": count,
                    "share": round(count / self.assessed, 4) if self.assessed else 0.0,
                }
                for rule_id, count in top
            ],
            "benchmark": peers.to_dict(),
            "percentiles": self.percentiles(peers),
        }
