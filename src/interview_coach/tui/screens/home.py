"""Home: the banks found, each with the candidate's progress, and the modes to open."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from interview_coach._util.errors import Problem
from interview_coach.banks.loader import BankEntry, Discovery
from interview_coach.banks.models import Bank
from interview_coach.history.records import BankProgress
from interview_coach.tui.config import Start
from interview_coach.tui.literal import join, plain
from interview_coach.tui.screens.base import CoachScreen

ORDERS = {"in-order": "in order", "shuffled": "shuffled", "theme": "grouped by theme"}
MODES = (
    ("p", "Practice", "one question at a time, with the live theme meter"),
    ("m", "Mock interview", "timed questions, feedback at the end"),
    ("r", "Review due", "the questions due for another go"),
    ("s", "Study", "browse, search and flashcards of model answers"),
    ("h", "History", "past attempts and scores over time"),
)


def progress_line(progress: BankProgress | None, total: int) -> str:
    """'3 of 5 practised · average 64' (or 'not practised yet')."""
    if progress is None or not progress.attempts:
        return f"{total} questions · not practised yet"
    mean = f" · average {progress.mean_score:.0f}" if progress.mean_score is not None else ""
    return f"{progress.questions_practised} of {total} practised{mean}"


@dataclass(frozen=True)
class Due:
    """How many of a bank's questions are due now, and when the next one will be."""

    count: int = 0
    next_at: datetime | None = None  # the earliest due time (None: nothing practised yet)


def when_text(moment: datetime, now: datetime) -> str:
    """'today 14:05', 'tomorrow 09:30' or 'Mon 9 Mar 09:30' (in local time)."""
    local, today = moment.astimezone(), now.astimezone()
    days = (local.date() - today.date()).days
    day = {0: "today", 1: "tomorrow"}.get(days, f"{local:%a} {local.day} {local:%b}")
    return f"{day} {local:%H:%M}"


def due_line(due: Due | None, now: datetime) -> str:
    """'2 questions due for review', or when the next one is due."""
    if due is None:
        return ""
    if due.count:
        return f"{due.count} question{'s' if due.count != 1 else ''} due for review"
    if due.next_at is None:
        return "Nothing due for review yet: practise first"
    return f"Nothing due for review · next due {when_text(due.next_at, now)}"


def problem_message(problems: list[Problem]) -> str:
    """One notification text for a bank that failed: the first problem with file:line."""
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"Bank not loaded: {first.file}:{first.line}: {first.message}{more}"


class HomeScreen(CoachScreen):
    """Pick a bank and a mode."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "mode('practice')", "Practice", id="home.practice"),
        Binding("m", "mode('mock')", "Mock", id="home.mock"),
        Binding("r", "mode('review')", "Review due", id="home.review"),
        Binding("s", "mode('study')", "Study", id="home.study"),
        Binding("h", "mode('history')", "History", id="home.history"),
        Binding("o", "order", "Order", id="home.order",
                tooltip="Practice questions in order, shuffled, or grouped by theme."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[BankEntry] = []
        self.progress: dict[str, BankProgress] = {}
        self.due: dict[str, Due] = {}
        self.order = "in-order"
        self._placed = False  # the cursor was put on the bank last used

    def compose(self) -> ComposeResult:
        """Banks on the left; the chosen bank and the modes on the right."""
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="banks-pane"):
                yield Static(plain("Question banks", "bold"), classes="section")
                yield OptionList(id="banks", markup=False)
            with Vertical(id="detail-pane"):
                yield Static(plain("Looking for banks…", "dim"), id="bank-detail")
                yield Static(self._modes_text(), id="modes")
        yield Footer()

    def on_mount(self) -> None:
        """Find the banks off the event loop."""
        self.sub_title = "Home"
        self._discover()

    @work(thread=True, exclusive=True, group="discover", exit_on_error=False)
    def _discover(self) -> None:
        try:
            found = self.coach.config.discover()
        except Exception as exc:  # a broken bank folder must not stop the app
            self.app.call_from_thread(self.coach.say, f"Could not look for banks: {exc}", "error")
            found = Discovery()
        self.app.call_from_thread(self.run_worker, self._discovered(found), group="progress")

    async def _discovered(self, found: Discovery) -> None:
        self.coach.discovery = found
        self.entries = found.banks
        by_file: dict[str, list[Problem]] = defaultdict(list)
        for problem in found.problems:
            by_file[problem.file].append(problem)
        for problems in by_file.values():
            self.coach.say(problem_message(problems), "error", timeout=12)
        await self._load_progress()
        for notice in self.coach.history.notices:
            self.coach.say(notice, "warning", timeout=10)

    async def _load_progress(self) -> None:
        for entry in self.entries:
            qids = [q.id for q in entry.bank.questions]
            progress = await self.coach.history.progress(entry.bank.id, qids)
            if isinstance(progress, BankProgress):
                self.progress[entry.bank.id] = progress
            due = await self.coach.history.due_questions(entry.bank.id, qids, self.coach.now())
            next_at = await self.coach.history.next_due(entry.bank.id)
            self.due[entry.bank.id] = Due(len(due), next_at)
        self._fill()

    def on_screen_resume(self) -> None:
        """Coming back from a mode: progress may have changed."""
        if self.entries:
            self.run_worker(self._load_progress(), exclusive=True, group="progress")

    def _fill(self) -> None:
        options = self.query_one("#banks", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(Option(self._bank_text(e), id=str(i)) for i, e in enumerate(self.entries))
        if self.entries:
            if not self._placed:  # first fill: the bank last used, as remembered
                self._placed = True
                last = self.coach.settings.last_bank
                highlighted = next((i for i, e in enumerate(self.entries) if e.bank.id == last), 0)
            options.highlighted = min(highlighted or 0, len(self.entries) - 1)
            options.focus()
        else:
            self.query_one("#bank-detail", Static).update(plain(
                "No banks found. Give a bank file on the command line "
                "(interview-coach home BANK.yaml) or put one in your banks folder.", self.ink("text-warning")))

    def _bank_text(self, entry: BankEntry) -> Text:
        bank = entry.bank
        line = progress_line(self.progress.get(bank.id), len(bank.questions))
        due = self.due.get(bank.id)
        if due is not None and due.count:
            line += f" · {due.count} due"
        return join(plain(bank.title, "bold"), plain(f"\n  {entry.origin} · {line}", "dim"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Describe the highlighted bank."""
        self.query_one("#bank-detail", Static).update(self._detail(self.entries[event.option_index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a bank: practise it."""
        self.action_mode("practice")

    def _detail(self, entry: BankEntry) -> Text:
        bank = entry.bank
        progress = self.progress.get(bank.id)
        out = [plain(bank.title, "bold"), plain(bank.description),
               plain(f"Role: {bank.role} · {len(bank.questions)} questions · "
                     f"{len(bank.themes)} themes", "dim"),
               plain(f"File: {entry.path.name} ({entry.origin})", "dim"),
               plain(progress_line(progress, len(bank.questions)))]
        due = due_line(self.due.get(bank.id), self.coach.now())
        if due:
            out.append(plain(due))
        if progress and progress.weakest_themes:
            labels = [bank.themes[t].label if t in bank.themes else t
                      for t in progress.weakest_themes]
            out.append(plain("Weakest themes: " + ", ".join(labels)))
        return Text("\n", end="").join(out)

    def _modes_text(self) -> Text:
        rows = [join(plain(f" {key} ", "reverse bold"), plain(f" {name}", "bold"),
                     plain(f"  {what}", "dim")) for key, name, what in MODES]
        order = join(plain(" o ", "reverse bold"), plain(" Practice order: ", "bold"),
                     plain(ORDERS[self.order]))
        return Text("\n", end="").join([plain("Modes", "bold underline"), *rows, order])

    def action_order(self) -> None:
        """Cycle the practice order: in order, shuffled, by theme."""
        names = list(ORDERS)
        self.order = names[(names.index(self.order) + 1) % len(names)]
        self.query_one("#modes", Static).update(self._modes_text())

    def selected_bank(self) -> Bank | None:
        """The bank under the cursor."""
        index = self.query_one("#banks", OptionList).highlighted
        if index is None or not self.entries:
            return None
        return self.entries[index].bank

    def action_mode(self, mode: str) -> None:
        """Open a mode for the highlighted bank."""
        bank = self.selected_bank()
        if bank is None:
            self.coach.say("Choose a bank first.", "warning")
            return
        self.coach.open_mode(mode, bank, Start(mode=mode, bank=bank, order=self.order))
