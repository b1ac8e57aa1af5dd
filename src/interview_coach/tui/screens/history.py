"""History: past attempts in a table, a detail view, and scores over time as text charts."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from interview_coach.banks.models import Bank
from interview_coach.history.records import Attempt
from interview_coach.tui.highlight import marked, sparkline, theme_colours, theme_inks
from interview_coach.tui.literal import join, plain, shorten
from interview_coach.tui.screens.base import CoachScreen
from interview_coach.tui.screens.feedback import lines, missed, red_flags, score_summary, theme_bars

WHEN_FORMAT = "%Y-%m-%d %H:%M"
FIXED_COLUMNS = len("2026-01-01 00:00") + len("Score") + len("review") + 4 * 2  # with cell padding
MIN_QUESTION = 24  # the question column never gets narrower than this
CHART_WIDTH = 40  # the newest attempts that fit in a sparkline
HISTORY_LIMIT = 1000  # rows in the table (the export command has them all)


def prompt_of(bank: Bank, question_id: str) -> str:
    """The question's prompt, or its id when the bank no longer has it."""
    try:
        return bank.question(question_id).prompt
    except KeyError:
        return question_id


def score_chart(bank: Bank, attempts: list[Attempt], dark: bool = True, ink: str = "green") -> Text:
    """Scores over time for the bank, then each theme's strength over time."""
    oldest_first = list(reversed(attempts))[-CHART_WIDTH:]
    if not oldest_first:
        return plain("No attempts yet: practise a question and come back.", "dim")
    scores = [a.score for a in oldest_first]
    out = [plain("Scores over time", "bold underline"),
           plain(f"oldest → newest · last {scores[-1]} · best {max(scores)}", "dim"),
           join(plain(f"{'Bank':<16}", "bold"), plain(sparkline([float(s) for s in scores]), ink))]
    colours = theme_inks(bank, dark)
    for tid, theme in bank.themes.items():
        values = [t.strength * 100 for a in oldest_first if a.result is not None
                  for t in a.result.themes if t.id == tid and t.expected]
        if values:
            out.append(join(plain(f"{shorten(theme.label, 15):<16}", "bold"),
                            plain(sparkline(values), colours[tid])))
    return lines(*out)


class HistoryScreen(CoachScreen):
    """The bank's past attempts, newest first, with charts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "detail", "Details", id="history.detail"),
        Binding("escape", "back", "Back", id="history.back"),
    ]

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank
        self.rows: list[Attempt] = []

    def compose(self) -> ComposeResult:
        """Table beside the chart."""
        yield Header()
        with Vertical(id="history"):
            yield DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="chart-box"):
                yield Static(plain("Loading…", "dim"), id="chart")
        yield Footer()

    def question_width(self) -> int:
        """How much of each prompt fits in the table (the table spans the screen; the charts sit
        below it, so the question stays readable at 80 columns)."""
        return max(MIN_QUESTION, self.app.size.width - FIXED_COLUMNS - 3)

    async def on_mount(self) -> None:
        """Load the attempts."""
        self.sub_title = f"History · {self.bank.title}"
        table = self.query_one(DataTable)
        table.add_columns("When", "Score", "Mode", "Question")
        width = self.question_width()
        self.rows = await self.coach.history.attempts(self.bank.id, limit=HISTORY_LIMIT)
        for attempt in self.rows:
            table.add_row(
                plain(attempt.submitted_at.strftime(WHEN_FORMAT)),
                plain(f"{attempt.score:>5}"), plain(attempt.mode),
                plain(shorten(prompt_of(self.bank, attempt.question_id), width)),
            )
        self.query_one("#chart", Static).update(score_chart(
            self.bank, self.rows, self.app.current_theme.dark, self.ink("text-success")))
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: its details."""
        self.action_detail()

    def action_detail(self) -> None:
        """Open the attempt under the cursor."""
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return
        self.app.push_screen(AttemptScreen(self.bank, self.rows[table.cursor_row]))

    def action_back(self) -> None:
        """Back home."""
        self.dismiss()


class AttemptScreen(CoachScreen):
    """One past attempt: the score and its parts, themes, red flags, the answer as scored, and
    what was missed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back", id="attempt.back")]

    def __init__(self, bank: Bank, attempt: Attempt) -> None:
        super().__init__()
        self.bank, self.attempt = bank, attempt

    def compose(self) -> ComposeResult:
        """Question, score, themes, the marked answer, missed themes."""
        a, colours = self.attempt, theme_colours(self.bank)
        yield Header()
        with VerticalScroll(id="attempt"):
            yield Static(plain(prompt_of(self.bank, a.question_id), "bold"))
            yield Static(plain(f"{a.submitted_at:%Y-%m-%d %H:%M} · {a.mode} · score {a.score}/100"
                               f" · {a.seconds:.0f} s", "dim"))
            yield Static(score_summary(a.result), id="attempt-score", classes="section")
            yield Static(plain("Themes", "bold underline"), classes="section")
            yield Static(theme_bars(a.result, theme_inks(self.bank, self.app.current_theme.dark)))
            yield Static(plain("Red flags", "bold underline"), classes="section")
            yield Static(red_flags(a.result), id="attempt-flags")
            yield Static(plain("Answer", "bold underline"), classes="section")
            yield Static(marked(a.answer, a.result, colours), id="attempt-answer")
            yield Static(plain("Missed themes", "bold underline"), classes="section")
            yield Static(missed(a.result))
        yield Footer()

    def on_mount(self) -> None:
        """Title."""
        self.sub_title = f"Attempt · {self.bank.title}"

    def action_back(self) -> None:
        """Back to the table."""
        self.dismiss()
