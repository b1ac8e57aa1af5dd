"""Contexts of anti-cues and red flags: words one of which must be said near a phrase for it
to count.

A general act is a stance against a theme only with what makes it unsafe near it: "I'd keep it
to myself" is discretion about a holiday and a risk kept secret about a plan to overdose; "I
wouldn't pass it on" is a safe habit about gossip and an unsafe one about a child at risk. A
bank writes the act once as the phrase and what makes it unsafe as its ``context``, in the
phrase syntax ({a|b} alternatives, several words in order; a word ending in ``*`` matches every
word it starts: "suicid*"). Other words match as written (after normalising): "cuts" is not
"cut" in "cut down", so a context lists the forms it means ("jump*", "wants to die").
"Near" is the phrase's own sentence, the three before it or the one after: an answer often names
the risk in one sentence and what the speaker did with it in the next.
"""

from __future__ import annotations

from collections.abc import Sequence

from interview_coach.scoring import textnorm

# How many sentences before a phrase's own its context may be said in (one after).
CONTEXT_BEFORE = 3

# A guard against a context whose groups multiply out of hand: the first readings are kept.
MAX_CONTEXT_READINGS = 4096

# One word of a context: the word, or a prefix (written with a trailing "*").
ContextWord = tuple[str, bool]
# A context: its readings, each a sequence of words said in order.
Context = tuple[tuple[ContextWord, ...], ...]


_COMPILED: dict[str, Context] = {}


def compile_context(text: str) -> Context:
    """The readings of a context written in the phrase syntax (compiled once per text)."""
    found = _COMPILED.get(text)
    if found is None:
        found = _COMPILED[text] = _compile(text)
    return found


def readings(text: str) -> list[str]:
    """Every reading of ``text``: a group's alternatives are read one at a time, and a group
    inside an alternative only with it ("{suicid*|hurt {himself|herself}}" has three readings,
    not the product of its groups)."""
    out, _end = _sequence(text, 0)
    return [" ".join(reading.split()) for reading in out]


def _sequence(text: str, i: int) -> tuple[list[str], int]:
    """The readings of text from ``i`` up to an unmatched "|" or "}" (and where it stopped)."""
    out = [""]
    start = i
    while i < len(text) and text[i] not in "|}":
        if text[i] == "{":
            choices: list[str] = []
            i += 1
            while True:
                found, i = _sequence(text, i)
                choices.extend(found)
                if i >= len(text) or text[i] == "}":
                    i += 1
                    break
                i += 1  # past "|"
            out = [head + choice for head in out for choice in choices][:MAX_CONTEXT_READINGS]
            start = i
            continue
        while i < len(text) and text[i] not in "{|}":
            i += 1
        out = [head + text[start:i] for head in out]
        start = i
    return out, i


def _compile(text: str) -> Context:
    out: list[tuple[ContextWord, ...]] = []
    for reading in readings(text):
        words: list[ContextWord] = []
        for piece in reading.split():
            prefix = piece.endswith("*")
            for word in textnorm.words(piece.rstrip("*")):
                words.append((word, prefix))
        if words and tuple(words) not in out:
            out.append(tuple(words))
    return tuple(out)


def said_in(context: Context, words: Sequence[str]) -> bool:
    """Whether one reading of ``context`` is said in ``words`` (normalised answer words)."""
    for reading in context:
        first_word, first_prefix = reading[0]
        size = len(reading)
        for i in range(len(words) - size + 1):
            if not (words[i].startswith(first_word) if first_prefix else words[i] == first_word):
                continue
            if all(words[i + k].startswith(w) if prefix else words[i + k] == w
                   for k, (w, prefix) in enumerate(reading[1:], 1)):
                return True
    return False
