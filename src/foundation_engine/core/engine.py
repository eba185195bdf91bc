"""The engine: runs every selected rule on a state and builds the report.

An :class:`Engine` is built once from a configuration (plugins loaded, rule
files validated, options checked) and then assesses any number of states.
It holds no per-assessment state, so one engine serves many threads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
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
from foundation_engine.core.scoring import (
    Scored,
    aggregate,
    coverage_mean,
    rating,
    rule_score,
    weighted_mean,
)
from foundation_engine.core.waivers import WaiverBook
from foundation_engine.errors import Problem, RuleDefinitionError, ValidationProblem, json_path
from foundation_engine.plugin.manager import PluginSetup, build_plugin_setup, default_plugin_setup
from foundation_engine.plugin.registry import Registry, Technique, build_registry
from foundation_engine.report.model import (
    Finding,
    Report,
    Strength,
    TechniqueScore,
    WaiverInfo,
    WaiverReport,
    trusted,
)
from foundation_engine.rulebook.messages import render
from foundation_engine.rulebook.model import (
    SEVERITY_WEIGHTS,
    Lifecycle,
    LoadedRule,
    RuleDefinition,
    Severity,
    matches_selector,
    merge_options,
)
from foundation_engine.state.model import PartnershipState
from foundation_engine.state.vocabulary import Phase

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
        self.fingerprint = self.config.fingerprint()

    # ------------------------------------------------------------------
    # setup
    # ------------------------------------------------------------------

    def _compile_rules(self) -> list[CompiledRule]:
        config = self.config
        problems: list[Problem] = []
        compiled: list[CompiledRule] = []
        known_ids = {r.definition.id for r in self.registry.rules}
        for rule_id in sorted(set(config.rules) - known_ids):
            self.warnings.append(f"config [rules.{rule_id}] matches no loaded rule")
        for loaded in self.registry.rules:
            d = loaded.definition
            if not self._selected(d):
                continue
            try:
                compiled.append(self._compile(loaded))
            except RuleDefinitionError as exc:
                problems.extend(
                    Problem(p.message, p.path, p.source or loaded.source) for p in exc.problems
                )
        if problems:
            raise RuleDefinitionError(problems)
        return compiled

    def _selected(self, d: RuleDefinition) -> bool:
        config = self.config
        explicitly = d.id in config.select
        if not matches_selector(d.id, config.select) or matches_selector(d.id, config.ignore):
            return False
        return not (d.lifecycle is Lifecycle.PREVIEW and not (config.include_preview or explicitly))

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
        values = merge_options(d, settings.options if settings else None)
        try:
            options = spec.options.model_validate(values)
        except ValidationError as exc:
            raise RuleDefinitionError(
                [
                    Problem(
                        f"rule {d.id}: option {'.'.join(map(str, e['loc']))}: {e['msg']}",
                        json_path(("options", *e["loc"])),
                    )
                    for e in exc.errors(include_url=False)
                ]
            ) from None
        severity = (settings.severity if settings and settings.severity else None) or d.severity
        weight = (
            settings.weight
            if settings and settings.weight is not None
            else d.weight
            if d.weight is not None
            else SEVERITY_WEIGHTS[severity]
        )
        return CompiledRule(
            d, spec, options, values, severity, weight, loaded.plugin, loaded.source
        )

    # ------------------------------------------------------------------
    # assessment
    # ------------------------------------------------------------------

    def load(self, source: StateSource) -> PartnershipState:
        """Read and validate a state from a model, dict, path, JSON text or bytes."""
        state = coerce_state(source, self.registry, limits=self.config.limits)
        self._validate_extensions(state)
        return state

    def assess(self, state: StateSource, as_of: dt.date | str | None = None) -> Report:
        """Assess one partnership. `as_of` defaults to the state's own ``as_of``."""
        model = self.load(state)
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
        phase = derive_phase(model, when, self.config.phases)
        context = CheckContext(
            state=model,
            as_of=when,
            phase=phase.phase,
            phase_started=phase.started,
            go_live=phase.go_live,
        )
        pointers = _Pointers(model)
        limits = self.config.limits
        with assessment_budget(limits.assessment_seconds, limits.assessment_memory_mb):
            findings = [self._run(rule, model, context, pointers) for rule in self.rules]
        self.registry.manager.hook.process_findings(findings=findings, state=model, context=context)
        return self._report(model, context, findings, warnings)

    def _run(
        self,
        rule: CompiledRule,
        state: PartnershipState,
        context: CheckContext,
        pointers: _Pointers,
    ) -> Finding:
        d = rule.definition
        if d.phases is not None and context.phase not in d.phases:
            names = [_PHASE_NAMES[p] for p in d.phases]
            applies = " and ".join(filter(None, [", ".join(names[:-1]), names[-1]]))
            outcome = Outcome.not_applicable(
                f"this rule applies during {applies}; the partnership is in "
                f"{_PHASE_NAMES[context.phase]}"
            )
            return self._finding(rule, state, outcome, weight=0.0)
        try:
            with rule_budget(self.config.limits.rule_seconds):
                outcome = rule.check.function(state, rule.options, context)
        except BudgetExceeded as exc:  # a runaway check costs its own rule only
            outcome = Outcome.error(
                f"check {rule.check.name!r} from plugin {rule.check.plugin!r} {exc} "
                "(limits.rule_seconds) and was stopped"
            )
        except Exception as exc:  # a faulty check must not stop the assessment
            outcome = Outcome.error(
                f"check {rule.check.name!r} from plugin {rule.check.plugin!r} raised "
                f"{type(exc).__name__}: {exc}"
            )
        if not isinstance(outcome, Outcome):
            outcome = Outcome.error(
                f"check {rule.check.name!r} from plugin {rule.check.plugin!r} returned "
                f"{type(outcome).__name__}, expected an Outcome"
            )
        else:
            dangling = [p for p in outcome.evidence if not pointers.exists(p)]
            if dangling:
                outcome = Outcome.error(
                    f"check {rule.check.name!r} from plugin {rule.check.plugin!r} returned "
                    f"evidence pointing nowhere: {', '.join(dangling[:5])}"
                )
        weight = rule.weight * d.phase_weights.get(context.phase, 1.0)
        return self._finding(rule, state, outcome, weight)

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
        return _make_finding(d, rule, status, outcome, weight, message, values, fingerprint)

    def _report(
        self,
        state: PartnershipState,
        context: CheckContext,
        findings: list[Finding],
        warnings: list[str],
    ) -> Report:
        book = WaiverBook(self.config.waivers, state.partnership.id, context.as_of)
        final: list[Finding] = []
        for f in findings:
            waiver = book.find(f.rule_id, f.status)
            if waiver is not None:
                f = f.model_copy(
                    update={
                        "waived": True,
                        "waiver": WaiverInfo(
                            rule=waiver.rule,
                            reason=waiver.reason,
                            owner=waiver.owner,
                            expires=waiver.expires,
                        ),
                    }
                )
            final.append(f)
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

        technique_scores: list[TechniqueScore] = []
        by_technique: dict[str, list[Finding]] = {}
        for f in final:
            by_technique.setdefault(f.technique, []).append(f)
        for technique in self.techniques:
            group = by_technique.get(technique.id, [])
            if not group:
                continue
            agg = aggregate(Scored(f.status, f.score, f.weight, f.waived) for f in group)
            settings = self.config.techniques.get(technique.id)
            counts = dict.fromkeys(Status, 0)
            for f in group:
                if type(f.status) is Status:  # counted by identity, as `is` comparisons do
                    counts[f.status] += 1
            technique_scores.append(
                TechniqueScore(
                    technique=technique.id,
                    title=technique.title,
                    score=agg.score,
                    unwaived_score=agg.unwaived_score,
                    coverage=agg.coverage,
                    weight=settings.weight if settings else technique.weight,
                    rules_run=len(group),
                    passed=counts[Status.PASSED],
                    failed=counts[Status.FAILED],
                    not_applicable=counts[Status.NOT_APPLICABLE],
                    errors=counts[Status.ERROR],
                )
            )
        overall = weighted_mean((t.score, t.weight) for t in technique_scores)
        unwaived = weighted_mean((t.unwaived_score, t.weight) for t in technique_scores)
        coverage = coverage_mean((t.coverage, t.weight) for t in technique_scores)
        strengths = [
            Strength(
                rule_id=f.rule_id, technique=f.technique, message=f.strength, evidence=f.evidence
            )
            if type(f.evidence) is not list
            else trusted(  # already validated as the finding's fields
                Strength,
                {
                    "rule_id": f.rule_id,
                    "technique": f.technique,
                    "message": f.strength,
                    "evidence": list(f.evidence),
                },
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
            overall_score=overall,
            unwaived_overall_score=unwaived,
            rating=rating(overall, self.config.rating_bands),
            coverage=coverage,
            techniques=technique_scores,
            findings=final,
            strengths=strengths,
            waivers=waiver_reports,
            warnings=warnings,
            plugins=sorted({r.plugin for r in self.rules}),
            config_fingerprint=self.fingerprint,
        )

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


# The fields a finding is built with; `waived` and `waiver` are set only by waivers.
_FINDING_FIELDS_SET = frozenset(Finding.model_fields) - {"waived", "waiver"}


def _make_finding(
    d: RuleDefinition,
    rule: CompiledRule,
    status: Status,
    outcome: Outcome,
    weight: float,
    message: str,
    values: dict[str, Any],
    fingerprint: str,
) -> Finding:
    fields = {  # in the order Finding declares them
        "rule_id": d.id,
        "title": d.title,
        "technique": d.technique,
        "status": status,
        "severity": rule.severity,
        "score": rule_score(status, outcome.value, d.scoring, rule.option_values),
        "weight": weight,
        "value": _jsonable(outcome.value),
        "message": message,
        "evidence": list(outcome.evidence),
        "recommendation": render(d.recommendation, values) if status is Status.FAILED else None,
        "owner": d.owner,
        "waived": False,
        "waiver": None,
        "plugin": rule.plugin,
        "fingerprint": fingerprint,
        "strength": (
            render(d.strength, values) if d.strength and status is Status.PASSED else None
        ),
    }
    if type(status) is Status:
        # Every field already has its declared type (rule definitions and the
        # compiled rule are validated models, messages are rendered strings),
        # so validating again would only repeat work; this is the hot path.
        return trusted(Finding, fields, _FINDING_FIELDS_SET)
    # A check built its Outcome by hand: let pydantic coerce it, as it always has.
    return Finding(**{k: v for k, v in fields.items() if k in _FINDING_FIELDS_SET})


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


_ABSENT = object()


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
        return self._resolve(pointer) is not _ABSENT

    def _resolve(self, pointer: str) -> Any:
        nodes = self._nodes
        found = nodes.get(pointer, _ABSENT)
        if found is not _ABSENT or pointer in nodes:
            return found
        parent, _, raw = pointer.rpartition("/")
        node = self._resolve(parent)
        found = _step(node, raw.replace("~1", "/").replace("~0", "~") if "~" in raw else raw)
        nodes[pointer] = found
        return found


def _step(node: Any, token: str) -> Any:
    """The child `token` of `node`, or _ABSENT."""
    if node is _ABSENT:
        return _ABSENT
    if isinstance(node, BaseModel):
        if token not in _fields_of(type(node)):
            return _ABSENT
        return getattr(node, token)
    if isinstance(node, list):
        if not token.isdigit() or int(token) >= len(node):
            return _ABSENT
        return node[int(token)]
    if isinstance(node, dict):
        return node.get(token, _ABSENT)
    return _ABSENT  # a scalar or null cannot be stepped into


_FIELD_NAMES: dict[type[BaseModel], frozenset[str]] = {}


def _fields_of(model: type[BaseModel]) -> frozenset[str]:
    names = _FIELD_NAMES.get(model)
    if names is None:
        names = _FIELD_NAMES[model] = frozenset(model.model_fields)
    return names


def _pointer_exists(state: PartnershipState, pointer: str) -> bool:
    """Whether a JSON Pointer names something in the state (fields of models, list items)."""
    return _Pointers(state).exists(pointer)
