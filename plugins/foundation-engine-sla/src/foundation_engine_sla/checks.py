"""The SLA checks: each reads the SLA register and the partnership's own records.

Evidence points at the SLA definitions (``/extensions/sla/definitions/K``)
and the metric observations that missed them (``/metrics/I/observations/J``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from foundation_engine.checks import CheckContext, Options, Outcome, check
from foundation_engine.state.model import PartnershipState
from pydantic import BaseModel, Field

from .schema import NAMESPACE, PERIOD_DAYS, SlaDefinition, SlaRegister

BASE = f"/extensions/{NAMESPACE}"


def register_of(state: PartnershipState) -> SlaRegister | None:
    """The state's SLA register, or None when it has none."""
    data = state.extensions.get(NAMESPACE)
    return None if data is None else SlaRegister.model_validate(data)


@dataclass(frozen=True)
class Miss:
    """One measurement period in which a metric missed its SLA."""

    definition_index: int
    sla: SlaDefinition
    observation: str
    """JSON Pointer of the observation that missed."""
    period_end: dt.date
    value: float

    @property
    def definition(self) -> str:
        return f"{BASE}/definitions/{self.definition_index}"


def misses(state: PartnershipState, register: SlaRegister, as_of: dt.date) -> Iterator[Miss]:
    """Every missed period up to `as_of`, in definition then date order."""
    metrics = {m.id: (i, m) for i, m in enumerate(state.metrics or [])}
    for k, sla in enumerate(register.definitions):
        if sla.metric_id not in metrics:
            continue
        i, metric = metrics[sla.metric_id]
        for j, obs in enumerate(metric.observations):
            if obs.period_end > as_of:
                continue
            if sla.effective_from is not None and obs.period_end < sla.effective_from:
                continue
            if not sla.met_by(obs.value):
                yield Miss(k, sla, f"/metrics/{i}/observations/{j}", obs.period_end, obs.value)


def _no_register() -> Outcome:
    # A partnership without an SLA register has no contractual service levels to judge: the
    # rule set does not apply, so it neither passes nor lowers the coverage.
    return Outcome.nothing_to_judge(f"the state has no extensions.{NAMESPACE} register")


# --------------------------------------------------------------------------
# SLA001: a miss with no corrective action
# --------------------------------------------------------------------------


class ActionOptions(Options):
    max_days_to_action: int = Field(
        7, ge=0, description="Days after the period end by which an action must be opened."
    )


@check("sla_miss_without_action", options=ActionOptions)
def sla_miss_without_action(
    state: PartnershipState, options: ActionOptions, context: CheckContext
) -> Outcome:
    """Every missed SLA period has a corrective action on its metric."""
    register = register_of(state)
    if register is None:
        return _no_register()
    due = [
        m
        for m in misses(state, register, context.as_of)
        if context.days_before(m.period_end) > options.max_days_to_action
    ]
    if not due:
        return Outcome.passed(0, [], misses=0)
    if state.improvement is None or state.improvement.corrective_actions is None:
        return Outcome.not_applicable(
            f"{len(due)} SLA miss(es), but the state does not record corrective actions"
        )
    issue_metric = {i.id: i.metric_id for i in state.improvement.issues or []}
    actions = [
        (
            f"/improvement/corrective_actions/{n}",
            a.metric_id or issue_metric.get(a.issue_id or ""),
            a.opened,
        )
        for n, a in enumerate(state.improvement.corrective_actions)
    ]
    unaddressed: list[Miss] = []
    used: set[str] = set()
    for miss in due:
        earliest = miss.period_end - dt.timedelta(days=PERIOD_DAYS[miss.sla.period])
        latest = miss.period_end + dt.timedelta(days=options.max_days_to_action)
        found = [
            pointer
            for pointer, metric_id, opened in actions
            if metric_id == miss.sla.metric_id and earliest < opened <= latest
        ]
        if found:
            used.update(found)
        else:
            unaddressed.append(miss)
    if unaddressed:
        evidence = sorted({p for m in unaddressed for p in (m.definition, m.observation)})
        periods = [f"{m.sla.id} {m.period_end.isoformat()}" for m in unaddressed]
        return Outcome.failed(len(unaddressed), evidence, misses=len(due), periods=periods)
    return Outcome.passed(0, sorted(used), misses=len(due), periods=[])


# --------------------------------------------------------------------------
# SLA002: service credits owed but not recorded
# --------------------------------------------------------------------------


class CreditOptions(Options):
    grace_days: int = Field(
        30, ge=0, description="Days after the period end allowed for recording the credit."
    )


@check("sla_credits_recorded", options=CreditOptions)
def sla_credits_recorded(
    state: PartnershipState, options: CreditOptions, context: CheckContext
) -> Outcome:
    """Every missed period of an SLA with a service credit has the credit recorded."""
    register = register_of(state)
    if register is None:
        return _no_register()
    owed = [
        m
        for m in misses(state, register, context.as_of)
        if m.sla.credit_percent > 0 and context.days_before(m.period_end) > options.grace_days
    ]
    if not owed:
        return Outcome.passed(0, [], owed=0, missing=[])
    if register.service_credits is None:
        return Outcome.not_applicable(
            f"{len(owed)} service credit(s) are owed, but the SLA register has no "
            "service_credits list"
        )
    recorded = {
        (c.sla_id, c.period_end): f"{BASE}/service_credits/{n}"
        for n, c in enumerate(register.service_credits)
    }
    missing = [m for m in owed if (m.sla.id, m.period_end) not in recorded]
    if missing:
        evidence = sorted({p for m in missing for p in (m.definition, m.observation)})
        periods = [f"{m.sla.id} {m.period_end.isoformat()}" for m in missing]
        return Outcome.failed(len(missing), evidence, owed=len(owed), missing=periods)
    return Outcome.passed(
        0, sorted(recorded[(m.sla.id, m.period_end)] for m in owed), owed=len(owed), missing=[]
    )


# --------------------------------------------------------------------------
# SLA003: an SLA on a metric the partnership does not track
# --------------------------------------------------------------------------


class TrackedOptions(Options):
    require_observations: bool = Field(
        True, description="A metric with no observation up to as_of counts as untracked."
    )


@check("sla_metric_tracked", options=TrackedOptions)
def sla_metric_tracked(
    state: PartnershipState, options: TrackedOptions, context: CheckContext
) -> Outcome:
    """Every SLA is defined on a metric the partnership tracks."""
    register = register_of(state)
    if register is None:
        return _no_register()
    if not register.definitions:
        return Outcome.not_applicable("the SLA register defines no SLA")
    if state.metrics is None:
        return Outcome.not_applicable("the state does not record metrics")
    metrics = {m.id: m for m in state.metrics}
    untracked: list[tuple[int, SlaDefinition]] = []
    for k, sla in enumerate(register.definitions):
        metric = metrics.get(sla.metric_id)
        if (
            metric is None
            or (metric.retired is not None and metric.retired <= context.as_of)
            or (
                options.require_observations
                and not any(o.period_end <= context.as_of for o in metric.observations)
            )
        ):
            untracked.append((k, sla))
    if untracked:
        return Outcome.failed(
            [sla.metric_id for _, sla in untracked],
            [f"{BASE}/definitions/{k}/metric_id" for k, _ in untracked],
            slas=[sla.id for _, sla in untracked],
        )
    ids = {m.id: i for i, m in enumerate(state.metrics)}
    return Outcome.passed(
        [], sorted({f"/metrics/{ids[sla.metric_id]}" for sla in register.definitions}), slas=[]
    )


# --------------------------------------------------------------------------
# SLA004: SLAs only penalise
# --------------------------------------------------------------------------


@check("sla_has_positive_incentive")
def sla_has_positive_incentive(
    state: PartnershipState, options: BaseModel, context: CheckContext
) -> Outcome:
    """SLAs that carry service credits are balanced by at least one positive incentive."""
    register = register_of(state)
    if register is None:
        return _no_register()
    penalising = [
        f"{BASE}/definitions/{k}/credit_percent"
        for k, sla in enumerate(register.definitions)
        if sla.credit_percent > 0
    ]
    if not penalising:
        return Outcome.not_applicable("no SLA carries a service credit")
    if register.incentives:
        return Outcome.passed(
            len(register.incentives),
            [f"{BASE}/incentives/{n}" for n in range(len(register.incentives))],
            penalties=len(penalising),
        )
    terms = state.partnership.contract_terms
    known_terms = terms is not None and terms.positive_incentives is not None
    if terms is not None and terms.positive_incentives:
        return Outcome.passed(
            1, ["/partnership/contract_terms/positive_incentives"], penalties=len(penalising)
        )
    if register.incentives is None and not known_terms:
        return Outcome.not_applicable(
            "neither the SLA register (incentives) nor the contract terms "
            "(positive_incentives) say whether the contract rewards good service"
        )
    evidence = list(penalising)
    if register.incentives is not None:
        evidence.append(f"{BASE}/incentives")
    if known_terms:
        evidence.append("/partnership/contract_terms/positive_incentives")
    return Outcome.failed(0, evidence, penalties=len(penalising))


SLA_CHECKS = (
    sla_miss_without_action,
    sla_credits_recorded,
    sla_metric_tracked,
    sla_has_positive_incentive,
)
