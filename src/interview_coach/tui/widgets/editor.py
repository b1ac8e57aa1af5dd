"""The answer editor: a soft-wrapping TextArea whose pastes are cleaned of control characters."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea

from interview_coach.tui.literal import clean

# Above this many characters the editor stops soft-wrapping: re-wrapping a megabyte on every
# edit would take most of a second, and typing must stay instant.
WRAP_LIMIT = 100_000


class _CachedHeight(WrappedDocument):
    """TextArea asks the wrapped height once per painted line, and Textual sums every line for
    it; with a pasted megabyte (tens of thousands of lines) that made each keystroke slow."""

    _height: int | None = None

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """Re-wrap everything (the height changes)."""
        self._height = None
        super().wrap(width, tab_width)

    def wrap_range(self, *args: Any, **kwargs: Any) -> None:
        """Re-wrap after an edit (the height changes)."""
        self._height = None
        super().wrap_range(*args, **kwargs)

    @property
    def height(self) -> int:
        """The wrapped height, computed once per change."""
        if self._height is None:
            self._height = super().height
        return self._height


class AnswerEditor(TextArea):
    """Where the candidate types; ESC and other controls in a paste become visible symbols."""

    DEFAULT_CSS = """
    AnswerEditor { height: 1fr; min-height: 3; overflow-y: scroll; }
    """

    def __init__(self, text: str = "", *, blink: bool = True, id: str | None = None) -> None:
        super().__init__(clean(text), soft_wrap=len(text) <= WRAP_LIMIT, tab_behavior="focus",
                         id=id, max_checkpoints=200)
        self.cursor_blink = blink

    @property  # type: ignore[override]
    def wrapped_document(self) -> WrappedDocument:
        """The soft-wrapped view of the text (with its height cached)."""
        return self._wrapped_doc

    @wrapped_document.setter
    def wrapped_document(self, document: WrappedDocument) -> None:
        if type(document) is WrappedDocument:
            document.__class__ = _CachedHeight
        self._wrapped_doc = document

    def _wrap_for(self, added: int) -> None:
        if self.soft_wrap and len(self.text) + added > WRAP_LIMIT:
            self.soft_wrap = False
            self.notify("A very long answer: soft wrap is off so typing stays quick.",
                        markup=False)

    async def _on_paste(self, event: events.Paste) -> None:
        # Replaces TextArea's own paste handling: the same insert, with the text cleaned first.
        event.prevent_default()
        event.stop()
        if self.read_only:
            return
        text = clean(event.text)
        self._wrap_for(len(text))
        if result := self._replace_via_keyboard(text, *self.selection):
            self.move_cursor(result.end_location)
            self.focus()

    def load_text(self, text: str) -> None:
        """Replace the text and its undo history (a new question), wrapping when it is short."""
        self.soft_wrap = len(text) <= WRAP_LIMIT
        super().load_text(clean(text))

    def set_answer(self, text: str) -> None:
        """Replace the whole text, keeping undo (so an edit in $EDITOR can be undone)."""
        self._wrap_for(len(text))
        self.replace(clean(text), (0, 0), self.document.end)
