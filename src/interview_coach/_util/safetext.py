"""Text from users and banks made safe to show on a terminal: the one rule every output uses.

C0 controls (but tab and newline), DEL, C1 controls, bidi embeddings, overrides and isolates,
and lone surrogates are what a terminal would act on or cannot encode. :func:`visible` shows each
as ONE visible character, so offsets into the original text still point at the same words (the
TUI and the ``score`` report); :func:`printable` writes each as an escape (messages and names).
"""

from __future__ import annotations

import re
from typing import TextIO

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _mark(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ESC becomes ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls, bidi controls and surrogates have no picture of their own


def visible(text: str) -> str:
    """``text`` with each unsafe character replaced by one visible character (tab, newline kept).

    Line endings stay line endings with the same length: CRLF becomes " \\n", a lone CR "\\n".
    """
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return UNSAFE.sub(_mark, text)


def printable(text: str) -> str:
    """``text`` with each unsafe character written as an escape: ``bank\\x1b[2J.yaml``."""
    return UNSAFE.sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text
    )


# As UNSAFE, but a CR that ends a line (CSV's "\r\n") is left alone.
_UNSAFE_OUTPUT = re.compile(
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def for_terminal(text: str) -> str:
    """A command's whole output (CSV, Markdown, Anki text) made safe to reach a terminal: each
    unsafe character becomes one visible character, as in :func:`visible`; line ends are kept."""
    return _UNSAFE_OUTPUT.sub(_mark, text)


class TerminalWriter:
    """A text stream that passes everything written through :func:`for_terminal`."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` made safe."""
        return self.stream.write(for_terminal(text))
