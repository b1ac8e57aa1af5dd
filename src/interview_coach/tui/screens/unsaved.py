"""Quitting with answers the history could not save (a read-only or full disk).

Before the app closes it says so, names where the answers will be written (a private file in
the first folder that takes it) and offers to print them on the terminal instead; only then
does it quit, and the exit status is non-zero (issue 14 point 5). The dialog's keys are control
keys: anything else typed meanwhile goes on into the answer underneath (see KeepTypingModal).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from interview_coach.tui.keymap import shown_keys
from interview_coach.tui.literal import join, plain
from interview_coach.tui.screens.keep_typing import KeepTypingModal

WRITE = "file"
PRINT = "print"


class UnsavedQuitModal(KeepTypingModal):
    """'N answers could not be saved: quit and write them to X, or print them?'

    Dismisses with ``"file"``, ``"print"`` or None (stay in the app)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "choose('print')", "Quit, print them", id="unsaved.print"),
        Binding("escape", "choose(None)", "Back", id="unsaved.back"),
    ]
    DEFAULT_CSS = """
    UnsavedQuitModal { align: center middle; }
    UnsavedQuitModal > Static { width: 72; max-width: 100%; padding: 1 2; border: thick $error;
                                background: $surface; }
    """

    def __init__(self, count: int, place: Path | None) -> None:
        super().__init__()
        self.count = count
        self.place = place

    def message(self) -> str:
        """What the dialog says."""
        answers = "1 answer" if self.count == 1 else f"{self.count} answers"
        head = (f"{answers} of this session could not be saved: the history cannot be "
                "written (the disk is read-only or full).")
        if self.place is not None:
            where = (f"When the app closes they will be written to a private file in "
                     f"{self.place} (interview-coach-unsaved-....md), or printed if that "
                     "fails.")
        else:
            where = "No folder can be written: when the app closes they will be printed."
        return f"{head}\n\n{where}"

    def compose(self) -> ComposeResult:
        """The message and the keys."""
        write = "write them there" if self.place is not None else "print them"
        # The keys as the user's keymap has them (the dialog's and the app's Quit).
        quit_, print_, back = (shown_keys(self.app, "app.quit", "ctrl+q"),
                               shown_keys(self.app, "unsaved.print", "ctrl+o"),
                               shown_keys(self.app, "unsaved.back", "esc"))
        yield Static(join(
            plain(self.message()),
            plain(f"\n\n{quit_:<6}  quit and {write}\n{print_:<6}  quit and print them "
                  f"instead\n{back:<6}  back to the app", "bold"),
            plain("\n(other keys you type go on into your answer)", "italic")),
            id="unsaved-message")

    def action_choose(self, choice: str | None) -> None:
        """Close with the choice (None: stay)."""
        self.dismiss(choice)
