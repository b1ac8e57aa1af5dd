"""``interview-coach score BANK QUESTION_ID [FILE|-] [--json]``: score one answer and explain it.

Exit codes: 0 scored, 2 usage or I/O error (unknown bank or question, unreadable file).
``--json`` prints ``ScoreResult.to_dict()``: ``score``, ``reference_similarity``, ``words``,
``themes`` (every theme of the bank: ``id``, ``label``, ``expected``, ``covered``, ``strength``,
``negated``, ``hint``, ``state`` (covered, touched, contradicted or missed), ``matches`` of
``keyword``, ``text``, ``start``, ``end``, ``similarity``, ``negated``, ``strong``, and
``anti_matches`` of ``phrase``, ``why``, ``text``, ``start``, ``end``, ``negated``),
``red_flags`` (with ``severity``), ``delivery``, ``parts``, ``feedback``, ``question_terms``,
``capped``. Offsets are character offsets into the answer as read (after a UTF-8 BOM).
All user and bank text reaches the terminal as rich ``Text`` objects (never markup), with
control characters made visible.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from interview_coach._util.errors import UsageError
from interview_coach._util.inputcap import MB, read_input
from interview_coach._util.jsontext import dumps
from interview_coach._util.safetext import visible
from interview_coach.cli.output import EXIT_OK

if TYPE_CHECKING:
    from rich.text import Text

    from interview_coach.banks.models import Question
    from interview_coach.scoring import ScoreResult

MAX_ANSWER_BYTES = 10 * MB

def read_answer(name: str) -> str:
    """The answer text from a file, or from stdin for ``-`` (UTF-8; a BOM is dropped)."""
    if name == "-" and sys.stdin.isatty():
        print("Type or paste the answer, then press Ctrl-D (Ctrl-Z Enter on Windows).",
              file=sys.stderr)
    data = read_input(name, MAX_ANSWER_BYTES)  # no FIFO, device or endless stdin
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    return text.removeprefix("\ufeff")


def run(args: argparse.Namespace) -> int:
    """Score the answer and print the report (or JSON)."""
    # The app's own errors and I/O errors reach cli.main, which reports them and exits 2.
    from interview_coach.banks.loader import resolve_bank
    from interview_coach.banks.suggest import require_question
    from interview_coach.scoring import Scorer

    bank = resolve_bank(args.bank)
    require_question(bank, args.question_id)  # before reading stdin: exit 2, "did you mean"
    answer = read_answer(args.file)
    scorer = Scorer(bank)
    result = scorer.score(args.question_id, answer)
    if args.json:
        sys.stdout.write(dumps(result.to_dict(), indent=2) + "\n")
    else:
        print_report(result, bank.question(args.question_id), answer)
    return EXIT_OK


def print_report(result: ScoreResult, question: Question, answer: str) -> None:
    """The readable report: score parts, themes, red flags, delivery, the marked answer."""
    from rich.console import Console

    # Wrapped for a person at a terminal; one line per line when piped, for tools and tests.
    console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
    for block in report(result, question, answer):
        console.print(block)


def _t(*pieces: str | tuple[str, str]) -> Text:
    """A Text from plain pieces or (text, style) pairs; never parses markup."""
    from rich.text import Text

    out = Text(end="")
    for piece in pieces:
        text, style = (piece, "") if isinstance(piece, str) else piece
        out.append(visible(text), style=style)
    return out


def report(result: ScoreResult, question: Question, answer: str) -> list[Text]:
    """The report as a list of rich Text lines."""
    lines = [_t(("Question ", "bold"), (question.id, "bold"), ": ", question.prompt)]
    lines.append(_t(("Score ", "bold"), (f"{result.score}/100", "bold cyan")))
    for part in result.parts:
        lines.append(_t(f"  {part.name:<20} {part.points:7.2f} / {part.max_points:g}  ",
                        (part.detail, "dim")))
    lines.append(_t(("Themes", "bold")))
    for theme in result.themes:
        if not (theme.expected or theme.matches):
            continue
        lines.append(_theme_line(theme))
    if result.question_terms is not None:
        lines.append(_theme_line(result.question_terms))
    if result.red_flags:
        lines.append(_t(("Red flags", "bold red")))
        for flag in result.red_flags:
            lines.append(_t("  ", (f"\u201c{flag.text}\u201d", "red"), f" ({flag.start}-{flag.end})"
                            ": ", flag.why))
    lines.extend(_delivery_lines(result))
    lines.append(_t(("Answer", "bold"), ("  (themes underlined, negated struck, red flags red)",
                                          "dim")))
    lines.append(marked_answer(result, answer))
    if result.feedback:
        lines.append(_t(("Feedback", "bold")))
        lines.extend(_t("  - ", line) for line in result.feedback)
    return lines


def _theme_line(theme: object) -> Text:
    from interview_coach.scoring import ThemeResult

    assert isinstance(theme, ThemeResult)
    if theme.covered:
        mark, style = "\u2714", "green"
    elif theme.state == "contradicted":
        against = [h for h in theme.anti_matches if not h.negated][:2]
        said = "; ".join(f"\u201c{h.text}\u201d: {h.why}" for h in against)
        return _t("  ", ("\u2718", "red"), " ", (theme.label, "red"), "  contradicted  ", said)
    elif theme.state == "touched":
        mark, style = "\u00bd", "yellow"
    elif theme.negated:
        mark, style = "~", "yellow"
    else:
        mark, style = "\u2718", "red" if theme.expected else "dim"
    expected = " (expected)" if theme.expected else ""
    evidence = ", ".join(f"\u201c{m.text}\u201d" + (" (negated)" if m.negated else "")
                         for m in theme.matches[:4])
    return _t("  ", (mark, style), " ", (theme.label, style), expected,
              f"  strength {theme.strength:.2f}  ", evidence)


def _delivery_lines(result: ScoreResult) -> list[Text]:
    d = result.delivery
    lines = [_t(("Delivery", "bold")),
             _t(f"  {d.words} words, about {d.speaking_seconds:.0f} s spoken",
                " (short)" if d.too_short else "", " (long)" if d.too_long else "")]
    if d.fillers:
        lines.append(_t("  fillers: ", ", ".join(f"{k} \u00d7{v}" for k, v in d.fillers.items())))
    if d.hedges:
        lines.append(_t("  hedges: ", ", ".join(f"{k} \u00d7{v}" for k, v in d.hedges.items())))
    if d.repeated:
        lines.append(_t("  repeated: ", ", ".join(f"{w} \u00d7{c}" for w, c in d.repeated)))
    if d.star is not None:
        parts = ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in d.star.as_flags().items())
        lines.append(_t("  STAR: ", parts))
    return lines


def marked_answer(result: ScoreResult, answer: str) -> Text:
    """The answer with theme matches underlined, negated ones struck and red flags in red."""
    spans: list[tuple[int, int, str]] = []
    themes = list(result.themes)
    if result.question_terms is not None:
        themes.append(result.question_terms)
    for theme in themes:
        for m in theme.matches:
            spans.append((m.start, m.end, "strike yellow" if m.negated else "underline green"))
    for flag in result.red_flags:
        spans.append((flag.start, flag.end, "bold red"))
    text = _t(answer)  # one character in, one out: offsets still hold
    for start, end, style in sorted(spans):
        text.stylize(style, start, end)
    return text
