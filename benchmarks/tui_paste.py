"""A hostile 1 MB paste into the practice editor: how long until the next key shows (issue 9).

The paste is prose with Rich markup, ANSI escapes, CJK, emoji and typographic punctuation mixed
in (so it goes through the display sanitiser and wide-character layout, not only ASCII). After
the paste one key is typed; the time runs from the paste to the moment that key is in the
editor AND drawn on the screen. Then the answer is submitted: the time until the feedback
screen is up. The real scorer and an in-memory history; medians of several runs.

    python benchmarks/tui_paste.py [RUNS]

Target: the next key shows within 1 s.
"""

from __future__ import annotations

import asyncio
import io
import statistics
import sys
import time
from pathlib import Path

from rich.console import Console
from textual import events

from interview_coach.banks.loader import load_bank
from interview_coach.history.memory import MemoryHistory
from interview_coach.scoring import Scorer
from interview_coach.tui.app import CoachApp, make_app
from interview_coach.tui.config import AppConfig, Start
from interview_coach.tui.screens.feedback import FeedbackScreen
from interview_coach.tui.widgets.editor import AnswerEditor

BANK = Path(__file__).resolve().parents[1] / "tests" / "data" / "hostile" / "target_bank.yaml"
PARAGRAPH = ("When the caller raised her voice I stayed calm and listened, then asked questions "
             "to understand what she needed [bold]really[/] \x1b[31mneeded\x1b[0m \u2014 "
             "self\u2011care matters too, caf\u00e9 \u6211 \U0001f642.\n")
MARK = "Q"  # the key typed after the paste: a letter the paste does not hold


def payload() -> str:
    """About 1 MB (UTF-8) of the paragraph."""
    return PARAGRAPH * (1_000_000 // len(PARAGRAPH.encode("utf-8")) + 1)


def on_screen(app: CoachApp) -> str:
    """The screen as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True)
    console.print(app.screen._compositor.render_update(full=True, simplify=True))
    return console.export_text()


async def one_run(text: str) -> tuple[float, float]:
    """Seconds until the key after the paste shows; seconds until feedback after submitting."""
    bank = load_bank(BANK)
    memory = MemoryHistory()
    app = make_app(AppConfig(paths=[BANK], include_builtin=False, scorer_factory=Scorer,
                             history_opener=lambda: (memory, []), frozen=True,
                             start=Start(mode="practice", bank=bank)))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause(0.5)
        editor = app.screen.query_one(AnswerEditor)
        before = on_screen(app).count(MARK)
        started = time.perf_counter()
        editor.post_message(events.Paste(text))
        await pilot.press(MARK)
        while not (editor.text.endswith(MARK) and on_screen(app).count(MARK) > before):
            await asyncio.sleep(0.01)
            if time.perf_counter() - started > 60:
                raise SystemExit("the key never showed within 60 s")
        key_shows = time.perf_counter() - started
        started = time.perf_counter()
        await pilot.press("ctrl+s")
        while not isinstance(app.screen, FeedbackScreen):
            await asyncio.sleep(0.01)
            if time.perf_counter() - started > 120:
                raise SystemExit("no feedback screen within 120 s")
        await pilot.pause()
        feedback = time.perf_counter() - started
        assert app.is_running
    return key_shows, feedback


def main() -> None:
    """Run and print medians."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    text = payload()
    keys, feedbacks = [], []
    for _ in range(runs):
        key, feedback = asyncio.run(one_run(text))
        keys.append(key)
        feedbacks.append(feedback)
    print(f"hostile 1 MB paste ({len(text.encode('utf-8')):,} bytes), then a key shows: "
          f"median {statistics.median(keys) * 1000:.0f} ms, max {max(keys) * 1000:.0f} ms "
          f"({runs} runs; target < 1000)")
    print(f"then submitted, feedback screen up: median {statistics.median(feedbacks) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
