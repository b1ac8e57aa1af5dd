"""Editing the answer in the user's $EDITOR while the app is suspended."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

from interview_coach.tui.literal import clean


def edit_externally(app: App, text: str) -> str | None:
    """Open ``text`` in $VISUAL/$EDITOR; the edited text, or None when that was not possible."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, name = tempfile.mkstemp(prefix="interview-coach-answer-", suffix=".md")  # created 0600: answers are private
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        with app.suspend():
            subprocess.run([*shlex.split(command), str(path)], check=False)
        return path.read_text(encoding="utf-8", errors="replace")
    except SuspendNotSupported:
        _say(app, "This terminal cannot hand over to an editor.")
    except (OSError, ValueError) as exc:
        _say(app, f"Could not run the editor {command!r}: {exc}")
    finally:
        path.unlink(missing_ok=True)
    return None


def _say(app: App, text: str) -> None:
    app.notify(clean(text), severity="warning", markup=False)
