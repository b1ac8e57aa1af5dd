"""Every hostile answer and every hostile-text bank on every screen that shows user text (issue 9).

Practice (pasted into the editor), feedback, history detail and the mock report get each of the
hostile answers; home, practice, feedback, study (with the theme guide), history and the mock
report get each hostile-text bank. On each: the exact text that the display sanitiser
(:func:`interview_coach.tui.literal.clean`) promises is on screen, nothing raw reaches the terminal,
the app is still running and the screen still answers a key. One app per screen, looping over
the answers, keeps this fast; the real scorer makes the offsets real.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hostile_support import SURROGATES, TARGET_BANK, HostileAnswer, all_answers, tui_banks
from textual import events
from tui_support import Clock, build_app, running, screen_text, settle, widget_text

from interview_coach.banks.loader import load_bank
from interview_coach.banks.models import Bank, Question
from interview_coach.history.memory import MemoryHistory
from interview_coach.scoring import Scorer, ScoreResult
from interview_coach.tui.config import Start
from interview_coach.tui.highlight import DISPLAY_CAP
from interview_coach.tui.literal import clean
from interview_coach.tui.screens.feedback import FeedbackScreen
from interview_coach.tui.screens.history import AttemptScreen, HistoryScreen
from interview_coach.tui.screens.home import HomeScreen
from interview_coach.tui.screens.mock import MockItem, ReportScreen
from interview_coach.tui.screens.practice import PracticeScreen
from interview_coach.tui.screens.study import StudyScreen, ThemeGuideScreen
from interview_coach.tui.widgets.editor import AnswerEditor

SIZE = (100, 32)
# Never on a terminal: C0 controls but newline, DEL, C1 controls, bidi overrides and isolates,
# lone surrogates (unencodable).
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Each push of a full screen costs a few tenths of a second (Textual applying its CSS), so
# practice and the mock report get every answer, and feedback and history detail a third each
# (different thirds) plus the generated big answers.
KEPT = [a for a in all_answers() if not a.generated]
BIG = [a for a in all_answers() if a.generated]
FEEDBACK_ANSWERS = KEPT[0::3] + BIG
HISTORY_ANSWERS = KEPT[1::3] + BIG
CHUNKS = 3  # each list is split so that xdist can spread one screen's work over workers


def chunk(answers: list[HostileAnswer], index: int) -> list[HostileAnswer]:
    """Every CHUNKS-th answer, starting at ``index``."""
    return answers[index::CHUNKS]


def assert_safe_screen(app: Any) -> str:
    """The app runs and nothing raw is on screen; returns the screen's text."""
    assert app.is_running
    text = screen_text(app)
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} on screen" if found else ""
    return text


def probe_shown(answer: HostileAnswer, text: str) -> None:
    """The answer's probe (its start, as the sanitiser shows it) is on screen."""
    if answer.probe:
        assert clean(answer.probe) in text, f"{answer.name}: {answer.probe!r} not on screen"


def assert_answer_shown(shown: str, answer: str) -> None:
    """A marked answer on screen is the exact sanitised text (its first DISPLAY_CAP characters
    and a note, for a longer one)."""
    if len(answer) <= DISPLAY_CAP:
        assert shown == clean(answer)
    else:
        assert shown.startswith(clean(answer[:DISPLAY_CAP]))
        assert f"and {len(answer) - DISPLAY_CAP:,} more characters" in shown


def scored(bank: Bank, question: Question, answer: str) -> ScoreResult:
    """The real scorer's result for ``answer``, as the screens receive it."""
    return Scorer(bank).score(question, answer)


def target() -> Bank:
    """The bank the hostile answers answer."""
    return load_bank(TARGET_BANK)


def real_app(bank_path: Path = TARGET_BANK, **overrides: Any) -> Any:
    """The app with the real scorer and the given bank only."""
    return build_app(paths=[bank_path], scorer_factory=Scorer, **overrides)


# -------------------------------------------------------------------------- the sanitiser


@pytest.mark.parametrize("text", SURROGATES)
def test_sanitiser_replaces_lone_surrogates(text: str) -> None:
    shown = clean(text)
    assert len(shown) == len(text)  # one character in, one out: offsets still hold
    assert not RAW.search(shown)
    shown.encode("utf-8")  # a terminal can be sent it


def test_sanitiser_keeps_every_hostile_answer_one_to_one() -> None:
    for answer in all_answers():
        shown = clean(answer.text)
        assert len(shown) == len(answer.text)
        assert not RAW.search(shown.replace("\t", " "))
        assert clean(shown) == shown  # cleaning twice changes nothing


# ---------------------------------------------------------------------- answers on screens


@pytest.mark.parametrize("part", range(CHUNKS))
async def test_every_answer_pasted_into_practice(part: int) -> None:
    """Each answer pasted into the editor: kept whole, shown literally, the next key still lands."""
    bank = target()
    app = real_app(start=Start(mode="practice", bank=bank, question_id="upset-caller"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        editor = app.screen.query_one(AnswerEditor)
        for answer in chunk(list(all_answers()), part):
            editor.load_text("")
            editor.post_message(events.Paste(answer.text))
            await pilot.pause()
            assert editor.text == clean(answer.text), answer.name
            editor.move_cursor((0, 0))
            await pilot.pause()
            probe_shown(answer, assert_safe_screen(app))
            await pilot.press("x")
            await pilot.pause()
            assert editor.text == "x" + clean(answer.text), answer.name
        editor.load_text("")
        for text in SURROGATES if part == 0 else ():
            editor.post_message(events.Paste(text))
            await pilot.pause()
            assert_safe_screen(app)
            editor.load_text("")


@pytest.mark.parametrize("part", range(CHUNKS))
async def test_every_answer_on_the_feedback_screen(part: int) -> None:
    """Feedback: the marked answer is the exact sanitised text; escape still goes back."""
    bank = target()
    app = real_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for answer in chunk(FEEDBACK_ANSWERS, part):
            question = bank.question(answer.question)
            model = scored(bank, question, question.model_answer) if question.model_answer else None
            app.push_screen(FeedbackScreen(bank, question, answer.text,
                                           scored(bank, question, answer.text), model))
            await pilot.pause()
            assert isinstance(app.screen, FeedbackScreen)
            assert_answer_shown(widget_text(app, "#fb-answer"), answer.text)
            probe_shown(answer, assert_safe_screen(app))
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen), answer.name


@pytest.mark.parametrize("part", range(CHUNKS))
async def test_every_answer_in_the_history_detail(part: int) -> None:
    """History: the table lists every attempt, each detail shows the exact sanitised answer."""
    bank, clock, history = target(), Clock(), MemoryHistory()
    mine = chunk(HISTORY_ANSWERS, part)
    for answer in mine:
        question = bank.question(answer.question)
        history.record_attempt(bank_id=bank.id, bank_hash=bank.content_hash, question_id=question.id,
                               answer=answer.text, result=scored(bank, question, answer.text),
                               mode="practice", started_at=clock.now - timedelta(seconds=30),
                               submitted_at=clock.now)
    app = real_app(history=history, clock=clock, start=Start(mode="history", bank=bank))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert len(app.screen.rows) == len(mine)
        assert_safe_screen(app)
        for attempt in app.screen.rows:
            app.push_screen(AttemptScreen(bank, attempt))
            await pilot.pause()
            assert_answer_shown(widget_text(app, "#attempt-answer"), attempt.answer)
            text = assert_safe_screen(app)
            probe_shown(next(a for a in mine if a.text == attempt.answer), text)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)


async def test_every_answer_in_a_mock_report() -> None:
    """The mock report with all the answers: each item shows its exact sanitised answer."""
    bank, clock = target(), Clock()
    items = []
    for answer in all_answers():
        question = bank.question(answer.question)
        items.append(MockItem(question, answer.text, clock.now, clock.now,
                              scored(bank, question, answer.text)))
    items.append(MockItem(bank.questions[0], "[@click=app.quit]not scored[/]", clock.now, clock.now))
    app = real_app(clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ReportScreen(bank, items, len(items)))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        shown = [w.content.plain for w in screen.query(".report-item")]  # type: ignore[attr-defined]
        for item, text in zip(items, shown, strict=True):
            # heading, time, covered, missed, then the answer, then the model-answer key
            rows = text.split("\n")
            head, body = rows[0], "\n".join(rows[4:-1])
            assert head.startswith(f"{items.index(item) + 1}. ")
            assert_answer_shown(body, item.answer)
        assert_safe_screen(app)
        for _ in range(3):  # scroll the whole report through the screen
            await pilot.press("pagedown")
        await pilot.press("end")
        await pilot.pause()
        assert_safe_screen(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# ------------------------------------------------------------------------ banks on screens


def bank_texts(bank: Bank) -> list[str]:
    """Every piece of text a bank may put on screen."""
    texts = [bank.title, bank.description, bank.role]
    for theme in bank.themes.values():
        texts += [theme.label, theme.description, *theme.keywords, theme.hint or ""]
    for question in bank.questions:
        texts += [question.prompt, question.model_answer, question.category or "", *question.tips,
                  *question.follow_ups]
    texts += [t for flag in bank.red_flags for t in (flag.phrase, flag.why)]
    return [t for t in texts if t.strip()]


def first_line(text: str, cells: int = 24) -> str:
    """The start of ``text`` as the sanitiser shows it, short enough not to wrap."""
    from rich.cells import cell_len

    shown = clean(text).split("\n")[0].split("\t")[0].strip()
    out = ""
    for ch in shown:
        if cell_len(out + ch) > cells:
            break
        out += ch
    return out.rstrip()


@pytest.mark.parametrize("path", tui_banks(), ids=lambda p: p.stem)
async def test_hostile_bank_on_every_screen(path: Path) -> None:
    """Home, practice (hints), feedback, study, theme guide, history and mock report."""
    bank = load_bank(path)
    question = bank.questions[0]
    history = MemoryHistory()
    app = real_app(path, history=history, include_builtin=False)
    async with running(app, size=(120, 40)) as pilot:
        home = assert_safe_screen(app)
        assert first_line(bank.title) in home
        assert clean(path.name)[:30] in widget_text(app, "#bank-detail")

        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        await pilot.press("ctrl+g", "ctrl+g", "ctrl+g", "ctrl+g")
        await pilot.pause()
        practice = assert_safe_screen(app)
        assert first_line(question.prompt) in practice
        assert clean(question.prompt) in widget_text(app, "#prompt")
        for tip in question.tips:
            assert clean(tip) in widget_text(app, "#hints")
        app.screen.query_one(AnswerEditor).post_message(events.Paste("I listen and stay calm."))
        await settle(pilot, 0.2)
        await pilot.press("ctrl+s")
        await settle(pilot, 0.1)
        assert isinstance(app.screen, FeedbackScreen)
        assert_safe_screen(app)
        if question.model_answer.strip():
            assert widget_text(app, "#fb-model") == clean(question.model_answer)
        for follow in question.follow_ups[:1]:
            assert widget_text(app, "#fb-follow") == clean(follow)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        detail = widget_text(app, "#study-detail")
        assert clean(question.prompt) in detail
        if question.model_answer.strip():
            assert clean(question.model_answer) in detail
        assert_safe_screen(app)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ThemeGuideScreen)
        guide = widget_text(app, "#guide-text")
        for theme in bank.themes.values():
            assert clean(theme.description) in guide
            assert clean(", ".join(theme.keywords)) in guide
        assert_safe_screen(app)
        await pilot.press("escape")
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert first_line(question.prompt, 20) in assert_safe_screen(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AttemptScreen)
        assert_safe_screen(app)
        await pilot.press("escape", "escape")
        await settle(pilot)

        items = [MockItem(q, f"I listen. {q.prompt}", app.now(), app.now(),
                          scored(bank, q, f"I listen. {q.prompt}")) for q in bank.questions]
        app.push_screen(ReportScreen(bank, items, len(items)))
        await pilot.pause()
        report = assert_safe_screen(app)
        assert first_line(question.prompt, 20) in report
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.is_running
    for text in bank_texts(bank):
        assert not RAW.search(clean(text).replace("\t", " "))


DRAFTS = ("markup_click_quit", "ansi_cursor_altscreen", "bidi_overrides", "zalgo", "osc52_clipboard")


async def test_hostile_drafts_in_the_draft_offer() -> None:
    """A saved draft holding hostile text: the offer shows it safely; restoring keeps it whole."""
    from interview_coach.tui.screens.drafts import DraftOffer

    bank, history = target(), MemoryHistory()
    answers = [a for a in all_answers() if a.name in DRAFTS]
    app = real_app(history=history)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for answer in answers:
            history.save_draft(bank.id, "upset-caller", answer.text)
            app.push_screen(PracticeScreen(bank, [bank.question("upset-caller")]))
            await settle(pilot)
            assert app.screen.query_one(DraftOffer).draft == answer.text, answer.name
            assert_safe_screen(app)
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert isinstance(app.screen, PracticeScreen)
            assert app.screen.query_one(AnswerEditor).text == clean(answer.text)
            assert_safe_screen(app)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
