"""Batch assessment: many partnership states in, one JSON Lines record out for each.

Inputs are JSON Lines, JSON arrays, state files or folders of them, read as a
stream (:mod:`.inputs`, :mod:`.jsonarray`). Records are assessed in worker
processes that each build their engine once (:mod:`.worker`), and written in
input order to an output that survives interruption and can be resumed
(:mod:`.journal`). The record format is in :mod:`.records`; the portfolio
summary in :mod:`.summary`; the per-partnership scores CSV in :mod:`.scores`;
:func:`run_batch` ties them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from foundation_engine.batch.runner import BatchError, BatchResult, BatchSettings, run_batch

__all__ = ["BatchError", "BatchResult", "BatchSettings", "run_batch"]


def __getattr__(name: str) -> object:
    # Imported on first use: the command line imports `batch.atomic` for every
    # command, and must not pay for the engine unless it assesses.
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from foundation_engine.batch import runner

    value = getattr(runner, name)
    globals()[name] = value
    return value
