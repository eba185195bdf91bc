"""The calibration corpus itself is sound: valid, deterministic, realistic, consistent.

These tests say nothing about the engine's verdicts; they make sure every story
and probe is a state the engine accepts, built the same way every time, with
dates a real partnership could have recorded and expectations that make sense.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from foundation_engine.state.validation import validate_state

from .stories import PROBES, STORIES
from .stories._build import d, dated_records
from .stories.model import RATINGS, TECHNIQUES, Probe, Story

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
BUILDS: list[Story | Probe] = [*STORIES, *PROBES]


def _ids(items: list[Story | Probe]) -> list[str]:
    return [item.id for item in items]


@pytest.fixture(scope="module", params=BUILDS, ids=_ids(BUILDS))
def built(request: pytest.FixtureRequest) -> tuple[Story | Probe, dict[str, Any]]:
    item: Story | Probe = request.param
    return item, item.build()


def test_every_state_validates(built: tuple[Story | Probe, dict[str, Any]]) -> None:
    item, doc = built
    state = validate_state(doc, item.id)
    assert state.partnership.as_of is not None, f"{item.id} sets no partnership.as_of"


def test_builds_are_deterministic_and_fresh(built: tuple[Story | Probe, dict[str, Any]]) -> None:
    item, _ = built
    first = item.build()
    assert first == item.build()
    first["partnership"]["name"] = "changed"
    assert item.build()["partnership"]["name"] != "changed"


def test_nothing_is_recorded_after_as_of(built: tuple[Story | Probe, dict[str, Any]]) -> None:
    item, doc = built
    as_of = d(doc["partnership"]["as_of"])
    late = [(where, day) for where, day in dated_records(doc) if day > as_of]
    assert not late, f"{item.id} records events after {as_of}: {late[:5]}"


def test_dates_follow_each_other(built: tuple[Story | Probe, dict[str, Any]]) -> None:
    """Sign-offs after the purpose is written, actions after their issue, thanks after the win."""
    item, doc = built
    start = d(doc["partnership"]["start_date"])
    assert all(
        day >= start for _, day in dated_records(doc) if _ != "metrics.observations.period_end"
    )
    purpose = doc.get("purpose") or {}
    if "documented" in purpose:
        for sign_off in purpose.get("sign_offs") or []:
            assert sign_off["date"] >= purpose["documented"], item.id
    improvement = doc.get("improvement") or {}
    opened = {issue["id"]: issue["opened"] for issue in improvement.get("issues") or []}
    for issue in improvement.get("issues") or []:
        for key in ("root_cause_date", "closed"):
            assert issue.get(key, issue["opened"]) >= issue["opened"], (item.id, issue["id"])
    for action in improvement.get("corrective_actions") or []:
        if "issue_id" in action:
            assert action["opened"] >= opened[action["issue_id"]], (item.id, action["id"])
    achieved = {m["id"]: m.get("achieved") for m in doc.get("milestones") or []}
    for thanks in doc.get("recognitions") or []:
        if "milestone_id" in thanks:
            won = achieved[thanks["milestone_id"]]
            assert won is not None and thanks["date"] >= won, (item.id, thanks)


def test_ids_are_unique_kebab_case() -> None:
    ids = _ids(BUILDS)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert all(KEBAB.match(i) for i in ids), [i for i in ids if not KEBAB.match(i)]


def test_partnership_ids_differ_between_stories() -> None:
    """Each story is its own partnership; probes reuse their base's."""
    ids = [story.build()["partnership"]["id"] for story in STORIES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("story", STORIES, ids=_ids(list(STORIES)))
def test_expectations_are_consistent(story: Story) -> None:
    expect = story.expect
    assert expect.ratings and expect.ratings <= RATINGS
    assert expect.flagged <= TECHNIQUES
    assert expect.not_flagged <= TECHNIQUES
    assert not expect.flagged & expect.not_flagged
    assert expect.why.strip() and story.title.strip() and story.narrative.strip()
    if expect.ratings == {"insufficient_data"}:
        assert not expect.flagged, "a story too thin to rate cannot demand flags"


@pytest.mark.parametrize("probe", PROBES, ids=_ids(list(PROBES)))
def test_probes_damage_an_existing_story(probe: Probe) -> None:
    bases = {story.id: story for story in STORIES}
    assert probe.base in bases
    assert 0 < probe.max_drop <= 10
    assert probe.build() != bases[probe.base].build(), "a probe must change its base"
    base_as_of = bases[probe.base].build()["partnership"]["as_of"]
    assert probe.build()["partnership"]["as_of"] == base_as_of
