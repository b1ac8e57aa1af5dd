"""Random input at the entrances the loader and scorer fuzz tests do not reach (issue 9).

The display sanitiser, the command-line escaping, ``grade``'s reader (random CSV and JSONL
bytes), the importers (random Q&A-like text, then the bank it makes must validate) and the live
scorer while text is edited at random: only the app's own errors, offsets always hold.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_support import TARGET_BANK, file_answers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_coach._util.errors import InterviewCoachError
from interview_coach._util.jsontext import dumps
from interview_coach._util.safetext import printable
from interview_coach.banks.loader import load_bank
from interview_coach.cli.main import main
from interview_coach.scoring import Scorer
from interview_coach.trainer.importers import parse_text
from interview_coach.tui.literal import clean

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Any code point at all, lone surrogates included.
ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200)
HOSTILE_PIECES = st.sampled_from([a.text[:80] for a in file_answers()] + [
    "\r\n", "\n\n", "Q: ", "A: ", "1. ", "Answer: ", "# ", "- ", ",", '"', "question_id,answer\n",
    '{"question_id": "upset-caller", "answer": ', "}", "\ud800", "\x00", "\xff",
])
MIXED = st.lists(st.one_of(HOSTILE_PIECES, st.text(max_size=10)), max_size=40).map("".join)
# capsys is read (and so emptied) in every example, so sharing it between examples is fine.
FAST = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
BANK = load_bank(TARGET_BANK)
SCORER = Scorer(BANK)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """One folder for every example of a test."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@settings(max_examples=1000, deadline=None)
@given(ANY_TEXT)
def test_sanitiser_one_to_one_and_safe(text: str) -> None:
    shown = clean(text)
    assert len(shown) == len(text)
    assert not RAW.search(shown)
    assert clean(shown) == shown
    shown.encode("utf-8")


@FAST
@given(ANY_TEXT)
def test_command_line_escaping_is_safe(text: str) -> None:
    assert not RAW.search(printable(text))
    assert not RAW.search(dumps({"answer": text, text: 1}))


@FAST
@given(data=st.one_of(MIXED.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300)),
       suffix=st.sampled_from([".csv", ".jsonl", ".txt"]))
def test_grade_reads_any_bytes(folder: Path, data: bytes, suffix: str,
                               capsys: pytest.CaptureFixture[str]) -> None:
    source, output = folder / f"in{suffix}", folder / "out.jsonl"
    source.write_bytes(data)
    code = main(["grade", str(TARGET_BANK), str(source), "-o", str(output)])
    _out, err = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "internal error" not in err and "Traceback" not in err
    assert not RAW.search(err)


@FAST
@given(text=MIXED)
def test_importers_take_any_text(folder: Path, text: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = text.encode("utf-8", "replace").decode("utf-8")  # files are read as UTF-8
    try:
        parse_text(text)
    except InterviewCoachError:
        return
    source, bank = folder / "qa.txt", folder / "bank.yaml"
    source.write_text(text, encoding="utf-8")
    bank.unlink(missing_ok=True)
    code = main(["import", str(source), "-o", str(bank), "--themes", str(TARGET_BANK)])
    _out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err
    assert not RAW.search(err)
    assert code in (0, 1), err
    if code == 0:
        assert main(["validate", str(bank)]) == 0
        capsys.readouterr()


@FAST
@given(edits=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 20), MIXED), max_size=12))
def test_live_scoring_while_editing_matches_a_fresh_score(
        edits: list[tuple[int, int, str]]) -> None:
    live = SCORER.live("upset-caller")
    text = ""
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut:]
        result = live.update(text)
        for theme in result.themes:
            for m in theme.matches:
                assert text[m.start:m.end] == m.text
    assert live.update(text).to_dict() == SCORER.score("upset-caller", text).to_dict()
