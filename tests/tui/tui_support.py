"""Support for the TUI tests: a deterministic scorer, a frozen clock, and the app factory."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text
from textual.widgets import Static

from interview_coach.banks.models import Bank, Question
from interview_coach.history.memory import MemoryHistory
from interview_coach.scoring import Delivery, Match, RedFlagHit, ScorePart, ScoreResult, ThemeResult
from interview_coach.scoring.star import Star
from interview_coach.tui.app import CoachApp, make_app
from interview_coach.tui.config import AppConfig


class FakeScorer:
    """Keyword spotting: a theme is covered when one of its keywords appears as a word."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank

    def score(self, question: Question | str, answer: str) -> ScoreResult:
        """Score by counting keywords, red flags and words."""
        if isinstance(question, str):
            question = self.bank.question(question)
        themes = [self._theme(tid, question, answer) for tid in self.bank.themes]
        flags = self._flags(answer)
        words = len(answer.split())
        expected = [t for t in themes if t.expected]
        covered = sum(t.covered for t in expected)
        theme_points = 70.0 * covered / len(expected) if expected else 70.0
        length_points = 30.0 * min(words, 40) / 40
        score = max(0, min(100, round(theme_points + length_points - 10 * len(flags))))
        if not answer.strip():
            score = 0
        parts = [ScorePart("themes", round(theme_points, 1), 70, f"{covered} of {len(expected)} themes"),
                 ScorePart("length", round(length_points, 1), 30, f"{words} words")]
        star = {"situation": "when" in answer.lower(), "task": "had to" in answer.lower(),
                "action": " i " in f" {answer.lower()} ", "result": "result" in answer.lower()}
        delivery = Delivery(words=words, speaking_seconds=words / 2.5, too_short=words < 20,
                            star=Star.from_flags(star) if question.category == "behavioural" else None)
        notes = [f"Cover {t.label} next time." for t in expected if not t.covered]
        return ScoreResult(self.bank.id, question.id, score, 0.0, words, themes, flags, delivery,
                           parts, notes)

    def _theme(self, tid: str, question: Question, answer: str) -> ThemeResult:
        theme = self.bank.themes[tid]
        matches = [Match(k, m.group(), m.start(), m.end(), 1.0)
                   for k in theme.keywords
                   for m in re.finditer(rf"\b{re.escape(k)}\b", answer, re.IGNORECASE)]
        matches.sort(key=lambda m: m.start)
        return ThemeResult(tid, theme.label, tid in question.themes, bool(matches),
                           min(1.0, len(matches) / 2), False, matches, theme.hint)

    def _flags(self, answer: str) -> list[RedFlagHit]:
        hits = []
        for flag in self.bank.red_flags:
            for m in re.finditer(re.escape(flag.phrase), answer, re.IGNORECASE):
                hits.append(RedFlagHit(flag.phrase, flag.why, m.group(), m.start(), m.end()))
        return hits

DATA = Path(__file__).resolve().parents[1] / "data"
BANK = DATA / "tui_bank.yaml"
T0 = datetime(2026, 3, 2, 9, 30)


class Clock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time on."""
        self.now += timedelta(seconds=seconds)


def build_app(history: MemoryHistory | None = None, clock: Clock | None = None,
              **overrides: Any) -> CoachApp:
    """The app as the tests use it: the fixture bank only, frozen time, a fixed seed."""
    memory = history if history is not None else MemoryHistory()
    config = AppConfig(paths=[BANK], include_builtin=False, scorer_factory=FakeScorer,
                       history_opener=lambda: (memory, []), clock=clock or Clock(), seed=7,
                       frozen=True)
    return make_app(config, **overrides)


def mock_app(history: MemoryHistory | None = None, count: int = 3,
             clock: Clock | None = None) -> CoachApp:
    """The app started straight in a mock interview of ``count`` questions of the fixture bank."""
    from interview_coach.banks.loader import load_bank
    from interview_coach.tui.config import Start

    return build_app(history=history, clock=clock,
                     start=Start(mode="mock", bank=load_bank(BANK), count=count))


def screen_text(app: CoachApp) -> str:
    """What the terminal shows, as plain text (the same render as the SVG screenshot)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True))
    return console.export_text()


async def settle(pilot: Any, delay: float = 0.0) -> None:
    """Let timers, workers and the history thread finish, then repaint."""
    await pilot.pause(delay)
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def widget_text(app: CoachApp, selector: str) -> str:
    """The whole text a Static holds, including what is scrolled out of view."""
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


async def wait_until(pilot: Any, condition: Any, timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds (debounce timers fire late on a busy machine)."""
    loop_time = 0.0
    while not condition():
        if loop_time > timeout:
            raise AssertionError(f"condition not met within {timeout} s")
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()
        loop_time += 0.05
    await pilot.pause()


@asynccontextmanager
async def running(app: CoachApp, *keys: str, size: tuple[int, int] = (100, 32)) -> AsyncIterator[Any]:
    """The app under a Pilot, settled after start-up and after ``keys`` (if any) are pressed:
    ``async with running(app, "p") as pilot:`` opens practice from home."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        yield pilot


async def type_text(pilot: Any, text: str) -> None:
    """Type ``text`` key by key (a space is the key "space")."""
    await pilot.press(*["space" if c == " " else c for c in text])
