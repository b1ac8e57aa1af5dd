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
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interview_coach._util import paths
from interview_coach._util.errors import StoreError
from interview_coach._util.gcpause import gc_paused

SCHEMA_VERSION = 2
BUSY_TIMEOUT = 5.0  # seconds a write waits for another process's lock before keeping it in memory

Step = str | Callable[[sqlite3.Connection], None]

# SQLite primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_TRANSIENT = {_BUSY, _LOCKED}
_STORAGE = {_READONLY, _IOERR, _FULL, _CANTOPEN, _CORRUPT, _NOTADB}
_DAMAGED = {_CORRUPT, _NOTADB}


@dataclass
class Attempt:
    """One submitted answer with its scoring result (``result`` is ScoreResult.to_dict()).

    Times are timezone-aware (UTC). An attempt still waiting in memory has a negative id.
    """

    id: int
    bank_id: str
    bank_hash: str
    question_id: str
    answer: str
    score: int
    result: dict[str, Any]
    mode: str  # "practice", "mock" or "review"
    started_at: datetime
    submitted_at: datetime
    seconds: float
    session_id: int | None = None

    def to_dict(self, include_result: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (times as ISO 8601 text)."""
        data: dict[str, Any] = {
            "id": self.id,
            "bank_id": self.bank_id,
            "bank_hash": self.bank_hash,
            "question_id": self.question_id,
            "mode": self.mode,
            "session_id": self.session_id,
            "started_at": self.started_at.isoformat(),
            "submitted_at": self.submitted_at.isoformat(),
            "seconds": round(self.seconds, 3),
            "score": self.score,
            "answer": self.answer,
        }
        if include_result:
            data["result"] = self.result
        return data


@dataclass
class ThemeProgress:
    """Per theme: how often it was expected, how often covered, mean strength.

    ``mean_score`` and ``best_score`` are those of the attempts whose question expected it.
    """

    theme_id: str
    attempts: int
    covered: int
    mean_strength: float
    mean_score: float | None = None
    best_score: int | None = None


@dataclass
class BankProgress:
    """Per bank: attempts, mean and best score, trend, weakest themes, untried questions."""

    bank_id: str
    attempts: int
    questions_practised: int
    questions_total: int
    mean_score: float | None
    best_score: int | None
    trend: float | None  # change of the mean score, recent half against older half
    weakest_themes: list[str] = field(default_factory=list)
    never_tried: list[str] = field(default_factory=list)
    themes: list[ThemeProgress] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        from dataclasses import asdict

        return asdict(self)


@dataclass
class Session:
    """A mock interview (or another run of questions) and when it began and ended."""

    id: int
    bank_id: str
    mode: str
    started_at: datetime
    ended_at: datetime | None


@dataclass
class PendingWrite:
    """A write kept in memory because the database could not take it yet."""

    kind: str  # "attempt", "draft", "delete_draft", "start_session", "end_session"
    data: dict[str, Any]
    temp_id: int = 0


class DamagedDatabase(StoreError):
    """The database file cannot be used: the reason says why (it is moved aside)."""


class MigrationError(StoreError):
    """A schema migration failed; the database was left as it was."""


# ---------------------------------------------------------------------------------------------
# Schema: the SQL of every version stays here, so tests can build a database of any version.

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
        _insert_themes(conn, attempt_id, bank_id, score, _loads(result))
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

MIGRATIONS: dict[int, list[Step]] = {1: _V1, 2: _V2}
"""Steps that bring a database from version ``n - 1`` to ``n`` (SQL text or a function)."""

# The tables a database of each version must have (restore checks a backup against this).
TABLES: dict[int, frozenset[str]] = {
    1: frozenset({"attempts", "drafts"}),
    2: frozenset({"attempts", "attempt_texts", "drafts", "sessions", "review",
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


# ---------------------------------------------------------------------------------------------
# Small helpers


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
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


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


def _make_private(path: Path) -> None:
    """chmod 0600 when the file exists (best effort: it may not be ours on a shared mount)."""
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def _companions(path: Path) -> list[Path]:
    """SQLite's files beside the database: write-ahead log, shared memory, rollback journal."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def move_aside(path: Path, reason: str) -> Path:
    """Rename ``path`` (and its -wal/-shm) to ``<name>.<reason>-<UTC time>``; never deletes."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{reason}-{stamp}")
    counter = 1
    while target.exists() or any(p.exists() for p in _companions(target)):
        target = path.with_name(f"{path.name}.{reason}-{stamp}-{counter}")
        counter += 1
    os.rename(path, target)
    for old, new in zip(_companions(path), _companions(target), strict=True):
        if old.exists():
            os.rename(old, new)
    return target


def _hold_wal(path: Path) -> Path | None:
    """Hard-link the write-ahead log, if any, before SQLite opens the database.

    SQLite deletes the log when it closes a database it cannot use, so a damaged database would
    lose its log's content; the link keeps it until we know the database is sound.
    """
    wal = path.with_name(path.name + "-wal")
    try:
        if not wal.is_file() or wal.stat().st_size == 0:
            return None
        keep = path.with_name(f"{path.name}-wal.keep-{os.getpid()}-{threading.get_ident()}")
        with contextlib.suppress(FileNotFoundError):
            keep.unlink()
        os.link(wal, keep)
    except OSError:
        return None  # no hard links here: SQLite keeps the log of a sound database anyway
    return keep


def _release_wal(keep: Path | None, moved: Path | None) -> None:
    """Drop the link of :func:`_hold_wal`, or put it beside the moved-aside damaged database."""
    if keep is None:
        return
    with contextlib.suppress(OSError):
        wal = moved.with_name(moved.name + "-wal") if moved is not None else None
        if wal is not None and not wal.exists():
            os.rename(keep, wal)
        else:
            keep.unlink()


def _probe(path: Path) -> None:
    """Raise DamagedDatabase when ``path`` exists but is no readable file."""
    if not path.exists():
        return
    if not path.is_file():
        raise DamagedDatabase("it is not a file")
    try:
        with open(path, "rb") as stream:
            stream.read(1)
    except OSError as exc:
        raise DamagedDatabase(f"it cannot be read ({exc.strerror or exc})") from exc


def _connect_file(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Open (creating 0600) the database file in WAL mode and check that it is ours and sound."""
    _probe(path)
    if not path.exists():
        # Created by us first, so SQLite's own files (-wal, -shm) copy its 0600 mode.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    _make_private(path)
    conn = sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    try:
        _check(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL: a killed process loses nothing committed
        for companion in _companions(path):
            _make_private(companion)
        return conn
    except BaseException:
        conn.close()
        raise


def _check(conn: sqlite3.Connection) -> None:
    """Raise DamagedDatabase for a newer schema or a failed integrity check."""
    try:
        version = _user_version(conn)
        if version > SCHEMA_VERSION:
            raise DamagedDatabase(
                f"it was made by a newer interview-coach (schema {version}, this one knows "
                f"{SCHEMA_VERSION})"
            )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version >= 1 and not TABLES[version] <= tables:
            raise DamagedDatabase(
                f"it is not an interview-coach history (tables missing for schema {version})"
            )
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if _code(exc) in _DAMAGED:
            raise DamagedDatabase(str(exc)) from exc
        raise
    if rows != [("ok",)]:
        raise DamagedDatabase(f"it failed its integrity check ({rows[0][0]})")


def _memory_connection(seed: Path | None) -> tuple[sqlite3.Connection, bool]:
    """An in-memory database, filled from ``seed`` when that can be read; (conn, seeded)."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    seeded = False
    if seed is not None and seed.is_file():
        try:
            source = sqlite3.connect(seed.resolve().as_uri() + "?mode=ro", uri=True)
            try:
                if _user_version(source) <= SCHEMA_VERSION:
                    source.backup(conn)
                    seeded = True
            finally:
                source.close()
        except sqlite3.Error:
            seeded = False
    try:
        migrate(conn)
    except MigrationError:
        conn.close()
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        migrate(conn)
        seeded = False
    return conn, seeded


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
    ) -> None:
        """Wrap an open, migrated connection (use :meth:`open` or :meth:`in_memory`)."""
        self._conn = conn
        self.path = path
        self.saving = saving
        self.notices: list[str] = list(notices or [])
        self.pending: list[PendingWrite] = []
        self.busy_timeout = busy_timeout
        self._lock = threading.RLock()
        self._next_temp_id = -1
        self._closed = False

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None, *, busy_timeout: float = BUSY_TIMEOUT) -> Store:
        """Open (creating or migrating) the database; a damaged file is moved aside."""
        notices: list[str] = []
        try:
            target = Path(path) if path is not None else paths.db_path()
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            notices.append(f"The history cannot be saved: the data folder is unusable ({exc}).")
            return cls._unsaved(None, notices, busy_timeout)
        for _ in range(2):
            keep = _hold_wal(target)
            try:
                conn = _connect_file(target, busy_timeout)
            except DamagedDatabase as exc:
                usable, moved = cls._move_damaged(target, str(exc), notices)
                _release_wal(keep, moved)
                if not usable:
                    return cls._unsaved(None, notices, busy_timeout)
                continue
            except (sqlite3.Error, OSError) as exc:
                _release_wal(keep, None)
                notices.append(f"The history database {target} cannot be opened for saving ({exc}).")
                return cls._unsaved(target, notices, busy_timeout)
            _release_wal(keep, None)
            try:
                # Only take the write lock when there is something to migrate: another instance
                # holding a long write must not keep this one from opening.
                if _user_version(conn) < SCHEMA_VERSION:
                    migrate(conn)
            except (MigrationError, sqlite3.Error) as exc:
                conn.close()
                notices.append(f"{exc}. The database was left as it was.")
                return cls._unsaved(None, notices, busy_timeout)
            store = cls(conn, target, notices=notices, busy_timeout=busy_timeout)
            store._recover_pending_files()
            return store
        notices.append("The history database could not be started.")
        return cls._unsaved(None, notices, busy_timeout)

    @classmethod
    def in_memory(cls) -> Store:
        """A store that keeps everything in memory (for tests and previews); it says it saves."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        migrate(conn)
        return cls(conn, None)

    @classmethod
    def _unsaved(cls, seed: Path | None, notices: list[str], busy_timeout: float) -> Store:
        conn, seeded = _memory_connection(seed)
        shown = " (the history so far is shown)" if seeded else ""
        notices.append(f"Not saving: answers are kept only until the app closes{shown}.")
        return cls(conn, None, saving=False, notices=notices, busy_timeout=busy_timeout)

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
            key = (op.data["bank_id"], op.data["question_id"])
            self.pending = [
                p for p in self.pending
                if p.kind not in ("draft", "delete_draft")
                or (p.data["bank_id"], p.data["question_id"]) != key
            ]
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
        result: dict[str, Any],
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
            "result": _dumps(result),
            "mode": mode,
            "started_at": _iso(started_at),
            "submitted_at": _iso(submitted_at),
            "seconds": max(0.0, (_utc(submitted_at) - _utc(started_at)).total_seconds()),
            "session_id": session_id,
        }
        value = self._write(PendingWrite("attempt", data))
        return int(value) if value is not None else None

    def start_session(self, bank_id: str, mode: str = "mock") -> int | None:
        """Begin a mock interview session; returns its id."""
        value = self._write(PendingWrite("start_session", {"bank_id": bank_id, "mode": mode,
                                                            "started_at": _iso(_now())}))
        return int(value) if value is not None else None

    def end_session(self, session_id: int) -> None:
        """Mark a session finished."""
        self._write(PendingWrite("end_session", {"id": session_id, "ended_at": _iso(_now())}))

    def save_draft(self, bank_id: str, question_id: str, text: str) -> None:
        """Keep the text being typed (one draft per bank and question)."""
        self._write(PendingWrite("draft", {"bank_id": bank_id, "question_id": question_id,
                                           "text": _clean(text), "updated_at": _iso(_now())}))

    def load_draft(self, bank_id: str, question_id: str) -> str | None:
        """The saved draft, if any."""
        with self._lock:
            for op in reversed(self.pending):
                if op.kind in ("draft", "delete_draft") and (
                    op.data["bank_id"], op.data["question_id"]) == (bank_id, question_id):
                    return op.data["text"] if op.kind == "draft" else None
            row = self._read_one(
                "SELECT text FROM drafts WHERE bank_id = ? AND question_id = ?",
                (bank_id, question_id),
            )
        return str(row[0]) if row else None

    def delete_draft(self, bank_id: str, question_id: str) -> None:
        """Drop a draft (after the answer is submitted)."""
        self._write(PendingWrite("delete_draft", {"bank_id": bank_id, "question_id": question_id}))

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

        ``include_result=False`` skips the result (``result`` is then empty) and
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
                waiting_attempt.result = {}
            if not include_answer:
                waiting_attempt.answer = ""
        rows = self._read(sql, params)
        with _bulk(len(rows) if include_result else 0):
            found = [_attempt_from_row(row) for row in rows]
        combined = waiting + found
        return combined[:limit] if limit is not None else combined

    def _pending_attempts(self) -> list[Attempt]:
        with self._lock:
            ops = [op for op in self.pending if op.kind == "attempt"]
        found = []
        for op in reversed(ops):
            d = op.data
            found.append(Attempt(
                id=op.temp_id, bank_id=d["bank_id"], bank_hash=d["bank_hash"],
                question_id=d["question_id"], answer=d["answer"], score=d["score"],
                result=_loads(d["result"]), mode=d["mode"],
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
        return _attempt_from_row(row) if row else None

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

    def progress(self, bank_id: str, question_ids: list[str]) -> BankProgress:
        """Progress for one bank (question_ids: all the bank's questions, for 'never tried')."""
        # One pass over the covering index gives the totals, the trend and the questions tried.
        rows = self._read("SELECT score, question_id FROM attempts WHERE bank_id = ?"
                          " ORDER BY submitted_at", (bank_id,))
        scores = [row[0] for row in rows]
        tried = {row[1] for row in rows}
        theme_rows = self._read(
            "SELECT theme_id, count(*), sum(covered), avg(strength), avg(score), max(score)"
            " FROM attempt_themes WHERE bank_id = ? GROUP BY theme_id ORDER BY theme_id",
            (bank_id,))
        themes = [ThemeProgress(r[0], r[1], r[2], round(r[3], 4), round(r[4], 2), r[5])
                  for r in theme_rows]
        wanted = list(dict.fromkeys(question_ids))
        return BankProgress(
            bank_id=bank_id,
            attempts=len(scores),
            questions_practised=len(tried & set(wanted)) if wanted else len(tried),
            questions_total=len(wanted) if wanted else len(tried),
            mean_score=round(sum(scores) / len(scores), 2) if scores else None,
            best_score=max(scores) if scores else None,
            trend=_trend(scores),
            weakest_themes=_weakest(themes),
            never_tried=[q for q in wanted if q not in tried],
            themes=themes,
        )

    def due_questions(self, bank_id: str, question_ids: list[str],
                      now: datetime | None = None) -> list[str]:
        """Questions due for review now, weakest first (never-tried ones are not 'due').

        Weakest means the lowest last score; equal scores go by how long they have been due.
        """
        moment = _iso(now or _now())
        rows = self._read(
            "SELECT question_id FROM review WHERE bank_id = ? AND due <= ?"
            " ORDER BY last_score, due, question_id", (bank_id, moment))
        wanted = set(question_ids)
        return [row[0] for row in rows if not wanted or row[0] in wanted]

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
            return count

    def backup(self, destination: Path) -> None:
        """A consistent copy of the database (SQLite's online backup API), written 0600.

        The copy is made beside ``destination`` and renamed into place, so a killed run never
        leaves half a file. Raises StoreError on failure.
        """
        import tempfile

        destination = Path(destination)
        if self.path is not None and destination.resolve() in (
            self.path.resolve(), *(p.resolve() for p in _companions(self.path))
        ):
            raise StoreError("a backup must go to another file than the history database")
        with self._lock:
            self.flush()
            tmp = destination  # replaced below; unlinked on failure only once created
            try:
                fd, tmp_name = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".tmp",
                                                dir=destination.parent)
                os.close(fd)
                tmp = Path(tmp_name)
                os.chmod(tmp, 0o600)
                target = sqlite3.connect(tmp, isolation_level=None)
                try:
                    # One step (pages=-1): the copy is a single snapshot, even while others write.
                    self._conn.backup(target)
                    target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                finally:
                    target.close()
                os.replace(tmp, destination)
            except (sqlite3.Error, OSError) as exc:
                if tmp != destination:
                    with contextlib.suppress(OSError):
                        tmp.unlink()
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

    def _pending_file_glob(self) -> list[Path]:
        if self.path is None:
            return []
        return sorted(self.path.parent.glob(f"{self.path.name}.pending-*.json"))

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
        target = self.path.with_name(f"{self.path.name}.pending-{stamp}-{os.getpid()}.json")
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


# ---------------------------------------------------------------------------------------------
# Write handlers: each runs inside one transaction.


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
    _insert_themes(conn, attempt_id, d["bank_id"], d["score"], _loads(d["result"]))
    _update_review(conn, d["bank_id"], d["question_id"], d["score"],
                   datetime.fromisoformat(d["submitted_at"]))
    return attempt_id


def _write_draft(conn: sqlite3.Connection, d: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO drafts (bank_id, question_id, text, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (bank_id, question_id) DO UPDATE SET text = excluded.text,"
        " updated_at = excluded.updated_at",
        (d["bank_id"], d["question_id"], d["text"], d["updated_at"]),
    )


def _delete_draft(conn: sqlite3.Connection, d: dict[str, Any]) -> None:
    conn.execute("DELETE FROM drafts WHERE bank_id = ? AND question_id = ?",
                 (d["bank_id"], d["question_id"]))


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


def _trend(scores: list[int]) -> float | None:
    """Mean of the recent half minus mean of the older half (None under 2 attempts)."""
    if len(scores) < 2:
        return None
    half = len(scores) // 2
    older, recent = scores[:half], scores[len(scores) - half:]
    return round(sum(recent) / len(recent) - sum(older) / len(older), 2)


def _weakest(themes: list[ThemeProgress], count: int = 3) -> list[str]:
    """Up to ``count`` themes with the lowest coverage (then strength), leaving out mastered ones."""
    weak = [t for t in themes if t.attempts and (t.covered < t.attempts or t.mean_strength < 0.75)]
    weak.sort(key=lambda t: (t.covered / t.attempts, t.mean_strength, t.theme_id))
    return [t.theme_id for t in weak[:count]]


def check_database(path: Path) -> int:
    """Check that ``path`` is a sound interview-coach database; returns its schema version.

    Raises StoreError saying what is wrong (not a file, not SQLite, integrity, version, tables).
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path} is not a file")
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"{path} cannot be opened: {exc}") from exc
    try:
        version = _user_version(conn)
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error as exc:
        raise StoreError(f"{path} is not a usable SQLite database: {exc}") from exc
    finally:
        conn.close()
    if rows != [("ok",)]:
        raise StoreError(f"{path} failed its integrity check: {rows[0][0]}")
    if version < 1 or version > SCHEMA_VERSION:
        raise StoreError(f"{path} is not an interview-coach history (schema version {version})")
    missing = TABLES[version] - tables
    if missing:
        raise StoreError(f"{path} lacks the tables {', '.join(sorted(missing))}")
    return version


def restore_database(source: Path, target: Path | None = None) -> Path | None:
    """Replace the history with the backup ``source`` after checking it.

    The current database is folded (checkpoint) and moved aside, never deleted; returns where it
    went (None when there was none). Raises StoreError when the backup is not usable.
    """
    import tempfile

    check_database(source)
    target = Path(target) if target is not None else paths.db_path()
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".restore",
                                        dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        os.chmod(tmp, 0o600)
        src = sqlite3.connect(Path(source).resolve().as_uri() + "?mode=ro", uri=True)
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
            src.close()
        moved = None
        if target.exists():
            _fold_wal(target)
            moved = move_aside(target, "replaced")
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise StoreError(f"could not restore {source}: {exc}") from exc
    return moved


def _fold_wal(path: Path) -> None:
    """Checkpoint ``path``'s write-ahead log into it so the file alone holds everything."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error:
        return  # a damaged current database is moved aside as it is
