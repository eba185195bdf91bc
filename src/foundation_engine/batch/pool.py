"""Worker processes that may die, and the records they were holding.

The main process hands chunks of records to worker processes and collects
one result per record, streamed back as each record is done, so it always
knows which record a worker was on. When a worker dies (it exits, is killed,
crashes in native code, runs out of memory) or spends longer than
``limits.record_seconds`` on one record and is stopped:

- the records it had already returned are kept;
- the record it was on is retried once, alone, in a fresh worker; if that
  worker dies too, the record becomes an error record of kind
  ``worker_crash`` (or ``worker_timeout``) saying what happened both times;
- the records it had not started go back to the queue, and a new worker
  takes its place.

Every death either moves a record from its first try to its retry or from
its retry to an error, so a batch always ends; results are handed out in
input order. Workers ignore SIGINT and SIGTERM: the main process handles
interruptions and stops its workers; a worker whose main process is gone
stops by itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import selectors
import signal
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from foundation_engine.batch.inputs import InputRecord
from foundation_engine.batch.worker import Assessor, Result, WorkerSpec, failure_result
from foundation_engine.errors import Problem

UNITS_PER_WORKER = 2
"""Chunks a worker holds at once: one being assessed, one waiting, so it never idles."""
START_FAILURES = 3
"""Workers in a row that die before they are ready, after which the batch stops."""
STOP_GRACE_SECONDS = 5.0
"""How long a worker has to exit after being asked to, before it is killed."""
_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class PoolError(Exception):
    """The worker processes cannot run at all (they die before they are ready)."""


@dataclass
class _Task:
    """One chunk of the input; its results fill in as workers return them."""

    records: list[InputRecord]
    results: list[Result | None]
    left: int


@dataclass
class _Unit:
    """Records `start` to `start + count` of a task, handed to one worker."""

    task: _Task
    start: int
    count: int
    first_failure: tuple[str, str] | None = None
    """On a retry: the error kind and what happened to the first worker."""


@dataclass
class _Worker:
    process: Any
    send: Connection
    receive: Connection
    units: deque[_Unit] = field(default_factory=deque)
    done_in_unit: int = 0
    last_heard: float = 0.0
    ready: bool = False
    retrying: bool = False
    retiring: bool = False
    timed_out: bool = False
    fatal: str | None = None


class WorkerPool:
    """`workers` processes assessing chunks; :meth:`run` yields results in input order."""

    def __init__(
        self,
        workers: int,
        spec: WorkerSpec,
        assessor: Assessor | None,
        *,
        chunks_ahead: int,
        record_seconds: float | None,
    ) -> None:
        methods = multiprocessing.get_all_start_methods()
        fork = sys.platform == "linux" and "fork" in methods
        # fork starts workers with the engine already built; elsewhere spawn rebuilds it.
        self.context: Any = multiprocessing.get_context("fork" if fork else "spawn")
        self.size = workers
        self.spec = spec
        self.assessor = assessor if fork else None
        self.limit = workers * chunks_ahead
        self.record_seconds = record_seconds or None
        self.workers: list[_Worker] = []
        self.waiting: deque[_Unit] = deque()
        self.retries: deque[_Unit] = deque()
        self.start_failures = 0
        self.restarts = 0
        """Workers started to replace ones that died."""
        # One selector for the pool's life: each worker's result pipe and process sentinel
        # are registered once, not on every wait (which costs a selector per call).
        self.selector = selectors.DefaultSelector()

    # ------------------------------------------------------------------

    def run(self, chunks: Iterator[list[InputRecord]]) -> Iterator[list[Result]]:
        tasks: deque[_Task] = deque()
        exhausted = False
        try:
            while True:
                while not exhausted and len(tasks) < self.limit:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    task = _Task(chunk, [None] * len(chunk), len(chunk))
                    tasks.append(task)
                    self.waiting.append(_Unit(task, 0, len(chunk)))
                while tasks and tasks[0].left == 0:
                    done = tasks.popleft()
                    yield [r for r in done.results if r is not None]
                if exhausted and not tasks:
                    break
                if tasks and tasks[0].left == 0:
                    continue
                self._staff()
                self._dispatch()
                self._wait()
            self._stop_all()
        finally:
            self._kill_all()
            self.selector.close()

    # ------------------------------------------------------------------
    # workers
    # ------------------------------------------------------------------

    def _staff(self) -> None:
        """A fresh worker for each record waiting for its retry; then `size` workers in all."""
        while self.retries:
            worker = self._start()
            worker.retrying = True
            self._give(worker, self.retries.popleft())
        while len(self.workers) < self.size:
            self._start()

    def _start(self) -> _Worker:
        """Start a worker and add it to the pool."""
        from foundation_engine.batch.worker import serve

        units_out, units_in = self.context.Pipe(duplex=False)
        results_out, results_in = self.context.Pipe(duplex=False)
        process = self.context.Process(
            target=serve,
            args=(self.spec, self.assessor, units_out, results_in, os.getpid()),
            name="foundation-engine-batch-worker",
            daemon=True,
        )
        # A Ctrl-C arriving while the worker starts must reach only the main process,
        # and the worker must be in the pool (to be stopped) before it can be handled.
        masking = hasattr(signal, "pthread_sigmask")
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS) if masking else set()
        try:
            process.start()
            units_out.close()
            results_in.close()
            worker = _Worker(process, units_in, results_out, last_heard=time.monotonic())
            self.workers.append(worker)
            self.selector.register(results_out, selectors.EVENT_READ, worker)
            self.selector.register(process.sentinel, selectors.EVENT_READ, worker)
        finally:
            if masking:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return worker

    def _give(self, worker: _Worker, unit: _Unit) -> None:
        if not worker.units:
            worker.last_heard = time.monotonic()
        worker.units.append(unit)
        records = unit.task.records[unit.start : unit.start + unit.count]
        with contextlib.suppress(OSError):  # it died; its sentinel says so next
            worker.send.send(records)

    def _dispatch(self) -> None:
        for worker in self.workers:
            if worker.retrying or worker.retiring:
                continue
            while self.waiting and len(worker.units) < UNITS_PER_WORKER:
                self._give(worker, self.waiting.popleft())

    def _wait(self) -> None:
        ready = self.selector.select(timeout=self._next_deadline())
        dead: list[_Worker] = []
        for key, _ in ready:
            worker = key.data
            if key.fileobj is worker.receive:
                # One message per readiness: the selector reports the pipe again while
                # more are waiting, and a poll() here would build a selector of its own.
                if not self._receive_one(worker) and worker not in dead:
                    dead.append(worker)
            elif worker not in dead:
                dead.append(worker)
        if self.record_seconds is not None:
            now = time.monotonic()
            for worker in self.workers:
                if worker.units and now - worker.last_heard > self.record_seconds:
                    worker.timed_out = True
                    worker.process.kill()
                    if worker not in dead:
                        dead.append(worker)
        for worker in dead:
            self._bury(worker)

    def _next_deadline(self) -> float | None:
        if self.record_seconds is None:
            return None
        busy = [w.last_heard for w in self.workers if w.units]
        if not busy:
            return None
        return max(0.0, min(busy) + self.record_seconds - time.monotonic()) + 0.01

    def _receive_one(self, worker: _Worker) -> bool:
        """Take one message from `worker`, whose pipe is readable; False when it is closed."""
        try:
            message = worker.receive.recv()
        except (EOFError, OSError):
            return False
        self._handle(worker, message)
        return True

    def _receive(self, worker: _Worker) -> bool:
        """Take every message waiting from `worker`; False when its pipe is closed."""
        while True:
            try:
                if not worker.receive.poll():
                    return True
                message = worker.receive.recv()
            except (EOFError, OSError):
                return False
            self._handle(worker, message)

    def _handle(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "ready":
            worker.ready = True
            self.start_failures = 0
        elif kind == "fatal":
            worker.fatal = str(message[1])
        elif kind == "result":
            unit = worker.units[0]
            unit.task.results[unit.start + worker.done_in_unit] = message[1]
            unit.task.left -= 1
            worker.done_in_unit += 1
            worker.last_heard = time.monotonic()
            if worker.done_in_unit == unit.count:
                worker.units.popleft()
                worker.done_in_unit = 0
                if worker.retrying:
                    worker.retrying = False
                    if len(self.workers) > self.size:
                        self._retire(worker)

    def _retire(self, worker: _Worker) -> None:
        """Ask a worker no longer needed to exit (it is buried when it has)."""
        worker.retiring = True
        with contextlib.suppress(OSError):
            worker.send.send(None)

    def _bury(self, worker: _Worker) -> None:
        """A worker died: keep what it returned, retry or fail its record, requeue the rest."""
        self._receive(worker)  # results it sent before it died
        worker.process.join(timeout=STOP_GRACE_SECONDS)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        self.workers.remove(worker)
        self._forget(worker)
        if not worker.ready:
            self.start_failures += 1
            if self.start_failures >= START_FAILURES:
                raise PoolError(
                    f"batch worker processes die as they start ({self._what(worker)[1]})"
                )
        if not worker.units:
            return
        self.restarts += 1
        unit = worker.units.popleft()
        at = unit.start + worker.done_in_unit
        kind, what = self._what(worker)
        if unit.first_failure is None:
            self.retries.append(_Unit(unit.task, at, 1, (kind, what)))
        else:
            first = unit.first_failure[1]
            record = unit.task.records[at]
            message = (
                f"the worker process assessing this record {first}; "
                f"retried in a fresh worker, it {what} again"
            )
            unit.task.results[at] = failure_result(record, kind, [Problem(message)])
            unit.task.left -= 1
        rest = unit.start + unit.count - at - 1
        requeue = list(worker.units)
        if rest:
            requeue.insert(0, _Unit(unit.task, at + 1, rest))
        self.waiting.extendleft(reversed(requeue))

    def _what(self, worker: _Worker) -> tuple[str, str]:
        """The error kind and what happened to `worker`, in words."""
        if worker.timed_out:
            return "worker_timeout", (
                f"was stopped after {self.record_seconds:g} s on it (limits.record_seconds)"
            )
        code = worker.process.exitcode
        if worker.fatal:
            return "worker_crash", f"failed: {worker.fatal}"
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            if -code == signal.SIGKILL:
                return "worker_crash", (
                    f"was killed ({name}; the system may have run out of memory)"
                )
            return "worker_crash", f"died ({name})"
        return "worker_crash", f"exited unexpectedly (status {code})"

    # ------------------------------------------------------------------
    # stopping
    # ------------------------------------------------------------------

    def _stop_all(self) -> None:
        """The work is done: ask every worker to exit, and wait for it."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.send.send(None)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for worker in self.workers:
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))

    def _kill_all(self) -> None:
        """Stop every worker now (interrupted or done) and release its pipes."""
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.kill()
        for worker in self.workers:
            worker.process.join()
            self._forget(worker)
        self.workers.clear()

    def _forget(self, worker: _Worker) -> None:
        """Stop watching a worker that has exited, and close its pipes."""
        for watched in (worker.receive, worker.process.sentinel):
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(watched)
        for connection in (worker.send, worker.receive):
            connection.close()
