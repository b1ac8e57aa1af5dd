"""The offer of saved drafts when coming back to a question: a bar, not a dialog.

A dialog took the keyboard: keys typed while it appeared went to it ("n" in "When" chose
"start afresh") and the saved draft was then overwritten. The bar takes no keys of its own;
typing goes on in the editor. Its two keys are control keys (never letters), bound on the
practice screen while the offer stands. Until the user chooses, every saved draft is kept
whole: what is typed meanwhile is saved after this window's own draft, never over it, and
never over another window's.

Each window (app process) keeps its own draft of a question (issue 14 point 4). When several
are saved (two windows, or a window that has since closed), ctrl+r opens a list to choose the
one to continue; the others stay saved.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview_coach.history.drafts import Draft
from interview_coach.tui.keymap import shown_keys
from interview_coach.tui.literal import join, plain, shorten
from interview_coach.tui.screens.keep_typing import KeepTypingModal

SHOWN = 3  # drafts listed in the bar (all of them are in the list ctrl+r opens)

DRAFT_BINDINGS: list[BindingType] = [
    Binding("ctrl+r", "restore_draft", "Restore draft", id="draft.restore"),
    Binding("ctrl+b", "discard_draft", "Start afresh", id="draft.discard"),
]


def describe(draft: Draft) -> str:
    """Whose draft and when it was saved: 'this window, 09:30'."""
    who = "this window" if draft.mine else "another window or run"
    when = draft.when()
    return f"{who}, {when}" if when else who


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
        self.drafts: list[Draft] = []

    @property
    def draft(self) -> str | None:
        """The text ctrl+r restores when one draft is offered (the first when several)."""
        return self.drafts[0].text if self.drafts else None

    @property
    def own(self) -> Draft | None:
        """This window's own saved draft among those offered, if any."""
        return next((d for d in self.drafts if d.mine), None)

    def offer(self, drafts: list[Draft]) -> None:
        """Show the offer of ``drafts`` (one or more; this window's first)."""
        self.drafts = list(drafts)
        restore = shown_keys(self.app, "draft.restore", "ctrl+r")
        discard = shown_keys(self.app, "draft.discard", "ctrl+b")
        if len(drafts) == 1:
            self.update(join(
                plain("You have a saved draft: ", "bold"), plain(shorten(drafts[0].text, 120)),
                plain(f"\n{restore}  restore it (anything typed now stays, after it)    "
                      f"{discard}  start afresh", "italic")))
        else:
            parts = [plain(f"You have {len(drafts)} saved drafts of this question "
                           "(other windows or runs):", "bold")]
            for number, draft in enumerate(drafts[:SHOWN], 1):
                parts += [plain(f"\n  {number}. ", "bold"), plain(shorten(draft.text, 50)),
                          plain(f"  ({describe(draft)})", "dim")]
            if len(drafts) > SHOWN:
                parts.append(plain(f"\n  and {len(drafts) - SHOWN} more", "dim"))
            parts.append(plain(f"\n{restore}  choose which to continue    {discard}  start "
                               "afresh (the drafts stay saved)", "italic"))
            self.update(join(*parts))
        self.add_class("-shown")

    def withdraw(self) -> None:
        """Hide the offer (the user chose, or the question changed)."""
        self.drafts = []
        self.remove_class("-shown")

    def kept_with(self, typed: str) -> str:
        """What this window saves while the offer stands: its own draft whole, then what was
        typed since (other windows' drafts are in rows of their own, never written here)."""
        own = self.own
        if own is None:
            return typed
        return own.text + ("\n\n" + typed if typed.strip() else "")


class DraftPicker(KeepTypingModal):
    """Choose which saved draft to continue; the others stay saved. Typing goes on below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Not now", id="drafts.close"),
    ]
    DEFAULT_CSS = """
    DraftPicker { align: center middle; }
    DraftPicker > Vertical { width: 80; max-width: 100%; height: auto; max-height: 90%;
                             padding: 1 2; border: thick $warning; background: $surface; }
    DraftPicker OptionList { height: auto; max-height: 20; }
    """

    def __init__(self, drafts: list[Draft]) -> None:
        super().__init__()
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        """The drafts, newest first (this window's at the top)."""
        back = shown_keys(self.app, "drafts.close", "esc")
        with Vertical():
            yield Static(join(plain("Which draft do you want to continue?", "bold"),
                              plain(f"\nThe others stay saved. ↑/↓ and enter choose, {back} "
                                    "goes back; other keys go on into your answer.", "italic")))
            yield OptionList(*[Option(join(plain(shorten(d.text, 200)),
                                           plain(f"\n({describe(d)})", "dim")), id=str(n))
                               for n, d in enumerate(self.drafts)], id="draft-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a draft: continue it."""
        self.dismiss(self.drafts[event.option_index])

    def action_close(self) -> None:
        """Back to the answer; the offer stands."""
        self.dismiss(None)
