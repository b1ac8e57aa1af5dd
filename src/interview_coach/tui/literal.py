"""The one path by which user and bank text reaches the screen: literal, never markup.

Every widget that shows text from a user or a bank (answers, prompts, model answers, hints,
titles, file names, error messages, notifications) goes through :func:`plain` or :func:`clean`,
so that ``[bold]`` or ``[@click=app.quit]`` is shown as typed and does nothing, and terminal
control sequences are made visible instead of being sent to the terminal.
"""

from __future__ import annotations

from rich.text import Text

from interview_coach._util.safetext import visible


def clean(text: str) -> str:
    """``text`` with each control, bidi or lone surrogate character made visible (tab, newline kept).

    One character in, one character out, so offsets into the original text (the scorer's
    matches) still point at the same words. The rule itself is the core's, shared with the CLI.
    """
    return visible(text)


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
