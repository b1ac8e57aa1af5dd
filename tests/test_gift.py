"""Moodle GIFT: essay and short-answer questions in, a bank out as GIFT, and back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_coach.banks.loader import load_bank, resolve_bank
from interview_coach.banks.models import Question
from interview_coach.cli.main import main
from interview_coach.trainer.gift import escape, looks_like_gift, parse_gift, to_gift, unescape
from interview_coach.trainer.importers import parse_file

DATA = Path(__file__).parent / "data"
GIFT = DATA / "import" / "moodle.gift"
FIELDS = ("id", "prompt", "model_answer", "category", "themes", "tips", "follow_ups",
          "difficulty", "time_limit", "keywords")


def test_essay_questions_take_general_feedback_as_model_answer() -> None:
    result = parse_file(GIFT)
    assert result.layout == "gift"
    first = result.pairs[0]
    assert first.question_id == "why_peer_work"
    assert first.question == "Why do you want to work as a peer supporter?"
    assert first.answer.startswith("I want to offer what helped me")
    assert first.answer.endswith("helps the person in front of me.")
    assert first.category == "motivation"
    assert first.themes == ["lived_experience", "recovery"]


def test_html_text_is_made_plain() -> None:
    pair = parse_file(GIFT).pairs[1]
    assert pair.question == "When would you not share your own experience?"
    assert pair.answer == ("When it would shift the focus onto me.\n"
                           "I keep the person's needs at the centre & check my reasons first.")


def test_escaped_characters_are_read_as_themselves() -> None:
    pair = parse_file(GIFT).pairs[2]
    assert pair.question_id == "ratio_notes"
    assert pair.question == 'What do the letters in "CONSENT: a {plan}" remind you to do = check?'
    assert pair.answer == ("Ask first, explain what is written down, and keep records #private#.\n"
                           "Second line of the answer with a backslash \\ kept.")
    assert pair.category == "knowledge"


def test_short_answer_questions_keep_accepted_answers_as_keywords() -> None:
    pairs = parse_file(GIFT).pairs
    short = pairs[3]
    assert short.answer == "consent"  # no general feedback: the best-weighted answer
    assert short.extra["keywords"] == ["consent", "permission", "agreement"]
    with_feedback = pairs[4]
    assert with_feedback.answer.startswith("Talking it through in supervision")
    assert with_feedback.extra["keywords"] == ["debrief", "supervision"]


def test_other_question_kinds_are_reported_with_their_lines() -> None:
    result = parse_file(GIFT)
    assert len(result.pairs) == 5
    reasons = {s.start: s.preview for s in result.skipped}
    assert "multiple-choice" in reasons[27]
    assert "true-false" in reasons[30]
    assert "description" in reasons[32]
    assert "without its '}'" in reasons[34]
    assert all(s.source == str(GIFT) for s in result.skipped)


def test_categories_paths_and_roots() -> None:
    text = ("$CATEGORY: OnlyOne\n\n::a::Q one?{}\n\n$CATEGORY: $course$/top/Set/Sub//part\n\n"
            "::b::Q two?{}\n")
    pairs = parse_gift(text).pairs
    assert pairs[0].category is None  # one part names the whole set
    assert pairs[1].category == "Sub/part"  # '//' is a slash inside a name


@pytest.mark.parametrize("text", ["a~b=c#d{e}f:g\\h", "line one\nline two", "[html]<b>x</b>",
                                  "::not a title::", "ends with backslash \\"])
def test_escape_round_trip(text: str) -> None:
    assert unescape(escape(text)) == text
    assert "\n" not in escape(text)


def test_gift_is_sniffed_in_txt_files(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(GIFT.read_text(encoding="utf-8"), encoding="utf-8")
    assert parse_file(path).layout == "gift"
    assert not looks_like_gift("1. Why this job?\nAnswer: Because.\n")


def _fields(question: Question) -> dict[str, object]:
    data = {name: getattr(question, name) for name in FIELDS}
    data["model_answer"] = question.model_answer.strip()
    data["prompt"] = question.prompt.strip()
    return data


@pytest.mark.parametrize("bank_name", ["tui_bank.yaml", "peer_support_worker"])
def test_bank_to_gift_and_back_gives_the_same_questions(bank_name: str, tmp_path: Path) -> None:
    path = DATA / bank_name
    bank = load_bank(path) if path.is_file() else resolve_bank(bank_name)
    gift = tmp_path / "bank.gift"
    source = str(path) if path.is_file() else bank_name
    assert main(["export-bank", source, "--format", "gift", "-o", str(gift)]) == 0
    out = tmp_path / "back.yaml"
    assert main(["import", str(gift), "-o", str(out), "--themes", source]) == 0
    back = load_bank(out)
    assert [_fields(q) for q in back.questions] == [_fields(q) for q in bank.questions]


def test_gift_file_to_bank_to_gift_and_back(tmp_path: Path) -> None:
    first = tmp_path / "first.yaml"
    assert main(["import", str(GIFT), "-o", str(first), "--themes", "peer_support_worker"]) == 0
    again = tmp_path / "again.gift"
    assert main(["export-bank", str(first), "--format", "gift", "-o", str(again)]) == 0
    second = tmp_path / "second.yaml"
    assert main(["import", str(again), "-o", str(second), "--themes", "peer_support_worker"]) == 0
    assert ([_fields(q) for q in load_bank(second).questions]
            == [_fields(q) for q in load_bank(first).questions])


def test_written_gift_escapes_special_characters() -> None:
    bank = load_bank(DATA / "tui_bank.yaml")
    bank.questions[0].prompt = "Costs {a} = b: ~c #d"
    bank.questions[0].model_answer = "Line one.\n\nLine two: done."
    text = to_gift(bank)
    assert "::angry-caller::Costs \\{a\\} \\= b\\: \\~c \\#d{####Line one.\\n\\nLine two\\: done.}" \
        in text
    again = parse_gift(text).pairs[0]
    assert again.question == "Costs {a} = b: ~c #d"
    assert again.answer == "Line one.\n\nLine two: done."
