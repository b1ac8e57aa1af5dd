"""The app's two themes, dark and light, and the ANSI colours it draws named colours with.

Textual's own light theme sets grey on grey (theme labels and bars came out at about 1.0-1.3 to
1). These keep Textual's look but choose every colour that is drawn as text or as a bar so that
it reaches 4.5:1 against the background it sits on (WCAG AA); tests/tui/test_contrast.py
computes the ratios from these very values.
"""

from __future__ import annotations

from dataclasses import replace

from rich.terminal_theme import TerminalTheme
from textual.theme import BUILTIN_THEMES, Theme

DARK, LIGHT = "coach-dark", "coach-light"

COACH_DARK: Theme = replace(BUILTIN_THEMES["textual-dark"], name=DARK)

COACH_LIGHT: Theme = replace(
    BUILTIN_THEMES["textual-light"], name=LIGHT,
    background="#FFFFFF", surface="#F4F4F4", panel="#E6E6E6",
    primary="#004578", secondary="#005A9E", accent="#7A4F00",
    warning="#7A4F00", error="#A3172F", success="#1E6B34",
    variables={
        "footer-key-foreground": "#004578",
        "text-warning": "#6B4500", "text-success": "#1E6B34", "text-error": "#A3172F",
        "text-accent": "#6B4500", "text-primary": "#004578", "text-secondary": "#004A80",
    },
)

THEMES: dict[str, Theme] = {DARK: COACH_DARK, LIGHT: COACH_LIGHT}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _terminal(background: str, foreground: str, normal: list[str], bright: list[str]) -> TerminalTheme:
    return TerminalTheme(_rgb(background), _rgb(foreground),
                         [_rgb(c) for c in normal], [_rgb(c) for c in bright])


# Named colours in Rich text ("green", "yellow", "red", ...) become these, per theme.
# Order: black, red, green, yellow, blue, magenta, cyan, white (normal, then bright).
# Dark: Textual's own (Monokai), with the two colours that fell short made lighter: red
# and magenta (4.47:1) and white (3.6:1 under the white-on-red of red flags).
ANSI_DARK = _terminal(
    "#0C0C0C", "#D9D9D9",
    ["#1A1A1A", "#FF5F87", "#98E024", "#FD971F", "#9D65FF", "#FF5FAF", "#58D1EB", "#F6F6EF"],
    ["#625E4C", "#F4005F", "#98E024", "#E0D561", "#9D65FF", "#F4005F", "#58D1EB", "#F6F6EF"],
)
ANSI_LIGHT = _terminal(
    "#FFFFFF", "#1F1F1F",
    ["#000000", "#B3261E", "#1E6B34", "#6B4500", "#1D4FA5", "#7B2CBF", "#0B6B72", "#F7F7F7"],
    ["#595959", "#A3172F", "#1A5E2E", "#5C3B00", "#1A4690", "#6A22A8", "#095C62", "#FFFFFF"],
)
