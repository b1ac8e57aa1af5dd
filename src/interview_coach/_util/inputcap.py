"""Reading a command's input file (or stdin) with a size cap, refusing what is not a regular file.

``score``, ``grade`` and ``import`` read their whole input into memory. A FIFO would block them
forever and ``/dev/zero`` would fill memory, so a named file must be a regular file (checked on
the open descriptor, which is opened without blocking), and no input is read past ``limit``.
Standard input may be a pipe or a terminal, but is capped the same way. Every refusal is a
:class:`UsageError` naming the input (the CLI prints it and exits 2).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from interview_coach._util.errors import UsageError

MB = 1024 * 1024


def _mb(limit: int) -> str:
    return f"{limit / MB:g} MB" if limit >= MB else f"{limit:,} byte"


def _read_at_most(stream: BinaryIO, limit: int, name: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UsageError(f"{name}: the input is over the {_mb(limit)} limit")
    return data


def read_input(name: str | Path, limit: int, *, head: int | None = None) -> bytes:
    """The bytes of the file ``name`` (``-`` for stdin), at most ``limit`` of them.

    With ``head``, only the first ``head`` bytes (to sniff a format), under the same checks.
    """
    if str(name) == "-":
        return _read_at_most(sys.stdin.buffer, limit, "stdin")
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe" if stat.S_ISFIFO(
                info.st_mode) else "a device or other special file"
            raise UsageError(f"{name}: not a regular file ({kind})")
        if info.st_size > limit:
            raise UsageError(f"{name}: the file is {info.st_size / MB:.1f} MB, over the "
                             f"{_mb(limit)} limit")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            if head is not None:
                return stream.read(head)
            return _read_at_most(stream, limit, str(name))
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
