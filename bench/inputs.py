"""The hostile reproducers at full size, each in a process capped at 2 GiB: time, memory, outcome.

    python -m bench.inputs              # every reproducer
    python -m bench.inputs --only repeated-keys,fan-out

Each case writes a small hostile file (a state, a rule pack, a config) into a
scratch folder, runs ``foundation-engine`` on it as a fresh process whose
address space is capped at 2 GiB, and prints the wall time, the peak resident
memory, the exit code and the first line of standard error. The sizes are
those of the reports that found the problems; docs/reliability.md records the
figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "new-partnership.json"
CAP = 2 << 30


def _state(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE.read_text())
    document.update(changes)
    return document


def _rule(rule_id: str, check: str, params: dict[str, Any], **extra: Any) -> str:
    import tomli_w

    sys.path.insert(0, str(ROOT))
    from tests.rulekit import rule

    document = rule(rule_id, check, params, **extra)
    document["technique"] = "communication"
    return tomli_w.dumps(document)


def _pack(folder: Path, *rules: str, config: str = 'rule_paths = ["rules"]\n') -> list[str]:
    (folder / "rules").mkdir()
    for n, text in enumerate(rules):
        (folder / "rules" / f"COM99{n}.toml").write_text(text)
    (folder / "foundation.toml").write_text(config)
    return ["assess", str(EXAMPLE), "--config", str(folder / "foundation.toml")]


def governance_meetings(folder: Path) -> list[str]:
    meeting = {"date": "2026-09-01", "kind": "monthly_review", "channel": "video",
               "parties": ["client"], "topics": ["pipeline"]}  # fmt: skip
    document = _state(communications=[meeting] * 100_000)  # about 8 MB
    (folder / "meetings.json").write_text(json.dumps(document))
    (folder / "foundation.toml").write_text("[limits]\nmax_records = 100000\n")
    return ["assess", str(folder / "meetings.json"), "--config", str(folder / "foundation.toml")]


def repeated_keys(folder: Path) -> list[str]:
    pairs = ",".join(f'"k{i}":0,"k{i}":0' for i in range(120_000))  # 2.7 MB
    text = json.dumps(_state())[:-1] + ',"extensions":{"x":{' + pairs + "}}}"
    (folder / "repeated.json").write_text(text)
    (folder / "foundation.toml").write_text("[limits]\nmax_records = 1000000\n")
    return ["assess", str(folder / "repeated.json"), "--config", str(folder / "foundation.toml")]


def dotted_key(folder: Path) -> list[str]:
    (folder / "state.toml").write_text(".".join(["a"] * 40_000) + " = 1\n")  # 80 KB
    return ["assess", str(folder / "state.toml")]


def empty_records(folder: Path) -> list[str]:
    (folder / "empty.json").write_text(json.dumps(_state(communications=[{}] * 1_000_000)))
    return ["assess", str(folder / "empty.json")]


def empty_records_9mb(folder: Path) -> list[str]:
    (folder / "empty.json").write_text(json.dumps(_state(communications=[{}] * 3_000_000)))
    return ["assess", str(folder / "empty.json")]


def broken_lists(folder: Path) -> list[str]:
    names = ("communications", "metrics", "recognitions", "milestones", "escalations",
             "action_items", "requisitions", "surveys")  # fmt: skip
    document = _state(**{name: [{}] * 100_000 for name in names})
    (folder / "broken.json").write_text(json.dumps(document))
    return ["assess", str(folder / "broken.json")]


def many_metrics(folder: Path) -> list[str]:
    metric = {"name": "Time to fill", "kind": "time_to_fill", "unit": "days",
              "direction": "lower", "target": 40, "primary": True,
              "observations": [{"period_end": "2026-08-31", "value": 45}]}  # fmt: skip
    metrics = json.loads(EXAMPLE.read_text())["metrics"]
    metrics += [{**metric, "id": f"m{i}"} for i in range(100_000 - len(metrics))]
    (folder / "metrics.json").write_text(json.dumps(_state(metrics=metrics)))
    return ["assess", str(folder / "metrics.json")]


def deep_parentheses(folder: Path) -> list[str]:
    where = "(" * 5_000 + "kind" + ")" * 5_000
    share = {"collection": "/communications", "where": where, "match": "@", "min_share": 0.5}
    return _pack(folder, _rule("COM990", "share", share))


def negations(folder: Path) -> list[str]:
    share = {"collection": "/communications", "where": "!" * 50_000 + "kind", "match": "@",
             "min_share": 0.5}  # fmt: skip
    return _pack(folder, _rule("COM990", "share", share))


def doubling(folder: Path) -> list[str]:
    where = "length(to_string(@" + " | [@, @]" * 25 + ")) > `0`"
    share = {"collection": "/communications", "where": where, "match": "@", "min_share": 0.5}
    return _pack(folder, _rule("COM990", "share", share))


def fan_out(folder: Path) -> list[str]:
    defs: dict[str, Any] = {
        f"a{i}": {"allOf": [{"$ref": f"#/$defs/a{i + 1}"}, {"$ref": f"#/$defs/a{i + 1}"}]}
        for i in range(40)
    }
    defs["a40"] = {"type": "object"}
    schema = {"$defs": defs, "$ref": "#/$defs/a0"}
    return _pack(folder, _rule("COM990", "matches_schema", {"path": "/", "schema": schema}))


def unique_items(folder: Path) -> list[str]:
    touchpoint = json.loads(EXAMPLE.read_text())["communications"][0]
    (folder / "many.json").write_text(json.dumps(_state(communications=[touchpoint] * 100_000)))
    argv = _pack(
        folder,
        _rule("COM990", "matches_schema",
              {"path": "/communications", "schema": {"uniqueItems": True}}),
    )  # fmt: skip
    argv[1] = str(folder / "many.json")
    return argv


def long_pointer(folder: Path) -> list[str]:
    return _pack(folder, _rule("COM990", "present", {"path": "/" * 5_000}))


def huge_weights(folder: Path) -> list[str]:
    share = {"collection": "/communications", "match": "channel == 'video'", "min_share": 0.1}
    argv = _pack(
        folder,
        _rule("COM990", "share", share, weight=1.7e308),
        _rule("COM991", "share", share, weight=1.7e308),
    )
    return [*argv, "--fail-under", "99"]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "governance-meetings": governance_meetings,
    "repeated-keys": repeated_keys,
    "dotted-key": dotted_key,
    "empty-records": empty_records,
    "empty-records-9mb": empty_records_9mb,
    "broken-lists": broken_lists,
    "many-metrics": many_metrics,
    "deep-parentheses": deep_parentheses,
    "negations": negations,
    "doubling": doubling,
    "fan-out": fan_out,
    "unique-items": unique_items,
    "long-pointer": long_pointer,
    "huge-weights": huge_weights,
}


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def run_case(name: str, timeout: float) -> dict[str, Any]:
    """Run one case; its own peak memory comes from wait4, which reports that child alone."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as scratch:
        argv = CASES[name](Path(scratch))
        errors = Path(scratch) / "stderr.txt"
        started = time.monotonic()
        with errors.open("wb") as sink:
            child = subprocess.Popen(
                [sys.executable, "-m", "foundation_engine", *argv],
                stdout=subprocess.DEVNULL,
                stderr=sink,
                preexec_fn=_cap,
                env={"FOUNDATION_ENGINE_LOAD_PLUGINS": "", "PYTHONUTF8": "1"},
                cwd=scratch,
            )
            timed_out = False
            while True:
                pid, status, usage = os.wait4(child.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - started > timeout and not timed_out:
                    child.kill()
                    timed_out = True
                time.sleep(0.02)
        seconds = time.monotonic() - started
        err = errors.read_text(encoding="utf-8", errors="replace")
    code: int | str = "timeout" if timed_out else os.waitstatus_to_exitcode(status)
    first = next((line for line in err.splitlines() if line.strip()), "")
    return {"case": name, "seconds": round(seconds, 2), "exit": code,
            "peak_mb": usage.ru_maxrss // 1024, "first_line": first[:150]}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.inputs", description=__doc__)
    parser.add_argument("--only", help="comma-separated case names")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(CASES)
    print(f"{'case':<22}{'seconds':>8}{'MB':>6}{'exit':>6}  first line of standard error")
    for name in names:
        row = run_case(name, args.timeout)
        print(
            f"{name:<22}{row['seconds']:>8.2f}{row['peak_mb']:>6}{row['exit']!s:>6}  "
            f"{row['first_line']}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
