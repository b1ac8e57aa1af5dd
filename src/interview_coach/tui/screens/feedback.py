"""Feedback: the score and its parts, theme bars, the marked answer beside the model answer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from interview_coach.banks.models import Bank, Question
from interview_coach.scoring import ScoreResult, ThemeResult
from interview_coach.tui.highlight import (
    RED_FLAG_STYLE,
    STATE_MARKS,
    bar,
    clock,
    flags_in_order,
    marked,
    theme_colours,
    theme_inks,
)
from interview_coach.tui.literal import join, plain, shorten
from interview_coach.tui.screens.base import CoachScreen


def lines(*parts: Text) -> Text:
    """Texts one per line."""
    return Text("\n", end="").join(parts)


def score_summary(score: ScoreResult | None) -> Text:
    """'Score 72 / 100', one line per part of the score, and why it was capped if it was."""
    if score is None:
        return plain("This stored result could not be read.", "dim")
    out = [plain(f"Score {score.score} / 100", "bold")]
    for part in score.parts:
        out.append(plain(f"  {part.name}: {part.points:g} of {part.max_points:g}"
                         f"  ({part.detail})", "dim"))
    if score.capped:
        out.append(plain(f"  Capped: {CAP_REASONS.get(score.capped, score.capped)}", "yellow"))
    return lines(*out)


# Why a capped answer's themes earned nothing, by ``ScoreResult.capped``.
CAP_REASONS = {
    "keyword list": "the answer is a list of keywords; put them into sentences that show "
                    "what you did.",
    "read back": "most of the answer repeats the question; answer it in your own words.",
    "naming": "the answer strings theme words together; say what you would do, with an "
              "example.",
    "values": "the answer strings values and abstract nouns together instead of saying what "
              "anyone does; say what you would do, with an example.",
}
LISTED = {
    "keyword list": "named only in a list of keywords: no credit until a sentence shows it",
    "read back": "named only while reading the question back: no credit",
    "naming": "named among theme words that say nothing anyone does: no credit",
}


# The longest evidence quoted in a theme's line: a whole sentence the theme reading read as the
# theme is cut here (the answer beside it shows it whole, the matched words underlined).
QUOTE_WIDTH = 60


def _quote(texts: Iterable[str]) -> str:
    return ", ".join(f"\u201c{shorten(t, QUOTE_WIDTH)}\u201d" for t in dict.fromkeys(texts))


def theme_line(theme: ThemeResult, ink: str, capped: str = "") -> Text:
    """One theme: its state mark and word (not colour alone), a bar, and the evidence or why.

    Covered: the words that showed it. Touched: the one general word, partial credit.
    Contradicted: the words said against it and what an interviewer would object to.
    Missed: why (said only in a list, said negatively) and the bank's hint.
    """
    state = theme.state
    mark = STATE_MARKS.get(state, "○")
    live = [m.text for m in theme.matches if not m.negated]
    denied = [m.text for m in theme.matches if m.negated]
    if state == "contradicted":
        said = [h for h in theme.anti_matches if not h.negated]
        body = plain("; ".join(f"\u201c{h.text}\u201d: {h.why}" if h.why else f"\u201c{h.text}\u201d"
                               for h in said[:2]))
        return join(plain(f"{mark} {theme.label}", "bold red"), plain("  contradicted  ", "red"),
                    body)
    head = join(plain(f"{mark} ", ink), plain(theme.label, f"bold {ink}" if state != "missed"
                                                   else "bold"))
    if state == "covered":
        shown = live or [h.text for h in theme.anti_matches if h.negated]
        return join(head, plain(f"  covered {bar(theme.strength, 6)}  ", ink), plain(_quote(shown)))
    if state == "touched":
        return join(head, plain("  touched, partial credit  ", ink),
                    plain(f"{_quote(live)}: one general word; show it with what you did."))
    why: list[Text] = []
    if live and capped in LISTED:
        why.append(plain(f"{_quote(live)} {LISTED[capped]}. ", "italic"))
    elif denied:
        why.append(plain(f"said negatively ({_quote(denied)}): no credit. ", "italic"))
    hint = theme.hint if theme.expected else None
    return join(head, plain("  missed  ", "dim"), *why, plain(hint or "", "dim"))


def theme_bars(score: ScoreResult | None, colours: dict[str, str]) -> Text:
    """The expected themes first (every state, missed ones with their hint), then the other
    themes the answer showed or contradicted, apart and labelled."""
    if score is None:
        return plain("This stored result could not be read.", "dim")
    expected = [t for t in score.themes if t.expected]
    others = [t for t in score.themes if not t.expected
              and (t.state != "missed" or any(m.negated for m in t.matches))]
    out = [theme_line(t, colours.get(t.id, "white"), score.capped) for t in expected]
    if others:
        out.append(plain("Other themes heard (not expected for this question):", "dim italic"))
        out += [theme_line(t, colours.get(t.id, "white"), score.capped) for t in others]
    return lines(*out) if out else plain("No themes to show.", "dim")


def missed(score: ScoreResult | None) -> Text:
    """The expected themes the answer missed, each with its hint."""
    out = [join(plain(f"{t.label}: ", "bold"), plain(t.hint or "no hint in the bank"))
           for t in (score.themes if score else []) if t.expected and not t.covered]
    return lines(*out) if out else plain("None: every expected theme was covered.", "green")


def red_flags(score: ScoreResult | None) -> Text:
    """Each warning-sign phrase found, critical ones first and said plainly, and why."""
    out: list[Text] = []
    for flag in flags_in_order(score) if score else []:
        if flag.severity == "critical":
            out.append(join(plain("✗ CRITICAL ", "bold red"), plain(flag.text, RED_FLAG_STYLE),
                            plain(f"  {flag.why} An interviewer would stop here.")))
        else:
            out.append(join(plain(f"⚑ {flag.severity} ", "red"), plain(flag.text, RED_FLAG_STYLE),
                            plain(f"  {flag.why}")))
    return lines(*out) if out else plain("No red flags.", "green")


def delivery(score: ScoreResult | None) -> Text:
    """Length (the one word count: the scorer's), speaking time, fillers, hedges, STAR parts."""
    if score is None:
        return plain("")
    d = score.delivery
    out = [plain(f"{score.words} words, about {clock(d.speaking_seconds)} spoken")]
    if d.too_short:
        out.append(plain("Short: say more about what you did and why.", "yellow"))
    if d.too_long:
        out.append(plain("Long: an interviewer may lose the thread.", "yellow"))
    for name, counts in (("Fillers", d.fillers), ("Hedges", d.hedges)):
        if counts:
            out.append(join(plain(f"{name}: "), plain(", ".join(f"{w} ×{n}"
                                                                for w, n in counts.items()))))
    if d.repeated:
        out.append(join(plain("Repeated: "), plain(", ".join(f"{w} ×{n}" for w, n in d.repeated))))
    if d.star is not None:
        parts = "  ".join(("✓ " if ok else "✗ ") + k for k, ok in d.star.as_flags().items())
        out.append(plain(f"STAR: {parts}"))
    if d.star_missing_result:
        out.append(plain("Say how the story ended: the result is what interviewers remember.",
                         "yellow"))
    return lines(*out)


def regions(bank: Bank, question: Question) -> Text | None:
    """Where the bank's wording fits, and this question's local equivalents per region
    ("In the UK: ..."); None when the bank names no regions and the question has no tips."""
    if not bank.regions and not question.region_tips:
        return None
    out: list[Text] = []
    if bank.regions:
        names = ", ".join(r.label for r in bank.regions.values())
        out.append(plain(f"This bank's wording fits: {names}.", "dim"))
    for rid, tip in question.region_tips.items():
        region = bank.regions.get(rid)
        out.append(join(plain(f"In {region_name(region.label if region else rid)}: ", "bold"),
                        plain(tip)))
    return lines(*out)


def region_name(label: str) -> str:
    """'the UK', 'Australia', 'the US': a region's label as it reads after 'In'."""
    return f"the {label}" if label.isupper() or label.startswith("United ") else label


class FeedbackScreen(CoachScreen):
    """What the scorer found; dismisses with 'again', 'next' or 'back'."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "again", "Try again", id="feedback.again"),
        Binding("n", "next", "Next question", id="feedback.next"),
        Binding("escape", "back", "Back", id="feedback.back"),
    ]

    def __init__(self, bank: Bank, question: Question, answer: str,
                 result: ScoreResult | None, model: ScoreResult | None) -> None:
        super().__init__()
        self.bank, self.question, self.answer = bank, question, answer
        self.result, self.model = result, model

    def compose(self) -> ComposeResult:
        """Score, red flags, themes (expected first), answers side by side, delivery, regions,
        follow-up. No section repeats another: missed themes show their hint in the theme list."""
        colours = theme_colours(self.bank)
        result = self.result
        yield Header()
        with VerticalScroll(id="feedback"):
            yield Static(plain(self.question.prompt, "bold"), id="fb-prompt")
            if result is None:
                yield Static(plain("This result could not be read; your answer is below.", "dim"),
                             id="fb-score")
            else:
                yield Static(score_summary(result), id="fb-score")
                if result.red_flags:
                    yield from _section("Red flags", red_flags(result), "fb-flags")
                inks = theme_inks(self.bank, self.app.current_theme.dark)
                yield from _section("Themes", theme_bars(result, inks), "fb-themes")
            with Horizontal(id="fb-compare"):
                with Vertical(classes="half"):
                    yield Static(plain("Your answer", "bold underline"))
                    yield Static(marked(self.answer, result, colours), id="fb-answer")
                with Vertical(classes="half"):
                    yield Static(plain("Model answer", "bold underline"))
                    yield Static(self._model_text(colours), id="fb-model")
            if result is not None:
                if not result.red_flags:
                    yield from _section("Red flags", red_flags(result), "fb-flags")
                yield from _section("Delivery", delivery(result), "fb-delivery")
            local = regions(self.bank, self.question)
            if local is not None:
                yield from _section("Local terms", local, "fb-regions")
            if self.question.follow_ups:
                yield from _section("Follow-up question",
                                    plain(self.question.follow_ups[0], "italic"), "fb-follow")
        yield Footer()

    def _model_text(self, colours: dict[str, str]) -> Text:
        if not self.question.model_answer.strip():
            return plain("This question has no model answer.", "dim")
        if self.model is None:
            return plain(self.question.model_answer)
        return marked(self.question.model_answer, self.model, colours, flags=False)

    def on_mount(self) -> None:
        """Title the screen with the bank."""
        self.sub_title = f"Feedback · {self.bank.title}"

    def action_again(self) -> None:
        """Back to the editor with the answer kept."""
        self.dismiss("again")

    def action_next(self) -> None:
        """The next question."""
        self.dismiss("next")

    def action_back(self) -> None:
        """Leave practice."""
        self.dismiss("back")


def _section(title: str, body: Text, widget_id: str) -> ComposeResult:
    yield Static(plain(title, "bold underline"), classes="section")
    yield Static(body, id=widget_id)
