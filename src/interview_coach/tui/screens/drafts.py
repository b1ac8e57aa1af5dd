"""The offer of a saved draft when coming back to a question: a bar, not a dialog.

A dialog took the keyboard: keys typed while it appeared went to it ("n" in "When" chose
"start afresh") and the saved draft was then overwritten. The bar takes no keys of its own;
typing goes on in the editor. Its two keys are control keys (never letters), bound on the
practice screen while the offer stands. Until the user chooses, the saved draft is kept whole:
what is typed meanwhile is saved after it, never over it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Static

from interview_coach.tui.literal import join, plain, shorten

DRAFT_BINDINGS: list[BindingType] = [
    Binding("ctrl+r", "restore_draft", "Restore draft", id="draft.restore"),
    Binding("ctrl+b", "discard_draft", "Start afresh", id="draft.discard"),
]


class DraftOffer(Static):
    """'You have a saved draft for this question' above the editor, with its two keys."""

    DEFAULT_CSS = """
    DraftOffer { display: none; height: auto; padding: 0 1; background: $warning 15%; }
    DraftOffer.-shown { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = DRAFT_BINDINGS  # listed in Help; the screen binds them
    can_focus = False

    def __init__(self) -> None:
        super().__init__(id="draft-offer")
        self.draft: str | None = None

    def offer(self, draft: str) -> None:
        """Show the offer of ``draft``."""
        self.draft = draft
        self.update(join(plain("You have a saved draft: ", "bold"), plain(shorten(draft, 120)),
                         plain("\nctrl+r  restore it (anything typed now stays, after it)    "
                               "ctrl+b  start afresh", "italic")))
        self.add_class("-shown")

    def withdraw(self) -> None:
        """Hide the offer (the user chose, or the question changed)."""
        self.draft = None
        self.remove_class("-shown")

    def kept_with(self, typed: str) -> str:
        """What to save while the offer stands: the draft whole, then what was typed since."""
        assert self.draft is not None
        return self.draft + ("\n\n" + typed if typed.strip() else "")
