"""Mock interview: N timed questions without feedback, then a report of every answer."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from interview_coach.banks.models import Bank, Question
from interview_coach.tui.highlight import clock, marked, theme_colours
from interview_coach.tui.literal import join, plain
from interview_coach.tui.screens.base import CoachScreen
from interview_coach.tui.screens.feedback import lines
from interview_coach.tui.screens.practice import question_meta
from interview_coach.tui.widgets.editor import AnswerEditor

DEFAULT_LIMIT = 120  # seconds, for questions that name no time limit


@dataclass
class MockItem:
    """One answered question of a mock interview."""

    question: Question
    answer: str
    started_at: datetime
    submitted_at: datetime
    result: dict[str, Any] | None = None


class MockScreen(CoachScreen):
    """Questions one after another, each with its time limit counting down."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "next", "Next question", id="mock.next"),
        Binding("escape", "end", "End interview", id="mock.end"),
    ]

    def __init__(self, bank: Bank, questions: list[Question]) -> None:
        super().__init__()
        self.bank, self.questions = bank, questions
        self.index = 0
        self.items: list[MockItem] = []
        self.session_id: int | None = None
        self.started_at = datetime.now()
        self._finishing = False

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
        self.session_id = await self.coach.db("start_session", self.bank.id, "mock")

    def _show(self, index: int) -> None:
        self.index = index
        self.started_at = self.coach.now()
        self.query_one("#prompt", Static).update(plain(self.question.prompt, "bold"))
        self.query_one("#meta", Static).update(
            plain(question_meta(self.question, index, len(self.questions))))
        editor = self.query_one(AnswerEditor)
        editor.load_text("")
        editor.focus()
        self._tick()

    def limit(self) -> int:
        """The time limit of the question on screen, in seconds."""
        return self.question.time_limit or DEFAULT_LIMIT

    def _tick(self) -> None:
        if self._finishing:
            return
        left = self.limit() - (self.coach.now() - self.started_at).total_seconds()
        style = "bold red" if left <= 15 else "bold"
        self.query_one("#status", Static).update(join(
            plain("Time left "), plain(clock(left), style),
            plain("  ·  no feedback until the end  ·  ctrl+s next, esc ends"),
        ))
        if left <= 0:
            self.coach.say("Time is up for this question.")
            self.action_next()

    def _take_answer(self) -> None:
        text = self.query_one(AnswerEditor).text
        self.items.append(MockItem(self.question, text, self.started_at, self.coach.now()))

    def action_next(self) -> None:
        """Keep the answer and go on; after the last question, the report."""
        if self._finishing:
            return
        self._take_answer()
        if self.index + 1 < len(self.questions):
            self._show(self.index + 1)
        else:
            self._finish()

    def action_end(self) -> None:
        """Leave early: what was answered is kept and reported."""
        if self._finishing:
            return
        if self.query_one(AnswerEditor).text.strip():
            self._take_answer()
        self._finish()

    def _finish(self) -> None:
        self._finishing = True
        answered = [item for item in self.items if item.answer.strip()]
        if not answered:
            self.coach.say("No answers to report.")
            self.dismiss()
            return
        self._score_all(answered)

    @work(thread=True, exclusive=True, group="mock-score", exit_on_error=False)
    def _score_all(self, items: list[MockItem]) -> None:
        scorer = self.coach.scorer(self.bank)
        for item in items:
            try:
                item.result = scorer.score(item.question, item.answer).to_dict()
            except Exception as exc:  # one answer that cannot be scored must not lose the others
                self.app.call_from_thread(self.coach.say, f"Scoring failed: {exc}", "error")
        self.app.call_from_thread(self.run_worker, self._report(items), group="report")

    async def _report(self, items: list[MockItem]) -> None:
        for item in items:
            if item.result is not None:
                await self.coach.db(
                    "record_attempt", bank_id=self.bank.id, bank_hash=self.bank.content_hash,
                    question_id=item.question.id, answer=item.answer, result=item.result,
                    mode="mock", started_at=item.started_at, submitted_at=item.submitted_at,
                    session_id=self.session_id)
        if self.session_id is not None:
            await self.coach.db("end_session", self.session_id)
        self.app.switch_screen(ReportScreen(self.bank, items, len(self.questions)))

    async def save_draft_now(self) -> None:
        """Keep the answer being typed as the question's draft (when the app is closed)."""
        text = self.query_one(AnswerEditor).text
        if text.strip() and not self._finishing:
            await self.coach.db("save_draft", self.bank.id, self.question.id, text)


def most_missed(items: list[MockItem]) -> list[tuple[str, int]]:
    """Theme labels missed most often, with counts."""
    counts: Counter[str] = Counter()
    for item in items:
        for theme in (item.result or {}).get("themes", []):
            if theme["expected"] and not theme["covered"]:
                counts[theme["label"]] += 1
    return counts.most_common()


class ReportScreen(CoachScreen):
    """Every answer of the mock interview with its score, and the themes most often missed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back", id="report.back")]

    def __init__(self, bank: Bank, items: list[MockItem], asked: int) -> None:
        super().__init__()
        self.bank, self.items, self.asked = bank, items, asked

    def compose(self) -> ComposeResult:
        """Summary, most missed themes, then each answer."""
        yield Header()
        with VerticalScroll(id="report"):
            yield Static(self._summary(), id="report-summary")
            for number, item in enumerate(self.items, 1):
                yield Static(self._item(number, item), classes="report-item")
        yield Footer()

    def on_mount(self) -> None:
        """Title."""
        self.sub_title = f"Mock report · {self.bank.title}"

    def _summary(self) -> Text:
        scores = [i.result["score"] for i in self.items if i.result is not None]
        average = f"average {sum(scores) / len(scores):.0f}" if scores else "not scored"
        out = [plain(f"{len(self.items)} of {self.asked} questions answered · {average}", "bold")]
        missed = most_missed(self.items)
        if missed:
            out.append(plain("Themes most often missed:", "bold underline"))
            out.extend(plain(f"  {label}: missed in {n} of {len(self.items)}") for label, n in missed)
        else:
            out.append(plain("No expected theme was missed.", "green"))
        return lines(*out)

    def _item(self, number: int, item: MockItem) -> Text:
        score = f"{item.result['score']}/100" if item.result is not None else "not scored"
        # The heading stays on one line, so the answer always starts on the second.
        prompt = item.question.prompt.replace("\n", " ")
        head = join(plain(f"{number}. ", "bold"), plain(prompt, "bold"), plain(f"  — {score}", "bold"))
        return lines(head, marked(item.answer, item.result or {}, theme_colours(self.bank)))

    def action_back(self) -> None:
        """Back home."""
        self.dismiss()
