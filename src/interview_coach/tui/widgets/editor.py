"""The answer editor: a soft-wrapping TextArea whose pastes are cleaned of control characters."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from interview_coach.tui.safe import clean


class AnswerEditor(TextArea):
    """Where the candidate types; ESC and other controls in a paste become visible symbols."""

    DEFAULT_CSS = """
    AnswerEditor { height: 1fr; min-height: 3; }
    """

    def __init__(self, text: str = "", *, blink: bool = True, id: str | None = None) -> None:
        super().__init__(clean(text), soft_wrap=True, tab_behavior="focus", id=id,
                         max_checkpoints=200)
        self.cursor_blink = blink

    async def _on_paste(self, event: events.Paste) -> None:
        # Replaces TextArea's own paste handling: the same insert, with the text cleaned first.
        event.prevent_default()
        event.stop()
        if self.read_only:
            return
        if result := self._replace_via_keyboard(clean(event.text), *self.selection):
            self.move_cursor(result.end_location)
            self.focus()

    def set_answer(self, text: str) -> None:
        """Replace the whole text, keeping undo (so an edit in $EDITOR can be undone)."""
        self.replace(clean(text), (0, 0), self.document.end)
