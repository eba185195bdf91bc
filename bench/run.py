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
   against the pydantic floor (import the state model and validate the example)
   and ``python -c "import pydantic, pluggy"``, after byte-compiling the project;
8. history: partnership-months of history rebuilt per second, in process and by
   ``batch --history monthly`` (:mod:`bench.portfolio`);
9. baselines: the physical limits beside the floor (stdlib ``json.loads``,
   orjson and jiter where installed) and the ten-rule comparison: the engine
   with ten rules selected against a plain-Python reference of the same rules
   over ``json.loads`` (``bench/reference.py``) and, where zen-engine installs,
   the same ten rules as a GoRules decision (``bench/zen_rules.py``).

Every ratio is formed from figures measured in the same run, interleaved.
``python -m bench.ab`` compares two versions of the engine the same way.
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
PARTS = ("inprocess", "baselines", "batch", "memory", "startup", "history")

TARGETS = {
    "full_over_floor": 3.0,
    "scaling_ratio_of_ratios": 1.2,
    "batch_speedup_2_workers": 1.9,
    "memory_growth": 0.10,
    "startup_ratio": 2.5,
    "startup_over_pydantic_floor": 1.3,
    "ten_rules_over_reference": 2.5,
    "ten_rules_over_zen": 0.5,
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
# baselines: parsers, a plain-Python reference, a peer engine
# --------------------------------------------------------------------------


def _optional_parsers() -> dict[str, Any]:
    """Third-party JSON parsers that are installed, by name (none is required)."""
    found: dict[str, Any] = {}
    try:
        import orjson

        found["orjson"] = orjson.loads
    except ImportError:
        pass
    try:
        import jiter

        found["jiter"] = jiter.from_json
    except ImportError:
        pass
    return found


def _check_seconds(engine: Any, models: Sequence[Any], rounds: int) -> float:
    """Seconds per state spent in the engine's check functions alone (ten-rule engine).

    Each assessment gets a fresh context (its shared per-assessment memo), made
    outside the timer, as ``assess_state`` makes it; only the calls to the
    check functions are timed.
    """
    from foundation_engine.state.known import last_dated

    total = 0.0
    for _ in range(rounds):
        for model in models:
            _, context, _ = engine._prepare(model, model.partnership.as_of, last_dated(model))
            state = context.state
            calls = [(rule.check.function, rule.options) for rule in engine.rules]
            start = time.perf_counter()
            for function, options in calls:
                function(state, options, context)
            total += time.perf_counter() - start
    return total / (rounds * len(models))


def baselines(settings: Settings) -> dict[str, Any]:
    """The floor beside the physical limits, and the ten rules against a reference and a peer."""
    from foundation_engine.core.config import EngineConfig
    from foundation_engine.core.engine import Engine
    from foundation_engine.state.model import PartnershipState

    from . import reference, zen_rules

    typical = [state_bytes("typical", SEED, i) for i in range(settings.typical_states)]
    full = Engine()
    full_today = Engine(EngineConfig(due_soon_days=0))
    ten = Engine(EngineConfig(select=list(reference.RULES)))
    # The same without what falls due next (each rule not failing today run again
    # at later days), which the reference does not do: like for like.
    ten_today = Engine(EngineConfig(select=list(reference.RULES), due_soon_days=0))
    parsed = [json.loads(d) for d in typical]
    models = [PartnershipState.model_validate_json(d) for d in typical]
    zen = zen_rules.decision()
    for data in typical:  # same verdicts, and every path warmed once
        verdicts = reference.assess(data)
        engine_verdicts = {f.rule_id: f.status.value for f in ten.assess(data).findings}
        if verdicts != engine_verdicts:
            raise RuntimeError(f"reference and engine disagree: {verdicts} {engine_verdicts}")
        if zen is not None and zen_rules.verdicts(zen, data) != verdicts:
            raise RuntimeError("zen-engine and the reference disagree")
        full.assess(data)

    work: dict[str, Any] = {
        "json_loads": json.loads,
        **{name: loads for name, loads in _optional_parsers().items()},
        "floor": PartnershipState.model_validate_json,
        "full": full.assess,
        "full_today": full_today.assess,
        "ten_engine": ten.assess,
        "ten_engine_today": ten_today.assess,
        "ten_reference": reference.assess,
    }
    if zen is not None:
        work["ten_zen"] = lambda data: zen_rules.verdicts(zen, data)
    samples: dict[str, list[float]] = {name: [] for name in work}
    samples["ten_engine_checks"] = []
    samples["ten_reference_checks"] = []
    rounds = settings.rounds_typical
    for _ in range(settings.repeats):  # interleaved, repetition by repetition
        for name, function in work.items():
            samples[name] += measure.per_item_seconds(function, typical, 1, rounds)
        samples["ten_engine_checks"].append(_check_seconds(ten, models, rounds))
        samples["ten_reference_checks"] += measure.per_item_seconds(
            reference.judge, parsed, 1, rounds
        )
    medians = {name: measure.median(s) for name, s in samples.items()}

    def ratio(top: str, bottom: str, target: str | None = None) -> dict[str, Any]:
        value = medians[top] / medians[bottom]
        entry: dict[str, Any] = {"value": round(value, 2)}
        if target is not None:
            entry["target"] = TARGETS[target]
            entry["met"] = value <= TARGETS[target]
        return entry

    ratios = {
        "full_over_floor": ratio("full", "floor", "full_over_floor"),
        "full_today_over_floor": ratio("full_today", "floor"),
        "floor_over_json_loads": ratio("floor", "json_loads"),
        "ten_engine_over_reference": ratio(
            "ten_engine", "ten_reference", "ten_rules_over_reference"
        ),
        "ten_engine_today_over_reference": ratio("ten_engine_today", "ten_reference"),
        "ten_engine_checks_over_reference_checks": ratio(
            "ten_engine_checks", "ten_reference_checks"
        ),
    }
    if zen is not None:
        ratios["ten_engine_over_zen"] = ratio("ten_engine", "ten_zen", "ten_rules_over_zen")
    reference_checks = medians["ten_reference_checks"]
    per_rule = reference_checks / len(reference.RULES)
    return {
        "rules": {"full": len(full.rules), "ten": len(ten.rules)},
        "figures_us": {name: _stat(s) for name, s in samples.items()},
        "ratios": ratios,
        "zen_engine": zen_rules.version(),
        "hand_written_us_per_rule": round(per_rule * 1e6, 2),
        "hand_written_full_over_floor": {
            # 51 hand-written checks over pydantic's validated state, the same
            # cost per rule as the reference's: what a hand-written pipeline would cost.
            "value": round((medians["floor"] + per_rule * len(full.rules)) / medians["floor"], 2),
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
    cpu: dict[int, list[tuple[float, float]]] = {w: [] for w in settings.workers}
    for _ in range(settings.batch_repeats):
        for workers in settings.workers:  # interleaved, so noise hits both alike
            argv = [*_cli(), "batch", str(path), "--workers", str(workers), "--no-progress"]
            done = measure.run_process(argv)
            runs[workers].append(done.seconds)
            cpu[workers].append((done.main_cpu_seconds, done.cpu_seconds - done.main_cpu_seconds))
    result: dict[str, Any] = {"states": settings.batch_states, "workers": {}}
    for workers, seconds in runs.items():
        middle = measure.median(seconds)
        main_cpu = measure.median([m for m, _ in cpu[workers]])
        workers_cpu = measure.median([w for _, w in cpu[workers]])
        result["workers"][str(workers)] = {
            "seconds": _stat(seconds, 1.0),
            "states_per_second": round(settings.batch_states / middle, 1),
            # CPU accounting per process: what the main process itself spends per
            # state (reading, sending, receiving, writing) caps what workers can gain.
            "main_cpu_seconds": round(main_cpu, 2),
            "workers_cpu_seconds": round(workers_cpu, 2),
            "main_cpu_us_per_state": round(main_cpu / settings.batch_states * 1e6, 1),
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


PYDANTIC_FLOOR = (
    "import sys\n"
    "from foundation_engine.state.model import PartnershipState\n"
    "with open(sys.argv[1], 'rb') as handle:\n"
    "    PartnershipState.model_validate_json(handle.read())\n"
)


def byte_compile() -> None:
    """Write the project's byte code, as a wheel install would.

    Editable installs never write it here (``PYTHONDONTWRITEBYTECODE`` is
    set), so every cold start would otherwise compile every module again.
    The rule sets are compiled where they lie (``rules/``): ``compileall``
    does not follow the package's link to them.
    """
    for folder in (ROOT / "src" / "foundation_engine", ROOT / "rules"):
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(folder)], check=True, cwd=ROOT
        )


def startup(settings: Settings) -> dict[str, Any]:
    example = ROOT / "examples" / "new-partnership.json"
    byte_compile()
    assess = [*_cli(), "assess", str(example)]
    floor = [sys.executable, "-c", PYDANTIC_FLOOR, str(example)]
    imports = [sys.executable, "-c", "import pydantic, pluggy"]
    for argv in (assess, floor, imports):  # fill the file cache first
        measure.run_process(argv, sample_every=0.005)
    cli_s: list[float] = []
    floor_s: list[float] = []
    imports_s: list[float] = []
    for _ in range(settings.startup_runs):
        for argv, samples in ((assess, cli_s), (floor, floor_s), (imports, imports_s)):
            start = time.perf_counter()
            done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            samples.append(time.perf_counter() - start)
            if done.returncode not in (0, 1):
                raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}")
    ratio = measure.median(cli_s) / measure.median(imports_s)
    over_floor = measure.median(cli_s) / measure.median(floor_s)
    return {
        "byte_compiled": True,
        "assess_ms": _stat(cli_s, 1e3),
        "pydantic_floor_ms": _stat(floor_s, 1e3),
        "import_pydantic_pluggy_ms": _stat(imports_s, 1e3),
        "ratio": {
            "value": round(ratio, 2),
            "target": TARGETS["startup_ratio"],
            "met": ratio <= TARGETS["startup_ratio"],
        },
        "over_pydantic_floor": {
            "value": round(over_floor, 2),
            "target": TARGETS["startup_over_pydantic_floor"],
            "met": over_floor <= TARGETS["startup_over_pydantic_floor"],
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
        "baselines": baselines,
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


def rows(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The figures as (name, value, note) rows, in the order they are printed."""
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
                    f"{entry['seconds']['median']:.1f} s; CPU: main "
                    f"{entry['main_cpu_seconds']:.2f} s "
                    f"({entry['main_cpu_us_per_state']:.0f} us a state), "
                    f"workers {entry['workers_cpu_seconds']:.2f} s",
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
    if "baselines" in results:
        r = results["baselines"]
        f = r["figures_us"]
        names = {
            "json_loads": "parse: json.loads, typical",
            "orjson": "parse: orjson.loads, typical",
            "jiter": "parse: jiter.from_json, typical",
            "floor": "floor: model_validate_json, typical",
            "full": f"full: Engine.assess, {r['rules']['full']} rules",
            "full_today": "full: Engine.assess, due_soon_days = 0",
            "ten_engine": "ten rules: Engine.assess",
            "ten_engine_today": "ten rules: Engine.assess, due_soon_days = 0",
            "ten_reference": "ten rules: plain Python over json.loads",
            "ten_zen": f"ten rules: zen-engine {r['zen_engine']}",
            "ten_engine_checks": "ten rules: engine check functions alone",
            "ten_reference_checks": "ten rules: plain-Python checks alone",
        }
        rows += [(names[k], f"{f[k]['median']:.0f} us", "") for k in names if k in f]
        labels = {
            "full_over_floor": "full / floor",
            "full_today_over_floor": "full, no due-soon / floor",
            "floor_over_json_loads": "floor / json.loads",
            "ten_engine_over_reference": "ten rules: engine / plain Python",
            "ten_engine_today_over_reference": "ten rules, no due-soon: engine / plain",
            "ten_engine_checks_over_reference_checks": "ten rules, checks: engine / plain",
            "ten_engine_over_zen": "ten rules: engine / zen-engine",
        }
        for key, label in labels.items():
            if key in r["ratios"]:
                entry = r["ratios"][key]
                note = f"target <= {entry['target']}: {verdict(entry)}" if "target" in entry else ""
                rows.append((label, f"{entry['value']:.2f}", note))
        rows.append(
            (
                "hand-written: us per rule",
                f"{r['hand_written_us_per_rule']:.1f} us",
                f"{r['rules']['full']} such rules over the floor: "
                f"{r['hand_written_full_over_floor']['value']:.2f} x floor",
            )
        )
    if "startup" in results:
        r = results["startup"]
        rows += [
            ("start-up: foundation-engine assess", f"{r['assess_ms']['median']:.0f} ms", ""),
            (
                "start-up: pydantic floor (state model + validate)",
                f"{r['pydantic_floor_ms']['median']:.0f} ms",
                "",
            ),
            (
                "start-up: assess / pydantic floor",
                f"{r['over_pydantic_floor']['value']:.2f}",
                f"target <= {r['over_pydantic_floor']['target']}: "
                f"{verdict(r['over_pydantic_floor'])}",
            ),
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
    return rows


def table(results: dict[str, Any]) -> str:
    """The figures as a plain-text table, one line each."""
    found = rows(results)
    width = max(len(name) for name, _, _ in found) if found else 0
    lines = [f"{name:<{width}}  {value:>16}  {note}".rstrip() for name, value, note in found]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: seconds, not minutes")
    parser.add_argument("--only", help=f"comma-separated parts: {', '.join(PARTS)}")
    parser.add_argument("--out", type=Path, help="folder for the JSON results (bench/out)")
    parser.add_argument(
        "--save-latest",
        action="store_true",
        help="also write bench/results-latest.json and its figures into docs/performance.md",
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
        from .docs import write_figures

        write_figures(results)
    print(table(results))
    print(f"\nresults: {settings.out / 'results.json'}")
    return 0
