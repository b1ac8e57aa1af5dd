"""Mock interview: N timed questions without feedback, then a report of every answer."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static
from textual.worker import Worker

from interview_coach.banks.models import Bank, Question
from interview_coach.history.export import theme_split
from interview_coach.scoring import ScoreResult
from interview_coach.tui.highlight import clock, marked, theme_colours
from interview_coach.tui.keymap import shown_keys
from interview_coach.tui.literal import join, plain
from interview_coach.tui.screens.base import CoachModal, CoachScreen
from interview_coach.tui.screens.feedback import lines
from interview_coach.tui.screens.practice import question_meta
from interview_coach.tui.widgets.editor import AnswerEditor

DEFAULT_LIMIT = 120  # seconds, for questions that name no time limit
DRAFT_EVERY = 0.5  # seconds between draft saves while the text changes
WARN_BEFORE = 15  # seconds: the status turns red and a warning shows this long before time is up


@dataclass
class MockItem:
    """One answered question of a mock interview."""

    question: Question
    answer: str
    started_at: datetime
    submitted_at: datetime
    result: ScoreResult | None = None
    timed_out: bool = False
    stored: bool = False  # the attempt is in the history

    @property
    def seconds(self) -> float:
        """How long the answer took."""
        return max(0.0, (self.submitted_at - self.started_at).total_seconds())


class ConfirmModal(CoachModal):
    """A yes/no question over the screen; dismisses with True for yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]
    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Static { width: 60; max-width: 100%; padding: 1 2; border: thick $warning; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """The question and the keys."""
        yes = shown_keys(self.app, "confirm.yes", "y / enter")
        no = shown_keys(self.app, "confirm.no", "n / esc")
        yield Static(join(plain(self.question), plain(f"\n\n{yes}: yes    {no}: no", "bold")))

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


class MockScreen(CoachScreen):
    """Questions one after another, each with its time limit counting down.

    Each answer is scored and stored the moment it is handed in, and the one being typed is
    kept as a draft like in practice, so closing the app (or a crash) mid-interview loses nothing.
    A session never ended is listed as unfinished (see ``Store.unfinished_sessions``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "next", "Next question", id="mock.next"),
        Binding("escape", "end", "End interview", id="mock.end"),
    ]
    asks_before_quitting = True  # the app asks this screen before ctrl+q leaves (see CoachApp)

    def __init__(self, bank: Bank, questions: list[Question]) -> None:
        super().__init__()
        self.bank, self.questions = bank, questions
        self.index = 0
        self.items: list[MockItem] = []
        self.session_id: int | None = None
        self.started_at = datetime.now()
        self._finishing = False
        self._session_ready = asyncio.Event()
        self._score_lock = asyncio.Lock()
        self._stores: list[Worker[None]] = []
        self._dirty = False
        self._warned = False
        self._asking = False

    @property
    def question(self) -> Question:
        """The question on screen."""
        return self.questions[self.index]

    def compose(self) -> ComposeResult:
        """Question, editor, countdown."""
        yield Header()
        with Vertical(id="question-box"):
            yield Static(id="prompt")
            yield Static(id="meta", classes="meta")
        yield AnswerEditor(id="answer", blink=not self.coach.config.frozen)
        yield Static(id="status", classes="status")
        yield Footer()

    async def on_mount(self) -> None:
        """Begin the session and the first question."""
        self.sub_title = f"Mock interview · {self.bank.title}"
        self._show(0)
        if not self.coach.config.frozen:
            self.set_interval(1.0, self._tick)
        self.set_interval(DRAFT_EVERY, self._save_draft_if_dirty)
        earlier = await self.coach.history.unfinished_sessions(self.bank.id)
        self.session_id = await self.coach.history.start_session(self.bank.id, "mock")
        self._session_ready.set()
        if earlier:
            kept = sum(count for _session, count in earlier)
            self.coach.say(f"{len(earlier)} earlier mock interview(s) of this bank were not "
                           f"finished; their {kept} answer(s) are kept in History.", "warning")

    def _show(self, index: int) -> None:
        self.index = index
        self.started_at = self.coach.now()
        self._warned = False
        self.query_one("#prompt", Static).update(plain(self.question.prompt, "bold"))
        self.query_one("#meta", Static).update(
            plain(question_meta(self.question, index, len(self.questions))))
        editor = self.query_one(AnswerEditor)
        editor.load_text("")
        editor.focus()
        self._dirty = False
        self._tick()

    def limit(self) -> int:
        """The time limit of the question on screen, in seconds."""
        return self.question.time_limit or DEFAULT_LIMIT

    def _tick(self) -> None:
        if self._finishing:
            return
        left = self.limit() - (self.coach.now() - self.started_at).total_seconds()
        warn = min(WARN_BEFORE, self.limit() / 4)
        style = "bold red" if left <= warn else "bold"
        self.query_one("#status", Static).update(join(
            plain("Time left "), plain(clock(left), style),
            plain("  ·  no feedback until the end  ·  ctrl+s next, esc ends"),
        ))
        if 0 < left <= warn and not self._warned:
            self._warned = True
            self.coach.say(f"{round(left)} seconds left for this question.", "warning")
        if left <= 0:
            self.coach.say("Time is up for this question.")
            self._advance(timed_out=True)

    def on_text_area_changed(self, _event: object) -> None:
        """Typing: the draft is saved at the next draft tick."""
        self._dirty = True

    async def _save_draft_if_dirty(self) -> None:
        if self._dirty and not self._finishing:
            self._dirty = False
            text = self.query_one(AnswerEditor).text
            if text.strip():
                await self.coach.history.save_draft(self.bank.id, self.question.id, text)

    def _take_answer(self, timed_out: bool = False) -> None:
        text = self.query_one(AnswerEditor).text
        item = MockItem(self.question, text, self.started_at, self.coach.now(), timed_out=timed_out)
        self.items.append(item)
        self._dirty = False
        if text.strip():
            self._stores.append(self.run_worker(self._store(item), group="mock-store"))

    async def _store(self, item: MockItem) -> None:
        """Keep the answer as a draft at once, then score it and store the attempt."""
        await self.coach.history.save_draft(self.bank.id, item.question.id, item.answer)
        async with self._score_lock:  # one scoring at a time, in the order handed in
            item.result = await asyncio.to_thread(self._score, item)
        await self._session_ready.wait()
        if item.result is None:
            return  # the draft keeps the answer
        saved = await self.coach.history.record_attempt(
            bank_id=self.bank.id, bank_hash=self.bank.content_hash,
            question_id=item.question.id, answer=item.answer, result=item.result,
            mode="mock", started_at=item.started_at, submitted_at=item.submitted_at,
            session_id=self.session_id)
        if saved is not None or not getattr(self.coach.history, "saving", True):
            item.stored = True
        await self.coach.history.delete_draft(self.bank.id, item.question.id)

    def _score(self, item: MockItem) -> ScoreResult | None:
        try:
            return self.coach.scorer(self.bank).score(item.question, item.answer)
        except Exception as exc:  # one answer that cannot be scored must not lose the others
            self.app.call_from_thread(self.coach.say, f"Scoring failed: {exc}", "error")
            return None

    def _advance(self, timed_out: bool = False) -> None:
        self._take_answer(timed_out)
        if self.index + 1 < len(self.questions):
            self._show(self.index + 1)
        else:
            self._finish()

    def action_next(self) -> None:
        """Keep the answer and go on; after the last question, the report."""
        if self._finishing:
            return
        self._advance()

    def action_end(self) -> None:
        """Leave early, after asking: what was answered is kept and reported."""
        if self._finishing or self._asking:
            return
        self._asking = True

        def chosen(yes: bool | None) -> None:
            self._asking = False
            if yes and not self._finishing:
                if self.query_one(AnswerEditor).text.strip():
                    self._take_answer()
                self._finish()

        self.app.push_screen(ConfirmModal(
            "End the mock interview now? The answers so far are kept and reported."), chosen)

    def ask_quit(self) -> None:
        """ctrl+q mid-interview: ask first; yes saves everything and leaves the app."""
        if self._finishing:
            self.run_worker(self.coach.request_quit(), group="quit")
            return
        if self._asking:
            return
        self._asking = True

        def chosen(yes: bool | None) -> None:
            self._asking = False
            if yes:
                self.run_worker(self.coach.request_quit(), group="quit")

        self.app.push_screen(ConfirmModal(
            "Quit in the middle of the mock interview? Your answers so far are kept, the one "
            "being typed as a draft; the interview is listed as unfinished."), chosen)

    def _finish(self) -> None:
        self._finishing = True
        self.run_worker(self._wrap_up(), group="report")

    async def _wrap_up(self) -> None:
        for worker in list(self._stores):
            with contextlib.suppress(Exception):
                await worker.wait()
        await self._session_ready.wait()
        if self.session_id is not None:
            await self.coach.history.end_session(self.session_id)
        answered = [item for item in self.items if item.answer.strip()]
        if not answered:
            self.coach.say("No answers to report.")
            self.dismiss()
            return
        self.app.switch_screen(ReportScreen(self.bank, answered, len(self.questions)))

    async def save_draft_now(self) -> None:
        """Closing the app: answers not yet stored and the one being typed are kept as drafts."""
        for item in self.items:
            if not item.stored and item.answer.strip():
                await self.coach.history.save_draft(self.bank.id, item.question.id, item.answer)
        text = self.query_one(AnswerEditor).text
        if text.strip() and not self._finishing:
            await self.coach.history.save_draft(self.bank.id, self.question.id, text)


def most_missed(items: list[MockItem]) -> list[tuple[str, int]]:
    """Theme labels missed most often, with counts."""
    counts: Counter[str] = Counter()
    for item in items:
        counts.update(theme_split(item.result)[1])
    return counts.most_common()


class ReportItem(Static, can_focus=True):
    """One question of the report; its model answer shows on demand (m)."""

    DEFAULT_CSS = """
    ReportItem { margin-top: 1; padding: 0 1; }
    ReportItem:focus { background: $boost; border-left: thick $accent; padding-left: 0; }
    """

    def __init__(self, number: int, item: MockItem, colours: dict[str, str]) -> None:
        super().__init__(classes="report-item")
        self.number, self.item, self.colours = number, item, colours
        self.show_model = False

    def on_mount(self) -> None:
        """Draw."""
        self.update(self.render_item())

    def toggle_model(self) -> None:
        """Show or hide the model answer."""
        self.show_model = not self.show_model
        self.update(self.render_item())

    def render_item(self) -> Text:
        """Heading, score line, themes, the answer; the model answer when asked."""
        item = self.item
        result = item.result
        score = f"{result.score}/100" if result is not None else "not scored"
        # The heading stays on one line, so the answer always starts on the second.
        prompt = item.question.prompt.replace("\n", " ")
        head = join(plain(f"{self.number}. ", "bold"), plain(prompt, "bold"),
                    plain(f"  — {score}", "bold"))
        timing = f"Time {clock(item.seconds)}"
        timing += " · time ran out" if item.timed_out else ""
        covered, missed = theme_split(result)
        out = [head, join(plain(timing, "bold red" if item.timed_out else "dim"))]
        out.append(join(plain("Covered: ", "bold"), plain(", ".join(covered) or "none", "green")))
        out.append(join(plain("Missed: ", "bold"), plain(", ".join(missed) or "none",
                                                        "red" if missed else "")))
        out.append(marked(item.answer, result, self.colours))
        if self.show_model:
            model = item.question.model_answer.strip() or "This question has no model answer."
            out.append(plain("Model answer:", "bold underline"))
            out.append(plain(model, "italic"))
        else:
            out.append(plain("m: show the model answer", "dim"))
        return lines(*out)


class ReportScreen(CoachScreen):
    """Every answer of the mock interview with its score, and the themes most often missed.

    Tab / shift+tab and enter move from question to question; m shows the model answer.
    """

    AUTO_FOCUS = "ReportItem"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="report.back"),
        Binding("enter", "next_item", "Next question", id="report.next", show=False),
        Binding("m", "model", "Model answer", id="report.model"),
    ]

    def __init__(self, bank: Bank, items: list[MockItem], asked: int) -> None:
        super().__init__()
        self.bank, self.items, self.asked = bank, items, asked

    def compose(self) -> ComposeResult:
        """Summary, most missed themes, then each answer."""
        yield Header()
        colours = theme_colours(self.bank)
        scroll = VerticalScroll(id="report")
        scroll.can_focus = False  # tab goes from question to question (the focused one scrolls in)
        with scroll:
            yield Static(self._summary(), id="report-summary")
            for number, item in enumerate(self.items, 1):
                yield ReportItem(number, item, colours)
        yield Footer()

    def on_mount(self) -> None:
        """Title (the first question has the focus: AUTO_FOCUS)."""
        self.sub_title = f"Mock report · {self.bank.title}"
        # Focusing the first question scrolls it in; the summary above it comes first.
        self.call_after_refresh(self._to_top)

    def _to_top(self) -> None:
        self.query_one("#report", VerticalScroll).scroll_home(animate=False)

    def _summary(self) -> Text:
        scores = [i.result.score for i in self.items if i.result is not None]
        average = f"average {sum(scores) / len(scores):.0f}" if scores else "not scored"
        out_of_time = sum(1 for i in self.items if i.timed_out)
        late = f" · time ran out on {out_of_time}" if out_of_time else ""
        out = [plain(f"{len(self.items)} of {self.asked} questions answered · {average}{late}",
                     "bold")]
        missed = most_missed(self.items)
        if missed:
            out.append(plain("Themes most often missed:", "bold underline"))
            out.extend(plain(f"  {label}: missed in {n} of {len(self.items)}") for label, n in missed)
        else:
            out.append(plain("No expected theme was missed.", "green"))
        out.append(plain("tab / enter: next question · m: model answer · esc: back", "dim"))
        return lines(*out)

    def action_next_item(self) -> None:
        """Enter: the focus goes to the next question (like tab)."""
        self.focus_next(ReportItem)

    def action_model(self) -> None:
        """Show or hide the model answer of the question with the focus."""
        focused = self.focused
        if isinstance(focused, ReportItem):
            focused.toggle_model()

    def action_back(self) -> None:
        """Back home."""
        self.dismiss()
