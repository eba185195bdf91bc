"""The rule book kept on disk between runs, so that a start does not parse every TOML file again.

Reading a folder of rule files is mostly TOML parsing (:mod:`tomllib` is pure
Python): the built-in 65 files take longer to parse than everything else the
engine does to assess a small state. This cache keeps, per rule folder, what
parsing each file produced: the document as JSON text, exactly the text the
quick validation path of :mod:`foundation_engine.rulebook.loading` checks. A
file is taken from the cache only when it is the same file as when it was
cached (same size, modification and change times in nanoseconds, inode and
device); its text is then validated again by the same model and the same
pattern checks, so a cached rule is judged exactly as a freshly read one.

What the cache never does:

- run code: it is JSON read with :func:`json.loads` (no pickle, no marshal),
  and its text is validated as if it had just been read from the file;
- serve a file that failed: only files that passed every check are kept, so a
  rule pack with problems is read and reported exactly as without the cache
  (the same problems, with file and line);
- outlive the code that wrote it: each cache file names the engine version,
  the Python version and the size and modification time of the modules that
  decide what a rule file means; any difference and it is ignored;
- break an assessment: a cache file that cannot be read, is cut short, does
  not match its SHA-256 checksum or does not have the expected shape is
  ignored and the rule files are read; a cache that cannot be written is
  skipped without a word;
- read what another user could have written: a cache file must belong to the
  user running the engine and be writable by no one else (files are created
  ``0600`` in a folder created ``0700``);
- trust a file changed just now: a file modified in the last
  :data:`RACY_SECONDS` is not cached yet, since another change within the
  same clock tick could leave its times as they were.

Where: ``$XDG_CACHE_HOME/foundation-engine``, else ``~/.cache/foundation-engine``
(from ``$HOME``); with neither variable set there is no cache. Files are
written whole to a temporary file and moved into place (:func:`os.replace`),
so a reader sees the old cache or the new one, never half of one.

Environment:

``FOUNDATION_ENGINE_NO_CACHE``
    Set to ``1`` (any value but empty or ``0``) to read every rule file on
    every start and write no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from foundation_engine._version import __version__

NO_CACHE_ENV = "FOUNDATION_ENGINE_NO_CACHE"
CACHE_FOLDER_NAME = "foundation-engine"
#: The first line of every cache file; a new layout gets a new number.
MAGIC = b"foundation-engine rule cache 1"
#: A file modified less than this long ago is read but not cached yet.
RACY_SECONDS = 2.0
#: A cache file larger than this is ignored (the built-in rule book takes about 300 KB).
MAX_CACHE_FILE_BYTES = 64 * 1024 * 1024
#: Cache files not written for this long (of folders gone, or of older engines) are removed
#: whenever a cache file is written; one still in use is simply written again.
STALE_SECONDS = 30 * 24 * 3600

#: The modules whose code decides what a rule file's text means.
_MEANING_MODULES = (
    "foundation_engine.rulebook.loading",
    "foundation_engine.rulebook.model",
    "foundation_engine.rulebook.severity",
    "foundation_engine.files.toml_input",
    "foundation_engine.files.limits",
    "foundation_engine.state.vocabulary",
)

Signature = tuple[int, int, int, int, int]
"""A file's size, modification and change times (ns), inode and device."""


def signature(status: os.stat_result) -> Signature:
    """What must stay the same for a cached file to be taken as unchanged."""
    return (
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_ino,
        status.st_dev,
    )


def cache_folder() -> Path | None:
    """The folder the rule book cache lives in, or None when caching is off."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(base):
        return Path(base) / CACHE_FOLDER_NAME
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return Path(home) / ".cache" / CACHE_FOLDER_NAME
    return None


def _code_stamp() -> list[Any]:
    """The engine and Python versions and the state of the modules that read rule files."""
    stamp: list[Any] = [__version__, sys.version]
    for name in _MEANING_MODULES:
        module = sys.modules.get(name)
        where = getattr(module, "__file__", None)
        try:
            status = os.stat(where) if where else None
        except OSError:
            status = None
        stamp.append([name, status.st_size, status.st_mtime_ns] if status else [name])
    return stamp


class FolderCache:
    """The cached documents of one folder of rule files, and the changes to write back."""

    def __init__(self, folder: Path, listed: Path, file: Path, stamp: list[Any]) -> None:
        self.folder = folder
        """The folder, absolute: what the cache file belongs to."""
        self.listed = listed
        """The folder as its files are named when it is listed (perhaps relative)."""
        self.file = file
        self.stamp = stamp
        self.entries: dict[str, tuple[Signature, str]] = {}
        self._kept: dict[str, tuple[Signature, str]] = {}
        self._changed = False

    def _key(self, path: Path) -> str | None:
        try:
            return path.relative_to(self.listed).as_posix()
        except ValueError:
            return None

    def recall(self, path: Path) -> str | None:
        """The document text cached for `path`, when the file is still the one cached."""
        key = self._key(path)
        entry = self.entries.get(key) if key is not None else None
        if entry is None or key is None:
            return None
        try:
            now = signature(os.stat(path))
        except OSError:
            return None
        if now != entry[0]:
            return None
        self._kept[key] = entry
        return entry[1]

    def forget(self, path: Path) -> None:
        """Drop what was recalled for `path` (its text did not pass validation again)."""
        key = self._key(path)
        if key is not None and self._kept.pop(key, None) is not None:
            self._changed = True

    def remember(self, path: Path, status: os.stat_result, text: str) -> None:
        """Keep `text` as the document of `path`, as it was when `status` was taken."""
        key = self._key(path)
        if key is None:
            return
        if status.st_mtime_ns > time.time_ns() - int(RACY_SECONDS * 1e9):
            return
        entry = (signature(status), text)
        if self.entries.get(key) != entry:
            self._changed = True
        self._kept[key] = entry

    def save(self) -> None:
        """Write the folder's entries back when they changed; any failure is ignored."""
        if not self._changed and self._kept.keys() == self.entries.keys():
            self._kept = {}
            return
        self.entries, self._kept, self._changed = self._kept, {}, False
        body = json.dumps(
            {
                "stamp": self.stamp,
                "folder": str(self.folder),
                "files": {key: [*sig, text] for key, (sig, text) in self.entries.items()},
            },
            ensure_ascii=False,
            allow_nan=False,
        ).encode("utf-8")
        data = b"%s\n%s\n%s" % (MAGIC, hashlib.sha256(body).hexdigest().encode("ascii"), body)
        _write_atomically(self.file, data)
        _remove_stale(self.file.parent)


def _write_atomically(file: Path, data: bytes) -> None:
    temporary: str | None = None
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            dir=file.parent, prefix=f".{file.stem}-", suffix=".tmp"
        )
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, file)
        temporary = None
    except OSError:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _remove_stale(where: Path) -> None:
    """Remove the cache files in `where` that have not been written for :data:`STALE_SECONDS`."""
    oldest = time.time() - STALE_SECONDS
    try:
        files = list(where.glob("rules-*.json"))
    except OSError:
        return
    for file in files:
        with contextlib.suppress(OSError):
            if file.stat().st_mtime < oldest:
                file.unlink()


def _read_entries(file: Path, folder: Path, stamp: list[Any]) -> dict[str, tuple[Signature, str]]:
    """The entries of a cache file, or none when it is missing, damaged, or not this code's."""
    try:
        with open(file, "rb") as handle:
            if not _ours_alone(os.fstat(handle.fileno())):
                return {}
            data = handle.read(MAX_CACHE_FILE_BYTES + 1)
    except OSError:
        return {}
    if len(data) > MAX_CACHE_FILE_BYTES:
        return {}
    magic, _, rest = data.partition(b"\n")
    checksum, _, body = rest.partition(b"\n")
    if magic != MAGIC or hashlib.sha256(body).hexdigest().encode("ascii") != checksum:
        return {}
    try:
        document = json.loads(body, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):  # a bad UTF-8 sequence is a ValueError too
        return {}
    if (
        not isinstance(document, dict)
        or document.get("stamp") != stamp
        or document.get("folder") != str(folder)
        or not isinstance(document.get("files"), dict)
    ):
        return {}
    entries: dict[str, tuple[Signature, str]] = {}
    for key, value in document["files"].items():
        if (
            not isinstance(value, list)
            or len(value) != 6
            or not all(type(number) is int for number in value[:5])
            or not isinstance(value[5], str)
        ):
            return {}
        entries[key] = ((value[0], value[1], value[2], value[3], value[4]), value[5])
    return entries


def _ours_alone(status: os.stat_result) -> bool:
    """Whether a cache file is owned by this user and writable by no one else.

    A cache someone else could write (a shared or loosely set ``XDG_CACHE_HOME``)
    could hold well-formed rules that are not the files' own, so it is not read.
    """
    owner = getattr(os, "geteuid", None)
    if owner is not None and status.st_uid != owner():
        return False
    return not status.st_mode & 0o022


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a value the cache writes")


_known_lock = threading.Lock()
#: The entries of each cache file this process has read, by file, with the file's signature
#: when it was read (a file changed since, by another process, is read again).
_known: dict[Path, tuple[Signature, dict[str, tuple[Signature, str]]]] = {}


def folder_cache(folder: Path) -> FolderCache | None:
    """The cache of `folder` for one reading of it; None when caching is off.

    A cache file is read once per process while it stays the same; each
    reading of the folder gets its own :class:`FolderCache`, so two threads
    reading it do not share state.
    """
    where = cache_folder()
    if where is None:
        return None
    absolute = Path(os.path.abspath(folder))
    stamp = _code_stamp()
    name = hashlib.sha256(json.dumps([stamp, str(absolute)]).encode("utf-8")).hexdigest()
    cache = FolderCache(absolute, folder, where / f"rules-{name[:32]}.json", stamp)
    try:
        now = signature(os.stat(cache.file))
    except OSError:
        return cache
    with _known_lock:
        known = _known.get(cache.file)
    if known is not None and known[0] == now:
        cache.entries = known[1]
    else:
        cache.entries = _read_entries(cache.file, absolute, stamp)
        with _known_lock:
            _known[cache.file] = (now, cache.entries)
    return cache
