"""Practice: one question at a time, an editor, the live theme meter, hints, a timer, drafts."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Footer, Header, Static, TextArea
from textual.worker import get_current_worker

from interview_coach.banks.models import Bank, Question
from interview_coach.history.drafts import Draft, aside_window
from interview_coach.scoring import ScoreResult
from interview_coach.tui.highlight import clock
from interview_coach.tui.literal import join, plain
from interview_coach.tui.live import LIVE_CAP, LiveScoring, word_count
from interview_coach.tui.screens.base import CoachScreen
from interview_coach.tui.screens.drafts import DRAFT_BINDINGS, DraftOffer, DraftPicker
from interview_coach.tui.screens.external import edit_externally
from interview_coach.tui.widgets.editor import AnswerEditor
from interview_coach.tui.widgets.meter import ThemeMeter

LIVE_DELAY = 0.15  # seconds of quiet before the meter rescores
DRAFT_EVERY = 0.5  # seconds between draft saves while the text changes


def question_meta(question: Question, index: int, total: int) -> str:
    """'Question 2 of 5 · behavioural · difficulty 2 · 2:00' for the header line."""
    parts = [f"Question {index + 1} of {total}"]
    if question.category:
        parts.append(question.category)
    if question.difficulty:
        parts.append(f"difficulty {question.difficulty}")
    if question.time_limit:
        parts.append(f"time limit {clock(question.time_limit)}")
    return " · ".join(parts)


def hints_for(bank: Bank, question: Question) -> list[str]:
    """The hints to reveal one at a time: each expected theme's hint, then the question's tips."""
    hints = [f"{bank.themes[t].label}: {bank.themes[t].hint}" for t in question.themes
             if t in bank.themes and bank.themes[t].hint]
    return hints + list(question.tips)


class PracticeScreen(CoachScreen):
    """Answer questions one by one with the live meter; submit for feedback."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit", id="practice.submit"),
        Binding("ctrl+n", "skip", "Skip", id="practice.skip"),
        Binding("ctrl+g", "hint", "Hint", id="practice.hint"),
        Binding("ctrl+o", "open_editor", "$EDITOR", id="practice.editor"),
        Binding("escape", "back", "Back", id="practice.back"),
        *DRAFT_BINDINGS,  # only while a saved draft is offered (see check_action)
    ]

    def __init__(self, bank: Bank, questions: list[Question], mode: str = "practice",
                 start: int = 0) -> None:
        super().__init__()
        self.bank = bank
        self.questions = questions
        self.mode = mode
        self.index = max(0, min(start, len(questions) - 1))
        self.hints_shown = 0
        self.words = 0
        self.covered = (0, 0)  # expected themes covered, of how many
        self.started_at = datetime.now()
        self._live_timer: Timer | None = None
        self._dirty = False
        self._live_failed = False
        # What this window's draft of the question holds, as far as the screen knows, and the
        # ticket (HistoryRunner.draft_ticket) of the write or read that told it; the ticket of
        # the newest draft write handed to the history (newer than the first while in flight).
        self._saved_text = ""
        self._saved_ticket = 0
        self._sent_ticket = 0
        self._looking_up: str | None = None  # the question whose saved drafts are being read
        # After a choice among saved drafts, what the next save does besides saving this
        # window's draft: (question id, this window's earlier draft to keep under a key of its
        # own first, the other window's draft to drop once its text is saved here).
        self._after_choice: tuple[str, Draft | None, Draft | None] | None = None

    @property
    def question(self) -> Question:
        """The question on screen."""
        return self.questions[self.index]

    def compose(self) -> ComposeResult:
        """Question, editor beside the meter, hints, status line."""
        yield Header()
        with Vertical(id="question-box"):
            yield Static(id="prompt")
            yield Static(id="meta", classes="meta")
        yield DraftOffer()
        with Horizontal(id="work"):
            yield AnswerEditor(id="answer", blink=not self.coach.config.frozen)
            yield ThemeMeter(self.bank, self.question, id="meter")
        with VerticalScroll(id="hints-box"):  # every hint stays reachable, however many
            yield Static(id="hints")
        yield Static(id="status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        """Show the first question; start the clock and the draft saver."""
        mode = "Review due" if self.mode == "review" else "Practice"
        self.sub_title = f"{mode} · {self.bank.title}"
        self.show_question(self.index)
        if not self.coach.config.frozen:
            self.set_interval(1.0, self._refresh_status)
        self.set_interval(DRAFT_EVERY, self._save_if_dirty)

    def resume_at(self, index: int) -> None:
        """Go to question ``index`` (where the user left off), unless they already typed here."""
        if index == self.index or not 0 <= index < len(self.questions):
            return
        if not self.is_mounted:
            self.index = index  # on_mount shows it
            return
        if not self.query_one(AnswerEditor).text:
            self.show_question(index)

    def show_question(self, index: int, answer: str = "") -> None:
        """Put question ``index`` on screen with ``answer`` in the editor; offer a saved draft."""
        self.index = index
        question = self.question
        self.live = LiveScoring(self.coach.scorer(self.bank), question,
                              self.coach.config.live_cap or LIVE_CAP)
        self.hints_shown = 0
        self.started_at = self.coach.now()
        self.query_one("#prompt", Static).update(plain(question.prompt, "bold"))
        self.query_one("#meta", Static).update(
            plain(question_meta(question, index, len(self.questions))))
        self.query_one(ThemeMeter).set_question(self.bank, question)
        self.query_one("#hints", Static).update("")
        self._withdraw_offer()
        editor = self.query_one(AnswerEditor)
        editor.load_text(answer)
        # A new question: what earlier saves (of the question left) report is no news here.
        self._saved_text = answer
        self._saved_ticket = self._sent_ticket = self.coach.history.draft_ticket()
        editor.focus()
        self._rescore_soon()
        self._looking_up = None if answer else question.id
        if not answer:
            self.run_worker(self._offer_draft(question.id), group="draft")
        self._refresh_status()

    async def _offer_draft(self, question_id: str) -> None:
        asked = self.coach.history.draft_ticket()
        try:
            found = await self.coach.history.drafts(self.bank.id, question_id)
        finally:
            if self._looking_up == question_id:
                self._looking_up = None
        drafts = [d for d in found if d.text.strip()]
        if drafts and question_id == self.question.id:
            # A bar, not a dialog: keys typed meanwhile stay in the editor (issue 14).
            offer = self.query_one(DraftOffer)
            offer.offer(drafts)
            own = offer.own
            # What the store holds for this window (unless a save since knows better); typing
            # is saved after it.
            if self._sent_ticket < asked:
                self._stored(asked, own.text if own is not None else "")
            self._dirty = True
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The draft keys work (and show) only while a draft is offered."""
        if action in ("restore_draft", "discard_draft"):
            return self.query_one(DraftOffer).draft is not None
        return True

    def action_restore_draft(self) -> None:
        """Put the saved draft in the editor, with anything typed since after it; with several
        saved drafts, first choose which (the others stay saved)."""
        offer = self.query_one(DraftOffer)
        if not offer.drafts:
            return
        if len(offer.drafts) == 1:
            self._continue(offer.drafts[0])
            return
        question_id = self.question.id

        def chosen(draft: Draft | None) -> None:
            if draft is not None and question_id == self.question.id:
                self._continue(draft)

        self.app.push_screen(DraftPicker(list(offer.drafts)), chosen)

    def _continue(self, chosen: Draft) -> None:
        """Go on with ``chosen``: it comes into the editor (and into this window's draft)."""
        offer = self.query_one(DraftOffer)
        if chosen not in offer.drafts:
            return
        own = offer.own
        aside = own if own is not None and not chosen.mine else None
        self._after_choice = (self.question.id, aside, None if chosen.mine else chosen)
        editor = self.query_one(AnswerEditor)
        typed = editor.text
        editor.set_answer(chosen.text + ("\n\n" + typed if typed.strip() else ""))
        editor.move_cursor(editor.document.end)
        self._withdraw_offer()
        self._dirty = True
        self.run_worker(self.save_draft_now(), group="draft-save")

    def action_discard_draft(self) -> None:
        """Start afresh: what is in the editor replaces the saved draft. When several drafts
        are saved, they all stay saved (this window's own under a key of its own)."""
        offer = self.query_one(DraftOffer)
        if not offer.drafts:
            return
        if len(offer.drafts) == 1:
            only = offer.drafts[0]
            self._after_choice = (self.question.id, None, None if only.mine else only)
        else:
            self._after_choice = (self.question.id, offer.own, None)
        self._withdraw_offer()
        self._dirty = True

    def _withdraw_offer(self) -> None:
        offer = self.query_one(DraftOffer)
        if offer.draft is not None:
            offer.withdraw()
            self.refresh_bindings()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Typing: mark the draft dirty and rescore after a short quiet spell."""
        self._dirty = True
        self._rescore_soon()

    def _rescore_soon(self) -> None:
        if self._live_timer is not None:
            self._live_timer.stop()
        self._live_timer = self.set_timer(LIVE_DELAY, self._start_rescore)

    def _start_rescore(self) -> None:
        self._rescore(self.query_one(AnswerEditor).text)

    @work(thread=True, exclusive=True, group="live", exit_on_error=False)
    def _rescore(self, text: str) -> None:
        """Score the text off the event loop; a newer keystroke's result replaces this one."""
        worker = get_current_worker()
        try:
            result = self.live.update(text)
        except Exception as exc:  # the meter goes dark; the app and the text carry on
            if not self._live_failed:
                self._live_failed = True
                self.app.call_from_thread(self.coach.say, f"Live scoring failed: {exc}", "error")
            result = None
        if not worker.is_cancelled:
            too_long = len(text) if self.live.too_long(text) else 0
            words = word_count(text, result)  # the scorer's count, as the feedback shows
            self.app.call_from_thread(self._show_live, result, words, too_long)

    def _show_live(self, result: ScoreResult | None, words: int, too_long: int) -> None:
        self.words = words
        self.query_one(ThemeMeter).show(result, too_long, self.live.cap)
        self._refresh_status()

    def on_theme_meter_lit(self, message: ThemeMeter.Lit) -> None:
        """The meter lit or dimmed a theme: count it in the status line."""
        self.covered = (len(message.lit), message.expected)
        self._refresh_status()

    def _refresh_status(self) -> None:
        elapsed = (self.coach.now() - self.started_at).total_seconds()
        limit = self.question.time_limit
        timing = clock(elapsed) + (f" / {clock(limit)}" if limit else "")
        over = bool(limit and elapsed > limit)
        hints = len(hints_for(self.bank, self.question))
        covered, expected = self.covered
        self.query_one("#status", Static).update(join(
            plain(f"Words {self.words}  ·  Themes {covered}/{expected}  ·  "),
            plain(timing, f"bold {self.ink('text-error')}" if over else ""),
            plain(f"  ·  Hints {self.hints_shown}/{hints}"),
        ))

    def action_hint(self) -> None:
        """Reveal the next hint."""
        hints = hints_for(self.bank, self.question)
        if self.hints_shown >= len(hints):
            self.coach.say("No more hints for this question.")
            return
        self.hints_shown += 1
        lines = [plain(f"Hint {i + 1}: {h}", "italic") for i, h in enumerate(hints[: self.hints_shown])]
        self.query_one("#hints", Static).update(Text("\n", end="").join(lines))
        box = self.query_one("#hints-box", VerticalScroll)
        box.call_after_refresh(box.scroll_end, animate=False)  # the hint just revealed
        self._refresh_status()

    def _stored(self, ticket: int, text: str) -> None:
        """The store holds ``text`` as this window's draft, as of ``ticket`` (older news of a
        save that finished late is not news)."""
        if ticket >= self._saved_ticket:
            self._saved_ticket, self._saved_text = ticket, text

    def action_submit(self) -> None:
        """Save the draft (before anything else), then score the answer and show the feedback."""
        text = self.query_one(AnswerEditor).text
        if not text.strip():
            self.coach.say("Write an answer first (or skip with ctrl+n).", "warning")
            return
        self.run_worker(self._save_then_score(text, self.question, self.coach.now()),
                        group="submit")

    async def _save_then_score(self, text: str, question: Question, submitted: datetime) -> None:
        ticket = await self.save_draft_now()  # a crash while scoring still leaves the answer
        self._score(text, question, submitted, ticket)

    @work(thread=True, exclusive=True, group="score", exit_on_error=False)
    def _score(self, text: str, question: Question, submitted: datetime, ticket: int) -> None:
        """Full scoring of the answer and of the model answer, off the event loop."""
        scorer = self.coach.scorer(self.bank)
        try:
            result = scorer.score(question, text)
            model = scorer.score(question, question.model_answer) \
                if question.model_answer.strip() else None
        except Exception as exc:  # the answer stays in the editor; the user can try again
            self.app.call_from_thread(self.coach.say, f"Scoring failed: {exc}", "error")
            return
        self.app.call_from_thread(self.run_worker,
                                  self._scored(text, question, result, model, submitted, ticket),
                                  group="scored")

    async def _scored(self, text: str, question: Question, result: ScoreResult,
                      model: ScoreResult | None, submitted: datetime, ticket: int) -> None:
        from interview_coach.tui.screens.feedback import FeedbackScreen

        await self.coach.history.record_attempt(
            bank_id=self.bank.id, bank_hash=self.bank.content_hash,
            question_id=question.id, answer=text, result=result, mode=self.mode,
            started_at=self.started_at, submitted_at=submitted,
        )
        offer = self.query_one(DraftOffer)
        offered = bool(offer.drafts) and question.id == self.question.id
        own = offer.own if offered else None
        # Ordered as the save before scoring (``ticket``): what was typed since, and saved,
        # stays saved.
        if own is not None:  # the user has not chosen yet: the saved drafts stay, as they were
            done = await self.coach.history.save_draft(self.bank.id, question.id, own.text,
                                                       ticket=ticket)
        else:
            done = await self.coach.history.delete_draft(self.bank.id, question.id,
                                                         ticket=ticket)
        if done:
            self._stored(ticket, own.text if own is not None else text)
        if self not in self.app.screen_stack:  # left practice while the answer was scored
            self.coach.say(f"Your answer was scored ({result.score}/100) and saved.")
            return
        screen = FeedbackScreen(self.bank, question, text, result, model)
        self.app.push_screen(screen, self._after_feedback)

    def _after_feedback(self, choice: str | None) -> None:
        if choice == "next":
            self._advance()
        elif choice == "back":
            self.dismiss()
        else:  # try again: the answer stays to edit
            self.started_at = self.coach.now()
            self.query_one(AnswerEditor).focus()

    def _advance(self) -> None:
        if self.index + 1 >= len(self.questions):
            self.coach.say("That was the last question. Well done.")
            self.dismiss()
            return
        self.show_question(self.index + 1)

    async def action_skip(self) -> None:
        """Go to the next question (the draft is kept)."""
        await self.save_draft_now()
        self._advance()

    async def action_back(self) -> None:
        """Back to the previous screen (the draft is kept)."""
        await self.save_draft_now()
        self.dismiss()

    async def action_open_editor(self) -> None:
        """Edit the answer in $EDITOR, then come back to it."""
        editor = self.query_one(AnswerEditor)
        text = edit_externally(self.app, editor.text)
        if text is not None:
            editor.set_answer(text)

    async def _save_if_dirty(self) -> None:
        # Not while the question's saved drafts are being read: this window's own would be
        # replaced by the typing before it is offered (and kept whole, typing after it).
        if self._dirty and self._looking_up is None:
            await self.save_draft_now()

    async def save_draft_now(self) -> int:
        """Save the editor text as this window's draft of the question, if it changed; return
        once the store holds it (or a newer text), with the draft ticket of the text read.

        The text carries the ticket it was read at: a save that reaches the history late never
        replaces a newer text. Other windows' drafts are never written. After a choice among
        saved drafts, this window's earlier draft is first kept under a key of its own, and the
        other window's draft that was continued here is dropped only once its text is saved
        here."""
        ticket = self.coach.history.draft_ticket()
        question_id = self.question.id
        text = self.query_one(AnswerEditor).text
        offer = self.query_one(DraftOffer)
        if offer.drafts:  # not chosen yet: keep this window's draft whole, typing after it
            text = offer.kept_with(text)
        self._dirty = False
        after, self._after_choice = self._after_choice, None
        here = after is not None and after[0] == question_id
        if after is not None and after[1] is not None:
            await self.coach.history.save_draft(self.bank.id, after[0], after[1].text,
                                                 window=aside_window(after[1].window))
        # Written unless the store is known to hold this text with no write since (one in
        # flight may hold another text, or fail).
        kept = True  # the store holds this text, or a newer one
        if text != self._saved_text or self._sent_ticket > self._saved_ticket:
            self._sent_ticket = max(self._sent_ticket, ticket)
            if text.strip():
                done = await self.coach.history.save_draft(self.bank.id, question_id, text,
                                                           ticket=ticket)
            else:
                done = await self.coach.history.delete_draft(self.bank.id, question_id,
                                                             ticket=ticket)
            if done:
                self._stored(ticket, text)
            kept = done is not None  # False: a newer text was written first
        if here and kept and after is not None and after[2] is not None:
            await self.coach.history.delete_draft(self.bank.id, after[0], window=after[2].window)
        return ticket

