"""Reading a JSON array file one element at a time, in flat memory.

The reader finds where each top-level element starts and ends (tracking
strings, escapes and nesting) and hands over its bytes with its index and the
line it starts on; parsing each element is left to the loader, so a broken
element is one bad record and the others still count. Only the element being
read is held in memory; one larger than `max_bytes` is skipped and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

CHUNK_BYTES = 1 << 16
_INTERESTING = re.compile(rb'["\\\[\]{},\n]')
_WHITESPACE = b" \t\r\n"


class ByteReader(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class ArrayElement:
    """One element of the array, or the reason the array could not be read further."""

    index: int
    line: int
    data: bytes | None
    problem: str | None = None
    kind: str | None = None
    """``parse`` for broken array syntax, ``limit`` for an oversized element."""


class _Scan:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.pending = bytearray()  # bytes of the current element read so far
        self.oversized = False
        self.line = 1  # line of the byte being looked at
        self.element_line = 1  # line of the separator before the current element
        self.depth = 0
        self.in_string = False
        self.escaped_at = -1  # absolute offset of a byte escaped by a backslash
        self.index = 0
        self.closed = False  # the closing ']' was read
        self.stopped = False  # broken syntax: nothing more can be read
        self.started = False


def read_array(stream: ByteReader, max_bytes: int) -> Iterator[ArrayElement]:
    """The elements of the JSON array in `stream`, in order.

    Broken syntax between elements (a missing ``[``, an empty element, text
    after the closing ``]``, an unclosed array) ends the reading with one
    element carrying the problem.
    """
    scan = _Scan(max_bytes)
    offset = 0  # absolute offset of the start of `chunk`
    first = True
    while True:
        chunk = stream.read(CHUNK_BYTES)
        if first:
            # Read at least three bytes to see a whole byte-order mark.
            while 0 < len(chunk) < 3 and (more := stream.read(CHUNK_BYTES)):
                chunk += more
            first = False
            if chunk.startswith(b"\xef\xbb\xbf"):
                chunk = chunk[3:]
                if not chunk:
                    continue
        if not chunk:
            break
        start = 0
        if not scan.started:
            stripped = chunk.lstrip(_WHITESPACE)
            if not stripped:
                scan.line += chunk.count(b"\n")
                offset += len(chunk)
                continue
            skipped = len(chunk) - len(stripped)
            scan.line += chunk.count(b"\n", 0, skipped)
            if not stripped.startswith(b"["):
                yield ArrayElement(
                    0, scan.line, None, "expected a JSON array starting with '['", "parse"
                )
                return
            scan.started = True
            scan.depth = 1
            scan.element_line = scan.line
            start = skipped + 1
        if scan.closed:
            rest = chunk[start:]
            if rest.strip(_WHITESPACE):
                yield _trailing(scan, rest)
                return
            offset += len(chunk)
            continue
        yield from _scan_chunk(scan, chunk, start, offset)
        if scan.stopped:
            return
        offset += len(chunk)
    if not scan.started:
        yield ArrayElement(0, scan.line, None, "empty input, expected a JSON array", "parse")
    elif not scan.closed:
        yield ArrayElement(
            scan.index,
            scan.element_line,
            None,
            "the input ended before the JSON array was closed with ']'",
            "parse",
        )


def _trailing(scan: _Scan, rest: bytes) -> ArrayElement:
    stripped = rest.lstrip(_WHITESPACE)
    line = scan.line + rest.count(b"\n", 0, len(rest) - len(stripped))
    return ArrayElement(scan.index, line, None, "unexpected text after the closing ']'", "parse")


def _scan_chunk(scan: _Scan, chunk: bytes, start: int, offset: int) -> Iterator[ArrayElement]:
    element_from = start  # where the current element's bytes begin in this chunk
    for match in _INTERESTING.finditer(chunk, start):
        position = match.start()
        absolute = offset + position
        byte = chunk[position]
        if byte == 0x0A:  # newline
            scan.line += 1
            continue
        if absolute == scan.escaped_at:
            continue
        if scan.in_string:
            if byte == 0x5C:  # backslash
                scan.escaped_at = absolute + 1
            elif byte == 0x22:  # quote
                scan.in_string = False
            continue
        if byte == 0x22:
            scan.in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            scan.depth += 1
        elif byte in (0x5D, 0x7D):  # ] }
            scan.depth -= 1
            if scan.depth == 0:
                _keep(scan, chunk[element_from:position])
                element = _finish(scan, closing=True)
                if element is not None:
                    yield element
                scan.closed = True
                rest = chunk[position + 1 :]
                if rest.strip(_WHITESPACE):
                    yield _trailing(scan, rest)
                    scan.stopped = True
                return
        elif byte == 0x2C and scan.depth == 1:  # a comma between elements
            _keep(scan, chunk[element_from:position])
            element = _finish(scan, closing=False)
            if element is not None:
                yield element
                if element.kind == "parse":
                    scan.stopped = True
                    return
            element_from = position + 1
    _keep(scan, chunk[element_from:])


def _keep(scan: _Scan, data: bytes) -> None:
    if scan.oversized:
        return
    scan.pending += data
    if len(scan.pending) > scan.max_bytes:
        scan.oversized = True
        scan.pending.clear()


def _finish(scan: _Scan, *, closing: bool) -> ArrayElement | None:
    """The element that just ended at a ``,`` or the closing ``]``."""
    raw = bytes(scan.pending)
    scan.pending.clear()
    stripped = raw.lstrip(_WHITESPACE)
    line = scan.element_line + raw.count(b"\n", 0, len(raw) - len(stripped))
    scan.element_line = scan.line
    if scan.oversized:
        scan.oversized = False
        element = ArrayElement(
            scan.index,
            line,
            None,
            f"element is larger than the limit of {scan.max_bytes:,} bytes",
            "limit",
        )
        scan.index += 1
        return element
    data = stripped.rstrip(_WHITESPACE)
    if not data:
        if closing and scan.index == 0:
            return None  # an empty array: no elements
        where = "before ']'" if closing else "between commas"
        return ArrayElement(scan.index, line, None, f"missing array element {where}", "parse")
    element = ArrayElement(scan.index, line, data)
    scan.index += 1
    return element
