"""The history store's API: attempts, drafts, sessions, progress, permissions."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from interview_coach._util import paths
from interview_coach.history.migrations import SCHEMA_VERSION
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def result(score: int, covered: tuple[str, ...] = ("a",), missed: tuple[str, ...] = ("b",),
           strength: float = 0.9) -> dict[str, Any]:
    """A scoring result shaped like ScoreResult.to_dict()."""
    themes = [{"id": t, "label": t.upper(), "expected": True, "covered": True,
               "strength": strength, "negated": False, "matches": [], "hint": None}
              for t in covered]
    themes += [{"id": t, "label": t.upper(), "expected": True, "covered": False,
                "strength": 0.0, "negated": False, "matches": [], "hint": "say it"}
               for t in missed]
    themes.append({"id": "extra", "label": "Extra", "expected": False, "covered": True,
                   "strength": 1.0, "negated": False, "matches": [], "hint": None})
    return {"score": score, "words": 12, "themes": themes, "red_flags": [],
            "parts": [{"name": "themes", "points": score * 0.6, "max_points": 60.0,
                       "detail": ""}], "feedback": []}


def record(store: Store, question: str = "q1", score: int = 50, bank: str = "bank",
           when: datetime = T0, **kw: Any) -> int | None:
    """Record one attempt submitted at ``when``, started a minute before."""
    return store.record_attempt(
        bank_id=bank, bank_hash="h1", question_id=question, answer=kw.pop("answer", "my answer"),
        result=result_from_dict(kw.pop("res", result(score))), mode=kw.pop("mode", "practice"),
        started_at=when - timedelta(seconds=60), submitted_at=when, **kw)


@pytest.fixture
def store() -> Any:
    s = Store.open()
    yield s
    s.close()


def test_open_uses_data_dir_and_schema(store: Store, private_home: Path) -> None:
    assert store.path == private_home / "history.db"
    assert store.saving and store.notices == [] and store.pending == []
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_record_and_read_back(store: Store) -> None:
    attempt_id = record(store, answer="Thé answer\nline two", score=72)
    assert isinstance(attempt_id, int) and attempt_id > 0
    got = store.attempt(attempt_id)
    assert got is not None
    assert got.answer == "Thé answer\nline two"
    assert got.score == 72 and got.result is not None and got.result.score == 72
    assert got.mode == "practice" and got.bank_hash == "h1"
    assert got.submitted_at == T0 and got.seconds == pytest.approx(60.0)
    assert got.session_id is None
    assert store.attempt(9999) is None


def test_attempts_newest_first_and_filters(store: Store) -> None:
    for i in range(6):
        record(store, question=f"q{i % 2}", bank="b1" if i < 4 else "b2",
               when=T0 + timedelta(minutes=i))
    all_ = store.attempts()
    assert [a.submitted_at for a in all_] == sorted((a.submitted_at for a in all_), reverse=True)
    assert len(store.attempts(bank_id="b1")) == 4
    assert len(store.attempts(bank_id="b1", question_id="q0")) == 2
    assert len(store.attempts(limit=3)) == 3
    light = store.attempts(include_result=False)
    assert light[0].result is None and light[0].score == all_[0].score


def test_naive_times_are_local(store: Store) -> None:
    naive = datetime(2026, 3, 1, 12, 0)
    record(store, when=naive)
    got = store.attempts()[0]
    assert got.submitted_at == naive.astimezone(UTC)


def test_sessions(store: Store) -> None:
    sid = store.start_session("bank")
    assert isinstance(sid, int)
    record(store, session_id=sid, mode="mock")
    record(store)
    store.end_session(sid)
    (session,) = store.sessions("bank")
    assert session.id == sid and session.ended_at is not None and session.mode == "mock"
    assert [a.mode for a in store.attempts(session_id=sid)] == ["mock"]


def test_drafts(store: Store) -> None:
    assert store.load_draft("bank", "q1") is None
    store.save_draft("bank", "q1", "first")
    store.save_draft("bank", "q1", "second")
    store.save_draft("bank", "q2", "other")
    assert store.load_draft("bank", "q1") == "second"
    store.delete_draft("bank", "q1")
    assert store.load_draft("bank", "q1") is None
    assert store.load_draft("bank", "q2") == "other"


def test_drafts_survive_reopen(private_home: Path) -> None:
    first = Store.open()
    first.save_draft("bank", "q1", "kept " * 1000)
    first.close()
    second = Store.open()
    assert second.load_draft("bank", "q1") == "kept " * 1000
    second.close()


def test_progress(store: Store) -> None:
    record(store, "q1", 40, when=T0, res=result(40, covered=(), missed=("a", "b")))
    record(store, "q1", 60, when=T0 + timedelta(hours=1), res=result(60, ("a",), ("b",)))
    record(store, "q2", 90, when=T0 + timedelta(hours=2), res=result(90, ("a", "b"), ()))
    record(store, "q2", 100, when=T0 + timedelta(hours=3), res=result(100, ("a", "b"), ()))
    p = store.progress("bank", ["q1", "q2", "q3"])
    assert p.attempts == 4 and p.best_score == 100 and p.mean_score == pytest.approx(72.5)
    assert p.questions_practised == 2 and p.questions_total == 3
    assert p.never_tried == ["q3"]
    assert p.trend == pytest.approx(95 - 50)
    themes = {t.theme_id: t for t in p.themes}
    assert set(themes) == {"a", "b"}  # "extra" was not expected: not counted
    assert themes["a"].attempts == 4 and themes["a"].covered == 3
    assert themes["b"].covered == 2
    assert themes["a"].mean_score == pytest.approx(72.5) and themes["a"].best_score == 100
    assert p.weakest_themes[0] == "b"
    assert p.to_dict()["never_tried"] == ["q3"]


def test_progress_empty_bank(store: Store) -> None:
    p = store.progress("none", ["q1"])
    assert p.attempts == 0 and p.mean_score is None and p.best_score is None
    assert p.trend is None and p.never_tried == ["q1"] and p.themes == []


def test_banks_list(store: Store) -> None:
    record(store, bank="zeta")
    record(store, bank="alpha")
    assert store.banks() == ["alpha", "zeta"]


def test_in_memory_store() -> None:
    s = Store.in_memory()
    assert record(s) == 1 and s.path is None and s.saving
    s.close()
    assert record(s) is None  # closed: nothing raises


def test_permissions(private_home: Path) -> None:
    old = os.umask(0o022)
    try:
        home = private_home / "fresh"
        paths.set_home_override(home)
        s = Store.open()
        record(s)
        s.save_draft("bank", "q", "private")
        assert stat.S_IMODE(home.stat().st_mode) == 0o700
        db = home / "history.db"
        for f in (db, db.with_name("history.db-wal"), db.with_name("history.db-shm")):
            assert f.exists(), f
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
        s.close()
    finally:
        os.umask(old)


def test_existing_db_made_private(private_home: Path) -> None:
    db = private_home / "history.db"
    Store.open().close()
    os.chmod(db, 0o644)
    Store.open().close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_context_manager() -> None:
    with Store.open() as s:
        record(s)
    assert s.attempts() == []  # closed store reads nothing, raises nothing


def test_threads_share_one_store(store: Store) -> None:
    import threading

    def work(n: int) -> None:
        for i in range(50):
            record(store, question=f"t{n}-{i}")
            store.save_draft("bank", f"t{n}", str(i))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.count_attempts() == 200 and store.count_attempts("bank") == 200
    assert {store.load_draft("bank", f"t{n}") for n in range(4)} == {"49"}
