"""The verdicts a governance lead would sign: every calibration story and probe, judged.

The stories in ``stories/`` were written from the domain reference, not from
the engine's output. Each says which rating a governance lead would accept,
which techniques must be flagged and which the records show to be healthy.
"""

from __future__ import annotations

import pytest

from foundation_engine.rulebook.model import Severity

from .stories import PROBES, STORIES
from .stories.model import Probe, Story
from .verdicts import flagged, probe_report, story_report

HEALTHY = "healthy"


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.id)
def test_story_gets_the_rating_a_governance_lead_expects(story: Story) -> None:
    report = story_report(story)
    assert report.rating in story.expect.ratings, (
        f"{story.id}: rated {report.rating} at {report.overall_score} "
        f"(coverage {report.coverage:.0%}); {story.expect.why}"
    )


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.id)
def test_story_flags_what_must_be_flagged_and_nothing_the_records_show_healthy(
    story: Story,
) -> None:
    seen = flagged(story_report(story))
    assert story.expect.flagged <= seen, f"{story.id}: {story.expect.why}"
    assert not (story.expect.not_flagged & seen), f"{story.id}: {story.expect.why}"


def test_the_healthy_story_scores_strictly_above_every_flawed_one() -> None:
    healthy = story_report(next(s for s in STORIES if s.id == HEALTHY))
    assert healthy.overall_score is not None
    for story in STORIES:
        if story.expect.flagged or "strong" not in story.expect.ratings:
            score = story_report(story).overall_score
            assert score is None or score < healthy.overall_score, story.id


def test_no_story_under_half_coverage_is_rated_or_scores_like_the_healthy_one() -> None:
    healthy = story_report(next(s for s in STORIES if s.id == HEALTHY)).overall_score
    assert healthy is not None
    sparse = [s for s in STORIES if story_report(s).coverage < 0.5]
    assert sparse, "the corpus must hold sparse stories"
    for story in sparse:
        report = story_report(story)
        assert report.rating == "insufficient_data", story.id
        assert report.overall_score is None or report.overall_score < healthy, story.id


def test_no_flawed_story_with_a_weak_technique_or_an_open_critical_finding_is_strong() -> None:
    for story in STORIES:
        report = story_report(story)
        weak = [t for t in report.techniques if t.score is not None and t.score < 50]
        critical = [
            f for f in report.failed(include_related=True) if f.severity is Severity.CRITICAL
        ]
        if weak or critical:
            assert report.rating != "strong", story.id


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.id)
def test_one_small_lapse_moves_the_score_a_little_and_raises_no_high_finding(
    probe: Probe,
) -> None:
    base = story_report(next(s for s in STORIES if s.id == probe.base))
    report = probe_report(probe)
    assert base.overall_score is not None and report.overall_score is not None
    assert base.overall_score - report.overall_score <= probe.max_drop, probe.id
    severe = [
        f.rule_id
        for f in report.failed(include_related=True)
        if f.severity in (Severity.HIGH, Severity.CRITICAL)
    ]
    assert severe == [], f"{probe.id}: {severe}"
