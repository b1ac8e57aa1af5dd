"""StarReader (live STAR reading) gives what find_star gives, however the text changes."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from interview_coach.scoring.star import StarReader, find_star

STORY = (
    "Last spring our team had a conflict over who owned the weekly report. My task was to get it "
    "back on track before the audit. I set up a short meeting, listened to both colleagues... As a "
    "result the report went out on time. Since then I check in early."
)
SIGNPOSTED = (
    "Situation: in my last job a customer was upset about a late delivery.\n"
    "Task - I needed to calm things down.\nAction: I called him and I arranged a refund.\n"
    "Result: he thanked me and stayed with us."
)


def test_typing_word_by_word_matches_reading_from_scratch() -> None:
    for answer in (STORY, SIGNPOSTED, "I think listening matters. If someone asked I would help."):
        reader = StarReader()
        text = ""
        for word in answer.split(" "):
            text = f"{text} {word}" if text else word
            assert reader.read(text) == find_star(text), text


def test_a_label_typed_later_makes_the_answer_signposted() -> None:
    reader = StarReader()
    first = "Situation: last year a client complained about the wait"
    assert reader.read(first) == find_star(first)
    for end in (first + ".", first + ". Act", first + ". Action", first + ". Action:",
                first + ". Action: I rang him back.", first + ". Action"):
        assert reader.read(end) == find_star(end), end


def test_edits_anywhere_match_reading_from_scratch() -> None:
    rng = random.Random(12)
    reader = StarReader()
    for _ in range(300):
        base = rng.choice((STORY, SIGNPOSTED))
        at = rng.randrange(len(base) + 1)
        text = base[:at] + rng.choice(("", ".", " ", "\n", "Task: ", "I did. ", "x")) + \
            base[at + rng.randrange(0, 12):]
        assert reader.read(text) == find_star(text), text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abi .:-\n\u2019SstTaArR", max_size=30), max_size=6))
def test_any_sequence_of_texts(texts: list[str]) -> None:
    reader = StarReader()
    text = ""
    for piece in texts:
        text = text[: len(text) // 2] + piece if len(piece) % 3 == 0 else text + piece
        assert reader.read(text) == find_star(text)
