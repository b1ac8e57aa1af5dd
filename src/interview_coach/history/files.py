"""The history database as files: opening, checking, moving a damaged one aside, restoring.

Every name the history gives a file beside the database is made here (and only here), so that
``forget --all`` (:func:`kept_beside`) and the store agree on which files hold history:

- ``<db>.damaged-<UTC time>`` and ``<db>.replaced-<UTC time>``: a database moved aside
  (:func:`move_aside`), with its ``-wal``/``-shm``;
- ``<db>-wal.damaged-<UTC time>``: a copy of a damaged write-ahead log (:func:`keep_damaged_wal`);
- ``<db>-wal.keep-<pid>-<thread>``: a log held while the database is checked (:func:`_hold_wal`);
- ``<db>.pending-<UTC time>-<pid>.json``: writes parked at close (:func:`pending_file`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from interview_coach._util import paths
from interview_coach._util.errors import StoreError
from interview_coach.history.migrations import SCHEMA_VERSION, TABLES, MigrationError, migrate
from interview_coach.history.rows import _DAMAGED, _code, _user_version

BUSY_TIMEOUT = 5.0  # seconds a write waits for another process's lock before keeping it in memory


class DamagedDatabase(StoreError):
    """The database file cannot be used: the reason says why (it is moved aside)."""


def _make_private(path: Path) -> None:
    """chmod 0600 when the file exists (best effort: it may not be ours on a shared mount)."""
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def _companions(path: Path) -> list[Path]:
    """SQLite's files beside the database: write-ahead log, shared memory, rollback journal."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


MOVED_ASIDE = ("damaged", "replaced")  # the reasons :func:`move_aside` is given
_KEPT_MARKS = (*(f".{reason}-" for reason in MOVED_ASIDE), "-wal.keep-", "-wal.damaged-",
               ".pending-")


def pending_file(db: Path, stamp: str) -> Path:
    """Where writes still waiting at close are parked (JSON), beside the database ``db``."""
    return db.with_name(f"{db.name}.pending-{stamp}-{os.getpid()}.json")


def pending_files(db: Path) -> list[Path]:
    """The parked writes of earlier runs (:func:`pending_file`), oldest first."""
    return sorted(db.parent.glob(f"{db.name}.pending-*.json"))


def kept_beside(db: Path | None = None) -> list[Path]:
    """Files the history kept beside the database (moved aside, damaged logs, parked writes):
    they hold history too, so forgetting everything removes them. ``db`` defaults to the
    user's history database."""
    db = paths.db_path() if db is None else db
    try:
        return sorted(p for p in db.parent.glob(f"{db.name}*") if p.is_file()
                      and any(mark in p.name for mark in _KEPT_MARKS))
    except OSError:
        return []


def attempts_in(path: Path) -> int | None:
    """How many attempts the history database (or backup) ``path`` holds; None when there is
    none to read."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM attempts").fetchone()[0])
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return None


def move_aside(path: Path, reason: str) -> Path:
    """Rename ``path`` (and its -wal/-shm) to ``<name>.<reason>-<UTC time>``; never deletes.

    ``reason`` is one of :data:`MOVED_ASIDE`."""
    if reason not in MOVED_ASIDE:
        raise ValueError(f"unknown reason {reason!r}")
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


_WAL_MAGIC = (0x377F0682, 0x377F0683)  # little- and big-endian checksums
_WAL_HEADER, _FRAME_HEADER = 32, 24


def _wal_checksum(data: bytes, big: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    """SQLite's write-ahead-log checksum over ``data`` (a multiple of 8 bytes)."""
    import struct

    words = struct.unpack(f"{'>' if big else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def wal_damage(wal: Path) -> str | None:
    """Why the write-ahead log ``wal`` would be thrown away by SQLite, or None when it is sound.

    SQLite silently ignores a log with a bad header, and drops every frame from the first one
    whose checksum fails; that loses data only when a committed frame follows the bad one.
    """
    import struct

    try:
        data = wal.read_bytes()
    except OSError:
        return None
    if not data:
        return None
    if len(data) < _WAL_HEADER:
        return "its header is cut short"
    magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:32])
    if magic not in _WAL_MAGIC:
        return "its header is not a SQLite log's"
    big = magic == _WAL_MAGIC[1]
    if _wal_checksum(data[:24], big) != (c1, c2):
        return "its header checksum is wrong"
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return "its page size is impossible"
    s0, s1 = c1, c2
    offset, broken = _WAL_HEADER, False
    while offset + _FRAME_HEADER + page_size <= len(data):
        head = data[offset:offset + _FRAME_HEADER]
        _page, commit, f_salt1, f_salt2, f1, f2 = struct.unpack(">6I", head)
        if (f_salt1, f_salt2) != (salt1, salt2):
            break  # frames of an earlier log generation: not part of this one
        if not broken:
            s0, s1 = _wal_checksum(head[:8], big, s0, s1)
            s0, s1 = _wal_checksum(data[offset + _FRAME_HEADER:offset + _FRAME_HEADER + page_size],
                                   big, s0, s1)
            broken = (s0, s1) != (f1, f2)
        elif commit:
            return "a committed transaction follows a damaged frame"
        offset += _FRAME_HEADER + page_size
    return None


def keep_damaged_wal(path: Path) -> tuple[Path, str] | None:
    """Before SQLite opens ``path``: a damaged write-ahead log is copied (0600) beside it as
    ``<name>-wal.damaged-<UTC time>``; (the copy, why) or None when there is nothing to keep."""
    import shutil

    wal = path.with_name(path.name + "-wal")
    try:
        if not wal.is_file():
            return None
    except OSError:
        return None
    why = wal_damage(wal)
    if why is None:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    copy = path.with_name(f"{path.name}-wal.damaged-{stamp}")
    counter = 1
    while copy.exists():
        copy = path.with_name(f"{path.name}-wal.damaged-{stamp}-{counter}")
        counter += 1
    try:
        fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, open(wal, "rb") as source:
            shutil.copyfileobj(source, out)
    except OSError:
        return None
    return copy, why


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


_SHM_DMS = 128  # SQLite's unix VFS: every connection holds a read lock on this byte of -shm


def in_use_elsewhere(path: Path | None = None) -> bool:
    """Whether another process has the database ``path`` open (write-ahead-log mode).

    Each SQLite connection holds a shared lock on one byte of the ``-shm`` file while it is
    open; a write lock on that byte is refused exactly while another process holds one. Locks
    of this process never conflict with it, so the caller must not count itself. ``path``
    defaults to the user's history database.
    """
    path = paths.db_path() if path is None else path
    try:
        import fcntl
    except ImportError:  # not POSIX: cannot tell
        return False
    shm = path.with_name(path.name + "-shm")
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return False  # no -shm file: no connection is open
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _SHM_DMS)
        return False
    finally:
        os.close(fd)


def restore_database(source: Path, target: Path | None = None) -> Path | None:
    """Replace the history with the backup ``source`` after checking it.

    The current database is folded (checkpoint) and moved aside, never deleted; returns where it
    went (None when there was none). Raises StoreError when the backup is not usable.
    """
    from interview_coach._util.atomic import atomic_path

    check_database(source)
    target = Path(target) if target is not None else paths.db_path()
    try:
        with atomic_path(target, suffix=".restore") as tmp:
            src = sqlite3.connect(Path(source).resolve().as_uri() + "?mode=ro", uri=True)
            dst = sqlite3.connect(tmp, isolation_level=None)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                # Migrate the copy before it replaces anything: a backup that cannot be brought
                # up to date leaves the current history untouched.
                migrate(dst)
            finally:
                dst.close()
                src.close()
            moved = None
            if target.exists():
                _fold_wal(target)
                moved = move_aside(target, "replaced")
    except (sqlite3.Error, OSError, MigrationError) as exc:
        raise StoreError(f"could not restore {source}: {exc}; the history was left as it "
                         "was") from exc
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
