"""The names of the history's files are made in history/files.py, and found there again."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_coach._util import paths
from interview_coach.history import files
from interview_coach.history.store import Store


def test_every_file_the_history_keeps_beside_the_database_is_found(private_home: Path) -> None:
    db = paths.db_path()
    store = Store.open()
    store.close()
    made = [files.pending_file(db, "20260101T000000000000Z")]
    for reason in files.MOVED_ASIDE:
        copy = db.with_name(db.name + ".copy")
        copy.write_bytes(db.read_bytes())
        made.append(files.move_aside(copy, reason))
    made.append(db.with_name(f"{db.name}-wal.damaged-20260101T000000Z"))
    made.append(db.with_name(f"{db.name}-wal.keep-1-2"))
    for path in made:
        if not path.exists():
            path.write_text("kept")
    unrelated = db.with_name("notes.txt")
    unrelated.write_text("not ours")
    found = files.kept_beside()
    assert sorted(made) == found
    assert db not in found and unrelated not in found
    assert files.pending_files(db) == [made[0]]


def test_move_aside_takes_only_a_known_reason(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    path.write_text("x")
    with pytest.raises(ValueError):
        files.move_aside(path, "mystery")
    assert path.exists()


def test_attempts_in_a_backup(private_home: Path, tmp_path: Path) -> None:
    assert files.attempts_in(tmp_path / "none.db") is None
    (tmp_path / "junk.db").write_text("not sqlite")
    assert files.attempts_in(tmp_path / "junk.db") is None
    Store.open().close()
    assert files.attempts_in(paths.db_path()) == 0
