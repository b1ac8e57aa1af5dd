"""The hostile answers and banks of tests/data/hostile/, and the big answers made in code."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "hostile"
ANSWERS_DIR = DATA / "answers"
BANKS_DIR = DATA / "banks"
TARGET_BANK = DATA / "target_bank.yaml"
DEFAULT_QUESTION = "upset-caller"


@dataclass(frozen=True)
class HostileAnswer:
    """One hostile answer: its name, text and what must hold for it."""

    name: str
    text: str
    question: str = DEFAULT_QUESTION
    probe: str | None = None  # on screen, exactly, after the display sanitiser
    zero: bool = False
    max_score: int | None = None
    covers: tuple[str, ...] = ()
    not_covered: tuple[str, ...] = ()
    negated: tuple[str, ...] = ()
    generated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _from_entry(entry: dict[str, Any]) -> HostileAnswer:
    path = ANSWERS_DIR / entry["file"]
    return HostileAnswer(
        name=path.stem, text=path.read_bytes().decode("utf-8"),
        question=entry.get("question", DEFAULT_QUESTION), probe=entry.get("probe"),
        zero=bool(entry.get("zero")), max_score=entry.get("max_score"),
        covers=tuple(entry.get("covers", ())), not_covered=tuple(entry.get("not_covered", ())),
        negated=tuple(entry.get("negated", ())),
    )


@cache
def file_answers() -> tuple[HostileAnswer, ...]:
    """The answers kept as files, in the order of their index."""
    index = yaml.safe_load((ANSWERS_DIR / "index.yaml").read_text("utf-8"))
    return tuple(_from_entry(e) for e in index["answers"])


def long_word(size: int = 100_000) -> str:
    """One word of ``size`` letters (no space anywhere)."""
    return ("listening" * (size // 9 + 1))[:size]


def short_lines(count: int = 20_000) -> str:
    """``count`` short lines, some of them with a keyword."""
    return "\n".join(f"line {i}" if i % 7 else f"I listened {i}" for i in range(count))


def paste_1mb() -> str:
    """About 1 MB of pasted prose with markup, escapes and non-ASCII text mixed in."""
    paragraph = ("When the caller raised her voice I stayed calm and listened, then asked "
                 "questions to understand what she needed [bold]really[/] \x1b[31mneeded\x1b[0m "
                 "\u2014 self\u2011care matters too, caf\u00e9 \u6211 \U0001f642.\n")
    return paragraph * (1_000_000 // len(paragraph.encode("utf-8")) + 1)


@cache
def generated_answers() -> tuple[HostileAnswer, ...]:
    """The answers too big to keep as files."""
    return (
        HostileAnswer("word_100k", long_word(), probe="listeninglistening", generated=True),
        HostileAnswer("lines_20k", short_lines(), probe="I listened 0", generated=True),
        HostileAnswer("paste_1mb", paste_1mb(), probe="When the caller raised", generated=True),
    )


def all_answers() -> tuple[HostileAnswer, ...]:
    """Every hostile answer: the files, then the generated ones."""
    return file_answers() + generated_answers()


# Lone surrogates cannot be stored in a UTF-8 file; the tests use these strings in code.
SURROGATES = ("\ud800", "I listened \udfff and stayed calm", "\udc80\udcff" * 50, "a\ud83d")


@cache
def bank_index() -> tuple[dict[str, Any], ...]:
    """The entries of banks/index.yaml."""
    return tuple(yaml.safe_load((BANKS_DIR / "index.yaml").read_text("utf-8"))["banks"])


def tui_banks() -> list[Path]:
    """The valid banks whose text attacks the screens."""
    return [BANKS_DIR / e["file"] for e in bank_index() if e.get("tui")]


def answer_id(answer: HostileAnswer) -> str:
    """A test id."""
    return answer.name
