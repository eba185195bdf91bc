"""Peer benchmarks: a partnership's percentile among a portfolio's, per technique and overall.

**The percentile.** For a score *s* and a group of *N* peer scores, of which
*L* are lower than *s* and *E* equal to it::

    percentile = 100 × (L + E / 2) / N

rounded to a whole number, halves up, in exact arithmetic (the mid-rank
percentile rank, as ``scipy.stats.percentileofscore(kind="mean")``). Scores
are compared to one decimal, as every report carries and shows them.

**The group.** The partnerships of the portfolio that have a score of that
kind: the overall score, or one technique's (a partnership without data for a
technique is not in that technique's group). In ``batch --summary`` a
partnership's group includes itself, so a partnership tied with everyone
stands at the 50th percentile. ``assess --benchmark SUMMARY`` compares with
the summary's scores as they are: a partnership that was in that batch is
among them and gets the percentile the batch gave it.

**Small groups are withheld.** A group of fewer than ``min_group``
partnerships (default :data:`DEFAULT_MIN_GROUP`) gives no percentile, and the
summary does not keep its scores, so no partnership can be identified from a
benchmark. ``assess --benchmark`` applies its own minimum as well as the
summary's.

The summary keeps each shown group as a histogram of scores (score to one
decimal, and how many partnerships had it), never partnership ids, so the
``benchmark`` part of a summary can be shared; its ``percentiles`` list names
each partnership and is for the portfolio's owner.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from foundation_engine.errors import InputError, Problem, json_path
from foundation_engine.report.benchmark import Benchmark, Placement

if TYPE_CHECKING:
    from foundation_engine.report.model import Report

DEFAULT_MIN_GROUP = 5
"""Groups of fewer partnerships than this are not shown."""
MAX_SUMMARY_BYTES = 256 * 1024 * 1024


def tenths(score: float) -> int:
    """`score` in tenths of a point, the precision scores are compared at.

    Reports carry scores to one decimal already; a score with more decimals is
    rounded to the nearest tenth, halves up.
    """
    return math.floor(score * 10 + 0.5)


def percentile_rank(below: int, equal: int, total: int) -> int:
    """``100 × (below + equal / 2) / total`` rounded to a whole number, halves up, exactly."""
    if total <= 0:
        raise ValueError("a percentile needs at least one peer")
    numerator = 200 * below + 100 * equal  # twice the percentile, times total
    denominator = 2 * total
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True)
class PeerGroup:
    """The scores of one group as a histogram: each score in tenths, lowest first, and
    how many partnerships had it.

    Its size is the number of distinct scores (at most 1,001 from 0 to 100), however
    many partnerships the group holds, so a portfolio of any size, or a saved summary
    that claims billions of partnerships, is placed in bounded memory.
    """

    scores: tuple[int, ...] = ()
    """The distinct scores in tenths, ascending."""
    counts: tuple[int, ...] = ()
    """How many partnerships had each score."""
    below: tuple[int, ...] = field(init=False, repr=False, compare=False)
    """How many partnerships scored lower than each score."""

    def __post_init__(self) -> None:
        if len(self.scores) != len(self.counts):
            raise ValueError("a peer group needs one count for each score")
        if any(a >= b for a, b in pairwise(self.scores)):
            raise ValueError("a peer group's scores must be distinct and ascending")
        if any(n < 1 for n in self.counts):
            raise ValueError("a peer group's counts must be 1 or more")
        object.__setattr__(self, "below", tuple(accumulate(self.counts, initial=0)))

    @classmethod
    def of(cls, scores: Iterable[float]) -> PeerGroup:
        """The group of these scores (each compared to one decimal)."""
        return cls.of_scores_counted(Counter(scores))

    @classmethod
    def of_scores_counted(cls, counts: Mapping[float, int]) -> PeerGroup:
        """The group where `counts[s]` partnerships scored `s` (compared to one decimal)."""
        by_tenths: Counter[int] = Counter()
        for score, n in counts.items():
            by_tenths[tenths(score)] += n
        return cls.of_counts(by_tenths)

    @classmethod
    def of_counts(cls, counts: Mapping[int, int]) -> PeerGroup:
        """The group where `counts[t]` partnerships scored `t` tenths."""
        ordered = sorted((t, n) for t, n in counts.items() if n)
        return cls(tuple(t for t, _ in ordered), tuple(n for _, n in ordered))

    @property
    def size(self) -> int:
        return self.below[-1]

    def percentile(self, score: float) -> int:
        """Where `score` stands in this group (see the module docstring)."""
        at = tenths(score)
        index = bisect_left(self.scores, at)
        equal = self.counts[index] if index < len(self.scores) and self.scores[index] == at else 0
        return percentile_rank(self.below[index], equal, self.size)

    def histogram(self) -> list[list[float | int]]:
        """``[[score, partnerships], ...]``, lowest score first."""
        return [[t / 10, n] for t, n in zip(self.scores, self.counts, strict=True)]


def group_document(group: PeerGroup, min_group: int) -> dict[str, Any]:
    """A group as the summary keeps it: its size, and its histogram only when shown."""
    shown = group.size >= min_group
    document: dict[str, Any] = {"partnerships": group.size, "shown": shown}
    if shown:
        document["scores"] = group.histogram()
    return document


@dataclass(frozen=True)
class PortfolioPeers:
    """Every group of a portfolio: the overall scores and each technique's."""

    overall: PeerGroup
    techniques: Mapping[str, PeerGroup]
    min_group: int = DEFAULT_MIN_GROUP
    records: int = 0
    """Records in the batch (assessed or not)."""

    def shown(self, group: PeerGroup) -> bool:
        return group.size >= self.min_group

    def percentile(self, technique: str | None, score: float | None) -> int | None:
        """The percentile of `score` in its group; None when the group is withheld."""
        group = self.overall if technique is None else self.techniques.get(technique)
        if score is None or group is None or not self.shown(group):
            return None
        return group.percentile(score)

    def to_dict(self) -> dict[str, Any]:
        """The ``benchmark`` part of a portfolio summary (no partnership ids)."""
        return {
            "definition": (
                "percentile = 100 * (peers with a lower score + half of the peers with the "
                "same score) / peers, scores compared to one decimal, rounded to a whole "
                "number (halves up); peers: the partnerships with a score of that kind, "
                "the one placed included"
            ),
            "min_group": self.min_group,
            "overall": group_document(self.overall, self.min_group),
            "techniques": {
                technique: group_document(group, self.min_group)
                for technique, group in sorted(self.techniques.items())
            },
        }


def portfolio_percentiles(
    peers: PortfolioPeers,
    overall: float | None,
    techniques: Sequence[tuple[str, float | None]],
) -> dict[str, Any]:
    """One partnership's percentiles in its own portfolio (null where withheld or unscored)."""
    return {
        "overall": peers.percentile(None, overall),
        "techniques": {t: peers.percentile(t, score) for t, score in techniques},
    }


# --------------------------------------------------------------------------
# placing one partnership against a saved summary
# --------------------------------------------------------------------------


class _Doc(BaseModel):
    model_config = ConfigDict(extra="ignore")


Score = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
"""A score as reports carry it: a finite number from 0 to 100."""


class _GroupDoc(_Doc):
    partnerships: int = Field(ge=0)
    shown: bool
    scores: list[tuple[Score, int]] | None = None


class _BenchmarkDoc(_Doc):
    min_group: int = Field(ge=1)
    overall: _GroupDoc
    techniques: dict[str, _GroupDoc]


class _SummaryDoc(_Doc):
    records: int = Field(ge=0)
    benchmark: _BenchmarkDoc


def _group(doc: _GroupDoc, where: str, source: str) -> PeerGroup:
    if not doc.shown or doc.scores is None:
        return PeerGroup()
    counts: Counter[int] = Counter()
    for index, (score, count) in enumerate(doc.scores):
        if count < 1:
            raise InputError(
                Problem(
                    f"expected a count of 1 or more partnerships, got {count}",
                    f"{where}.scores[{index}][1]",
                    source,
                )
            )
        counts[tenths(score)] += count
    total = sum(counts.values())
    if total != doc.partnerships:
        raise InputError(
            Problem(
                f"the scores count {total} partnerships but partnerships says {doc.partnerships}",
                f"{where}.scores",
                source,
            )
        )
    return PeerGroup.of_counts(counts)


def peers_from_summary(document: Any, source: str) -> PortfolioPeers:
    """The groups of a parsed portfolio summary; a wrong shape names the JSON path."""
    if isinstance(document, dict) and "records" in document and "benchmark" not in document:
        raise InputError(
            Problem(
                "this portfolio summary has no benchmark; it was written by an older "
                "foundation-engine: run the batch again with --summary",
                "$",
                source,
            )
        )
    try:
        summary = _SummaryDoc.model_validate(document)
    except ValidationError as exc:
        raise InputError(
            [
                Problem(
                    f"not a portfolio summary (batch --summary): {error['msg']}",
                    json_path(error["loc"]),
                    source,
                )
                for error in exc.errors(include_url=False)
            ]
        ) from None
    b = summary.benchmark
    return PortfolioPeers(
        overall=_group(b.overall, "$.benchmark.overall", source),
        techniques={
            technique: _group(group, f"$.benchmark.techniques.{technique}", source)
            for technique, group in b.techniques.items()
        },
        min_group=b.min_group,
        records=summary.records,
    )


def load_peers(path: str) -> PortfolioPeers:
    """Read the portfolio summary in file `path` (as ``batch --summary`` writes it)."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_SUMMARY_BYTES + 1)
    except FileNotFoundError:
        raise InputError(Problem("no such file", source=path)) from None
    except IsADirectoryError:
        raise InputError(
            Problem("is a folder, expected a portfolio summary (batch --summary)", source=path)
        ) from None
    except OSError as exc:
        raise InputError(Problem(f"cannot read: {exc.strerror or exc}", source=path)) from None
    if len(data) > MAX_SUMMARY_BYTES:
        raise InputError(Problem(f"larger than {MAX_SUMMARY_BYTES:,} bytes", source=path))
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(
            Problem(f"not JSON, expected a portfolio summary (batch --summary): {exc}", "$", path)
        ) from None
    return peers_from_summary(document, path)


def _placement(
    peers: PortfolioPeers,
    min_group: int,
    technique: str | None,
    title: str,
    score: float | None,
) -> Placement:
    group = peers.overall if technique is None else peers.techniques.get(technique)
    size = group.size if group is not None else 0
    if score is None:
        return Placement(
            technique=technique,
            title=title,
            score=None,
            percentile=None,
            peers=None,
            shown=False,
            note="no score to compare",
        )
    if group is None or size < min_group:
        return Placement(
            technique=technique,
            title=title,
            score=score,
            percentile=None,
            peers=None,
            shown=False,
            note=f"not shown: fewer than {min_group} partnerships to compare with",
        )
    return Placement(
        technique=technique,
        title=title,
        score=score,
        percentile=group.percentile(score),
        peers=size,
        shown=True,
    )


def place(
    report: Report, peers: PortfolioPeers, *, min_group: int = DEFAULT_MIN_GROUP
) -> Benchmark:
    """Where `report`'s partnership stands among `peers`, overall and per technique.

    A group smaller than `min_group` or than the summary's own minimum is not shown.
    """
    if min_group < 1:
        raise ValueError("min_group must be 1 or more")
    least = max(min_group, peers.min_group)
    return Benchmark(
        portfolio_records=peers.records,
        min_group=least,
        overall=_placement(peers, least, None, "Overall", report.overall_score),
        techniques=[
            _placement(peers, least, t.technique, t.title, t.score)
            for t in report.techniques
            if t.applicable
        ],
    )
