"""The bank loader: positions, includes, discovery, and the YAML traps it refuses."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from interview_coach._util import paths
from interview_coach._util.errors import BankError, Problem
from interview_coach.banks import loader
from interview_coach.banks.models import Bank
from interview_coach.banks.yamlsafe import MAX_BYTES, clip, format_path

BANK = """\
schema: 1
id: sample
title: Sample bank
description: A small bank used by the tests.
role: Test runner
themes:
  listening:
    label: Listening
    description: Hears the person out before answering.
    keywords: [listen, hear them out]
questions:
  - id: first
    prompt: Tell me about a time you listened well.
    themes: [listening]
    model_answer: I let a colleague finish, asked a question back and then acted on it.
  - id: second
    prompt: What do you do when a plan changes?
    themes: []
    model_answer: I say what changed, ask who it affects and agree the next step.
"""

LIBRARY = """\
schema: 1
themes:
  listening:
    label: Listening (library)
    description: The library's version, overridden by the bank.
    keywords: [listen]
  patience:
    label: Patience
    description: Stays calm when things take time.
    keywords: [patient, calm]
"""


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder/name`` and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[Problem]:
    """The problems ``check_bank`` finds (asserting it found some)."""
    bank, problems = loader.check_bank(path)
    assert bank is None and problems
    return problems


def test_valid_bank_loads_with_positions(tmp_path: Path) -> None:
    bank = loader.load_bank(write(tmp_path, "b.yaml", BANK))
    assert bank.id == "sample" and len(bank.questions) == 2
    assert bank.line_of("questions", 1, "prompt") == 17
    assert bank.line_of("questions", 0, "themes", 0) == 14
    assert bank.line_of("themes", "listening", "keywords") == 10
    assert bank.line_of("questions", 9, "prompt") == 11  # unknown index: nearest known parent
    assert bank.source == str(tmp_path / "b.yaml")


def test_content_hash_covers_bank_and_includes(tmp_path: Path) -> None:
    lib = write(tmp_path, "themes/lib.yaml", LIBRARY)
    path = write(tmp_path, "b.yaml", BANK.replace("themes:\n", "include: [themes/lib.yaml]\nthemes:\n", 1))
    first = loader.load_bank(path).content_hash
    expected = hashlib.sha256(path.read_bytes() + lib.read_bytes()).hexdigest()
    assert expected.startswith(first)
    lib.write_text(LIBRARY.replace("calm]", "calm, steady]"), encoding="utf-8")
    assert loader.load_bank(path).content_hash != first


def test_included_themes_merge_and_own_theme_wins(tmp_path: Path) -> None:
    write(tmp_path, "themes/lib.yaml", LIBRARY)
    text = BANK.replace("themes:\n", "include:\n  - themes/lib.yaml\nthemes:\n", 1)
    text = text.replace("themes: []", "themes: [patience]")
    bank = loader.load_bank(write(tmp_path, "b.yaml", text))
    assert set(bank.themes) == {"listening", "patience"}
    assert bank.themes["listening"].label == "Listening"


def test_problem_in_included_file_names_that_file(tmp_path: Path) -> None:
    write(tmp_path, "lib.yaml", LIBRARY.replace("keywords: [listen]", "keywords: []"))
    path = write(tmp_path, "b.yaml", BANK.replace("themes:\n", "include: [lib.yaml]\nthemes:\n", 1))
    problems = problems_of(path)
    assert [(Path(p.file).name, p.line) for p in problems] == [("lib.yaml", 6)]


def test_unknown_theme_not_reported_when_an_include_is_missing(tmp_path: Path) -> None:
    text = BANK.replace("themes:\n", "include: [gone.yaml]\nthemes:\n", 1).replace("themes: []", "themes: [patience]")
    problems = problems_of(write(tmp_path, "b.yaml", text))
    assert len(problems) == 1 and "not found" in problems[0].message


def test_every_problem_is_collected_and_sorted(tmp_path: Path) -> None:
    text = BANK.replace("title: Sample bank", "titel: Sample bank").replace("id: second", "id: first")
    text = text.replace("themes: [listening]", "themes: [listenin]")
    problems = problems_of(write(tmp_path, "b.yaml", text))
    lines = [p.line for p in problems]
    assert lines == sorted(lines)
    messages = " | ".join(p.message for p in problems)
    for expected in ("missing required field 'title'", "did you mean 'title'", "duplicate question id",
                     "unknown theme 'listenin': did you mean 'listening'?"):
        assert expected in messages


def test_problem_paths_and_columns(tmp_path: Path) -> None:
    text = BANK.replace("themes: [listening]", "themes: [listening, nope]")
    [problem] = problems_of(write(tmp_path, "b.yaml", text))
    assert problem.path == "questions[0].themes[1]"
    assert (problem.line, problem.column) == (14, 25)
    assert problem.format().startswith(f"{tmp_path / 'b.yaml'}:14:25: unknown theme 'nope'")


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"\xef\xbb\xbf" + BANK.encode(), id="bom"),
        pytest.param(BANK.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(b"\xef\xbb\xbf" + BANK.replace("\n", "\r\n").encode(), id="bom+crlf"),
    ],
)
def test_bom_and_crlf_load_normally(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "b.yaml"
    path.write_bytes(raw)
    bank = loader.load_bank(path)
    assert bank.questions[1].prompt == "What do you do when a plan changes?"
    assert bank.line_of("questions", 1, "prompt") == 17


def test_yaml_surprises_say_write_it_in_quotes(tmp_path: Path) -> None:
    text = BANK.replace("title: Sample bank", "title: off").replace("role: Test runner", "role: 1.10")
    problems = problems_of(write(tmp_path, "b.yaml", text))
    assert [(p.line, "'off'" in p.message, "'1.10'" in p.message) for p in problems] == [
        (3, True, False), (5, False, True)
    ]
    assert all("write it in quotes" in p.message for p in problems)


def test_quoted_surprises_are_text(tmp_path: Path) -> None:
    text = BANK.replace("title: Sample bank", "title: 'no'").replace("role: Test runner", 'role: "1.10"')
    bank = loader.load_bank(write(tmp_path, "b.yaml", text))
    assert (bank.title, bank.role) == ("no", "1.10")


def test_anchors_and_merge_keys_work(tmp_path: Path) -> None:
    text = BANK.replace("    keywords: [listen, hear them out]", "    keywords: &kw [listen, hear them out]")
    text += "  - <<: &base {prompt: Shared prompt, model_answer: Shared answer.}\n    id: third\n"
    bank = loader.load_bank(write(tmp_path, "b.yaml", text))
    assert bank.question("third").prompt == "Shared prompt"


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    text = BANK.replace("    prompt: What do you do", "    prompt: One\n    prompt: What do you do")
    [problem] = problems_of(write(tmp_path, "b.yaml", text))
    assert (problem.line, problem.message) == (18, "duplicate key 'prompt' (first at line 17)")


def test_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = BANK.replace(
        "role: Test runner", f"role: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path ['{marker}']]"
    )
    problems = problems_of(write(tmp_path, "b.yaml", text))
    assert "not allowed" in problems[0].message and problems[0].line == 5
    assert not marker.exists()


def test_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    path = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    start = time.perf_counter()
    problems = problems_of(path)
    assert time.perf_counter() - start < 1.0
    assert "alias bomb" in problems[0].message


def test_deep_nesting_gives_a_message_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    [problem] = problems_of(path)
    assert "nesting deeper than" in problem.message


def test_deep_block_nesting_is_refused(tmp_path: Path) -> None:
    text = "".join(" " * depth + f"k{depth}:\n" for depth in range(150)) + " " * 150 + "end\n"
    [problem] = problems_of(write(tmp_path, "deep.yaml", text))
    assert "nesting deeper than" in problem.message and problem.line == 101


def test_size_cap_refuses_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # a sparse file: big, but nothing written
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read the whole file"))
    [problem] = problems_of(path)
    assert "5 MB limit" in problem.message


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(BANK.replace("Sample bank", "Caf\u00e9 bank").encode("latin-1"))
    [problem] = problems_of(path)
    assert (problem.line, problem.column) == (3, 11) and "not UTF-8" in problem.message


def test_tab_in_indentation_names_the_line(tmp_path: Path) -> None:
    [problem] = problems_of(write(tmp_path, "b.yaml", BANK.replace("    label: Listening", "\tlabel: Listening")))
    assert problem.line == 8 and "tab" in problem.message


def test_missing_file_is_a_bank_error(tmp_path: Path) -> None:
    with pytest.raises(BankError) as caught:
        loader.load_bank(tmp_path / "nowhere.yaml")
    assert "cannot read" in caught.value.problems[0].message


def test_not_a_bank_never_echoes_a_long_line(tmp_path: Path) -> None:
    secret = "s" * 5000
    path = write(tmp_path, "notes.yaml", f"{secret}: 1\nplain text {secret}\n")
    problems = loader.check_file(path)[1]
    assert problems and all("s" * 61 not in p.format() for p in problems)


def test_clip_and_format_path() -> None:
    assert clip("x" * 100) == "x" * 60 + "…"
    assert clip("bell\x07") == "bell\\x07"
    assert format_path(("questions", 3, "themes", 1)) == "questions[3].themes[1]"


def test_check_file_accepts_a_theme_library(tmp_path: Path) -> None:
    library, problems = loader.check_file(write(tmp_path, "lib.yaml", LIBRARY))
    assert problems == [] and library is not None and not isinstance(library, Bank)


def test_discovery_lists_builtin_user_and_extra(tmp_path: Path) -> None:
    user = paths.user_banks_dir(create=True)
    write(user, "mine.yaml", BANK.replace("id: sample", "id: mine"))
    write(user, "broken.yaml", "schema: 1\n")
    extra = write(tmp_path, "extra.yaml", BANK.replace("id: sample", "id: extra"))
    found = loader.discover_banks([extra])
    origins = {entry.bank.id: entry.origin for entry in found.banks}
    assert origins["mine"] == "user" and origins["extra"] == "command line"
    assert all(o == "built-in" for i, o in origins.items() if i not in ("mine", "extra"))
    assert found.problems and all(p.file.endswith("broken.yaml") for p in found.problems)


def test_builtin_bank_paths_exclude_theme_libraries() -> None:
    for path in loader.builtin_bank_paths():
        assert path.parent == paths.builtin_banks_dir() and path.suffix in (".yaml", ".yml")


def test_resolve_bank_by_id_and_path(tmp_path: Path) -> None:
    user = paths.user_banks_dir(create=True)
    write(user, "mine.yaml", BANK.replace("id: sample", "id: mine"))
    assert loader.resolve_bank("mine").id == "mine"
    assert loader.resolve_bank(str(user / "mine.yaml")).id == "mine"
    with pytest.raises(BankError) as caught:
        loader.resolve_bank("mien")
    assert "did you mean 'mine'?" in str(caught.value)


def test_scalar_anchors_and_aliases(tmp_path: Path) -> None:
    text = BANK.replace("role: Test runner", "role: &job Test runner").replace(
        "    themes: []\n", "    themes: []\n    tips: [*job]\n"
    )
    assert loader.load_bank(write(tmp_path, "b.yaml", text)).questions[1].tips == ["Test runner"]


def test_too_many_aliases_are_refused(tmp_path: Path) -> None:
    text = "".join(f"a{i}: &a{i} x\n" for i in range(20)) + "".join(f"b{i}: *a{i % 20}\n" for i in range(20_000))
    problems = problems_of(write(tmp_path, "b.yaml", text))
    assert "more than 10,000 aliases" in problems[-1].message


def test_a_flood_of_problems_is_cut_short(tmp_path: Path) -> None:
    text = BANK + "".join(f"unknown{i}: {i}\n" for i in range(50_000))
    start = time.perf_counter()
    problems = problems_of(write(tmp_path, "b.yaml", text))
    assert time.perf_counter() - start < 10
    assert len(problems) == 201 and "and more problems" in problems[-1].message


def test_a_flood_of_duplicate_keys_stops_reading(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, "b.yaml", BANK + "x: 1\n" * 1000))
    assert len(problems) == 201 and "stopped reading" in problems[-1].message


def test_many_unknown_themes_among_many_themes_stay_fast(tmp_path: Path) -> None:
    themes = "".join(
        f"  theme-{i}:\n    label: T\n    description: D\n    keywords: [k{i}]\n" for i in range(3000)
    )
    questions = "".join(f"  - id: q{i}\n    prompt: P\n    themes: [nope-{i}]\n" for i in range(5000))
    text = "schema: 1\nid: x\ntitle: X\ndescription: D\nrole: R\nthemes:\n" + themes + "questions:\n" + questions
    start = time.perf_counter()
    problems = problems_of(write(tmp_path, "b.yaml", text))
    assert time.perf_counter() - start < 15
    assert len(problems) == 201


def test_a_theme_library_is_not_a_bank(tmp_path: Path) -> None:
    [problem] = problems_of(write(tmp_path, "lib.yaml", LIBRARY))
    assert "theme library, not a bank" in problem.message
