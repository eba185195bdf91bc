"""Interrupt ``foundation-engine batch`` many times and prove nothing is lost or written twice.

The soak writes a JSON Lines portfolio of good and bad records, starts the
batch, interrupts it after a seeded random delay with SIGINT (to the whole
process group, as Ctrl-C does), SIGTERM (to the main process, or the group)
or SIGKILL (to the main process, or the group), and resumes it with
``--resume``, over and over. After every interruption it checks the partial
output: the final file must not exist yet; every line but a torn last one
(SIGKILL only) must be a complete record numbered in order; no process of
the batch may be left running. At the end the batch is resumed to completion
and the output is compared with what the input says it must be: exactly one
record per input record, in order, with the record's line, partnership id and
outcome; optionally also byte for byte with an uninterrupted run
(``--reference``).

Usage::

    python scripts/interrupt_batch.py --records 50000 --per-signal 12 --workdir /tmp/soak
    python scripts/interrupt_batch.py --records 300 --per-signal 1 --workdir /tmp/small

Prints one line per interruption and a JSON summary at the end (also written
to ``WORKDIR/soak-summary.json``). Exits 1 when a defect is found.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SIGNALS = {"SIGINT": signal.SIGINT, "SIGTERM": signal.SIGTERM, "SIGKILL": signal.SIGKILL}


@dataclass(frozen=True)
class Expected:
    """What the output record of one input record must say."""

    line: int
    partnership_id: str | None
    ok: bool


@dataclass
class Soak:
    records: int
    seed: int
    workers: int
    runs: int = 0
    interruptions: Counter[str] = field(default_factory=Counter)
    targets: Counter[str] = field(default_factory=Counter)
    finished_before_signal: int = 0
    finished_at_signal: int = 0
    stopped_during_startup: int = 0
    complete_outputs_verified: int = 0
    torn_lines_cut: int = 0
    exit_codes: Counter[str] = field(default_factory=Counter)
    progress: list[int] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    output_records: int = 0
    duplicates: int = 0
    lost: int = 0
    out_of_order: int = 0
    mismatched: int = 0
    reference_identical: bool | None = None
    seconds: float = 0.0


# --------------------------------------------------------------------------
# the portfolio
# --------------------------------------------------------------------------


def _templates() -> list[dict[str, Any]]:
    from foundation_engine.testing.builder import StateBuilder

    root = Path(__file__).resolve().parent.parent / "examples"
    templates = [json.loads(p.read_text()) for p in sorted(root.glob("*.json"))]
    templates.append(
        StateBuilder(start="2026-01-05", as_of="2026-06-30")
        .weekly_touchpoints("2026-01-05", "2026-04-01")
        .to_dict()
    )
    templates.append(
        StateBuilder(start="2025-03-03", as_of="2026-03-31")
        .sponsor("client", "Ann Lee")
        .sponsor("provider", "Bo Chen")
        .weekly_touchpoints("2025-03-03", "2026-03-30")
        .metric(
            "ttf",
            kind="time_to_fill",
            target=40,
            observations=[("2026-01-31", 44), ("2026-02-28", 41), ("2026-03-31", 38)],
        )
        .to_dict()
    )
    return templates


def write_portfolio(path: Path, count: int, seed: int) -> list[Expected]:
    """Write `count` records (about one in eight bad) and say what each must become."""
    rng = random.Random(seed)
    templates = _templates()
    expected: list[Expected] = []
    line = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            if rng.random() < 0.01:  # blank lines are not records
                out.write("\n")
                line += 1
            line += 1
            pid = f"soak-{i:06d}"
            state = json.loads(json.dumps(templates[i % len(templates)]))
            state["partnership"]["id"] = pid
            kind = rng.random()
            if kind < 0.03:
                out.write('{"partnership": {"id": "' + pid + '", "name": \n')
                expected.append(Expected(line, None, False))
            elif kind < 0.06:
                state["communications"] = [{"date": "31/03/2026", "kind": "weekly_checkin"}]
                out.write(json.dumps(state) + "\n")
                expected.append(Expected(line, pid, False))
            elif kind < 0.09:
                state["partnership"]["as_of"] = "2026-02-30"
                out.write(json.dumps(state) + "\n")
                expected.append(Expected(line, pid, False))
            elif kind < 0.11:
                out.write("[1, 2, 3]\n")
                expected.append(Expected(line, None, False))
            elif kind < 0.12:
                out.write('"just a string"\n')
                expected.append(Expected(line, None, False))
            else:
                out.write(json.dumps(state) + "\n")
                expected.append(Expected(line, pid, True))
    return expected


# --------------------------------------------------------------------------
# running and interrupting
# --------------------------------------------------------------------------


def _command(workdir: Path, workers: int, resume: bool) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "foundation_engine",
        "batch",
        str(workdir / "portfolio.jsonl"),
        "-o",
        str(workdir / "out.jsonl"),
        "--summary",
        str(workdir / "summary.json"),
        "--workers",
        str(workers),
        "--no-progress",
    ]
    return [*command, "--resume"] if resume else command


def _environment() -> dict[str, str]:
    return {**os.environ, "FOUNDATION_ENGINE_LOAD_PLUGINS": ""}


def _group_gone(pgid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def check_partial(partial: Path, soak: Soak, torn_allowed: bool, label: str) -> int:
    """Complete records numbered from 0, at most one torn line at the end; their count."""
    if not partial.exists():
        return 0
    data = partial.read_bytes()
    lines = data.split(b"\n")
    tail = lines.pop()  # after the last newline: empty, or a torn record
    if tail:
        if torn_allowed:
            soak.torn_lines_cut += 1
        else:
            soak.defects.append(f"{label}: a graceful stop left a torn last line")
    for number, raw in enumerate(lines):
        try:
            seq = json.loads(raw)["seq"]
        except (ValueError, KeyError, TypeError):
            soak.defects.append(f"{label}: line {number + 1} of the partial output is broken")
            return number
        if seq != number:
            soak.defects.append(f"{label}: line {number + 1} holds seq {seq}")
            return number
    return len(lines)


def _wait_for_growth(process: subprocess.Popen[bytes], partial: Path, size: int) -> None:
    """Wait until the batch writes past `size` bytes (or ends)."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and process.poll() is None:
        if partial.exists() and partial.stat().st_size > size:
            return
        time.sleep(0.02)


def interrupt_once(
    workdir: Path, soak: Soak, rng: random.Random, name: str, first: bool, max_delay: float
) -> bool:
    """One run stopped by `name`; False when the batch finished before the signal."""
    partial = workdir / "out.jsonl.partial"
    before = partial.stat().st_size if partial.exists() and not first else 0
    process = subprocess.Popen(
        _command(workdir, soak.workers, resume=not first),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=_environment(),
    )
    soak.runs += 1
    delay = rng.uniform(0.3, max_delay)
    to_group = name == "SIGINT" or rng.random() < 0.5
    # Most signals land while new records are being written; some during start-up and
    # the resume's replay of what is already written.
    while_writing = rng.random() < 0.8
    if while_writing:
        _wait_for_growth(process, partial, before)
    label = (
        f"run {soak.runs} ({name} to the {'group' if to_group else 'main process'} "
        f"{delay:.2f} s after {'writing resumed' if while_writing else 'start'})"
    )
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=delay)
    if process.returncode is not None:
        err = process.stderr.read().decode() if process.stderr else ""
        if process.returncode != 0:
            soak.defects.append(f"{label}: exited {process.returncode} before the signal: {err}")
        soak.finished_before_signal += 1
        return False
    number = SIGNALS[name]
    if to_group:
        os.killpg(process.pid, number)
    else:
        os.kill(process.pid, number)
    soak.interruptions[name] += 1
    soak.targets[f"{name} {'group' if to_group else 'main'}"] += 1
    try:
        _, err_bytes = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        soak.defects.append(f"{label}: still running 120 s after the signal")
        os.killpg(process.pid, signal.SIGKILL)
        _, err_bytes = process.communicate()
    err = err_bytes.decode(errors="replace")
    code = process.returncode
    soak.exit_codes[f"{name}:{code}"] += 1
    if "Traceback" in err:
        soak.defects.append(f"{label}: printed a traceback: {err[-2000:]}")
    if not _group_gone(process.pid, 10):
        soak.defects.append(f"{label}: processes of the batch still running 10 s later")
        os.killpg(process.pid, signal.SIGKILL)
    if (workdir / "out.jsonl").exists():
        # The signal came as the batch completed (after the output was in place, while
        # the summary was written or the process exited): the output is checked whole.
        soak.finished_at_signal += 1
        print(f"{label}: exit {code}, the batch had just completed", flush=True)
        return False
    graceful = {"SIGINT": 130, "SIGTERM": 143}.get(name)
    if graceful is not None and code != graceful:
        if code == -number and not err.strip():
            # Before Python or the batch command set up their handlers: nothing was
            # written by this run, so nothing can be half done.
            soak.stopped_during_startup += 1
        else:
            soak.defects.append(f"{label}: exit code {code}, expected {graceful}: {err[-500:]}")
    written = check_partial(workdir / "out.jsonl.partial", soak, name == "SIGKILL", label)
    soak.progress.append(written)
    print(f"{label}: exit {code}, {written:,} records written", flush=True)
    return True


def verify(workdir: Path, expected: list[Expected], soak: Soak) -> None:
    """Every input record has exactly one output record, in order, saying the right thing."""
    seen: Counter[int] = Counter()
    previous = -1
    count = 0
    out_of_order = 0
    with (workdir / "out.jsonl").open("rb") as handle:
        for raw in handle:
            record = json.loads(raw)
            seq = record["seq"]
            seen[seq] += 1
            count += 1
            if seq != previous + 1:
                out_of_order += 1
            previous = seq
            if 0 <= seq < len(expected):
                want = expected[seq]
                got = (record["line"], record["partnership_id"], record["ok"])
                if got != (want.line, want.partnership_id, want.ok):
                    soak.mismatched += 1
                    if soak.mismatched <= 5:
                        soak.defects.append(f"record {seq}: got {got}, expected {want}")
    soak.complete_outputs_verified += 1
    soak.output_records += count
    duplicates = sum(n - 1 for n in seen.values() if n > 1)
    lost = sum(1 for seq in range(len(expected)) if seq not in seen)
    soak.duplicates += duplicates
    soak.out_of_order += out_of_order
    soak.lost += lost
    summary = json.loads((workdir / "summary.json").read_text())
    if summary["records"] != len(expected):
        soak.defects.append(f"summary counts {summary['records']} records")
    if summary["failed"] != sum(not e.ok for e in expected):
        soak.defects.append(f"summary counts {summary['failed']} failed records")
    for what, number in (
        ("duplicated", duplicates),
        ("lost", lost),
        ("out of order", out_of_order),
    ):
        if number:
            soak.defects.append(f"{number} records {what}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument(
        "--per-signal", type=int, default=12, help="interruptions of each signal (default 12)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--max-delay", type=float, default=5.0, help="longest wait before a signal, in seconds"
    )
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument(
        "--reference",
        action="store_true",
        help="also compare byte for byte with an uninterrupted run",
    )
    args = parser.parse_args(argv)
    # A shell starting this in the background ignores SIGINT, and the batches would inherit
    # that: give them the usual Ctrl-C.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    started = time.monotonic()
    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    for stale in ("out.jsonl", "out.jsonl.partial", "summary.json"):
        (workdir / stale).unlink(missing_ok=True)
    expected = write_portfolio(workdir / "portfolio.jsonl", args.records, args.seed)
    soak = Soak(records=len(expected), seed=args.seed, workers=args.workers)
    rng = random.Random(args.seed)
    plan = [name for name in SIGNALS for _ in range(args.per_signal)]
    rng.shuffle(plan)
    first = True
    while plan:
        name = plan[0]
        sent = sum(soak.interruptions.values())
        stopped = interrupt_once(workdir, soak, rng, name, first, args.max_delay)
        if sum(soak.interruptions.values()) > sent:
            plan.pop(0)
        first = False
        if not stopped and (workdir / "out.jsonl").exists():
            # Complete: check it whole, then start over so every signal gets its turns.
            verify(workdir, expected, soak)
            print(f"run {soak.runs}: the batch completed and checks out; starting over", flush=True)
            (workdir / "out.jsonl").unlink()
            first = True
    final = subprocess.run(
        _command(workdir, args.workers, resume=not first),
        capture_output=True,
        env=_environment(),
        check=False,
    )
    soak.runs += 1
    if final.returncode != 0:
        soak.defects.append(f"final run exited {final.returncode}: {final.stderr.decode()}")
    else:
        verify(workdir, expected, soak)
    if args.reference and final.returncode == 0:
        reference = workdir / "reference"
        reference.mkdir(exist_ok=True)
        command = [
            sys.executable,
            "-m",
            "foundation_engine",
            "batch",
            str(workdir / "portfolio.jsonl"),
            "-o",
            str(reference / "out.jsonl"),
            "--workers",
            str(args.workers),
            "--no-progress",
        ]
        subprocess.run(command, capture_output=True, env=_environment(), check=False)
        soak.reference_identical = (reference / "out.jsonl").read_bytes() == (
            workdir / "out.jsonl"
        ).read_bytes()
        if not soak.reference_identical:
            soak.defects.append("the output differs from an uninterrupted run")
    soak.seconds = round(time.monotonic() - started, 1)
    report = {
        key: dict(value) if isinstance(value, Counter) else value
        for key, value in vars(soak).items()
    }
    (workdir / "soak-summary.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 1 if soak.defects else 0


if __name__ == "__main__":
    sys.exit(main())
