"""Running a batch: inputs in, one record out per input record, in order.

The main process reads the inputs lazily and hands chunks of records to
worker processes (:mod:`.pool`), at most a few chunks ahead of the writer, so
memory stays flat however long the input; results are written in input order
as they come back. A worker that dies costs at most the record it was on,
which is retried once and then reported as an error. The portfolio summary
and the scores CSV are fed, record by record, from the same facts, including
those of records an interrupted run already wrote.

Each rule's check runs under a time budget (``limits.rule_seconds``, by
default :data:`~foundation_engine.files.limits.DEFAULT_BATCH_RULE_SECONDS` in a
batch) and each worker under a memory cap (``limits.worker_memory_mb``).
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from foundation_engine.batch.inputs import InputRecord, check_inputs, iter_records
from foundation_engine.batch.journal import Journal, ResumeMismatch, check_position
from foundation_engine.batch.pool import PoolError, WorkerPool
from foundation_engine.batch.scores import ScoresFile
from foundation_engine.batch.summary import PortfolioSummary, RecordFacts, facts_from_record
from foundation_engine.batch.worker import Assessor, Result, WorkerSpec
from foundation_engine.core.config import EngineConfig
from foundation_engine.core.loading import DEFAULT_MAX_INPUT_BYTES
from foundation_engine.files.atomic import write_atomically
from foundation_engine.files.limits import DEFAULT_BATCH_RULE_SECONDS
from foundation_engine.progress.benchmark import DEFAULT_MIN_GROUP
from foundation_engine.report.history import Every

if TYPE_CHECKING:
    from foundation_engine.core.engine import Engine

if TYPE_CHECKING:
    from foundation_engine.batch.progress_bar import ProgressBar

CHUNK_SIZE = 16
"""Records sent to a worker at a time."""
CHUNKS_AHEAD = 4
"""Chunks in flight per worker: enough to keep workers busy, few enough to keep memory flat."""


class BatchError(Exception):
    """The batch cannot run or continue (bad settings, a resume that does not match)."""


@dataclass
class BatchSettings:
    inputs: list[str]
    config: EngineConfig = field(default_factory=EngineConfig)
    output: str | None = None
    """Write records here (atomically, resumable); None writes to `stdout`."""
    summary: str | None = None
    scores: str | None = None
    """Write the per-partnership scores CSV here (atomically); None writes none."""
    workers: int = 1
    resume: bool = False
    as_of: dt.date | None = None
    progress: bool = False
    chunk_size: int = CHUNK_SIZE
    max_record_bytes: int = DEFAULT_MAX_INPUT_BYTES
    rule_seconds: float | None = None
    """Time budget of each rule's check; None: the config's ``limits.rule_seconds``, or
    10 s when that is unset; 0: no budget."""
    plugins: list[str] = field(default_factory=list)
    """Modules to register as plugins, in the main process and in every worker, besides
    the built-in and installed ones (for programs that embed the batch, and tests)."""
    in_process: bool = False
    """Assess in the calling process instead of worker processes: no process is started,
    and nothing guards against a check that crashes the process or exhausts memory."""
    history: Every | None = None
    """``monthly`` or ``quarterly``: write each record's history (``Engine.history``)
    instead of its report."""
    since: dt.date | None = None
    """With `history`: the first day of each history (None: the partnership's start)."""
    benchmark_min_group: int = DEFAULT_MIN_GROUP
    """Percentile groups of the summary smaller than this are not shown."""

    def effective_config(self) -> EngineConfig:
        """The configuration the records are assessed with: the batch's rule budget applied."""
        limits = self.config.limits
        seconds = self.rule_seconds
        if seconds is None:
            seconds = (
                limits.rule_seconds
                if limits.rule_seconds is not None
                else DEFAULT_BATCH_RULE_SECONDS
            )
        if seconds == limits.rule_seconds:
            return self.config
        limits = limits.model_copy(update={"rule_seconds": seconds})
        return self.config.model_copy(update={"limits": limits})


@dataclass
class BatchResult:
    summary: PortfolioSummary
    resumed: int = 0
    """Records kept from an interrupted run."""
    already_complete: bool = False
    worker_restarts: int = 0
    """Worker processes that died (or were stopped) holding records, and were replaced."""


def run_batch(
    settings: BatchSettings,
    *,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> BatchResult:
    """Assess every record of `settings.inputs` and write one output record for each."""
    from foundation_engine.core.engine import Engine

    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    check_inputs(settings.inputs)
    if settings.resume and settings.output is None:
        raise BatchError("--resume needs -o FILE: there is nothing to resume on standard output")
    if settings.scores == "-":
        raise BatchError("--scores needs a file name: standard output carries the records")
    config = settings.effective_config()
    try:
        plugins = [importlib.import_module(name) for name in settings.plugins]
    except ImportError as exc:
        raise BatchError(f"cannot import plugin module: {exc}") from None
    # Built before anything runs: a bad config, rule file or plugin fails fast.
    engine = Engine(config, plugins=plugins)
    summary = PortfolioSummary(
        min_group=settings.benchmark_min_group, keep_rows=settings.summary is not None
    )
    result = BatchResult(summary)
    scores = (
        ScoresFile(settings.scores, [t.id for t in engine.techniques])
        if settings.scores is not None
        else None
    )

    def add(facts: RecordFacts) -> None:
        summary.add(facts)
        if scores is not None:
            scores.add(facts)

    journal = Journal(settings.output) if settings.output is not None else None
    try:
        if scores is not None:
            scores.start()
        if journal is not None:

            def replay(record: dict[str, Any]) -> None:
                add(facts_from_record(record))

            if settings.resume and journal.resume(replay):
                _check_kind(journal, settings.history)
                result.resumed = journal.done
            elif settings.resume and journal.target.exists():
                # Finished already: nothing to assess; rebuild the summary and the
                # scores from the output.
                _replay_complete(journal, replay)
                result.already_complete = True
                if scores is not None:
                    scores.finish()
                _write_summary(settings, summary)
                return result
            else:
                if journal.partial.exists():
                    print(
                        f"note: starting over; {journal.partial} from an interrupted run is "
                        "replaced (use --resume to continue it)",
                        file=stderr,
                    )
                journal.start()

        records = iter_records(settings.inputs, stdin, settings.max_record_bytes)
        if journal is not None and journal.done:
            records = _skip_done(records, journal)
        if settings.since is not None and settings.history is None:
            raise BatchError("since goes with history: a batch of reports has no start date")
        assessor = Assessor(engine, settings.as_of, every=settings.history, since=settings.since)
        write: Callable[[list[bytes]], None] = (
            journal.append if journal is not None else _stream_writer(stdout)
        )
        progress = _progress_bar(settings, stderr, summary) if settings.progress else None
        with closing(_assess(records, assessor, settings, config, result)) as assessed:
            for results in assessed:
                write([line for line, _ in results])
                for _, facts in results:
                    add(facts)
                if scores is not None:
                    scores.flush()
                if progress is not None:
                    progress.update()
        if progress is not None:
            progress.end()
        if journal is not None:
            journal.finish()
        if scores is not None:
            scores.finish()
    finally:
        if journal is not None:
            journal.close()
        if scores is not None:
            scores.close()
    _write_summary(settings, summary)
    return result


def _check_kind(journal: Journal, every: Every | None) -> None:
    """Refuse to append histories to reports, or monthly histories to quarterly ones."""
    last = journal.last
    if last is None or not last.get("ok"):
        return
    history = last.get("history")
    written = history.get("every") if isinstance(history, dict) else None

    def what(kind: str | None) -> str:
        return f"{kind} histories (--history {kind})" if kind else "reports (no --history)"

    if written != every:
        raise ResumeMismatch(
            f"{journal.partial} holds {what(written)}, but this run writes {what(every)}"
        )


def assess_records(
    records: Iterable[InputRecord], settings: BatchSettings, engine: Engine | None = None
) -> Iterator[Result]:
    """One result per record, in order, through the worker pool (or in process).

    For programs that make their own records (:func:`~foundation_engine.batch.many.assess_many`):
    no output file, journal or summary. `engine` must have been built with
    ``settings.effective_config()`` and ``settings.plugins``; None builds it.
    """
    config = settings.effective_config()
    if engine is None:
        from foundation_engine.core.engine import Engine

        try:
            plugins = [importlib.import_module(name) for name in settings.plugins]
        except ImportError as exc:
            raise BatchError(f"cannot import plugin module: {exc}") from None
        engine = Engine(config, plugins=plugins)
    assessor = Assessor(engine, settings.as_of, every=settings.history, since=settings.since)
    result = BatchResult(PortfolioSummary(keep_rows=False))
    with closing(_assess(records, assessor, settings, config, result)) as assessed:
        for results in assessed:
            yield from results


def _stream_writer(stream: TextIO) -> Callable[[list[bytes]], None]:
    """How records (UTF-8 lines) are written to `stream`: to its bytes underneath when
    that gives the same bytes as writing text (UTF-8, no newline translation), else as
    text."""
    import codecs
    import os

    buffer = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None) or ""
    try:
        utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        utf8 = False
    if buffer is not None and utf8 and os.linesep == "\n":

        def to_buffer(lines: list[bytes]) -> None:
            stream.flush()
            buffer.write(b"".join(lines))
            buffer.flush()

        return to_buffer

    def to_text(lines: list[bytes]) -> None:
        stream.write(b"".join(lines).decode("utf-8"))
        stream.flush()

    return to_text


def _replay_complete(journal: Journal, replay: Callable[[dict[str, Any]], None]) -> None:
    import json

    with journal.target.open("rb") as handle:
        for raw in handle:
            if raw.strip():
                replay(json.loads(raw))


def _skip_done(records: Iterator[InputRecord], journal: Journal) -> Iterator[InputRecord]:
    """Drop the records an earlier run already wrote, checking the input is the same."""
    last: InputRecord | None = None
    for record in islice(records, journal.done):
        last = record
    if last is None or last.seq != journal.done - 1:
        count = 0 if last is None else last.seq + 1
        raise ResumeMismatch(
            f"{journal.partial} holds {journal.done} records but the input has only {count}"
        )
    assert journal.last is not None
    position = last.position
    check_position(journal.last, position.source, position.line, position.index, last.digest)
    return records


def _chunks(records: Iterable[InputRecord], size: int) -> Iterator[list[InputRecord]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _assess(
    records: Iterable[InputRecord],
    assessor: Assessor,
    settings: BatchSettings,
    config: EngineConfig,
    result: BatchResult,
) -> Generator[list[Result], None, None]:
    chunks = _chunks(records, settings.chunk_size)
    if settings.in_process:
        for chunk in chunks:
            yield assessor.assess_all(chunk)
        return
    spec = WorkerSpec(
        config=config.model_dump(mode="json"),
        plugins=tuple(settings.plugins),
        as_of=settings.as_of.isoformat() if settings.as_of else None,
        every=settings.history,
        since=settings.since.isoformat() if settings.since else None,
        memory_mb=config.limits.worker_memory_mb,
    )
    pool = WorkerPool(
        settings.workers,
        spec,
        assessor,
        chunks_ahead=CHUNKS_AHEAD,
        record_seconds=config.limits.record_seconds,
    )
    try:
        yield from pool.run(chunks)
    except PoolError as exc:
        raise BatchError(str(exc)) from None
    finally:
        result.worker_restarts = pool.restarts


def _write_summary(settings: BatchSettings, summary: PortfolioSummary) -> None:
    if settings.summary is None:
        return
    import json

    from foundation_engine.report.escaping import escape_unsafe

    text = escape_unsafe(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False), "json")
    text += "\n"
    write_atomically(settings.summary, text.encode("utf-8"))


def _progress_bar(
    settings: BatchSettings, stream: TextIO, summary: PortfolioSummary
) -> ProgressBar:
    from foundation_engine.batch.progress_bar import ProgressBar, count_records

    return ProgressBar(stream, summary, count_records(settings.inputs))
