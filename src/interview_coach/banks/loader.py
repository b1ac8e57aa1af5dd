"""Loading banks from YAML: safe parsing, validation that names file and line, discovery.

A bank is read by :mod:`interview_coach.banks.yamlsafe` (positions kept, traps refused), checked by
the pydantic models (each error mapped back to its line), then by the rules a schema cannot
say (unique question ids, known theme ids, includes). Every problem is collected; a bank with
any problem does not load.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from interview_coach._util import paths
from interview_coach._util.errors import BankError, Problem
from interview_coach._util.gcpause import gc_paused
from interview_coach.banks.models import Bank, Question, RedFlag, Theme, ThemeLibrary
from interview_coach.banks.stance_file import check_stance_header
from interview_coach.banks.yamlsafe import (
    MAX_PROBLEMS,
    Document,
    KeyPath,
    LazyPositions,
    clip,
    format_path,
    read_document,
)

BANK_SUFFIXES = (".yaml", ".yml")
MAX_INCLUDES = 20
_URL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)")
_NESTED_MODELS: dict[str, type[BaseModel]] = {"questions": Question, "themes": Theme, "red_flags": RedFlag}
_TYPE_NAMES = {
    "string_type": "text", "int_type": "a whole number", "float_type": "a number",
    "list_type": "a list", "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)", "model_attributes_type": "a mapping (key: value lines)",
    "bool_type": "true or false", "int_from_float": "a whole number",
}


@dataclass(frozen=True)
class BankEntry:
    """A bank that loaded, where it came from ('built-in', 'user', 'command line')."""

    bank: Bank
    path: Path
    origin: str


@dataclass
class Discovery:
    """What discovery found: the banks that loaded and the problems of those that did not."""

    banks: list[BankEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Includes:
    """Themes merged from a bank's includes, their bytes, and what went wrong."""

    themes: dict[str, Theme] = field(default_factory=dict)
    raw: list[bytes] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True


def check_bank(path: Path | str) -> tuple[Bank | None, list[Problem]]:
    """Load and validate one bank file; never raises for a bad bank."""
    path = Path(path)
    # First a quick pass that records no positions: most banks are fine. Messages about a
    # bank that is not need every position, so it is read again, this time keeping them.
    doc, problems = read_document(path, str(path), positions=False)
    if doc is None:
        return None, problems
    if not problems:
        bank, _ = _check_bank_document(doc, path, [])
        if bank is not None:
            return bank, []
    doc, problems = read_document(path, str(path))
    if doc is None:
        return None, problems
    return _check_bank_document(doc, path, problems)


def check_file(path: Path | str) -> tuple[Bank | ThemeLibrary | None, list[Problem]]:
    """Check a bank, or a theme library (a file holding only 'schema' and 'themes')."""
    path = Path(path)
    doc, problems = read_document(path, str(path))
    if doc is None:
        return None, problems
    if is_library_data(doc.data):
        return _check_library_document(doc, path, problems)
    return _check_bank_document(doc, path, problems)


def check_library(path: Path | str) -> tuple[ThemeLibrary | None, list[Problem]]:
    """Load and validate one theme library file; never raises for a bad file."""
    path = Path(path)
    doc, problems = read_document(path, str(path))
    if doc is None:
        return None, problems
    if not is_library_data(doc.data):
        message = "this file is not a theme library: a theme library holds only 'schema' and 'themes'"
        return None, [*problems, Problem(str(path), 1, 1, "", message)]
    return _check_library_document(doc, path, problems)


def load_theme_library(path: Path | str) -> ThemeLibrary:
    """Load one theme library file, raising :class:`BankError` with every problem found."""
    library, problems = check_library(path)
    if library is None:
        raise BankError(problems)
    return library


def _check_library_document(
    doc: Document, path: Path, problems: list[Problem]
) -> tuple[ThemeLibrary | None, list[Problem]]:
    library, invalid = _validate(ThemeLibrary, doc, str(path))
    problems = problems + invalid
    return (None if problems else library), _sorted(problems, str(path))


def is_library_data(data: Any) -> bool:
    """Whether parsed data has the shape of a theme library rather than a bank."""
    return isinstance(data, dict) and "themes" in data and set(data) <= {"schema", "themes"}


def _check_bank_document(
    doc: Document, path: Path, problems: list[Problem]
) -> tuple[Bank | None, list[Problem]]:
    display = str(path)
    if not isinstance(doc.data, dict):
        return None, [*problems, _not_a_mapping(doc, display, "bank")]
    if is_library_data(doc.data):
        message = "this file is a theme library, not a bank: a bank names it in its 'include' list"
        return None, [*problems, Problem(display, 1, 1, "", message)]
    includes = _load_includes(doc, path, display)
    with gc_paused():  # pydantic builds as many objects again
        bank, invalid = _validate(Bank, doc, display)
    problems = problems + includes.problems + invalid + _semantic_problems(doc, display, includes)
    stance = _stance_model(bank, path, doc, display, problems) if bank is not None else ""
    if problems or bank is None:
        return None, _sorted(problems, display)
    _finish(bank, path, doc, includes)
    bank._stance_path = stance
    return bank, []


def _stance_model(bank: Bank, path: Path, doc: Document, display: str,
                  problems: list[Problem]) -> str:
    """The resolved stance model file of ``bank`` ('' for none); one that is missing or is not
    a stance model is a problem at the bank's ``stance_model`` line. Only its first bytes are
    read here: the weights are read when the bank is first scored (see scoring.stance)."""
    if not bank.stance_model:
        return ""
    if bank.stance_model.startswith(BUILTIN_PREFIX):
        # "builtin:peer_support_worker": the model shipped beside a built-in bank, so that a
        # bank copied or derived from it keeps its model from any folder
        name = bank.stance_model[len(BUILTIN_PREFIX):]
        folder = paths.builtin_banks_dir()
        target = folder / f"{name}{STANCE_SUFFIX}"
        if "/" in name or "\\" in name or not target.is_file():
            known = ", ".join(sorted(f"{BUILTIN_PREFIX}{p.name[:-len(STANCE_SUFFIX)]}"
                                     for p in folder.glob(f"*{STANCE_SUFFIX}"))) or "none"
            problems.append(_problem_at(doc, display, ("stance_model",),
                                        f"no built-in stance model '{clip(name)}' (known: {known})"))
            return ""
    else:
        target = (path.parent / bank.stance_model).resolve()
    why = check_stance_header(target)
    if why:
        problems.append(_problem_at(doc, display, ("stance_model",), why))
        return ""
    return str(target)


def _sorted(problems: list[Problem], display: str) -> list[Problem]:
    """The bank's own problems first, by line and column, then those of its includes.

    Past :data:`MAX_PROBLEMS` the rest are summed up in one last problem.
    """
    ordered = sorted(problems, key=lambda p: (p.file != display, p.file, p.line, p.column))
    if len(ordered) <= MAX_PROBLEMS:
        return ordered
    last = ordered[MAX_PROBLEMS - 1]
    more = Problem(last.file, last.line, last.column, "", f"… and more problems after these {MAX_PROBLEMS}")
    return [*ordered[:MAX_PROBLEMS], more]


def load_bank(path: Path | str) -> Bank:
    """Load one bank file, raising :class:`BankError` with every problem found."""
    bank, problems = check_bank(path)
    if bank is None:
        raise BankError(problems)
    return bank


def _finish(bank: Bank, path: Path, doc: Document, includes: _Includes) -> None:
    """Merge included themes (the bank's own win) and record source, positions and hash."""
    bank.themes = {**includes.themes, **bank.themes}
    bank._source = str(path)
    bank._lines = LazyPositions(doc.raw)
    digest = hashlib.sha256(doc.raw)
    for raw in includes.raw:
        digest.update(raw)
    bank._content_hash = digest.hexdigest()[:16]


def _not_a_mapping(doc: Document, display: str, what: str) -> Problem:
    found = _describe(doc.data)
    return Problem(
        display, 1, 1, "",
        f"this file is not a {what}: expected 'key: value' lines such as 'schema: 1' at the top, found {found}",
    )


# -- validation against the models -------------------------------------------------------------


def _validate(
    model: type[BaseModel], doc: Document, display: str
) -> tuple[Any, list[Problem]]:
    """The validated model, or ``None`` and one problem per pydantic error."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems = []
    lines: list[str] = []  # the file's lines, read once when an indentation check needs them
    for error in errors[: MAX_PROBLEMS + 1]:  # one past the cap, so _sorted says there are more
        loc = tuple(part for part in error["loc"] if part != "[key]")
        if any(loc[: len(r)] == r for r in doc.refused):
            continue  # already reported (a refused tag or value)
        line, column = doc.position(loc)
        message = _indentation_message(error, loc, doc, line, lines) or _message(error, loc, doc, model)
        problems.append(Problem(display, line, column, format_path(loc), message))
    return None, problems


def _indentation_message(
    error: Any, loc: KeyPath, doc: Document, line: int, lines: list[str]
) -> str | None:
    """A key in the wrong place because it is indented less than the item it belongs to."""
    if error["type"] != "extra_forbidden" and error["type"] not in _TYPE_NAMES:
        return None
    if len(loc) not in (1, 2) or not isinstance(loc[-1], str):
        return None
    from interview_coach.banks.indentation import explain_less_indented

    if not lines:
        lines += doc.raw.decode("utf-8", "replace").splitlines()
    return explain_less_indented(lines, line)


def _message(error: Any, loc: KeyPath, doc: Document, model: type[BaseModel]) -> str:
    kind, value = error["type"], error.get("input")
    name = _field_name(loc)
    if kind == "missing":
        return f"missing required field '{clip(name)}'"
    if kind == "extra_forbidden":
        return _unknown_key(name, loc[:-1], model)
    if kind == "literal_error" and loc == ("schema",):
        return f"unknown schema version {clip(repr(value))}: this version of interview-coach reads schema 1 and 2"
    if kind in _TYPE_NAMES:
        return _wrong_type(_TYPE_NAMES[kind], value, doc.spellings.get(loc), name)
    return _constraint_message(kind, name, value, error)


def _field_name(loc: KeyPath) -> str:
    """How a message names the value at ``loc``: its key, or ``questions[2]`` for a list item."""
    if not loc:
        return "bank"
    if isinstance(loc[-1], int):
        return format_path(loc[-2:])
    return str(loc[-1])


def _constraint_message(kind: str, name: str, value: Any, error: Any) -> str:
    if kind == "string_too_short":
        return f"'{clip(name)}' must not be empty"
    if kind == "too_short" and name == "keywords":
        return "the keyword list is empty: give at least one word or phrase"
    if kind == "too_short" and name == "questions":
        return "a bank needs at least one question"
    if kind == "too_short":
        return f"'{clip(name)}' must not be empty"
    if kind == "string_pattern_mismatch":
        return (
            f"'{clip(value)}' is not a valid id: use lower-case letters, digits, '-' and '_', "
            "starting with a letter or digit"
        )
    message = str(error["msg"]).replace("Input should be", "should be", 1)
    found = f" (found {clip(value)})" if isinstance(value, int | float | str) else ""
    return f"'{clip(name)}' {clip(message, 120)}{found}"


def _wrong_type(expected: str, value: Any, spelling: str | None, name: str) -> str:
    """A type error; when YAML changed what was written, say to quote it."""
    if spelling and expected == "text":
        became = _describe(value) if value is not None else "nothing (null)"
        return f"'{clip(spelling)}' was read as {became}; if you mean the text, write it in quotes: \"{clip(spelling)}\""
    if value is None:
        return f"'{clip(name)}' has no value: expected {expected}"
    return f"'{clip(name)}' should be {expected}, found {_describe(value)}"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({clip(value)})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return f"a {type(value).__name__}"  # dates and times


def _unknown_key(key: str, parent: KeyPath, model: type[BaseModel]) -> str:
    allowed = _allowed_keys(parent, model)
    if model is ThemeLibrary and not parent:
        return f"unknown key '{clip(key)}': a theme library holds only 'schema' and 'themes'"
    return f"unknown key '{clip(key)}'{_suggest(key, allowed)}"


def _allowed_keys(parent: KeyPath, model: type[BaseModel]) -> list[str]:
    target = model
    if len(parent) == 2 and isinstance(parent[0], str) and parent[0] in _NESTED_MODELS:
        target = _NESTED_MODELS[parent[0]]
    return [f.alias or name for name, f in target.model_fields.items()]


def _suggest(word: str, choices: Iterable[str]) -> str:
    """``: did you mean 'x'?`` for the closest choice, or nothing."""
    from interview_coach.banks.suggest import did_you_mean

    return did_you_mean(word, choices)


# -- rules the schema cannot say ----------------------------------------------------------------


def _semantic_problems(doc: Document, display: str, includes: _Includes) -> list[Problem]:
    """Duplicate question ids, unknown theme ids, questions with nothing to score against."""
    data = doc.data
    questions = data.get("questions")
    if not isinstance(questions, list):
        return []
    own = data.get("themes")
    theme_ids = set(includes.themes) | (set(own) if isinstance(own, dict) else set())
    check_themes = includes.complete and (own is None or isinstance(own, dict))
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    for index, question in enumerate(questions):
        if len(problems) > MAX_PROBLEMS:
            break  # enough to be going on with; _sorted says there are more
        if isinstance(question, dict):
            where = ("questions", index)
            problems += _duplicate_id(question, where, doc, display, first_seen)
            if check_themes:
                problems += _unknown_themes(question, where, doc, display, theme_ids)
            problems += _nothing_to_score(question, where, doc, display)
    return problems


def _problem_at(doc: Document, display: str, path: KeyPath, message: str) -> Problem:
    line, column = doc.position(path)
    return Problem(display, line, column, format_path(path), message)


def _duplicate_id(
    question: dict[str, Any], where: KeyPath, doc: Document, display: str, first_seen: dict[str, int]
) -> list[Problem]:
    qid = question.get("id")
    if not isinstance(qid, str):
        return []
    path = (*where, "id")
    if qid in first_seen:
        message = f"duplicate question id '{clip(qid)}' (first at line {first_seen[qid]})"
        return [_problem_at(doc, display, path, message)]
    first_seen[qid] = doc.position(path)[0]
    return []


def _unknown_themes(
    question: dict[str, Any], where: KeyPath, doc: Document, display: str, theme_ids: set[str]
) -> list[Problem]:
    themes = question.get("themes")
    if not isinstance(themes, list):
        return []
    problems = []
    for index, theme in enumerate(themes):
        if isinstance(theme, str) and theme not in theme_ids:
            message = f"unknown theme '{clip(theme)}'{_suggest(theme, theme_ids)}"
            problems.append(_problem_at(doc, display, (*where, "themes", index), message))
    return problems


def _nothing_to_score(question: dict[str, Any], where: KeyPath, doc: Document, display: str) -> list[Problem]:
    answer, themes = question.get("model_answer", ""), question.get("themes", [])
    if isinstance(answer, str) and not answer.strip() and themes == []:
        message = "the question has no model answer and no themes: give it one or the other"
        return [_problem_at(doc, display, where, message)]
    return []


# -- includes -----------------------------------------------------------------------------------


def _load_includes(doc: Document, path: Path, display: str) -> _Includes:
    """Read each theme library the bank includes, in order (later ones override earlier)."""
    result = _Includes()
    entries = doc.data.get("include")
    if not isinstance(entries, list):
        return result
    if len(entries) > MAX_INCLUDES:
        message = f"a bank may include at most {MAX_INCLUDES} theme libraries, not {len(entries)}"
        result.problems.append(_problem_at(doc, display, ("include",), message))
        result.complete = False
        return result
    for index, entry in enumerate(entries):
        if isinstance(entry, str):
            _load_include(entry, ("include", index), doc, path, display, result)
    return result


BUILTIN_PREFIX = "builtin:"
STANCE_SUFFIX = ".stance.json"  # a built-in bank's stance model: NAME.stance.json beside it


def builtin_libraries() -> dict[str, Path]:
    """The theme libraries shipped with the app, by name (``workplace``)."""
    folder = paths.builtin_banks_dir() / "themes"
    return {p.stem: p for p in sorted(folder.glob("*.y*ml")) if p.suffix in BANK_SUFFIXES}


def builtin_library(entry: str) -> tuple[Path | None, str]:
    """The file an ``include: [builtin:NAME]`` entry names, or ``None`` and why not."""
    name = entry.removeprefix(BUILTIN_PREFIX).strip()
    libraries = builtin_libraries()
    if name in libraries:
        return libraries[name], ""
    known = ", ".join(f"builtin:{n}" for n in libraries) or "none"
    return None, (f"no built-in theme library '{clip(name)}'{_suggest(name, libraries)} "
                  f"(the built-in ones: {known})")


def include_problem(entry: str) -> str | None:
    """Why an ``include`` entry is not acceptable as written, or ``None``."""
    if _URL.match(entry):
        return f"include '{clip(entry)}' is a URL: an include must be a relative path to a .yaml file"
    if Path(entry).is_absolute() or entry.startswith(("/", "\\")):
        return f"include '{clip(entry)}' is an absolute path: write it relative to the bank file"
    if any(ord(c) < 32 or c == "\x7f" for c in entry):
        return f"include '{clip(entry)}' holds control characters: it cannot name a file"
    if Path(entry).suffix.lower() not in BANK_SUFFIXES:
        return f"include '{clip(entry)}' must name a .yaml or .yml theme library"
    return None


def _load_include(
    entry: str, where: KeyPath, doc: Document, path: Path, display: str, result: _Includes
) -> None:
    def fail(message: str) -> None:
        result.problems.append(_problem_at(doc, display, where, message))
        result.complete = False

    if entry.startswith(BUILTIN_PREFIX):
        builtin, why = builtin_library(entry)
        if builtin is None:
            return fail(why)
        if (failure := _read_library(builtin, str(builtin), path, entry, result)) is not None:
            return fail(failure)
        return None
    if (problem := include_problem(entry)) is not None:
        return fail(problem)
    target = path.parent / entry
    if not _confined(target, path):
        return fail(f"include '{clip(entry)}' is outside the bank's folder: an include must be a "
                    "theme library in the bank's folder (or below it) or in the built-in library")
    if _same_file(target, path):
        return fail(f"circular include: '{clip(entry)}' is this bank itself")
    if not target.is_file():
        return fail(f"included file '{clip(entry)}' not found (looked in {clip(str(path.parent), 80)})")
    if (message := _read_library(target, str(Path(display).parent / entry), path, entry, result)) is not None:
        return fail(message)
    return None


def _read_library(target: Path, lib_display: str, bank: Path, entry: str, result: _Includes) -> str | None:
    """Merge one theme library into ``result``; a message for the include line, if any."""
    lib_doc, problems = read_document(target, lib_display)
    result.problems += problems
    if lib_doc is None or problems:
        result.complete = False
        return None
    if (message := _library_shape(lib_doc, target, bank, entry)) is not None:
        return message
    library, invalid = _validate(ThemeLibrary, lib_doc, lib_display)
    result.problems += invalid
    if library is None:
        result.complete = False
        return None
    result.themes.update(library.themes)
    result.raw.append(lib_doc.raw)
    return None


def _library_shape(lib: Document, target: Path, bank: Path, entry: str) -> str | None:
    """Why an included file is not a theme library (or includes the bank back), or ``None``."""
    if not isinstance(lib.data, dict):
        return f"included file '{clip(entry)}' is not a theme library (found {_describe(lib.data)})"
    back = lib.data.get("include")
    if isinstance(back, list) and any(
        isinstance(e, str) and include_problem(e) is None and _same_file(target.parent / e, bank) for e in back
    ):
        return f"circular include: '{clip(entry)}' includes this bank back"
    extra = sorted(str(k) for k in lib.data if k not in ("schema", "themes"))
    if extra:
        listed = ", ".join(f"'{clip(k, 30)}'" for k in extra[:4])
        return f"included file '{clip(entry)}' is not a theme library: it may hold only 'schema' and 'themes', not {listed}"
    return None


def _confined(target: Path, bank: Path) -> bool:
    """Whether ``target`` (symlinks followed) lies in the bank's folder or the built-in library:
    an include never reads, or quotes in an error, a file from anywhere else."""
    try:
        real = target.resolve()
        homes = (bank.parent.resolve(), paths.builtin_banks_dir().resolve() / "themes")
    except (OSError, RuntimeError, ValueError):
        return False
    return any(real.is_relative_to(home) for home in homes)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a name the system refuses
        return False


# -- where banks come from -------------------------------------------------------------------


def builtin_bank_paths() -> list[Path]:
    """The shipped bank files (theme libraries in ``themes/`` excluded)."""
    folder = paths.builtin_banks_dir()
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in BANK_SUFFIXES and p.is_file())


def user_bank_paths() -> list[Path]:
    """The bank files in the user's bank folder (none when it does not exist)."""
    folder = paths.user_banks_dir(create=False)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in BANK_SUFFIXES and p.is_file())


def discover_banks(extra: list[Path] | tuple[Path, ...] = ()) -> Discovery:
    """Built-in banks, the user's bank folder, then paths given on the command line."""
    found = Discovery()
    sources = [(p, "built-in") for p in builtin_bank_paths()]
    sources += [(p, "user") for p in user_bank_paths()]
    sources += [(Path(p), "command line") for p in extra]
    for path, origin in sources:
        bank, problems = check_bank(path)
        if bank is not None:
            found.banks.append(BankEntry(bank, path, origin))
        found.problems.extend(problems)
    return found


def resolve_bank(name: str) -> Bank:
    """A bank by path, or by the id of a bank that discovery finds."""
    candidate = Path(name)
    if candidate.suffix in BANK_SUFFIXES or candidate.exists():
        return load_bank(candidate)
    found = discover_banks()
    for entry in found.banks:
        if entry.bank.id == name:
            return entry.bank
    ids = [entry.bank.id for entry in found.banks]
    message = (f"no bank with id or path '{clip(name)}'{_suggest(name, ids)} "
               "(list them with: interview-coach banks)")
    raise BankError([Problem(name, 0, 0, "", message)])
