"""Plain drill: questions and feedback line by line, for screen readers, braille and scripts.

No boxes, no cursor movement and no colour unless asked (and never under ``NO_COLOR`` or
``TERM=dumb``). The question is printed; the answer is read line by line until an empty line
or end of input (Ctrl-D), or taken from ``$EDITOR``; the feedback follows as plain sentences
in a fixed order: the score and its parts, critical red flags, the expected themes covered
(with the words that showed them), touched (partial credit) or contradicted (the words and
what an interviewer would object to), missed with hints, the other themes heard, the other
red flags, delivery, and the model answer with the regions' local terms when asked. Attempts and drafts go to the same history store as the app.

Core: no Textual. Input and output are passed in, so tests and scripts can drive it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, TextIO

from interview_coach._util.handover import edit_in_editor
from interview_coach._util.safetext import visible
from interview_coach.banks.models import Bank, Question
from interview_coach.scoring import Scorer, ScoreResult, ThemeResult

USE_DRAFT = "."  # typed alone on the first line: go on from the saved draft
STATES = ("covered", "touched", "contradicted", "missed")


class DrillHistory(Protocol):
    """The part of the history store the drill uses (``Store`` and the TUI's memory history)."""

    def record_attempt(self, *, bank_id: str, bank_hash: str, question_id: str, answer: str,
                       result: ScoreResult, mode: str, started_at: datetime,
                       submitted_at: datetime, session_id: int | None = None) -> int | None:
        """Save one attempt."""

    def save_draft(self, bank_id: str, question_id: str, text: str) -> None:
        """Keep the text being typed."""

    def load_draft(self, bank_id: str, question_id: str) -> str | None:
        """The saved draft, if any."""

    def delete_draft(self, bank_id: str, question_id: str) -> None:
        """Drop a draft."""


# --------------------------------------------------------------------------- colour


def colour_wanted(asked: bool, env: Mapping[str, str]) -> bool:
    """Colour only when asked for, and never with ``NO_COLOR`` set or ``TERM=dumb``."""
    return asked and not env.get("NO_COLOR") and env.get("TERM", "") != "dumb"


@dataclass(frozen=True)
class Style:
    """Bold headings when colour is on; plain text otherwise."""

    colour: bool = False

    def head(self, text: str) -> str:
        """A heading word such as ``Score:``."""
        return f"\x1b[1m{text}\x1b[0m" if self.colour else text

    def good(self, text: str) -> str:
        """Something done well."""
        return f"\x1b[32m{text}\x1b[0m" if self.colour else text

    def bad(self, text: str) -> str:
        """Something missing or worrying."""
        return f"\x1b[31m{text}\x1b[0m" if self.colour else text


# --------------------------------------------------------------------------- feedback


def theme_state(theme: ThemeResult) -> str:
    """covered, touched, contradicted or missed: the scorer's own state when it gives one."""
    state = getattr(theme, "state", None)
    state = getattr(state, "value", state)  # an enum member or a plain string
    if isinstance(state, str) and state in STATES:
        return state
    if theme.covered:
        return "covered"
    if theme.negated:
        return "contradicted"
    if theme.matches:
        return "touched"
    return "missed"


def _one_line(text: str) -> str:
    return " ".join(visible(text).split())


def _and(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _quoted(words: list[str]) -> str:
    return _and([f'"{_one_line(w)}"' for w in dict.fromkeys(words)])


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def _seconds(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 90:
        return "1 second" if seconds == 1 else f"{seconds} seconds"
    minutes, rest = divmod(seconds, 60)
    text = f"{minutes} minutes"
    return text if not rest else f"{text} {_seconds(rest)}"


def _themes(result: ScoreResult) -> list[ThemeResult]:
    themes = list(result.themes)
    if result.question_terms is not None:
        themes.append(result.question_terms)
    return themes


# Why a theme named in a capped answer earned nothing, by ``ScoreResult.capped``.
LISTED = {
    "keyword list": "named only in a list of keywords, so it earns nothing until a sentence "
                    "shows it",
    "read back": "named only while reading the question back, so it earns nothing",
}
SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2}


def _theme_sentence(theme: ThemeResult, state: str, style: Style, capped: str) -> str:
    label = _one_line(theme.label)
    live = [m.text for m in theme.matches if not m.negated]
    if state == "covered":
        words = live or [h.text for h in theme.anti_matches if h.negated]
        shown = f", shown by {_quoted(words)}" if words else ""
        return f"{style.good('Covered:')} {label}{shown}."
    if state == "touched":
        return (f"{style.head('Touched (partial credit):')} {label}, by {_quoted(live)}: one "
                "general word; show it with what you would do.")
    if state == "contradicted":
        said = [h for h in theme.anti_matches if not h.negated]
        if said:
            objections = "; ".join(f'"{_one_line(h.text)}": {_one_line(h.why)}'.rstrip(": ")
                                   for h in said[:2])
            return f"{style.bad('Contradicted:')} {label}. You said {objections}"
        words = [m.text for m in theme.matches if m.negated] or [m.text for m in theme.matches]
        said_by = f", by {_quoted(words)}" if words else ""
        return f"{style.bad('Contradicted:')} {label}{said_by} (said against the theme)."
    why = ""
    if live and capped in LISTED:
        why = f" {_quoted(live)} {LISTED[capped]}."
    hint = f" Hint: {_one_line(theme.hint)}" if theme.hint and theme.expected else ""
    return f"{style.bad('Missed:')} {label}.{why}{hint}"


def theme_lines(result: ScoreResult, style: Style) -> list[str]:
    """The expected themes (covered, then touched or contradicted, then missed: one sentence
    each), then the other themes heard, apart and labelled."""
    expected: dict[str, list[ThemeResult]] = {s: [] for s in STATES}
    others: list[tuple[ThemeResult, str]] = []
    for theme in _themes(result):
        state = theme_state(theme)
        if theme.expected:
            expected[state].append(theme)
        elif state != "missed":
            others.append((theme, state))
    lines: list[str] = []
    for state in ("covered", "touched", "contradicted", "missed"):
        lines += [_theme_sentence(t, state, style, result.capped) for t in expected[state]]
        if state == "covered" and not expected["covered"]:
            lines.append(f"{style.head('Covered:')} no expected theme yet.")
    if others:
        lines.append(style.head("Other themes heard (not expected for this question):"))
        lines += [_theme_sentence(t, state, style, result.capped) for t, state in others]
    return lines


def flag_lines(result: ScoreResult, style: Style) -> list[str]:
    """Red flags, critical ones first and said plainly."""
    if not result.red_flags:
        return [f"{style.head('Red flags:')} none."]
    lines = []
    for flag in sorted(result.red_flags, key=lambda f: SEVERITY_ORDER.get(f.severity, 1)):
        if flag.severity == "critical":
            lines.append(f"{style.bad('Critical red flag:')} \"{_one_line(flag.text)}\". "
                         f"{_one_line(flag.why)} An interviewer would stop here.")
        else:
            lines.append(f"{style.bad('Red flag:')} \"{_one_line(flag.text)}\". "
                         f"{_one_line(flag.why)}")
    return lines


def region_lines(bank: Bank, question: Question, style: Style) -> list[str]:
    """Where the bank's wording fits and the question's local equivalents ("In the UK: ...")."""
    lines: list[str] = []
    if bank.regions:
        names = _and([_one_line(r.label) for r in bank.regions.values()])
        lines.append(f"{style.head('Regions:')} this bank's wording fits {names}.")
    for rid, tip in question.region_tips.items():
        region = bank.regions.get(rid)
        label = _one_line(region.label) if region else rid
        name = f"the {label}" if label.isupper() or label.startswith("United ") else label
        lines.append(f"In {name}: {_one_line(tip)}")
    return lines


def delivery_lines(result: ScoreResult, style: Style) -> list[str]:
    """Length, speaking time, fillers, hedges, repeated words and STAR parts."""
    d = result.delivery
    lines = [f"{style.head('Delivery:')} {result.words} words, about {_seconds(d.speaking_seconds)} "
             "spoken."]
    if d.too_short:
        lines.append("That is short: say more about what you did and why.")
    if d.too_long:
        lines.append("That is long: an interviewer may lose the thread.")
    for name, counts in (("Fillers", d.fillers), ("Hedges", d.hedges)):
        if counts:
            lines.append(f"{name}: " + _and([f'"{_one_line(w)}" {_times(n)}'
                                            for w, n in counts.items()]) + ".")
    if d.repeated:
        lines.append("Repeated words: " + _and([f'"{_one_line(w)}" {_times(n)}'
                                                 for w, n in d.repeated]) + ".")
    if d.star is not None:
        lines.append("Story parts (STAR): " + _and([f"{k} {'yes' if ok else 'no'}"
                                                    for k, ok in d.star.as_flags().items()]) + ".")
    if d.star_missing_result:
        lines.append("Say how the story ended: the result is what interviewers remember.")
    return lines


def feedback_lines(result: ScoreResult, question: Question, *, model_answer: bool = False,
                   style: Style | None = None, bank: Bank | None = None) -> list[str]:
    """The whole feedback as plain sentences, in the fixed order the README gives."""
    style = style or Style()
    lines = [f"{style.head('Score:')} {result.score} out of 100."]
    if result.capped:
        lines.append(f"The score was capped: {_one_line(result.capped)}.")
    parts = [f"{_one_line(p.name)} {p.points:.1f} of {p.max_points:g} ({_one_line(p.detail)})"
             for p in result.parts]
    if parts:
        lines.append(f"{style.head('Parts of the score:')} " + "; ".join(parts) + ".")
    critical = any(f.severity == "critical" for f in result.red_flags)
    if critical:  # said before anything else: an interviewer would stop there
        lines += flag_lines(result, style)
    lines += theme_lines(result, style)
    if not critical:
        lines += flag_lines(result, style)
    lines += delivery_lines(result, style)
    if model_answer:
        if question.model_answer.strip():
            lines.append(style.head("Model answer:"))
            lines += [visible(line) for line in question.model_answer.strip().splitlines()]
        else:
            lines.append(f"{style.head('Model answer:')} this question has none.")
        if bank is not None:
            lines += region_lines(bank, question, style)
    return lines


# --------------------------------------------------------------------------- input


@dataclass
class Answer:
    """What was read for one question."""

    text: str
    ended_input: bool  # end of input was reached (Ctrl-D, or the end of a file or pipe)


def read_answer(stream: TextIO, on_change: Callable[[str], None] | None = None,
                draft: str | None = None,
                on_draft: Callable[[str], None] | None = None) -> Answer:
    """Lines up to an empty line or end of input; ``.`` alone first takes ``draft`` to go on.

    ``on_change`` gets the text so far after each line (to save it as a draft); ``on_draft``
    gets the draft when it is taken (to show it).
    """
    lines: list[str] = []
    while True:
        line = stream.readline()
        if line == "":
            return Answer("\n".join(lines), True)
        line = line.rstrip("\n").rstrip("\r")
        if not line.strip():
            return Answer("\n".join(lines), False)
        if draft and not lines and line.strip() == USE_DRAFT:
            lines = draft.strip("\n").split("\n")
            if on_draft is not None:
                on_draft(draft)
        else:
            lines.append(line)
        if on_change is not None:
            on_change("\n".join(lines))


# --------------------------------------------------------------------------- the drill


@dataclass
class DrillSettings:
    """How the drill runs."""

    model_answer: bool = False
    editor: bool = False
    colour: bool = False
    interactive: bool = False  # a person at a terminal: say how to end an answer
    env: Mapping[str, str] = field(default_factory=dict)
    now: Callable[[], datetime] = datetime.now


@dataclass
class DrillSummary:
    """How the drill went."""

    answered: int = 0
    skipped: int = 0
    stopped: bool = False
    scores: list[int] = field(default_factory=list)


class Drill:
    """Questions of one bank, asked and answered line by line."""

    def __init__(self, bank: Bank, history: DrillHistory, settings: DrillSettings, *,
                 stdin: TextIO, stdout: TextIO, scorer: Scorer | None = None) -> None:
        self.bank, self.history, self.settings = bank, history, settings
        self.stdin, self.stdout = stdin, stdout
        self.scorer = scorer or Scorer(bank)
        self.style = Style(settings.colour)

    def say(self, *lines: str) -> None:
        """Print whole lines and flush, so a reader or a script sees them at once."""
        for line in lines:
            self.stdout.write(line + "\n")
        self.stdout.flush()

    def run(self, questions: list[Question]) -> DrillSummary:
        """Ask each question in turn; stop early at end of input on an empty answer."""
        summary = DrillSummary()
        if self.settings.interactive and not self.settings.editor:
            self.say("End each answer with an empty line or Ctrl-D. An empty answer skips the "
                     "question; Ctrl-D on an empty answer stops the drill.")
        for index, question in enumerate(questions):
            if not self.ask(question, index, len(questions), summary):
                summary.stopped = True
                break
        left = len(questions) - summary.answered - summary.skipped
        self.say("", f"{self.style.head('Done:')} {summary.answered} answered, "
                     f"{summary.skipped} skipped" + (f", {left} not asked." if left else "."))
        return summary

    def _header(self, question: Question, index: int, total: int) -> list[str]:
        facts = [f"Question {index + 1} of {total}"]
        if question.category:
            facts.append(f"category {_one_line(question.category)}")
        if question.time_limit:
            facts.append(f"time limit {_seconds(question.time_limit)}")
        return ["", self.style.head(", ".join(facts) + "."),
                *[visible(line) for line in question.prompt.strip().splitlines()]]

    def ask(self, question: Question, index: int, total: int, summary: DrillSummary) -> bool:
        """One question: False when input has ended and the drill should stop."""
        self.say(*self._header(question, index, total))
        started = self.settings.now()
        draft = self.history.load_draft(self.bank.id, question.id)
        answer = self._answer(question, draft)
        if not answer.text.strip():
            if answer.ended_input:
                return False
            summary.skipped += 1
            self.say("Skipped." + (" Your saved draft is kept." if draft else ""))
            return True
        self._score(question, answer.text, started, summary)
        return not (answer.ended_input and not self.settings.interactive)

    def _answer(self, question: Question, draft: str | None) -> Answer:
        if self.settings.editor:
            try:
                text = edit_in_editor(draft or "", self.settings.env)
            except (OSError, ValueError) as exc:
                self.say(f"The editor could not be used ({visible(str(exc))}); type the answer "
                         "instead.")
            else:
                if text.strip():
                    self.history.save_draft(self.bank.id, question.id, text)
                return Answer(text, False)
        if draft and draft.strip():
            words = len(draft.split())
            self.say(f"You have a saved draft of this question ({words} words). Type a full "
                     f"stop ({USE_DRAFT}) alone on the first line to go on from it; anything "
                     "else starts afresh.")

        def keep(text: str) -> None:
            self.history.save_draft(self.bank.id, question.id, text)

        def show(text: str) -> None:
            self.say("Your draft so far (go on typing; an empty line ends the answer):",
                     *[visible(line) for line in text.strip("\n").split("\n")])

        return read_answer(self.stdin, keep, draft, show)

    def _score(self, question: Question, text: str, started: datetime,
               summary: DrillSummary) -> None:
        submitted = self.settings.now()
        result = self.scorer.score(question, text)
        self.history.record_attempt(
            bank_id=self.bank.id, bank_hash=self.bank.content_hash, question_id=question.id,
            answer=text, result=result, mode="drill", started_at=started,
            submitted_at=submitted,
        )
        self.history.delete_draft(self.bank.id, question.id)
        summary.answered += 1
        summary.scores.append(result.score)
        self.say("", *feedback_lines(result, question, model_answer=self.settings.model_answer,
                                     style=self.style, bank=self.bank))
