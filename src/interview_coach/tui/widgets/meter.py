"""The live theme meter: each expected theme lights up in its colour as the answer covers it.

Each theme shows its state by a mark and a word as well as by colour: ``●`` covered (with a
bar), ``◐`` touched (one general word, partial credit), ``✗`` contradicted (said against the
theme), ``○`` not yet. Red flags follow, critical ones first.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from interview_coach.banks.models import Bank, Question
from interview_coach.scoring import ScoreResult, ThemeResult
from interview_coach.tui.highlight import STATE_MARKS, bar, flags_in_order, theme_inks
from interview_coach.tui.literal import join, plain


class ThemeMeter(Static):
    """Expected themes, lit when the answer covers them; a note when it is too long to score live."""

    @dataclass
    class Lit(Message):
        """The expected themes the answer covers changed."""

        lit: frozenset[str]
        expected: int

    DEFAULT_CSS = """
    ThemeMeter { width: 30; padding: 0 1; border: round $primary-darken-1; height: 1fr; }
    """

    def __init__(self, bank: Bank, question: Question, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Theme meter"
        self._bank, self._question = bank, question
        self.lit: set[str] = set()

    def on_mount(self) -> None:
        """Show the themes, none lit yet."""
        self.show(None)

    def set_question(self, bank: Bank, question: Question) -> None:
        """Show the themes of another question, none lit yet."""
        self._bank, self._question = bank, question
        self.show(None)

    def show(self, result: ScoreResult | None, too_long: int = 0, cap: int = 0) -> None:
        """Light the themes ``result`` covers; or say the answer is too long to score live."""
        self._colours = theme_inks(self._bank, self.app.current_theme.dark)
        states = {t.id: t for t in result.themes} if result else {}
        lit = {tid for tid in self._question.themes if tid in states and states[tid].covered}
        if lit != self.lit or result is None:
            self.post_message(self.Lit(frozenset(lit), len(self._question.themes)))
        self.lit = lit
        lines = [self._line(tid, states.get(tid)) for tid in self._question.themes]
        if not self._question.themes:
            lines.append(plain("This question names no themes.", "dim"))
        if result is not None:
            lines.extend(self._extras(result))
        if too_long:
            lines.append(plain(
                f"\nToo long to score live: {too_long:,} characters (limit {cap:,}). "
                "Your text is kept; submit to score it.", "bold yellow"))
        self.update(Text("\n", end="").join(lines))

    def _label(self, theme_id: str) -> str:
        theme = self._bank.themes.get(theme_id)
        return theme.label if theme else theme_id

    def _line(self, theme_id: str, theme: ThemeResult | None) -> Text:
        colour = self._colours.get(theme_id, "white")
        state = theme.state if theme else "missed"
        mark = STATE_MARKS.get(state, "○")
        label = self._label(theme_id)
        if theme is None or state == "missed":
            return join(plain(f"{mark} ", "dim"), plain(label, "dim"))
        if state == "contradicted":
            return join(plain(f"{mark} ", "bold red"), plain(label, "bold red"),
                        plain("\n  said against it", "red"))
        if state == "touched":
            return join(plain(f"{mark} ", colour), plain(label, colour),
                        plain("\n  touched: partial", colour))
        return join(plain(f"{mark} ", f"bold {colour}"), plain(label, f"bold {colour}"),
                    plain(f"\n  {bar(theme.strength, 8)}", colour))

    def _extras(self, result: ScoreResult) -> list[Text]:
        out: list[Text] = []
        others = [t.label for t in result.themes if t.covered and t.id not in self._question.themes]
        if others:
            out.append(join(plain("\nAlso heard: ", "dim"), plain(", ".join(others))))
        for flag in flags_in_order(result):
            critical = flag.severity == "critical"
            out.append(join(plain("✗ critical: " if critical else "⚑ ", "bold red"),
                            plain(flag.text, "bold red" if critical else "red")))
        return out
