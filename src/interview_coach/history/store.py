"""The history store: attempts, mock sessions, drafts and review schedules in SQLite.

Core module: never imports Textual, never prints. Every problem becomes a message in
``Store.notices``; nothing about saving ever raises to the caller:

- a damaged database (truncated, not SQLite, unreadable, a newer schema) is moved aside with a
  timestamped name (never deleted) and a fresh one is started;
- a read-only or full disk sets ``Store.saving = False``; the history lives in memory for the run;
- a database locked by another process beyond the busy timeout keeps the write in
  ``Store.pending`` and writes it on the next write or :meth:`Store.flush`.

Each write is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``) in write-ahead-log mode, so two
app instances can write at once and a killed process loses nothing that was committed.
About 700 lines on purpose: the Store class holds every query that runs inside one
connection's lock; records, migrations, files and write handlers live in their own modules.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_coach._util import paths
from interview_coach._util.errors import StoreError
from interview_coach.history.drafts import (
    LEGACY_WINDOW,
    Draft,
    newest_first,
    parse_time,
    this_window,
)
from interview_coach.history.files import (
    BUSY_TIMEOUT,
    DamagedDatabase,
    _companions,
    _connect_file,
    _hold_wal,
    _memory_connection,
    _release_wal,
    keep_damaged_wal,
    move_aside,
    pending_file,
    pending_files,
)
from interview_coach.history.migrations import SCHEMA_VERSION, MigrationError, migrate
from interview_coach.history.progress import bank_progress, due_order, theme_summary
from interview_coach.history.records import (
    Attempt,
    BankProgress,
    PendingWrite,
    Session,
)
from interview_coach.history.rows import (
    _STORAGE,
    _TRANSIENT,
    _attempt_from_row,
    _attempt_select,
    _bulk,
    _clean,
    _code,
    _dumps,
    _expected_themes,
    _iso,
    _now,
    _read_result,
    _rollback,
    _score_of,
    _user_version,
    _utc,
)
from interview_coach.history.writes import _HANDLERS

if TYPE_CHECKING:
    from interview_coach.scoring import ScoreResult

# ---------------------------------------------------------------------------------------------


class Store:
    """The SQLite history store. ``Store.open()`` uses the data directory's database.

    Thread-safe: one connection guarded by a lock, so the TUI may call it from worker threads.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        *,
        saving: bool = True,
        notices: list[str] | None = None,
        busy_timeout: float = BUSY_TIMEOUT,
        window: str | None = None,
    ) -> None:
        """Wrap an open, migrated connection (use :meth:`open` or :meth:`in_memory`).

        ``window``: whose drafts this store writes (default: this process's window id)."""
        self._conn = conn
        self.window = window or this_window()
        self.path = path
        self.saving = saving
        self.notices: list[str] = list(notices or [])
        self.pending: list[PendingWrite] = []
        self.busy_timeout = busy_timeout
        self._lock = threading.RLock()
        self._next_temp_id = -1
        self._closed = False
        # False when what this store shows is not the whole saved history: a damaged database
        # was moved aside at this opening, or the history could not be read at all. Commands that
        # copy the history out (backup, export) refuse then rather than write an emptier copy.
        self.complete = True
        self.read_only_source: Path | None = None  # the database shown read-only, if any
        self._memory_only: list[dict[str, Any]] = []  # attempts that will not outlive this run
        self._memory_drafts: dict[tuple[str, str, str], dict[str, Any]] = {}  # drafts, likewise

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None, *, busy_timeout: float = BUSY_TIMEOUT,
             window: str | None = None) -> Store:
        """Open (creating or migrating) the database; a damaged file is moved aside."""
        store = cls._open(path, busy_timeout)
        store.window = window or this_window()
        return store

    @classmethod
    def _open(cls, path: Path | None, busy_timeout: float) -> Store:
        notices: list[str] = []
        lost = False
        try:
            target = Path(path) if path is not None else paths.db_path()
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            notices.append(f"The history cannot be saved: the data folder is unusable ({exc}).")
            return cls._unsaved(None, notices, busy_timeout, complete=False)
        for _ in range(2):
            damaged_wal = keep_damaged_wal(target)
            if damaged_wal is not None:
                notices.append(
                    f"The history's write-ahead log was damaged ({damaged_wal[1]}); SQLite cannot "
                    f"use it, so a copy was kept as {damaged_wal[0]}.")
            keep = _hold_wal(target)
            try:
                conn = _connect_file(target, busy_timeout)
            except DamagedDatabase as exc:
                usable, moved = cls._move_damaged(target, str(exc), notices)
                _release_wal(keep, moved)
                lost = True
                if not usable:
                    return cls._unsaved(None, notices, busy_timeout, complete=False)
                continue
            except (sqlite3.Error, OSError) as exc:
                _release_wal(keep, None)
                notices.append(f"The history database {target} cannot be opened for saving ({exc}).")
                return cls._unsaved(target, notices, busy_timeout, complete=not lost)
            _release_wal(keep, None)
            try:
                # Only take the write lock when there is something to migrate: another instance
                # holding a long write must not keep this one from opening.
                if _user_version(conn) < SCHEMA_VERSION:
                    migrate(conn)
            except (MigrationError, sqlite3.Error) as exc:
                conn.close()
                notices.append(f"{exc}. The database was left as it was.")
                return cls._unsaved(None, notices, busy_timeout, complete=False)
            store = cls(conn, target, notices=notices, busy_timeout=busy_timeout)
            store.complete = not lost
            store._remove_stale_files()
            store._recover_pending_files()
            return store
        notices.append("The history database could not be started.")
        return cls._unsaved(None, notices, busy_timeout, complete=False)

    @classmethod
    def in_memory(cls, window: str | None = None) -> Store:
        """A store that keeps everything in memory (for tests and previews); it says it saves."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        migrate(conn)
        return cls(conn, None, window=window)

    @classmethod
    def _unsaved(cls, seed: Path | None, notices: list[str], busy_timeout: float, *,
                 complete: bool = True) -> Store:
        conn, seeded = _memory_connection(seed)
        shown = " (the history so far is shown, read-only)" if seeded else ""
        notices.append(f"Not saving: answers are kept only until the app closes{shown}.")
        store = cls(conn, None, saving=False, notices=notices, busy_timeout=busy_timeout)
        # A read-only history copied into memory is whole (it can be backed up and exported);
        # one that could not be read at all is not.
        store.complete = complete and (seeded or seed is None or not seed.exists())
        store.read_only_source = seed if seeded else None
        return store

    @staticmethod
    def _move_damaged(target: Path, reason: str, notices: list[str]) -> tuple[bool, Path | None]:
        """Move a damaged database aside: (a fresh one can be tried, where the old one went)."""
        try:
            moved = move_aside(target, "damaged")
        except OSError as exc:
            if not target.exists():  # another running copy of the app moved it a moment ago
                notices.append(f"The history database was damaged ({reason}); another copy of "
                               "the app moved it aside.")
                return True, None
            notices.append(
                f"The history database {target} is damaged ({reason}) and could not be moved "
                f"aside ({exc.strerror or exc})."
            )
            return False, None
        notices.append(
            f"The history database was damaged ({reason}). It was kept as {moved} and a fresh "
            "one was started."
        )
        return True, moved

    # -- writing -----------------------------------------------------------------------------

    def _notice(self, message: str) -> None:
        if not self.notices or self.notices[-1] != message:
            self.notices.append(message)

    def _transaction(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            value = work(conn)
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
        return value

    def _apply(self, op: PendingWrite) -> Any:
        handler = _HANDLERS[op.kind]
        return self._transaction(lambda conn: handler(conn, op.data))

    def _try(self, op: PendingWrite) -> tuple[bool, Any]:
        """Write one op; (True, value) when done or dropped, (False, None) when kept for later."""
        try:
            value = self._apply(op)
        except (ValueError, TypeError, KeyError) as exc:  # not the disk's fault: drop, say so
            self._notice(f"Could not save a {op.kind.replace('_', ' ')}: {exc}")
            return True, None
        except sqlite3.Error as exc:
            code = _code(exc)
            if code in _TRANSIENT:
                self._notice(
                    "The history database is locked by another program; your answers are kept "
                    "and will be saved when it is free."
                )
                return False, None
            if code in _STORAGE or isinstance(exc, sqlite3.OperationalError):
                if self.saving:
                    self._notice(
                        f"Not saving: the history database cannot be written ({exc}). Your "
                        "answers are kept until the app closes."
                    )
                self.saving = False
                return False, None
            self._notice(f"Could not save a {op.kind.replace('_', ' ')}: {exc}")
            return True, None
        if not self.saving and self.path is not None:
            self.saving = True
            self._notice("Saving again: the history database can be written.")
        return True, value

    def _write(self, op: PendingWrite) -> Any:
        """Flush what is waiting, then write ``op`` (or keep it waiting too)."""
        with self._lock:
            if self._closed:
                return None
            if self.pending and not self._flush_locked():
                self._keep(op)
                return None
            done, value = self._try(op)
            if not done:
                self._keep(op)
            return value

    def _keep(self, op: PendingWrite) -> None:
        if op.kind in ("draft", "delete_draft"):
            key = _draft_key(op.data)
            self.pending = [p for p in self.pending
                            if p.kind not in ("draft", "delete_draft") or _draft_key(p.data) != key]
        if op.kind == "attempt" and not op.temp_id:
            op.temp_id = self._next_temp_id
            self._next_temp_id -= 1
        self.pending.append(op)

    def _flush_locked(self) -> bool:
        while self.pending:
            done, _value = self._try(self.pending[0])
            if not done:
                return False
            self.pending.pop(0)
        return True

    def flush(self) -> bool:
        """Write everything kept in memory; True when nothing is left waiting."""
        with self._lock:
            if self._closed:
                return not self.pending
            count = sum(1 for p in self.pending if p.kind == "attempt")
            done = self._flush_locked()
            if done and count:
                self._notice(f"Saved {count} answer(s) that were waiting.")
            return done

    def record_attempt(
        self,
        *,
        bank_id: str,
        bank_hash: str,
        question_id: str,
        answer: str,
        result: ScoreResult,
        mode: str,
        started_at: datetime,
        submitted_at: datetime,
        session_id: int | None = None,
    ) -> int | None:
        """Save one attempt (and update the question's review schedule); returns its id.

        None when the attempt is kept in memory (``pending``) to be written later.
        """
        data = {
            "bank_id": bank_id,
            "bank_hash": bank_hash,
            "question_id": question_id,
            "answer": _clean(answer),
            "score": _score_of(result),
            "result": _dumps(result.to_dict()),
            # the per-theme rows, taken from the typed result now (the write need not read the
            # JSON back); a write parked by an older version lacks them and reads "result"
            "themes": [list(row) for row in _expected_themes(result)],
            "mode": mode,
            "started_at": _iso(started_at),
            "submitted_at": _iso(submitted_at),
            "seconds": max(0.0, (_utc(submitted_at) - _utc(started_at)).total_seconds()),
            "session_id": session_id,
        }
        value = self._write(PendingWrite("attempt", data))
        if self.path is None and not self.saving:  # kept only in memory: lost at the end
            with self._lock:
                self._memory_only.append(data)
        return int(value) if value is not None else None

    def unsaved_answers(self) -> list[dict[str, Any]]:
        """Attempts of this run that are in no file (the history could not be written), then
        the drafts likewise (``"draft": True``): the caller writes them elsewhere or prints
        them when the app closes. Works after close."""
        with self._lock:
            waiting = self.pending if self._closed else []
            attempts = [*self._memory_only, *(p.data for p in waiting if p.kind == "attempt")]
            drafts = dict(self._memory_drafts)
            for op in waiting:  # in order: a window's last write wins
                if op.kind == "draft":
                    drafts[_draft_key(op.data)] = op.data
                elif op.kind == "delete_draft":
                    drafts.pop(_draft_key(op.data), None)
            return [*attempts, *({"bank_id": d["bank_id"], "question_id": d["question_id"],
                                  "answer": d["text"], "draft": True}
                                 for d in drafts.values() if str(d["text"]).strip())]

    def answers_at_risk(self) -> int:
        """How many answers (submitted, or drafts) of this run are in no file and cannot be
        written now, while the history cannot be written: the app says so before quitting."""
        with self._lock:
            waiting = [] if self.saving else self.pending
            drafts = {**self._memory_drafts,
                      **{_draft_key(p.data): p.data for p in waiting if p.kind == "draft"}}
            return (len(self._memory_only) + sum(1 for p in waiting if p.kind == "attempt")
                    + sum(1 for d in drafts.values() if str(d["text"]).strip()))

    def start_session(self, bank_id: str, mode: str = "mock") -> int | None:
        """Begin a mock interview session; returns its id."""
        value = self._write(PendingWrite("start_session", {"bank_id": bank_id, "mode": mode,
                                                            "started_at": _iso(_now())}))
        return int(value) if value is not None else None

    def end_session(self, session_id: int) -> None:
        """Mark a session finished."""
        self._write(PendingWrite("end_session", {"id": session_id, "ended_at": _iso(_now())}))

    def save_draft(self, bank_id: str, question_id: str, text: str,
                   window: str | None = None) -> None:
        """Keep the text being typed: one draft per bank, question and window (this store's
        window unless told), so two windows never overwrite each other's draft."""
        data = {"bank_id": bank_id, "question_id": question_id,
                "window": window if window is not None else self.window,
                "text": _clean(text), "updated_at": _iso(_now())}
        self._write(PendingWrite("draft", data))
        if self.path is None and not self.saving:  # kept only in memory: rescued at the end
            with self._lock:
                self._memory_drafts[_draft_key(data)] = data

    def drafts(self, bank_id: str, question_id: str) -> list[Draft]:
        """Every saved draft of the question, of any window (this window's first, then the
        newest); those still waiting in memory included."""
        with self._lock:
            rows = self._read("SELECT window, text, updated_at FROM drafts"
                              " WHERE bank_id = ? AND question_id = ?", (bank_id, question_id))
            found = {str(r[0]): (str(r[1]), r[2]) for r in rows}
            for op in self.pending:  # in order: the last write of a window wins
                if op.kind in ("draft", "delete_draft") and (
                        op.data["bank_id"], op.data["question_id"]) == (bank_id, question_id):
                    window = str(op.data.get("window", LEGACY_WINDOW))
                    if op.kind == "draft":
                        found[window] = (op.data["text"], op.data["updated_at"])
                    else:
                        found.pop(window, None)
        return newest_first([Draft(w, text, parse_time(when), w == self.window)
                             for w, (text, when) in found.items()])

    def load_draft(self, bank_id: str, question_id: str) -> str | None:
        """The saved draft: this window's, else the newest of any window; None when none."""
        found = self.drafts(bank_id, question_id)
        return found[0].text if found else None

    def delete_draft(self, bank_id: str, question_id: str, window: str | None = None) -> None:
        """Drop this window's draft (after the answer is submitted), or ``window``'s."""
        data = {"bank_id": bank_id, "question_id": question_id,
                "window": window if window is not None else self.window}
        self._write(PendingWrite("delete_draft", data))
        with self._lock:
            self._memory_drafts.pop(_draft_key(data), None)

    # -- reading -----------------------------------------------------------------------------

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Rows of a query; on a read error, a notice and no rows (never raises)."""
        with self._lock:
            if self._closed:
                return []
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                self._notice(f"Could not read the history: {exc}")
                return []

    def _read_one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self._read(sql, params)
        return rows[0] if rows else None

    def attempts(self, bank_id: str | None = None, question_id: str | None = None,
                 limit: int | None = None, *, session_id: int | None = None,
                 include_result: bool = True, include_answer: bool = True) -> list[Attempt]:
        """Past attempts, newest first (those still waiting in memory first of all).

        ``include_result=False`` skips the result (``result`` is then None) and
        ``include_answer=False`` the answer (``answer`` is then ""): a long history lists faster.
        """
        where, params = [], []
        for column, value in (("bank_id", bank_id), ("question_id", question_id),
                              ("session_id", session_id)):
            if value is not None:
                where.append(f"a.{column} = ?")
                params.append(value)
        sql = _attempt_select(include_answer, include_result)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.submitted_at DESC, a.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        waiting = [a for a in self._pending_attempts()
                   if (bank_id is None or a.bank_id == bank_id)
                   and (question_id is None or a.question_id == question_id)
                   and (session_id is None or a.session_id == session_id)]
        for waiting_attempt in waiting:
            if not include_result:
                waiting_attempt.result = None
            if not include_answer:
                waiting_attempt.answer = ""
        rows = self._read(sql, params)
        found: list[Attempt] = []
        bad: list[str] = []
        with _bulk(len(rows) if include_result else 0):
            for row in rows:
                try:
                    found.append(_attempt_from_row(row))
                except (ValueError, TypeError, IndexError):  # one bad row must not hide the rest
                    bad.append(str(row[0]))
        if bad:
            shown = ", ".join(bad[:10]) + (" ..." if len(bad) > 10 else "")
            self._notice(f"Skipped {len(bad)} damaged attempt row(s) in the history (id {shown}).")
        combined = waiting + found
        return combined[:limit] if limit is not None else combined

    def _pending_attempts(self) -> list[Attempt]:
        with self._lock:
            ops = [op for op in self.pending if op.kind == "attempt"]
        found = []
        for op in reversed(ops):
            d = op.data
            result, problem = _read_result(d["result"])
            found.append(Attempt(
                id=op.temp_id, bank_id=d["bank_id"], bank_hash=d["bank_hash"],
                question_id=d["question_id"], answer=d["answer"], score=d["score"],
                result=result, result_problem=problem, mode=d["mode"],
                started_at=datetime.fromisoformat(d["started_at"]),
                submitted_at=datetime.fromisoformat(d["submitted_at"]),
                seconds=d["seconds"], session_id=d["session_id"],
            ))
        return found

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One attempt by id."""
        if attempt_id < 0:
            return next((a for a in self._pending_attempts() if a.id == attempt_id), None)
        row = self._read_one(_attempt_select(True, True) + " WHERE a.id = ?", (attempt_id,))
        try:
            return _attempt_from_row(row) if row else None
        except (ValueError, TypeError, IndexError):
            self._notice(f"The attempt {attempt_id} is damaged in the history and was skipped.")
            return None

    def count_attempts(self, bank_id: str | None = None) -> int:
        """How many attempts there are (those waiting in memory included)."""
        sql = "SELECT count(*) FROM attempts"
        params: tuple[str, ...] = ()
        if bank_id is not None:
            sql, params = sql + " WHERE bank_id = ?", (bank_id,)
        row = self._read_one(sql, params)
        waiting = sum(1 for a in self._pending_attempts() if bank_id in (None, a.bank_id))
        return (int(row[0]) if row else 0) + waiting

    def banks(self) -> list[str]:
        """The ids of every bank with attempts, sorted."""
        return [row[0] for row in self._read(
            "SELECT DISTINCT bank_id FROM attempts ORDER BY bank_id")]

    def sessions(self, bank_id: str | None = None) -> list[Session]:
        """Sessions, newest first."""
        sql = "SELECT id, bank_id, mode, started_at, ended_at FROM sessions"
        params: tuple[str, ...] = ()
        if bank_id is not None:
            sql += " WHERE bank_id = ?"
            params = (bank_id,)
        rows = self._read(sql + " ORDER BY started_at DESC, id DESC", params)
        return [Session(r[0], r[1], r[2], datetime.fromisoformat(r[3]),
                        datetime.fromisoformat(r[4]) if r[4] else None) for r in rows]

    def unfinished_sessions(self, bank_id: str | None = None,
                            mode: str = "mock") -> list[tuple[Session, int]]:
        """Sessions never ended (the app was closed or crashed mid-interview), newest first,
        each with how many answers it kept."""
        sql = ("SELECT s.id, s.bank_id, s.mode, s.started_at,"
               " (SELECT count(*) FROM attempts a WHERE a.session_id = s.id)"
               " FROM sessions s WHERE s.ended_at IS NULL AND s.mode = ?")
        params: list[Any] = [mode]
        if bank_id is not None:
            sql += " AND s.bank_id = ?"
            params.append(bank_id)
        found = []
        for row in self._read(sql + " ORDER BY s.started_at DESC, s.id DESC", params):
            try:
                started = datetime.fromisoformat(row[3])
            except (TypeError, ValueError):
                continue
            found.append((Session(row[0], row[1], row[2], started, None), int(row[4])))
        return found

    def progress(self, bank_id: str, question_ids: list[str]) -> BankProgress:
        """Progress for one bank (question_ids: all the bank's questions, for 'never tried')."""
        # One pass over the covering index gives the totals, the trend and the questions tried.
        rows = self._read("SELECT question_id, score FROM attempts WHERE bank_id = ?"
                          " ORDER BY submitted_at", (bank_id,))
        theme_rows = self._read(
            "SELECT theme_id, count(*), sum(covered), sum(CAST(strength * 1000000 + 0.5 AS INTEGER)),"
            " sum(score), max(score)"
            " FROM attempt_themes WHERE bank_id = ? GROUP BY theme_id ORDER BY theme_id",
            (bank_id,))
        themes = [theme_summary(*r) for r in theme_rows]
        return bank_progress(bank_id, question_ids, [(r[0], r[1]) for r in rows], themes)

    def due_questions(self, bank_id: str, question_ids: list[str],
                      now: datetime | None = None) -> list[str]:
        """Questions due for review now, weakest first (never-tried ones are not 'due').

        Weakest means the lowest last score; equal scores go by how long they have been due.
        """
        moment = _utc(now or _now())
        rows = self._read("SELECT question_id, due, last_score FROM review WHERE bank_id = ? AND due <= ?",
                          (bank_id, _iso(moment)))
        return due_order([(r[0], datetime.fromisoformat(r[1]), r[2]) for r in rows], moment, question_ids)

    def next_due(self, bank_id: str) -> datetime | None:
        """When the bank's next question becomes due (None when nothing was practised)."""
        row = self._read_one("SELECT min(due) FROM review WHERE bank_id = ?", (bank_id,))
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    # -- privacy -------------------------------------------------------------------------------

    def forget(self, bank_id: str | None = None) -> int:
        """Delete attempts, drafts, sessions and review cards (one bank, or all) for good.

        Returns how many attempts were deleted. Afterwards the file is vacuumed and the
        write-ahead log truncated, so the deleted text is not left in free pages. Raises
        StoreError when the database cannot be written (this is an explicit user command).
        """
        with self._lock:
            self.pending = [p for p in self.pending
                            if bank_id is not None and p.data.get("bank_id") != bank_id]
            self._memory_drafts = {k: d for k, d in self._memory_drafts.items()
                                   if bank_id is not None and k[0] != bank_id}
            where, params = ("WHERE bank_id = ?", (bank_id,)) if bank_id else ("", ())

            def work(conn: sqlite3.Connection) -> int:
                count = int(conn.execute(f"SELECT count(*) FROM attempts {where}",
                                         params).fetchone()[0])
                conn.execute("DELETE FROM attempt_texts WHERE attempt_id IN"
                             f" (SELECT id FROM attempts {where})", params)
                for table in ("attempts", "attempt_themes", "drafts", "sessions", "review"):
                    conn.execute(f"DELETE FROM {table} {where}", params)
                return count

            try:
                self._conn.execute("PRAGMA secure_delete = ON")
                count = int(self._transaction(work))
                self._conn.execute("VACUUM")
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                raise StoreError(f"could not delete the history: {exc}") from exc
            if bank_id is None:  # copies of answers left by killed runs go too
                self._remove_stale_files(older_than=0)
            return count

    def backup(self, destination: Path) -> None:
        """A consistent copy of the database (SQLite's online backup API), written 0600.

        The copy is made beside ``destination`` and renamed into place, so a killed run never
        leaves half a file. Raises StoreError on failure.
        """
        from interview_coach._util.atomic import atomic_path

        destination = Path(destination)
        if self.path is not None and destination.resolve() in (
            self.path.resolve(), *(p.resolve() for p in _companions(self.path))
        ):
            raise StoreError("a backup must go to another file than the history database")
        with self._lock:
            self.flush()
            try:
                with atomic_path(destination) as tmp:
                    target = sqlite3.connect(tmp, isolation_level=None)
                    try:
                        # One step (pages=-1): a single snapshot, even while others write.
                        self._conn.backup(target)
                        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                    finally:
                        target.close()
            except (sqlite3.Error, OSError) as exc:
                raise StoreError(f"could not back up the history to {destination}: {exc}") from exc

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file (before it is moved or copied)."""
        with contextlib.suppress(sqlite3.Error):
            self._read("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- closing -----------------------------------------------------------------------------

    def close(self) -> None:
        """Flush anything kept in memory and close the database."""
        with self._lock:
            if self._closed:
                return
            if self.pending:
                self.flush()
            if self.pending:
                self._park_pending()
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._closed = True

    def _remove_stale_files(self, older_than: float | None = None) -> int:
        """Temporaries of a killed backup, restore or export in the data folder, and the
        $EDITOR hand-over files of a crashed run: removed (at start, and by ``forget``)."""
        from interview_coach._util.atomic import (
            STALE_AFTER,
            remove_stale_editor_files,
            remove_stale_temporaries,
            temporary_patterns,
        )

        if self.path is None:
            return 0
        age = STALE_AFTER if older_than is None else older_than
        removed = remove_stale_temporaries(self.path.parent, (
            *temporary_patterns(self.path.name), ".*.tmp"), age)
        removed += remove_stale_editor_files(age)
        return len(removed)

    def _pending_file_glob(self) -> list[Path]:
        if self.path is None:
            return []
        return pending_files(self.path)

    def _park_pending(self) -> None:
        """At close, write what is still waiting to a private JSON file beside the database.

        The next :meth:`open` writes it into the database and removes the file.
        """
        count = sum(1 for p in self.pending if p.kind == "attempt")
        if self.path is None:
            self._notice(f"{count} answer(s) could not be saved before closing.")
            return
        from interview_coach._util.atomic import atomic_write_text

        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = pending_file(self.path, stamp)
        payload = [{"kind": p.kind, "data": p.data} for p in self.pending]
        try:
            atomic_write_text(target, _dumps(payload))
        except OSError as exc:
            self._notice(f"{count} answer(s) could not be saved before closing ({exc}).")
            return
        self._notice(f"{count} answer(s) waiting to be saved were kept in {target}; they are "
                     "saved the next time the app starts.")
        self.pending = []

    def _recover_pending_files(self) -> None:
        """Write the waiting writes that an earlier run kept in files (see :meth:`_park_pending`)."""
        for file in self._pending_file_glob():
            try:
                ops = [PendingWrite(str(o["kind"]), dict(o["data"]))
                       for o in json.loads(file.read_text(encoding="utf-8"))
                       if o.get("kind") in _HANDLERS]
            except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
                self._notice(f"Could not read the waiting answers in {file}: {exc}")
                continue
            with self._lock:
                earlier, self.pending = self.pending, ops
                done = self._flush_locked()
                remaining, self.pending = self.pending, earlier
            try:
                if done:
                    file.unlink()
                    count = sum(1 for op in ops if op.kind == "attempt")
                    self._notice(f"Saved {count} answer(s) kept from an earlier run.")
                else:  # keep only what is still waiting, so nothing is written twice
                    from interview_coach._util.atomic import atomic_write_text

                    atomic_write_text(file, _dumps([{"kind": p.kind, "data": p.data}
                                                    for p in remaining]))
            except OSError as exc:
                self._notice(f"Could not update {file}: {exc}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _draft_key(data: dict[str, Any]) -> tuple[str, str, str]:
    """Which draft a write is for: bank, question, window."""
    return (data["bank_id"], data["question_id"], str(data.get("window", LEGACY_WINDOW)))
