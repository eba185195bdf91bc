"""Replacing a file atomically: readers see the old file or the new one, never half of one.

The data goes to a temporary file in the same folder, is flushed to disk, and
is renamed over the target (an atomic step on POSIX and Windows).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` so that a crash never leaves a partial file there.

    An error (a full disk: ENOSPC) names `path`, and leaves nothing behind.
    """
    target = Path(path)
    with naming(target):
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    try:
        with naming(target):
            with os.fdopen(handle, "wb") as file:
                os.chmod(temporary, _mode_for(target))
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    sync_folder(target.parent)


@contextlib.contextmanager
def naming(path: str | os.PathLike[str]) -> Iterator[None]:
    """Within the block, an OSError that names no file names `path`.

    A write to a full disk fails with ENOSPC and no file name; the person
    reading "No space left on device" needs to know which file was not written.
    """
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror or str(exc), os.fspath(path)) from exc
        raise


def create_like(path: Path, like: Path) -> int:
    """Open `path` to write, new, with the permissions of `like` when it exists.

    A batch writes its output to FILE.partial and renames it over FILE; a FILE
    kept private (0600) must stay private.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.chmod(path, _mode_for(like))
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (umask applied)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
