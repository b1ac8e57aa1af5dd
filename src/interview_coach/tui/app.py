"""The Textual app and its one factory, :func:`make_app`, used by the CLI and every test."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen

from interview_coach._util import paths
from interview_coach._util.exit_codes import EXIT_OK, EXIT_PROBLEMS
from interview_coach.banks.loader import Discovery
from interview_coach.banks.models import Bank
from interview_coach.tui.coalesce import TypedRun, deliver, drain_focused
from interview_coach.tui.config import (
    SETTINGS_FILE,
    THEMES,
    AppConfig,
    Settings,
    Start,
    load_settings,
    save_settings,
)
from interview_coach.tui.history_runner import HistoryRunner
from interview_coach.tui.keymap import APP_BINDINGS
from interview_coach.tui.literal import clean, plain
from interview_coach.tui.palette import CoachCommands

if TYPE_CHECKING:
    from interview_coach.tui.live import ScorerLike

DRAIN = 0.5  # seconds to let the editor handle keys already received before saving on the way out
SHORT_DRAIN = 0.25  # the same after a signal or a lost terminal, where time is short
HARD_EXIT = 1.6  # seconds after a signal or a lost terminal: the process ends, whatever is queued


class CoachApp(App[int]):
    """interview-coach in the terminal: practise, get feedback, mock interviews, study, history."""

    CSS_PATH = "app.tcss"
    TITLE = "interview-coach"
    COMMANDS = App.COMMANDS | {CoachCommands}
    # Below 70 columns, panes that sit side by side are stacked instead (see app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]  # noqa: RUF012 (as Textual declares it)
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(self, config: AppConfig) -> None:
        super().__init__(driver_class=_driver_class() if config.handle_signals else None)
        self.config = config
        self._leaving = self._signalled = False
        self._saved_on_leaving = False
        # How answers the history could not save leave the app, once the user chose in the
        # quit dialog: "file" (a private file) or "print" (on the terminal); None: not asked.
        self.rescue_choice: str | None = None
        self._watchdog: threading.Timer | None = None
        self.history = HistoryRunner(config.history_opener, self._history_report)
        self.discovery: Discovery | None = None
        self._scorers: dict[int, ScorerLike] = {}
        from interview_coach.tui import themes

        for theme in themes.THEMES.values():
            self.register_theme(theme)
        self.ansi_theme_dark, self.ansi_theme_light = themes.ANSI_DARK, themes.ANSI_LIGHT
        self.settings: Settings = load_settings(self.settings_path)
        self.theme = self.settings.theme

    @property
    def settings_path(self) -> Path:
        """Where light/dark and the last bank are remembered."""
        return self.config.settings_path or paths.data_dir(create=False) / SETTINGS_FILE

    def remember(self, **changes: Any) -> None:
        """Change the remembered settings (``theme=``, ``last_bank=``) and write them."""
        changed = False
        for name, value in changes.items():
            if getattr(self.settings, name) != value:
                setattr(self.settings, name, value)
                changed = True
        if not changed:
            return
        try:
            save_settings(self.settings_path, self.settings)
        except OSError as exc:  # the app works the same; it just forgets next time
            self.say(f"Could not save settings to {self.settings_path}: {exc}", "warning")

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title: bank titles shown literally, controls made visible."""
        return super().format_title(clean(title), clean(sub_title))

    def on_mount(self) -> None:
        """Open the first screen; catch SIGTERM and SIGHUP when running for real."""
        from interview_coach.tui.screens.home import HomeScreen

        if self.config.handle_signals:
            self._install_signal_handlers()
        self.history.warm()
        self._apply_keymap()
        self.push_screen(HomeScreen())
        start = self.config.start
        if start.mode != "home" and start.bank is not None:
            self.open_mode(start.mode, start.bank, start)

    def _apply_keymap(self) -> None:
        from interview_coach.tui.keymap import KEYMAP_FILE, load_keymap

        path = self.config.keymap_path or paths.data_dir(create=False) / KEYMAP_FILE
        if not path.is_file():
            return  # the usual case; checking ids would import every screen at startup
        from interview_coach.tui.screens.help import binding_ids, screens_and_bindings

        defaults = {b.id: b.key for _, found in screens_and_bindings() for b in found if b.id}
        keymap, problems = load_keymap(path, binding_ids(), defaults)
        for problem in problems:
            self.say(problem, "warning", timeout=12)
        if keymap:
            self.set_keymap(keymap)

    def open_mode(self, mode: str, bank: Bank, start: Start | None = None) -> None:
        """Push the screen of a mode (practice, review, mock, study, history) for ``bank``."""
        from interview_coach.tui.modes import open_mode

        open_mode(self, mode, bank, start or Start(mode=mode, bank=bank))

    def now(self) -> datetime:
        """The current time (frozen in tests)."""
        return self.config.clock()

    def scorer(self, bank: Bank) -> ScorerLike:
        """The scorer of ``bank``, built once."""
        key = id(bank)
        if key not in self._scorers:
            self._scorers[key] = self.config.scorer_factory(bank)
        return self._scorers[key]

    def say(self, text: str, severity: SeverityLevel = "information", timeout: float = 6) -> None:
        """A notification with plain text (never markup)."""
        self.notify(clean(text), severity=severity, timeout=timeout, markup=False)

    def _history_report(self, message: str, severity: str) -> None:
        self.say(message, "error" if severity == "error" else "warning")

    def action_help(self) -> None:
        """Show every key."""
        from interview_coach.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
        self.remember(theme=self.theme)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's general commands: Textual's, less its theme picker (the app offers the
        two themes it is checked against: light/dark) and with a screenshot that says where."""
        for command in super().get_system_commands(screen):
            if command.title == "Theme":
                continue
            if command.title == "Screenshot":
                command = SystemCommand("Screenshot", "Save an SVG picture of the screen in the "
                                        "data directory (or here) and say where",
                                        self.action_screenshot)
            yield command

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG of the screen in the data directory (the current one if that fails)."""
        folders = [path] if path else []
        try:
            folders.append(str(paths.data_dir()))
        except OSError:
            pass
        folders.append(os.getcwd())
        for folder in folders:
            try:
                saved = self.save_screenshot(filename, folder)
            except OSError:
                continue
            self.say(f"Screenshot saved: {saved}")
            return
        self.say("Could not save the screenshot: no folder could be written.", "error")

    async def action_quit(self) -> None:
        """Save any draft, then leave (a screen in the middle of something asks first)."""
        from interview_coach.tui.screens.unsaved import WRITE, UnsavedQuitModal

        if isinstance(self.screen, UnsavedQuitModal):  # ctrl+q again: quit, writing them there
            self.screen.action_choose(WRITE)
            return
        ask = getattr(self.screen, "ask_quit", None)
        if ask is not None and getattr(self.screen, "asks_before_quitting", False):
            ask()
            return
        await self.request_quit()

    async def request_quit(self) -> None:
        """Leave at the user's request: the drafts are saved first; when answers of this run
        could not be saved (a read-only or full disk), a dialog says so and where they will go,
        and the app leaves only once the user chose (then with a non-zero status)."""
        from interview_coach.history.rescue import first_place
        from interview_coach.tui.screens.unsaved import UnsavedQuitModal

        await drain_focused(self, DRAIN)
        await self._save_drafts()
        at_risk = await self.history.answers_at_risk()
        if not at_risk or self.leaving:
            await self.save_and_exit(0.0)
            return
        if not isinstance(self.screen, UnsavedQuitModal):
            self.push_screen(UnsavedQuitModal(at_risk, first_place()), self._unsaved_chosen)

    def _unsaved_chosen(self, choice: str | None) -> None:
        if choice is None:
            return  # back to the app; nothing is lost
        self.rescue_choice = choice
        self.run_worker(self.save_and_exit(0.0, return_code=EXIT_PROBLEMS), group="quit")

    async def _save_drafts(self) -> None:
        for screen in self.screen_stack:
            save = getattr(screen, "save_draft_now", None)
            if save is not None:
                await save()

    async def save_and_exit(self, drain: float = DRAIN, return_code: int = EXIT_OK) -> None:
        """Let the editor handle the keys already received, save the drafts of open screens,
        then exit (with EXIT_OK unless told)."""
        await drain_focused(self, drain)
        await self._save_drafts()
        self._saved_on_leaving = True
        self.exit(return_code, return_code=return_code)

    async def on_typed_run(self, run: TypedRun) -> None:
        """Characters that arrived together: one edit in the answer editor."""
        await deliver(self, run)

    def _install_signal_handlers(self) -> None:
        # A plain handler, not the loop's: it runs even while the loop is blocked or flooded,
        # and starts the hard-exit clock before asking the loop to save.
        loop = asyncio.get_running_loop()

        def handler(signum: int, frame: object) -> None:
            self._signalled = True  # the input thread stops feeding keys
            self._start_watchdog()
            loop.call_soon_threadsafe(self._leave_now)

        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, handler)

    @property
    def leaving(self) -> bool:
        """Whether the app is ending because of a signal or a lost terminal."""
        return self._leaving or self._signalled

    def terminal_lost(self, why: str) -> None:
        """The terminal went away (end of input, EIO, the parent gone): save and leave."""
        self._leave_now()

    def _leave_now(self) -> None:
        # Runs in the event loop, not behind queued messages: save now, and make sure the
        # process ends within HARD_EXIT seconds even if the queue never drains.
        if self._leaving:
            return
        self._leaving = True
        self._start_watchdog()
        asyncio.get_running_loop().create_task(self.save_and_exit(SHORT_DRAIN))

    def _start_watchdog(self) -> None:
        if self._watchdog is None:
            self._watchdog = threading.Timer(HARD_EXIT, self._hard_exit)
            self._watchdog.daemon = True
            self._watchdog.start()

    def _hard_exit(self) -> None:
        # A timer thread: the event loop is stuck behind queued work. Restore the terminal
        # (in a thread of its own, in case writing blocks) and end the process.
        restore = getattr(self._driver, "restore_now", None)
        if restore is not None:
            helper = threading.Thread(target=restore, daemon=True)
            helper.start()
            helper.join(0.3)
        os._exit(EXIT_OK if self._saved_on_leaving else EXIT_PROBLEMS)

    def _fatal_error(self) -> None:
        # Textual prints a traceback with local variables, which would put answers on the
        # terminal; outside tests and --debug, one line instead.
        if self.config.debug or not self.config.short_errors:
            super()._fatal_error()
            return
        error = sys.exc_info()[1]
        self.bell()
        self._exit_renderables.append(plain(
            f"interview-coach: internal error: {type(error).__name__}: {error}\n"
            "Drafts are saved as you type. Run with --debug for details."))
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        """Close the history (flushing it) when the app ends."""
        self.history.close()


def _driver_class() -> Any:
    """The driver that notices a lost terminal (POSIX only: it needs termios)."""
    if sys.platform == "win32":
        return None
    from interview_coach.tui.terminal import driver_class

    return driver_class()


def make_app(config: AppConfig | None = None, **overrides: Any) -> CoachApp:
    """Build the app: ``make_app(AppConfig(...))`` or ``make_app(paths=[...], seed=1, ...)``."""
    config = config or AppConfig()
    for name, value in overrides.items():
        if not hasattr(config, name):
            raise TypeError(f"make_app: unknown option {name!r}")
        setattr(config, name, value)
    return CoachApp(config)
