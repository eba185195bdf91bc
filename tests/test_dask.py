"""docs/portfolio.md: the library call on a Dask bag, run on a local cluster."""

from __future__ import annotations

import json
from typing import Any

import pytest

from foundation_engine import Report, assess_many
from foundation_engine.testing.builder import StateBuilder

bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("dask.distributed")


def assess_partition(states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """As in docs/portfolio.md: one JSON record per state, errors included."""
    return [
        {"ok": True, "report": r.model_dump(mode="json")}
        if isinstance(r, Report)
        else r.model_dump(mode="json")
        for r in assess_many(states, in_process=True)
    ]


def _states() -> list[dict[str, Any]]:
    states = []
    for i in range(9):
        builder = StateBuilder(id=f"p-{i}", start="2026-01-05", as_of="2026-06-30")
        states.append(builder.weekly_touchpoints("2026-01-05", f"2026-0{2 + i % 5}-01").to_dict())
    states[4]["communications"][0]["date"] = "not a date"
    return states


def test_a_dask_bag_over_the_library_call_gives_one_record_per_state_in_order() -> None:
    states = _states()
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        records = (
            bag.from_sequence(states, npartitions=3).map_partitions(assess_partition).compute()
        )
    assert len(records) == len(states)
    assert [r["ok"] for r in records] == [True] * 4 + [False] + [True] * 4
    assert [r["report"]["partnership_id"] for r in records if r["ok"]] == [
        s["partnership"]["id"] for i, s in enumerate(states) if i != 4
    ]
    assert records[4]["partnership_id"] == "p-4"
    assert records[4]["error"]["path"] == "$.communications[0].date"
    # the same records as one call in this process
    assert json.dumps(records, sort_keys=True) == json.dumps(
        assess_partition(states[:3]) + assess_partition(states[3:6]) + assess_partition(states[6:]),
        sort_keys=True,
    )
