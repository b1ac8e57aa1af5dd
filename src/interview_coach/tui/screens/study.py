"""Study: browse by theme or category, fuzzy search, model answers highlighted, flashcards."""

from __future__ import annotations

from typing import ClassVar

from rapidfuzz import fuzz, process, utils
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from interview_coach.banks.models import Bank, Question
from interview_coach.scoring import ScoreResult
from interview_coach.tui.highlight import marked, theme_colours, theme_inks
from interview_coach.tui.literal import join, plain, shorten
from interview_coach.tui.screens.base import CoachScreen
from interview_coach.tui.screens.feedback import lines

GROUPINGS = ("theme", "category", "none")


def search(bank: Bank, query: str, cutoff: float = 70) -> list[Question]:
    """Questions whose prompt or model answer matches ``query`` fuzzily, best first."""
    if not query.strip():
        return list(bank.questions)
    choices = {i: f"{q.prompt}\n{q.model_answer}" for i, q in enumerate(bank.questions)}
    found = process.extract(query, choices, scorer=fuzz.partial_ratio, processor=utils.default_process,
                            score_cutoff=cutoff, limit=None)
    return [bank.questions[key] for _, _, key in found]


def grouped(bank: Bank, questions: list[Question], by: str) -> list[tuple[str, list[Question]]]:
    """Questions under headings: each theme, each category, or one list."""
    if by == "theme":
        groups = [(t.label, [q for q in questions if tid in q.themes]) for tid, t in bank.themes.items()]
        groups.append(("No theme", [q for q in questions if not q.themes]))
    elif by == "category":
        names = dict.fromkeys(q.category or "uncategorised" for q in questions)
        groups = [(n, [q for q in questions if (q.category or "uncategorised") == n]) for n in names]
    else:
        groups = [(f"{len(questions)} question(s)", questions)]
    return [(name, qs) for name, qs in groups if qs]


class StudyScreen(CoachScreen):
    """Questions and model answers to read, search and rehearse as flashcards."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash,ctrl+f", "search", "Search", id="study.search"),
        Binding("c", "group", "Group by", id="study.group"),
        Binding("f", "flashcards", "Flashcards", id="study.flashcards"),
        Binding("space", "reveal", "Show answer", id="study.reveal"),
        Binding("g", "guide", "Theme guide", id="study.guide"),
        Binding("escape", "back", "Back", id="study.back"),
    ]

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank
        self.grouping = "theme"
        self.flashcards = False
        self.revealed = False
        self.shown: list[Question] = list(bank.questions)
        self.current: Question | None = None
        self.search_text = ""
        self._model_results: dict[str, ScoreResult | None] = {}

    def compose(self) -> ComposeResult:
        """Search box; list of questions beside the chosen one."""
        yield Header()
        yield Input(placeholder="Search prompts and model answers (fuzzy)", id="study-search")
        with Horizontal(id="study"):
            yield OptionList(id="study-list", markup=False)
            with VerticalScroll(id="study-detail-box"):
                yield Static(id="study-detail")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the list."""
        self.sub_title = f"Study · {self.bank.title}"
        self._fill()
        self.query_one("#study-list", OptionList).focus()

    def _fill(self) -> None:
        options = self.query_one("#study-list", OptionList)
        options.clear_options()
        # While searching, results come best first under one heading.
        by = "none" if self.search_text.strip() else self.grouping
        for heading, questions in grouped(self.bank, self.shown, by):
            options.add_option(Option(plain(heading, "bold underline"), disabled=True))
            options.add_options(Option(plain(shorten(q.prompt, 200)), id=f"{heading}\0{q.id}")
                                for q in questions)
        if not self.shown:
            options.add_option(Option(plain("Nothing matches.", "dim"), disabled=True))
        first = next((i for i in range(options.option_count)
                      if not options.get_option_at_index(i).disabled), None)
        options.highlighted = first
        # Set explicitly: the highlight event does not come when the index stays the same.
        option_id = options.get_option_at_index(first).id if first is not None else None
        self._show(self.bank.question(option_id.split("\0", 1)[1]) if option_id else None)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as the user types."""
        self.search_text = event.value
        self.shown = search(self.bank, event.value)
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box: go to the results."""
        self.query_one("#study-list", OptionList).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted question (answer hidden in flashcard mode)."""
        option_id = event.option.id
        if option_id is None:
            return
        self.revealed = False
        self._show(self.bank.question(option_id.split("\0", 1)[1]))

    def _show(self, question: Question | None) -> None:
        self.current = question
        detail = self.query_one("#study-detail", Static)
        if question is None:
            detail.update(plain("Choose a question.", "dim"))
            return
        detail.update(self._detail(question))
        if question.id not in self._model_results and question.model_answer.strip():
            self._score_model(question)

    def _detail(self, question: Question) -> Text:
        labels = [self.bank.themes[t].label if t in self.bank.themes else t for t in question.themes]
        meta = " · ".join(x for x in (question.category or "", f"themes: {', '.join(labels)}") if x)
        out = [plain(question.prompt, "bold"), plain(meta, "dim"), Text("")]
        if self.flashcards and not self.revealed:
            out.append(plain("Say your answer aloud, then press space to see the model answer.",
                             "italic"))
        else:
            out.append(plain("Model answer", "bold underline"))
            out.append(self._model_text(question))
            for tip in question.tips:
                out.append(join(plain("Tip: ", "bold"), plain(tip)))
        return lines(*out)

    def _model_text(self, question: Question) -> Text:
        if not question.model_answer.strip():
            return plain("No model answer in this bank.", "dim")
        result = self._model_results.get(question.id)
        if result is None:
            return plain(question.model_answer)
        return marked(question.model_answer, result, theme_colours(self.bank), flags=False)

    @work(thread=True, group="study-model", exit_on_error=False)
    def _score_model(self, question: Question) -> None:
        try:
            result = self.coach.scorer(self.bank).score(question, question.model_answer)
        except Exception:  # the model answer is then shown without highlights, which is enough
            result = None
        self.app.call_from_thread(self._model_scored, question, result)

    def _model_scored(self, question: Question, result: ScoreResult | None) -> None:
        self._model_results[question.id] = result
        if self.current is question:
            self.query_one("#study-detail", Static).update(self._detail(question))

    def action_search(self) -> None:
        """Focus the search box."""
        self.query_one("#study-search", Input).focus()

    def action_group(self) -> None:
        """Group by theme, by category, or not at all."""
        self.grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        self.coach.say(f"Grouped by {self.grouping}.")
        self._fill()

    def action_flashcards(self) -> None:
        """Hide model answers until space is pressed (or show them again)."""
        self.flashcards = not self.flashcards
        self.revealed = False
        self._show(self.current)

    def action_reveal(self) -> None:
        """Show the model answer of the flashcard."""
        self.revealed = True
        self._show(self.current)

    def action_guide(self) -> None:
        """What each theme means and why it matters."""
        self.app.push_screen(ThemeGuideScreen(self.bank))

    def action_back(self) -> None:
        """From the search box to the list; from the list, back home."""
        if isinstance(self.focused, Input):
            self.query_one("#study-list", OptionList).focus()
        else:
            self.dismiss()


class ThemeGuideScreen(CoachScreen):
    """Each theme of the bank: what it means, why it matters, its words and its hint."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,g", "close", "Close guide", id="guide.close")]

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank

    def compose(self) -> ComposeResult:
        """One block per theme."""
        yield Header()
        with VerticalScroll(id="guide"):
            yield Static(self._text(), id="guide-text")
        yield Footer()

    def on_mount(self) -> None:
        """Title."""
        self.sub_title = f"Theme guide · {self.bank.title}"

    def _text(self) -> Text:
        colours = theme_inks(self.bank, self.app.current_theme.dark)
        out: list[Text] = []
        for tid, theme in self.bank.themes.items():
            used = sum(tid in q.themes for q in self.bank.questions)
            out.append(plain(f"● {theme.label}", f"bold {colours[tid]}"))
            out.append(plain(theme.description))
            out.append(join(plain("Words: ", "dim"), plain(", ".join(theme.all_cues()))))
            if theme.hint:
                out.append(join(plain("Hint: ", "dim"), plain(theme.hint)))
            out.append(plain(f"Expected in {used} question(s)\n", "dim"))
        return lines(*out) if out else plain("This bank has no themes.", "dim")

    def action_close(self) -> None:
        """Back to study."""
        self.dismiss()
