"""The benchmark run: every figure measured in one process run, printed and saved as JSON.

    python -m bench                 # the full run (about ten minutes on two cores)
    python -m bench --smoke         # tiny sizes, seconds: checks the benchmark still works
    python -m bench --only inprocess,startup

Figures (each the median of several repetitions):

1. floor: ``PartnershipState.model_validate_json`` on a typical state's bytes;
2. full: ``Engine.assess(bytes)`` on the same bytes, all rule sets, report built;
3. serialise: the report to JSON, compact (batch records) and indented (``--format json``);
4. scaling: large over typical assessment time, against their record counts;
5. batch: ``foundation-engine batch`` on typical states with 1 and 2 workers;
6. memory: peak resident memory of the batch at two portfolio sizes;
7. start-up: ``foundation-engine assess`` of the small example as a cold process,
   against ``python -c "import pydantic, pluggy"``;
8. history: partnership-months of history rebuilt per second, in process and by
   ``batch --history monthly`` (:mod:`bench.portfolio`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from . import measure
from .states import json_lines, record_count, state_bytes

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SEED = 2026
PARTS = ("inprocess", "batch", "memory", "startup", "history")

TARGETS = {
    "full_over_floor": 2.0,
    "scaling_ratio_of_ratios": 1.2,
    "batch_speedup_2_workers": 1.8,
    "memory_growth": 0.10,
    "startup_ratio": 2.5,
}


@dataclass
class Settings:
    """How much work each figure does; ``smoke()`` shrinks everything."""

    repeats: int = 9
    typical_states: int = 16
    large_states: int = 3
    rounds_typical: int = 8
    rounds_large: int = 2
    batch_states: int = 20_000
    batch_repeats: int = 3
    memory_states: tuple[int, int] = (10_000, 100_000)
    startup_runs: int = 15
    workers: tuple[int, int] = (1, 2)
    history_states: int = 8
    history_large_states: int = 2
    history_batch_states: int = 1_000
    history_repeats: int = 3
    parts: tuple[str, ...] = PARTS
    out: Path = field(default_factory=lambda: OUT)

    @classmethod
    def smoke(cls, out: Path | None = None) -> Settings:
        return cls(
            repeats=2,
            typical_states=2,
            large_states=1,
            rounds_typical=1,
            rounds_large=1,
            batch_states=24,
            batch_repeats=1,
            memory_states=(16, 32),
            startup_runs=2,
            history_states=1,
            history_large_states=1,
            history_batch_states=8,
            history_repeats=1,
            out=out or OUT / "smoke",
        )


def _cli() -> list[str]:
    """The installed ``foundation-engine`` command, as users run it."""
    script = Path(sys.executable).with_name("foundation-engine")
    if script.exists():
        return [str(script)]
    found = shutil.which("foundation-engine")
    return [found] if found else [sys.executable, "-m", "foundation_engine"]


def machine() -> dict[str, Any]:
    import pluggy
    import pydantic
    import pydantic_core

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pydantic": pydantic.VERSION,
        "pydantic_core": pydantic_core.__version__,
        "pluggy": pluggy.__version__,
        "commit": commit,
    }


def _stat(samples: Sequence[float], scale: float = 1e6) -> dict[str, Any]:
    return {
        "median": round(measure.median(samples) * scale, 2),
        "spread": round(measure.spread(samples), 3),
        "samples": [round(s * scale, 2) for s in samples],
    }


# --------------------------------------------------------------------------
# in process: floor, full, serialise, scaling
# --------------------------------------------------------------------------


def in_process(settings: Settings) -> dict[str, Any]:
    from foundation_engine.core.engine import Engine
    from foundation_engine.state.model import PartnershipState

    engine = Engine()
    typical = [state_bytes("typical", SEED, i) for i in range(settings.typical_states)]
    large = [state_bytes("large", SEED, i) for i in range(settings.large_states)]
    small = [state_bytes("small", SEED, i) for i in range(settings.typical_states)]
    reports = [engine.assess(data) for data in typical]
    for data in large + small:  # warm every path once
        engine.assess(data)

    def floor(data: bytes) -> object:
        return PartnershipState.model_validate_json(data)

    floor_s: list[float] = []
    full_s: list[float] = []
    large_s: list[float] = []
    small_s: list[float] = []
    compact_s: list[float] = []
    indented_s: list[float] = []
    # Interleave the figures repetition by repetition, so that a burst of
    # load from elsewhere on the machine touches all of them alike.
    for _ in range(settings.repeats):
        floor_s += measure.per_item_seconds(floor, typical, 1, settings.rounds_typical)
        full_s += measure.per_item_seconds(engine.assess, typical, 1, settings.rounds_typical)
        large_s += measure.per_item_seconds(engine.assess, large, 1, settings.rounds_large)
        small_s += measure.per_item_seconds(engine.assess, small, 1, settings.rounds_typical)
        compact_s += measure.per_item_seconds(
            lambda r: r.model_dump_json(), reports, 1, settings.rounds_typical
        )
        indented_s += measure.per_item_seconds(
            lambda r: r.model_dump_json(indent=2), reports, 1, settings.rounds_typical
        )

    typical_records = [record_count(json.loads(d)) for d in typical]
    large_records = [record_count(json.loads(d)) for d in large]
    floor_us = measure.median(floor_s) * 1e6
    full_us = measure.median(full_s) * 1e6
    large_us = measure.median(large_s) * 1e6
    record_ratio = (sum(large_records) / len(large)) / (sum(typical_records) / len(typical))
    time_ratio = large_us / full_us
    full_over_floor = full_us / floor_us
    return {
        "rules": len(engine.rules),
        "states": {
            "typical": {
                "count": len(typical),
                "mean_bytes": round(sum(map(len, typical)) / len(typical)),
                "mean_records": round(sum(typical_records) / len(typical), 1),
            },
            "large": {
                "count": len(large),
                "mean_bytes": round(sum(map(len, large)) / len(large)),
                "mean_records": round(sum(large_records) / len(large), 1),
            },
            "small": {
                "count": len(small),
                "mean_bytes": round(sum(map(len, small)) / len(small)),
                "mean_records": round(
                    sum(record_count(json.loads(d)) for d in small) / len(small), 1
                ),
            },
        },
        "floor_us": _stat(floor_s),
        "full_us": _stat(full_s),
        "full_over_floor": {
            "value": round(full_over_floor, 2),
            "target": TARGETS["full_over_floor"],
            "met": full_over_floor <= TARGETS["full_over_floor"],
        },
        "small_full_us": _stat(small_s),
        "large_full_us": _stat(large_s),
        "serialise_compact_us": _stat(compact_s),
        "serialise_indented_us": _stat(indented_s),
        "scaling": {
            "time_ratio": round(time_ratio, 2),
            "record_ratio": round(record_ratio, 2),
            "ratio_of_ratios": round(time_ratio / record_ratio, 3),
            "target": TARGETS["scaling_ratio_of_ratios"],
            "met": time_ratio / record_ratio <= TARGETS["scaling_ratio_of_ratios"],
        },
    }


# --------------------------------------------------------------------------
# batch throughput and memory
# --------------------------------------------------------------------------


def portfolio_file(count: int, settings: Settings) -> Path:
    """A JSON Lines file of `count` typical states, written once and reused."""
    path = settings.out / f"portfolio-typical-{SEED}-{count}.jsonl"
    if not path.exists():
        settings.out.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        with partial.open("wb") as handle:
            for line in json_lines("typical", count, SEED):
                handle.write(line)
        partial.replace(path)
    return path


def batch(settings: Settings) -> dict[str, Any]:
    path = portfolio_file(settings.batch_states, settings)
    runs: dict[int, list[float]] = {w: [] for w in settings.workers}
    for _ in range(settings.batch_repeats):
        for workers in settings.workers:  # interleaved, so noise hits both alike
            argv = [*_cli(), "batch", str(path), "--workers", str(workers), "--no-progress"]
            runs[workers].append(measure.run_process(argv).seconds)
    result: dict[str, Any] = {"states": settings.batch_states, "workers": {}}
    for workers, seconds in runs.items():
        middle = measure.median(seconds)
        result["workers"][str(workers)] = {
            "seconds": _stat(seconds, 1.0),
            "states_per_second": round(settings.batch_states / middle, 1),
        }
    one, two = (measure.median(runs[w]) for w in settings.workers)
    result["speedup"] = {
        "value": round(one / two, 2),
        "target": TARGETS["batch_speedup_2_workers"],
        "met": one / two >= TARGETS["batch_speedup_2_workers"],
    }
    return result


def memory(settings: Settings) -> dict[str, Any]:
    result: dict[str, Any] = {"workers": max(settings.workers), "portfolios": {}}
    peaks = []
    for count in settings.memory_states:

        def feed(pipe: IO[bytes], count: int = count) -> None:
            for line in json_lines("typical", count, SEED):
                pipe.write(line)

        argv = [*_cli(), "batch", "-", "--workers", str(max(settings.workers)), "--no-progress"]
        run = measure.run_process(argv, feed=feed)
        peaks.append(run.peak_tree_rss)
        result["portfolios"][str(count)] = {
            "seconds": round(run.seconds, 1),
            "states_per_second": round(count / run.seconds, 1),
            "peak_tree_rss_mb": round(run.peak_tree_rss / 2**20, 1),
            "peak_process_rss_mb": round(run.peak_process_rss / 2**20, 1),
        }
    growth = peaks[-1] / peaks[0] - 1
    result["growth"] = {
        "value": round(growth, 3),
        "target": TARGETS["memory_growth"],
        "met": abs(growth) <= TARGETS["memory_growth"],
    }
    return result


# --------------------------------------------------------------------------
# start-up
# --------------------------------------------------------------------------


def startup(settings: Settings) -> dict[str, Any]:
    example = ROOT / "examples" / "new-partnership.json"
    assess = [*_cli(), "assess", str(example)]
    imports = [sys.executable, "-c", "import pydantic, pluggy"]
    for argv in (assess, imports):  # byte-compile and fill the file cache first
        measure.run_process(argv, sample_every=0.005)
    cli_s: list[float] = []
    floor_s: list[float] = []
    for _ in range(settings.startup_runs):
        for argv, samples in ((assess, cli_s), (imports, floor_s)):
            start = time.perf_counter()
            done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            samples.append(time.perf_counter() - start)
            if done.returncode not in (0, 1):
                raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}")
    ratio = measure.median(cli_s) / measure.median(floor_s)
    return {
        "assess_ms": _stat(cli_s, 1e3),
        "import_pydantic_pluggy_ms": _stat(floor_s, 1e3),
        "ratio": {
            "value": round(ratio, 2),
            "target": TARGETS["startup_ratio"],
            "met": ratio <= TARGETS["startup_ratio"],
        },
    }


# --------------------------------------------------------------------------
# the run
# --------------------------------------------------------------------------


def run(settings: Settings) -> dict[str, Any]:
    """Measure the chosen parts and return the results document."""
    started = dt.datetime.now(dt.UTC)
    results: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {
            k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(settings).items()
        },
    }
    from .portfolio import history

    steps = {
        "inprocess": in_process,
        "batch": batch,
        "memory": memory,
        "startup": startup,
        "history": history,
    }
    for part in PARTS:
        if part in settings.parts:
            results[part] = steps[part](settings)
    results["seconds"] = round((dt.datetime.now(dt.UTC) - started).total_seconds(), 1)
    return results


def table(results: dict[str, Any]) -> str:
    """The figures as a plain-text table, one line each."""
    rows: list[tuple[str, str, str]] = []

    def verdict(entry: dict[str, Any]) -> str:
        return "met" if entry["met"] else "NOT met"

    if "inprocess" in results:
        r = results["inprocess"]
        rows += [
            ("floor: model_validate_json, typical", f"{r['floor_us']['median']:.0f} us", ""),
            (
                "full: Engine.assess(bytes), typical",
                f"{r['full_us']['median']:.0f} us",
                f"{r['rules']} rules",
            ),
            (
                "full / floor",
                f"{r['full_over_floor']['value']:.2f}",
                f"target <= {r['full_over_floor']['target']}: {verdict(r['full_over_floor'])}",
            ),
            ("full, small state", f"{r['small_full_us']['median']:.0f} us", ""),
            ("full, large state", f"{r['large_full_us']['median']:.0f} us", ""),
            ("report to JSON, compact", f"{r['serialise_compact_us']['median']:.0f} us", ""),
            ("report to JSON, indented", f"{r['serialise_indented_us']['median']:.0f} us", ""),
            (
                "scaling: large / typical time",
                f"{r['scaling']['time_ratio']:.2f}",
                f"records {r['scaling']['record_ratio']:.2f}x",
            ),
            (
                "scaling: ratio of ratios",
                f"{r['scaling']['ratio_of_ratios']:.3f}",
                f"target <= {r['scaling']['target']}: {verdict(r['scaling'])}",
            ),
        ]
    if "batch" in results:
        r = results["batch"]
        for workers, entry in r["workers"].items():
            rows.append(
                (
                    f"batch {r['states']:,} typical, {workers} worker(s)",
                    f"{entry['states_per_second']:.0f} states/s",
                    f"{entry['seconds']['median']:.1f} s",
                )
            )
        rows.append(
            (
                "batch speed-up, 2 workers",
                f"{r['speedup']['value']:.2f}x",
                f"target >= {r['speedup']['target']}: {verdict(r['speedup'])}",
            )
        )
    if "memory" in results:
        r = results["memory"]
        for count, entry in r["portfolios"].items():
            rows.append(
                (
                    f"batch peak RSS, {int(count):,} states",
                    f"{entry['peak_tree_rss_mb']:.0f} MB",
                    f"largest process {entry['peak_process_rss_mb']:.0f} MB, "
                    f"{entry['states_per_second']:.0f} states/s",
                )
            )
        rows.append(
            (
                "memory growth",
                f"{r['growth']['value'] * 100:+.1f}%",
                f"target within {r['growth']['target'] * 100:.0f}%: {verdict(r['growth'])}",
            )
        )
    if "startup" in results:
        r = results["startup"]
        rows += [
            ("start-up: foundation-engine assess", f"{r['assess_ms']['median']:.0f} ms", ""),
            (
                "start-up: import pydantic, pluggy",
                f"{r['import_pydantic_pluggy_ms']['median']:.0f} ms",
                "",
            ),
            (
                "start-up ratio",
                f"{r['ratio']['value']:.2f}",
                f"target <= {r['ratio']['target']}: {verdict(r['ratio'])}",
            ),
        ]
    if "history" in results:
        from .portfolio import rows as history_rows

        rows += history_rows(results["history"])
    width = max(len(name) for name, _, _ in rows) if rows else 0
    lines = [f"{name:<{width}}  {value:>16}  {note}".rstrip() for name, value, note in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: seconds, not minutes")
    parser.add_argument("--only", help=f"comma-separated parts: {', '.join(PARTS)}")
    parser.add_argument("--out", type=Path, help="folder for the JSON results (bench/out)")
    parser.add_argument(
        "--save-latest", action="store_true", help="also write bench/results-latest.json"
    )
    args = parser.parse_args(argv)
    settings = Settings.smoke(args.out) if args.smoke else Settings()
    if args.out and not args.smoke:
        settings.out = args.out
    if args.only:
        chosen = tuple(p.strip() for p in args.only.split(",") if p.strip())
        unknown = set(chosen) - set(PARTS)
        if unknown:
            parser.error(
                f"unknown part(s): {', '.join(sorted(unknown))}; known: {', '.join(PARTS)}"
            )
        settings.parts = chosen
    results = run(settings)
    settings.out.mkdir(parents=True, exist_ok=True)
    stamp = results["started"].replace(":", "").replace("+0000", "Z")
    text = json.dumps(results, indent=2) + "\n"
    (settings.out / f"results-{stamp}.json").write_text(text)
    (settings.out / "results.json").write_text(text)
    if args.save_latest:
        (ROOT / "bench" / "results-latest.json").write_text(text)
    print(table(results))
    print(f"\nresults: {settings.out / 'results.json'}")
    return 0
