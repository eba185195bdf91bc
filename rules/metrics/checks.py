"""Built-in rule set 3: pursue a few selective metrics (prefix MET).

A handful of well-defined KPIs with targets, baselines and benchmarks, kept
stable, fed with fresh data, and read beside satisfaction so a green scorecard
cannot hide unhappy hiring managers. The rule files sit
beside this module in ``rules/metrics/``; here are the checks no generic check
covers, each tested in ``tests/rules/metrics/test_<rule id>.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from foundation_engine.checks import CheckContext, Options, Outcome, check
from foundation_engine.checks.dates import days_after
from foundation_engine.checks.kpi_series import (
    Reading,
    falling,
    has_target,
    in_force,
    scorecard,
    target_met,
)
from foundation_engine.checks.kpi_series import history as series
from foundation_engine.rulebook.messages import render_value
from foundation_engine.state.model import Metric, PartnershipState, metric_family
from foundation_engine.state.vocabulary import (
    CADENCE_DAYS,
    Cadence,
    Direction,
    KpiFamily,
    Owner,
    SurveyTopic,
)

TECHNIQUE = "metrics"


# --------------------------------------------------------------------------
# checks
# --------------------------------------------------------------------------


def _label(metric: Metric) -> str:
    return metric.name


def _percent(share: float) -> int:
    return round(share * 100)


def _percent_short(share: float, short: bool) -> int:
    """A share as a percentage that never reads 100 while something is still missing."""
    return min(_percent(share), 99) if short else _percent(share)


class PrimaryCountOptions(Options):
    min_kpis: int | None = Field(None, ge=0, description="Fewest primary KPIs allowed.")
    max_kpis: int | None = Field(None, ge=0, description="Most primary KPIs allowed.")
    skip_when_none: bool = Field(
        False, description="Not applicable with no KPI at all (another rule flags that)."
    )


def _primary_kpis(
    state: PartnershipState, context: CheckContext
) -> list[tuple[int, Metric]] | Outcome:
    """The primary KPIs on the scorecard at as_of, or why the rule cannot judge them.

    Shared by the rules of one assessment that judge the scorecard as it stands.
    """
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    current = context.memo(
        ("metrics.scorecard",), lambda: scorecard(state.metrics or [], context.as_of)
    )
    if not current:
        # Recorded, and empty: MET001 flags that; the other rules have nothing to judge, on
        # later days too while nothing new is recorded (the dates a KPI is in force are
        # records).
        return Outcome.nothing_to_judge(
            "the scorecard has no primary KPI", fails_from=Outcome.NEVER
        )
    return current


@check("metrics_primary_count", options=PrimaryCountOptions)
def metrics_primary_count(
    state: PartnershipState, options: PrimaryCountOptions, context: CheckContext
) -> Outcome:
    """The number of primary KPIs on the scorecard lies within bounds."""
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    current = context.memo(
        ("metrics.scorecard",), lambda: scorecard(state.metrics or [], context.as_of)
    )
    n = len(current)
    if n == 0 and options.skip_when_none:
        return Outcome.nothing_to_judge("the scorecard has no primary KPI at all")
    ok = (options.min_kpis is None or n >= options.min_kpis) and (
        options.max_kpis is None or n <= options.max_kpis
    )
    names = [_label(m) for _, m in current]
    return Outcome.judge(
        ok,
        n,
        [f"/metrics/{i}" for i, _ in current],
        # Adopted and retired dates are records: with nothing new, the scorecard stays.
        fails_from=Outcome.NEVER,
        kpis=names or "none",
        to_add=_to_add([m for _, m in current]),
    )


#: The sides of hiring a rounded scorecard shows, and a KPI that measures each.
_SIDES: tuple[tuple[frozenset[KpiFamily], str], ...] = (
    (frozenset({KpiFamily.SPEED}), "a speed measure (time to fill)"),
    (
        frozenset({KpiFamily.QUALITY, KpiFamily.RETENTION}),
        "a quality or retention measure (first-year turnover, quality of hire)",
    ),
    (frozenset({KpiFamily.SATISFACTION}), "a satisfaction measure (hiring-manager satisfaction)"),
)


def _to_add(current: list[Metric]) -> str:
    """The sides of hiring the scorecard does not measure yet, as KPIs to add."""
    families = {metric_family(m) for m in current}
    missing = [text for wanted, text in _SIDES if not wanted & families]
    if not missing:
        return "another KPI that shows progress on the shared purpose"
    return missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} and {missing[-1]}"


DefinitionField = Literal["definition", "target", "baseline", "direction", "owner", "benchmark"]


class DefinitionOptions(Options):
    required: list[DefinitionField] = Field(
        default=["definition", "target", "baseline", "direction", "owner", "benchmark"],
        min_length=1,
        description="Fields every primary KPI must fill in.",
    )


@check("metrics_definition_complete", options=DefinitionOptions)
def metrics_definition_complete(
    state: PartnershipState, options: DefinitionOptions, context: CheckContext
) -> Outcome:
    """Every primary KPI has a definition, target, baseline, direction, owner and benchmark.

    The value is the share (0 to 1) of the required fields filled in across
    the scorecard, so a KPI short of one benchmark source weighs a little and
    a KPI that is no more than a name weighs fully.
    """
    current = _primary_kpis(state, context)
    if isinstance(current, Outcome):
        return current
    gaps: list[str] = []
    incomplete: list[str] = []
    complete: list[str] = []
    filled = 0
    for index, metric in current:
        missing = [name for name in options.required if getattr(metric, name) in (None, "")]
        filled += len(options.required) - len(missing)
        if missing:
            gaps.append(f"{_label(metric)} (no {', '.join(missing)})")
            incomplete.append(f"/metrics/{index}")
        else:
            complete.append(f"/metrics/{index}")
    share = round(filled / (len(options.required) * len(current)), 3)
    return Outcome.judge(
        not incomplete,
        share,
        incomplete or complete,
        fails_from=Outcome.NEVER,  # the scorecard and its fields are records
        incomplete=len(incomplete),
        total=len(current),
        percent=_percent_short(share, bool(incomplete)),
        gaps="; ".join(gaps) or "none",
        required_fields=", ".join(options.required),
    )


class FamilyBalanceOptions(Options):
    families: list[KpiFamily] = Field(
        default=[KpiFamily.QUALITY, KpiFamily.RETENTION],
        min_length=1,
        description="At least one primary KPI must belong to one of these families.",
    )


@check("metrics_family_balance", options=FamilyBalanceOptions)
def metrics_family_balance(
    state: PartnershipState, options: FamilyBalanceOptions, context: CheckContext
) -> Outcome:
    """At least one primary KPI measures quality or retention, not only speed or cost."""
    current = _primary_kpis(state, context)
    if isinstance(current, Outcome):
        return current
    wanted = set(options.families)
    matching = [(i, m) for i, m in current if metric_family(m) in wanted]
    counts: dict[str, int] = {}
    for _, metric in current:
        family = metric_family(metric).value
        counts[family] = counts.get(family, 0) + 1
    mix = ", ".join(f"{family} {n}" for family, n in sorted(counts.items()))
    evidence = [f"/metrics/{i}" for i, _ in (matching or current)]
    return Outcome.judge(
        bool(matching),
        len(matching),
        evidence,
        fails_from=Outcome.NEVER,  # the scorecard and its families are records
        families_text=" or ".join(f.value for f in options.families),
        mix=mix,
        matching_kpis=[_label(m) for _, m in matching] or "none",
        total=len(current),
    )


class StabilityOptions(Options):
    max_changes_per_quarter: int = Field(
        1, ge=0, description="Days in one calendar quarter on which the scorecard may change."
    )
    lookback_days: int = Field(365, ge=1, description="How far back changes are counted.")


def _quarter(day: dt.date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


@check("metrics_set_stability", options=StabilityOptions)
def metrics_set_stability(
    state: PartnershipState, options: StabilityOptions, context: CheckContext
) -> Outcome:
    """The set of primary KPIs changes at most a set number of times per calendar quarter.

    Changes on or before go-live build the first scorecard and do not count;
    adopting and retiring KPIs on the same day is one change.
    """
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    primary = [(i, m) for i, m in enumerate(state.metrics) if m.primary]
    # With nothing new recorded, later days count the same changes or fewer (the oldest
    # leave the lookback): a scorecard steady enough today stays so.
    if not primary:
        return Outcome.nothing_to_judge(
            "the state has no primary KPI whose changes could be counted",
            fails_from=Outcome.NEVER,
        )
    earliest = max(context.go_live, context.as_of - dt.timedelta(days=options.lookback_days))
    # quarter -> day -> [(pointer, description)]
    quarters: dict[str, dict[dt.date, list[tuple[str, str]]]] = {}
    for index, metric in primary:
        for field_name, day in (("adopted", metric.adopted), ("retired", metric.retired)):
            if day is None or not earliest < day <= context.as_of:
                continue
            quarters.setdefault(_quarter(day), {}).setdefault(day, []).append(
                (f"/metrics/{index}/{field_name}", f"{_label(metric)} {field_name} {day}")
            )
    if not quarters:
        return Outcome.passed(
            0,
            [],
            fails_from=Outcome.NEVER,
            quarter="none",
            changes="none",
            since=earliest,
            busiest="the primary KPIs have not changed",
        )
    worst = max(sorted(quarters), key=lambda q: len(quarters[q]))
    days = quarters[worst]
    changes = [text for day in sorted(days) for _, text in days[day]]
    evidence = [pointer for day in sorted(days) for pointer, _ in days[day]]
    n = len(days)
    return Outcome.judge(
        n <= options.max_changes_per_quarter,
        n,
        evidence,
        fails_from=Outcome.NEVER,
        quarter=worst,
        changes="; ".join(changes),
        busiest=f"the busiest quarter, {worst}, saw primary KPIs change on "
        f"{n} day{'' if n == 1 else 's'}",
        since=earliest,
    )


class FreshnessOptions(Options):
    grace_days: int = Field(14, ge=0, description="Days allowed after a period for its data.")
    default_cadence: Cadence = Field(
        Cadence.MONTHLY, description="Cadence assumed for a KPI that states none."
    )


@check("metrics_data_freshness", options=FreshnessOptions)
def metrics_data_freshness(
    state: PartnershipState, options: FreshnessOptions, context: CheckContext
) -> Outcome:
    """Every primary KPI has an observation within its cadence plus a grace period.

    The party to act is the owner of the stale KPIs as each records it; a KPI
    with no owner is taken to be the provider's to report (the provider runs
    the recruiting systems the figures come from).
    """
    current = _primary_kpis(state, context)
    if isinstance(current, Outcome):
        return current
    stale: list[str] = []
    stale_evidence: list[str] = []
    fresh_evidence: list[str] = []
    owners: set[Owner] = set()
    first_stale = Outcome.NEVER  # with nothing new recorded, each KPI ages a day a day
    for index, metric in current:
        cadence = metric.cadence or options.default_cadence
        allowed = CADENCE_DAYS[cadence] + options.grace_days
        history = series(context, metric)
        if history:
            latest = history[-1]
            since = latest.period_end
            pointer = latest.pointer(index)
            last_text = f"last data {latest.period_end}"
        else:
            # A KPI with no data yet is due one cadence after it started counting.
            since = max(metric.adopted or context.start_date, context.go_live)
            pointer = f"/metrics/{index}"
            last_text = f"no data since {since}"
        age = (context.as_of - since).days
        first_stale = min(first_stale, days_after(since, allowed + 1))
        if age > allowed:
            stale.append(
                f"{_label(metric)} ({last_text}, {age} days ago; {cadence.value} allows {allowed})"
            )
            stale_evidence.append(pointer)
            owners.add(metric.owner or Owner.PROVIDER)
        else:
            fresh_evidence.append(pointer)
    share = round(1 - len(stale) / len(current), 3)
    return Outcome.judge(
        not stale,
        share,
        stale_evidence or fresh_evidence,
        owner=_one_owner(owners),
        fails_from=first_stale,
        stale=len(stale),
        total=len(current),
        percent=_percent_short(share, bool(stale)),
        stale_list="; ".join(stale) or "none",
    )


def _one_owner(owners: set[Owner]) -> Owner | None:
    """The single party named by every record, both when they differ, None for no record."""
    if not owners:
        return None
    return owners.pop() if len(owners) == 1 else Owner.BOTH


class WatermelonOptions(Options):
    trend_periods: int = Field(
        3, ge=2, description="Readings in a row that must never rise and end lower."
    )
    min_fall: float = Field(
        0.02,
        ge=0,
        lt=1,
        description="Smallest fall over those readings, as a share of the first, that counts.",
    )
    survey_topics: list[SurveyTopic] = Field(
        default=[SurveyTopic.SATISFACTION],
        description="Survey topics read as satisfaction.",
    )


@dataclass(frozen=True)
class _Trend:
    """The latest readings of one satisfaction series, and whether they fall."""

    text: str
    pointers: tuple[str, ...]
    falls: bool


def _fall(first: float, last: float) -> float:
    """How far `last` lies below `first`, as a share of `first` (1 from a zero start)."""
    if last >= first:
        return 0.0
    return 1.0 if first == 0 else (first - last) / abs(first)


def _satisfaction_trends(
    state: PartnershipState, options: WatermelonOptions, context: CheckContext
) -> tuple[list[_Trend], bool]:
    """Each satisfaction series long enough to show a trend, and whether any is recorded.

    Satisfaction comes from KPIs of the satisfaction family in force
    (hiring-manager satisfaction, candidate NPS, primary or not) and from the
    satisfaction surveys of each party.
    """
    periods = options.trend_periods
    trends: list[_Trend] = []
    recorded = False

    def judge(values: list[float]) -> bool:
        window = values[-periods:]
        return falling(values, periods) and _fall(window[0], window[-1]) >= options.min_fall

    for index, metric in enumerate(state.metrics or []):
        if metric_family(metric) is not KpiFamily.SATISFACTION:
            continue
        if not in_force(metric, context.as_of):
            continue
        recorded = True
        history = series(context, metric)
        if len(history) < periods:
            continue
        recent = history[-periods:]
        trends.append(
            _Trend(
                f"{_label(metric)} {render_value(recent[0].value)} "
                f"to {render_value(recent[-1].value)}",
                tuple(r.pointer(index) for r in recent),
                judge([r.value for r in history]),
            )
        )
    topics = set(options.survey_topics)
    by_party: dict[str, list[tuple[dt.date, int, float, float]]] = {}
    for index, survey in enumerate(state.surveys or []):
        if survey.topic in topics:
            by_party.setdefault(survey.party.value, []).append(
                (survey.date, index, survey.score, survey.scale_max)
            )
    for party, entries in sorted(by_party.items()):
        recorded = True
        entries.sort(key=lambda e: e[0])
        if len(entries) < periods:
            continue
        window = entries[-periods:]
        first, last = window[0], window[-1]
        trends.append(
            _Trend(
                f"{party} survey {render_value(first[2])}/{render_value(first[3])} "
                f"to {render_value(last[2])}/{render_value(last[3])}",
                tuple(f"/surveys/{e[1]}" for e in window),
                judge([score / scale for _, _, score, scale in entries]),
            )
        )
    return trends, recorded


@check("metrics_watermelon", options=WatermelonOptions)
def metrics_watermelon(
    state: PartnershipState, options: WatermelonOptions, context: CheckContext
) -> Outcome:
    """The service-level KPIs are all green while satisfaction keeps falling.

    Green means every primary KPI outside the satisfaction family that has a
    target met it in its latest reading. Satisfaction's own target plays no
    part: satisfaction still above its target can be falling, and
    satisfaction already below it is MET010's to name. When satisfaction
    falls but the scorecard already shows a missed target, the scorecard is
    not hiding the fall, and there is nothing to judge.
    """
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    service: list[tuple[int, Metric, Reading]] = []
    for index, metric in scorecard(state.metrics, context.as_of):
        if metric_family(metric) is KpiFamily.SATISFACTION or not has_target(metric):
            continue
        history = series(context, metric)
        if history:
            service.append((index, metric, history[-1]))
    if not service:
        return Outcome.not_applicable(
            "no primary KPI outside satisfaction has both a target and data"
        )
    trends, recorded = _satisfaction_trends(state, options, context)
    if not trends:
        return Outcome.not_applicable(
            "no satisfaction KPI or survey is recorded"
            if not recorded
            else f"no satisfaction KPI or survey series has {options.trend_periods} readings "
            "to show a trend"
        )
    falling_trends = [t for t in trends if t.falls]
    red = [m for _, m, r in service if not target_met(m, r)]
    green_evidence = [r.pointer(i) for i, m, r in service if target_met(m, r)]
    # The scorecard, the latest readings and the surveys are records, read without a
    # window: with nothing new recorded, no later day judges them otherwise.
    if not falling_trends:
        return Outcome.passed(
            0,
            [p for t in trends for p in t.pointers[-1:]],
            fails_from=Outcome.NEVER,
            steady_list="; ".join(t.text for t in trends),
            targets_met=len(service) - len(red),
            targets_total=len(service),
            falling_list="none",
        )
    falling_list = "; ".join(t.text for t in falling_trends)
    if red:
        return Outcome.nothing_to_judge(
            f"satisfaction is falling ({falling_list}), but the scorecard already shows a missed "
            f"target ({', '.join(_label(m) for m in red)}), so it is not hiding the fall",
            fails_from=Outcome.NEVER,
        )
    pointers = green_evidence + [p for t in falling_trends for p in t.pointers]
    return Outcome.failed(
        len(falling_trends),
        list(dict.fromkeys(pointers)),
        targets_met=len(service),
        targets_total=len(service),
        green_list=", ".join(_label(m) for _, m, _ in service),
        falling_list=falling_list,
    )


class TargetMissOptions(Options):
    families: list[KpiFamily] = Field(
        default=[KpiFamily.SATISFACTION, KpiFamily.QUALITY, KpiFamily.RETENTION],
        min_length=1,
        description="KPI families whose targets are judged.",
    )
    max_shortfall: float = Field(
        0.0,
        ge=0,
        lt=1,
        description="Largest shortfall from target, as a share of it, still counted as on target.",
    )


def _shortfall(metric: Metric, value: float) -> float:
    """How far `value` falls short of the metric's target, as a share of the target."""
    assert metric.target is not None and metric.direction is not None
    gap = metric.target - value if metric.direction is Direction.HIGHER else value - metric.target
    return max(gap, 0.0) / max(abs(metric.target), 1.0)


@check("metrics_outcome_targets", options=TargetMissOptions)
def metrics_outcome_targets(
    state: PartnershipState, options: TargetMissOptions, context: CheckContext
) -> Outcome:
    """Every satisfaction, quality and retention KPI with a target meets it in its latest reading.

    KPIs in force count whether they are on the scorecard or not: a target
    agreed for hiring-manager satisfaction is a target. The value is the
    largest shortfall, as a share of the target (0 when every target is met).
    The party to act is the owner the missed KPIs record.
    """
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    wanted = set(options.families)
    judged: list[tuple[int, Metric, Reading, float]] = []
    for index, metric in enumerate(state.metrics):
        if metric_family(metric) not in wanted or not has_target(metric):
            continue
        if not in_force(metric, context.as_of):
            continue
        history = series(context, metric)
        if history:
            latest = history[-1]
            judged.append((index, metric, latest, _shortfall(metric, latest.value)))
    families_text = ", ".join(f.value for f in options.families)
    if not judged:
        return Outcome.not_applicable(
            f"no KPI of the {families_text} families has a target, a direction and data"
        )
    missed = [j for j in judged if j[3] > options.max_shortfall]
    worst = round(max((j[3] for j in missed), default=0.0), 3)

    def describe(metric: Metric, reading: Reading, short: float) -> str:
        text = (
            f"{_label(metric)} {render_value(reading.value)} against a target of "
            f"{render_value(metric.target)} for the period ending {reading.period_end}"
        )
        if short <= 0:
            return text
        return f"{text}, {max(_percent(short), 1)}% short"

    return Outcome.judge(
        not missed,
        worst,
        [r.pointer(i) for i, _, r, _ in (missed or judged)],
        owner=_one_owner({m.owner or Owner.BOTH for _, m, _, _ in missed}),
        missed=len(missed),
        judged=len(judged),
        worst_percent=_percent(worst),
        missed_list="; ".join(describe(m, r, short) for _, m, r, short in missed) or "none",
        met_list="; ".join(describe(m, r, 0.0) for _, m, r, _ in judged),
        families_text=families_text,
    )


class RealismOptions(Options):
    max_better_than_benchmark: float = Field(
        0.5, gt=0, description="Largest share by which a target may beat its benchmark."
    )


@check("metrics_target_realism", options=RealismOptions)
def metrics_target_realism(
    state: PartnershipState, options: RealismOptions, context: CheckContext
) -> Outcome:
    """No primary KPI's target beats its benchmark by more than the allowed share."""
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    checked = 0
    unrealistic: list[str] = []
    evidence: list[str] = []
    checked_evidence: list[str] = []
    for index, metric in scorecard(state.metrics, context.as_of):
        bench = metric.benchmark
        if metric.target is None or metric.direction is None or bench is None or bench.value == 0:
            continue
        checked += 1
        better = (
            bench.value - metric.target
            if metric.direction is Direction.LOWER
            else metric.target - bench.value
        ) / abs(bench.value)
        checked_evidence.append(f"/metrics/{index}/target")
        if better > options.max_better_than_benchmark:
            unrealistic.append(
                f"{_label(metric)}: target {render_value(metric.target)} against a benchmark of "
                f"{render_value(bench.value)} ({bench.source}), {_percent(better)}% better"
            )
            evidence.extend((f"/metrics/{index}/target", f"/metrics/{index}/benchmark"))
    if not checked:
        return Outcome.not_applicable(
            "no primary KPI has a target, a direction and a non-zero benchmark to compare"
        )
    return Outcome.judge(
        not unrealistic,
        len(unrealistic),
        evidence or checked_evidence,
        fails_from=Outcome.NEVER,  # targets and benchmarks of the scorecard are records
        checked=checked,
        max_percent=_percent(options.max_better_than_benchmark),
        unrealistic_list="; ".join(unrealistic) or "none",
    )


METRIC_CHECKS = (
    metrics_primary_count,
    metrics_definition_complete,
    metrics_family_balance,
    metrics_set_stability,
    metrics_data_freshness,
    metrics_watermelon,
    metrics_outcome_targets,
    metrics_target_realism,
)
