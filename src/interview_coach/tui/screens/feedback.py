"""Feedback: the score and its parts, theme bars, the marked answer beside the model answer."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from interview_coach.banks.models import Bank, Question
from interview_coach.tui.highlight import (
    RED_FLAG_STYLE,
    bar,
    clock,
    marked,
    theme_colours,
    theme_inks,
)
from interview_coach.tui.literal import join, plain
from interview_coach.tui.screens.base import CoachScreen


def lines(*parts: Text) -> Text:
    """Texts one per line."""
    return Text("\n", end="").join(parts)


def score_summary(result: dict[str, Any]) -> Text:
    """'Score 72 / 100' and one line per part of the score."""
    out = [plain(f"Score {result['score']} / 100", "bold")]
    for part in result.get("parts", []):
        out.append(plain(f"  {part['name']}: {part['points']:g} of {part['max_points']:g}"
                         f"  ({part['detail']})", "dim"))
    return lines(*out)


def theme_bars(result: dict[str, Any], colours: dict[str, str]) -> Text:
    """A bar per expected or covered theme, with the words that matched."""
    out = []
    for theme in result.get("themes", []):
        state = theme.get("state") or ("covered" if theme["covered"] else "missed")
        if not (theme["expected"] or theme["covered"] or theme.get("negated")
                or state == "contradicted"):
            continue
        colour = colours.get(theme["id"], "white")
        matches = theme.get("matches", [])
        words = ", ".join(dict.fromkeys(m["text"] for m in matches if not m.get("negated")))
        denied = ", ".join(dict.fromkeys(m["text"] for m in matches if m.get("negated")))
        mark = {"covered": "●", "touched": "◐", "contradicted": "✗"}.get(state, "○")
        expected = "" if theme["expected"] else " (not expected)"
        if state == "contradicted":
            # Said against the theme: no credit; show the words and what an interviewer objects to.
            said = [h for h in theme.get("anti_matches", []) if not h.get("negated")]
            out.append(join(
                plain(f"{mark} ", "red"), plain(f"{theme['label']}{expected}", "bold red"),
                plain("  contradicted: ", "red"),
                plain("; ".join(f"\u201c{h['text']}\u201d ({h['why']})" for h in said[:2])),
            ))
            continue
        if state == "touched":
            words = f"{words} (touched: one general word, partial credit)"
        out.append(join(
            plain(f"{mark} ", colour), plain(f"{theme['label']}{expected}", f"bold {colour}"),
            plain(f"  {bar(theme['strength'])} {round(theme['strength'] * 100)}%  ", colour),
            plain(words or ("" if denied else "no words matched"), "" if words else "dim"),
            # A negated mention earns nothing; say so, so the candidate sees why.
            plain(f"{'  ' if words else ''}said negatively: {denied}", "italic") if denied else plain(""),
        ))
    return lines(*out) if out else plain("No themes to show.", "dim")


def missed(result: dict[str, Any]) -> Text:
    """The expected themes the answer missed, each with its hint."""
    out = [join(plain(f"{t['label']}: ", "bold"), plain(t.get("hint") or "no hint in the bank"))
           for t in result.get("themes", []) if t["expected"] and not t["covered"]]
    return lines(*out) if out else plain("None: every expected theme was covered.", "green")


def red_flags(result: dict[str, Any]) -> Text:
    """Each warning-sign phrase found, and why it worries interviewers."""
    out = [join(plain(flag["text"], RED_FLAG_STYLE), plain(f"  {flag['why']}"))
           for flag in result.get("red_flags", [])]
    return lines(*out) if out else plain("No red flags.", "green")


def delivery(result: dict[str, Any]) -> Text:
    """Length, speaking time, fillers, hedges and STAR parts."""
    d = result.get("delivery", {})
    out = [plain(f"{d.get('words', 0)} words, about {clock(d.get('speaking_seconds', 0))} "
                 "spoken")]
    if d.get("too_short"):
        out.append(plain("Short: say more about what you did and why.", "yellow"))
    if d.get("too_long"):
        out.append(plain("Long: an interviewer may lose the thread.", "yellow"))
    for name in ("fillers", "hedges"):
        if d.get(name):
            counts = ", ".join(f"{w} ×{n}" for w, n in d[name].items())
            out.append(join(plain(f"{name.capitalize()}: "), plain(counts)))
    if d.get("repeated"):
        words = ", ".join(f"{w} ×{n}" for w, n in d["repeated"])
        out.append(join(plain("Repeated: "), plain(words)))
    if d.get("star") is not None:
        parts = "  ".join(("✓ " if ok else "✗ ") + k for k, ok in d["star"].items())
        out.append(plain(f"STAR: {parts}"))
    if d.get("star_missing_result"):
        out.append(plain("Say how the story ended: the result is what interviewers remember.",
                         "yellow"))
    return lines(*out)


class FeedbackScreen(CoachScreen):
    """What the scorer found; dismisses with 'again', 'next' or 'back'."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "again", "Try again", id="feedback.again"),
        Binding("n", "next", "Next question", id="feedback.next"),
        Binding("escape", "back", "Back", id="feedback.back"),
    ]

    def __init__(self, bank: Bank, question: Question, answer: str, result: dict[str, Any],
                 model: dict[str, Any] | None) -> None:
        super().__init__()
        self.bank, self.question, self.answer = bank, question, answer
        self.result, self.model = result, model

    def compose(self) -> ComposeResult:
        """Score, themes, answers side by side, missed themes, red flags, delivery, follow-up."""
        colours = theme_colours(self.bank)
        yield Header()
        with VerticalScroll(id="feedback"):
            yield Static(plain(self.question.prompt, "bold"), id="fb-prompt")
            yield Static(score_summary(self.result), id="fb-score")
            inks = theme_inks(self.bank, self.app.current_theme.dark)
            yield from _section("Themes", theme_bars(self.result, inks), "fb-themes")
            with Horizontal(id="fb-compare"):
                with Vertical(classes="half"):
                    yield Static(plain("Your answer", "bold underline"))
                    yield Static(marked(self.answer, self.result, colours), id="fb-answer")
                with Vertical(classes="half"):
                    yield Static(plain("Model answer", "bold underline"))
                    yield Static(self._model_text(colours), id="fb-model")
            yield from _section("Missed themes", missed(self.result), "fb-missed")
            yield from _section("Red flags", red_flags(self.result), "fb-flags")
            yield from _section("Delivery", delivery(self.result), "fb-delivery")
            notes = [plain(f"• {n}") for n in self.result.get("feedback", [])]
            if notes:
                yield from _section("Notes", lines(*notes), "fb-notes")
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
