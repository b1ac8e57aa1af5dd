"""A thin adapter over the scorer: full scoring, and cheap live rescoring while typing.

Uses ``Scorer.live(question).update(text)`` when the scorer offers it, else ``score()``.
Answers longer than :data:`LIVE_CAP` are not scored live (the meter says so); the text is kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from interview_coach import scoring
from interview_coach.banks.models import Bank, Question
from interview_coach.scoring import ScoreResult
from interview_coach.scoring.textnorm import words as scored_words

LIVE_CAP: int = int(getattr(scoring, "LIVE_MAX_CHARS", 20_000))


def word_count(text: str, result: ScoreResult | None = None) -> int:
    """The one word count shown everywhere: the scorer's (``result.words``), or, with no result
    (too long to score live), the same tokeniser's count of ``text``."""
    return result.words if result is not None else len(scored_words(text))


class ScorerLike(Protocol):
    """What the TUI needs of a scorer."""

    def score(self, question: Question | str, answer: str) -> ScoreResult:
        """Score one answer."""


ScorerFactory = Callable[[Bank], ScorerLike]


class LiveScoring:
    """The TUI's live scoring of one question's answer as it is typed.

    Wraps the core's incremental :class:`interview_coach.scoring.live.LiveScore` (built lazily,
    in the worker thread), serialises updates from threads, applies the live cap, and falls back
    to full ``score()`` for a scorer that has no live mode.
    """

    def __init__(self, scorer: ScorerLike, question: Question, cap: int = LIVE_CAP) -> None:
        self.cap = cap
        self._question = question
        self._scorer = scorer
        self._live: Any = None
        self._started = False
        # The live scorer keeps state between calls: one update at a time, even from threads.
        self._lock = threading.Lock()

    def _start(self) -> None:
        # Built on first use, in the worker thread: compiling a question's tables takes a while.
        self._started = True
        make_live = getattr(self._scorer, "live", None)
        if callable(make_live):
            try:
                self._live = make_live(self._question, max_chars=self.cap)
            except NotImplementedError:
                self._live = None

    def too_long(self, text: str) -> bool:
        """Whether ``text`` is over the live-scoring cap."""
        return len(text) > self.cap

    def update(self, text: str) -> ScoreResult | None:
        """The live result for ``text``, or None when it is too long to score live."""
        if self.too_long(text):
            return None
        with self._lock:
            if not self._started:
                self._start()
            if self._live is not None:
                try:
                    result: ScoreResult = self._live.update(text)
                except NotImplementedError:
                    self._live = None
                else:
                    return None if result.truncated else result
            return self._scorer.score(self._question, text)


def default_scorer_factory(bank: Bank) -> ScorerLike:
    """The real scorer of the core."""
    return scoring.Scorer(bank)
