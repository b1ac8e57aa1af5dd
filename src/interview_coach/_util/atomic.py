"""Atomic file output: write to a temporary file beside the target, then rename it into place.

A run killed half way leaves either the old file or none, never half a file.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

STALE_AFTER = 3600.0  # seconds: a temporary this old belongs to a run that was killed
EDITOR_PREFIX = "interview-coach-answer-"  # the $EDITOR hand-over file, in the system temp folder


def temporary_patterns(name: str) -> tuple[str, ...]:
    """Name patterns of the temporaries made beside an output called ``name``."""
    return (f".{name}.*.tmp", f".{name}.*.restore")


def remove_stale_temporaries(directory: Path, patterns: Iterable[str],
                             older_than: float = STALE_AFTER) -> list[Path]:
    """Delete our own files in ``directory`` matching ``patterns`` and not touched for
    ``older_than`` seconds (0: every one); returns what was removed. Never raises."""
    removed: list[Path] = []
    wanted = tuple(patterns)
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        if not any(fnmatch.fnmatchcase(entry.name, pattern) for pattern in wanted):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not entry.is_file(follow_symlinks=False) or info.st_uid != os.getuid():
                continue
            if now - info.st_mtime < older_than:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def remove_stale_editor_files(older_than: float = STALE_AFTER) -> list[Path]:
    """The $EDITOR hand-over files a crashed run left in the system temp folder."""
    return remove_stale_temporaries(Path(tempfile.gettempdir()), (f"{EDITOR_PREFIX}*",),
                                    older_than)


@contextlib.contextmanager
def atomic_path(path: Path | str, mode: int = 0o600, suffix: str = ".tmp") -> Iterator[Path]:
    """A private temporary file beside ``path`` (created empty, ``mode``) that replaces
    ``path`` when the block succeeds and is removed when it fails.

    The one atomic replacement of the project: for a writer that needs a file name (SQLite's
    backup) rather than a stream; :func:`atomic_writer` is built on it. ``suffix`` is one of
    those :func:`temporary_patterns` knows, so a killed run's temporary is cleaned later.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    remove_stale_temporaries(directory, temporary_patterns(target.name))  # of a killed run
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=directory)
    tmp = Path(name)
    try:
        os.fchmod(fd, mode)
        os.close(fd)
        yield tmp
        with open(tmp, "rb") as written:  # on the disk before it takes the name
            os.fsync(written.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _replacing(path: Path | str, mode: int, open_mode: str, **kwargs: Any) -> Iterator[IO[Any]]:
    """A stream on a private temporary file that replaces ``path`` when the block succeeds."""
    with atomic_path(path, mode) as tmp, open(tmp, open_mode, **kwargs) as stream:
        yield stream


@contextlib.contextmanager
def atomic_writer(
    path: Path | str, mode: int = 0o600, newline: str | None = "", encoding: str = "utf-8"
) -> Iterator[IO[str]]:
    """Open a text stream whose content replaces ``path`` only when the block succeeds."""
    with _replacing(path, mode, "w", encoding=encoding, newline=newline) as stream:
        yield stream


def atomic_write_text(path: Path | str, text: str, mode: int = 0o600) -> None:
    """Replace ``path`` with ``text`` atomically."""
    with atomic_writer(path, mode=mode) as stream:
        stream.write(text)


def atomic_write_bytes(path: Path | str, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically."""
    with _replacing(path, mode, "wb") as stream:
        stream.write(data)
