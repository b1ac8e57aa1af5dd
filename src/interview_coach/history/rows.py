"""Helpers for rows of the history database: times, JSON, result codes, theme rows, review cards."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from interview_coach._util.gcpause import gc_paused
from interview_coach.history.records import Attempt

if TYPE_CHECKING:
    from interview_coach.scoring import ScoreResult

# SQLite primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_TRANSIENT = {_BUSY, _LOCKED}
_STORAGE = {_READONLY, _IOERR, _FULL, _CANTOPEN, _CORRUPT, _NOTADB}
_DAMAGED = {_CORRUPT, _NOTADB}


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _code(exc: sqlite3.Error) -> int:
    """The primary SQLite result code of an error (0 when unknown)."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive time is taken as local time."""
    return moment.astimezone(UTC)


def _iso(moment: datetime) -> str:
    """Stored form of a time: UTC, microseconds, so text order is time order."""
    return _utc(moment).isoformat(timespec="microseconds")


def _now() -> datetime:
    return datetime.now(UTC)


def _dumps(data: Any) -> str:
    return _clean(json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=str))


def _clean(text: str) -> str:
    """``text`` as SQLite can store it: surrogate pairs joined, lone ones become U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def _read_result(text: str | None) -> tuple[ScoreResult | None, str]:
    """A stored result (the JSON text of ``ScoreResult.to_dict()``) read back: ``(result, "")``,
    or ``(None, why)`` when it cannot be read (a hand-edited or damaged row never crashes).

    The one reading of stored results: attempts read back, writes waiting in memory or parked
    in a file, and the migrations all go through it. None text (not selected) gives (None, "").
    """
    if text is None:
        return None, ""
    from interview_coach.history.results import BadResult, result_from_dict

    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        return None, "the stored result is not valid JSON"
    try:
        return result_from_dict(data), ""
    except BadResult as exc:
        return None, str(exc)
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a huge or odd number
        return None, f"the stored result cannot be read ({exc})"


def _score_of(result: ScoreResult) -> int:
    """The score kept in the attempts row: the result's, within 0..100."""
    return max(0, min(100, int(result.score)))


def _expected_themes(result: ScoreResult | None) -> Iterator[tuple[str, bool, float]]:
    """(theme id, covered, strength) for each theme the question expected."""
    for theme in result.themes if result is not None else []:
        if theme.expected:
            yield theme.id, theme.covered, theme.strength


def _insert_themes(conn: sqlite3.Connection, attempt_id: int, bank_id: str, score: int,
                   themes: Iterable[tuple[str, bool, float]]) -> None:
    """The per-theme rows of one attempt (from :func:`_expected_themes`)."""
    conn.executemany(
        "INSERT OR REPLACE INTO attempt_themes VALUES (?, ?, ?, ?, ?, ?)",
        [(attempt_id, bank_id, tid, int(cov), st, score)
         for tid, cov, st in themes],
    )


def _update_review(
    conn: sqlite3.Connection, bank_id: str, question_id: str, score: int, when: datetime
) -> None:
    from interview_coach.history import schedule

    row = conn.execute(
        "SELECT card, reviews FROM review WHERE bank_id = ? AND question_id = ?",
        (bank_id, question_id),
    ).fetchone()
    card, due = schedule.review(row[0] if row else None, score, when, bank_id, question_id)
    conn.execute(
        "INSERT OR REPLACE INTO review VALUES (?, ?, ?, ?, ?, ?)",
        (bank_id, question_id, card, _iso(due), score, (row[1] if row else 0) + 1),
    )


_ATTEMPT_COLUMNS = (
    "a.id, a.bank_id, a.bank_hash, a.question_id, a.score, a.mode, a.started_at, a.submitted_at,"
    " a.seconds, a.session_id"
)


def _attempt_select(include_answer: bool, include_result: bool) -> str:
    """SELECT ... FROM attempts (joined to the texts only when they are wanted)."""
    answer = "coalesce(t.answer, '')" if include_answer else "''"
    result = "t.result" if include_result else "NULL"
    sql = f"SELECT {_ATTEMPT_COLUMNS}, {answer}, {result} FROM attempts a"
    if include_answer or include_result:
        sql += " LEFT JOIN attempt_texts t ON t.attempt_id = a.id"
    return sql


def _bulk(count: int) -> AbstractContextManager[None]:
    """Pause the cyclic garbage collector while decoding many (500 or more) results.

    Decoding thousands of result dicts makes the collector rescan the growing heap again and
    again, which doubles the time; nothing decoded here forms reference cycles.
    """
    return gc_paused(count >= 500)


def _attempt_from_row(row: Sequence[Any]) -> Attempt:
    """An Attempt from a row of :func:`_attempt_select` (result read when selected)."""
    result, problem = _read_result(row[11])
    return Attempt(
        id=row[0],
        bank_id=row[1],
        bank_hash=row[2],
        question_id=row[3],
        score=row[4],
        mode=row[5],
        started_at=datetime.fromisoformat(row[6]),
        submitted_at=datetime.fromisoformat(row[7]),
        seconds=row[8],
        session_id=row[9],
        answer=row[10],
        result=result,
        result_problem=problem,
    )
