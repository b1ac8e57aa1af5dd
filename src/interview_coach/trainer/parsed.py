"""What an importer found in one file: question-and-answer pairs and the text it skipped."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportedPair:
    """A question with its answer, as found in a file."""

    question: str
    answer: str
    line: int
    source: str = ""
    themes: list[str] = field(default_factory=list)
    category: str | None = None
    question_id: str | None = None
    tips: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    difficulty: int | None = None
    extra: dict[str, object] = field(default_factory=dict)  # more bank fields (GIFT metadata)


@dataclass(frozen=True)
class Skipped:
    """A stretch of text that was not part of any question or answer."""

    source: str
    start: int
    end: int
    preview: str

    def format(self) -> str:
        """``file:start-end: skipped text: 'preview…'``."""
        span = f"{self.start}" if self.start == self.end else f"{self.start}-{self.end}"
        return f"{self.source}:{span}: skipped text: {self.preview!r}"


@dataclass
class ParseResult:
    """What one file gave: its layout, the pairs found and the text skipped."""

    source: str
    layout: str
    pairs: list[ImportedPair] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    title: str | None = None
