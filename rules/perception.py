"""Both sides' view, from the foundation pulse: the checks and verdicts of the perception rules.

Every technique's rule set has two perception rules, numbered ``020`` and
``021`` in its prefix (``COM020``, ``COM021`` ...), sharing the code here the
way corrective actions and action items share :mod:`.follow_through`: each
rule set registers these checks under its own names (``communication_perception_gap``),
so it loads and conforms on its own, and completes its own verdicts in its
``process_findings`` hook.

- ``*020``, the perception gap (:func:`perception_gap`): the client's and the
  provider's averages on the technique in the latest pulse wave are within
  ``max_gap``; the side that rates it higher is named to act.
- ``*021``, the blind spot: does a side rate the technique well while the
  records show it weak? The verdict needs every records rule's finding, so
  :func:`perception_blind_spot` gathers the two views and returns them pending,
  and :func:`complete_perception` turns them into the verdict after all rules
  have run, before waivers and scoring.

A perception rule with nothing to judge (no pulse, a stale wave, too few
respondents) weighs nothing: the pulse is optional, and its absence is no gap
in the records, so it never lowers a technique's coverage. And a pulse never
stands in for records: on a technique whose records hold nothing, the blind
spot is not judged and a gap verdict weighs nothing (see
:func:`complete_perception`). Tests: ``tests/rules/test_perception.py`` and
each rule's own file under ``tests/rules/<technique>/``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from importlib.resources.abc import Traversable
from typing import Any

from pydantic import Field

from foundation_engine.checks import CheckContext, Options, Outcome, Status, check
from foundation_engine.checks.pulse import SideView, TechniquePulse, WavePulse, latest_wave, waves
from foundation_engine.report.model import Finding
from foundation_engine.report.perception import (
    QUADRANTS,
    both_sides,
    is_perception,
    quadrant,
    records_score,
)
from foundation_engine.report.view import first_sentence
from foundation_engine.rulebook.loading import load_rules
from foundation_engine.rulebook.messages import render
from foundation_engine.rulebook.model import RuleDefinition
from foundation_engine.state.model import PartnershipState
from foundation_engine.state.vocabulary import Owner, Party, PulseTechnique, SurveyTopic

PENDING = "pending"
"""The key marking a blind-spot outcome that waits for the records' verdicts."""


class GapOptions(Options):
    technique: PulseTechnique
    max_gap: float = Field(1.0, ge=0, le=4, description="Largest gap, in points out of 5.")
    max_age_days: int = Field(365, ge=1, description="Waves older than this are not judged.")
    survey_topic: SurveyTopic | None = Field(
        None,
        description="The survey topic (under surveys) that records the same statements as "
        "averages: results of it closing on the wave's day are the same survey, cited as "
        "evidence so that a rule over them folds into this one.",
    )


class BlindSpotOptions(Options):
    technique: PulseTechnique
    rated_well: float = Field(
        3.5, ge=1, le=5, description="A side rates a technique well from this average."
    )
    records_sound: float = Field(
        65, ge=0, le=100, description="The records show a technique sound from this score."
    )
    max_age_days: int = Field(365, ge=1, description="Waves older than this are not judged.")


#: How messages name a technique ("the client rates the shared purpose 2.5").
TECHNIQUE_WORDS = {
    PulseTechnique.PURPOSE: "the shared purpose",
    PulseTechnique.COMMUNICATION: "communication",
    PulseTechnique.METRICS: "the metrics",
    PulseTechnique.RECOGNITION: "recognition",
    PulseTechnique.IMPROVEMENT: "continual improvement",
    PulseTechnique.URGENCY: "patient urgency",
}


def _judged_wave(
    state: PartnershipState, context: CheckContext, max_age_days: int
) -> WavePulse | str:
    """The wave to judge, or why there is none."""
    if state.pulse is None:
        return "the state records no pulse (foundation-engine pulse questionnaire prints one)"
    measured = waves(context)
    if not measured:
        return "no pulse wave had closed by the day assessed"
    wave = latest_wave(measured, context.as_of, max_age_days)
    if wave is None:
        newest = measured[-1]
        return (
            f"the latest pulse wave closed on {newest.date.isoformat()}, more than "
            f"{max_age_days} days before the day assessed"
        )
    return wave


def _unanswered(pulse: TechniquePulse) -> str:
    return (
        f"nobody answered a statement on {TECHNIQUE_WORDS[pulse.technique]} in the latest "
        "pulse wave"
    )


def _too_few(sides: list[SideView], least: int) -> str:
    who = " and ".join(f"the {side.party.value} ({side.respondents})" for side in sides)
    return f"too few responses from {who} in the latest wave; at least {least} needed"


def shown_average(side: SideView) -> float | str:
    """A side's average for a message, or the words that stand in for a hidden one."""
    return side.average if side.average is not None else "too few responses"


def _details(pulse: TechniquePulse, wave: WavePulse) -> dict[str, Any]:
    return {
        "wave": wave.date.isoformat(),
        "technique_name": TECHNIQUE_WORDS[pulse.technique],
        "client_average": shown_average(pulse.client),
        "provider_average": shown_average(pulse.provider),
    }


@check("perception_gap", options=GapOptions)
def perception_gap(state: PartnershipState, options: GapOptions, context: CheckContext) -> Outcome:
    """The client's and the provider's averages on a technique are within `max_gap`.

    The latest wave of the pulse (closed within `max_age_days`) is judged; each
    side's average is the mean of its statement averages on the technique
    (:mod:`foundation_engine.checks.pulse`). On a failure the side that rates the
    technique higher is the one to act: it believes all is well and has to
    find out what the other side sees.
    """
    wave = _judged_wave(state, context, options.max_age_days)
    if isinstance(wave, str):
        return Outcome.nothing_to_judge(wave)
    pulse = wave.technique(options.technique)
    if not pulse.answered:
        return Outcome.nothing_to_judge(_unanswered(pulse))
    hidden = [side for side in (pulse.client, pulse.provider) if not side.shown]
    if hidden:
        return Outcome.nothing_to_judge(_too_few(hidden, wave.min_respondents))
    gap = pulse.gap
    assert gap is not None and pulse.client.average is not None
    assert pulse.provider.average is not None
    higher = Party.PROVIDER if pulse.provider.average > pulse.client.average else Party.CLIENT
    lower = Party.CLIENT if higher is Party.PROVIDER else Party.PROVIDER
    evidence = [wave.pointer]
    if options.survey_topic is not None:
        evidence += [
            f"/surveys/{index}"
            for index, survey in enumerate(state.surveys or ())
            if survey.topic is options.survey_topic and survey.date == wave.date
        ]
    return Outcome.judge(
        gap <= options.max_gap,
        gap,
        evidence,
        owner=Owner(higher.value),
        higher_party=f"the {higher.value}",
        lower_party=f"the {lower.value}",
        **_details(pulse, wave),
    )


@check("perception_blind_spot", options=BlindSpotOptions)
def perception_blind_spot(
    state: PartnershipState, options: BlindSpotOptions, context: CheckContext
) -> Outcome:
    """Gather each side's view of a technique for the blind-spot verdict.

    The verdict (does a side rate the technique well while the records score
    it below `records_sound`?) needs every other rule's finding, so this check
    returns the views and the options in its value, marked pending, and the
    rule set's ``process_findings`` completes it (:mod:`.verdicts`).
    """
    wave = _judged_wave(state, context, options.max_age_days)
    if isinstance(wave, str):
        return Outcome.nothing_to_judge(wave)
    pulse = wave.technique(options.technique)
    if not pulse.answered:
        return Outcome.nothing_to_judge(_unanswered(pulse))
    if not (pulse.client.shown or pulse.provider.shown):
        return Outcome.nothing_to_judge(
            _too_few([pulse.client, pulse.provider], wave.min_respondents)
        )
    value = {
        PENDING: True,
        "technique": options.technique.value,
        "rated_well": options.rated_well,
        "records_sound": options.records_sound,
        "max_age_days": options.max_age_days,
        "client": pulse.client.average,
        "provider": pulse.provider.average,
        **_details(pulse, wave),
    }
    return Outcome(
        Status.NOT_APPLICABLE,
        value,
        (wave.pointer,),
        reason="the verdict waits for the records' findings",
        missing_data=True,
    )


def perception_checks(technique: str) -> tuple[tuple[Callable[..., Outcome], str], ...]:
    """The perception checks with the names the rule set of `technique` registers them under."""
    return (
        (perception_gap, f"{technique}_perception_gap"),
        (perception_blind_spot, f"{technique}_perception_blind_spot"),
    )


# --------------------------------------------------------------------------
# the verdicts that need the records' verdicts
# --------------------------------------------------------------------------

NO_RECORDS = (
    "the records hold nothing on {technique_name} yet, so there is nothing to set the pulse "
    "against; a pulse never stands in for records, so {technique_name} keeps the coverage its "
    "records give it"
)
UNCOUNTED = (
    " The records hold nothing on {technique_name} yet, so this does not count in its score: "
    "a pulse never stands in for records."
)

_PARTY_WORDS = {
    Owner.CLIENT: "the client",
    Owner.PROVIDER: "the provider",
    Owner.BOTH: "both parties",
}


_LOADED: dict[str, Mapping[str, RuleDefinition]] = {}


def _definitions(folder: Traversable, plugin: str) -> Mapping[str, RuleDefinition]:
    """The perception rules among a rule set's rule files, by id, read once per plugin."""
    found = _LOADED.get(plugin)
    if found is None:
        found = _LOADED[plugin] = {
            r.definition.id: r.definition
            for r in load_rules(folder, plugin)
            if r.definition.check.name.endswith(("_perception_gap", "_perception_blind_spot"))
        }
    return found


def complete_perception(
    findings: list[Finding], state: PartnershipState, folder: Traversable, plugin: str
) -> None:
    """Complete, in place, the perception findings of the rule set whose rule files are in
    `folder`: the blind-spot verdicts, and no weight for a verdict without records.

    The blind spot: a side whose average reaches ``rated_well`` while the
    technique's records score (:func:`~foundation_engine.report.perception.records_score`,
    perception findings left out) is below ``records_sound`` has one; the
    finding fails, addressed to that side (to both when both have one), citing
    the weakest records finding. Otherwise it passes, saying where each view
    and the records stand. On a technique whose records hold nothing, the blind
    spot has nothing to be judged against and weighs nothing, and a gap verdict
    stays in the report but weighs nothing either, with a sentence saying so.
    Messages and recommendations are rendered from the rule's own file, as the
    engine renders every other rule's.
    """
    rules = _definitions(folder, plugin)
    ours = [i for i, f in enumerate(findings) if f.rule_id in rules]
    if not ours:
        return
    scores: dict[str, float | None] = {}
    for i in ours:
        f = findings[i]
        if f.technique not in scores:
            scores[f.technique] = records_score(findings, f.technique)
        records = scores[f.technique]
        d = rules[f.rule_id]
        if d.check.name.endswith("_perception_blind_spot"):
            if isinstance(f.value, dict) and f.value.get(PENDING):
                findings[i] = _blind_spot(f, d, records, findings, state)
        elif records is None and f.status in (Status.PASSED, Status.FAILED):
            words = {"technique_name": _technique_name(f, d)}
            note = render(UNCOUNTED, words)
            findings[i] = f.model_copy(update={"weight": 0.0, "message": f.message + note})


def _technique_name(f: Finding, d: RuleDefinition) -> str:
    technique = d.check.params.get("technique", f.technique)
    try:
        return TECHNIQUE_WORDS[PulseTechnique(technique)]
    except ValueError:
        return str(technique)


def _weakest(findings: Sequence[Finding], technique: str) -> Finding | None:
    """The records finding of the technique that scored lowest, heaviest first on a tie."""
    failed = [
        f
        for f in findings
        if f.technique == technique
        and f.status is Status.FAILED
        and f.weight > 0
        and f.score is not None
        and not is_perception(f)
    ]
    if not failed:
        return None
    return min(failed, key=lambda f: (f.score or 0.0, -f.weight, f.rule_id))


def _views_text(views: Mapping[Party, float | None], marks: Mapping[Party, str]) -> str:
    parts = []
    for party in (Party.CLIENT, Party.PROVIDER):
        average = views[party]
        if average is None:
            parts.append(f"the {party.value}: too few responses")
        else:
            parts.append(f"the {party.value} {average:g} ({QUADRANTS[marks[party]]})")
    return "; ".join(parts)


def _blind_spot(
    f: Finding,
    d: RuleDefinition,
    records: float | None,
    findings: Sequence[Finding],
    state: PartnershipState,
) -> Finding:
    gathered: dict[str, Any] = dict(f.value)
    values: dict[str, Any] = {
        "rule_id": d.id,
        "partnership": state.partnership.name,
        "client": state.partnership.client.name,
        "provider": state.partnership.provider.name,
        **{k: v for k, v in gathered.items() if k not in (PENDING, "client", "provider")},
    }
    views: dict[Party, float | None] = {
        Party.CLIENT: gathered.get("client"),
        Party.PROVIDER: gathered.get("provider"),
    }
    if records is None:
        reason = render(NO_RECORDS, values)
        values.update(value=None, reason=reason, party=_PARTY_WORDS[d.owner])
        return f.model_copy(
            update={
                "value": None,
                "weight": 0.0,
                "message": render(d.message.not_applicable, values),
            }
        )
    well, sound = float(gathered["rated_well"]), float(gathered["records_sound"])
    marks = {
        party: quadrant(view, records, well, sound)
        for party, view in views.items()
        if view is not None
    }
    together = both_sides(views[Party.CLIENT], views[Party.PROVIDER])
    assert together is not None  # the check judges only when a side is shown
    quadrants = {party.value: mark for party, mark in marks.items()}
    quadrants["both"] = quadrant(together, records, well, sound)
    blind = [party for party in (Party.CLIENT, Party.PROVIDER) if marks.get(party) == "blind_spot"]
    weakest = _weakest(findings, f.technique)
    values.update(
        records=records,
        views=_views_text(views, marks),
        weakest=(
            f"{weakest.rule_id}: {first_sentence(weakest.message).rstrip('.')}"
            if weakest is not None
            else "no failed record"
        ),
    )
    value = {
        "records": records,
        "client_average": views[Party.CLIENT],
        "provider_average": views[Party.PROVIDER],
        "quadrants": quadrants,
    }
    if not blind:
        values.update(value=value, reason="", party=_PARTY_WORDS[d.owner])
        return f.model_copy(
            update={
                "status": Status.PASSED,
                "score": 1.0,
                "value": value,
                "message": render(d.message.passed, values),
                "owner": d.owner,
                "strength": render(d.strength, values) if d.strength else None,
            }
        )
    owner = Owner(blind[0].value) if len(blind) == 1 else Owner.BOTH
    blind_view = views[blind[0]] if len(blind) == 1 else together
    values.update(
        value=value,
        reason="",
        party=_PARTY_WORDS[owner],
        blind_who=(f"The {blind[0].value} rates" if len(blind) == 1 else "Both sides rate"),
        blind_average=blind_view,
    )
    return f.model_copy(
        update={
            "status": Status.FAILED,
            "score": 0.0,
            "severity": d.failure_severity(0.0, f.severity),
            "value": value,
            "message": render(d.message.failed, values),
            "recommendation": render(d.recommendations.get(owner, d.recommendation), values),
            "owner": owner,
        }
    )
