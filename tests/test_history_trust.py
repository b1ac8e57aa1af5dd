"""Issue 14, part 2 (history side): copies never shrink, restore is careful, bad rows are skipped.

Points 6, 11, 12, 13 and 15 of issue 14, each through the command line or the store.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from interview_coach.cli.main import main
from interview_coach.history import files
from interview_coach.history.migrations import MigrationError
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
BANK = str(Path(__file__).parent / "data" / "scoring_bank.yaml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fill(count: int = 3) -> None:
    s = Store.open()
    for i in range(count):
        when = T0 + timedelta(minutes=i)
        s.record_attempt(bank_id="peer", bank_hash="h", question_id=f"q{i}",
                         answer=f"answer number {i}", result=result_from_dict({"score": 50, "themes": []}),
                         mode="practice", started_at=when - timedelta(seconds=30), submitted_at=when)
    s.close()


def count_in(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM attempts").fetchone()[0])
    finally:
        conn.close()


# -- point 11: backup / export -o never replace an output with an emptier one ---------------


def test_backup_of_a_damaged_history_refuses_and_keeps_the_old_backup(
        private_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill()
    backup = tmp_path / "backup.db"
    assert run(capsys, "backup", str(backup))[0] == 0
    (private_home / "history.db").write_bytes(b"garbage" * 500)
    code, _, err = run(capsys, "backup", str(backup))
    assert code == 2 and "no backup was made" in err
    assert count_in(backup) == 3


def test_backup_never_replaces_a_fuller_backup_without_force(
        private_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(3)
    backup = tmp_path / "backup.db"
    assert run(capsys, "backup", str(backup))[0] == 0
    Store.open().forget(None)
    code, _, err = run(capsys, "backup", str(backup))
    assert code == 2 and "--force" in err and count_in(backup) == 3
    assert run(capsys, "backup", "--force", str(backup))[0] == 0
    assert count_in(backup) == 0


def test_export_refuses_a_damaged_history_and_a_shrinking_output(
        private_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(3)
    out = tmp_path / "out.csv"
    assert run(capsys, "export", "--format", "csv", "-o", str(out))[0] == 0
    before = out.read_bytes()
    Store.open().forget(None)
    code, _, err = run(capsys, "export", "--format", "csv", "-o", str(out))
    assert code == 2 and "--force" in err and out.read_bytes() == before
    (private_home / "history.db").write_bytes(b"garbage" * 500)
    code, _, err = run(capsys, "export", "--format", "csv", "-o", str(out), "--force")
    assert code == 2 and "cannot be read" in err and out.read_bytes() == before


# -- point 6: a read-only history can be backed up -------------------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_a_read_only_history_is_shown_and_can_be_backed_up(
        private_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(3)
    db = private_home / "history.db"
    db.chmod(0o400)
    private_home.chmod(0o500)
    try:
        code, out, _ = run(capsys, "history")
        assert code == 0 and "q2" in out
        backup = tmp_path / "copy.db"
        assert run(capsys, "backup", str(backup))[0] == 0
        assert count_in(backup) == 3
    finally:
        private_home.chmod(0o700)
        db.chmod(0o600)


def test_a_history_copied_into_memory_counts_as_whole(private_home: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    fill(2)

    def refuse(*_a: Any, **_k: Any) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("interview_coach.history.store._connect_file", refuse)
    store = Store.open()
    assert not store.saving and store.complete and len(store.attempts()) == 2
    store.backup(tmp_path / "b.db")
    store.close()
    assert count_in(tmp_path / "b.db") == 2


# -- point 12: restore is careful ------------------------------------------------------------


def test_restore_without_a_terminal_needs_yes(private_home: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    fill(3)
    backup = tmp_path / "b.db"
    run(capsys, "backup", str(backup))
    fill(1)
    code, _, err = run(capsys, "restore", str(backup))
    assert code == 2 and "--yes" in err
    assert len(Store.open().attempts()) == 4


def test_a_backup_that_cannot_be_migrated_leaves_the_history_alone(
        private_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    fill(3)
    backup = tmp_path / "b.db"
    run(capsys, "backup", str(backup))
    fill(1)

    def broken(conn: sqlite3.Connection) -> None:
        raise MigrationError("cannot migrate this one")

    with monkeypatch.context() as patch:
        patch.setattr(files, "migrate", broken)
        code, _, err = run(capsys, "restore", "--yes", str(backup))
    assert code == 2 and "left as it was" in err
    assert len(Store.open().attempts()) == 4
    assert not [p for p in private_home.iterdir() if ".replaced-" in p.name or p.suffix == ".restore"]


# -- point 13: outputs holding answers are 0600 ----------------------------------------------


def test_grade_output_is_private_even_over_a_public_file(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([["question_id", "answer"],
                                      ["stay_well", "I keep boundaries and use supervision."]])
    out = tmp_path / "out.csv"
    out.write_text("old")
    out.chmod(0o644)
    assert run(capsys, "grade", BANK, str(src), "-o", str(out))[0] in (0, 1)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


# -- point 15: one bad row does not make history/export fail whole ---------------------------


def test_a_bad_timestamp_is_reported_and_skipped(private_home: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    fill(3)
    conn = sqlite3.connect(private_home / "history.db")
    conn.execute("UPDATE attempts SET submitted_at = 'not a time' WHERE question_id = 'q1'")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "history")
    assert code == 0 and "q0" in out and "q2" in out and "q1" not in out
    assert "Skipped 1 damaged" in err
    out_file = tmp_path / "x.json"
    code, _, err = run(capsys, "export", "--format", "json", "-o", str(out_file))
    assert code == 0 and "Skipped 1 damaged" in err and "answer number 2" in out_file.read_text()


# -- point 5: a read-only or full disk: the answers go somewhere else, exit non-zero ----------


def test_answers_on_an_unwritable_history_are_rescued_to_a_file(
        private_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from interview_coach.cli.commands import tui
    from interview_coach.history import rescue

    def refuse(*_a: Any, **_k: Any) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    with monkeypatch.context() as patch:  # cannot be opened for writing: the store runs in memory
        patch.setattr("interview_coach.history.store._connect_file", refuse)
        store = Store.open()
    assert not store.saving
    store.record_attempt(bank_id="peer", bank_hash="h", question_id="q1", answer="my only copy",
                         result=result_from_dict({"score": 10}), mode="practice", started_at=T0, submitted_at=T0)
    store.close()
    assert [a["answer"] for a in store.unsaved_answers()] == ["my only copy"]
    monkeypatch.setattr(rescue, "rescue_places", lambda: [tmp_path / "missing", tmp_path])
    assert tui._rescue_unsaved(store) is True
    err = capsys.readouterr().err
    (written,) = tmp_path.glob("interview-coach-unsaved-*.md")
    assert str(written) in err and "my only copy" in written.read_text()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    monkeypatch.setattr(rescue, "rescue_places", lambda: [tmp_path / "missing"])
    assert tui._rescue_unsaved(store) is True
    out, err = capsys.readouterr()
    assert "my only copy" in out and "no folder could be written" in err


def test_a_saving_store_has_nothing_to_rescue(private_home: Path) -> None:
    fill(2)
    store = Store.open()
    store.record_attempt(bank_id="peer", bank_hash="h", question_id="q1", answer="saved",
                         result=result_from_dict({"score": 10}), mode="practice", started_at=T0, submitted_at=T0)
    store.close()
    assert store.unsaved_answers() == []


# -- point 13: stale temporaries are cleaned at the next start and by forget -----------------


def test_stale_temporaries_are_cleaned_at_start_and_by_forget(
        private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import tempfile
    import time

    fill(1)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old = time.time() - 7200
    stale = [private_home / ".history.db.abc123.restore", private_home / ".history.db.x1.tmp",
             tmp_path / "interview-coach-answer-zz.md"]
    fresh = private_home / ".history.db.fresh.restore"
    for path in [*stale, fresh]:
        path.write_text("answers")
    for path in stale:
        os.utime(path, (old, old))
    Store.open().close()
    assert not any(p.exists() for p in stale) and fresh.exists()
    assert run(capsys, "forget", "--all", "--yes")[0] == 0
    assert not fresh.exists()


def test_a_killed_run_s_temporary_goes_at_the_next_write_of_that_output(tmp_path: Path) -> None:
    import time

    from interview_coach._util.atomic import atomic_write_text

    left = tmp_path / ".out.csv.k1ll3d.tmp"
    left.write_text("half of a killed grade run")
    old = time.time() - 7200
    os.utime(left, (old, old))
    atomic_write_text(tmp_path / "out.csv", "new")
    assert not left.exists() and (tmp_path / "out.csv").read_text() == "new"


# -- point 6: a damaged write-ahead log is kept, and the user told ----------------------------


def _wal_snapshot(home: Path, into: Path) -> tuple[Path, Path]:
    """A database and its unfolded log, copied while the store is open (as after a crash)."""
    import shutil

    store = Store.open()
    store._conn.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(3):
        store.record_attempt(bank_id="peer", bank_hash="h", question_id=f"w{i}", answer=f"in wal {i}",
                             result=result_from_dict({"score": 5}), mode="practice", started_at=T0, submitted_at=T0)
    into.mkdir()
    db, wal = into / "history.db", into / "history.db-wal"
    shutil.copy(home / "history.db", db)
    shutil.copy(home / "history.db-wal", wal)
    store.close()
    return db, wal


def test_a_sound_wal_is_left_alone(private_home: Path, tmp_path: Path) -> None:
    db, wal = _wal_snapshot(private_home, tmp_path / "copy")
    assert files.wal_damage(wal) is None
    store = Store.open(db)
    assert len(store.attempts()) == 3 and not any("write-ahead" in n for n in store.notices)
    store.close()


@pytest.mark.parametrize("where", ["header", "frame"])
def test_a_damaged_wal_is_copied_aside_and_reported(where: str, private_home: Path,
                                                    tmp_path: Path) -> None:
    db, wal = _wal_snapshot(private_home, tmp_path / "copy")
    data = bytearray(wal.read_bytes())
    data[200 if where == "frame" else 12] ^= 0xFF  # inside the first page / the page size
    wal.write_bytes(bytes(data))
    assert files.wal_damage(wal) is not None
    store = Store.open(db)
    store.close()
    (kept,) = (tmp_path / "copy").glob("history.db-wal.damaged-*")
    assert kept.read_bytes() == bytes(data)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert any("write-ahead log was damaged" in n and str(kept) in n for n in store.notices)


# -- point 15: a malformed stored result is reported on reading, never a crash --------------


@pytest.mark.parametrize("stored", [
    '{"score": "high", "themes": [{"label": "Listening"}, 3, {"id": "x", "covered": 1,'
    ' "matches": [{"text": 5}, "bad"]}], "red_flags": [{"phrase": "x"}], "parts": "no",'
    ' "delivery": []}',
    "not json {", "[1, 2]", '{"score": 1e999}', "[" * 5000 + "]" * 5000,
])
def test_a_malformed_stored_result_reads_back_as_unreadable(private_home: Path, stored: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open()
    store.record_attempt(bank_id="peer", bank_hash="h", question_id="q1", answer="text",
                         result=result_from_dict({"score": 10}), mode="practice", started_at=T0,
                         submitted_at=T0)
    store._conn.execute("UPDATE attempt_texts SET result = ?", (stored,))
    (attempt,) = store.attempts()
    assert attempt.result is None and attempt.result_problem  # the attempt stays, with why
    assert attempt.score == 10 and attempt.answer == "text"
    assert store.attempt(attempt.id) == attempt
    assert attempt.to_dict()["result"] is None
    store.close()
    code, out, err = run(capsys, "export", "--format", "md")
    assert code == 0 and "could not be read" in out
    assert "1 attempt(s) whose stored result could not be read" in err


def test_restore_refuses_while_another_process_has_the_history_open(
        private_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    fill(2)
    backup = tmp_path / "b.db"
    run(capsys, "backup", str(backup))
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom interview_coach.history.store import Store\n"
         "s = Store.open(); s.attempts(); print('open', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "INTERVIEW_COACH_HOME": str(private_home)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert files.in_use_elsewhere(private_home / "history.db")
        code, _, err = run(capsys, "restore", "--yes", str(backup))
        assert code == 2 and "open in another" in err
    finally:
        holder.communicate("", timeout=20)
    assert not files.in_use_elsewhere(private_home / "history.db")
    assert run(capsys, "restore", "--yes", str(backup))[0] == 0
