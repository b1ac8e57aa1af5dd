"""A dialog that never eats typing: keys it does not use go on into the answer underneath.

A dialog over the answer editor (quitting with unsaved answers, choosing among saved drafts)
must not swallow what the user types meanwhile: a letter, a space or enter that the dialog has
no use for is put into the editor below, where it was meant to go (issue 14 points 2 and 5).
The dialog's own keys are control keys (or enter/arrows where the dialog is a list).
"""

from __future__ import annotations

from textual import events

from interview_coach.tui.screens.base import CoachModal
from interview_coach.tui.widgets.editor import AnswerEditor


class KeepTypingModal(CoachModal):
    """A dialog that hands the keys it does not bind to the answer editor beneath it."""

    def editor_below(self) -> AnswerEditor | None:
        """The answer editor of the screen under this dialog, if it has one."""
        stack = self.app.screen_stack
        if self not in stack:
            return None
        for screen in reversed(stack[: stack.index(self)]):
            editors = list(screen.query(AnswerEditor))
            if editors:
                return editors[0] if not editors[0].read_only else None
            if not isinstance(screen, KeepTypingModal):
                return None
        return None

    def on_key(self, event: events.Key) -> None:
        """A typed character (or enter) the dialog does not use goes into the answer."""
        if event.key in self.active_bindings:  # the dialog's own key (or its list's)
            return
        text = "\n" if event.key == "enter" else (event.character if event.is_printable else None)
        if not text:
            return
        editor = self.editor_below()
        if editor is None:
            return
        event.stop()
        event.prevent_default()
        editor.insert(text)
