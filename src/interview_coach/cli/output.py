"""What every command shares on its way out: exit codes, stderr messages, the progress bar."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

# The exit codes live in _util (the TUI needs them too); the commands take them from here.
from interview_coach._util.exit_codes import EXIT_INTERRUPTED as EXIT_INTERRUPTED
from interview_coach._util.exit_codes import EXIT_OK as EXIT_OK
from interview_coach._util.exit_codes import EXIT_PROBLEMS as EXIT_PROBLEMS
from interview_coach._util.exit_codes import EXIT_USAGE as EXIT_USAGE
from interview_coach._util.safetext import printable

Advance = Callable[..., None]


def err(message: str) -> None:
    """One line on stderr, terminal controls made visible."""
    print(printable(message), file=sys.stderr)


class progress:
    """A progress bar on stderr while the block runs, when stderr is a terminal.

    ``with progress(total, "grading") as advance: ... advance()`` (or ``advance(n)``). With no
    terminal, or fewer than ``minimum`` steps, nothing is shown and ``advance`` does nothing.
    """

    def __init__(self, total: int, label: str, minimum: int = 2) -> None:
        self.total, self.label, self.minimum = total, label, minimum
        self._bar: Any = None

    def __enter__(self) -> Advance:
        if not sys.stderr.isatty() or self.total < self.minimum:
            return _nothing
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(console=Console(stderr=True), transient=True)
        self._bar.start()
        task = self._bar.add_task(self.label, total=self.total)
        return lambda n=1: self._bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _nothing(n: int = 1) -> None:
    """Advance a bar that is not shown."""
