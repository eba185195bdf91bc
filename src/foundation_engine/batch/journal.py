"""The batch output file, written so that an interruption loses nothing.

Records are appended, in order, to ``FILE.partial`` and flushed after every
chunk. When the batch ends, the partial file is synced and renamed to ``FILE``
in one atomic step, so ``FILE`` is always either absent, the previous
version, or complete.

If the batch is killed at any moment (even with SIGKILL), ``FILE.partial``
holds a run of complete records, and at worst half of one more line.
``--resume`` keeps the complete records, cuts the torn line, checks that the
last kept record came from the same place in the same input and that the
input, read again up to that record, gives the same fingerprint
(``input_digest``, a running hash of every byte read), skips that many input
records and carries on appending. Records are therefore neither lost nor
duplicated, and a changed input is refused rather than resumed.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from foundation_engine.files.atomic import create_like, naming, sync_folder

PARTIAL_SUFFIX = ".partial"


class ResumeMismatch(Exception):
    """The partial output does not belong to this input."""


class Journal:
    """An output file being written, possibly continuing an interrupted run."""

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.target = Path(target)
        self.partial = self.target.with_name(self.target.name + PARTIAL_SUFFIX)
        self.done = 0
        """Records already written (by an earlier run, when resuming)."""
        self.last: dict[str, Any] | None = None
        """The last record already written, to check the input still matches."""
        self._file: IO[bytes] | None = None

    def start(self) -> None:
        """Begin a new output, discarding any partial one (with the permissions FILE has)."""
        with naming(self.partial):
            self._file = os.fdopen(create_like(self.partial, self.target), "wb")

    def resume(self, replay: Callable[[dict[str, Any]], None]) -> bool:
        """Continue the partial output; feed each record already there to `replay`.

        Returns False when there is no partial output to continue.
        """
        if not self.partial.exists():
            return False
        kept = 0
        with self.partial.open("rb") as handle:
            for raw in handle:
                if not raw.endswith(b"\n"):
                    break  # torn by the interruption
                try:
                    record = json.loads(raw)
                except ValueError:
                    break
                if not isinstance(record, dict) or record.get("seq") != self.done:
                    raise ResumeMismatch(
                        f"{self.partial}: record {self.done + 1} is not record number "
                        f"{self.done} of a batch; it was not written by this command"
                    )
                replay(record)
                self.last = record
                self.done += 1
                kept += len(raw)
        self._file = self.partial.open("r+b")
        self._file.truncate(kept)
        self._file.seek(kept)
        return True

    def append(self, lines: Iterable[bytes]) -> None:
        """Write records (one JSON line each, UTF-8, newline included) and hand them to the OS."""
        assert self._file is not None, "journal not started"
        with naming(self.partial):
            self._file.write(b"".join(lines))
            self._file.flush()

    def finish(self) -> None:
        """Make the output durable and move it to its final name atomically."""
        assert self._file is not None, "journal not started"
        with naming(self.partial):
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            self._file = None
            os.replace(self.partial, self.target)
        sync_folder(self.target.parent)

    def close(self) -> None:
        """Stop writing, leaving the partial output for ``--resume``."""
        if self._file is not None:
            file, self._file = self._file, None
            with contextlib.suppress(OSError):  # a full disk: what is written stays
                file.close()


def check_position(
    last: dict[str, Any], source: str, line: int | None, index: int | None, digest: str = ""
) -> None:
    """Refuse to resume when the last written record came from elsewhere in the input, or
    when the input read up to it no longer gives the fingerprint it had."""
    written = (last.get("source"), last.get("line"), last.get("index"))
    if written != (source, line, index):
        raise ResumeMismatch(
            f"record {last.get('seq')} in the partial output came from "
            f"{_where(*written)}, but in this input it is {_where(source, line, index)}"
        )
    if last.get("input_digest") != digest:
        raise ResumeMismatch(
            f"the input has changed since the interrupted run: read up to "
            f"{_where(source, line, index)} (record {last.get('seq')}), it no longer gives "
            "the fingerprint recorded then"
        )


def _where(source: Any, line: Any, index: Any) -> str:
    text = str(source)
    if line is not None:
        text += f" line {line}"
    if index is not None:
        text += f" index {index}"
    return text
