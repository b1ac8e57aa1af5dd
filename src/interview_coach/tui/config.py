"""What the app is built from: where banks come from, the scorer, the history, the clock.

Textual-free, so the CLI can fill it in before deciding to import the TUI.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from interview_coach._util.atomic import atomic_write_text
from interview_coach.banks.loader import BankEntry, Discovery, check_bank, discover_banks
from interview_coach.banks.models import Bank
from interview_coach.history.memory import History, open_history

if TYPE_CHECKING:
    from interview_coach.tui.live import ScorerFactory, ScorerLike


def real_scorer(bank: Bank) -> ScorerLike:
    """The core scorer (imported only when a question is first scored, so startup stays quick)."""
    from interview_coach.tui.live import default_scorer_factory

    return default_scorer_factory(bank)


SETTINGS_FILE = "settings.json"
THEMES = ("coach-dark", "coach-light")  # the app's two themes (tui/themes.py), dark first


@dataclass
class Settings:
    """What the app remembers between runs: light or dark, and the bank last used."""

    theme: str = THEMES[0]
    last_bank: str | None = None  # a bank id


def load_settings(path: Path) -> Settings:
    """The settings in ``path``; defaults for anything missing, unreadable or of the wrong kind.

    A broken settings file never stops the app: it is read tolerantly and rewritten on the next
    change.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    settings = Settings()
    if data.get("theme") in THEMES:
        settings.theme = data["theme"]
    if isinstance(data.get("last_bank"), str):
        settings.last_bank = data["last_bank"]
    return settings


def save_settings(path: Path, settings: Settings) -> None:
    """Write ``settings`` to ``path`` atomically (raises OSError when it cannot)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(asdict(settings), indent=2) + "\n")


@dataclass(frozen=True)
class Start:
    """Where the app opens: home, or straight into a mode for one bank."""

    mode: str = "home"  # home, practice, mock or study
    bank: Bank | None = None
    question_id: str | None = None
    order: str = "in-order"  # in-order, shuffled or theme
    theme: str | None = None
    count: int = 5


@dataclass
class AppConfig:
    """Everything :func:`interview_coach.tui.app.make_app` needs; tests replace any part."""

    paths: list[Path] = field(default_factory=list)
    include_builtin: bool = True
    start: Start = field(default_factory=Start)
    scorer_factory: ScorerFactory = real_scorer
    history_opener: Callable[[], tuple[History, list[str]]] = open_history
    clock: Callable[[], datetime] = datetime.now
    seed: int | None = None
    handle_signals: bool = False
    live_cap: int | None = None  # None: the scorer's own limit
    frozen: bool = False  # tests: no blinking cursor, no ticking timers
    keymap_path: Path | None = None  # None: keymap.yaml in the data directory
    settings_path: Path | None = None  # None: settings.json in the data directory
    short_errors: bool = False  # the CLI: if the app fails, one line instead of a traceback
    debug: bool = False  # ... unless --debug asks for the traceback

    def rng(self) -> random.Random:
        """A random source (seeded in tests so shuffles are repeatable)."""
        return random.Random(self.seed)

    def discover(self) -> Discovery:
        """The banks to offer, with the problems of those that failed to load."""
        if self.include_builtin:
            return discover_banks(self.paths)
        found = Discovery()
        for path in self.paths:
            bank, problems = check_bank(path)
            if bank is not None:
                found.banks.append(BankEntry(bank, path, "command line"))
            found.problems.extend(problems)
        return found
