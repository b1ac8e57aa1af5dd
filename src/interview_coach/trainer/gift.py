"""Moodle GIFT: reading essay and short-answer questions, and writing a bank as GIFT text.

What is read (everything else is reported as skipped, with its file and line):

* ``$CATEGORY: path/to/category``: the questions after it take the last part of the path as
  their category (a path of one part, e.g. ``$CATEGORY: my_bank``, names the whole set and gives
  no category; Moodle's own ``$course$``/``$system$``/``top`` prefixes are ignored).
* ``::title::`` is the question's id (made into a slug; the prompt gives one when it is missing).
* An essay question ``prompt{}`` or ``prompt{####general feedback}``: the general feedback is
  the model answer.
* A short-answer question ``prompt{=answer =other answer#feedback ####general feedback}``: the
  model answer is the general feedback, else the best-weighted accepted answer; the accepted
  answers become the question's own ``keywords``.
* Comment lines just before a question: ``// [tag:theme_id]`` (Moodle's question tags) give its
  themes, and ``// interview-coach: {...}`` (JSON, ignored by Moodle) carries the fields GIFT has
  no place for (tips, follow-ups, difficulty, time limit, keywords), so a bank survives the trip.
* Escapes: ``\\~ \\= \\# \\{ \\} \\: \\\\`` stand for the character itself and ``\\n`` for a new line;
  ``[html]`` text has its tags removed and entities decoded; ``[plain]``, ``[moodle]`` and
  ``[markdown]`` are dropped.

Nothing here prints or imports Textual: :func:`parse_gift` returns an importer ``ParseResult``.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from interview_coach.banks.models import Bank, Question
from interview_coach.trainer.parsed import ImportedPair, ParseResult, Skipped

SPECIAL = "~=#{}:"
_UNESCAPE = {**{c: c for c in SPECIAL}, "\\": "\\", "n": "\n"}
_FORMATS = ("html", "moodle", "plain", "markdown")
_META = "interview-coach:"
_TAG = re.compile(r"\[tag:([^\]]+)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d*)?)%")
_CATEGORY_ROOTS = ("$course$", "$system$", "$module$", "$cat$", "top")
_META_LISTS = ("tips", "follow_ups", "keywords")
_META_INTS = ("difficulty", "time_limit")
MAX_CATEGORY = 40


# --------------------------------------------------------------------------- escapes


def escape(text: str) -> str:
    """``text`` as GIFT text: ``\\`` and ``~ = # { } :`` escaped, new lines as ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def unescape(text: str) -> str:
    """GIFT text with its escapes resolved (a backslash before any other character stays)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in _UNESCAPE:
            out.append(_UNESCAPE[text[i + 1]])
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _find(text: str, target: str, start: int = 0) -> int:
    """The index of the first unescaped ``target`` at or after ``start``, or -1."""
    i = start
    while i <= len(text) - len(target):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(target, i):
            return i
        i += 1
    return -1


def _rfind(text: str, target: str) -> int:
    """The index of the last unescaped ``target``, or -1."""
    found, i = -1, _find(text, target)
    while i != -1:
        found = i
        i = _find(text, target, i + 1)
    return found


def _split(text: str, separators: str) -> list[str]:
    """``text`` cut before each unescaped separator character (each piece keeps its separator)."""
    pieces: list[str] = []
    start = i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in separators and i > start:
            pieces.append(text[start:i])
            start = i
        i += 1
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def _text(raw: str) -> str:
    """A field of GIFT text as plain text: format marker dropped, escapes resolved, trimmed."""
    raw = raw.strip()
    fmt = ""
    match = re.match(r"\[([a-z]+)\]", raw)
    if match and match.group(1) in _FORMATS:
        fmt = match.group(1)
        raw = raw[match.end():]
    text = unescape(raw)
    if fmt == "html":
        text = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</li\s*>", "\n", text)
        text = html.unescape(re.sub(r"<[^>]*>", "", text))
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.split("\n")))
    return text.strip()


# --------------------------------------------------------------------------- reading


def looks_like_gift(text: str) -> bool:
    """Whether plain text is probably GIFT (for ``--layout auto`` on a ``.txt`` file)."""
    return bool(re.search(r"^\s*(?:\$CATEGORY:|::[^:\n]+::)", text, re.MULTILINE)
                or re.search(r"\{\s*####", text))


def _blocks(lines: list[str]) -> list[tuple[int, list[tuple[int, str]]]]:
    """Runs of lines between blank lines: (first line number, [(number, line), ...])."""
    blocks: list[tuple[int, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append((current[0][0], current))
            current = []
    if current:
        blocks.append((current[0][0], current))
    return blocks


def _category(path: str) -> str | None:
    """The category a ``$CATEGORY:`` path gives: its last part, when it has two or more."""
    parts = [p.replace("\x00", "/").strip()
             for p in path.replace("//", "\x00").split("/")]
    parts = [p for p in parts if p]
    while parts and parts[0].lower() in _CATEGORY_ROOTS:
        parts.pop(0)
    if len(parts) < 2:
        return None
    return parts[-1][:MAX_CATEGORY].strip() or None


def _slug(title: str) -> str | None:
    """A question id from a title: kept when it is one already, else made into one."""
    slug = re.sub(r"[^a-z0-9_-]+", "_", title.strip().lower()).strip("_-")[:80].strip("_-")
    return slug or None


class _Reader:
    """One file's GIFT text turned into importer pairs."""

    def __init__(self, source: str) -> None:
        self.result = ParseResult(source, "gift")
        self.category: str | None = None

    def skip(self, start: int, end: int, why: str) -> None:
        self.result.skipped.append(Skipped(self.result.source, start, end, why))

    def block(self, numbered: list[tuple[int, str]]) -> None:
        comments = [line.strip()[2:].strip() for _, line in numbered
                    if line.strip().startswith("//")]
        body = [(n, line) for n, line in numbered if not line.strip().startswith("//")]
        if not body:
            return
        start, end = body[0][0], numbered[-1][0]
        first = body[0][1].strip()
        if first.startswith("$CATEGORY:"):
            self.category = _category(unescape(first[len("$CATEGORY:"):].strip()))
            body = body[1:]
            if not body:
                return
            start = body[0][0]
        text = "\n".join(line for _, line in body).strip()
        self.question(text, comments, start, end)

    def question(self, text: str, comments: list[str], start: int, end: int) -> None:
        title: str | None = None
        if text.startswith("::"):
            close = _find(text, "::", 2)
            if close == -1:
                self.skip(start, end, "a question title '::' without its closing '::'")
                return
            title = _text(text[2:close])
            text = text[close + 2:].strip()
        open_at = _find(text, "{")
        close_at = _find(text, "}", open_at + 1) if open_at != -1 else _find(text, "}")
        if open_at == -1 and close_at == -1:
            self.skip(start, end, "a description (no answer braces): not a question to practise")
            return
        if open_at == -1 or close_at == -1:
            self.skip(start, end, "an answer '{' without its '}' (or a '}' without '{'); escape "
                                  "a literal brace as \\{ or \\}")
            return
        answers = text[open_at + 1:close_at].strip()
        after = text[close_at + 1:].strip()
        prompt = _text(text[:open_at] + (" _____ " + after if after else ""))
        feedback = ""
        separator = _rfind(answers, "####")
        if separator != -1:
            feedback = _text(answers[separator + 4:])
            answers = answers[:separator].strip()
        kind, accepted = _kind(answers)
        if kind not in ("essay", "short answer"):
            article = "an" if kind[0] in "aeiou" else "a"
            self.skip(start, end, f"{article} {kind} question: only essay and short-answer "
                                  "questions are read")
            return
        if not prompt:
            self.skip(start, end, "a question without a prompt")
            return
        pair = ImportedPair(prompt, feedback or (accepted[0] if accepted else ""), start,
                            self.result.source, category=self.category,
                            question_id=_slug(title) if title else None)
        if kind == "short answer":
            pair.extra["keywords"] = accepted
        self.annotate(pair, comments, start)
        self.result.pairs.append(pair)

    def annotate(self, pair: ImportedPair, comments: list[str], line: int) -> None:
        """Themes from ``[tag:...]`` comments and fields from an ``interview-coach:`` comment."""
        for comment in comments:
            pair.themes += [t.strip() for t in _TAG.findall(comment) if t.strip()]
            if not comment.startswith(_META):
                continue
            try:
                meta = json.loads(comment[len(_META):])
            except ValueError:
                self.skip(line, line, "an interview-coach comment that is not valid JSON")
                continue
            if not isinstance(meta, dict):
                self.skip(line, line, "an interview-coach comment that is not a JSON object")
                continue
            self.meta(pair, meta, line)

    def meta(self, pair: ImportedPair, meta: dict[str, Any], line: int) -> None:
        for key, value in meta.items():
            if key in _META_LISTS and isinstance(value, list) and all(
                    isinstance(v, str) and v.strip() for v in value):
                if key == "tips":
                    pair.tips = list(value)
                else:
                    pair.extra[key] = list(value)
            elif key in _META_INTS and isinstance(value, int) and not isinstance(value, bool):
                pair.extra[key] = value
            else:
                self.skip(line, line, f"interview-coach comment: {key!r} was not understood")


def _kind(answers: str) -> tuple[str, list[str]]:
    """The question type of an answer section (as Moodle decides it) and its accepted answers."""
    if not answers:
        return "essay", []
    if answers.startswith("#"):
        return "numerical", []
    if _find(answers, "~") != -1:
        return "multiple-choice", []
    if _find(answers, "=") != -1 and _find(answers, "->") != -1:
        return "matching", []
    bare = answers[:_find(answers, "#")] if _find(answers, "#") > 0 else answers
    if bare.strip() in ("T", "TRUE", "F", "FALSE"):
        return "true-false", []
    weighted: list[tuple[float, int, str]] = []
    for index, piece in enumerate(_split(answers, "=")):
        piece = piece.strip().removeprefix("=").strip()
        weight = 100.0
        match = _WEIGHT.match(piece)
        if match:
            weight = float(match.group(1))
            piece = piece[match.end():]
        hash_at = _find(piece, "#")
        answer = _text(piece[:hash_at] if hash_at != -1 else piece)
        if answer and weight > 0:
            weighted.append((-weight, index, answer))
    accepted = [a for _, _, a in sorted(weighted)]
    return ("short answer", list(dict.fromkeys(accepted))) if accepted else ("empty short-answer", [])


def parse_gift(text: str, source: str = "<gift>") -> ParseResult:
    """Essay and short-answer questions found in GIFT text; every other block is reported."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    reader = _Reader(source)
    for _start, numbered in _blocks(text.split("\n")):
        reader.block(numbered)
    return reader.result


# --------------------------------------------------------------------------- writing


def _meta_of(question: Question) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key in ("tips", "follow_ups", "keywords"):
        if getattr(question, key):
            meta[key] = list(getattr(question, key))
    for key in ("difficulty", "time_limit"):
        if getattr(question, key) is not None:
            meta[key] = getattr(question, key)
    return meta


def _field(text: str) -> str:
    """Question text for GIFT: escaped, with a format marker when it starts with a bracket."""
    text = escape(text.strip())
    return "[moodle]" + text if text.startswith("[") else text


def to_gift(bank: Bank) -> str:
    """The bank as GIFT essay questions, the model answer as general feedback (``####``).

    Questions keep the bank's order, under ``$CATEGORY: bank_id/category`` lines; themes are written as
    ``// [tag:theme]`` comments, and tips, follow-ups, difficulty, time limit and keywords as an
    ``// interview-coach: {...}`` comment, so ``import`` gives the same questions back.
    """
    out = [f"// {escape(bank.title)}: exported by interview-coach from the bank {bank.id}.",
           "// Essay questions; each model answer is the question's general feedback.", ""]
    current: object = ()  # no category line written yet
    for question in bank.questions:  # in bank order: a category line wherever it changes
        if question.category != current:
            current = category = question.category
            path = bank.id if category is None else f"{bank.id}/{category.replace('/', '//')}"
            out += [f"$CATEGORY: {path}", ""]
        if question.themes:
            out.append("// " + " ".join(f"[tag:{t}]" for t in question.themes))
        meta = _meta_of(question)
        if meta:
            out.append(f"// {_META} " + json.dumps(meta, ensure_ascii=False))
        answer = question.model_answer.strip()
        general = f"####{_field(answer)}" if answer else ""
        out += [f"::{escape(question.id)}::{_field(question.prompt)}{{{general}}}", ""]
    return "\n".join(out)
