"""Answers the history could not save (a read-only or full disk): written somewhere else, or
printed, when the app closes, so nothing typed is lost (issue 14 point 5).

Core module: no Textual. The caller (the terminal app's command) says what happened and exits
non-zero.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interview_coach._util.atomic import atomic_write_text


def render_unsaved(answers: Sequence[dict[str, Any]]) -> str:
    """The answers as plain Markdown, one section each (bank, question, when, the answer)."""
    out = ["# Answers interview-coach could not save", ""]
    for number, data in enumerate(answers, 1):
        kind = " (a draft, not submitted)" if data.get("draft") else ""
        out.append(f"## {number}. {data.get('bank_id', '?')} / {data.get('question_id', '?')}"
                   f"{kind}")
        if data.get("submitted_at"):
            out.append(f"Submitted {data['submitted_at']}")
        out.extend(["", str(data.get("answer", "")), ""])
    return "\n".join(out)


def rescue_places() -> list[Path]:
    """Where to try, in order: the current folder, the home folder, the system temp folder."""
    places = [Path.cwd(), Path.home(), Path(tempfile.gettempdir())]
    seen: list[Path] = []
    for place in places:
        if place not in seen:
            seen.append(place)
    return seen


def first_place(places: Iterable[Path] | None = None) -> Path | None:
    """The first of ``places`` (default :func:`rescue_places`) that looks writable: where
    :func:`rescue_answers` will most likely write (None: they will be printed)."""
    for place in places if places is not None else rescue_places():
        if Path(place).is_dir() and os.access(place, os.W_OK | os.X_OK):
            return Path(place)
    return None


def rescue_answers(answers: Sequence[dict[str, Any]],
                   places: Iterable[Path] | None = None) -> Path | None:
    """Write ``answers`` to a private (0600) file in the first place that takes it; its path,
    or None when none did (the caller prints them instead)."""
    if not answers:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = render_unsaved(answers)
    for place in places if places is not None else rescue_places():
        target = Path(place) / f"interview-coach-unsaved-{stamp}-{os.getpid()}.md"
        try:
            atomic_write_text(target, text)
        except OSError:
            continue
        return target
    return None
