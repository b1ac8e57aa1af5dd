"""Faults of the history store: damaged files, read-only and full disks, locks. Nothing raises."""

from __future__ import annotations

import builtins
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from interview_coach.history import files as files_mod
from interview_coach.history import store as store_mod
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def record(store: Store, question: str = "q1", answer: str = "answer", score: int = 50) -> int | None:
    return store.record_attempt(
        bank_id="bank", bank_hash="h", question_id=question, answer=answer,
        result=result_from_dict({"score": score, "themes": [
            {"id": "t", "expected": True, "covered": True, "strength": 0.5}]}),
        mode="practice", started_at=T0 - timedelta(seconds=30), submitted_at=T0)


def count_rows(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM attempts").fetchone()[0])
    finally:
        conn.close()


def filled_db(db: Path, attempts: int = 200) -> bytes:
    """A real database with enough rows for many pages; returns its bytes (WAL folded in)."""
    s = Store.open(db)
    for i in range(attempts):
        record(s, f"q{i}", "long answer " * 40)
    s.checkpoint()
    s.close()
    return db.read_bytes()


def moved_files(db: Path) -> list[Path]:
    return sorted(p for p in db.parent.iterdir() if ".damaged-" in p.name and "-wal" not in p.name
                  and "-shm" not in p.name)


def assert_fresh_and_working(s: Store, db: Path) -> None:
    assert s.saving and s.path == db
    assert s.attempts() == []
    assert record(s) is not None
    assert count_rows(db) == 1


# ------------------------------------------------------------------------------ damaged files


def test_truncated_database(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    data = filled_db(db)
    db.write_bytes(data[: len(data) // 2])
    s = Store.open(db)
    assert any("damaged" in n for n in s.notices), s.notices
    (moved,) = moved_files(db)
    assert moved.read_bytes() == data[: len(data) // 2]  # kept as it was, never deleted
    assert str(moved) in " ".join(s.notices)
    assert_fresh_and_working(s, db)
    s.close()


def test_database_truncated_to_a_few_bytes(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    data = filled_db(db)
    db.write_bytes(data[:50])
    s = Store.open(db)
    assert len(moved_files(db)) == 1 and any("damaged" in n for n in s.notices)
    assert_fresh_and_working(s, db)
    s.close()


def test_not_sqlite(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    db.write_text("these are my notes, not a database\n" * 200)
    s = Store.open(db)
    assert any("not a database" in n for n in s.notices), s.notices
    (moved,) = moved_files(db)
    assert moved.read_text().startswith("these are my notes")
    assert_fresh_and_working(s, db)
    s.close()


def test_directory_in_place_of_the_file(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    db.mkdir()
    (db / "inside.txt").write_text("kept")
    s = Store.open(db)
    assert any("not a file" in n for n in s.notices), s.notices
    moved = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(moved) == 1 and (moved[0] / "inside.txt").read_text() == "kept"
    assert_fresh_and_working(s, db)
    s.close()


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "history.db"
    filled_db(db, 3)
    real_open = builtins.open

    def deny(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(str(file)) == db:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    # Tests run as root, where chmod 000 does not stop reading: deny the read instead.
    monkeypatch.setattr(files_mod, "open", deny, raising=False)
    s = Store.open(db)
    assert any("cannot be read" in n for n in s.notices), s.notices
    assert len(moved_files(db)) == 1
    assert_fresh_and_working(s, db)
    s.close()


def test_newer_schema_version(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    filled_db(db, 2)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    s = Store.open(db)
    assert any("newer" in n for n in s.notices), s.notices
    (moved,) = moved_files(db)
    assert count_rows(moved) == 2  # the newer database is intact beside the fresh one
    assert_fresh_and_working(s, db)
    s.close()


def test_damaged_wal_is_moved_with_its_database(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    filled_db(db, 2)
    db.write_bytes(b"garbage" * 100)
    wal = tmp_path / "history.db-wal"
    wal.write_bytes(b"stale log")
    s = Store.open(db)
    (moved,) = moved_files(db)
    assert Path(f"{moved}-wal").read_bytes() == b"stale log"
    assert_fresh_and_working(s, db)
    s.close()


def test_damaged_and_cannot_move_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "history.db"
    db.write_text("not a database" * 100)

    def refuse(path: Path, reason: str) -> Path:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(store_mod, "move_aside", refuse)
    s = Store.open(db)
    assert not s.saving and any("could not be moved" in n for n in s.notices)
    assert record(s) is not None  # runs on in memory
    assert db.read_text().startswith("not a database")
    s.close()


# ------------------------------------------------------------------------------ read-only, full


def test_data_folder_unusable(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    s = Store.open(blocker / "history.db")
    assert not s.saving and any("Not saving" in n for n in s.notices)
    assert record(s) is not None and len(s.attempts()) == 1
    s.save_draft("b", "q", "text")
    assert s.load_draft("b", "q") == "text"
    s.close()


def test_read_only_database_at_open_shows_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "history.db"
    filled_db(db, 3)
    before = db.read_bytes()

    def read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
        raise OSError(30, "Read-only file system", str(path))

    monkeypatch.setattr(store_mod, "_connect_file", read_only)
    s = Store.open(db)
    assert not s.saving and any("history so far is shown" in n for n in s.notices)
    assert len(s.attempts()) == 3
    assert record(s) is not None and len(s.attempts()) == 4
    s.close()
    assert db.read_bytes() == before


def test_database_becomes_read_only(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    s = Store.open(db)
    assert record(s, answer="before") is not None
    writable = s._conn
    s._conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True,
                              isolation_level=None, check_same_thread=False)
    assert record(s, answer="while read-only") is None  # kept, nothing raised
    s.save_draft("bank", "q9", "draft while read-only")
    assert not s.saving and any("Not saving" in n for n in s.notices)
    assert [p.kind for p in s.pending] == ["attempt", "draft"]
    assert [a.answer for a in s.attempts()] == ["while read-only", "before"]
    assert s.attempts()[0].id < 0
    assert s.load_draft("bank", "q9") == "draft while read-only"
    s._conn.close()
    s._conn = writable  # the disk is writable again
    assert record(s, answer="after") is not None
    assert s.saving and s.pending == [] and count_rows(db) == 3
    assert s.load_draft("bank", "q9") == "draft while read-only"
    s.close()


def test_disk_full(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    s = Store.open(db)
    record(s)
    pages = s._conn.execute("PRAGMA page_count").fetchone()[0]
    s._conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk full"
    for i in range(30):
        record(s, f"q{i}", "a long answer that needs new pages " * 50)
    assert not s.saving and len(s.pending) >= 1
    assert any("cannot be written" in n for n in s.notices), s.notices
    total = len(s.attempts())
    assert total == 31
    s._conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    assert s.flush()
    assert s.saving and count_rows(db) == 31 and len(s.attempts()) == 31
    s.close()


# ------------------------------------------------------------------------------ locked


def test_locked_beyond_busy_timeout(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    s = Store.open(db, busy_timeout=0.1)
    record(s, answer="first")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    assert record(s, answer="while locked") is None
    assert len(s.pending) == 1
    assert any("locked" in n for n in s.notices)
    assert [a.answer for a in s.attempts()] == ["while locked", "first"]  # reads still work
    other.execute("COMMIT")
    other.close()
    assert s.flush()
    assert s.pending == [] and count_rows(db) == 2
    assert any("Saved 1 answer" in n for n in s.notices)
    assert [a.answer for a in s.attempts()] == ["while locked", "first"]
    assert all(a.id > 0 for a in s.attempts())
    s.close()


def test_locked_then_next_write_flushes(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    s = Store.open(db, busy_timeout=0.05)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    assert record(s, answer="one") is None
    s.save_draft("bank", "q1", "v1")
    s.save_draft("bank", "q1", "v2")  # drafts are coalesced: only the latest waits
    assert [p.kind for p in s.pending] == ["attempt", "draft"]
    other.execute("ROLLBACK")
    other.close()
    assert record(s, answer="two") is not None  # writes the waiting one first
    assert count_rows(db) == 2 and s.pending == []
    assert [a.answer for a in s.attempts()] == ["two", "one"]
    assert s.load_draft("bank", "q1") == "v2"
    s.close()


def test_close_flushes_when_lock_gone(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    s = Store.open(db, busy_timeout=0.05)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    record(s)
    other.execute("COMMIT")
    other.close()
    s.close()
    assert count_rows(db) == 1


def test_reads_never_raise(tmp_path: Path) -> None:
    s = Store.open(tmp_path / "history.db")
    s._conn.close()  # a broken connection under the store
    assert s.attempts() == [] and s.attempt(1) is None and s.load_draft("b", "q") is None
    assert s.progress("bank", ["q"]).attempts == 0
    assert s.due_questions("bank", ["q"]) == []
    assert record(s) is None
    assert s.notices


def test_open_while_another_process_holds_the_write_lock(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    first = Store.open(db)
    record(first, answer="earlier")
    first.close()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    s = Store.open(db, busy_timeout=0.05)
    assert s.saving and s.path == db  # opening needs no write lock
    assert [a.answer for a in s.attempts()] == ["earlier"]
    other.execute("COMMIT")
    other.close()
    s.close()


def test_foreign_database_with_our_version_is_moved_aside(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (x)")
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    s = Store.open(db)
    assert any("not an interview-coach history" in n for n in s.notices)
    assert len(moved_files(db)) == 1
    assert_fresh_and_working(s, db)
    s.close()


def test_hostile_text_is_stored_exactly(tmp_path: Path) -> None:
    s = Store.open(tmp_path / "history.db")
    huge = "word " * 200_000 + "\x00\x1b[31m[bold]\u202e end"
    attempt_id = record(s, answer=huge)
    assert attempt_id is not None
    got = s.attempt(attempt_id)
    assert got is not None and got.answer == huge
    s.save_draft("bank", "q1", huge)
    assert s.load_draft("bank", "q1") == huge
    # a lone surrogate cannot be stored as UTF-8: it becomes U+FFFD instead of an error
    assert record(s, answer="bad \ud800 half") is not None
    s.save_draft("bank", "q2", "draft \udfff")
    assert s.attempts(limit=1)[0].answer == "bad \ufffd half"
    assert s.load_draft("bank", "q2") == "draft \ufffd"
    s.close()


def test_odd_result_values_do_not_raise(tmp_path: Path) -> None:
    """A result out of range is kept in range; a stored one with odd values reads as unreadable."""
    s = Store.open(tmp_path / "history.db")
    when = datetime(2026, 1, 1, tzinfo=UTC)
    attempt_id = s.record_attempt(
        bank_id="bank", bank_hash="h", question_id="q", answer="a",
        result=result_from_dict({"score": 140}),
        mode="practice", started_at=when, submitted_at=when - timedelta(seconds=5))
    got = s.attempt(attempt_id or 0)
    assert got is not None and got.score == 100 and got.seconds == 0.0
    s._conn.execute("UPDATE attempt_texts SET result = ?",
                    ('{"score": "not a number", "themes": "nope", "when": "2026"}',))
    got = s.attempt(attempt_id or 0)
    assert got is not None and got.result is None and "score" in got.result_problem
    assert s.progress("bank", ["q"]).themes == []
    s.close()


def test_backup_refuses_the_database_itself(tmp_path: Path) -> None:
    s = Store.open(tmp_path / "history.db")
    record(s)
    with pytest.raises(store_mod.StoreError):
        s.backup(tmp_path / "history.db")
    with pytest.raises(store_mod.StoreError):
        s.backup(tmp_path / "missing-dir" / "copy.db")
    assert count_rows(tmp_path / "history.db") == 1
    s.close()


# ------------------------------------------------------------------------------ privacy


def test_private_files_even_with_a_lax_umask(tmp_path: Path) -> None:
    import stat

    from interview_coach._util import paths
    from interview_coach.cli import main as cli

    home = tmp_path / "data" / "home"
    paths.set_home_override(home)
    old = os.umask(0o002)
    try:
        s = Store.open()
        record(s)
        s.save_draft("bank", "q", "private draft")
        for name in ("history.db", "history.db-wal", "history.db-shm"):
            assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name
        s.close()
        assert stat.S_IMODE(home.stat().st_mode) == 0o700
        assert cli.main(["backup", str(tmp_path / "b.db")]) == 0
        assert cli.main(["export", "--format", "json", "-o", str(tmp_path / "e.json")]) == 0
        for name in ("b.db", "e.json"):
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    finally:
        os.umask(old)
        paths.set_home_override(None)


def test_still_locked_at_close_keeps_answers_for_next_run(tmp_path: Path) -> None:
    import stat

    db = tmp_path / "history.db"
    s = Store.open(db, busy_timeout=0.05)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    assert record(s, answer="kept across runs") is None
    s.save_draft("bank", "q7", "draft across runs")
    s.close()  # still locked: parked in a private file beside the database
    (parked,) = tmp_path.glob("history.db.pending-*.json")
    assert stat.S_IMODE(parked.stat().st_mode) == 0o600
    assert any(str(parked) in n for n in s.notices)
    locked_again = Store.open(db, busy_timeout=0.05)  # still locked: the file stays as it is
    assert parked.exists() and locked_again.pending == []
    locked_again.close()
    other.execute("COMMIT")
    other.close()
    s = Store.open(db)
    assert [a.answer for a in s.attempts()] == ["kept across runs"]
    assert s.load_draft("bank", "q7") == "draft across runs"
    assert any("earlier run" in n for n in s.notices)
    assert not list(tmp_path.glob("history.db.pending-*"))
    s.close()
    s = Store.open(db)  # nothing written twice
    assert s.count_attempts() == 1
    s.close()


def test_damaged_file_moved_by_another_instance_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "history.db"
    db.write_text("not a database" * 100)
    real_move = store_mod.move_aside

    def other_instance_first(path: Path, reason: str) -> Path:
        real_move(path, reason)  # the other copy of the app wins the race
        raise FileNotFoundError(2, "No such file or directory", str(path))

    monkeypatch.setattr(store_mod, "move_aside", other_instance_first)
    s = Store.open(db)
    assert any("another copy" in n for n in s.notices)
    assert len(moved_files(db)) == 1
    assert_fresh_and_working(s, db)
    s.close()
