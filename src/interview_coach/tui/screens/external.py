"""Editing the answer in the user's $EDITOR while the app is suspended."""

from __future__ import annotations

from textual.app import App, SuspendNotSupported

from interview_coach._util.handover import edit_in_editor
from interview_coach.tui.literal import clean


def edit_externally(app: App, text: str) -> str | None:
    """Open ``text`` in $VISUAL/$EDITOR; the edited text, or None when that was not possible."""
    try:
        return edit_in_editor(text, around=app.suspend)
    except SuspendNotSupported:
        _say(app, "This terminal cannot hand over to an editor.")
    except (OSError, ValueError) as exc:
        _say(app, f"Could not use your editor: {exc}")
    return None


def _say(app: App, text: str) -> None:
    app.notify(clean(text), severity="warning", markup=False)
