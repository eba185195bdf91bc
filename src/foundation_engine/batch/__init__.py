"""Batch assessment: many partnership states in, one JSON Lines record out for each.

Inputs are JSON Lines, JSON arrays, state files or folders of them, read as a
stream (:mod:`.inputs`, :mod:`.jsonarray`). Records are assessed in worker
processes that each build their engine once (:mod:`.worker`), and written in
input order to an output that survives interruption and can be resumed
(:mod:`.journal`). The record format is in :mod:`.records`; the portfolio
summary in :mod:`.summary`; :func:`run_batch` ties them together.
"""

from .runner import BatchError, BatchResult, BatchSettings, run_batch

__all__ = ["BatchError", "BatchResult", "BatchSettings", "run_batch"]
