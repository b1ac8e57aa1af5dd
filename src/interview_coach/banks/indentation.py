"""Plain-words messages for indentation mistakes in a bank file.

YAML reports a line indented too little or too much as a syntax error ("did not find expected
'-' indicator", "mapping values are not allowed here") or, when the file still parses, as a key in
the wrong place ("unknown key 'hint'"). When the key on the line is a field of the theme, question
or red flag just above it, the real mistake is its indentation: say so, name the item it belongs
to and the key it should line up with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*) *:(?:\s|$)(?P<value>.*)$")
# Top-level section -> (what one item is called, the model whose fields its items hold)
MAX_LOOK_BACK = 400  # lines looked at above a mistake for the item it belongs to
MAX_SECTION_LOOK_BACK = 50_000  # lines looked at for the top-level key (a cheap test per line)
_SECTIONS = {"themes": ("theme", "Theme"), "questions": ("question", "Question"),
             "red_flags": ("red flag", "RedFlag")}


@dataclass(frozen=True)
class _KeyLine:
    number: int  # 1-based
    column: int  # 0-based column of the key
    key: str
    value: str
    dash: bool


def _key_line(lines: list[str], number: int) -> _KeyLine | None:
    if not 1 <= number <= len(lines):
        return None
    match = _KEY.match(lines[number - 1])
    if match is None:
        return None
    column = len(match["indent"]) + len(match["dash"] or "")
    return _KeyLine(number, column, match["key"], match["value"].strip(), bool(match["dash"]))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _fields(model_name: str) -> set[str]:
    from interview_coach.banks import models

    model = getattr(models, model_name)
    return {field.alias or name for name, field in model.model_fields.items()}


def _section(lines: list[str], number: int) -> str | None:
    """The top-level key whose block holds line ``number``."""
    for k in range(number - 1, max(number - MAX_SECTION_LOOK_BACK, 0), -1):
        first = lines[k - 1][:1]
        if not first.isalpha() and first != "_":
            continue
        found = _key_line(lines, k)
        if found is not None:
            return found.key
    return None


def explain_less_indented(lines: list[str], number: int) -> str | None:
    """If the key on line ``number`` belongs to the item above it but is indented less, say so."""
    here = _key_line(lines, number)
    if here is None:
        return None
    sibling = None
    for k in range(number - 1, max(number - MAX_LOOK_BACK, 0), -1):
        if not _content(lines[k - 1]):
            continue
        sibling = _key_line(lines, k)
        break
    if sibling is None or sibling.column <= here.column or sibling.column == 0:
        return None
    section = _section(lines, number)
    if section not in _SECTIONS:
        return None
    kind, model_name = _SECTIONS[section]
    if here.key not in _fields(model_name):
        return None
    owner = _owner(lines, sibling)
    where = f" ({owner})" if owner else ""
    return (f"'{here.key}' is indented less than the {kind} it belongs to{where}: "
            f"line it up with '{sibling.key}' on line {sibling.number} (column {sibling.column + 1})")


def _owner(lines: list[str], sibling: _KeyLine) -> str:
    """How to name the item that ``sibling`` is a field of: "'calm', line 7"."""
    for k in range(sibling.number, max(sibling.number - MAX_LOOK_BACK, 0), -1):
        found = _key_line(lines, k)
        if found is None:
            continue
        if found.dash and found.column == sibling.column:
            name = found.value if found.key == "id" and found.value else ""
            return f"'{name}', line {k}" if name else f"line {k}"
        if found.column < sibling.column and not found.dash:
            return f"'{found.key}', line {k}"
    return ""


def explain_more_indented(lines: list[str], number: int) -> str | None:
    """If the key on line ``number`` is indented more than the key above it, say so."""
    here = _key_line(lines, number)
    if here is None:
        return None
    for k in range(number - 1, max(number - MAX_LOOK_BACK, 0), -1):
        if not _content(lines[k - 1]):
            continue
        above = _key_line(lines, k)
        if above is None or above.column >= here.column or not above.value:
            return None
        return (f"'{here.key}' is indented more than '{above.key}' on line {k}, so it is read as part "
                f"of that value: line it up with '{above.key}' (column {above.column + 1})")
    return None


def explain_syntax_error(text: str, line: int, problem: str) -> tuple[int, int, str] | None:
    """A plain-words (line, column, message) for a YAML syntax error caused by indentation."""
    lines = text.splitlines()
    message = None
    if "expected '-' indicator" in problem or "expected <block end>" in problem:
        message = explain_less_indented(lines, line)
    elif "mapping values are not allowed" in problem:
        message = explain_more_indented(lines, line)
    if message is None:
        return None
    return line, _indent(lines[line - 1]) + 1, message
