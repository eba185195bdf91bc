"""Assessing batch records, in a worker process (or the main process).

A worker process gets its :class:`Engine` once, when it starts (inherited
from the main process where processes fork, else built from a
:class:`WorkerSpec`), caps its own memory, and then assesses the chunks of
records the main process sends (:mod:`.pool`); each record becomes its
output line plus the small facts the portfolio summary needs, sent back as
soon as it is done. A record that cannot be assessed becomes an error
record; it never stops the batch.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import queue
import signal
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from foundation_engine.batch.inputs import InputRecord
from foundation_engine.batch.records import assessed_line, failed_line, history_line
from foundation_engine.batch.summary import (
    RecordFacts,
    facts_from_failure,
    facts_from_history,
    facts_from_report,
)
from foundation_engine.errors import FoundationError, Problem
from foundation_engine.files import toml_input

if TYPE_CHECKING:
    from foundation_engine.core.engine import Engine
    from foundation_engine.report.history import Every

Result = tuple[bytes, RecordFacts]
"""An output record, as UTF-8 with its newline (encoded where it is made, in the worker,
so the main process writes it as it comes), and the facts the summary needs."""


@dataclass(frozen=True)
class Assessor:
    """An engine and the batch-wide settings every record is assessed with."""

    engine: Engine
    as_of: dt.date | None
    every: Every | None = None
    """Write each record's history at these period ends instead of its report."""
    since: dt.date | None = None
    """The first day of each history (None: the partnership's start)."""

    def assess(self, record: InputRecord) -> Result:
        from foundation_engine.core.loading import load_bytes, load_path

        record = record.with_data()
        position = record.position
        if record.problem is not None:
            return _failure(record, None, record.problem_kind or "input", [Problem(record.problem)])
        registry = self.engine.registry
        try:
            if record.state is not None:
                state = self.engine.load(record.state)
            elif record.data is not None:
                state = load_bytes(record.data, position.source, registry, format=record.format)
            else:
                state = load_path(str(record.path), registry, format=record.format)
            if self.every is not None:
                history = self.engine.history(state, self.every, since=self.since, as_of=self.as_of)
            else:
                report = self.engine.assess(state, as_of=self.as_of)
        except FoundationError as exc:
            problems = [_within_record(p) for p in exc.problems]
            return _failure(record, _partnership_id(record), exc.kind, problems)
        except Exception as exc:  # a faulty plugin must not stop the batch
            problem = Problem(f"{type(exc).__name__} while assessing: {exc}")
            return _failure(record, _partnership_id(record), "internal", [problem])
        if self.every is not None:
            line = history_line(record.seq, position, history, record.digest)
            return _encoded(line), facts_from_history(history)
        line = assessed_line(record.seq, position, report, record.digest)
        return _encoded(line), facts_from_report(report)

    def assess_all(self, records: Sequence[InputRecord]) -> list[Result]:
        return [self.assess(record) for record in records]


def _failure(
    record: InputRecord, partnership_id: str | None, kind: str, problems: Sequence[Problem]
) -> Result:
    return (
        _encoded(
            failed_line(record.seq, record.position, partnership_id, kind, problems, record.digest)
        ),
        facts_from_failure(partnership_id, kind, problems),
    )


def _encoded(line: str) -> bytes:
    return (line + "\n").encode("utf-8")


def _within_record(problem: Problem) -> Problem:
    # The record's file and position are in the envelope; keep the line only when
    # it is inside a file of its own (a state file in a folder).
    return Problem(problem.message, problem.path, None, problem.line, problem.column)


def _partnership_id(record: InputRecord) -> str | None:
    """The partnership id of a record that failed, when its text still shows it."""
    if record.state is not None:
        partnership = getattr(record.state, "partnership", None)
        if partnership is not None:
            return str(partnership.id)
        given: Any = record.state
        partnership = given.get("partnership") if isinstance(given, Mapping) else None
        pid = partnership.get("id") if isinstance(partnership, Mapping) else None
        return pid if isinstance(pid, str) else None
    try:
        if record.data is not None:
            document: Any = json.loads(record.data)
        elif record.path is not None and record.path.lower().endswith(".toml"):
            document = toml_input.loads(Path(record.path).read_text(encoding="utf-8-sig"))
        elif record.path is not None:
            document = json.loads(Path(record.path).read_bytes())
        else:
            return None
    except (ValueError, OSError, RecursionError):
        return None
    partnership = document.get("partnership") if isinstance(document, dict) else None
    pid = partnership.get("id") if isinstance(partnership, dict) else None
    return pid if isinstance(pid, str) else None


def failure_result(record: InputRecord, kind: str, problems: Sequence[Problem]) -> Result:
    """The error record of `record`, which could not be assessed for a reason of the batch's."""
    return _failure(record, _partnership_id(record.with_data()), kind, problems)


# --------------------------------------------------------------------------
# worker processes
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker process needs to build its engine (when it is not inherited)."""

    config: dict[str, Any]
    """The engine configuration, as JSON data."""
    plugins: tuple[str, ...] = ()
    """Modules to register as plugins, besides the built-in and installed ones."""
    as_of: str | None = None
    every: str | None = None
    """``monthly`` or ``quarterly``: the batch writes histories (``batch --history``)."""
    since: str | None = None
    memory_mb: int = 0
    """Cap on the worker's address space, in MiB; 0 for none."""


def build_assessor(spec: WorkerSpec) -> Assessor:
    """The engine a worker assesses with, built from `spec`."""
    import importlib

    from foundation_engine.core.config import EngineConfig
    from foundation_engine.core.engine import Engine

    plugins = [importlib.import_module(name) for name in spec.plugins]
    engine = Engine(EngineConfig.model_validate(spec.config), plugins=plugins)
    return Assessor(
        engine,
        dt.date.fromisoformat(spec.as_of) if spec.as_of else None,
        every=cast("Every | None", spec.every),
        since=dt.date.fromisoformat(spec.since) if spec.since else None,
    )


def serve(
    spec: WorkerSpec,
    assessor: Assessor | None,
    units: Connection,
    results: Connection,
    parent: int,
) -> None:
    """A worker process: assess each chunk the main process sends, one result per record.

    The chunk's records come in on `units` (None: stop); each result goes back
    on `results` as soon as it is ready, so the main process knows which record
    the worker is on if it dies. The worker never prints a traceback: a fault
    of its own is sent as one ``fatal`` line and the process exits.
    """
    # The main process handles Ctrl-C and SIGTERM, and stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
    try:
        _cap_memory(spec.memory_mb)
        _watch_parent(parent)
        if assessor is None:
            assessor = build_assessor(spec)
        # The engine lives as long as the worker: keep the collector from scanning it.
        gc.freeze()
        inbox = _Inbox(units)
        results.send(("ready",))
        while (records := inbox.get()) is not None:
            for record in records:
                results.send(("result", assessor.assess(record)))
    except BaseException as exc:  # the main process is told, in one line
        with contextlib.suppress(BaseException):
            results.send(("fatal", f"{type(exc).__name__}: {exc}"))
        os._exit(70)
    os._exit(0)


class _Inbox:
    """Chunks read from the main process as they arrive, so its sends never wait on us."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.queue: queue.SimpleQueue[list[InputRecord] | None] = queue.SimpleQueue()
        threading.Thread(target=self._read, name="inbox", daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                records = self.connection.recv()
            except (EOFError, OSError):
                records = None
            self.queue.put(records)
            if records is None:
                return

    def get(self) -> list[InputRecord] | None:
        return self.queue.get()


def _cap_memory(megabytes: int) -> None:
    """Limit this process's address space, so a runaway allocation is a MemoryError.

    The cap is at least what the process already uses plus 256 MiB, so that a
    worker started from a large program can still work.
    """
    if not megabytes:
        return
    try:
        import resource
    except ImportError:  # not on this platform
        return
    in_use = _address_space()
    limit = max(megabytes << 20, in_use + (256 << 20))
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    """This process's address space in bytes (0 where it cannot be read)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _watch_parent(parent: int) -> None:
    """End this worker when the main process dies (for instance killed with SIGKILL)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
