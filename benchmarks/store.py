"""The history store's speed: recording, drafts, and history and stats of 10,000 attempts.

Run from the repository: ``python benchmarks/store.py [N]`` (N attempts, default 10,000). Uses a
temporary data directory. Prints the median of each measurement in milliseconds. Targets:
record_attempt under 5 ms; history and stats of 10,000 attempts under 300 ms.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from interview_coach._util import paths
from interview_coach.cli import main as cli
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store

THEMES = ["listening", "boundaries", "self_care", "lived_experience", "teamwork", "hope"]


def fake_result(rng: random.Random, question: str) -> dict[str, Any]:
    """A scoring result of realistic size (about 3 KB of JSON), shaped like ScoreResult."""
    score = rng.randint(0, 100)
    themes = []
    for theme in THEMES:
        covered = rng.random() < 0.6
        themes.append({
            "id": theme, "label": theme.replace("_", " ").title(), "expected": rng.random() < 0.7,
            "covered": covered, "strength": round(rng.random(), 3) if covered else 0.0,
            "negated": False, "hint": "Bring in an example of this.",
            "matches": [{"keyword": "listen", "text": "listened", "start": 10, "end": 18,
                         "similarity": 0.93, "negated": False}] if covered else [],
        })
    return {
        "bank_id": "bench", "question_id": question, "score": score,
        "reference_similarity": round(rng.random(), 3), "words": rng.randint(20, 300),
        "themes": themes, "red_flags": [],
        "delivery": {"words": 120, "speaking_seconds": 48.0, "fillers": {"um": 2},
                     "hedges": {"maybe": 1}, "repeated": [["really", 3]], "too_short": False,
                     "too_long": False, "star": {"situation": True, "task": True,
                                                 "action": True, "result": False},
                     "star_missing_result": True},
        "parts": [{"name": n, "points": 10.0, "max_points": 20.0, "detail": "how it was scored"}
                  for n in ("themes", "closeness", "delivery", "structure")],
        "feedback": ["Name the result of what you did.", "Say how you kept boundaries."],
        "truncated": False,
    }


def median_ms(func: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``func`` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Fill a database, then time each operation."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rng = random.Random(7)
    home = Path(tempfile.mkdtemp(prefix="ic-bench-"))
    os.environ[paths.ENV_HOME] = str(home)
    store = Store.open()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    record_times = []
    for i in range(count):
        question = f"q{i % 40}"
        when = start + timedelta(minutes=i)
        result = result_from_dict(fake_result(rng, question))
        t = time.perf_counter()
        store.record_attempt(bank_id="bench", bank_hash="h", question_id=question,
                             answer="An answer of a few sentences. " * 20, result=result,
                             mode="practice", started_at=when - timedelta(seconds=90),
                             submitted_at=when)
        record_times.append((time.perf_counter() - t) * 1000)
    questions = [f"q{i}" for i in range(45)]
    print(f"attempts in the database: {count}; file {store.path}")
    print(f"record_attempt: median {statistics.median(record_times):.3f} ms")
    text = "typing an answer " * 50
    print(f"save_draft: median {median_ms(lambda: store.save_draft('bench', 'q1', text), 200):.3f} ms")
    print(f"attempts() with results ({count}): median "
          f"{median_ms(lambda: store.attempts('bench'), 5):.1f} ms")
    print(f"attempts(include_result=False) ({count}): median "
          f"{median_ms(lambda: store.attempts('bench', include_result=False), 5):.1f} ms")
    print(f"history listing, attempts(no answer, no result) ({count}): median "
          f"{median_ms(lambda: store.attempts(include_result=False, include_answer=False), 5):.1f}"
          " ms")
    print(f"progress() ({count}): median "
          f"{median_ms(lambda: store.progress('bench', questions), 5):.1f} ms")
    print(f"due_questions(): median "
          f"{median_ms(lambda: store.due_questions('bench', questions), 20):.2f} ms")
    store.close()
    print(f"Store.open() + close(): median {median_ms(lambda: Store.open().close(), 5):.1f} ms")

    def command(*argv: str) -> Callable[[], object]:
        def go() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                cli.main(list(argv))
        return go

    print(f"CLI history (in process, {count}): median {median_ms(command('history'), 5):.1f} ms")
    print(f"CLI stats (in process, {count}): median {median_ms(command('stats'), 5):.1f} ms")
    print(f"CLI export csv (in process, {count}): median "
          f"{median_ms(command('export', '--format', 'csv'), 3):.1f} ms")

    def process(*argv: str) -> Callable[[], object]:
        def go() -> None:
            subprocess.run([sys.executable, "-m", "interview_coach", *argv], check=True,
                           stdout=subprocess.DEVNULL)
        return go

    for name in ("history", "stats"):
        print(f"CLI {name} (new process, {count}): median {median_ms(process(name), 3):.1f} ms")


if __name__ == "__main__":
    main()
