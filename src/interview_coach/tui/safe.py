"""The one path by which user and bank text reaches the screen: literal, never markup.

Every widget that shows text from a user or a bank (answers, prompts, model answers, hints,
titles, file names, error messages, notifications) goes through :func:`plain` or :func:`clean`,
so that ``[bold]`` or ``[@click=app.quit]`` is shown as typed and does nothing, and terminal
control sequences are made visible instead of being sent to the terminal.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls except tab and newline, DEL, and the C1 block: never sent to the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
# Bidi embeddings, overrides and isolates can reorder what the reader sees (U+202A-E, U+2066-9);
# a lone surrogate cannot be encoded for the terminal at all.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible_control(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ESC becomes ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls have no picture of their own


def clean(text: str) -> str:
    """``text`` with each control, bidi or lone surrogate character made visible (tab, newline kept).

    One character in, one character out, so offsets into the original text (the scorer's
    matches) still point at the same words.
    """
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    text = _CONTROL.sub(_visible_control, text)
    return _BIDI.sub("\ufffd", text)


def plain(text: str, style: str = "") -> Text:
    """A Rich Text holding ``text`` literally (no markup parsed), cleaned of control characters."""
    return Text(clean(text), style=style, end="")


def join(*parts: Text | str) -> Text:
    """Concatenate pieces; str pieces are treated as plain text too, never as markup."""
    out = Text(end="")
    for part in parts:
        out.append_text(part if isinstance(part, Text) else plain(part))
    return out


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: max(width - 1, 0)] + "…"
