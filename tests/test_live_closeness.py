"""Live closeness to the model answer re-reads only changed sentences, with the same result."""

from __future__ import annotations

import random

from interview_coach.scoring.live import _LiveCloseness
from interview_coach.scoring.similarity import Reference, Tally, distinct_tokens

REFERENCE = ("I would listen first, agree a plan with the person and check in with my supervisor "
             "when I am unsure, e.g. about risk.")
PIECES = ("I listen. ", "Then we agree a plan together. ", "i.e. what they want. ",
          "e. g. their goals. ", "It's their choice. ", "Caf\u00e9 chats help. ", ". . ",
          "My supervisor helps when I'm unsure.")


def test_live_closeness_equals_reading_the_whole_text() -> None:
    reference = Reference(REFERENCE, "How would you support someone?")
    live = _LiveCloseness(reference)
    text = ""
    for piece in PIECES * 2:
        for word in piece.split(" "):
            text = f"{text} {word}" if text else word
            assert live(text) == reference.similarity(text), text
    for cut in range(0, len(text), 7):
        edited = text[:cut] + text[cut + 5:]
        assert live(edited) == reference.similarity(edited), edited


def test_tally_equals_similarity_of_words_as_words_come_and_go() -> None:
    reference = Reference(REFERENCE, "How would you support someone?")
    tally = Tally(reference)
    pool = sorted(distinct_tokens(" ".join(PIECES) + " supervisr agreeing plans listened"))
    rng = random.Random(7)
    for _ in range(300):
        distinct = set(rng.sample(pool, rng.randrange(len(pool) + 1)))
        assert tally.similarity(distinct) == reference.similarity_of_words(distinct), distinct
