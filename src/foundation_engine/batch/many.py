"""Assessing many states given as objects: :func:`assess_many` for programs that embed us.

``run_batch`` reads its states from files and writes JSON Lines; a program
that already holds its states (dicts from its own database, models it built)
calls :func:`assess_many` instead. The states go through the same worker pool
as a batch (a worker that dies costs at most the state it was on, retried once),
and every state gives exactly one result, in input order: its
:class:`~foundation_engine.report.model.Report`, or a
:class:`~foundation_engine.batch.records.FailedRecord` saying why it could not be
assessed (``seq`` is the state's place in the input). An invalid state never
raises and never costs the others.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from pydantic import TypeAdapter

from foundation_engine.batch.inputs import InputRecord, Position
from foundation_engine.batch.records import AssessedRecord, BatchRecord, FailedRecord
from foundation_engine.batch.runner import CHUNK_SIZE, BatchSettings, assess_records
from foundation_engine.core.config import EngineConfig
from foundation_engine.report.model import Report
from foundation_engine.state.model import PartnershipState

SOURCE = "<assess_many>"
"""The ``source`` of every result of :func:`assess_many`; ``index`` is the state's place."""

_RECORD: TypeAdapter[AssessedRecord | FailedRecord] = TypeAdapter(BatchRecord)


def _record(seq: int, state: object) -> InputRecord:
    position = Position(SOURCE, None, seq)
    if isinstance(state, PartnershipState | Mapping):
        return InputRecord(seq, position, state=state)
    if isinstance(state, bytes):
        return InputRecord(seq, position, data=state, format="json")
    if isinstance(state, str) and state.lstrip().startswith("{"):
        return InputRecord(seq, position, data=state.encode("utf-8"), format="json")
    if isinstance(state, str | os.PathLike):
        return InputRecord(seq, Position(os.fspath(state), None, seq), path=os.fspath(state))
    return InputRecord(
        seq,
        position,
        problem=f"cannot assess a {type(state).__name__}; expected a PartnershipState, a dict, "
        "a path, or JSON text",
        problem_kind="input",
    )


def iter_assess_many(
    states: Iterable[Any],
    *,
    workers: int = 1,
    as_of: dt.date | str | None = None,
    config: EngineConfig | None = None,
    plugins: Sequence[str] = (),
    in_process: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Report | FailedRecord]:
    """:func:`assess_many`, one result at a time, reading `states` only as workers need them."""
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, got {workers}")
    day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    settings = BatchSettings(
        inputs=[],
        config=config or EngineConfig(),
        workers=workers,
        as_of=day,
        chunk_size=chunk_size,
        plugins=list(plugins),
        in_process=in_process,
    )
    records = (_record(seq, state) for seq, state in enumerate(states))
    for line, _ in assess_records(records, settings):
        record = _RECORD.validate_json(line)
        yield record.report if isinstance(record, AssessedRecord) else record


def assess_many(
    states: Iterable[Any],
    *,
    workers: int = 1,
    as_of: dt.date | str | None = None,
    config: EngineConfig | None = None,
    plugins: Sequence[str] = (),
    in_process: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> list[Report | FailedRecord]:
    """Assess every state and return one result per state, in input order.

    Each state may be a :class:`PartnershipState`, a dict, a path to a state
    file, or JSON text. A state that is assessed gives its :class:`Report`; one
    that cannot be (invalid, unreadable, or a check that crashed its worker
    twice) gives a :class:`~foundation_engine.batch.records.FailedRecord` whose
    ``error`` says what and where, and whose ``seq`` is its place in `states`.

    `workers` processes assess in parallel, each building its engine once, as
    ``foundation-engine batch --workers`` does; ``in_process=True`` assesses in
    the calling process instead (no process is started, and nothing guards
    against a check that crashes it). `plugins` names modules to register as
    plugins in every worker. Each rule's check runs under the batch's time
    budget (``limits.rule_seconds``, else 10 s).
    """
    return list(
        iter_assess_many(
            states,
            workers=workers,
            as_of=as_of,
            config=config,
            plugins=plugins,
            in_process=in_process,
            chunk_size=chunk_size,
        )
    )
