"""Where the app keeps its data: one small module that tests point at a temporary folder.

Precedence: a CLI flag (``--home``, applied through :func:`set_home_override`), then the
``INTERVIEW_COACH_HOME`` environment variable, then the platform's user data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "INTERVIEW_COACH_HOME"
APP_NAME = "interview-coach"

_home_override: Path | None = None


def set_home_override(path: Path | None) -> None:
    """Use ``path`` as the data directory for this process (the ``--home`` flag)."""
    global _home_override
    _home_override = path


def data_dir(create: bool = True) -> Path:
    """The data directory, created private (0700) when ``create`` is true."""
    if _home_override is not None:
        home = _home_override
    elif os.environ.get(ENV_HOME):
        home = Path(os.environ[ENV_HOME]).expanduser()
    else:
        import platformdirs

        home = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if create:
        ensure_private_dir(home)
    return home


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass  # not ours to change (a shared mount); the files inside are still 0600
    return path


def user_banks_dir(create: bool = False) -> Path:
    """The user's own bank folder inside the data directory."""
    path = data_dir(create=create) / "banks"
    if create:
        ensure_private_dir(path)
    return path


def db_path() -> Path:
    """The SQLite history database."""
    return data_dir() / "history.db"


def builtin_banks_dir() -> Path:
    """The built-in banks: inside the installed package, or the source tree's folder."""
    packaged = Path(__file__).resolve().parents[1] / "question_banks"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "question_banks"
