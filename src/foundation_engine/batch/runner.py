"""Running a batch: inputs in, one record out per input record, in order.

The main process reads the inputs lazily and hands chunks of records to
worker processes, at most a few chunks ahead of the writer, so memory stays
flat however long the input; results are written in input order as they come
back. With one worker, or when the whole input fits in one chunk, records
are assessed in the main process and no pool is started. The portfolio
summary and the scores CSV are fed, record by record, from the same facts,
including those of records an interrupted run already wrote.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, BinaryIO, TextIO

from ..config import EngineConfig
from ..loading import DEFAULT_MAX_INPUT_BYTES
from .atomic import write_atomically
from .inputs import InputRecord, check_inputs, iter_records
from .journal import Journal, ResumeMismatch, check_position
from .scores import ScoresFile
from .summary import PortfolioSummary, RecordFacts, facts_from_record
from .worker import Assessor, Result, assess_chunk, start_worker

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


@dataclass
class BatchResult:
    summary: PortfolioSummary
    resumed: int = 0
    """Records kept from an interrupted run."""
    already_complete: bool = False


def run_batch(
    settings: BatchSettings,
    *,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> BatchResult:
    """Assess every record of `settings.inputs` and write one output record for each."""
    from ..engine import Engine

    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    check_inputs(settings.inputs)
    if settings.resume and settings.output is None:
        raise BatchError("--resume needs -o FILE: there is nothing to resume on standard output")
    if settings.scores == "-":
        raise BatchError("--scores needs a file name: standard output carries the records")
    engine = Engine(settings.config)  # fails fast on a bad config, rule file or plugin
    summary = PortfolioSummary()
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
        assessor = Assessor(engine, settings.as_of)
        write: Callable[[list[str]], None] = (
            journal.append if journal is not None else lambda lines: _to_stream(stdout, lines)
        )
        progress = _Progress(stderr, summary) if settings.progress else None
        for results in _assess(records, assessor, settings):
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


def _to_stream(stream: TextIO, lines: list[str]) -> None:
    stream.write("".join(line + "\n" for line in lines))
    stream.flush()


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
    check_position(journal.last, last.position.source, last.position.line, last.position.index)
    return records


def _chunks(records: Iterable[InputRecord], size: int) -> Iterator[list[InputRecord]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _assess(
    records: Iterable[InputRecord], assessor: Assessor, settings: BatchSettings
) -> Iterator[list[Result]]:
    chunks = _chunks(records, settings.chunk_size)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None) if settings.workers > 1 else None
    if second is None:
        # One worker, or an input that fits in one chunk: no pool to start.
        yield assessor.assess_all(first)
        for chunk in chunks:
            yield assessor.assess_all(chunk)
        return
    yield from _in_pool(_prepend([first, second], chunks), settings)


def _prepend(
    head: list[list[InputRecord]], rest: Iterator[list[InputRecord]]
) -> Iterator[list[InputRecord]]:
    yield from head
    yield from rest


def _in_pool(
    chunks: Iterator[list[InputRecord]], settings: BatchSettings
) -> Iterator[list[Result]]:
    methods = multiprocessing.get_all_start_methods()
    # fork starts workers with the engine's modules already imported; elsewhere spawn.
    context = multiprocessing.get_context(
        "fork" if sys.platform == "linux" and "fork" in methods else "spawn"
    )
    as_of = settings.as_of.isoformat() if settings.as_of else None
    pool = ProcessPoolExecutor(
        max_workers=settings.workers,
        mp_context=context,
        initializer=start_worker,
        initargs=(settings.config.model_dump(mode="json"), as_of),
    )
    pending: deque[Future[list[Result]]] = deque()
    limit = settings.workers * CHUNKS_AHEAD
    try:
        for chunk in chunks:
            pending.append(pool.submit(assess_chunk, chunk))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool as exc:
        raise BatchError(f"a worker process stopped unexpectedly ({exc})") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _write_summary(settings: BatchSettings, summary: PortfolioSummary) -> None:
    if settings.summary is None:
        return
    import json

    text = json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n"
    write_atomically(settings.summary, text.encode("utf-8"))


class _Progress:
    """A one-line counter on stderr, redrawn after each chunk."""

    def __init__(self, stream: TextIO, summary: PortfolioSummary) -> None:
        self.stream = stream
        self.summary = summary

    def update(self) -> None:
        s = self.summary
        self.stream.write(f"\r{s.records:,} records, {s.failed:,} could not be assessed")
        self.stream.flush()

    def end(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
