"""Portfolio history throughput: how many partnership-months of history a second rebuilds.

    python -m bench.portfolio           # the figures below (a few minutes on two cores)
    python -m bench.portfolio --smoke   # tiny sizes, seconds: checks the benchmark still works
    python -m bench --only history      # the same figures inside the full benchmark run

A partnership-month is one point of a monthly history: the partnership
re-assessed at one month end from the records dated by then. Figures, each
the median of several repetitions:

1. in process: ``Engine.history(state, "monthly")`` on typical states (one year
   of records: 13 month ends each) and on large ones over their last three years
   (``since`` three years before ``as_of``: 37 month ends, as in a portfolio
   history of 36 months);
2. batch: ``foundation-engine batch FILE --history monthly`` on typical states
   with 1 and 2 workers, as a cold process, start-up included.

Times are printed, never asserted: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import measure
from .states import AS_OF, state_bytes

if TYPE_CHECKING:
    from .run import Settings

THREE_YEARS_BEFORE = AS_OF.replace(year=AS_OF.year - 3)


def _months_per_second(months: int, samples: Sequence[float]) -> dict[str, Any]:
    middle = measure.median(samples)
    return {
        "partnership_months": months,
        "seconds": {
            "median": round(middle, 3),
            "spread": round(measure.spread(samples), 3),
            "samples": [round(s, 3) for s in samples],
        },
        "months_per_second": round(months / middle, 1),
    }


def in_process(settings: Settings) -> dict[str, Any]:
    """``Engine.history`` on typical states, and on large ones over three years."""
    from foundation_engine.core.engine import Engine

    from .run import SEED

    engine = Engine()
    typical = [state_bytes("typical", SEED, i) for i in range(settings.history_states)]
    large = [state_bytes("large", SEED, i) for i in range(settings.history_large_states)]
    cases: dict[str, tuple[list[bytes], dt.date | None]] = {
        "typical_full": (typical, None),
        "large_36_months": (large, THREE_YEARS_BEFORE),
    }
    months = {
        name: sum(len(engine.history(s, "monthly", since=since).points) for s in states)
        for name, (states, since) in cases.items()
    }  # also warms every path once
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(settings.history_repeats):
        for name, (states, since) in cases.items():  # interleaved, so noise hits all alike
            start = time.perf_counter()
            for state in states:
                engine.history(state, "monthly", since=since)
            samples[name].append(time.perf_counter() - start)
    return {
        name: {"states": len(cases[name][0]), **_months_per_second(months[name], samples[name])}
        for name in cases
    }


def batch(settings: Settings) -> dict[str, Any]:
    """``foundation-engine batch --history monthly`` with 1 and 2 workers."""
    from .run import _cli, portfolio_file

    path = portfolio_file(settings.history_batch_states, settings)
    out = settings.out / "history-out.jsonl"
    runs: dict[int, list[float]] = {w: [] for w in settings.workers}
    for _ in range(settings.history_repeats):
        for workers in settings.workers:
            argv = [*_cli(), "batch", str(path), "--history", "monthly", "-o", str(out)]
            argv += ["--workers", str(workers), "--no-progress"]
            run = measure.run_process(argv)
            if run.returncode != 0:
                raise RuntimeError(f"{' '.join(argv)} exited {run.returncode}")
            runs[workers].append(run.seconds)
    months = 0
    with out.open("rb") as handle:
        for line in handle:
            record = json.loads(line)
            months += len(record["history"]["points"]) if record["ok"] else 0
    out.unlink()
    return {
        "states": settings.history_batch_states,
        "workers": {str(w): _months_per_second(months, seconds) for w, seconds in runs.items()},
    }


def history(settings: Settings) -> dict[str, Any]:
    """Every history figure: in process, then through the batch command."""
    return {"in_process": in_process(settings), "batch": batch(settings)}


def rows(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The figures as (name, value, note) rows of the benchmark table."""
    found: list[tuple[str, str, str]] = []
    inner = results["in_process"]
    labels = {
        "typical_full": "history: Engine.history, typical, monthly",
        "large_36_months": "history: Engine.history, large, 36 months",
    }
    for name, label in labels.items():
        entry = inner[name]
        found.append(
            (
                label,
                f"{entry['months_per_second']:.0f} months/s",
                f"{entry['partnership_months']:,} partnership-months, "
                f"{entry['seconds']['median']:.2f} s",
            )
        )
    b = results["batch"]
    for workers, entry in b["workers"].items():
        found.append(
            (
                f"history: batch --history monthly, {b['states']:,} typical, {workers} worker(s)",
                f"{entry['months_per_second']:.0f} months/s",
                f"{entry['partnership_months']:,} partnership-months, "
                f"{entry['seconds']['median']:.1f} s",
            )
        )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    from .run import OUT, Settings

    parser = argparse.ArgumentParser(
        prog="python -m bench.portfolio", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: seconds, not minutes")
    parser.add_argument("--out", type=Path, help="folder for the JSON results (bench/out)")
    args = parser.parse_args(argv)
    settings = Settings.smoke(args.out) if args.smoke else Settings(out=args.out or OUT)
    results = history(settings)
    settings.out.mkdir(parents=True, exist_ok=True)
    (settings.out / "history.json").write_text(json.dumps(results, indent=2) + "\n")
    width = max(len(name) for name, _, _ in rows(results))
    for name, value, note in rows(results):
        print(f"{name:<{width}}  {value:>16}  {note}".rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
