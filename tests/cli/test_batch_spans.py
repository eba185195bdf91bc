"""Lines of a JSON Lines file reach the workers as byte spans, and nothing else changes.

The main process reads and fingerprints the file; each record it hands on is
where its bytes are (offset, length, CRC-32), and the worker reads them
itself. These tests hold the records of a file, read back through their
spans, to the records of the same bytes read from standard input (which keeps
sending bytes), the fingerprints to a running SHA-256 worked out here, and
the output to the same bytes whatever the number of workers or a resume.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from foundation_engine.batch.inputs import InputRecord, iter_records

from .conftest import Result, gappy_state

LIMIT = 1 << 20


def _awkward_portfolio() -> bytes:
    """CRLF endings, a BOM, blank and whitespace-only lines, multi-byte UTF-8, a bad
    record, padding around a record, and a last line without a newline."""
    states = [gappy_state(id=f"p-{i}") for i in range(5)]
    states[1]["partnership"]["name"] = "Zoë & Søren — 東京 🚀"
    lines = [json.dumps(s, ensure_ascii=False).encode() for s in states]
    return (
        b"\xef\xbb\xbf"
        + lines[0]
        + b"\r\n\r\n"
        + lines[1]
        + b"\r\n   \t\r\n"
        + b'{"partnership": '
        + b"\r\n"
        + b"  \t"
        + lines[2]
        + b"  \n\n"
        + lines[3]
        + b"\n"
        + lines[4]
    )


def _read(records: list[InputRecord]) -> list[tuple[int | None, bytes | None, str | None]]:
    return [(r.position.line, r.data, r.problem) for r in (r.with_data() for r in records)]


def test_spans_read_back_the_bytes_standard_input_would_send(workdir: Path) -> None:
    content = _awkward_portfolio()
    (workdir / "in.jsonl").write_bytes(content)
    from_file = list(iter_records(["in.jsonl"], io.BytesIO(), LIMIT))
    from_stdin = list(iter_records(["-"], io.BytesIO(content), LIMIT))
    assert all(r.span is not None and r.data is None for r in from_file)
    assert all(r.span is None for r in from_stdin)
    assert _read(from_file) == _read(from_stdin)
    assert [r.position.line for r in from_file] == [1, 3, 5, 6, 8, 9]


def test_the_fingerprint_is_still_the_running_hash_of_every_byte_read(workdir: Path) -> None:
    content = _awkward_portfolio()
    (workdir / "in.jsonl").write_bytes(content)
    records = list(iter_records(["in.jsonl"], io.BytesIO(), LIMIT))
    ends = [i + 1 for i, byte in enumerate(content) if byte == ord("\n")] + [len(content)]
    expected = []
    for record in records:
        assert record.position.line is not None
        end = ends[record.position.line - 1]
        running = hashlib.sha256(b"\x00input\x00in.jsonl\x00" + content[:end])
        expected.append(running.hexdigest())
    assert [r.digest for r in records] == expected


def test_a_file_changed_while_the_batch_reads_it_gives_an_input_error(workdir: Path) -> None:
    path = workdir / "in.jsonl"
    path.write_text(json.dumps(gappy_state(id="p-0")) + "\n")
    (record,) = iter_records(["in.jsonl"], io.BytesIO(), LIMIT)
    text = path.read_text().replace("p-0", "p-9")
    path.write_text(text)
    changed = record.with_data()
    assert changed.data is None
    assert changed.problem_kind == "input"
    assert changed.problem == f"{path.resolve()} changed while the batch was reading it"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_keeps_sending_bytes(workdir: Path) -> None:
    os.mkfifo(workdir / "in.jsonl")
    line = json.dumps(gappy_state(id="p-0")).encode()

    def feed() -> None:
        with open(workdir / "in.jsonl", "wb") as pipe:
            pipe.write(line + b"\n")

    writer = threading.Thread(target=feed)
    writer.start()
    (record,) = iter_records(["in.jsonl"], io.BytesIO(), LIMIT)
    writer.join()
    assert record.span is None
    assert record.data == line


def test_awkward_lines_give_the_same_bytes_with_one_or_two_workers(
    cli: Callable[..., Result], workdir: Path
) -> None:
    (workdir / "in.jsonl").write_bytes(_awkward_portfolio())
    outputs = []
    for workers in ("1", "2"):
        result = cli("batch", "in.jsonl", "-o", f"out{workers}.jsonl", "--workers", workers)
        assert result.code == 0, result.err  # a broken record is an output record
        outputs.append((workdir / f"out{workers}.jsonl").read_bytes())
    assert outputs[0] == outputs[1]
    records = [json.loads(line) for line in outputs[0].splitlines()]
    assert [(r["line"], r["ok"], r["partnership_id"]) for r in records] == [
        (1, True, "p-0"),
        (3, True, "p-1"),
        (5, False, None),
        (6, True, "p-2"),
        (8, True, "p-3"),
        (9, True, "p-4"),
    ]
    assert records[1]["report"]["partnership_name"] == "Zoë & Søren — 東京 🚀"
    assert records[2]["error"]["kind"] == "parse"


def test_a_resumed_batch_of_awkward_lines_gives_the_same_bytes(
    cli: Callable[..., Result], workdir: Path
) -> None:
    (workdir / "in.jsonl").write_bytes(_awkward_portfolio())
    assert cli("batch", "in.jsonl", "-o", "full.jsonl", "--workers", "2").code == 0
    full = (workdir / "full.jsonl").read_bytes()
    kept = full.splitlines(keepends=True)[:2]
    torn = full.splitlines(keepends=True)[2][:40]
    (workdir / "out.jsonl.partial").write_bytes(b"".join(kept) + torn)
    result = cli("batch", "in.jsonl", "-o", "out.jsonl", "--workers", "2", "--resume")
    assert result.code == 0, result.err
    assert (workdir / "out.jsonl").read_bytes() == full
