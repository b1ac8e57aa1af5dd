"""The offer of a saved draft when coming back to a question."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from interview_coach.tui.literal import plain, shorten
from interview_coach.tui.screens.base import CoachModal


class DraftOffer(CoachModal):
    """'You have a draft for this question: restore it?' Dismisses with the draft or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "restore", "Restore draft", id="draft.restore"),
        Binding("n,escape", "discard", "Start afresh", id="draft.discard"),
    ]

    def __init__(self, draft: str) -> None:
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        """The start of the draft and the two choices."""
        with Vertical(classes="dialog"):
            yield Static(plain("You have a saved draft for this question:", "bold"))
            yield Static(plain(shorten(self.draft, 200)), classes="quote")
            yield Static(plain("y  restore it    n  start afresh (what you type then replaces the draft)"),
                         classes="meta")

    def action_restore(self) -> None:
        """Put the draft in the editor."""
        self.dismiss(self.draft)

    def action_discard(self) -> None:
        """Leave the editor empty."""
        self.dismiss(None)
