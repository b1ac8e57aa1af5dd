"""The history store: attempts, mock sessions, drafts and review schedules in SQLite.

Core module: never imports Textual. (Public API fixed here; the implementation fills it in.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass
class Attempt:
    """One submitted answer with its scoring result (``result`` is ScoreResult.to_dict())."""

    id: int
    bank_id: str
    bank_hash: str
    question_id: str
    answer: str
    score: int
    result: dict[str, Any]
    mode: str  # "practice", "mock" or "review"
    started_at: datetime
    submitted_at: datetime
    seconds: float
    session_id: int | None = None


@dataclass
class ThemeProgress:
    """Per theme: how often it was expected, how often covered, mean strength."""

    theme_id: str
    attempts: int
    covered: int
    mean_strength: float


@dataclass
class BankProgress:
    """Per bank: attempts, mean and best score, trend, weakest themes, untried questions."""

    bank_id: str
    attempts: int
    questions_practised: int
    questions_total: int
    mean_score: float | None
    best_score: int | None
    trend: float | None  # change of the mean score, recent half against older half
    weakest_themes: list[str] = field(default_factory=list)
    never_tried: list[str] = field(default_factory=list)
    themes: list[ThemeProgress] = field(default_factory=list)


class Store:
    """The SQLite history store. ``Store.open()`` uses the data directory's database."""

    @classmethod
    def open(cls, path: Path | None = None) -> Store:
        """Open (creating or migrating) the database; a damaged file is moved aside."""
        raise NotImplementedError

    # Every method below is implemented by the history store issue.
    saving: bool = True  # False when the disk is read-only or full: the app says it is not saving
    notices: list[str] = []  # messages for the user (a damaged database moved aside, ...)

    def record_attempt(
        self,
        *,
        bank_id: str,
        bank_hash: str,
        question_id: str,
        answer: str,
        result: dict[str, Any],
        mode: str,
        started_at: datetime,
        submitted_at: datetime,
        session_id: int | None = None,
    ) -> int | None:
        """Save one attempt (and update the question's review schedule); returns its id."""
        raise NotImplementedError

    def start_session(self, bank_id: str, mode: str = "mock") -> int | None:
        """Begin a mock interview session; returns its id."""
        raise NotImplementedError

    def end_session(self, session_id: int) -> None:
        """Mark a session finished."""
        raise NotImplementedError

    def save_draft(self, bank_id: str, question_id: str, text: str) -> None:
        """Keep the text being typed (one draft per bank and question)."""
        raise NotImplementedError

    def load_draft(self, bank_id: str, question_id: str) -> str | None:
        """The saved draft, if any."""
        raise NotImplementedError

    def delete_draft(self, bank_id: str, question_id: str) -> None:
        """Drop a draft (after the answer is submitted)."""
        raise NotImplementedError

    def attempts(self, bank_id: str | None = None, question_id: str | None = None,
                 limit: int | None = None) -> list[Attempt]:
        """Past attempts, newest first."""
        raise NotImplementedError

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One attempt by id."""
        raise NotImplementedError

    def progress(self, bank_id: str, question_ids: list[str]) -> BankProgress:
        """Progress for one bank (question_ids: all the bank's questions, for 'never tried')."""
        raise NotImplementedError

    def due_questions(self, bank_id: str, question_ids: list[str],
                      now: datetime | None = None) -> list[str]:
        """Questions due for review now, weakest first (never-tried ones are not 'due')."""
        raise NotImplementedError

    def close(self) -> None:
        """Flush anything kept in memory and close the database."""
        raise NotImplementedError
