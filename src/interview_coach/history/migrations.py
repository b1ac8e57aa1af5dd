"""The schema of the history database, version by version, and the migrations between them.

The SQL of every version stays here, so tests can build a database of any version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from interview_coach._util.errors import StoreError
from interview_coach.history.rows import (
    _expected_themes,
    _insert_themes,
    _read_result,
    _rollback,
    _update_review,
    _user_version,
)

SCHEMA_VERSION = 3

Step = str | Callable[[sqlite3.Connection], None]


class MigrationError(StoreError):
    """A schema migration failed; the database was left as it was."""


# Small columns first, the answer and the result JSON last: reading a row's small columns then
# never walks the overflow pages of a long answer or result.
_V1: list[Step] = [
    """CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        bank_id TEXT NOT NULL,
        bank_hash TEXT NOT NULL,
        question_id TEXT NOT NULL,
        score INTEGER NOT NULL,
        mode TEXT NOT NULL,
        started_at TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        seconds REAL NOT NULL,
        answer TEXT NOT NULL,
        result TEXT NOT NULL)""",
    "CREATE INDEX attempts_bank_time ON attempts(bank_id, submitted_at)",
    """CREATE TABLE drafts (
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (bank_id, question_id)) WITHOUT ROWID""",
]


def _backfill_v2(conn: sqlite3.Connection) -> None:
    """Version 2: per-theme rows and review cards for the attempts a version 1 database holds."""
    rows = conn.execute(
        "SELECT a.id, a.bank_id, a.question_id, a.score, t.result, a.submitted_at"
        " FROM attempts a JOIN attempt_texts t ON t.attempt_id = a.id"
        " ORDER BY a.submitted_at, a.id"
    ).fetchall()
    for attempt_id, bank_id, question_id, score, result, submitted in rows:
        _insert_themes(conn, attempt_id, bank_id, score,
                       _expected_themes(_read_result(result)[0]))
        _update_review(conn, bank_id, question_id, score, datetime.fromisoformat(submitted))


_V2: list[Step] = [
    # The answer and the result move to their own table: an attempts row stays small (about 150
    # bytes), so listing and counting thousands of attempts reads few pages.
    """CREATE TABLE attempts_v2 (
        id INTEGER PRIMARY KEY,
        bank_id TEXT NOT NULL,
        bank_hash TEXT NOT NULL,
        question_id TEXT NOT NULL,
        score INTEGER NOT NULL,
        mode TEXT NOT NULL,
        session_id INTEGER,
        started_at TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        seconds REAL NOT NULL)""",
    """CREATE TABLE attempt_texts (
        attempt_id INTEGER PRIMARY KEY,
        answer TEXT NOT NULL,
        result TEXT NOT NULL)""",
    """INSERT INTO attempts_v2 (id, bank_id, bank_hash, question_id, score, mode, session_id,
        started_at, submitted_at, seconds)
       SELECT id, bank_id, bank_hash, question_id, score, mode, NULL, started_at, submitted_at,
        seconds FROM attempts""",
    "INSERT INTO attempt_texts (attempt_id, answer, result) SELECT id, answer, result FROM attempts",
    "DROP TABLE attempts",
    "ALTER TABLE attempts_v2 RENAME TO attempts",
    # Covering index: progress (count, mean, best, trend, questions tried) never reads the rows.
    "CREATE INDEX attempts_bank_time ON attempts(bank_id, submitted_at, score, question_id)",
    "CREATE INDEX attempts_time ON attempts(submitted_at)",
    "CREATE INDEX attempts_session ON attempts(session_id) WHERE session_id IS NOT NULL",
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        bank_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT)""",
    """CREATE TABLE review (
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        card TEXT NOT NULL,
        due TEXT NOT NULL,
        last_score INTEGER NOT NULL,
        reviews INTEGER NOT NULL,
        PRIMARY KEY (bank_id, question_id)) WITHOUT ROWID""",
    "CREATE INDEX review_due ON review(bank_id, due)",
    """CREATE TABLE attempt_themes (
        attempt_id INTEGER NOT NULL,
        bank_id TEXT NOT NULL,
        theme_id TEXT NOT NULL,
        covered INTEGER NOT NULL,
        strength REAL NOT NULL,
        score INTEGER NOT NULL,
        PRIMARY KEY (attempt_id, theme_id)) WITHOUT ROWID""",
    # Covering index: per-theme stats are one index range scan (the score is copied here).
    """CREATE INDEX attempt_themes_bank
        ON attempt_themes(bank_id, theme_id, covered, strength, score)""",
    _backfill_v2,
]

_V3: list[Step] = [
    # A draft per window (app process): two windows on one data directory no longer overwrite
    # each other's draft of a question (issue 14 point 4). Earlier drafts keep the window "".
    """CREATE TABLE drafts_v3 (
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        window TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (bank_id, question_id, window)) WITHOUT ROWID""",
    """INSERT INTO drafts_v3 (bank_id, question_id, window, text, updated_at)
       SELECT bank_id, question_id, '', text, updated_at FROM drafts""",
    "DROP TABLE drafts",
    "ALTER TABLE drafts_v3 RENAME TO drafts",
]

MIGRATIONS: dict[int, list[Step]] = {1: _V1, 2: _V2, 3: _V3}
"""Steps that bring a database from version ``n - 1`` to ``n`` (SQL text or a function)."""

# The tables a database of each version must have (restore checks a backup against this).
TABLES: dict[int, frozenset[str]] = {
    1: frozenset({"attempts", "drafts"}),
    2: frozenset({"attempts", "attempt_texts", "drafts", "sessions", "review",
                  "attempt_themes"}),
    3: frozenset({"attempts", "attempt_texts", "drafts", "sessions", "review",
                  "attempt_themes"}),
}


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring ``conn`` to version ``target`` in ONE transaction; on failure nothing changes.

    Returns the version found before migrating. Raises MigrationError (the database is left as it
    was: SQLite's DDL and ``PRAGMA user_version`` are transactional).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read the version inside the write lock: another instance may have just migrated.
        found = _user_version(conn)
        for version in range(found + 1, target + 1):
            for step in MIGRATIONS[version]:
                if isinstance(step, str):
                    conn.execute(step)
                else:
                    step(conn)
            conn.execute(f"PRAGMA user_version = {int(version)}")
        conn.execute("COMMIT")
    except BaseException as exc:
        _rollback(conn)
        if isinstance(exc, sqlite3.Error | ValueError | KeyError | TypeError):
            raise MigrationError(f"could not update the history database: {exc}") from exc
        raise
    return found


def create_database(path: Path, version: int = SCHEMA_VERSION) -> None:
    """Create a database of an earlier (or the current) schema version, for tests and tools."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        migrate(conn, version)
    finally:
        conn.close()
