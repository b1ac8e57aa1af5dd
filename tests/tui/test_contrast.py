"""Contrast (issue 15): every text and bar colour of both themes reaches 4.5:1 (WCAG AA) against
the background it is drawn on. The ratios are computed from the app's own theme variables, its
ANSI colour tables (for named colours such as "green") and the theme inks of the screens.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from textual.color import Color
from textual.constants import DIM_FACTOR
from tui_support import build_app

from interview_coach.tui.config import THEMES
from interview_coach.tui.highlight import COLOURS, RED_FLAG_STYLE, theme_inks

AA = 4.5
ANSI_NAMES = ("red", "green", "yellow", "blue", "magenta", "cyan")


def luminance(colour: Color) -> float:
    """WCAG relative luminance."""
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(one: Color, two: Color) -> float:
    """WCAG contrast ratio of two opaque colours."""
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def resolve(value: str, under: Color) -> Color:
    """A theme variable as drawn over ``under``: 'auto 60%' is the contrasting text colour at
    that opacity; a colour with alpha is blended."""
    if value.startswith("auto"):
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        return under + under.get_contrast_text(alpha)
    return under + Color.parse(value)


def pairs(variables: dict[str, str], ansi: Any, dark: bool) -> list[tuple[str, Color, Color]]:
    """(what, foreground, background) for every colour the screens draw text or bars in."""
    background = Color.parse(variables["background"])
    out: list[tuple[str, Color, Color]] = []
    grounds = {"background": background}
    for name in ("surface", "panel", "boost"):
        grounds[name] = resolve(variables[name], background)
    for text in ("foreground", "text", "text-muted", "text-primary", "text-success",
                 "text-warning", "text-error", "text-accent"):
        for ground_name, ground in grounds.items():
            out.append((f"${text} on ${ground_name}", resolve(variables[text], ground), ground))
    footer = resolve(variables["footer-background"], background)
    for text in ("footer-key-foreground", "footer-description-foreground"):
        out.append((f"${text} on $footer-background", resolve(variables[text], footer), footer))
    # 'dim' text: Textual draws it as the colour blended towards the background.
    plain_text = resolve(variables["text"], background)
    out.append(("dim text", background.blend(plain_text, DIM_FACTOR), background))
    # Named colours in Rich text ("green", "bold red") become the app's ANSI colours.
    for index, name in enumerate(ANSI_NAMES, start=1):
        r, g, b = ansi.ansi_colors[index]
        out.append((f"ANSI {name}", Color(r, g, b), background))
    # Theme labels and bars (meter, feedback, history charts, study): the theme inks.
    bank = SimpleNamespace(themes={f"t{i}": None for i in range(len(COLOURS))})
    for tid, ink in theme_inks(bank, dark).items():  # type: ignore[arg-type]
        out.append((f"theme ink {tid} {ink}", Color.parse(ink), background))
    # Matched words: black on each highlight colour; red flags: white on red.
    for colour in COLOURS:
        out.append((f"black on {colour}", Color(0, 0, 0), Color.parse(colour)))
    flag_ground = Color.parse(RED_FLAG_STYLE.split(" on ")[1].split()[0])
    out.append(("red flag", Color(*ansi.ansi_colors[7]), flag_ground))
    return out


@pytest.mark.parametrize("theme", THEMES)
async def test_every_text_and_bar_colour_reaches_aa(theme: str) -> None:
    """All pairs of one theme reach 4.5:1; the failures are listed together."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()
        variables = app.theme_variables
        found = pairs(variables, app.ansi_theme, app.current_theme.dark)
    low = [f"{what}: {fg.hex} on {bg.hex} = {ratio(fg, bg):.2f}"
           for what, fg, bg in found if ratio(fg, bg) < AA]
    assert not low, "\n".join(low)


def test_both_themes_are_the_apps_own() -> None:
    """Light and dark are the two checked themes, and the app starts dark."""
    app = build_app()
    assert app.theme == THEMES[0]
    assert len(THEMES) == 2
