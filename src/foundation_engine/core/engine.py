"""The engine: runs every selected rule on a state and builds the report.

An :class:`Engine` is built once from a configuration (plugins loaded, rule
files validated, options checked) and then assesses any number of states.
It holds no per-assessment state, so one engine serves many threads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from foundation_engine._version import __version__
from foundation_engine.checks.context import CheckContext
from foundation_engine.checks.outcome import Outcome, Status
from foundation_engine.checks.spec import CheckSpec
from foundation_engine.core.budget import BudgetExceeded, assessment_budget, rule_budget
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.loading import StateSource, coerce_state
from foundation_engine.core.phase import derive_phase
from foundation_engine.core.scoring import Scorecard, Scored, rule_score
from foundation_engine.core.waivers import WaiverBook
from foundation_engine.errors import (
    ConfigError,
    Problem,
    RuleDefinitionError,
    ValidationProblem,
    json_path,
)
from foundation_engine.plugin.manager import PluginSetup, build_plugin_setup, default_plugin_setup
from foundation_engine.plugin.registry import Registry, Technique, build_registry
from foundation_engine.report.history import (
    Every,
    History,
    HistoryPoint,
    TechniquePoint,
    period_ends,
    trend,
)
from foundation_engine.report.model import (
    ActionReview,
    DueItem,
    Finding,
    RatingCap,
    Report,
    ScoringBasis,
    Strength,
    TechniqueScore,
    WaiverInfo,
    WaiverReport,
    severity_rank,
)
from foundation_engine.report.perception import build_perception
from foundation_engine.rulebook.messages import render
from foundation_engine.rulebook.model import (
    SEVERITY_WEIGHTS,
    Lifecycle,
    LoadedRule,
    RuleDefinition,
    Severity,
    SeverityBand,
    matches_selector,
    merge_options,
    names_rule,
    softened_severity,
)
from foundation_engine.state.evidence import EvidenceNames
from foundation_engine.state.known import KnownState, known_on, last_dated
from foundation_engine.state.model import EARLIEST_DATE, LATEST_DATE, PartnershipState
from foundation_engine.state.pointers import MISSING, child, walk_remembered
from foundation_engine.state.vocabulary import Owner, Phase

_PARTY_WORDS = {
    Owner.CLIENT: "the client",
    Owner.PROVIDER: "the provider",
    Owner.BOTH: "both parties",
}

_PHASE_NAMES = {
    Phase.IMPLEMENTATION: "implementation",
    Phase.RAMP_UP: "ramp-up",
    Phase.STEADY_STATE: "steady state",
}


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to run: its check resolved and its options validated."""

    definition: RuleDefinition
    check: CheckSpec
    options: BaseModel
    option_values: dict[str, Any]
    severity: Severity
    weight: float
    plugin: str
    source: str
    failure_bands: tuple[SeverityBand, ...] = ()
    """The bands that soften a graded failure, highest score first (the same every time)."""
    out_of_phase: Mapping[Phase, Outcome] = dataclasses.field(default_factory=dict)
    """The outcome in each phase the rule does not apply in (its message is fixed)."""

    @property
    def id(self) -> str:
        return self.definition.id


class Engine:
    """Assess partnership states with a fixed configuration and set of plugins.

    ``Engine()`` uses the built-in rule sets plus installed plugins (as chosen
    by config ``plugins`` or ``FOUNDATION_ENGINE_LOAD_PLUGINS``). Pass
    ``plugins=[...]`` to add plugin objects, ``builtins=[...]`` to choose which
    built-in modules load, and ``entrypoints=False`` to ignore installed ones.
    """

    def __init__(
        self,
        config: EngineConfig | None = None,
        *,
        plugins: Sequence[Any] = (),
        builtins: Sequence[str] | None = None,
        entrypoints: bool | Sequence[str] | None = None,
    ) -> None:
        self.config = config or EngineConfig()
        if plugins or builtins is not None or entrypoints is not None:
            setup = build_plugin_setup(
                builtins=builtins,
                extra=plugins,
                entrypoints=entrypoints if entrypoints is not None else self.config.plugins,
                strict=self.config.strict,
            )
        else:
            setup = default_plugin_setup(self.config.plugins, self.config.strict)
        self.setup: PluginSetup = setup
        self.registry: Registry = build_registry(setup, self.config.rule_paths)
        self.warnings: list[str] = [
            f"plugin {f.name!r} failed to load and was skipped: {f.error}" for f in setup.failures
        ]
        self.techniques: list[Technique] = sorted(
            self.registry.techniques.values(), key=lambda t: (t.order, t.id)
        )
        self.rules: list[CompiledRule] = self._compile_rules()
        # A plugin's rule set judges the data it brings under extensions.<namespace>: a
        # state without any of it cannot have that data, so the rule set does not apply
        # (it neither passes nor dilutes coverage). Built-in techniques read the core
        # state, whose missing records do count as missing data.
        self._extensions_of: dict[str, tuple[str, ...]] = {}
        for technique in self.techniques:
            if technique.plugin in setup.builtins:
                continue
            namespaces = tuple(
                sorted(
                    e.namespace
                    for e in self.registry.extensions.values()
                    if e.plugin == technique.plugin
                )
            )
            if namespaces:
                self._extensions_of[technique.id] = namespaces
        self.fingerprint = self.config.fingerprint()
        self._plugins = sorted({r.plugin for r in self.rules})
        self._plugin_versions = {
            name: setup.versions[name]
            for name in self._plugins
            if name not in setup.builtins and name in setup.versions
        }
        scoring = self.config.scoring
        self._basis = ScoringBasis(
            aggregation=scoring.aggregation,
            neutral_score=scoring.neutral_score,
            min_coverage=scoring.min_coverage,
            caps=[cap.model_dump(mode="json", exclude_none=True) for cap in scoring.caps],
            rating_bands=[band.model_dump(mode="json") for band in self.config.rating_bands],
        )

    # ------------------------------------------------------------------
    # setup
    # ------------------------------------------------------------------

    def _compile_rules(self) -> list[CompiledRule]:
        config = self.config
        problems: list[Problem] = []
        compiled: list[CompiledRule] = []
        known_ids = {r.definition.id for r in self.registry.rules}
        for rule_id in sorted(set(config.rules) - known_ids):
            # Kept a warning: a shared configuration may tune a plugin's rules on a machine
            # without that plugin, and tuning nothing changes no result.
            close = difflib.get_close_matches(rule_id, sorted(known_ids), n=1)
            hint = f"; did you mean [rules.{close[0]}]?" if close else ""
            self.warnings.append(f"config [rules.{rule_id}] matches no loaded rule{hint}")
        # The user's configuration at fault, not a rule file: every such problem is listed.
        settings: list[Problem] = self._unknown_selectors()
        for loaded in self.registry.rules:
            d = loaded.definition
            if not self._selected(d):
                continue
            try:
                compiled.append(self._compile(loaded))
            except ConfigError as exc:
                settings.extend(exc.problems)
            except RuleDefinitionError as exc:
                problems.extend(
                    Problem(p.message, p.path, p.source or loaded.source) for p in exc.problems
                )
        if settings:
            raise ConfigError(settings)
        if problems:
            raise RuleDefinitionError(problems)
        return compiled

    def _unknown_selectors(self) -> list[Problem]:
        """A problem for each ``select`` or ``ignore`` entry that names no loaded rule.

        A selector is a rule id, a prefix of ids (``COM``, ``COM00``), a rule's name or
        ``ALL``. One that matches nothing is a typo or a rule of a plugin that is not
        loaded; either way the selection would silently run (or skip) something else
        than the user meant, so it is refused with the nearest ids and names.
        """
        definitions = [r.definition for r in self.registry.rules]
        prefixes = sorted({t.prefix for t in self.registry.techniques.values()})
        words = sorted({d.id for d in definitions} | {d.name for d in definitions if d.name})
        problems: list[Problem] = []
        for key in ("select", "ignore"):
            for index, selector in enumerate(getattr(self.config, key)):
                if selector == "ALL" or any(
                    matches_selector(d.id, [selector], d.name) for d in definitions
                ):
                    continue
                close = (
                    difflib.get_close_matches(selector, [*words, *prefixes], n=1)
                    or [
                        w
                        for w in words
                        if w.startswith(selector)  # a name is matched whole
                    ][:1]
                )
                if close:
                    hint = f"; did you mean {close[0]!r}?"
                else:
                    hint = (
                        f"; expected a rule id, a rule name, ALL or a prefix of the loaded "
                        f"rule sets ({', '.join(prefixes)}); a plugin's rules need the "
                        "plugin installed and loaded"
                    )
                problems.append(
                    self.config.problem(f"{selector!r} names no loaded rule{hint}", (key, index))
                )
        return problems

    def _selected(self, d: RuleDefinition) -> bool:
        """Whether the configuration runs `d`; a deprecated rule runs only when named."""
        config = self.config
        explicitly = names_rule(d, config.select)
        if matches_selector(d.id, config.ignore, d.name):
            return False
        if d.lifecycle is Lifecycle.DEPRECATED:
            # Like ruff: a prefix or ALL never selects a deprecated rule; its id or name does.
            if explicitly:
                self.warnings.append(self._deprecation(d))
            return explicitly
        if not matches_selector(d.id, config.select, d.name):
            return False
        return not (d.lifecycle is Lifecycle.PREVIEW and not (config.include_preview or explicitly))

    def _deprecation(self, d: RuleDefinition) -> str:
        warning = f"rule {d.label} is deprecated and will be removed"
        if d.replaced_by is None:
            return warning
        replacement = next(
            (r.definition for r in self.registry.rules if r.definition.id == d.replaced_by), None
        )
        return f"{warning}; select {replacement.label if replacement else d.replaced_by} instead"

    def _compile(self, loaded: LoadedRule) -> CompiledRule:
        d = loaded.definition
        technique = self.registry.techniques.get(d.technique)
        if technique is None:
            raise RuleDefinitionError(
                Problem(
                    f"rule {d.id} belongs to technique {d.technique!r}, which no plugin "
                    f"registers; known: {', '.join(sorted(self.registry.techniques))}",
                    "$.technique",
                )
            )
        if not d.id.startswith(technique.prefix):
            raise RuleDefinitionError(
                Problem(
                    f"rule {d.id} is in technique {d.technique!r}, whose ids start with "
                    f"{technique.prefix}",
                    "$.id",
                )
            )
        spec = self.registry.checks.get(d.check.name)
        if spec is None:
            raise RuleDefinitionError(
                Problem(
                    f"rule {d.id} uses check {d.check.name!r}, which no plugin registers; "
                    f"known checks: {', '.join(sorted(self.registry.checks))}",
                    "$.check.name",
                )
            )
        settings = self.config.rules.get(d.id)
        overrides = settings.options if settings else {}
        try:
            values = merge_options(d, overrides)
        except RuleDefinitionError as exc:  # an option the rule does not have: the user's line
            loc = ("rules", d.id, "options", *sorted(set(overrides) - set(d.options))[:1])
            raise ConfigError([self.config.problem(p.message, loc) for p in exc.problems]) from None
        try:
            options = spec.options.model_validate(values)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            # A value the user set is the user's to fix, at their line; a bad default is the
            # rule file's.
            mine = [e for e in errors if e["loc"] and e["loc"][0] in overrides]
            if mine:
                raise ConfigError(
                    [
                        self.config.problem(
                            f"rule {d.id}: option {'.'.join(map(str, e['loc']))}: "
                            f"{_lowered(e['msg'])}, got {e.get('input')!r}",
                            ("rules", d.id, "options", *e["loc"]),
                        )
                        for e in mine
                    ]
                ) from None
            raise RuleDefinitionError(
                [
                    Problem(
                        f"rule {d.id}: option {'.'.join(map(str, e['loc']))}: {e['msg']}",
                        json_path(("options", *e["loc"])),
                    )
                    for e in errors
                ]
            ) from None
        disorder = d.scoring.out_of_order(values)
        if disorder is not None:
            raise RuleDefinitionError(
                Problem(
                    f"rule {d.id}: graded scoring control points out of order: {disorder}; "
                    "expected option values that keep the poor point on the worse side",
                    "$.scoring",
                )
            )
        severity = (settings.severity if settings and settings.severity else None) or d.severity
        weight = (
            settings.weight
            if settings and settings.weight is not None
            else d.weight
            if d.weight is not None
            else SEVERITY_WEIGHTS[severity]
        )
        return CompiledRule(
            d,
            spec,
            options,
            values,
            severity,
            weight,
            loaded.plugin,
            loaded.source,
            d.failure_bands(severity),
            _out_of_phase(d),
        )

    # ------------------------------------------------------------------
    # assessment
    # ------------------------------------------------------------------

    def load(self, source: StateSource) -> PartnershipState:
        """Read and validate a state from a model, dict, path, JSON text or bytes."""
        state = coerce_state(source, self.registry, limits=self.config.limits)
        try:
            self._validate_extensions(state)
        except ValidationProblem as exc:
            name = _file_name(source)
            if name is None:
                raise
            raise ValidationProblem(
                [Problem(p.message, p.path, p.source or name) for p in exc.problems]
            ) from None
        return state

    def assess(self, state: StateSource, as_of: dt.date | str | None = None) -> Report:
        """Assess one partnership. `as_of` defaults to the state's own ``as_of``."""
        return self.assess_state(self.load(state), as_of)

    def history(
        self,
        state: StateSource,
        every: Every = "monthly",
        *,
        since: dt.date | str | None = None,
        as_of: dt.date | str | None = None,
    ) -> History:
        """The assessment at each past month or quarter end, from the records alone.

        At each period end only what was recorded by then counts (records
        dated later are invisible) and the phase is the phase of that day; the
        last point is `as_of` (default: the state's own). `since` defaults to
        the start date. Trends: :mod:`foundation_engine.report.history`.
        """
        model = self.load(state)
        last = _as_date(as_of) or model.partnership.as_of
        if last is None:
            raise ValidationProblem(
                Problem("as_of: a history needs an end date; give as_of or set partnership.as_of")
            )
        _check_as_of(last, model)
        start = model.partnership.start_date
        first = max(_as_date(since) or start, start)
        if first > last:
            raise ValidationProblem(
                Problem(f"since: {first.isoformat()} is after the last day, {last.isoformat()}")
            )
        days = period_ends(first, last, every)
        reports = [self.assess_state(model, day, due=False) for day in days]
        titles = {t.technique: t.title for r in reports for t in r.techniques if t.applicable}
        points = [
            HistoryPoint(
                as_of=r.as_of,
                overall_score=r.overall_score,
                rating=r.rating,
                coverage=r.coverage,
                techniques=[
                    TechniquePoint(technique=t.technique, score=t.score, coverage=t.coverage)
                    for t in r.techniques
                    if t.technique in titles
                ],
            )
            for r in reports
        ]

        def scores(technique: str) -> list[float | None]:
            return [
                next((t.score for t in p.techniques if t.technique == technique), None)
                for p in points
            ]

        return History(
            partnership_id=model.partnership.id,
            every=every,
            points=points,
            overall=trend(None, "Overall", days, [p.overall_score for p in points]),
            techniques=[trend(t, title, days, scores(t)) for t, title in titles.items()],
        )

    def assess_state(
        self, model: PartnershipState, as_of: dt.date | str | None = None, *, due: bool = True
    ) -> Report:
        """Assess a state that :meth:`load` already read and validated.

        `due=False` leaves out what falls due next (a history does not need it).
        """
        warnings = list(self.warnings)
        when = _as_date(as_of) or model.partnership.as_of
        if when is None:
            when = dt.date.today()
            warnings.append(
                f"no as_of date in the state or the call; assessed as of today ({when}), "
                "so this report cannot be reproduced byte for byte"
            )
        for namespace in sorted(set(model.extensions) - set(self.registry.extensions)):
            warnings.append(f"extensions.{namespace}: no plugin registers this namespace; ignored")
        _check_as_of(when, model)
        last = last_dated(model)
        known, context, pointers = self._prepare(model, when, last)
        limits = self.config.limits
        fails_from: dict[str, dt.date] = {}  # what the checks say of the days to come
        with assessment_budget(limits.assessment_seconds, limits.assessment_memory_mb):
            first = {
                rule.id: self._run(rule, known, context, pointers, fails_from)
                for rule in self.rules
                if not rule.definition.check.reads_findings
            }
            # Rules that judge the others' findings run last, reading them from the context.
            reviewing = dataclasses.replace(context, findings=tuple(first.values()))
            findings = [
                first[rule.id] if rule.id in first else self._run(rule, known, reviewing, pointers)
                for rule in self.rules
            ]
            due_items = (
                self._due_soon(model, last, known, context, pointers, findings, fails_from)
                if due
                else []
            )
        for plugin, process in self.registry.finding_processors():
            before = list(findings)
            try:  # a faulty implementation costs its own changes, never the assessment
                process(findings=findings, state=model, context=context)
                strays = [f for f in findings if not isinstance(f, Finding)]
                if strays:
                    raise TypeError(
                        f"it left a {type(strays[0]).__name__} in the findings, "
                        "expected only Finding"
                    )
            except Exception as exc:
                findings[:] = before
                warnings.append(
                    f"process_findings from plugin {plugin!r} failed and its changes were "
                    f"discarded: {type(exc).__name__}: {exc}"
                )
        report = self._report(model, context, findings, warnings)
        if not due:
            return report
        return report.model_copy(
            update={"due_soon": due_items, "due_within_days": self.config.due_soon_days}
        )

    def _prepare(
        self,
        model: PartnershipState,
        when: dt.date,
        last: dt.date | None,
        as_recorded: _AsRecorded | None = None,
    ) -> tuple[KnownState, CheckContext, _Pointers]:
        """What every rule of an assessment on `when` shares: the state as known then.

        `last` is the model's :func:`~foundation_engine.state.known.last_dated`.
        `as_recorded`, when given, says that nothing in `model` is dated after
        `when` (so the state as known is the state as recorded) and holds what
        the days assessing it share: the days after an assessment's ``as_of``.
        """
        phase = derive_phase(model, when, self.config.phases)
        known = KnownState(model) if as_recorded is not None else known_on(model, when, last)
        if as_recorded is not None:
            context = as_recorded.context.on_day(
                when, phase=phase.phase, phase_started=phase.started, go_live=phase.go_live
            )
            return known, context, as_recorded.pointers
        context = CheckContext(
            state=known.state,
            as_of=when,
            phase=phase.phase,
            phase_started=phase.started,
            go_live=phase.go_live,
        )
        return known, context, _Pointers(known.state)

    def _due_soon(
        self,
        model: PartnershipState,
        last: dt.date | None,
        known: KnownState,
        context: CheckContext,
        pointers: _Pointers,
        findings: Sequence[Finding],
        fails_from: Mapping[str, dt.date],
    ) -> list[DueItem]:
        """What will fail within ``due_soon_days`` if nothing new is recorded.

        The rules that do not fail today are assessed again at the horizon,
        with no new records; each that fails there is assessed at the days in
        between, by halving, to find the first day it fails. A rule that fails
        and recovers within the horizon without any new record is not found.
        A check that said on which day it would fail (``Outcome.fails_from``,
        in `fails_from` by rule id) is taken at its word when nothing is
        recorded after `when` and the phase holds to the horizon: beyond the
        horizon it is not run again; within it, that day is confirmed (it
        fails there and not the day before) instead of searched for.
        Waivers that stop covering a failure within the horizon are listed too.
        `last` is the model's last dated day; `known`, `context` and `pointers` are the
        state as known on the assessment day, its context and its pointers.
        """
        when = context.as_of
        days = self.config.due_soon_days
        if not days or when >= LATEST_DATE:
            return []
        horizon = min(when + dt.timedelta(days=days), LATEST_DATE)
        candidates = [
            rule
            for rule, finding in zip(self.rules, findings, strict=True)
            if finding.status in (Status.PASSED, Status.NOT_APPLICABLE)
            and not rule.definition.check.reads_findings  # they need every finding of the day
        ]
        prepared: dict[dt.date, tuple[KnownState, CheckContext, _Pointers]] = {}
        # From the last dated day on, the state as known is the model itself: those days
        # share the pointers into it and whatever the checks built from its records
        # alone. When nothing is dated after `when`, that is every day assessed here.
        as_recorded = _AsRecorded(context, pointers) if known.state is model else None

        def day(on: dt.date) -> tuple[KnownState, CheckContext, _Pointers]:
            nonlocal as_recorded
            if on not in prepared:
                sees_every_record = last is None or on >= last
                if sees_every_record and as_recorded is not None:
                    prepared[on] = self._prepare(model, on, last, as_recorded)
                else:  # a record still to come is trimmed; the first day seeing all is kept
                    prepared[on] = self._prepare(model, on, last)
                    if sees_every_record:
                        as_recorded = _AsRecorded(prepared[on][1], prepared[on][2])
            return prepared[on]

        # A check's word on its failing day holds for the records it read and its phase.
        claims = (
            fails_from
            if fails_from and known.state is model and day(horizon)[1].phase is context.phase
            else {}
        )
        items: list[DueItem] = []
        for rule in candidates:
            said = claims.get(rule.id)
            if said is not None and said > horizon:
                continue
            if said is not None and said > when and self._confirmed(rule, said, when, day):
                high = said
            elif self._status(rule, *day(horizon)) is not Status.FAILED:
                continue
            else:
                low, high = when, horizon  # passes on `low`, fails on `high`
                while (high - low).days > 1:
                    middle = low + (high - low) / 2
                    if self._status(rule, *day(middle)) is Status.FAILED:
                        high = middle
                    else:
                        low = middle
            failing = self._run(rule, *day(high))  # the finding of the first failing day
            items.append(
                DueItem(
                    kind="rule",
                    rule_id=rule.id,
                    title=rule.definition.title,
                    technique=rule.definition.technique,
                    due=high,
                    owner=failing.owner.value,
                    severity=failing.severity,
                    message=failing.message,
                )
            )
        failing_ids = {f.rule_id for f in findings if f.status is Status.FAILED}
        partnership = model.partnership.id
        for waiver in self.config.waivers:
            if waiver.partnership not in (None, partnership):
                continue
            if not when <= waiver.expires < horizon:
                continue
            covered = sorted(r for r in failing_ids if r.startswith(waiver.rule))
            if not covered:
                continue
            items.append(
                DueItem(
                    kind="waiver",
                    rule_id=waiver.rule,
                    title=f"Waiver for {waiver.rule} expires",
                    technique=None,
                    due=waiver.expires + dt.timedelta(days=1),
                    owner=waiver.owner,
                    severity=None,
                    message=(
                        f"The waiver for {waiver.rule} ({waiver.reason}) expires on "
                        f"{waiver.expires.isoformat()}; from then {', '.join(covered)} "
                        "count in the score again."
                    ),
                )
            )
        return sorted(items, key=lambda item: (item.due, item.rule_id))

    def _confirmed(
        self,
        rule: CompiledRule,
        said: dt.date,
        when: dt.date,
        day: Callable[[dt.date], tuple[KnownState, CheckContext, _Pointers]],
    ) -> bool:
        """Whether the rule fails on `said` and not on the day before (nor on `when`)."""
        if self._status(rule, *day(said)) is not Status.FAILED:
            return False
        before = said - dt.timedelta(days=1)
        return before == when or self._status(rule, *day(before)) is not Status.FAILED

    def _run(
        self,
        rule: CompiledRule,
        known: KnownState,
        context: CheckContext,
        pointers: _Pointers,
        fails_from: dict[str, dt.date] | None = None,
    ) -> Finding:
        """The rule's finding on the day of `context`.

        Where the check said on which later day it would fail, that day goes
        into `fails_from` under the rule's id.
        """
        outcome = self._checked(rule, known.state, context)
        dangling = [p for p in outcome.evidence if not pointers.exists(p)]
        if dangling:
            outcome = Outcome.error(
                f"check {rule.check.name!r} from plugin {rule.check.plugin!r} returned "
                f"evidence pointing nowhere: {', '.join(dangling[:5])}"
            )
        elif known.changed:  # point at the records as the user wrote them
            evidence = tuple(known.recorded_pointer(p) for p in outcome.evidence)
            outcome = dataclasses.replace(outcome, evidence=evidence)
        if (
            fails_from is not None
            and outcome.fails_from is not None
            and outcome.status is not Status.FAILED
        ):
            fails_from[rule.id] = outcome.fails_from
        weight = rule.weight * rule.definition.phase_weights.get(context.phase, 1.0)
        if outcome.status is Status.NOT_APPLICABLE and not outcome.missing_data:
            weight = 0.0  # recorded, but nothing to judge yet: neither a pass nor missing data
        return self._finding(rule, known.state, outcome, weight)

    def _status(
        self,
        rule: CompiledRule,
        known: KnownState,
        context: CheckContext,
        pointers: _Pointers,
    ) -> Status:
        """The status of :meth:`_run`'s finding, without building the finding.

        What falls due next reads only whether a rule fails, on many days; the
        message, score and fingerprint are built for the one day it reports.
        Evidence is verified only for a failure: dangling evidence turns any
        status into an error, and only for a failure does that change whether
        the rule fails.
        """
        outcome = self._checked(rule, known.state, context)
        if outcome.status is Status.FAILED and not all(map(pointers.exists, outcome.evidence)):
            return Status.ERROR
        return outcome.status

    def _checked(
        self, rule: CompiledRule, state: PartnershipState, context: CheckContext
    ) -> Outcome:
        """The outcome of the rule's check on `state`, run only where the rule applies.

        A rule of a plugin whose extension data the state lacks, or outside its
        phases, weighs nothing (as a check's ``nothing_to_judge``). The check
        runs within its time budget; its exceptions and a result that is not
        an :class:`Outcome` become error outcomes naming the check and plugin.
        """
        d = rule.definition
        namespaces = self._extensions_of.get(d.technique)
        if namespaces and not any(ns in state.extensions for ns in namespaces):
            where = " or ".join(f"extensions.{ns}" for ns in namespaces)
            return Outcome.nothing_to_judge(
                f"the state has no {where}, so the {self.registry.techniques[d.technique].title} "
                f"rules (plugin {rule.plugin!r}) do not apply"
            )
        if d.phases is not None and context.phase not in d.phases:
            return rule.out_of_phase[context.phase]
        try:
            with rule_budget(self.config.limits.rule_seconds):
                outcome = rule.check.function(state, rule.options, context)
        except BudgetExceeded as exc:  # a runaway check costs its own rule only
            return Outcome.error(
                f"check {rule.check.name!r} from plugin {rule.check.plugin!r} {exc} "
                "(limits.rule_seconds) and was stopped"
            )
        except Exception as exc:  # a faulty check must not stop the assessment
            return Outcome.error(
                f"check {rule.check.name!r} from plugin {rule.check.plugin!r} raised "
                f"{type(exc).__name__}: {exc}"
            )
        if not isinstance(outcome, Outcome):
            return Outcome.error(
                f"check {rule.check.name!r} from plugin {rule.check.plugin!r} returned "
                f"{type(outcome).__name__}, expected an Outcome"
            )
        return outcome

    def _finding(
        self, rule: CompiledRule, state: PartnershipState, outcome: Outcome, weight: float
    ) -> Finding:
        d = rule.definition
        # Later sources win: a check's details may reuse a general name such as
        # `provider`; only `value` and `reason` always mean the outcome's own.
        values: dict[str, Any] = {
            "rule_id": d.id,
            "partnership": state.partnership.name,
            "client": state.partnership.client.name,
            "provider": state.partnership.provider.name,
            **rule.option_values,
            **outcome.details,
            "value": outcome.value,
            "reason": outcome.reason or "",
        }
        owner = outcome.owner if outcome.status is Status.FAILED and outcome.owner else d.owner
        values["party"] = _PARTY_WORDS[owner]
        status = outcome.status
        if status is Status.PASSED:
            message = render(d.message.passed, values)
        elif status is Status.FAILED:
            message = render(d.message.failed, values)
        elif status is Status.NOT_APPLICABLE:
            message = render(d.message.not_applicable, values)
        else:
            message = f"Rule {d.id} could not run: {outcome.reason}"
        fingerprint = hashlib.sha256(f"{state.partnership.id}\x00{d.id}".encode()).hexdigest()[:16]
        return _make_finding(d, rule, status, outcome, weight, message, values, fingerprint, owner)

    def _report(
        self,
        state: PartnershipState,
        context: CheckContext,
        findings: list[Finding],
        warnings: list[str],
    ) -> Report:
        # Everything a finding gains here (its waiver, the findings folded into it or the
        # one it is folded into, its evidence named, its points at stake) is gathered
        # first, so each finding is copied once, with all of it.
        book = WaiverBook(self.config.waivers, state.partnership.id, context.as_of)
        updates: dict[int, dict[str, Any]] = {}
        for i, f in enumerate(findings):
            waiver = book.find(f.rule_id, f.status)
            if waiver is not None:
                updates[i] = {
                    "waived": True,
                    "waiver": WaiverInfo(
                        rule=waiver.rule,
                        reason=waiver.reason,
                        owner=waiver.owner,
                        expires=waiver.expires,
                    ),
                }
        waiver_reports = []
        for waiver, status, hits in book.statuses():
            waiver_reports.append(
                WaiverReport(
                    rule=waiver.rule,
                    owner=waiver.owner,
                    reason=waiver.reason,
                    expires=waiver.expires,
                    status=status,
                    findings=sorted(set(hits)),
                )
            )
            if status == "expired" and hits:
                warnings.append(
                    f"waiver for {waiver.rule} (owner {waiver.owner}) expired on "
                    f"{waiver.expires} and no longer applies"
                )
            elif status == "unused":
                warnings.append(f"waiver for {waiver.rule} (owner {waiver.owner}) matched nothing")

        folded_into, folded = self._link_overlaps(findings)
        for j, primary in folded_into.items():
            updates.setdefault(j, {})["related_to"] = primary
        for i, related in folded.items():
            updates.setdefault(i, {})["related"] = related
        names = EvidenceNames(state)
        waived: list[bool] = []
        related_to: list[str | None] = []
        for i, f in enumerate(findings):
            update = updates.get(i)
            if f.status is Status.FAILED and f.evidence:
                if update is None:
                    update = updates[i] = {}
                update["evidence_named"] = [names.name(p) for p in f.evidence]
            waived.append(update["waived"] if update and "waived" in update else f.waived)
            related_to.append(
                update["related_to"] if update and "related_to" in update else f.related_to
            )
        settings_of = self.config.techniques
        present = {f.technique for f in findings}
        techniques = [t for t in self.techniques if t.id in present]
        card = Scorecard(
            [
                Scored(  # rule id, technique, status, score, weight, severity, waived, counted
                    f.rule_id,
                    f.technique,
                    f.status,
                    f.score,
                    f.weight,
                    f.severity,
                    waived[i],
                    related_to[i] is None,
                )
                for i, f in enumerate(findings)
            ],
            [
                (t.id, t.title, settings_of[t.id].weight if t.id in settings_of else t.weight)
                for t in techniques
            ],
            self.config.scoring,
            self.config.rating_bands,
        )
        overall = card.overall()
        unwaived = card.overall(with_waivers=False) if any(waived) else overall
        positions = {f.rule_id: i for i, f in enumerate(findings)}
        for i, f in enumerate(findings):
            if f.status is Status.FAILED and not waived[i] and related_to[i] is None:
                update = updates.setdefault(i, {})
                related = update.get("related", f.related)
                fixed = frozenset([i, *(positions[r] for r in related)])
                update["points_at_stake"] = card.points_at_stake(fixed, overall.score)
        final = [
            f.model_copy(update=updates[i]) if i in updates else f for i, f in enumerate(findings)
        ]
        technique_scores: list[TechniqueScore] = []
        by_technique: dict[str, list[Finding]] = {}
        for f in final:
            by_technique.setdefault(f.technique, []).append(f)
        for technique, (_, _, weight) in zip(techniques, card.techniques, strict=True):
            group = by_technique[technique.id]
            result = card.technique(technique.id)
            counts = dict.fromkeys(Status, 0)
            for f in group:
                counts[f.status] += 1
            technique_scores.append(
                TechniqueScore(
                    technique=technique.id,
                    title=technique.title,
                    score=result.score,
                    unwaived_score=card.technique(technique.id, with_waivers=False).score,
                    evidence_score=result.evidence_score,
                    coverage=result.coverage,
                    applicable=result.applicable,
                    weight=weight,
                    rules_run=len(group),
                    passed=counts[Status.PASSED],
                    failed=counts[Status.FAILED],
                    not_applicable=counts[Status.NOT_APPLICABLE],
                    errors=counts[Status.ERROR],
                )
            )
        strengths = [
            Strength(
                rule_id=f.rule_id, technique=f.technique, message=f.strength, evidence=f.evidence
            )
            for f in final
            if f.status is Status.PASSED and f.strength
        ]
        return Report(
            engine_version=__version__,
            partnership_id=state.partnership.id,
            partnership_name=state.partnership.name,
            as_of=context.as_of,
            phase=context.phase,
            days_since_start=context.days_since_start,
            overall_score=overall.score,
            unwaived_overall_score=unwaived.score,
            uncapped_score=overall.uncapped_score,
            rating=overall.rating,
            caps=[
                RatingCap(reason=cap.reason, at_most=cap.at_most, ceiling=cap.ceiling)
                for cap in overall.caps
            ],
            coverage=overall.coverage,
            techniques=technique_scores,
            findings=final,
            strengths=strengths,
            waivers=waiver_reports,
            warnings=warnings,
            plugins=list(self._plugins),
            plugin_versions=dict(self._plugin_versions),
            config_fingerprint=self.fingerprint,
            scoring=self._basis,
            agreed_actions=_review_actions(context, final),
            perception=build_perception(
                state, context.as_of, final, {t.id: t.title for t in self.techniques}
            ),
        )

    def _link_overlaps(
        self, findings: Sequence[Finding]
    ) -> tuple[dict[int, str], dict[int, list[str]]]:
        """Fold failures of the same defect into one primary finding.

        A rule lists in ``overlaps`` the rules that fail on the same defect as
        it does. When it fails together with a listed rule, and their evidence
        shares a record (or one names a section holding the other's records),
        the listed finding is folded into it: ``related_to`` on the folded
        one, ``related`` on the primary. More severe primaries claim first; a
        finding is folded at most once, and a folded finding is no primary.
        Gives, by position, the rule id each folded finding's ``related_to``
        becomes, and the sorted rule ids each primary's ``related`` becomes.
        """
        failed = {f.rule_id: i for i, f in enumerate(findings) if f.status is Status.FAILED}
        if len(failed) < 2:
            return {}, {}
        overlaps = {r.id: r.definition.overlaps for r in self.rules if r.definition.overlaps}
        primaries = sorted(
            (i for rule_id, i in failed.items() if rule_id in overlaps),
            key=lambda i: (-severity_rank(findings[i].severity), findings[i].rule_id),
        )
        folded: dict[int, int] = {}
        for i in primaries:
            if i in folded:
                continue
            primary = findings[i]
            records = set(primary.evidence)
            holders = _ancestors(primary.evidence)
            for other_id in overlaps[primary.rule_id]:
                j = failed.get(other_id)
                if j is None or j in folded or j == i or findings[j].related_to:
                    continue
                other = findings[j].evidence
                if _shares_evidence(records, holders, other) or not (primary.evidence or other):
                    folded[j] = i
        folded_into = {j: findings[i].rule_id for j, i in folded.items()}
        related: dict[int, list[str]] = {}
        for j, i in folded.items():
            related.setdefault(i, []).append(findings[j].rule_id)
        return folded_into, {i: sorted(related[i]) for i in sorted(related)}

    def _validate_extensions(self, state: PartnershipState) -> None:
        registered = [
            (ns, self.registry.extensions[ns])
            for ns in state.extensions
            if ns in self.registry.extensions
        ]
        if not registered:
            return
        from jsonschema import Draft202012Validator

        problems: list[Problem] = []
        for namespace, extension in registered:
            validator = Draft202012Validator(extension.schema)
            for error in validator.iter_errors(state.extensions[namespace]):
                path = json_path(("extensions", namespace, *error.absolute_path))
                problems.append(
                    Problem(f"{error.message} (schema from plugin {extension.plugin!r})", path)
                )
        if problems:
            raise ValidationProblem(problems)


def _out_of_phase(d: RuleDefinition) -> dict[Phase, Outcome]:
    """The outcome of `d` in each phase it does not apply in: nothing to judge, and why."""
    if d.phases is None:
        return {}
    names = [_PHASE_NAMES[p] for p in d.phases]
    applies = " and ".join(filter(None, [", ".join(names[:-1]), names[-1]]))
    return {
        phase: Outcome.nothing_to_judge(
            f"this rule applies during {applies}; the partnership is in {_PHASE_NAMES[phase]}"
        )
        for phase in Phase
        if phase not in d.phases
    }


def _make_finding(
    d: RuleDefinition,
    rule: CompiledRule,
    status: Status,
    outcome: Outcome,
    weight: float,
    message: str,
    values: dict[str, Any],
    fingerprint: str,
    owner: Owner,
) -> Finding:
    score = rule_score(status, outcome.value, d.scoring, rule.option_values)
    recommendation = None
    if status is Status.FAILED:
        recommendation = render(d.recommendations.get(owner, d.recommendation), values)
    fields = {  # `waived` and `waiver` keep their defaults: only waivers set them
        "rule_id": d.id,
        "title": d.title,
        "technique": d.technique,
        "status": status,
        "severity": (
            softened_severity(score, rule.severity, rule.failure_bands)
            if status is Status.FAILED
            else rule.severity
        ),
        "score": score,
        "weight": weight,
        "value": _jsonable(outcome.value),
        "message": message,
        "evidence": list(outcome.evidence),
        "recommendation": recommendation,
        "owner": owner,
        "plugin": rule.plugin,
        "fingerprint": fingerprint,
        "strength": (
            render(d.strength, values) if d.strength and status is Status.PASSED else None
        ),
        "points_at_stake": None,
        "related_to": None,
        "related": [],
    }
    return Finding.model_validate(fields)


def _review_actions(context: CheckContext, findings: Sequence[Finding]) -> list[ActionReview]:
    """Each agreed action in the state as known: on time, and whether its finding is resolved."""
    by_rule = {f.rule_id: f for f in findings}
    reviews = []
    for action in context.state.agreed_actions or []:
        finding = by_rule.get(action.rule)
        if action.fingerprint is not None and finding and action.fingerprint != finding.fingerprint:
            finding = None  # it targets another partnership's finding
        status = action.status.value
        if action.completed is not None:
            on_time: bool | None = action.completed <= action.due
        elif status == "open" and action.due < context.as_of:
            on_time = False
        else:
            on_time = None
        judged = finding is not None and finding.status in (Status.PASSED, Status.FAILED)
        resolved = None
        if finding is not None and judged:
            resolved = finding.status is Status.PASSED or finding.waived
        timing = {
            True: "done on time",
            False: "late" if action.completed or status == "open" else "",
            None: "dropped" if status == "dropped" else "open, not yet due",
        }[on_time]
        if status == "done" and on_time is False:
            timing = f"done {(action.completed - action.due).days} days late"  # type: ignore[operator]
        elif status == "open" and on_time is False:
            timing = f"open, {(context.as_of - action.due).days} days past due"
        outcome = {
            True: f"{action.rule} is resolved",
            False: f"{action.rule} still fails",
            None: f"{action.rule} was not judged in this assessment",
        }[resolved]
        reviews.append(
            ActionReview(
                id=action.id,
                rule_id=action.rule,
                owner=action.owner,
                due=action.due,
                status=status,
                on_time=on_time,
                finding_status=finding.status if finding else None,
                resolved=resolved,
                verdict=f"{action.id}: {timing}; {outcome}.",
            )
        )
    return reviews


def _file_name(source: StateSource) -> str | None:
    """The file a state was read from, when it was given as a path."""
    if isinstance(source, Path):
        return str(source)
    if (
        isinstance(source, str)
        and not source.lstrip().startswith(("{", "["))
        and "\n" not in source
    ):
        return source
    return None


def _check_as_of(day: dt.date, state: PartnershipState) -> None:
    """Refuse an assessment date the partnership cannot be judged on."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationProblem(
            Problem(
                f"as_of: {day.isoformat()} is outside the supported calendar; expected a date "
                f"from {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"
            )
        )
    start = state.partnership.start_date
    if day < start:
        raise ValidationProblem(
            Problem(
                f"as_of: {day.isoformat()} is before the partnership started "
                f"({start.isoformat()}); expected a date on or after the start date"
            )
        )


def _ancestors(pointers: Sequence[str]) -> set[str]:
    """Every section or record that holds one of `pointers` (``/metrics`` for ``/metrics/2``)."""
    held: set[str] = set()
    for pointer in pointers:
        pointer = pointer.rpartition("/")[0]
        while pointer and pointer not in held:
            held.add(pointer)
            pointer = pointer.rpartition("/")[0]
    return held


def _shares_evidence(records: set[str], holders: set[str], other: Sequence[str]) -> bool:
    """Whether `other` names one of `records`, a record inside one, or a section holding one.

    Two different records of the same list do not share evidence.
    """
    return any(p in records or p in holders for p in other) or bool(records & _ancestors(other))


def _lowered(message: str) -> str:
    """Pydantic's "Input should be a valid integer" as "expected a valid integer"."""
    message = message[:1].lower() + message[1:]
    return message.replace("input should be", "expected")


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationProblem(
            Problem(f"as_of: expected a date like 2026-03-31, got {value!r}")
        ) from None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    return value


@dataclass(frozen=True)
class _AsRecorded:
    """What the days after an assessment's ``as_of`` share when nothing is dated after it."""

    context: CheckContext
    """The assessment day's context: the others share what it built from the records."""
    pointers: _Pointers
    """Evidence pointers resolved in the state as recorded."""


class _Pointers:
    """Answers whether JSON Pointers name something in one state, remembering the way.

    Evidence pointers share their parents (``/communications/3`` and
    ``/communications/7``), so each parent is resolved once per assessment.
    """

    def __init__(self, state: PartnershipState) -> None:
        self._nodes: dict[str, Any] = {"": state}

    def exists(self, pointer: str) -> bool:
        """Whether `pointer` names something in the state (fields of models, list items)."""
        if pointer == "":
            return True
        if not pointer.startswith("/"):
            return False
        return self._resolve(pointer) is not MISSING

    def _resolve(self, pointer: str) -> Any:
        return walk_remembered(self._nodes, pointer, _child_step)


def _child_step(node: Any, raw: str) -> Any:
    if node is MISSING:
        return MISSING
    return child(node, raw.replace("~1", "/").replace("~0", "~") if "~" in raw else raw)
