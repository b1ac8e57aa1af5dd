"""Importing interview Q&A from the layouts trainers use, into banks that validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_coach.trainer.importers import guess_category, make_id, parse_file, parse_text

DATA = Path(__file__).parent / "data" / "import"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

# file -> (layout detected, number of pairs, text in the last answer)
CASES = {
    "answer_lines.txt": ("answer-lines", 3, "the room settled within minutes."),
    "paragraphs.txt": ("paragraphs", 4, "get the support I had."),
    "qa.txt": ("qa", 3, "talk through what happened."),
    "headings.md": ("headings", 3, "before leaving the bedside."),
    "bullets.md": ("bullets", 3, "give something back to it."),
    "examples.md": ("examples", 3, "so that I stay patient."),
    "questions.csv": ("csv", 3, "our work stayed safe."),
    "messy.txt": ("answer-lines", 3, "started without a hitch."),
    "numbered_paren.txt": ("paragraphs", 2, "at the end of each shift."),
    "label_alone.txt": ("examples", 3, "had made it secure."),
    "how_to_answer.md": ("examples", 3, "get the care they need on time."),
    "want_to_know.txt": ("answer-lines", 3, "can get on with the task."),
    "example_heading.md": ("answer-lines", 3, "from people who do it well."),
    "bold_followups.md": ("bold", 3, "only five minutes late."),
    "moodle.gift": ("gift", 5, "a debrief helps you carry on."),
}

# Words of the coaching on each page, which must end up in tips, never in a model answer.
COACHING_WORDS = ("Purpose", "How to Answer", "What they want to know", "Why they ask")


@pytest.mark.parametrize("name", sorted(CASES))
def test_layout_detected_and_pairs_found(name: str) -> None:
    layout, count, last = CASES[name]
    result = parse_file(DATA / name)
    assert result.layout == layout
    assert len(result.pairs) == count
    assert result.pairs[-1].answer.endswith(last)
    assert all(p.question and p.answer for p in result.pairs)
    for pair in result.pairs:
        assert not any(word.lower() in pair.answer.lower() for word in COACHING_WORDS), pair.answer


def test_every_fixture_is_covered_and_there_are_twelve_layouts() -> None:
    assert sorted(p.name for p in DATA.iterdir()) == sorted(CASES)
    assert len(CASES) >= 12


@pytest.mark.parametrize(
    ("name", "tip"),
    [
        ("label_alone.txt", "Purpose: They are checking that safety comes before speed."),
        ("how_to_answer.md", "How to Answer: Link your reasons to the patients, not only the hours."),
        ("want_to_know.txt", "What they want to know: that you follow safeguarding procedures."),
    ],
)
def test_coaching_becomes_tips(name: str, tip: str) -> None:
    result = parse_file(DATA / name)
    assert any(tip in p.tips for p in result.pairs)


def test_inline_example_answer_loses_its_quotes() -> None:
    result = parse_file(DATA / "how_to_answer.md")
    assert result.pairs[0].answer.startswith("A calm greeting by name")
    assert result.pairs[0].answer.endswith("what happens next.")


def test_follow_up_lines_become_follow_ups_not_questions() -> None:
    result = parse_file(DATA / "bold_followups.md")
    assert [p.follow_ups for p in result.pairs] == [
        ["What hours are you prepared to work?", "How do you feel about early starts?"],
        ["What if the passenger became aggressive?"],
        [],
    ]
    heading = parse_file(DATA / "example_heading.md")
    assert heading.pairs[1].follow_ups == ["What if they were rude about it?"]
    assert "stay polite" not in heading.pairs[1].answer  # the follow-up's own answer is left out


@pytest.mark.parametrize(
    ("name", "title"),
    [("how_to_answer.md", "Dental receptionist interview questions"),
     ("want_to_know.txt", "Teaching assistant interview guide")],
)
def test_title_is_the_first_heading(name: str, title: str) -> None:
    assert parse_file(DATA / name).title == title


def test_intro_and_trailing_comments_are_skipped_with_lines() -> None:
    result = parse_file(DATA / "answer_lines.txt")
    spans = [(s.start, s.end) for s in result.skipped]
    assert spans == [(1, 5), (13, 15)]
    assert "Comments" not in result.pairs[-1].answer


def test_advert_after_last_answer_is_not_part_of_it() -> None:
    result = parse_file(DATA / "messy.txt")
    assert "Book your next stay" not in result.pairs[-1].answer
    assert any(s.preview == "ADVERTISEMENT" for s in result.skipped)


def test_two_line_question_and_mixed_numbering() -> None:
    result = parse_file(DATA / "messy.txt")
    prompts = [p.question for p in result.pairs]
    assert prompts[0] == "What does “excellent hospitality” mean to you, in your own words?"
    assert prompts[1].startswith("How would you respond")  # "2)" numbering
    assert prompts[2].startswith("Tell me about a time")  # "Question 3:" numbering


def test_example_answer_blocks_keep_advice_as_tips() -> None:
    result = parse_file(DATA / "examples.md")
    assert result.pairs[0].tips == ["Why they ask: they want to see whether you put the caller first."]
    assert result.pairs[1].answer.startswith("A caller was furious")


def test_forced_layout_is_used() -> None:
    result = parse_text("Q: Why?\nA: Because.\n", layout="qa")
    assert result.layout == "qa" and result.pairs[0].answer == "Because."


def test_csv_carries_themes_and_categories() -> None:
    result = parse_file(DATA / "questions.csv")
    assert result.pairs[0].themes == ["confidentiality"]
    assert result.pairs[2].category == "behavioural"


@pytest.mark.parametrize(
    ("prompt", "category"),
    [
        ("Describe a time you disagreed with a colleague.", "behavioural"),
        ("Tell me about a time you failed.", "behavioural"),
        ("What would you do if a peer became angry?", "situational"),
        ("Why do you want this job?", "motivation"),
        ("What is trauma-informed practice?", "knowledge"),
    ],
)
def test_category_guess(prompt: str, category: str) -> None:
    assert guess_category(prompt) == category


def test_ids_are_slugs_and_unique() -> None:
    taken: set[str] = set()
    first = make_id("How do you handle confidentiality in your work?", taken)
    second = make_id("How do you handle confidentiality in your work?", taken)
    assert first == "handle_confidentiality_work"
    assert second == "handle_confidentiality_work_2"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
@pytest.mark.parametrize(("prefix", "count"), [("000_", 6), ("001_", 30)])
def test_seed_files_import_every_question_with_its_answer(prefix: str, count: int) -> None:
    (seed,) = SEEDS.glob(prefix + "*.txt")
    result = parse_file(seed)
    assert len(result.pairs) == count
    assert all(len(p.answer.split()) >= 5 for p in result.pairs)
    assert all(p.question.endswith(("?", ".")) for p in result.pairs)
