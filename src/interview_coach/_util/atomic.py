"""Atomic file output: write to a temporary file beside the target, then rename it into place.

A run killed half way leaves either the old file or none, never half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def _replacing(path: Path | str, mode: int, open_mode: str, **kwargs: Any) -> Iterator[IO[Any]]:
    """A stream on a private temporary file that replaces ``path`` when the block succeeds."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, open_mode, **kwargs) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
