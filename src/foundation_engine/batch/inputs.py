"""Where batch records come from: JSON Lines, JSON arrays, state files, folders, stdin.

Each input becomes a stream of :class:`InputRecord`, numbered across the
whole batch (``seq``) and carrying its position: the file and line for JSON
Lines, the file, index and line for an array element, the file alone for a
state file. Nothing reads a whole input into memory; records are read as the
workers ask for them.

How an INPUT is read:

- ``-``: standard input; a JSON array if it starts with ``[``, else JSON Lines.
- a folder: every ``*.json``, ``*.toml`` and ``*.xlsx`` file in it, and every
  subfolder holding ``Partnership.csv`` (a state kept as CSV files), in name
  order, one record each. A folder that itself holds ``Partnership.csv`` is
  one state.
- ``*.jsonl`` / ``*.ndjson``: JSON Lines, one state per line; blank lines are
  skipped and are not records.
- ``*.json``: a JSON array of states if it starts with ``[``, else one state.
- ``*.toml``: one state.
- anything else: a JSON array if it starts with ``[``, else JSON Lines.

Every record also carries a fingerprint of what has been read to reach it
(``digest``): a running SHA-256 over every input's name and every byte read
from it, up to and including the record (the whole file, for a record that is
a file). ``--resume`` compares the fingerprint of the last record already
written with the same input read again, so a changed input is refused
wherever the change is: an edited record before the resume point, a whole
input replaced by one of the same layout, a line inserted at the top.

A record of a JSON Lines file that can be read again (a regular file, not
standard input or a pipe) carries where its bytes are (:class:`Span`)
instead of the bytes themselves: the main process reads and fingerprints the
file as before, and the worker reads the record's bytes itself, so they do
not travel through a pipe. A CRC-32 of the bytes the main process read goes
with the span, and the worker refuses bytes that no longer match (a file
changed while the batch reads it).
"""

from __future__ import annotations

import hashlib
import os
import stat
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from foundation_engine.batch.jsonarray import ByteReader, read_array

JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")
STATE_SUFFIXES = (".json", ".toml", ".xlsx", ".xlsm")
#: The file that marks a folder as one state kept as CSV files.
CSV_STATE_MARKER = "partnership.csv"


class LineReader(ByteReader, Protocol):
    def readline(self, limit: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class Position:
    """Where a record is in the input."""

    source: str
    line: int | None = None
    index: int | None = None

    def describe(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
        if self.index is not None:
            where += f" [{self.index}]"
        return where


@dataclass(frozen=True)
class Span:
    """Where a record's bytes are in a file: `length` bytes from `offset`, and their CRC-32."""

    file: str
    offset: int
    length: int
    crc: int

    def read(self) -> bytes:
        """The record's bytes, read from the file again.

        Raises OSError when the file cannot be read or no longer holds the bytes
        the batch read there.
        """
        with open(self.file, "rb", buffering=0) as handle:
            handle.seek(self.offset)
            data = handle.read(self.length)
        if len(data) != self.length or zlib.crc32(data) != self.crc:
            raise OSError(f"{self.file} changed while the batch was reading it")
        return data


@dataclass(frozen=True)
class InputRecord:
    """One state to assess: its bytes, or a file to read, or why it could not be read."""

    seq: int
    position: Position
    data: bytes | None = None
    path: str | None = None
    format: str | None = None
    problem: str | None = None
    problem_kind: str | None = None
    digest: str = ""
    """SHA-256, in hex, of the inputs read up to and including this record."""
    state: Any = None
    """A state given as an object (a PartnershipState or a dict), by :func:`assess_many`."""
    span: Span | None = None
    """Where the record's bytes are, in place of `data` (a line of a JSON Lines file)."""

    def with_data(self) -> InputRecord:
        """This record with its bytes in `data`, read from its span if it has one.

        A span that cannot be read gives a record of kind ``input`` saying why.
        """
        if self.span is None:
            return self
        try:
            data = self.span.read()
        except OSError as exc:
            return replace(self, span=None, problem=str(exc), problem_kind="input")
        return replace(self, span=None, data=data)


class InputNotFound(Exception):
    """An INPUT names nothing that exists."""


def check_inputs(inputs: Sequence[str]) -> None:
    """Refuse, before anything runs, an INPUT that does not exist."""
    for name in inputs:
        if name != "-" and not os.path.exists(name):
            raise InputNotFound(name)


def iter_records(inputs: Sequence[str], stdin: BinaryIO, max_bytes: int) -> Iterator[InputRecord]:
    """Every record of every input, in order, numbered from 0, each with its fingerprint."""
    seq = 0
    read = hashlib.sha256()
    for name in inputs:
        read.update(b"\x00input\x00" + os.fsencode(name) + b"\x00")
        for record in _records_of(name, stdin, max_bytes, read):
            yield InputRecord(
                seq,
                record.position,
                record.data,
                record.path,
                record.format,
                record.problem,
                record.problem_kind,
                read.copy().hexdigest(),
                span=record.span,
            )
            seq += 1


class _Digesting:
    """A stream whose every byte read goes into a running hash as well."""

    def __init__(self, stream: LineReader, read: Any) -> None:
        self.stream = stream
        self.digest = read

    def read(self, size: int = -1, /) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        return data

    def readline(self, limit: int = -1, /) -> bytes:
        data = self.stream.readline(limit)
        self.digest.update(data)
        return data


def _digest_file(path: Path, read: Any) -> None:
    """Feed a file a record stands for into the running hash (by name alone if it is not a
    regular file, which the worker will refuse anyway)."""
    read.update(b"\x00file\x00" + os.fsencode(str(path)) + b"\x00")
    try:
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return
            while chunk := handle.read(1 << 20):
                read.update(chunk)
    except OSError:
        return


def _records_of(name: str, stdin: BinaryIO, max_bytes: int, read: Any) -> Iterator[InputRecord]:
    if name == "-":
        yield from _sniffed(_Digesting(stdin, read), "<stdin>", max_bytes)
        return
    path = Path(name)
    if path.is_dir():
        if _is_csv_state(path):
            yield InputRecord(0, Position(name), path=name)
            return
        for entry in sorted(path.iterdir(), key=lambda p: p.name):
            state_file = entry.is_file() and entry.suffix.lower() in STATE_SUFFIXES
            if state_file or (entry.is_dir() and _is_csv_state(entry)):
                if state_file:
                    _digest_file(entry, read)
                yield InputRecord(0, Position(str(entry)), path=str(entry))
        return
    suffix = path.suffix.lower()
    if suffix in (".toml", ".xlsx", ".xlsm"):
        _digest_file(path, read)
        yield InputRecord(0, Position(name), path=name)
        return
    with path.open("rb") as stream:
        # Lines of a regular file are sent to workers as spans, which they read themselves.
        again = str(path.resolve()) if stat.S_ISREG(os.fstat(stream.fileno()).st_mode) else None
        if suffix in JSON_LINES_SUFFIXES:
            yield from _json_lines(_Digesting(stream, read), name, max_bytes, again)
        elif suffix == ".json" and _first_byte(stream) != b"[":
            _digest_file(path, read)
            yield InputRecord(0, Position(name), path=name)
        else:
            yield from _sniffed(_Digesting(stream, read), name, max_bytes, again)


def _is_csv_state(folder: Path) -> bool:
    try:
        return any(
            entry.name.lower() == CSV_STATE_MARKER and entry.is_file() for entry in folder.iterdir()
        )
    except OSError:
        return False


def _first_byte(stream: BinaryIO) -> bytes:
    """The first byte that is not whitespace or a byte-order mark; the stream is rewound."""
    head = stream.read(4096).removeprefix(b"\xef\xbb\xbf").lstrip()
    stream.seek(0)
    return head[:1]


class _Peeked:
    """A stream with some bytes already read put back in front (stdin cannot seek)."""

    def __init__(self, head: bytes, rest: LineReader) -> None:
        self.head = head
        self.rest = rest

    def read(self, size: int = -1, /) -> bytes:
        if self.head:
            data, self.head = (
                (self.head, b"")
                if size < 0 or size >= len(self.head)
                else (self.head[:size], self.head[size:])
            )
            return data
        return self.rest.read(size)

    def readline(self, limit: int = -1, /) -> bytes:
        if self.head:
            cut = self.head.find(b"\n")
            end = len(self.head) if cut < 0 else cut + 1
            if limit >= 0:
                end = min(end, limit)
            line, self.head = self.head[:end], self.head[end:]
            if line.endswith(b"\n") or (limit >= 0 and len(line) >= limit):
                return line
            return line + self.rest.readline(-1 if limit < 0 else limit - len(line))
        return self.rest.readline(limit)


def _sniffed(
    stream: LineReader, source: str, max_bytes: int, again: str | None = None
) -> Iterator[InputRecord]:
    head = b""
    while True:
        chunk = stream.read(1)
        if not chunk:
            break
        head += chunk
        if not chunk.isspace() and not b"\xef\xbb\xbf".startswith(head):
            break
    peeked = _Peeked(head, stream)
    if head.lstrip().removeprefix(b"\xef\xbb\xbf").startswith(b"["):
        for element in read_array(peeked, max_bytes):
            yield InputRecord(
                0,
                Position(source, element.line, element.index),
                data=element.data,
                format="json",
                problem=element.problem,
                problem_kind=element.kind,
            )
    else:
        yield from _json_lines(peeked, source, max_bytes, again)


def _json_lines(
    stream: LineReader, source: str, max_bytes: int, again: str | None = None
) -> Iterator[InputRecord]:
    """The records of a JSON Lines stream; with `again`, the file to give spans of."""
    number = 0
    at = 0  # where `line` starts in the stream
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        start = at
        at += len(line)
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # Too long to hold: skip to the end of the line without keeping it.
            while True:
                more = stream.readline(1 << 20)
                at += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield InputRecord(
                0,
                Position(source, number),
                problem=f"line is longer than the limit of {max_bytes:,} bytes",
                problem_kind="limit",
            )
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
            start += 3
        data = line.strip()
        if not data:
            continue
        if again is None:
            yield InputRecord(0, Position(source, number), data=data, format="json")
            continue
        offset = start + len(line) - len(line.lstrip())
        span = Span(again, offset, len(data), zlib.crc32(data))
        yield InputRecord(0, Position(source, number), format="json", span=span)
