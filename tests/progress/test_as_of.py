"""Assessing at day D says what the records said on day D, for every rule.

For realistic partnerships and many days D, assessing the whole state as of D
must give the same verdict on every rule as assessing, as of D, the state
with every record dated after D removed.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from functools import cache
from typing import Any

import pytest

from foundation_engine import Engine, EngineConfig
from foundation_engine.plugin.manager import DEFAULT_PLUGINS
from foundation_engine.report.model import Report
from tests.calibration.stories import STORIES
from tests.conftest import ROOT

#: The field that dates a record: the day it happened, was opened, raised or measured.
RECORD_DATES = ("date", "opened", "raised", "period_end")


def without_records_after(document: Any, day: str) -> Any:
    """A copy of `document` with every record dated after `day` removed, at any depth."""
    if isinstance(document, dict):
        return {k: without_records_after(v, day) for k, v in document.items()}
    if isinstance(document, list):
        kept = []
        for item in document:
            if isinstance(item, dict):
                dated = next((item[f] for f in RECORD_DATES if isinstance(item.get(f), str)), None)
                if dated is not None and dated > day:
                    continue
            kept.append(without_records_after(item, day))
        return kept
    return document


def verdicts(report: Report) -> dict[str, tuple[Any, ...]]:
    return {
        f.rule_id: (f.status, f.value, f.score, f.severity, f.owner, f.message, len(f.evidence))
        for f in report.findings
    }


@cache
def engine(with_sla: bool) -> Engine:
    if not with_sla:
        return Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=False)
    return Engine(EngineConfig(), builtins=DEFAULT_PLUGINS, entrypoints=["sla"])


def days_through(document: dict[str, Any], step: int = 41) -> list[str]:
    p = document["partnership"]
    start, end = dt.date.fromisoformat(p["start_date"]), dt.date.fromisoformat(p["as_of"])
    days = [start + dt.timedelta(days=n) for n in range(0, (end - start).days, step)]
    return [d.isoformat() for d in [*days, end]]


def assert_as_of_holds(engine: Engine, document: dict[str, Any]) -> int:
    checked = 0
    for day in days_through(document):
        whole = engine.assess(copy.deepcopy(document), as_of=day)
        trimmed = engine.assess(without_records_after(document, day), as_of=day)
        assert verdicts(whole) == verdicts(trimmed), day
        checked += len(whole.findings)
    return checked


STORY_IDS = ["healthy", "struggling", "slipups-left-unfixed", "new-impatient", "watermelon"]


@pytest.mark.parametrize("story_id", STORY_IDS)
def test_every_built_in_rule_says_only_what_was_known_on_the_day(story_id: str) -> None:
    story = next(s for s in STORIES if s.id == story_id)
    assert assert_as_of_holds(engine(False), story.build()) > 0


def test_every_sla_rule_says_only_what_was_known_on_the_day() -> None:
    pytest.importorskip("foundation_engine_sla")
    path = ROOT / "plugins" / "foundation-engine-sla" / "examples" / "sla-partnership.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    sla = engine(True)
    assert any(r.id.startswith("SLA") for r in sla.rules)
    assert assert_as_of_holds(sla, document) > 0


def test_the_pulse_says_only_what_was_known_on_the_day() -> None:
    # Two waves, closed 2026-03-27 and 2026-09-25: a wave is unknown until it closes.
    path = ROOT / "examples" / "pulse" / "struggling-with-pulse.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    built = engine(False)
    assert assert_as_of_holds(built, document) > 0
    for day in days_through(document):
        whole = built.assess(copy.deepcopy(document), as_of=day).perception
        trimmed = built.assess(without_records_after(document, day), as_of=day).perception
        assert whole is not None and trimmed is not None
        assert whole.model_dump(exclude={"waves": {"__all__": {"pointer"}}}) == (
            trimmed.model_dump(exclude={"waves": {"__all__": {"pointer"}}})
        ), day
