"""Helpers for rows of the history database: times, JSON, result codes, theme rows, review cards."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from interview_coach._util.gcpause import gc_paused
from interview_coach.history.records import Attempt

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


def _loads(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, TypeError):
        return {}
    return _sound_result(data) if isinstance(data, dict) else {}


# The fields of a stored result that screens and exports index directly, with their type and the
# value a missing or malformed one gets: a hand-edited or damaged row shows, it never crashes.
_SPAN: dict[str, tuple[type, Any]] = {"text": (str, ""), "start": (int, 0), "end": (int, 0)}
_ENTRY_FIELDS: dict[str, dict[str, tuple[type, Any]]] = {
    "themes": {"id": (str, "?"), "label": (str, ""), "expected": (bool, False),
               "covered": (bool, False), "strength": (float, 0.0), "negated": (bool, False)},
    "red_flags": {"phrase": (str, ""), "why": (str, ""), **_SPAN},
    "parts": {"name": (str, ""), "points": (float, 0.0), "max_points": (float, 0.0),
              "detail": (str, "")},
}
_NESTED: dict[str, dict[str, tuple[type, Any]]] = {"matches": _SPAN, "anti_matches": _SPAN}


def _typed(value: Any, kind: type, default: Any) -> Any:
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind in (str, bool) and isinstance(value, kind):
        return value
    return default


def _entry(raw: Any, fields: dict[str, tuple[type, Any]]) -> dict[str, Any] | None:
    if not isinstance(raw, dict):
        return None
    entry = dict(raw)
    for key, (kind, default) in fields.items():
        entry[key] = _typed(raw.get(key), kind, default)
    for key, nested in _NESTED.items():
        if key in entry:
            items = entry[key] if isinstance(entry[key], list) else []
            entry[key] = [e for e in (_entry(i, nested) for i in items) if e is not None]
    return entry


def _sound_result(data: dict[str, Any]) -> dict[str, Any]:
    """A stored result with every field the app indexes present and of the right type."""
    out = dict(data)
    if "score" in out:
        score = out["score"]
        out["score"] = int(score) if isinstance(score, int | float) and not isinstance(
            score, bool) else 0
    for key, fields in _ENTRY_FIELDS.items():
        if key in out:
            items = out[key] if isinstance(out[key], list) else []
            out[key] = [e for e in (_entry(i, fields) for i in items) if e is not None]
    for theme in out.get("themes", []):
        theme["label"] = theme["label"] or theme["id"]
    if "delivery" in out and not isinstance(out["delivery"], dict):
        del out["delivery"]
    return out


def _score_of(result: dict[str, Any]) -> int:
    try:
        return max(0, min(100, int(result.get("score", 0))))
    except (TypeError, ValueError):
        return 0


def _expected_themes(result: dict[str, Any]) -> Iterator[tuple[str, bool, float]]:
    """(theme id, covered, strength) for each theme the question expected."""
    themes = result.get("themes")
    if not isinstance(themes, list):
        return
    for theme in themes:
        if not isinstance(theme, dict) or not theme.get("expected", True):
            continue
        theme_id = theme.get("id")
        if not isinstance(theme_id, str):
            continue
        try:
            strength = float(theme.get("strength", 0.0))
        except (TypeError, ValueError):
            strength = 0.0
        yield theme_id, bool(theme.get("covered")), strength


def _insert_themes(
    conn: sqlite3.Connection, attempt_id: int, bank_id: str, score: int, result: dict[str, Any]
) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO attempt_themes VALUES (?, ?, ?, ?, ?, ?)",
        [(attempt_id, bank_id, tid, int(cov), st, score)
         for tid, cov, st in _expected_themes(result)],
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
    """An Attempt from a row of :func:`_attempt_select` (result decoded when selected)."""
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
        result=_loads(row[11]) if row[11] is not None else {},
    )
