"""Random YAML-like text fed to the bank loader: only ``BankError`` ever comes out (issue 9)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_coach.errors import BankError, Problem
from interview_coach.loader import check_bank, load_bank

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
