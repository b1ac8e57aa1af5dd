"""The labels real question-and-answer pages use, for :mod:`interview_coach.trainer.importers`.

Pages mark the parts of each question in many ways: an answer label alone on its line
("Sample answer", "Example answer", "Answer") with the answer below it; an inline
``Example: "..."`` after coaching ("How to Answer: ..."); per-question notes on what the
interviewer is after ("Purpose:", "What they want to know:", "Why they ask:"); follow-up
questions ("Follow-up: ...", or "Follow-up questions:" above a list). This module holds those
labels as data, and the small readers built on them. Coaching and notes become the question's
tips, never its model answer.
"""

from __future__ import annotations

import re

_MARK = r"(?:#{1,6}\s*)?(?:[-*•]\s+)?(?:\*\*|__)?\s*"
_END = r"\s*(?:\*\*|__)?"

ANSWER_WORDS = ("answer", "response", "reply")
ANSWER_ADJECTIVES = ("example", "sample", "model", "suggested", "good", "possible", "strong", "ideal", "best")
# Notes about the question itself: kept as tips, never read as the answer.
COACHING_LABELS = (
    "purpose", "what they want to know", "what they(?:'| a)re looking for", "what (?:the )?interviewers? "
    "(?:wants?|(?:is|are) looking for)(?: to know)?", "why (?:they|interviewers?) ask(?: this)?",
    "why (?:it|this) works", "how to answer(?: it)?", "how to respond", "tips?", "advice", "coaching",
    "what to avoid", "mistakes to avoid", "avoid", "key points?", "note", "the aim", "intent",
    "what to (?:say|include|mention)",
)

_ADJ = "|".join(ANSWER_ADJECTIVES)
_WORDS = "|".join(ANSWER_WORDS)
ANSWER_ALONE = re.compile(
    rf"^\s*{_MARK}(?:answer|(?:{_ADJ})\s+(?:{_WORDS})|(?:{_ADJ})\s+(?:{_WORDS})\s+\d+){_END}"
    rf"\s*[:.\-–]?{_END}\s*$",
    re.IGNORECASE,
)
EXAMPLE_INLINE = re.compile(rf"^\s*{_MARK}example{_END}\s*:{_END}\s*(\S.*)$", re.IGNORECASE)
COACHING = re.compile(
    rf"^\s*{_MARK}(?:{'|'.join(COACHING_LABELS)}){_END}\s*[:?\-–]{_END}(?:\s|$)", re.IGNORECASE
)
COACHING_ALONE = re.compile(
    rf"^\s*{_MARK}(?:{'|'.join(COACHING_LABELS)}){_END}\s*[:?]?{_END}\s*$", re.IGNORECASE
)
FOLLOW_UP = re.compile(
    rf"^\s*{_MARK}follow[- ]?ups?(?:\s+questions?)?{_END}\s*[:.\-–]?{_END}\s*(.*)$", re.IGNORECASE
)
_BULLET_MARK = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s+")
_BOLD_LINE = re.compile(r"^\s*(?:[-*•]\s+)?(\*\*|__)(?P<text>[^*_].*?)(\*\*|__)\s*[:.]?\s*$")
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")
_QUOTES = "\"'“”‘’«»„"

Lines = list[tuple[int, str]]


def is_label(line: str) -> bool:
    """A line that labels a part of a question (answer, coaching, follow-up), not a question."""
    return bool(
        ANSWER_ALONE.match(line) or EXAMPLE_INLINE.match(line) or COACHING.match(line)
        or COACHING_ALONE.match(line) or FOLLOW_UP.match(line)
    )


def is_coaching(text: str) -> bool:
    """A paragraph that coaches ("How to answer: ...", "Purpose: ...") rather than answers."""
    return bool(COACHING.match(text) or COACHING_ALONE.match(text))


def answer_label(line: str) -> str | None:
    """The inline answer after an ``Example: "..."`` label, '' for an answer label alone, else None."""
    if ANSWER_ALONE.match(line):
        return ""
    inline = EXAMPLE_INLINE.match(line)
    return inline.group(1) if inline else None


def strip_marks(line: str) -> str:
    """A line without its bullet, heading marks or surrounding bold."""
    text = _HEADING_MARK.sub("", _BULLET_MARK.sub("", line)).strip()
    bold = _BOLD_LINE.match(text)
    return bold.group("text").strip() if bold else text.replace("**", "").replace("__", "").strip()


def bold_text(line: str) -> str | None:
    """The text of a line that is bold as a whole (``**Why this job?**``), else None."""
    match = _BOLD_LINE.match(line)
    return match.group("text").strip() if match else None


def answer_label_ahead(lines: list[str], i: int, window: int = 6) -> bool:
    """Whether an answer label follows line ``i`` closely (before any other question-like line)."""
    for line in lines[i + 1 : i + 1 + window]:
        if answer_label(line) is not None:
            return True
        if line.strip() and not is_coaching(line) and line.rstrip().endswith("?"):
            return False
    return False


def split_follow_ups(body: Lines) -> tuple[list[str], Lines, Lines]:
    """Follow-up questions out of a question's body: (follow-ups, body left, text dropped).

    A "Follow-up: <question>" line gives one; a "Follow-up questions:" line alone gives the list
    lines (or lines ending in '?') below it. Everything from the first follow-up label to the end
    of the body belongs to the follow-ups: the lines that are not follow-ups are dropped (an
    answer written under a follow-up is not part of the model answer).
    """
    start = next((k for k, (_, line) in enumerate(body) if FOLLOW_UP.match(line)), None)
    if start is None:
        return [], body, []
    found: list[str] = []
    dropped: Lines = []
    for number, line in body[start:]:
        match = FOLLOW_UP.match(line)
        text = match.group(1) if match else line
        text = _clean(strip_marks(text)) if text.strip() else ""
        is_item = bool(match) or bool(_BULLET_MARK.match(line)) or text.endswith("?")
        if text and is_item:
            found.append(text)
        elif line.strip() and not match:
            dropped.append((number, line))
    return found, body[:start], dropped


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("**", "").replace("__", "")).strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


def title_line(lines: list[str], first_question: int) -> str | None:
    """The page's title: its first Markdown heading, else a short first line above the questions."""
    for line in lines:
        heading = _HEADING_MARK.match(line)
        if heading and not FOLLOW_UP.match(line):
            text = _clean(strip_marks(line))
            if text and not text.endswith("?"):
                return text
            break
    for line in lines[: max(first_question - 1, 0)]:
        text = _clean(strip_marks(line))
        if not text:
            continue
        if len(text) <= 90 and not text.endswith((".", "?", ":", ",")) and not is_label(line):
            return text
        return None
    return None
