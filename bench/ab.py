"""Interleaved A/B: two versions of the engine timed turn by turn in one run.

    python -m bench.ab main                       # main against the working tree
    python -m bench.ab HEAD~1 HEAD --rounds 15    # two commits
    python -m bench.ab main . --figure ten        # the ten-rule engine only

Each side is a git commit (its ``src`` and ``rules`` unpacked with ``git
archive`` into a temporary folder, so no work tree or branch is touched) or
``.`` for the working tree. Each runs in its own long-lived worker process
with its own ``foundation_engine`` first on the path; the two take turns, one
repetition each, so a burst of load elsewhere on a shared machine touches
both alike. The figures are medians of the repetitions, and B / A is formed
from them in the same run.

Figures (per typical state of the benchmark): ``floor``
(``PartnershipState.model_validate_json``), ``full`` (``Engine().assess``),
``ten`` (the engine with the ten reference rules selected) and ``load``
(``Engine().load``: parse, validate, repeated keys, references), and
``startup``: ``foundation-engine assess`` of the small example as a new
process, after byte-compiling both sides (no worker: each side's process is
started in turn); ``batch``: ``foundation-engine batch`` of a JSON Lines file of
typical states (``--batch-states``) with 1 and 2 workers as new processes, each
side's run in turn, giving wall time per state (``batch1``, ``batch2``), the
main process's own CPU per state (``batch1_main``, ``batch2_main``, sampled as
in :mod:`bench.run`, start-up included), the main process's CPU for one state
(``batch0_main``: its start-up, engine build and worker start), and each side's
speed-up of two workers over one and main-process CPU per state beyond start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ("floor", "full", "ten", "load", "startup", "batch")
BATCH_FIGURES = ("batch1", "batch2", "batch1_main", "batch2_main", "batch0_main")

WORKER = """
import json, sys, time
sys.path.insert(0, {root!r})
from bench.reference import RULES
from bench.states import state_bytes
import foundation_engine
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.engine import Engine
from foundation_engine.state.model import PartnershipState

states = [state_bytes("typical", 2026, i) for i in range({states})]
full = Engine()
ten = Engine(EngineConfig(select=list(RULES)))
work = {{
    "floor": PartnershipState.model_validate_json,
    "full": full.assess,
    "ten": ten.assess,
    "load": full.load,
}}
chosen = {figures!r}
for name in chosen:
    for data in states:
        work[name](data)
print(json.dumps({{"ready": foundation_engine.__file__}}), flush=True)
for line in sys.stdin:
    out = {{}}
    for name in chosen:
        function = work[name]
        start = time.perf_counter()
        for _ in range({passes}):
            for data in states:
                function(data)
        out[name] = (time.perf_counter() - start) / ({passes} * len(states))
    print(json.dumps(out), flush=True)
"""


def unpack(ref: str, into: Path) -> Path:
    """The ``src`` folder of commit `ref` (or of the working tree for ``.``)."""
    if ref == ".":
        return ROOT / "src"
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    folder = into / commit[:12]
    if not folder.exists():
        folder.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", commit, "src", "rules"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def start_worker(
    src: Path, figures: Sequence[str], states: int, passes: int
) -> subprocess.Popen[str]:
    code = WORKER.format(root=str(ROOT), states=states, figures=tuple(figures), passes=passes)
    env = {**os.environ, "PYTHONPATH": str(src)}
    worker = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),  # not the repository root, whose src must not shadow
    )
    assert worker.stdout is not None
    ready = json.loads(worker.stdout.readline())["ready"]
    if not ready.startswith(str(src)):
        raise RuntimeError(f"worker for {src} imported foundation_engine from {ready}")
    return worker


def step(worker: subprocess.Popen[str]) -> dict[str, float]:
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write("go\n")
    worker.stdin.flush()
    result: dict[str, float] = json.loads(worker.stdout.readline())
    return result


def startup_seconds(src: Path) -> tuple[float, float]:
    """One cold ``foundation-engine assess`` of the small example with `src` first on the path.

    Wall seconds and CPU seconds (user and system) of the process: on a shared
    machine the CPU time is the steadier figure.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    example = ROOT / "examples" / "new-partnership.json"
    code = "import sys; from foundation_engine.cli import main; sys.exit(main())"
    env = {**os.environ, "PYTHONPATH": str(src)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, "assess", str(example)],
        env=env,
        cwd=tempfile.gettempdir(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"assess with {src} exited {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def batch_seconds(
    src: Path, portfolio: Path, workers: int, output: Path | None
) -> tuple[float, float]:
    """One ``foundation-engine batch`` of `portfolio` with `src` first on the path.

    Wall seconds and the main process's own CPU seconds; the records go to
    `output` (``-o``) or, with None, to standard output (discarded).
    """
    from . import measure

    code = "import sys; from foundation_engine.cli import main; sys.exit(main())"
    argv = [sys.executable, "-c", code, "batch", str(portfolio), "--workers", str(workers)]
    argv += ["--no-progress"] + (["-o", str(output)] if output is not None else [])
    env = {**os.environ, "PYTHONPATH": str(src)}
    here = os.getcwd()
    os.chdir(tempfile.gettempdir())
    try:
        done = measure.run_process(argv, env=env)
    finally:
        os.chdir(here)
    return done.seconds, done.main_cpu_seconds


def byte_compile(src: Path) -> None:
    folders = [src / "foundation_engine"]
    rules = src.parent / "rules"
    if rules.is_dir():
        folders.append(rules)
    for folder in folders:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ab", description=__doc__.split("\n")[0])
    parser.add_argument("a", help="git commit for side A, or . for the working tree")
    parser.add_argument("b", nargs="?", default=".", help="side B (default: the working tree)")
    parser.add_argument("--figure", action="append", choices=FIGURES, help="repeatable")
    parser.add_argument("--rounds", type=int, default=11, help="repetitions per side")
    parser.add_argument("--states", type=int, default=16, help="typical states per pass")
    parser.add_argument("--passes", type=int, default=4, help="passes over them per repetition")
    parser.add_argument("--batch-states", type=int, default=2_000, help="states per batch run")
    parser.add_argument(
        "--batch-output", choices=("stdout", "file"), default="stdout", help="where records go"
    )
    args = parser.parse_args(argv)
    figures = tuple(args.figure or ("floor", "full"))
    with tempfile.TemporaryDirectory(prefix="bench-ab-") as tmp:
        sides = {"A": unpack(args.a, Path(tmp)), "B": unpack(args.b, Path(tmp))}
        timed = tuple(f for f in figures if f not in ("startup", "batch"))
        portfolio = Path(tmp) / "portfolio.jsonl"
        output = Path(tmp) / "records.jsonl" if args.batch_output == "file" else None
        if "batch" in figures:
            from .states import json_lines

            with portfolio.open("wb") as handle:
                for line in json_lines("typical", args.batch_states, 2026):
                    handle.write(line)
            single = Path(tmp) / "single.jsonl"
            single.write_bytes(portfolio.read_bytes().split(b"\n", 1)[0] + b"\n")
            for src in sides.values():
                byte_compile(src)
        if "startup" in figures:
            for src in sides.values():
                byte_compile(src)
                startup_seconds(src)  # fill the file cache
        workers = (
            {
                name: start_worker(src, timed, args.states, args.passes)
                for name, src in sides.items()
            }
            if timed
            else {}
        )
        if "startup" in figures:
            figures = (*figures, "startup_cpu")
        if "batch" in figures:
            figures = (*(f for f in figures if f != "batch"), *BATCH_FIGURES)
        samples: dict[str, dict[str, list[float]]] = {
            name: {f: [] for f in figures} for name in sides
        }
        try:
            for turn in range(args.rounds):
                order = ("A", "B") if turn % 2 == 0 else ("B", "A")
                for name in order:
                    if timed:
                        for figure, seconds in step(workers[name]).items():
                            samples[name][figure].append(seconds)
                    if "startup" in figures:
                        wall, cpu = startup_seconds(sides[name])
                        samples[name]["startup"].append(wall)
                        samples[name]["startup_cpu"].append(cpu)
                    if "batch1" in figures:
                        for count in (1, 2):
                            wall, cpu = batch_seconds(sides[name], portfolio, count, output)
                            samples[name][f"batch{count}"].append(wall / args.batch_states)
                            samples[name][f"batch{count}_main"].append(cpu / args.batch_states)
                        _, cpu = batch_seconds(sides[name], single, 1, output)
                        samples[name]["batch0_main"].append(cpu)
        finally:
            for worker in workers.values():
                assert worker.stdin is not None
                worker.stdin.close()
                worker.wait()
    print(f"A = {args.a}, B = {args.b}; medians of {args.rounds} interleaved repetitions")
    for figure in figures:
        a = statistics.median(samples["A"][figure]) * 1e6
        b = statistics.median(samples["B"][figure]) * 1e6
        print(f"{figure:<11} A {a:9.1f} us   B {b:9.1f} us   B/A {b / a:.3f}   ({b - a:+.1f} us)")
    if "batch1" in figures:
        speedups = {
            name: statistics.median(samples[name]["batch1"])
            / statistics.median(samples[name]["batch2"])
            for name in sides
        }
        print(
            f"batch speed-up of 2 workers over 1: A {speedups['A']:.3f}  B {speedups['B']:.3f}"
            f"  ({args.batch_states:,} states, records to {args.batch_output})"
        )
        for count in (1, 2):
            beyond = {
                name: statistics.median(samples[name][f"batch{count}_main"]) * 1e6
                - statistics.median(samples[name]["batch0_main"]) * 1e6 / args.batch_states
                for name in sides
            }
            print(
                f"main CPU per state beyond start-up, {count} worker(s): A {beyond['A']:.1f} us"
                f"  B {beyond['B']:.1f} us  B/A {beyond['B'] / beyond['A']:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
