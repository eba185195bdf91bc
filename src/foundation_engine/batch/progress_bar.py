"""The batch progress bar on a terminal: records done of how many, the rate, the time left.

The total is known when it is cheap to count before the batch starts: the
non-blank lines of a JSON Lines file (up to :data:`MAX_COUNTED_BYTES`), the
state files of a folder, one for a state file. A JSON array or standard input
is not counted (that would mean parsing or holding it twice), and the bar then
shows the count and the rate without an ETA. The bar goes to standard error
only; the records are untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from foundation_engine.batch.inputs import (
    JSON_LINES_SUFFIXES,
    STATE_SUFFIXES,
    _first_byte,
    _is_csv_state,
)
from foundation_engine.batch.summary import PortfolioSummary

#: JSON Lines files larger than this are not counted first: reading them twice would hold
#: up the start of the batch. The bar then shows the count and the rate, without an ETA.
MAX_COUNTED_BYTES = 256 * 1024 * 1024


def count_records(inputs: Sequence[str]) -> int | None:
    """How many records `inputs` hold, when that is cheap to find; else None."""
    total = 0
    for name in inputs:
        count = _count_one(name)
        if count is None:
            return None
        total += count
    return total


def _count_one(name: str) -> int | None:
    if name == "-":
        return None
    path = Path(name)
    try:
        if path.is_dir():
            if _is_csv_state(path):
                return 1
            return sum(
                1
                for entry in path.iterdir()
                if (entry.is_file() and entry.suffix.lower() in STATE_SUFFIXES)
                or (entry.is_dir() and _is_csv_state(entry))
            )
        suffix = path.suffix.lower()
        if suffix in (".toml", ".xlsx", ".xlsm"):
            return 1
        with path.open("rb") as stream:
            if suffix in JSON_LINES_SUFFIXES:
                if path.stat().st_size > MAX_COUNTED_BYTES:
                    return None
                return sum(1 for line in stream if line.strip())
            if suffix == ".json" and _first_byte(stream) != b"[":
                return 1
    except OSError:
        return None
    return None  # a JSON array, or JSON Lines under another name: not counted


class ProgressBar:
    """A tqdm bar on `stream`, advanced to the summary's record count after each chunk."""

    def __init__(self, stream: TextIO, summary: PortfolioSummary, total: int | None) -> None:
        self.summary = summary
        self.shown = summary.records  # records kept from an interrupted run count as done
        self.bar = tqdm(
            total=total,
            initial=self.shown,
            file=stream,
            unit=" records",
            dynamic_ncols=True,
            mininterval=0.2,
            smoothing=0.1,
        )

    def update(self) -> None:
        s = self.summary
        if s.failed:
            self.bar.set_postfix_str(f"{s.failed:,} could not be assessed", refresh=False)
        self.bar.update(s.records - self.shown)
        self.shown = s.records

    def end(self) -> None:
        self.bar.close()
