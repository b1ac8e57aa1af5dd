"""The app's own error types: one base class, one subclass per area."""

from __future__ import annotations

from dataclasses import dataclass

from interview_coach._util.safetext import printable


class InterviewCoachError(Exception):
    """Base class of every error the app raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a file: where it is and what is wrong."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def format(self) -> str:
        """Render as ``file:line:col: message`` (with the key path when known)."""
        where = f" ({self.path})" if self.path else ""
        if self.line == 0:  # not about a place in a file (an unknown bank id)
            return printable(f"{self.file}: {self.message}{where}")
        return printable(f"{self.file}:{self.line}:{self.column}: {self.message}{where}")


class BankError(InterviewCoachError):
    """A bank could not be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0].format() if problems else "invalid bank"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)


class ScoringError(InterviewCoachError):
    """An answer could not be scored (unknown question, bad input)."""


class StoreError(InterviewCoachError):
    """The history store could not read or write."""


class ImportFormatError(InterviewCoachError):
    """A file given to ``import`` or ``grade`` could not be read."""


class UsageError(InterviewCoachError):
    """The command line asked for something that cannot be done."""
