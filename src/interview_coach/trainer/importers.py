"""Turning interview questions and answers written by people into bank questions.

Reads the layouts trainers actually have: numbered questions with ``Answer:`` lines or with a
paragraph below, ``Q:``/``A:`` pairs, Markdown headings, bullets, "Example answer" blocks and
CSV. Every layout is tried and the one that finds the most pairs wins, unless one is forced.
Nothing here prints: results carry the pairs found and every stretch of text that was skipped.
About 600 lines on purpose: one reader per layout, each short, kept together so that the
layout detection that tries them all reads in one place (labels live in import_layouts.py).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from interview_coach._util.csvtext import undefuse
from interview_coach._util.errors import ImportFormatError
from interview_coach.trainer import import_layouts as labels
from interview_coach.trainer.parsed import ImportedPair, ParseResult, Skipped

TEXT_LAYOUTS = ("answer-lines", "qa", "examples", "headings", "paragraphs", "bold", "bullets")
LAYOUTS = (*TEXT_LAYOUTS, "csv")
MAX_INPUT_BYTES = 20 * 1024 * 1024
PREVIEW_CHARS = 60

_QUOTES = "\"'“”‘’«»„"
_NUMBERED = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:(?:Q|Question)\s*)?(\d{1,4})\s*[.):\-–]\s*(?:\*\*|__)?\s*(\S.*)$",
    re.IGNORECASE,
)
_ANSWER = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:\*\*|__)?\s*(?:A|Ans|Answer|(?:Example|Sample|Model|Suggested|Good|Possible)"
    r"\s+(?:answer|response))\s*(?:\*\*|__)?\s*[:.\-–]\s*(?:\*\*|__)?\s*(.*)$",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:Example|Sample|Model|Suggested|Good|Possible)\s+"
    r"(?:answer|response)\s*(?:\*\*|__)?\s*[:.\-–]?\s*(?:\*\*|__)?\s*(.*)$",
    re.IGNORECASE,
)
_QA_QUESTION = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:\*\*|__)?\s*(?:Q|Question)\s*(?:\d{1,4})?\s*(?:\*\*|__)?\s*[:.]\s*(?:\*\*|__)?\s*(\S.*)$",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*#{1,6}\s+(.+?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*•+]|\d{1,3}[.)])\s+(\S.*)$")
_JUNK = re.compile(
    r"^\W*(advertisement|sponsored|comments?\b|\d+\s+comments?|leave a (reply|comment)|share (this|on)|"
    r"related (posts|articles|reading)|subscribe|sign up|newsletter|posted (by|in|on)|copyright|©|"
    r"click here|read more|you may also like|about the author|login|log in|cookie|all rights reserved|"
    r"fraud blocker|previous post|next post|tags?:|categories:|filed under)",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"^(describe|tell|give|explain|share|walk|talk|what|why|how|when|where|who|which|do|does|did|"
    r"can|could|would|will|have|has|are|is|should|imagine|if|in your|name|list)\b",
    re.IGNORECASE,
)
_BEHAVIOURAL = re.compile(
    r"\b(describe a (time|situation|challenging|difficult)|tell (me|us) about a (time|situation)|"
    r"give (me |us )?an example|share an? (example|experience|time)|have you ever|discuss a time|"
    r"a time when you)\b",
    re.IGNORECASE,
)
_SITUATIONAL = re.compile(r"\b(what would you do|how would you|if a |imagine|suppose)\b", re.I)
_MOTIVATION = re.compile(
    r"\b(why (do|did|are|have) you|motivat|what made you|why this|interest(ed)? in|hope to achieve|"
    r"goals?\b|passion|where do you see yourself)",
    re.IGNORECASE,
)


@dataclass
class _Draft:
    """A question being read, with the numbered body lines that follow it."""

    question: str
    line: int
    body: list[tuple[int, str]] = field(default_factory=list)


# ----------------------------------------------------------------------------- helpers


def _clean(text: str) -> str:
    """Strip Markdown emphasis, surrounding quotes and extra space from a question or answer."""
    text = text.replace("**", "").replace("__", "").strip()
    text = re.sub(r"\s+", " ", text)
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


def _ends_question(text: str) -> bool:
    return text.rstrip(_QUOTES + " *_)").endswith("?")


def _looks_like_question(text: str) -> bool:
    return _ends_question(text) or bool(_QUESTION_START.match(text.lstrip(_QUOTES + " *_")))


def _is_junk(text: str) -> bool:
    return bool(_JUNK.match(text.strip()))


def _paragraphs(body: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Split numbered lines into paragraphs at blank lines."""
    paras: list[list[tuple[int, str]]] = [[]]
    for number, line in body:
        if line.strip():
            paras[-1].append((number, line))
        elif paras[-1]:
            paras.append([])
    return [p for p in paras if p]


def _join(lines: Iterable[tuple[int, str]]) -> str:
    return _clean(" ".join(line.strip() for _, line in lines))


def _is_prose(para: list[tuple[int, str]]) -> bool:
    """A paragraph that reads as part of an answer, not a heading, caption or advert."""
    text = _join(para)
    return (len(text) >= 25 and not _is_junk(text) and text[-1:] in ".!?\"”’)"
            and not labels.is_coaching(text))


# ------------------------------------------------------------------ question detectors

Detector = Callable[[list[str], int, int], tuple[str, int] | None]


def _numbered_question(lines: list[str], i: int, expected: int) -> tuple[str, int] | None:
    match = _NUMBERED.match(lines[i])
    if not match or _ANSWER.match(lines[i]):
        return None
    number, text = int(match.group(1)), match.group(2)
    in_sequence = number == expected or (expected == 1 and number in (0, 1))
    if not in_sequence and not (_ends_question(text) and number == expected):
        return None
    return _maybe_two_lines(lines, i, text)


def _maybe_two_lines(lines: list[str], i: int, text: str) -> tuple[str, int]:
    """A question whose second half is on the next line."""
    if not _ends_question(text) and i + 1 < len(lines):
        nxt = lines[i + 1].strip()
        if nxt and _ends_question(nxt) and not _ANSWER.match(nxt) and not _NUMBERED.match(nxt):
            return _clean(f"{text} {nxt}"), i + 2
    return _clean(text), i + 1


def _qa_question(lines: list[str], i: int, expected: int) -> tuple[str, int] | None:
    match = _QA_QUESTION.match(lines[i])
    if not match:
        return None
    return _maybe_two_lines(lines, i, match.group(1))


def _heading_question(lines: list[str], i: int, expected: int) -> tuple[str, int] | None:
    match = _HEADING.match(lines[i])
    if not match:
        return None
    text = match.group(1)
    numbered = _NUMBERED.match(text)
    if numbered:
        text = numbered.group(2)
    text = re.sub(r"^(?:Q|Question)\s*\d*\s*[:.]\s*", "", text, flags=re.I)
    return (_clean(text), i + 1) if _looks_like_question(text) else None


def _bullet_question(lines: list[str], i: int, expected: int) -> tuple[str, int] | None:
    match = _BULLET.match(lines[i])
    if not match or match.group(1) or _ANSWER.match(lines[i]):
        return None
    text = match.group(2)
    return (_clean(text), i + 1) if _ends_question(text) else None


def _example_question(lines: list[str], i: int, expected: int) -> tuple[str, int] | None:
    if _EXAMPLE.match(lines[i]) or _ANSWER.match(lines[i]) or labels.is_label(lines[i]):
        return None
    for detector in (_numbered_question, _qa_question, _heading_question):
        found = detector(lines, i, expected)
        if found:
            return found
    text = _clean(labels.strip_marks(lines[i]))
    if len(text) <= 10 or lines[i].startswith((" ", "\t")):
        return None
    if _ends_question(text) or (_looks_like_question(text) and labels.answer_label_ahead(lines, i)):
        return text, i + 1
    return None


def _bold_question(lines: list[str], i: int, expected: int) -> tuple[str, int] | None:
    """A line that is bold as a whole and reads as a question: ``**Why this job?**``."""
    text = labels.bold_text(lines[i])
    if text is None or labels.is_label(lines[i]):
        return None
    numbered = _NUMBERED.match(text)
    if numbered:
        text = numbered.group(2)
    return (_clean(text), i + 1) if _looks_like_question(text) else None


# ------------------------------------------------------------------ answer extractors

Extractor = Callable[[_Draft], tuple[str, list[str], list[tuple[int, str]]]]


def _answer_after_prefix(draft: _Draft, pattern: re.Pattern[str]) -> tuple[str, list[str], list[tuple[int, str]]]:
    """Answer = the prefixed line and the lines after it up to a blank line; before = tips."""
    body = draft.body
    for index, (_, line) in enumerate(body):
        match = pattern.match(line)
        inline = match.group(1) if match else labels.answer_label(line)
        if inline is None:
            continue
        tips = [_join(p) for p in _paragraphs(body[:index])]
        answer_lines = [(body[index][0], inline)]
        rest = body[index + 1 :]
        if not inline.strip():  # "Example answer:" alone on its line
            paras = _paragraphs(rest)
            first = paras[0] if paras else []
            answer_lines = first
            rest = rest[rest.index(first[-1]) + 1 :] if first else rest
        else:
            taken = _take_until_blank(rest)
            answer_lines += taken
            rest = rest[len(taken) :]
        more, rest = _more_prose(rest)
        coaching = [p for p in _paragraphs(rest) if labels.is_coaching(_join(p))]
        tips += [_join(p) for p in coaching]
        rest = [pair for pair in rest if not any(pair in p for p in coaching)]
        return _join(answer_lines + more), [t for t in tips if t], rest
    return "", [], body


def _take_until_blank(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    taken = []
    for number, line in lines:
        if not line.strip() or _is_junk(line):
            break
        taken.append((number, line))
    return taken


def _more_prose(rest: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Further answer paragraphs, stopping at the first that is not prose."""
    more: list[tuple[int, str]] = []
    paras = _paragraphs(rest)
    used = 0
    for para in paras:
        if not _is_prose(para):
            break
        more += para
        used += 1
    leftover = [pair for para in paras[used:] for pair in para]
    return more, leftover


def _answer_lines(draft: _Draft) -> tuple[str, list[str], list[tuple[int, str]]]:
    return _answer_after_prefix(draft, _ANSWER)


def _answer_examples(draft: _Draft) -> tuple[str, list[str], list[tuple[int, str]]]:
    return _answer_after_prefix(draft, _EXAMPLE)


def _answer_paragraphs(draft: _Draft) -> tuple[str, list[str], list[tuple[int, str]]]:
    paras = _paragraphs(draft.body)
    tips = []
    while paras and labels.is_coaching(_join(paras[0])):  # "Purpose: ..." above the answer
        tips.append(_join(paras.pop(0)))
    if not paras or _is_junk(_join(paras[0])):
        return "", [], draft.body
    first = paras[0]
    rest = [pair for pair in draft.body if pair[0] > first[-1][0]]
    more, leftover = _more_prose(rest)
    return _join(first + more), tips, leftover


def _answer_bullets(draft: _Draft) -> tuple[str, list[str], list[tuple[int, str]]]:
    kept: list[tuple[int, str]] = []
    rest: list[tuple[int, str]] = []
    for number, line in draft.body:
        if not line.strip():
            continue
        bullet = _BULLET.match(line)
        text = bullet.group(2) if bullet else line
        answer = _ANSWER.match(text)
        text = answer.group(1) if answer else text
        (rest if _is_junk(text) or rest else kept).append((number, text))
    return _join(kept), [], rest


_LAYOUTS: dict[str, tuple[Detector, Extractor]] = {
    "answer-lines": (_numbered_question, _answer_lines),
    "qa": (_qa_question, _answer_lines),
    "examples": (_example_question, _answer_examples),
    "headings": (_heading_question, _answer_paragraphs),
    "paragraphs": (_numbered_question, _answer_paragraphs),
    "bold": (_bold_question, _answer_paragraphs),
    "bullets": (_bullet_question, _answer_bullets),
}


# ------------------------------------------------------------------------- parsing


def parse_text(text: str, layout: str = "auto", source: str = "<text>") -> ParseResult:
    """Find question-answer pairs in plain text or Markdown."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if layout != "auto":
        return _parse_layout(lines, layout, source)
    results = [_parse_layout(lines, name, source) for name in TEXT_LAYOUTS]
    # Most pairs wins; on a tie, the layout with explicit answer markers (earlier in the list).
    return max(results, key=lambda r: len(r.pairs))


def _parse_layout(lines: list[str], layout: str, source: str) -> ParseResult:
    detect, extract = _LAYOUTS[layout]
    drafts, before = _split_questions(lines, detect)
    result = ParseResult(source, layout)
    leftovers = list(before)
    for draft in drafts:
        follow_ups, draft.body, dropped = labels.split_follow_ups(draft.body)
        answer, tips, rest = extract(draft)
        leftovers += rest + dropped
        if answer:
            result.pairs.append(ImportedPair(draft.question, answer, draft.line, source, tips=tips,
                                             follow_ups=follow_ups))
        else:
            leftovers.append((draft.line, draft.question))
    result.skipped = _skipped_ranges(leftovers, source)
    result.title = labels.title_line(lines, drafts[0].line if drafts else len(lines) + 1)
    return result


def _split_questions(lines: list[str], detect: Detector) -> tuple[list[_Draft], list[tuple[int, str]]]:
    drafts: list[_Draft] = []
    before: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        found = None if labels.FOLLOW_UP.match(lines[i]) else detect(lines, i, len(drafts) + 1)
        if found:
            drafts.append(_Draft(found[0], i + 1))
            i = found[1]
            continue
        (drafts[-1].body if drafts else before).append((i + 1, lines[i]))
        i += 1
    return drafts, before


def _skipped_ranges(leftovers: list[tuple[int, str]], source: str) -> list[Skipped]:
    """Group skipped non-blank lines into runs of consecutive line numbers."""
    runs: list[Skipped] = []
    start = end = 0
    preview = ""
    for number, line in sorted(p for p in leftovers if p[1].strip()):
        if runs and number <= end + 2 and start:
            end = number
            runs[-1] = Skipped(source, start, end, preview)
            continue
        start = end = number
        preview = _preview(line)
        runs.append(Skipped(source, start, end, preview))
    return runs


def _preview(line: str) -> str:
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", line.strip())
    return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…"


def parse_csv(text: str, source: str = "<csv>") -> ParseResult:
    """Rows with ``question`` and ``answer`` columns (optional ``themes``, ``category``, ``id``,
    ``difficulty``, ``tips`` and ``follow_ups``; list cells split at `` | ``)."""
    csv.field_size_limit(MAX_INPUT_BYTES)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    if "question" not in columns or "answer" not in columns:
        raise ImportFormatError(f"{source}:1: a CSV needs the columns 'question' and 'answer'")
    result = ParseResult(source, "csv")
    try:
        for row in reader:
            _csv_row(row, columns, reader.line_num, result)
    except csv.Error as exc:
        raise ImportFormatError(f"{source}:{reader.line_num}: {exc}") from exc
    return result


def _csv_row(row: dict[str | None, str | None], columns: dict[str, str], line: int, result: ParseResult) -> None:
    def cell(name: str) -> str:
        key = columns.get(name)
        value = row.get(key) if key is not None else None
        return undefuse(value.strip()) if isinstance(value, str) else ""

    question, answer = cell("question"), cell("answer")
    if not question:
        result.skipped.append(Skipped(result.source, line, line, "row without a question"))
        return
    themes = [t.strip() for t in re.split(r"[;,|]", cell("themes")) if t.strip()]
    difficulty = cell("difficulty")
    result.pairs.append(
        ImportedPair(question, answer, line, result.source, themes=themes,
                     category=cell("category") or None, question_id=cell("id") or None,
                     tips=_cell_list(cell("tips")), follow_ups=_cell_list(cell("follow_ups")),
                     difficulty=int(difficulty) if difficulty in ("1", "2", "3") else None)
    )


def _cell_list(text: str) -> list[str]:
    """A list written in one CSV cell as ``first | second`` (how ``export-bank`` writes it)."""
    return [item.strip() for item in text.split(" | ") if item.strip()]


def read_source(path: Path) -> str:
    """A file's text; a clear error for a missing, huge or non-UTF-8 file."""
    from interview_coach._util.inputcap import read_input

    data = read_input(path, MAX_INPUT_BYTES)  # no FIFO, device or endless file
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFormatError(f"{path}:{line}: the file is not UTF-8 text") from exc


def parse_file(path: Path, layout: str = "auto") -> ParseResult:
    """Parse one file, choosing CSV by extension or by ``layout``."""
    text = read_source(path)
    if layout == "gift" or (layout == "auto" and _is_gift(path, text)):
        from interview_coach.trainer.gift import parse_gift

        return parse_gift(text, str(path))
    if layout == "csv" or (layout == "auto" and path.suffix.lower() in (".csv", ".tsv")):
        return parse_csv(text, str(path))
    return parse_text(text, layout, str(path))


def _is_gift(path: Path, text: str) -> bool:
    """A ``.gift`` file, or a ``.txt`` file that reads as GIFT (Moodle exports GIFT as .txt)."""
    from interview_coach.trainer.gift import looks_like_gift

    suffix = path.suffix.lower()
    return suffix == ".gift" or (suffix == ".txt" and looks_like_gift(text))


# ------------------------------------------------------------------ towards a bank


def guess_category(prompt: str) -> str:
    """behavioural for "describe a time…", situational for "what would you do", and so on."""
    if _BEHAVIOURAL.search(prompt):
        return "behavioural"
    if _SITUATIONAL.search(prompt):
        return "situational"
    if _MOTIVATION.search(prompt):
        return "motivation"
    return "knowledge"


_ID_STOPWORDS = frozenset(
    "a an the you your do does did is are was were be to of in on for with and or how what why when "
    "can could would will have has that this it as at by from me my i about".split()
)


def make_id(prompt: str, taken: set[str]) -> str:
    """A slug from the question's main words, unique among ``taken``."""
    words = re.findall(r"[a-z0-9]+", prompt.lower())
    main = [w for w in words if w not in _ID_STOPWORDS] or words or ["question"]
    slug = "_".join(main[:6])[:60].strip("_") or "question"
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug}_{n}"
        n += 1
    taken.add(candidate)
    return candidate


@dataclass
class ImportReport:
    """The bank built from the files, with what each file gave."""

    bank: dict[str, object]
    results: list[ParseResult]
    warnings: list[str] = field(default_factory=list)


def suggest_themes(answer: str, scorer: object | None, limit: int = 3) -> list[str]:
    """Theme ids the scorer finds covered in ``answer``, strongest first."""
    if scorer is None or not answer.strip():
        return []
    from interview_coach.scoring import Scorer

    assert isinstance(scorer, Scorer)
    result = scorer.score(scorer.bank.questions[0], answer)
    # Covered, or touched by one weak cue (issue 12's tiers): a suggestion for a trainer to check.
    covered = [t for t in result.themes if t.state in ("covered", "touched")]
    covered.sort(key=lambda t: (-t.strength, t.id))
    return [t.id for t in covered[:limit]]


def build_bank(
    results: list[ParseResult],
    themes: dict[str, dict[str, object]],
    *,
    bank_id: str,
    title: str,
    role: str,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Assemble a schema-1 bank (as plain data) from parsed pairs and a theme library."""
    scorer = _theme_scorer(themes)
    report = ImportReport({}, results)
    questions: list[dict[str, object]] = []
    taken: set[str] = set()
    for pair in (p for r in results for p in r.pairs):
        question = _question_entry(pair, themes, scorer, taken, report.warnings)
        if question is not None:
            questions.append(question)
        if progress is not None:
            progress(1)
    used = sorted({t for q in questions for t in q["themes"]})  # type: ignore[attr-defined]
    sources = ", ".join(Path(r.source).name for r in results)
    report.bank = {
        "schema": 1,
        "id": bank_id,
        "title": title,
        "description": f"Imported from {sources}.",
        "role": role,
        "themes": {tid: themes[tid] for tid in used},
        "questions": questions,
    }
    return report


def _theme_scorer(themes: dict[str, dict[str, object]]) -> object | None:
    """A scorer over a one-question bank holding just the theme library."""
    if not themes:
        return None
    from interview_coach.banks.models import Bank
    from interview_coach.scoring import Scorer

    bank = Bank.model_validate(
        {"schema": 1, "id": "theme-library", "title": "themes", "description": "themes",
         "role": "any", "themes": themes,
         "questions": [{"id": "probe", "prompt": "probe", "model_answer": "probe"}]},
    )
    return Scorer(bank)


def _question_entry(
    pair: ImportedPair,
    themes: dict[str, dict[str, object]],
    scorer: object | None,
    taken: set[str],
    warnings: list[str],
) -> dict[str, object] | None:
    where = f"{pair.source}:{pair.line}"
    chosen = [t for t in pair.themes if t in themes]
    for unknown in sorted(set(pair.themes) - set(themes)):
        warnings.append(f"{where}: theme {unknown!r} is not in the theme library; left out "
                        "(give --themes BANK_OR_LIBRARY to keep it)")
    if not chosen:
        chosen = suggest_themes(pair.answer, scorer)
    if not pair.answer and not chosen:
        warnings.append(f"{where}: question without an answer or themes left out: {_preview(pair.question)!r}")
        return None
    entry: dict[str, object] = {
        "id": _valid_id(pair.question_id, taken) or make_id(pair.question, taken),
        "prompt": pair.question,
        "category": pair.category or guess_category(pair.question),
        "themes": chosen,
        "model_answer": pair.answer,
    }
    if pair.difficulty is not None:
        entry["difficulty"] = pair.difficulty
    if pair.tips:
        entry["tips"] = pair.tips
    if pair.follow_ups:
        entry["follow_ups"] = pair.follow_ups
    entry.update(pair.extra)
    return entry


def _valid_id(candidate: str | None, taken: set[str]) -> str | None:
    if candidate and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", candidate) and candidate not in taken:
        taken.add(candidate)
        return candidate
    return None


def dump_bank_yaml(bank: dict[str, object], header: str = "") -> str:
    """YAML text for a bank, long answers folded, values YAML could misread quoted."""
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C emitter is ten times faster

    class _Dumper(base):  # type: ignore[valid-type,misc]
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    body = yaml.dump(bank, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96)
    return header + body
