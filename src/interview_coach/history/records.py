"""The values the history holds: attempts, progress, sessions, writes waiting for the disk."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interview_coach.scoring import ScoreResult


@dataclass
class Attempt:
    """One submitted answer with its scoring result.

    ``result`` is the typed result; it is None when it was not read (``include_result=False``)
    or when the stored one cannot be read, and then ``result_problem`` says why. The JSON form
    (``ScoreResult.to_dict()``) exists only in the database and in exports (:meth:`to_dict`).
    Times are timezone-aware (UTC). An attempt still waiting in memory has a negative id.
    """

    id: int
    bank_id: str
    bank_hash: str
    question_id: str
    answer: str
    score: int
    result: ScoreResult | None
    mode: str  # "practice", "mock" or "review"
    started_at: datetime
    submitted_at: datetime
    seconds: float
    session_id: int | None = None
    result_problem: str = ""  # why the stored result could not be read ("" when it was)

    def to_dict(self, include_result: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (times as ISO 8601 text); ``result`` is null when there is none,
        and ``result_problem`` then says why when the stored one could not be read."""
        data: dict[str, Any] = {
            "id": self.id,
            "bank_id": self.bank_id,
            "bank_hash": self.bank_hash,
            "question_id": self.question_id,
            "mode": self.mode,
            "session_id": self.session_id,
            "started_at": self.started_at.isoformat(),
            "submitted_at": self.submitted_at.isoformat(),
            "seconds": round(self.seconds, 3),
            "score": self.score,
            "answer": self.answer,
        }
        if include_result:
            data["result"] = self.result.to_dict() if self.result is not None else None
            if self.result_problem:
                data["result_problem"] = self.result_problem
        return data


@dataclass
class ThemeProgress:
    """Per theme: how often it was expected, how often covered, mean strength.

    ``mean_score`` and ``best_score`` are those of the attempts whose question expected it.
    """

    theme_id: str
    attempts: int
    covered: int
    mean_strength: float
    mean_score: float | None = None
    best_score: int | None = None


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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        from dataclasses import asdict

        return asdict(self)


@dataclass
class Session:
    """A mock interview (or another run of questions) and when it began and ended."""

    id: int
    bank_id: str
    mode: str
    started_at: datetime
    ended_at: datetime | None


@dataclass
class PendingWrite:
    """A write kept in memory because the database could not take it yet."""

    kind: str  # "attempt", "draft", "delete_draft", "start_session", "end_session"
    data: dict[str, Any]
    temp_id: int = 0
