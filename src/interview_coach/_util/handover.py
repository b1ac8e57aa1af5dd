"""Handing an answer to the user's own editor (``$VISUAL``, then ``$EDITOR``, then vi).

One implementation for both front ends: the plain drill runs the editor directly, the
full-screen app runs it while it is suspended (``around``). The text goes through a private
temporary file (``mkstemp`` makes it 0600: answers are private), removed afterwards; one left
by a crash is found by its name (``EDITOR_PREFIX``) and cleaned at the next start.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path

from interview_coach._util.atomic import EDITOR_PREFIX


def editor_command(env: Mapping[str, str]) -> str:
    """The editor the user asked for: ``$VISUAL``, else ``$EDITOR``, else vi."""
    return env.get("VISUAL") or env.get("EDITOR") or "vi"


def edit_in_editor(text: str, env: Mapping[str, str] | None = None, *,
                   around: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext) -> str:
    """Let the user edit ``text`` in their editor; the text they saved.

    ``around`` is entered while the editor runs (the app suspends itself there). Raises
    OSError or ValueError, naming the command, when the editor cannot be run or exits with a
    failure status (the caller keeps the text as it was); what ``around`` raises goes through.
    """
    command = editor_command(os.environ if env is None else env)
    try:
        argv = shlex.split(command)
    except ValueError as exc:  # an unclosed quote
        raise ValueError(f"the editor command {command!r} cannot be read: {exc}") from None
    fd, name = tempfile.mkstemp(prefix=EDITOR_PREFIX, suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        with around():
            done = subprocess.run([*argv, str(path)], check=False)
        if done.returncode != 0:
            raise OSError(f"the editor {command!r} exited with code {done.returncode}")
        return path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
