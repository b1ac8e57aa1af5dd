"""Random YAML-like text fed to the bank loader: only ``BankError`` ever comes out (issue 9)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_coach._util.errors import BankError, Problem
from interview_coach.banks.loader import check_bank, load_bank

TOKENS = [
    "schema: 1\n", "id: fuzz\n", "title: Fuzz\n", "description: d\n", "role: r\n", "questions:\n",
    "themes:\n", "include:\n", "red_flags:\n", "  - id: q\n", "    prompt: p\n", "    themes: [a]\n",
    "  a:\n", "    label: A\n", "    description: D\n", "    keywords: [k]\n", "    model_answer: m\n",
    "- ", "  ", "\t", ": ", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "&b ", "*b", "<<: ", "!!str ",
    "!!python/object:os.system ", "!x ", "%TAG ! tag:x,2000:\n", "---\n", "...\n", "|\n", ">-\n", "'",
    '"', "\\", "#", "\n", "\r\n", "\ufeff", "no", "yes", "1.10", "~", "null", "0x1F", "2024-01-01",
    "\x00", "\x1b[31m", "\u202e", "include: [x.yaml]\n", "include: ['http://x/a.yaml']\n",
]
TEXT = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=60).map("".join)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """One folder for every example (hypothesis runs them in the same test)."""
    with tempfile.TemporaryDirectory() as name:
        (Path(name) / "x.yaml").write_text("schema: 1\nthemes:\n  a: {label: A, description: D, keywords: [k]}\n")
        yield Path(name)


def assert_only_bank_errors(path: Path) -> None:
    """``load_bank`` returns a bank or raises ``BankError`` with well-formed problems."""
    try:
        load_bank(path)
    except BankError as exc:
        assert exc.problems and all(isinstance(p, Problem) and p.line >= 0 for p in exc.problems)
        assert str(exc)
    bank, problems = check_bank(path)
    assert (bank is None) == bool(problems)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_yaml_like_text(folder: Path, text: str) -> None:
    path = folder / "bank.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    assert_only_bank_errors(path)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200))
def test_random_bytes(folder: Path, data: bytes) -> None:
    path = folder / "bytes.yaml"
    path.write_bytes(data)
    assert_only_bank_errors(path)


SAMPLE = """\
schema: 1
id: sample
title: Sample bank
description: A small bank.
role: Tester
include: [x.yaml]
themes:
  calm:
    label: Calm
    description: Stays calm.
    keywords: [calm, steady]
questions:
  - id: first
    prompt: How do you stay calm?
    themes: [calm, a]
    model_answer: I slow down.
    difficulty: 2
    tips: [Breathe]
"""
LINES = SAMPLE.splitlines(keepends=True)
EDITS = st.lists(
    st.tuples(
        st.integers(0, len(LINES) - 1), st.integers(0, 40),
        st.sampled_from([*TOKENS, "", "x", "0", "[]", "{}", "null", "true"]), st.booleans(),
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(edits=EDITS)
def test_edited_valid_bank(folder: Path, edits: list[tuple[int, int, str, bool]]) -> None:
    """A valid bank with a few tokens inserted or overwritten: near misses reach the validator."""
    lines = list(LINES)
    for index, column, token, overwrite in edits:
        line = lines[index]
        column = min(column, len(line))
        rest = line[column + len(token):] if overwrite else line[column:]
        lines[index] = line[:column] + token + rest
    path = folder / "edited.yaml"
    path.write_text("".join(lines), encoding="utf-8", errors="surrogatepass")
    assert_only_bank_errors(path)


def test_the_unedited_sample_loads(folder: Path) -> None:
    path = folder / "sample.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    assert load_bank(path).themes.keys() == {"a", "calm"}
