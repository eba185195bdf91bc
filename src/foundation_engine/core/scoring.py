"""Scoring: rule outcomes to rule scores, rule scores to technique and overall scores.

Kept apart from gathering evidence (checks) and judging (the engine), so the
arithmetic can be read and tested on its own. docs/scoring.md explains the
model with worked examples; in short:

- A rule scores 1 when it passes and 0 when it fails, or, with graded scoring,
  between 0 and 1 by where its measured value lies between a good and a poor
  control point (a failure never scores 1).
- A technique's *evidence score* is the weighted mean of its rules that had
  data. Not-applicable and error findings never count as passes. A finding
  folded into another as the same defect drops out of the mean (the defect is
  counted once) but still counts as data.
- *Coverage* is the share of rule weight that had data. Missing data lowers
  confidence and never raises a score: the technique score is the evidence
  score pulled toward the neutral score by the share of weight without data,
  and never pulled upward (``c * E + (1 - c) * min(E, neutral)``).
- Overall: a weighted geometric mean of the technique scores (or the
  arithmetic mean, when configured). A technique with no data at all counts
  at the neutral score or the others' combined score, whichever is lower.
- Weakest-link caps: an open critical or high finding, a technique below a
  score, or a technique without data bounds the rating, and the overall score
  with it, to the top of a band. The report lists the caps that bound, those
  below the score the techniques earned. Below the minimum coverage the rating is
  ``insufficient_data``, whatever the score.
- Any score that is not a finite number is an error, never a pass.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from foundation_engine.checks.outcome import Status
from foundation_engine.core.config import Cap, RatingBand, ScoringSettings
from foundation_engine.rulebook.model import Scoring, Severity

INSUFFICIENT_DATA = "insufficient_data"


class ScoringError(ArithmeticError):
    """A score came out as something other than a finite number."""


def rule_score(
    status: Status, value: Any, scoring: Scoring, options: Mapping[str, Any]
) -> float | None:
    """The 0-1 score of one outcome; None when it has no data."""
    if status is Status.PASSED:
        return 1.0
    if status is not Status.FAILED:
        return None
    if scoring.method == "binary" or not _is_number(value):
        return 0.0
    points = scoring.control_points(options)
    if points is None:
        return 0.0
    good, poor = points
    if good == poor or not (math.isfinite(good) and math.isfinite(poor)):
        return 0.0
    fraction = (float(value) - poor) / (good - poor)
    if math.isnan(fraction):
        return 0.0
    # A failed outcome never earns full marks, however close it came; a value far on
    # the good side of a tiny span (the division overflows to infinity) is close too.
    return round(min(fraction, 0.99), 4) if fraction > 0 else 0.0


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class Scored:
    """What scoring needs to know of one finding."""

    rule_id: str
    technique: str
    status: Status
    score: float | None
    weight: float
    severity: Severity
    waived: bool = False
    counted: bool = True
    """False for a finding folded into another as the same defect."""

    @property
    def open(self) -> bool:
        """A failure nobody has waived: something to act on."""
        return self.status is Status.FAILED and not self.waived


@dataclass(frozen=True, slots=True)
class TechniqueResult:
    evidence_score: float | None
    """Weighted mean of the rules that had data, 0-100, before coverage is taken into account."""
    score: float | None
    """The evidence score pulled toward the neutral score by missing data; None without data."""
    coverage: float
    """Share of rule weight that had data, 0-1."""
    applicable: bool = True
    """False when no rule of the technique weighs anything now (all outside their phase)."""


def technique_result(
    findings: Iterable[Scored],
    neutral: float,
    *,
    with_waivers: bool = True,
    passing: Collection[int] = (),
) -> TechniqueResult:
    """One technique's scores and coverage (waived findings left out when `with_waivers`).

    The findings at the positions in `passing` (counted in `findings`) score as passed.
    """
    sums = _sums(enumerate(findings), _NO_SUMS, with_waivers, passing)
    return _technique_of(sums, neutral)


_Sums = tuple[float, float, float, float]
"""A technique's running sums: total weight, weight with data, weighted score, its weight."""

_NO_SUMS: _Sums = (0.0, 0.0, 0.0, 0.0)


def _sums(
    numbered: Iterable[tuple[int, Scored]],
    start: _Sums,
    with_waivers: bool,
    passing: Collection[int],
    before: list[_Sums] | None = None,
) -> _Sums:
    """`start` with the numbered findings added, in order (see :func:`technique_result`).

    `before`, when given, gets the sums before each finding is added.
    """
    total, data, num, den = start
    for position, f in numbered:
        if before is not None:
            before.append((total, data, num, den))
        if f.weight <= 0:
            continue
        total += f.weight
        score = 1.0 if position in passing else f.score
        if score is None:
            continue
        data += f.weight
        fixed = position in passing  # passing, it is no longer folded into another
        if (not f.counted and not fixed) or (with_waivers and f.waived and not fixed):
            continue
        num += f.weight * score
        den += f.weight
    return total, data, num, den


def _technique_of(sums: _Sums, neutral: float) -> TechniqueResult:
    """The technique result of its sums over all its findings."""
    total, data, num, den = sums
    coverage = data / total if total else 0.0
    if not den:
        return TechniqueResult(None, None, round(coverage, 3), applicable=total > 0)
    evidence = 100 * num / den
    shrunk = coverage * evidence + (1 - coverage) * min(evidence, neutral)
    _finite(evidence, shrunk, coverage)
    return TechniqueResult(round(evidence, 1), round(shrunk, 1), round(coverage, 3))


@dataclass(frozen=True)
class AppliedCap:
    """A weakest-link cap that bounded this assessment."""

    reason: str
    at_most: str
    ceiling: float


@dataclass(frozen=True)
class OverallResult:
    score: float | None
    """Overall 0-100 after caps; None when no technique had data."""
    uncapped_score: float | None
    coverage: float
    rating: str
    caps: tuple[AppliedCap, ...]


@dataclass(frozen=True)
class TechniqueEntry:
    id: str
    title: str
    weight: float
    result: TechniqueResult


def overall_result(
    techniques: Sequence[TechniqueEntry],
    open_findings: Mapping[Severity, Collection[str]],
    settings: ScoringSettings,
    bands: Sequence[RatingBand],
    *,
    reasons: bool = True,
) -> OverallResult:
    """The overall score, coverage, rating and the caps that applied.

    `open_findings` holds the rule ids of the open (failed, unwaived) findings
    by severity. Without `reasons` the caps say no reason, which is quicker
    when only the score is wanted.
    """
    weighted = [t for t in techniques if t.weight > 0 and t.result.applicable]
    total_weight = sum(t.weight for t in weighted)
    coverage = (
        sum(t.weight * t.result.coverage for t in weighted) / total_weight if total_weight else 0.0
    )
    known = [(t.result.score, t.weight) for t in weighted if t.result.score is not None]
    uncapped: float | None = None
    if known:
        combined = _combine(known, settings.aggregation)
        unknown_value = min(settings.neutral_score, combined)
        everything = known + [(unknown_value, t.weight) for t in weighted if t.result.score is None]
        uncapped = _combine(everything, settings.aggregation)
        _finite(uncapped, coverage)
    # Only caps that bind: those below the score the techniques earned.
    caps = tuple(
        cap
        for cap in _caps(weighted, open_findings, settings.caps, bands, reasons)
        if uncapped is not None and cap.ceiling < round(uncapped, 1)
    )
    score = uncapped
    if score is not None and caps:
        score = min(score, *(cap.ceiling for cap in caps))
    score = None if score is None else round(score, 1)
    coverage = round(coverage, 3)
    if score is None or coverage < settings.min_coverage:
        label = INSUFFICIENT_DATA
    else:
        label = rating(score, bands)
    return OverallResult(
        score=score,
        uncapped_score=None if uncapped is None else round(uncapped, 1),
        coverage=coverage,
        rating=label,
        caps=caps,
    )


def _combine(pairs: Sequence[tuple[float, float]], aggregation: str) -> float:
    return _combined(
        [_term(v, w, aggregation) for v, w in pairs], sum(w for _, w in pairs), aggregation
    )


def _term(value: float, weight: float, aggregation: str) -> float:
    """One technique's part of the combined score, before dividing by the weight."""
    if aggregation == "mean":
        return value * weight
    # Weighted geometric mean; a technique at 0 counts as 1 so the mean stays defined.
    return weight * math.log(max(value, 1.0))


def _combined(terms: Sequence[float], weight: float, aggregation: str) -> float:
    """The combined score of the techniques' terms, in order, and their total weight."""
    if aggregation == "mean":
        return sum(terms) / weight
    return math.exp(sum(terms) / weight)


def _caps(
    techniques: Sequence[TechniqueEntry],
    open_findings: Mapping[Severity, Collection[str]],
    caps: Sequence[Cap],
    bands: Sequence[RatingBand],
    reasons: bool,
) -> Iterable[AppliedCap]:
    ceilings = _ceilings(tuple(bands))
    for cap in caps:
        ceiling = ceilings.get(cap.at_most)
        if ceiling is None:
            continue
        if not reasons:
            if _cap_holds(cap, techniques, open_findings):
                yield AppliedCap(reason="", at_most=cap.at_most, ceiling=ceiling)
            continue
        reason = _cap_reason(cap, techniques, open_findings)
        if reason is not None:
            yield AppliedCap(reason=reason, at_most=cap.at_most, ceiling=ceiling)


def _cap_holds(
    cap: Cap,
    techniques: Sequence[TechniqueEntry],
    open_findings: Mapping[Severity, Collection[str]],
) -> bool:
    if cap.when == "critical_finding":
        return bool(open_findings.get(Severity.CRITICAL))
    if cap.when == "high_finding":
        return bool(open_findings.get(Severity.HIGH))
    if cap.when == "technique_below":
        assert cap.score is not None
        return any(t.result.score is not None and t.result.score < cap.score for t in techniques)
    return any(t.result.score is None for t in techniques)


@lru_cache(maxsize=64)
def _ceilings(bands: tuple[RatingBand, ...]) -> dict[str, float | None]:
    return {band.name: band_ceiling(band.name, bands) for band in bands}


def _cap_reason(
    cap: Cap,
    techniques: Sequence[TechniqueEntry],
    open_findings: Mapping[Severity, Collection[str]],
) -> str | None:
    if cap.when in ("critical_finding", "high_finding"):
        severity = Severity.CRITICAL if cap.when == "critical_finding" else Severity.HIGH
        ids = sorted(set(open_findings.get(severity, ())))
        if not ids:
            return None
        return f"an open {severity.value} finding ({', '.join(ids)})"
    if cap.when == "technique_below":
        assert cap.score is not None  # the config validates it
        low = [t for t in techniques if t.result.score is not None and t.result.score < cap.score]
        if not low:
            return None
        names = ", ".join(f"{t.title} {t.result.score:.1f}" for t in low)
        return f"a technique below {cap.score:g} ({names})"
    unknown = [t.title for t in techniques if t.result.score is None]
    if not unknown:
        return None
    return f"a technique without data ({', '.join(unknown)})"


def band_ceiling(name: str, bands: Sequence[RatingBand]) -> float | None:
    """The highest score still rated `name`: just below the next band up; None at the top."""
    ordered = sorted(bands, key=lambda b: b.min_score)
    for index, band in enumerate(ordered):
        if band.name == name:
            if index + 1 == len(ordered):
                return None
            return round(ordered[index + 1].min_score - 0.1, 1)
    return None


def rating(score: float | None, bands: Sequence[RatingBand]) -> str:
    """The name of the highest band whose minimum `score` reaches."""
    if score is None:
        return INSUFFICIENT_DATA
    for band in sorted(bands, key=lambda b: b.min_score, reverse=True):
        if score >= band.min_score:
            return band.name
    return "unrated"


def _finite(*values: float) -> None:
    if not all(math.isfinite(v) for v in values):
        raise ScoringError(
            "a score is not a finite number; rule weights must be finite and bounded"
        )


class Scorecard:
    """Every finding of one assessment as scoring sees it, and what fixing each would restore.

    Technique results are computed once; the effect of fixing a finding
    recomputes only its own technique, from that finding on (the sums before
    it are kept), and the overall score alone, so the points at stake of every
    finding cost time linear in the number of findings per finding's technique.
    """

    def __init__(
        self,
        findings: Sequence[Scored],
        techniques: Sequence[tuple[str, str, float]],
        settings: ScoringSettings,
        bands: Sequence[RatingBand],
    ) -> None:
        self.findings = list(findings)
        self.techniques = list(techniques)
        """(id, title, weight) of each technique, in report order."""
        self.settings = settings
        self.bands = bands
        self._positions: dict[str, list[int]] = {}
        for i, f in enumerate(self.findings):
            self._positions.setdefault(f.technique, []).append(i)
        # Each finding's technique findings and its place among them, for rescoring one
        # technique with some of its findings passed.
        self._members = {
            technique: [self.findings[i] for i in positions]
            for technique, positions in self._positions.items()
        }
        self._place = {
            i: k for positions in self._positions.values() for k, i in enumerate(positions)
        }
        # For rescoring a technique with findings passed: the sums (waivers applied) of
        # the findings before each one, so a rescoring adds only those from the first
        # one passed on, in the same order as scoring them all.
        self._before: dict[str, list[_Sums]] = {}
        with_waivers: dict[str, TechniqueResult] = {}
        for id, _, _ in techniques:
            before: list[_Sums] = []
            sums = _sums(enumerate(self._members.get(id, [])), _NO_SUMS, True, (), before)
            self._before[id] = before
            with_waivers[id] = _technique_of(sums, settings.neutral_score)
        waived = any(f.waived for f in self.findings)
        self._base = {
            True: with_waivers,
            # Without waived findings, leaving waivers out changes nothing.
            False: (
                {id: self._technique(id, False, frozenset()) for id, _, _ in techniques}
                if waived
                else with_waivers
            ),
        }
        # The techniques that weigh in overall: fixing findings never changes which
        # (a technique applies when its rules weigh anything), with each one's part of
        # the combined score, waivers applied.
        aggregation = settings.aggregation
        self._weighed = [
            (id, weight, with_waivers[id])
            for id, _, weight in techniques
            if weight > 0 and with_waivers[id].applicable
        ]
        self._terms = {
            id: _term(result.score, weight, aggregation)
            for id, weight, result in self._weighed
            if result.score is not None
        }
        self._weight = sum(weight for _, weight, _ in self._weighed)
        # When every weighed technique has data (the usual case), fixing findings of one
        # technique replaces its entries alone in these, by its place among them.
        self._all_known = len(self._terms) == len(self._weighed)
        self._order = {id: k for k, (id, _, _) in enumerate(self._weighed)}
        self._weighted = [(weight, result) for _, weight, result in self._weighed]
        self._covered = [weight * result.coverage for _, weight, result in self._weighed]
        self._parts = list(self._terms.values())
        ceilings = _ceilings(tuple(bands))
        self._ceiled = sorted(
            (
                (cap, ceiling)
                for cap in settings.caps
                if (ceiling := ceilings.get(cap.at_most)) is not None
            ),
            key=lambda capped: capped[1],
        )
        """Each cap whose band has a top, with that top, lowest first."""
        # The open findings that can cap the rating, by severity, with their positions.
        self._severe: dict[bool, dict[Severity, list[tuple[int, str]]]] = {True: {}, False: {}}
        for i, f in enumerate(self.findings):
            if f.status is Status.FAILED and f.severity in (Severity.CRITICAL, Severity.HIGH):
                for waivers in (True, False):
                    if not (waivers and f.waived):
                        self._severe[waivers].setdefault(f.severity, []).append((i, f.rule_id))

    def _technique(
        self, technique: str, with_waivers: bool, fixed: frozenset[int]
    ) -> TechniqueResult:
        place = self._place
        return technique_result(
            self._members.get(technique, []),
            self.settings.neutral_score,
            with_waivers=with_waivers,
            passing={place[i] for i in fixed if self.findings[i].technique == technique},
        )

    def technique(self, technique: str, *, with_waivers: bool = True) -> TechniqueResult:
        return self._base[with_waivers][technique]

    def overall(
        self,
        *,
        with_waivers: bool = True,
        fixed: frozenset[int] = frozenset(),
        reasons: bool = True,
    ) -> OverallResult:
        """The overall result, with the findings at positions `fixed` scored as passed."""
        touched = {self.findings[i].technique for i in fixed}
        base = self._base[with_waivers]
        entries = [
            TechniqueEntry(
                id,
                title,
                weight,
                self._technique(id, with_waivers, fixed) if id in touched else base[id],
            )
            for id, title, weight in self.techniques
        ]
        opened = {
            severity: [rule_id for i, rule_id in found if i not in fixed]
            for severity, found in self._severe[with_waivers].items()
        }
        return overall_result(entries, opened, self.settings, self.bands, reasons=reasons)

    def points_at_stake(self, positions: frozenset[int], current: float | None) -> float | None:
        """Overall points that fixing the findings at `positions` would restore."""
        if current is None:
            return None
        after = self.score_with_fixed(positions)
        return None if after is None else round(after - current, 1)

    def score_with_fixed(self, fixed: frozenset[int]) -> float | None:
        """``overall(fixed=fixed).score``, waivers applied, without building the result.

        The same arithmetic in the same order as :func:`overall_result`, so the
        score is the same to the last bit; only the caps' reasons, the rating
        and the result objects are left out, which points at stake never show.
        """
        findings, place = self.findings, self._place
        passing: dict[str, set[int]] = {}
        for i in fixed:
            passing.setdefault(findings[i].technique, set()).add(place[i])
        settings = self.settings
        aggregation = settings.aggregation
        total_weight = self._weight
        if self._all_known and len(passing) == 1:
            weighted, parts, covered = self._one_rescored(*next(iter(passing.items())))
            coverage = sum(covered) / total_weight if total_weight else 0.0
        else:
            terms = self._terms
            weighted, parts = [], []
            for id, weight, result in self._weighed:
                if id in passing:
                    result = self._rescored(id, passing[id])
                    if result.score is not None:
                        parts.append(_term(result.score, weight, aggregation))
                elif id in terms:
                    parts.append(terms[id])
                weighted.append((weight, result))
            coverage = (
                sum(w * r.coverage for w, r in weighted) / total_weight if total_weight else 0.0
            )
        if not parts:
            return None
        if len(parts) == len(weighted):  # every technique had data: combined once
            uncapped = _combined(parts, total_weight, aggregation)
        else:
            known = [(r.score, w) for w, r in weighted if r.score is not None]
            combined = _combine(known, aggregation)
            unknown_value = min(settings.neutral_score, combined)
            everything = known + [(unknown_value, w) for w, r in weighted if r.score is None]
            uncapped = _combine(everything, aggregation)
        if not (math.isfinite(uncapped) and math.isfinite(coverage)):
            _finite(uncapped, coverage)
        earned = round(uncapped, 1)
        score = uncapped
        for cap, ceiling in self._ceiled:  # lowest first: the first that binds bounds most
            if not ceiling < earned:
                break
            if self._cap_holds_with_fixed(cap, weighted, fixed):
                score = min(uncapped, ceiling)
                break
        return round(score, 1)

    def _one_rescored(
        self, technique: str, passing: set[int]
    ) -> tuple[list[tuple[float, TechniqueResult]], list[float], list[float]]:
        """The weighed techniques, their terms and weighted coverages, one technique rescored.

        Only while every weighed technique has data: the entries are then in the
        same places, in the same order, as when they are gathered one by one.
        """
        weighted, parts, covered = self._weighted, self._parts, self._covered
        k = self._order.get(technique)
        if k is None:  # a technique that weighs nothing overall
            return weighted, parts, covered
        result = self._rescored(technique, passing)
        weight = weighted[k][0]
        weighted, covered = list(weighted), list(covered)
        weighted[k] = (weight, result)
        covered[k] = weight * result.coverage
        if result.score is None:  # the fixed findings weigh nothing: no data still
            return weighted, [p for i, p in enumerate(parts) if i != k], covered
        parts = list(parts)
        parts[k] = _term(result.score, weight, self.settings.aggregation)
        return weighted, parts, covered

    def _rescored(self, technique: str, passing: set[int]) -> TechniqueResult:
        """The technique's result, waivers applied, with its findings at `passing` passed."""
        first = min(passing)
        members = self._members[technique]
        later = enumerate(members[first:], start=first)
        sums = _sums(later, self._before[technique][first], True, passing)
        return _technique_of(sums, self.settings.neutral_score)

    def _cap_holds_with_fixed(
        self, cap: Cap, weighted: Sequence[tuple[float, TechniqueResult]], fixed: frozenset[int]
    ) -> bool:
        """:func:`_cap_holds` for the weighed techniques, the findings at `fixed` passed."""
        if cap.when in ("critical_finding", "high_finding"):
            severity = Severity.CRITICAL if cap.when == "critical_finding" else Severity.HIGH
            return any(i not in fixed for i, _ in self._severe[True].get(severity, ()))
        if cap.when == "technique_below":
            assert cap.score is not None
            bound = cap.score
            return any(r.score is not None and r.score < bound for _, r in weighted)
        return any(r.score is None for _, r in weighted)
