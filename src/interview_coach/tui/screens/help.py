"""The help screen: every key of every screen, generated from the bindings themselves."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from interview_coach.tui.keymap import APP_BINDINGS, user_keymap
from interview_coach.tui.literal import join, plain
from interview_coach.tui.screens.base import CoachScreen

# The answer editor's own keys (Textual's TextArea; tests check each against its bindings).
EDITOR_KEYS = (
    ("f7", "select all", "select_all"),
    ("f6", "select the line", "select_line"),
    ("shift+arrows", "select text", "cursor_left(True)"),
    ("ctrl+x / ctrl+c", "cut / copy the selection", "cut"),
    ("ctrl+v", "paste (or your terminal's paste)", "paste"),
    ("ctrl+z / ctrl+y", "undo / redo", "undo"),
    ("ctrl+left / ctrl+right", "a word left / right", "cursor_word_left"),
    ("home / end", "start / end of the line (also ctrl+a / ctrl+e)", "cursor_line_start"),
    ("ctrl+w", "delete the word before the cursor", "delete_word_left"),
    ("ctrl+u / ctrl+k", "delete to the start / end of the line", "delete_to_start_of_line"),
    ("tab / shift+tab", "move to the next / previous part of the screen", ""),
    ("ctrl+p", "command palette: every action by name", ""),
)


def binding_ids() -> list[str]:
    """Every binding id of the app (what a keymap may remap)."""
    return [b.id for _, bindings in screens_and_bindings() for b in bindings if b.id]


def screens_and_bindings() -> list[tuple[str, list[Binding]]]:
    """Each screen (or dialog, or bar) with a name for it and its keys, as Help lists them.

    Every class of the TUI that declares bindings is here (a test checks it), so Help lists
    every key and ``keymap.yaml`` can remap every binding id."""
    from interview_coach.tui.screens.drafts import DraftOffer, DraftPicker
    from interview_coach.tui.screens.feedback import FeedbackScreen
    from interview_coach.tui.screens.history import AttemptScreen, HistoryScreen
    from interview_coach.tui.screens.home import HomeScreen
    from interview_coach.tui.screens.mock import ConfirmModal, MockScreen, ReportScreen
    from interview_coach.tui.screens.practice import PracticeScreen
    from interview_coach.tui.screens.study import StudyScreen, ThemeGuideScreen
    from interview_coach.tui.screens.unsaved import UnsavedQuitModal

    pairs: list[tuple[str, Any]] = [
        ("Everywhere", _App), ("Quitting with unsaved answers", UnsavedQuitModal),
        ("Home", HomeScreen), ("Practice", PracticeScreen), ("Saved draft", DraftOffer),
        ("Choosing a saved draft", DraftPicker), ("Feedback", FeedbackScreen),
        ("Mock interview", MockScreen), ("Mock: yes or no", ConfirmModal),
        ("Mock report", ReportScreen), ("Study", StudyScreen), ("Theme guide", ThemeGuideScreen),
        ("History", HistoryScreen), ("Attempt", AttemptScreen), ("Help", HelpScreen)]
    drafts = {b.id for b in DraftOffer.BINDINGS if isinstance(b, Binding)}  # also on Practice
    return [(name, [b for b in cls.BINDINGS if isinstance(b, Binding)
                    and (cls is DraftOffer or b.id not in drafts)]) for name, cls in pairs]


class _App:
    """Stands for the app in the list: its keys, without importing it."""

    BINDINGS = APP_BINDINGS


class HelpScreen(CoachScreen):
    """Every key, screen by screen."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "close", "Close help", id="help.close")]

    def compose(self) -> ComposeResult:
        """One section per screen."""
        yield Header()
        with VerticalScroll(id="help"):
            yield Static(self._text(), id="help-keys")
        yield Footer()

    def on_mount(self) -> None:
        """Title."""
        self.sub_title = "Keys"

    def _text(self) -> Text:
        out: list[Text] = []
        keymap = user_keymap(self.app)
        for name, bindings in screens_and_bindings():
            out.append(plain(f"\n{name}", "bold underline"))
            for binding in bindings:
                # A key remapped in the user's keymap shows as remapped.
                bound = keymap.get(binding.id or "", binding.key)
                keys = " / ".join(self.app.get_key_display(Binding(k.strip(), ""))
                                  for k in bound.split(","))
                out.append(join(plain(f"  {keys:<22}", "bold"), plain(binding.description)))
        out.append(plain("\nIn the editor", "bold underline"))
        out.extend(join(plain(f"  {k:<22}", "bold"), plain(d)) for k, d, _ in EDITOR_KEYS)
        return Text("\n", end="").join(out)

    def action_close(self) -> None:
        """Back where you were."""
        self.dismiss()
