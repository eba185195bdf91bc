"""Scaling under hostile sizes: every record kind doubled, the time ratio printed.

    python -m bench.hostile                  # every kind at 20,000 and 40,000 records
    python -m bench.hostile --records 50000  # other sizes
    python -m bench.hostile --kinds communications,metrics --rules

A sender controls how many records a state holds, so no check, loader or
error path may grow faster than its input. For each record kind the typical
benchmark state is given `n` and then `2n` records of that kind (copies of its
own records, spread over the partnership's life, with fresh ids), and the
script times loading (JSON bytes to a validated state) and assessing (every
built-in rule). A linear path doubles its time: ratios about 2 are expected,
4 means quadratic. ``--rules`` adds the rules whose own time grew the most.

The inputs other than record counts (a large repeated-key document, a long
TOML dotted key, a million empty records) are in :mod:`bench.inputs`.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import functools
import gc
import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from .states import AS_OF, build_state

#: Each record kind, as the path to its list in a state document.
KINDS: dict[str, tuple[str, ...]] = {
    "communications": ("communications",),
    "metrics": ("metrics",),
    "observations": ("metrics", "0", "observations"),
    "recognitions": ("recognitions",),
    "milestones": ("milestones",),
    "escalations": ("escalations",),
    "action_items": ("action_items",),
    "requisitions": ("requisitions",),
    "surveys": ("surveys",),
    "goals": ("purpose", "goals"),
    "sign_offs": ("purpose", "sign_offs"),
    "issues": ("improvement", "issues"),
    "corrective_actions": ("improvement", "corrective_actions"),
    "retrospectives": ("improvement", "retrospectives"),
    "sponsors": ("partnership", "client", "sponsors"),
}

_DATE_FIELDS = (
    "date",
    "period_end",
    "planned",
    "achieved",
    "opened",
    "closed",
    "root_cause_date",
    "due",
    "completed",
    "resolved",
    "raised",
    "assigned",
    "intake",
    "filled",
    "cancelled",
    "start",
    "end",
    "adopted",
    "retired",
    "target_date",
)


def _list_at(document: dict[str, Any], path: Sequence[str]) -> list[Any]:
    node: Any = document
    for part in path:
        node = node[int(part)] if isinstance(node, list) else node[part]
    assert isinstance(node, list), path
    return node


def _shift(record: dict[str, Any], days: int) -> None:
    for name in _DATE_FIELDS:
        value = record.get(name)
        if isinstance(value, str):
            record[name] = (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()


def scaled_state(kind: str, n: int, seed: int = 0) -> dict[str, Any]:
    """The typical state with `n` records of `kind`, copies of its own, with fresh ids.

    Copies are shifted back in time a little, round by round, so dates differ
    but stay inside the partnership (and before ``as_of``); sponsors keep
    their dates.
    """
    document = build_state("typical", seed)
    records = _list_at(document, KINDS[kind])
    originals = copy.deepcopy(records)
    if not originals:
        raise ValueError(f"the typical state has no {kind}")
    start = dt.date.fromisoformat(document["partnership"]["start_date"])
    out = []
    for i in range(n):
        record = copy.deepcopy(originals[i % len(originals)])
        rounds = i // len(originals)
        if "id" in record and rounds:  # the originals keep theirs: records refer to them
            record["id"] = f"{record['id']}-{i}"
        if kind == "observations":
            day = AS_OF - dt.timedelta(days=i % 300)
            record["period_end"] = max(day, start).isoformat()
        elif kind == "metrics":
            record.pop("observations", None)
            record["observations"] = copy.deepcopy(originals[i % len(originals)]["observations"])
        elif kind != "sponsors":
            _shift(record, -(rounds % 7))
        out.append(record)
    records[:] = out
    return document


def _clamp_dates(document: dict[str, Any]) -> None:
    """Shifted copies may land before the start; move the start back to hold them."""
    earliest = document["partnership"]["start_date"]
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _DATE_FIELDS and isinstance(value, str) and value < earliest:
                    earliest = value
                elif isinstance(value, dict | list):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    document["partnership"]["start_date"] = earliest


def state_bytes_for(kind: str, n: int) -> bytes:
    document = scaled_state(kind, n)
    _clamp_dates(document)
    return json.dumps(document).encode()


def best_of(work: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def rule_times(engine: Any, state: Any, repeats: int) -> dict[str, float]:
    """Best seconds each rule's check took on `state`, the rules sharing one context as in
    `assess` (so the first rule to read a view pays for it, as it does there)."""
    from foundation_engine.checks.context import CheckContext
    from foundation_engine.core.phase import derive_phase

    phase = derive_phase(state, AS_OF, engine.config.phases)
    times: dict[str, float] = {}
    for _ in range(repeats):
        context = CheckContext(
            state=state,
            as_of=AS_OF,
            phase=phase.phase,
            phase_started=phase.started,
            go_live=phase.go_live,
        )
        for rule in engine.rules:
            gc.collect()
            started = time.perf_counter()
            with contextlib.suppress(Exception):  # measured all the same
                rule.check.function(state, rule.options, context)
            took = time.perf_counter() - started
            times[rule.id] = min(times.get(rule.id, took), took)
    return times


def measure_kind(engine: Any, kind: str, n: int, repeats: int, with_rules: bool) -> dict[str, Any]:
    from foundation_engine.core.loading import load_bytes

    limits = engine.config.limits.model_copy(
        update={"max_records": max(4 * n, 100_000), "max_input_bytes": 1 << 30}
    )
    row: dict[str, Any] = {"kind": kind, "n": n}
    for label, size in (("single", n), ("double", 2 * n)):
        data = state_bytes_for(kind, size)
        state = load_bytes(data, "bench.json", engine.registry, limits=limits)
        row[f"{label}_bytes"] = len(data)
        row[f"{label}_load"] = best_of(
            functools.partial(load_bytes, data, "bench.json", engine.registry, limits=limits),
            repeats,
        )
        row[f"{label}_assess"] = best_of(functools.partial(engine.assess, state, AS_OF), repeats)
        if with_rules:
            row[f"{label}_rules"] = rule_times(engine, state, repeats)
    row["load_ratio"] = row["double_load"] / row["single_load"]
    row["assess_ratio"] = row["double_assess"] / row["single_assess"]
    if with_rules:
        ratios = {
            rule: row["double_rules"][rule] / max(row["single_rules"][rule], 1e-6)
            for rule in row["single_rules"]
            if row["double_rules"][rule] > 0.005  # rules that take a measurable time
        }
        row["worst_rules"] = sorted(ratios.items(), key=lambda item: -item[1])[:3]
    return row


def main(argv: Sequence[str] | None = None) -> int:
    from foundation_engine.core.engine import Engine

    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__)
    parser.add_argument("--records", type=int, default=20_000, help="n (default 20,000)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rules", action="store_true", help="time every rule too")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    engine = Engine(entrypoints=False)
    rows = []
    print(
        f"{'kind':<20}{'n':>8}{'MB 2n':>8}{'load n':>9}{'load 2n':>9}{'ratio':>7}"
        f"{'assess n':>10}{'assess 2n':>10}{'ratio':>7}"
    )
    worst = 0.0
    for kind in args.kinds.split(","):
        row = measure_kind(engine, kind, args.records, args.repeats, args.rules)
        rows.append(row)
        worst = max(worst, row["load_ratio"], row["assess_ratio"])
        print(
            f"{kind:<20}{args.records:>8,}{row['double_bytes'] / 1e6:>8.1f}"
            f"{row['single_load']:>9.3f}{row['double_load']:>9.3f}{row['load_ratio']:>7.2f}"
            f"{row['single_assess']:>10.3f}{row['double_assess']:>10.3f}"
            f"{row['assess_ratio']:>7.2f}",
            flush=True,
        )
        if args.rules and row["worst_rules"]:
            print("    " + ", ".join(f"{r} ×{x:.2f}" for r, x in row["worst_rules"]))
    print(f"\nlargest ratio: {worst:.2f} (linear: about 2; quadratic: 4)")
    if args.json:
        for row in rows:
            row.pop("single_rules", None)
            row.pop("double_rules", None)
        json.dump(rows, sys.stdout, indent=2)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
