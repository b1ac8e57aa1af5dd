"""The table build's quick path reads each phrase exactly as the reading-by-reading path does.

The quick path cuts a phrase into parts (literal text, ``{a|b}`` groups) and puts each reading
together from its options' words; these tests compare it with expanding the text of every
reading (expand_alternatives) and cutting that into words, on hand-picked and random phrases.
"""

from __future__ import annotations

import random

from interview_coach.banks.models import Bank
from interview_coach.scoring import textnorm
from interview_coach.scoring.tables import MAX_READINGS, _parts_of, _Tables, expand_alternatives


def _tables() -> _Tables:
    return _Tables(Bank.model_validate({
        "schema": 1, "id": "b", "title": "B", "description": "d", "role": "r",
        "themes": {"t": {"label": "T", "description": "d", "keywords": ["listen"]}},
        "questions": [{"id": "q", "prompt": "Why?", "themes": ["t"], "model_answer": "a"}],
    }))


def _by_text(phrase: str) -> list[tuple[tuple[str, ...], frozenset[int]]]:
    """(words, gap places) of each reading, as the reading-by-reading path cuts them."""
    out = []
    for variant in expand_alternatives(phrase):
        segments = [textnorm.words(part) for part in variant.split("...")]
        words = [w for segment in segments for w in segment]
        gaps, at = set(), 0
        for segment in segments[:-1]:
            at += len(segment)
            if 0 < at < len(words):
                gaps.add(at)
        out.append((tuple(words), frozenset(gaps)))
    return out


def _by_parts(tables: _Tables, phrase: str) -> list[tuple[tuple[str, ...], frozenset[int]]] | None:
    parts = _parts_of(phrase, {})
    if not parts:
        return None
    return [(words, frozenset(at for at in marks if 0 < at < len(words)))
            for words, _keys, marks in tables._readings(parts)]


def test_hand_picked_phrases_read_alike() -> None:
    tables = _tables()
    phrases = [
        "keep it {secret|to myself|quiet}", "{a|b c} x {d|e}", "{share|give out} my ... number",
        "I ... {heard|hear} voices", "{|really} care", "recovery-{focused|based}",
        "{words|goals}, not mine", "available {any time|24/7}", "{a ... b|c} d", "... x {y|z} ...",
        "{Café|cafe} {Ünïcode|plain}", "{she|he|they} {kept|keep} {it|that} {quiet|secret}",
    ]
    for phrase in phrases:
        assert _by_parts(tables, phrase) == _by_text(phrase), phrase


def test_phrases_read_by_text_when_a_group_touches_a_word_or_nests() -> None:
    for phrase in ("suicid{e|al}", "{her|his}'s plan", "{a|{b|c}} d", "x...{a|b}", "{a|b}{c|d}"):
        assert _parts_of(phrase, {}) == [], phrase


def test_many_readings_keep_the_first_ones_in_order() -> None:
    tables = _tables()
    phrase = " ".join("{" + "|".join(f"w{g}x{c}" for c in range(5)) + "}" for g in range(6))
    readings = _by_parts(tables, phrase)
    assert readings is not None and len(readings) == MAX_READINGS
    assert readings == _by_text(phrase)


def test_random_phrases_read_alike() -> None:
    rng = random.Random(12)
    tables = _tables()
    bits = ["care", "kept", "her", "them", "don't", "self", "...", ",", "-", "'s", "",
            "available", "any", "time", "I", "never", "x"]

    def text(depth: int) -> str:
        out = []
        for _ in range(rng.randint(0, 4)):
            if depth < 2 and rng.random() < 0.3:
                out.append("{" + "|".join(text(depth + 1) for _ in range(rng.randint(1, 3))) + "}")
            else:
                out.append(rng.choice(bits))
        return rng.choice([" ", "", " "]).join(out)

    compared = 0
    for _ in range(3000):
        phrase = text(0)
        quick = _by_parts(tables, phrase)
        if quick is not None:
            compared += 1
            assert quick == _by_text(phrase), phrase
    assert compared > 1000
