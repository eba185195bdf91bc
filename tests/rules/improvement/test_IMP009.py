"""IMP009: its rule file and its check sit side by side in ``rules/improvement/``."""

from __future__ import annotations

from typing import Any

from foundation_engine import Engine
from foundation_engine.checks import Status
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.report.model import Report
from foundation_engine.testing.builder import StateBuilder
from tests.conftest import finding

ENGINE = Engine(builtins=DEFAULT_PLUGINS, entrypoints=False)


def _state(*actions: dict[str, Any], gap: bool) -> StateBuilder:
    """Weekly check-ins for a year, with a two-month silence before as_of when `gap`."""
    b = StateBuilder(start="2025-01-06", as_of="2026-01-05")
    b.weekly_touchpoints("2025-01-13", "2025-11-03" if gap else "2026-01-05")
    for action in actions:
        b.agreed_action(**action)
    return b


def _action(id: str, rule: str = "COM001", **fields: Any) -> dict[str, Any]:
    return {
        "id": id,
        "rule": rule,
        "description": "Restore the weekly check-in",
        "owner": "provider",
        "agreed": "2025-10-01",
        "due": "2025-10-31",
        **fields,
    }


def assess(b: StateBuilder) -> Report:
    return ENGINE.assess(b.build())


def test_imp009_passes_when_the_finding_an_action_targeted_is_resolved() -> None:
    r = assess(_state(_action("aa-1", status="done", completed="2025-10-20"), gap=False))
    f = finding(r, "IMP009")
    assert (f.status, f.value) == (Status.PASSED, 0)
    assert f.evidence == ["/agreed_actions/0"]
    (review,) = r.agreed_actions
    assert (review.on_time, review.resolved) == (True, True)
    assert review.verdict == "aa-1: done on time; COM001 is resolved."


def test_imp009_fails_for_an_action_marked_done_while_its_finding_still_fails() -> None:
    r = assess(_state(_action("aa-1", status="done", completed="2025-11-04"), gap=True))
    com001 = finding(r, "COM001")
    assert com001.status is Status.FAILED
    f = finding(r, "IMP009")
    assert (f.status, f.value, f.owner.value) == (Status.FAILED, 1, "provider")
    assert f.evidence == ["/agreed_actions/0"]
    assert "aa-1 on COM001" in f.message
    assert f.recommendation is not None and f.recommendation.startswith("Reopen the provider's")
    (review,) = r.agreed_actions
    assert (review.on_time, review.resolved, review.finding_status) == (
        False,
        False,
        Status.FAILED,
    )
    assert review.verdict == "aa-1: done 4 days late; COM001 still fails."


def test_imp009_has_nothing_to_judge_until_an_action_is_done() -> None:
    r = assess(_state(_action("aa-1"), gap=True))
    f = finding(r, "IMP009")
    assert (f.status, f.weight) == (Status.NOT_APPLICABLE, 0.0)
    (review,) = r.agreed_actions
    assert review.verdict == "aa-1: open, 66 days past due; COM001 still fails."


def test_imp009_weighs_nothing_when_no_agreed_action_is_recorded() -> None:
    # agreed actions are optional: a partnership that records none is not missing data
    f = finding(assess(_state(gap=True)), "IMP009")
    assert (f.status, f.weight) == (Status.NOT_APPLICABLE, 0.0)


def test_imp009_leaves_out_an_action_aimed_at_another_partnerships_finding() -> None:
    other = _action("aa-9", status="done", completed="2025-10-20", fingerprint="0123456789abcdef")
    f = finding(assess(_state(other, gap=True)), "IMP009")
    assert (f.status, f.weight) == (Status.NOT_APPLICABLE, 0.0)


def test_an_action_done_after_the_assessment_date_was_still_open_then() -> None:
    state = _state(_action("aa-1", status="done", completed="2025-12-20"), gap=True).build()
    r = ENGINE.assess(state, as_of="2025-12-01")
    (review,) = r.agreed_actions
    assert (review.status, review.on_time) == ("open", False)
