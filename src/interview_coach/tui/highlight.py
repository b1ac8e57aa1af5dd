"""Rich Text built from plain text by styling spans: matched words in theme colours, red flags.

Works on a :class:`ScoreResult` (a stored attempt holds one too, read back by the history), so
stored attempts and fresh results are drawn the same way; None (a stored result that could not be
read) draws the text plainly. Never markup: the text is plain, only spans get styles.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from interview_coach.banks.models import Bank
from interview_coach.scoring import RedFlagHit, ScoreResult
from interview_coach.tui.literal import plain

COLOURS = ("#4ea8de", "#80ed99", "#ffd166", "#c77dff", "#f4a261", "#72efdd", "#ff8fab", "#a3c4f3")
RED_FLAG_STYLE = "bold white on #c1121f underline"
# Words said against a theme (an anti-cue without negation): underlined, so not by colour alone.
ANTI_CUE_STYLE = "bold underline #ff4d6d"
# The mark of each theme state: drawn beside the label, so no state is told by colour alone.
STATE_MARKS = {"covered": "●", "touched": "◐", "contradicted": "✗", "missed": "○"}
SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2}
# Answers longer than this show their start and a note: laying out a megabyte of text on every
# repaint would freeze the screen. The whole answer is kept and scored.
DISPLAY_CAP = 20_000


# The same hues, deep enough to read as text on a light background.
DEEP = ("#1d6fa5", "#267a37", "#9a6700", "#7b2cbf", "#b5470f", "#0f7f72", "#c2185b", "#3b5ba5")


def theme_colours(bank: Bank) -> dict[str, str]:
    """A highlight colour per theme id, in the bank's order (black text on it reads in both
    themes)."""
    return {tid: COLOURS[i % len(COLOURS)] for i, tid in enumerate(bank.themes)}


def theme_inks(bank: Bank, dark: bool) -> dict[str, str]:
    """A text colour per theme id: the highlight colour on dark, a deeper one on light."""
    palette = COLOURS if dark else DEEP
    return {tid: palette[i % len(palette)] for i, tid in enumerate(bank.themes)}


def marked(text: str, score: ScoreResult | None, colours: dict[str, str],
           flags: bool = True, limit: int = DISPLAY_CAP) -> Text:
    """``text`` with each theme match in its theme's colour, words said against a theme
    underlined in red, and red flags marked.

    Only the first ``limit`` characters are drawn, then a note says how many more there are:
    wrapping a 1 MB answer would freeze the screen for seconds (the whole answer is kept).
    """
    out = plain(text[:limit])
    for theme in score.themes if score else []:
        style = f"black on {colours.get(theme.id, COLOURS[0])}"
        _stylise(out, ((m.start, m.end) for m in theme.matches), style)
        said = (h for h in theme.anti_matches if not h.negated)
        _stylise(out, ((h.start, h.end) for h in said), ANTI_CUE_STYLE)
    if flags and score:
        _stylise(out, ((f.start, f.end) for f in score.red_flags), RED_FLAG_STYLE)
    if len(text) > limit:
        out.append_text(plain(f"\n… and {len(text) - limit:,} more characters, not shown here "
                              "(the whole answer is kept and was scored)", "dim italic"))
    return out


def flags_in_order(result: ScoreResult) -> list[RedFlagHit]:
    """The red flags, critical ones first, then major, then minor (each group as found)."""
    return sorted(result.red_flags, key=lambda f: SEVERITY_ORDER.get(f.severity, 1))


def _stylise(out: Text, spans: Iterable[tuple[int, int]], style: str) -> None:
    size = len(out.plain)
    for start, end in spans:
        if 0 <= start < min(end, size):
            out.stylize(style, start, min(end, size))


def bar(fraction: float, width: int = 10) -> str:
    """A text bar such as ``███████░░░`` for a value 0-1."""
    fraction = min(max(fraction, 0.0), 1.0)
    full = round(fraction * width)
    return "█" * full + "░" * (width - full)


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], high: float = 100.0) -> str:
    """Scores as a line of block characters, oldest first."""
    if not values:
        return ""
    return "".join(SPARKS[min(int(max(v, 0) / high * (len(SPARKS) - 1) + 0.5), 7)] for v in values)


def clock(seconds: float) -> str:
    """Seconds as m:ss."""
    seconds = max(int(seconds), 0)
    return f"{seconds // 60}:{seconds % 60:02d}"
