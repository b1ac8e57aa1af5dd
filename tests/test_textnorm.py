"""Normalisation, tokenisation with offsets into the original, and stemming."""

from __future__ import annotations

import pytest

from interview_coach.scoring import textnorm
from interview_coach.scoring.textnorm import (
    GAP_CLAUSE,
    GAP_JOIN,
    GAP_SENTENCE,
    GAP_SOFT,
    GAP_SPACE,
    normalise,
    stem,
    tokens,
    words,
)


def test_ascii_is_lowered_with_identity_offsets() -> None:
    norm = normalise("Set BOUNDARIES")
    assert norm.text == "set boundaries"
    assert norm.identity


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cSelf\u2011care\u201d", '"self-care"'),  # curly quotes, non-breaking hyphen
        ("don\u2019t", "don't"),
        ("a\u00a0b", "a b"),  # non-breaking space
        ("bound\u200baries", "boundaries"),  # zero-width space removed
        ("\ufeffhello", "hello"),  # byte-order mark removed
        ("\ufb01ne", "fine"),  # ligature (NFKC)
        ("\uff21\uff22", "ab"),  # full-width letters (NFKC)
        ("Caf\u00e9 na\u00efve", "cafe naive"),  # accents stripped
        ("cafe\u0301", "cafe"),  # combining accent stripped
        ("STRASSE stra\u00dfe", "strasse strasse"),  # case folding
        ("a\x85b", "a\nb"),  # NEL is a line break
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


@pytest.mark.parametrize(
    "raw",
    [
        "plain words here",
        "\u201cSelf\u2011care\u201d matters \u2014 always",
        "bound\u200b\u200baries and \ufb01ne \ufb01x",
        "\u200b\u200blead and trail\u200b",
        "e\u0301te\u0301 caf\u00e9",
        "\u05e9\u05dc\u05d5\u05dd world \U0001f600 ok",
        "STRA\u00dfE \u0130stanbul",
    ],
)
def test_token_spans_point_into_the_original(raw: str) -> None:
    for token in tokens(raw):
        piece = raw[token.start : token.end]
        assert 0 <= token.start < token.end <= len(raw)
        assert normalise(piece).text == token.text


def test_zero_width_inside_a_word_is_kept_in_the_span() -> None:
    raw = "my bound\u200baries"
    (_first, second) = tokens(raw)
    assert second.text == "boundaries"
    assert raw[second.start : second.end] == "bound\u200baries"


def test_gap_kinds() -> None:
    toks = tokens("one two-three, four. five  six")
    gaps = [t.gap for t in toks]
    assert gaps == [GAP_SENTENCE, GAP_SPACE, GAP_JOIN, GAP_CLAUSE, GAP_SENTENCE, GAP_SOFT]


@pytest.mark.parametrize("raw", ["a\x1bb", "a\x00b", "a\x9bb", "a\u202eb"])
def test_control_characters_separate_or_vanish(raw: str) -> None:
    assert "".join(words(raw)) == "ab"


def test_contractions_are_one_word() -> None:
    assert words("I don\u2019t know") == ["i", "don't", "know"]


def test_a_number_with_thousands_separators_is_one_word() -> None:
    """"16,000" is one number, not 16 and the emergency number 000 (pages session 13)."""
    assert words("16,000 articles and 1,250,000 people, 1,2 or 3") == [
        "16,000", "articles", "and", "1,250,000", "people", "1", "2", "or", "3"]
    assert [(t.start, t.end) for t in tokens("x 30,000.")] == [(0, 1), (2, 8)]


def test_em_dash_separates_clauses() -> None:
    toks = tokens("no\u2014boundaries")
    assert [t.text for t in toks] == ["no", "boundaries"]
    assert toks[1].gap == GAP_CLAUSE


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("boundary", "boundaries"),
        ("listen", "listened"),
        ("listen", "listening"),
        ("empower", "empowerment"),
        ("empathy", "empathise"),
        ("empathy", "empathize"),
        ("experience", "experienced"),
        ("recovery", "recovered"),
        ("advocacy", "advocate"),
        ("performance", "perform"),
        ("healthy", "health"),
        ("kept", "keep"),
        ("got", "get"),
        ("spoken", "speak"),
    ],
)
def test_word_forms_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("care", "career"), ("limit", "limitless"), ("policy", "police"), ("internet", "intern")],
)
def test_unrelated_words_keep_their_own_stem(a: str, b: str) -> None:
    assert stem(a) != stem(b)


def test_stem_of_junk_is_itself() -> None:
    long_word = "x" * 1000
    assert stem(long_word) == long_word
    assert stem("\u05e9\u05dc\u05d5\u05dd") == "\u05e9\u05dc\u05d5\u05dd"


def test_iter_tokens_offset_shifts_spans() -> None:
    toks = list(textnorm.iter_tokens("ab cd", offset=10))
    assert [(t.start, t.end) for t in toks] == [(10, 12), (13, 15)]


def test_many_positions_map_like_one() -> None:
    raw = "\ufb01x \u200bbound\u200baries \u00df\u00df \U0001f600 ok\u200b end \ufb03"
    norm = normalise(raw)
    assert not norm.identity
    positions = list(range(len(norm.text)))
    assert norm.starts_of(positions) == [norm.start_of(p) for p in positions]
    ends = list(range(1, len(norm.text) + 1))
    assert norm.ends_of(ends) == [norm.end_of(p) for p in ends]


def test_ascii_and_unicode_paths_fold_controls_alike() -> None:
    assert normalise("a\x1bb").text == "a b"
    assert normalise("a\x1bb\u00e9").text == "a bé".replace("é", "e")


def test_is_irregular_form() -> None:
    assert textnorm.is_irregular_form("been") and textnorm.is_irregular_form("went")
    assert not textnorm.is_irregular_form("being") and not textnorm.is_irregular_form("left")


def test_quick_ascii_split_and_words_agree_with_the_token_pattern() -> None:
    """The word split (possessive repeats; explicit classes on ASCII) and ``words`` cut every
    text exactly as the plain greedy pattern and TOKEN_RE do."""
    import random
    import re
    import string

    greedy = re.compile(r"([^\W_]+(?:'[^\W_]+)*)")
    rng = random.Random(12)
    alphabet = string.printable + "''''aZ9_\u00e9\u00df\u2019\u00bc\u0663\u00a0"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert textnorm.split_words(text) == greedy.split(text), text
        assert textnorm.WORD_SPLIT_RE.split(text) == greedy.split(text), text
        expected = [m.group(2) for m in textnorm.TOKEN_RE.finditer(normalise(text).text)]
        assert words(text) == expected, text


WRAPPED = ("I promise the people I support that whatever they tell me stays\n"
           "between us, even when it worries me.\nShort line\nanother")


def test_hard_wrapped_line_breaks_read_as_spaces() -> None:
    joined = textnorm.join_wrapped(WRAPPED)
    assert len(joined) == len(WRAPPED)  # offsets still point into the original
    assert "stays between us" in joined  # a long line, then a word in lower case
    assert "me.\nShort" in joined  # a full stop ends the sentence anyway
    assert "line\nanother" in joined  # after a short line (a list): the break is kept


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("a sentence that is long enough to be wrapped prose\nand goes on", True),
        ("a sentence that is long enough to be wrapped prose\r\nand goes on", True),
        ("a sentence that is long enough to be wrapped prose\nI went on", True),
        ("a sentence that is long enough to be wrapped prose.\nIt went on", False),  # a mark
        ("a sentence that is long enough to be wrapped prose:\nIt went on", False),
        # A capital after a line that ends without a mark reads on: a name, or a sentence
        # that was not punctuated.
        ("we took a selfie, which I put up for everyone on my\nInstagram", True),
        ("a sentence that is long enough to be wrapped prose\n\nand a paragraph", False),
        ("Empathy and listening\nboundaries", False),  # short lines: a list
    ],
)
def test_which_line_breaks_are_wraps(text: str, joined: bool) -> None:
    out = textnorm.join_wrapped(text)
    assert len(out) == len(text)
    assert ("\n" not in out) is joined


def test_join_wrapped_from_an_offset_sees_the_line_before() -> None:
    text = "x" * 50 + "\nand more"
    assert textnorm.join_wrapped(text, 48) == "xx and more"
    assert textnorm.join_wrapped("ab\ncd", 3) == "cd"


def test_a_wrapped_line_may_open_with_a_quotation_mark() -> None:
    text = "a sentence that is long enough to be wrapped prose, like\n\"difficult\" or not"
    assert "\n" not in textnorm.join_wrapped(text)
