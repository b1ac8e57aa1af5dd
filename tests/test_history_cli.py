"""The history commands: history, stats, export, forget, backup, restore."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from interview_coach.cli import main as cli
from interview_coach.history import export as exports
from interview_coach.history.migrations import SCHEMA_VERSION, create_database
from interview_coach.history.results import result_from_dict
from interview_coach.history.store import Store

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SECRET = "my private story about burnout"


def _result(score: int) -> dict[str, Any]:
    return {"score": score, "words": 5, "red_flags": [{"phrase": "whatever", "why": "dismissive"}],
            "parts": [{"name": "themes", "points": 30.0, "max_points": 60.0, "detail": ""},
                      {"name": "delivery", "points": 10.0, "max_points": 20.0, "detail": ""}],
            "themes": [
                {"id": "listen", "label": "Active listening", "expected": True, "covered": True,
                 "strength": 0.9},
                {"id": "bounds", "label": "Boundaries", "expected": True, "covered": False,
                 "strength": 0.0}]}


def fill(home: Path) -> None:
    s = Store.open()
    for i, (bank, q, answer) in enumerate([
        ("peer", "q1", SECRET), ("peer", "q2", "=HYPERLINK(\"http://x\")"),
        ("peer", "q1", "Text with ``` fences and <b>html</b> and \x1b[31m escape"),
        ("other", "z1", "another bank's answer"),
    ]):
        when = T0 + timedelta(minutes=i)
        s.record_attempt(bank_id=bank, bank_hash="h", question_id=q, answer=answer,
                         result=result_from_dict(_result(40 + 10 * i)), mode="practice",
                         started_at=when - timedelta(seconds=90), submitted_at=when)
    s.save_draft("peer", "q3", "draft text of peer")
    s.save_draft("other", "z2", "draft text of other")
    s.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_table_and_json(private_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "history")[:2] == (0, "No attempts yet.\n")
    fill(private_home)
    code, out, _ = run(capsys, "history")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["ID", "SUBMITTED", "BANK", "QUESTION"]
    assert len(lines) == 5 and "other" in lines[1]  # newest first
    code, out, _ = run(capsys, "history", "--bank", "peer", "--json")
    data = json.loads(out)
    assert code == 0 and [d["question_id"] for d in data] == ["q1", "q2", "q1"]
    assert data[-1]["answer"] == SECRET and data[-1]["seconds"] == 90.0


def test_stats(private_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(private_home)
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "peer: 3 attempt(s)" in out and "other: 1 attempt(s)" in out
    assert "weakest themes: bounds" in out
    code, out, _ = run(capsys, "stats", "--bank", "peer", "--json")
    (data,) = json.loads(out)
    assert data["bank_id"] == "peer" and data["attempts"] == 3 and data["best_score"] == 60
    assert {t["theme_id"] for t in data["themes"]} == {"listen", "bounds"}
    assert "due_now" in data


def test_export_csv(private_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(private_home)
    code, out, _ = run(capsys, "export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 and rows[0]["answer"] == SECRET  # oldest first
    assert rows[0]["score"] == "40" and rows[0]["part:themes"] == "30.0"
    assert rows[0]["themes_covered"] == "Active listening"
    assert rows[0]["themes_missed"] == "Boundaries"
    assert rows[1]["answer"].startswith("'=")  # never run as a spreadsheet formula


def test_export_json_to_file(private_home: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    fill(private_home)
    target = tmp_path / "out.json"
    code, out, err = run(capsys, "export", "--format", "json", "--bank", "peer", "-o", str(target))
    assert code == 0 and out == "" and "3 attempt(s)" in err
    data = json.loads(target.read_text())
    assert len(data["attempts"]) == 3
    assert data["attempts"][0]["result"]["themes"][0]["id"] == "listen"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_export_markdown_report(private_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(private_home)
    code, out, _ = run(capsys, "export", "--format", "md")
    assert code == 0
    assert "# Interview practice report" in out and "## Totals" in out
    assert "### Question: q1" in out and SECRET in out
    assert "Themes covered: Active listening" in out and "Themes missed: Boundaries" in out
    assert "score 40/100" in out and "Red flags: whatever" in out
    assert "\x1b" not in out and "\u241b[31m" in out
    # the answer with ``` sits in a longer fence, so it cannot close the block early
    assert "````text\nText with ``` fences" in out
    assert "| **All** | 3 | 4 |" in out


def test_markdown_empty() -> None:
    assert "No attempts recorded." in exports.to_markdown([])
    with pytest.raises(ValueError, match="unknown"):
        exports.render([], "xml")


def _db_bytes(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in home.glob("history.db*") if p.is_file())


def test_forget_refuses_without_tty(private_home: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    fill(private_home)
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    code, _, err = run(capsys, "forget", "--all")
    assert code == 2 and "--yes" in err
    assert len(Store.open().attempts()) == 4
    assert run(capsys, "forget")[0] == 2  # neither --bank nor --all
    assert run(capsys, "forget", "--all", "--bank", "peer", "--yes")[0] == 2


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_forget_asks_on_a_terminal(private_home: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    fill(private_home)
    monkeypatch.setattr("sys.stdin", _Tty("no\n"))
    code, out, _ = run(capsys, "forget", "--bank", "peer")
    assert code == 1 and "Nothing was deleted" in out
    monkeypatch.setattr("sys.stdin", _Tty("yes\n"))
    code, out, _ = run(capsys, "forget", "--bank", "peer")
    assert code == 0 and "Deleted 3 attempt(s)" in out


def test_forget_bank_deletes_for_good(private_home: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    fill(private_home)
    assert SECRET.encode() in _db_bytes(private_home)
    code, out, _ = run(capsys, "forget", "--bank", "peer", "--yes")
    assert code == 0 and "Deleted 3 attempt(s)" in out
    s = Store.open()
    assert [a.bank_id for a in s.attempts()] == ["other"]
    assert s.load_draft("peer", "q3") is None and s.load_draft("other", "z2") is not None
    assert s.due_questions("peer", [], now=T0 + timedelta(days=999)) == []
    assert s.progress("peer", []).themes == []
    s.close()
    # vacuumed: the text is not left in free pages or the log
    assert SECRET.encode() not in _db_bytes(private_home)
    assert b"draft text of peer" not in _db_bytes(private_home)


def test_forget_all(private_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(private_home)
    aside = private_home / "history.db.damaged-20250101T000000Z"
    aside.write_text("old damaged copy")
    code, out, _ = run(capsys, "forget", "--all", "--yes")
    assert code == 0 and "Deleted 4 attempt(s)" in out
    assert not aside.exists()
    s = Store.open()
    assert s.attempts() == [] and s.sessions() == [] and s.load_draft("other", "z2") is None
    s.close()
    assert b"another bank" not in _db_bytes(private_home)


def test_backup_and_restore(private_home: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    fill(private_home)
    backup = tmp_path / "backup.db"
    code, out, _ = run(capsys, "backup", str(backup))
    assert code == 0 and "4 attempt(s)" in out
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    s = Store.open()
    s.record_attempt(bank_id="peer", bank_hash="h", question_id="q9", answer="after backup",
                     result=result_from_dict({"score": 1}), mode="practice", started_at=T0, submitted_at=T0)
    s.close()
    code, out, _ = run(capsys, "restore", "--yes", str(backup))
    assert code == 0 and "Restored 4 attempt(s)" in out
    answers = [a.answer for a in Store.open().attempts()]
    assert "after backup" not in answers and SECRET in answers
    (replaced,) = [p for p in private_home.iterdir() if ".replaced-" in p.name]
    conn = sqlite3.connect(replaced)
    assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == 5  # kept, with its log
    conn.close()
    assert stat.S_IMODE((private_home / "history.db").stat().st_mode) == 0o600


@pytest.mark.parametrize("kind", ["text", "missing", "foreign", "newer", "truncated"])
def test_restore_refuses_bad_files(kind: str, private_home: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    fill(private_home)
    bad = tmp_path / "bad.db"
    if kind == "text":
        bad.write_text("not a database at all" * 100)
    elif kind == "foreign":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE t (x)")
        conn.execute("PRAGMA user_version = 1")
        conn.close()
    elif kind == "newer":
        create_database(bad)
        conn = sqlite3.connect(bad)
        conn.execute("PRAGMA user_version = 42")
        conn.close()
    elif kind == "truncated":
        run(capsys, "backup", str(bad))
        data = bad.read_bytes()
        bad.write_bytes(data[: len(data) // 3])
    code, _, err = run(capsys, "restore", str(bad))
    assert code == 2 and err.startswith("interview-coach: ")
    assert len(Store.open().attempts()) == 4  # untouched
    assert not [p for p in private_home.iterdir() if ".replaced-" in p.name]


def test_restore_an_older_version_migrates(private_home: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "v1.db"
    create_database(old, 1)
    code, out, _ = run(capsys, "restore", "--yes", str(old))
    assert code == 0 and "schema 1" in out
    conn = sqlite3.connect(private_home / "history.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_notices_go_to_stderr(private_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (private_home / "history.db").write_text("garbage" * 100)
    code, out, err = run(capsys, "history")
    assert code == 0 and out == "No attempts yet.\n" and "damaged" in err
