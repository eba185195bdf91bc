"""Assessing batch records, in the main process or in a worker process.

A worker process builds its :class:`Engine` once, when it starts, and then
assesses chunks of records; each record becomes its output line plus the
small facts the portfolio summary needs. A record that cannot be assessed
becomes an error record; it never stops the batch.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import threading
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FoundationError, Problem
from .inputs import InputRecord
from .records import assessed_line, failed_line
from .summary import RecordFacts, facts_from_failure, facts_from_report

if TYPE_CHECKING:
    from ..engine import Engine

Result = tuple[str, RecordFacts]


@dataclass(frozen=True)
class Assessor:
    """An engine and the batch-wide settings every record is assessed with."""

    engine: Engine
    as_of: dt.date | None

    def assess(self, record: InputRecord) -> Result:
        from ..loading import load_bytes, load_path

        position = record.position
        if record.problem is not None:
            return _failure(record, None, record.problem_kind or "input",
                            [Problem(record.problem)])
        registry = self.engine.registry
        try:
            if record.data is not None:
                state = load_bytes(record.data, position.source, registry, format=record.format)
            else:
                state = load_path(str(record.path), registry, format=record.format)
            report = self.engine.assess(state, as_of=self.as_of)
        except FoundationError as exc:
            problems = [_within_record(p) for p in exc.problems]
            return _failure(record, _partnership_id(record), exc.kind, problems)
        except Exception as exc:  # a faulty plugin must not stop the batch
            problem = Problem(f"{type(exc).__name__} while assessing: {exc}")
            return _failure(record, _partnership_id(record), "internal", [problem])
        return assessed_line(record.seq, position, report), facts_from_report(report)

    def assess_all(self, records: Sequence[InputRecord]) -> list[Result]:
        return [self.assess(record) for record in records]


def _failure(
    record: InputRecord, partnership_id: str | None, kind: str, problems: Sequence[Problem]
) -> Result:
    return (
        failed_line(record.seq, record.position, partnership_id, kind, problems),
        facts_from_failure(partnership_id, kind, problems),
    )


def _within_record(problem: Problem) -> Problem:
    # The record's file and position are in the envelope; keep the line only when
    # it is inside a file of its own (a state file in a folder).
    return Problem(problem.message, problem.path, None, problem.line, problem.column)


def _partnership_id(record: InputRecord) -> str | None:
    """The partnership id of a record that failed, when its text still shows it."""
    try:
        if record.data is not None:
            document: Any = json.loads(record.data)
        elif record.path is not None and record.path.lower().endswith(".toml"):
            document = tomllib.loads(Path(record.path).read_text(encoding="utf-8-sig"))
        elif record.path is not None:
            document = json.loads(Path(record.path).read_bytes())
        else:
            return None
    except (ValueError, OSError, RecursionError):
        return None
    partnership = document.get("partnership") if isinstance(document, dict) else None
    pid = partnership.get("id") if isinstance(partnership, dict) else None
    return pid if isinstance(pid, str) else None


# --------------------------------------------------------------------------
# worker processes
# --------------------------------------------------------------------------

_assessor: Assessor | None = None


def start_worker(config: dict[str, Any], as_of: str | None) -> None:
    """Process-pool initializer: build this worker's engine once."""
    global _assessor
    from ..config import EngineConfig
    from ..engine import Engine

    # Ctrl-C goes to the whole process group; the main process handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent(os.getppid())
    engine = Engine(EngineConfig.model_validate(config))
    _assessor = Assessor(engine, dt.date.fromisoformat(as_of) if as_of else None)


def assess_chunk(records: Sequence[InputRecord]) -> list[Result]:
    """Process-pool task: assess a chunk of records, in order."""
    if _assessor is None:
        raise RuntimeError("worker used before start_worker")
    return _assessor.assess_all(records)


def _watch_parent(parent: int) -> None:
    """End this worker when the main process dies (for instance killed with SIGKILL)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
