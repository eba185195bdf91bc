"""The per-partnership scores CSV of a batch (``batch --scores FILE.csv``).

One row per input record, in input order, written as records are assessed so
memory stays flat: the partnership's id, name, as-of date, phase, overall
score, rating, coverage and count of findings to fix, one ``score_<technique>``
column per technique in the engine's order, then ``ok`` and ``error``. A record
that could not be assessed has ``ok`` false, its partnership id when it can be
read, and ``error`` (``kind: $.path: message``); its score cells are empty.

The leading columns and the cell rules are those of
:func:`foundation_engine.writers.csv_report.summary_rows_csv`: text that a
spreadsheet would run as a formula is neutralised with
:func:`~foundation_engine.writers.csv_report.safe_cell`, numbers stay numbers.

Rows go to ``FILE.partial``, which is renamed to ``FILE`` only when the batch
is complete. The rows are built from the same facts as the portfolio summary,
read back from the output records when a batch resumes, so a resumed batch's
CSV is byte for byte the CSV of an uninterrupted one.
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from foundation_engine.batch.journal import PARTIAL_SUFFIX
from foundation_engine.batch.summary import RecordFacts
from foundation_engine.files.atomic import create_like, naming, sync_folder
from foundation_engine.writers.csv_report import SUMMARY_COLUMNS, safe_cell

TRAILING_COLUMNS = ("ok", "error")


def score_columns(techniques: Sequence[str]) -> list[str]:
    """The header: the summary columns, ``score_<technique>`` each, then ok and error."""
    return [*SUMMARY_COLUMNS, *(f"score_{t}" for t in techniques), *TRAILING_COLUMNS]


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def score_row(facts: RecordFacts, techniques: Sequence[str]) -> list[str | int | float]:
    """One record's row; cells neutralised against spreadsheet formulas."""
    scores = dict(facts.techniques)
    cells: list[Any] = [
        facts.partnership_id,
        facts.partnership_name,
        facts.as_of,
        facts.phase,
        _rounded(facts.overall, 2),
        facts.rating,
        _rounded(facts.coverage, 4),
        len(facts.failed) if facts.ok else None,
        *(_rounded(scores.get(t), 2) for t in techniques),
        facts.ok,
        facts.error,
    ]
    return [safe_cell(cell) for cell in cells]


class ScoresFile:
    """The scores CSV being written; it appears at its name only when complete."""

    def __init__(self, target: str | os.PathLike[str], techniques: Sequence[str]) -> None:
        self.target = Path(target)
        self.partial = self.target.with_name(self.target.name + PARTIAL_SUFFIX)
        self.techniques = list(techniques)
        self._file: IO[str] | None = None
        self._writer: Any = None

    def start(self) -> None:
        """Begin the file with its header (a partial file from an earlier run is replaced)."""
        with naming(self.partial):
            descriptor = create_like(self.partial, self.target)
            self._file = os.fdopen(descriptor, "w", encoding="utf-8", newline="")
            self._writer = csv.writer(self._file, lineterminator="\r\n")
            self._writer.writerow(score_columns(self.techniques))

    def add(self, facts: RecordFacts) -> None:
        assert self._writer is not None, "scores file not started"
        with naming(self.partial):
            self._writer.writerow(score_row(facts, self.techniques))

    def flush(self) -> None:
        if self._file is not None:
            with naming(self.partial):
                self._file.flush()

    def finish(self) -> None:
        """Make the file durable and move it to its name in one atomic step."""
        assert self._file is not None, "scores file not started"
        with naming(self.partial):
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            self._file = self._writer = None
            os.replace(self.partial, self.target)
        sync_folder(self.target.parent)

    def close(self) -> None:
        """Stop an unfinished file and remove it: a resumed batch rebuilds every row.

        On a full disk closing fails too (the buffer cannot be written); the
        partial file is removed all the same.
        """
        if self._file is None:
            return
        file, self._file, self._writer = self._file, None, None
        try:
            file.close()
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                self.partial.unlink()
