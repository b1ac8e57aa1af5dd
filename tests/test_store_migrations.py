"""Schema versions: every earlier version migrates; a failing migration changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from interview_coach.history import migrations
from interview_coach.history.migrations import SCHEMA_VERSION, TABLES, create_database
from interview_coach.history.results import result_from_dict
from interview_coach.history.rows import _now
from interview_coach.history.store import Store


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _v1_with_attempts(path: Path) -> None:
    create_database(path, 1)
    conn = sqlite3.connect(path)
    result = {"score": 30, "themes": [
        {"id": "listen", "label": "Listening", "expected": True, "covered": False, "strength": 0.0},
        {"id": "care", "label": "Care", "expected": True, "covered": True, "strength": 0.8}]}
    with conn:
        for i, q in enumerate(("q1", "q2")):
            conn.execute(
                "INSERT INTO attempts (bank_id, bank_hash, question_id, answer, score, result, mode,"
                " started_at, submitted_at, seconds) VALUES (?,?,?,?,?,?,?,?,?,?)",
                ("bank", "h", q, f"old answer {i}", 30, json.dumps(result), "practice",
                 "2025-05-01T10:00:00.000000+00:00", f"2025-05-01T10:0{i + 1}:00.000000+00:00",
                 60.0 + i))
        conn.execute("INSERT INTO drafts VALUES ('bank', 'q3', 'half typed', '2025-05-01')")
    conn.close()


def test_every_version_has_its_sql() -> None:
    assert sorted(migrations.MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1))
    assert sorted(TABLES) == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("version", range(0, SCHEMA_VERSION + 1))
def test_open_migrates_every_earlier_version(tmp_path: Path, version: int) -> None:
    db = tmp_path / "history.db"
    create_database(db, version)
    assert _version(db) == version
    store = Store.open(db)
    assert store.saving and store.notices == []
    assert _version(db) == SCHEMA_VERSION
    assert TABLES[SCHEMA_VERSION] <= _tables(db)
    store.close()


def test_v1_data_survives_and_is_backfilled(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    _v1_with_attempts(db)
    assert "sessions" not in _tables(db)
    store = Store.open(db)
    attempts = store.attempts()
    assert [a.answer for a in attempts] == ["old answer 1", "old answer 0"]
    assert all(a.session_id is None for a in attempts)
    assert store.load_draft("bank", "q3") == "half typed"
    progress = store.progress("bank", ["q1", "q2", "q3"])
    assert {t.theme_id: t.covered for t in progress.themes} == {"listen": 0, "care": 2}
    assert progress.never_tried == ["q3"]
    # review cards were made for the old attempts: both are due some day
    assert store.next_due("bank") is not None
    store.close()


def _failing_step(conn: sqlite3.Connection) -> None:
    """Fail on the database file (as a damaged or odd file would), not on an in-memory one."""
    file_name = conn.execute("PRAGMA database_list").fetchone()[2]
    if file_name:
        raise sqlite3.OperationalError("injected failure half way through the migration")


def test_failed_migration_leaves_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "history.db"
    _v1_with_attempts(db)
    before_tables = _tables(db)
    # The failing step comes after the new tables, the new column and the backfill.
    monkeypatch.setitem(migrations.MIGRATIONS, 2, [*migrations.MIGRATIONS[2], _failing_step])
    store = Store.open(db)
    assert not store.saving
    assert any("left as it was" in n for n in store.notices)
    assert store.record_attempt(  # the app runs on, in memory
        bank_id="bank", bank_hash="h", question_id="q1", answer="new", result=result_from_dict({"score": 1}),
        mode="practice", started_at=_now(), submitted_at=_now()) is not None
    store.close()
    assert _version(db) == 1
    assert _tables(db) == before_tables
    conn = sqlite3.connect(db)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(attempts)")]
    assert "session_id" not in columns
    assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == 2
    conn.close()
    monkeypatch.undo()
    store = Store.open(db)  # a later run (the fix) migrates it
    assert store.saving and len(store.attempts()) == 2
    store.close()


def test_migrate_rereads_version_inside_lock(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    create_database(db)
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrations.migrate(conn) == SCHEMA_VERSION  # already current: nothing to do
    conn.close()
