"""Write docs/feedback.svg: the feedback screen after one answer, for the README.

Run: ``python scripts/tui_screenshot.py [OUT.svg]``. Uses the built-in general behavioural bank
and the real scorer, with a private, temporary data directory.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BANK = REPO / "question_banks" / "general_behavioural.yaml"
QUESTION = "conflict-with-colleague"
ANSWER = (
    "When a colleague and I disagreed about who should own a failing release, I asked to talk "
    "in private and listened to his side first. We agreed a plan together: I took the rollback "
    "and he wrote the fix. As a result the release went out two days later, and we now review "
    "risky changes as a pair."
)


async def shoot(out: Path) -> None:
    """Answer the question, submit, and save the feedback screen."""
    from interview_coach.banks.loader import load_bank
    from interview_coach.tui.app import make_app
    from interview_coach.tui.config import AppConfig, Start
    from interview_coach.history.memory import MemoryHistory

    bank = load_bank(BANK)
    memory = MemoryHistory()
    config = AppConfig(paths=[], include_builtin=False, frozen=True,
                       start=Start("practice", bank, question_id=QUESTION),
                       history_opener=lambda: (memory, []))
    app = make_app(config)
    async with app.run_test(size=(110, 42)) as pilot:
        await pilot.pause(0.5)
        await pilot.press(*["space" if c == " " else c for c in ANSWER])
        await pilot.pause(0.3)
        await pilot.press("ctrl+s")
        for _ in range(20):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(app.export_screenshot(title="interview-coach: feedback"), encoding="utf-8")


def main() -> None:
    """Write the SVG."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "feedback.svg"
    with tempfile.TemporaryDirectory() as home:
        os.environ["INTERVIEW_COACH_HOME"] = home
        asyncio.run(shoot(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
