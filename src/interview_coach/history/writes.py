"""The writes of the history store, one function per kind of write (each runs in one transaction)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

from interview_coach.history.rows import (
    _expected_themes,
    _insert_themes,
    _read_result,
    _update_review,
)


def _write_attempt(conn: sqlite3.Connection, d: dict[str, Any]) -> int:
    cursor = conn.execute(
        "INSERT INTO attempts (bank_id, bank_hash, question_id, score, mode, session_id,"
        " started_at, submitted_at, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (d["bank_id"], d["bank_hash"], d["question_id"], d["score"], d["mode"], d["session_id"],
         d["started_at"], d["submitted_at"], d["seconds"]),
    )
    attempt_id = int(cursor.lastrowid or 0)
    conn.execute("INSERT INTO attempt_texts (attempt_id, answer, result) VALUES (?, ?, ?)",
                 (attempt_id, d["answer"], d["result"]))
    themes = d.get("themes")
    rows = ([(str(t[0]), bool(t[1]), float(t[2])) for t in themes] if isinstance(themes, list)
            else list(_expected_themes(_read_result(d["result"])[0])))
    _insert_themes(conn, attempt_id, d["bank_id"], d["score"], rows)
    _update_review(conn, d["bank_id"], d["question_id"], d["score"],
                   datetime.fromisoformat(d["submitted_at"]))
    return attempt_id


def _write_draft(conn: sqlite3.Connection, d: dict[str, Any]) -> None:
    # One row per window: a window only ever replaces its own draft (issue 14 point 4). A write
    # kept from before windows had ids has none: it is the legacy window "".
    conn.execute(
        "INSERT INTO drafts (bank_id, question_id, window, text, updated_at)"
        " VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (bank_id, question_id, window) DO UPDATE SET text = excluded.text,"
        " updated_at = excluded.updated_at",
        (d["bank_id"], d["question_id"], d.get("window", ""), d["text"], d["updated_at"]),
    )


def _delete_draft(conn: sqlite3.Connection, d: dict[str, Any]) -> None:
    conn.execute("DELETE FROM drafts WHERE bank_id = ? AND question_id = ? AND window = ?",
                 (d["bank_id"], d["question_id"], d.get("window", "")))


def _start_session(conn: sqlite3.Connection, d: dict[str, Any]) -> int:
    cursor = conn.execute("INSERT INTO sessions (bank_id, mode, started_at) VALUES (?, ?, ?)",
                          (d["bank_id"], d["mode"], d["started_at"]))
    return int(cursor.lastrowid or 0)


def _end_session(conn: sqlite3.Connection, d: dict[str, Any]) -> None:
    conn.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", (d["ended_at"], d["id"]))


_HANDLERS: dict[str, Callable[[sqlite3.Connection, dict[str, Any]], Any]] = {
    "attempt": _write_attempt,
    "draft": _write_draft,
    "delete_draft": _delete_draft,
    "start_session": _start_session,
    "end_session": _end_session,
}
