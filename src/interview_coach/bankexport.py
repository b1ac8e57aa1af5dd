"""Exporting a bank to other study tools: Anki (tab-separated), CSV, and a Markdown study sheet."""

from __future__ import annotations

import csv
import html
import io

from interview_coach.exports import _cell as formula_safe
from interview_coach.models import Bank, Question

CSV_COLUMNS = ("id", "question", "answer", "themes", "category", "difficulty", "tips", "follow_ups")


def export_bank(bank: Bank, fmt: str) -> str:
    """The bank as text in ``fmt`` (``anki``, ``csv`` or ``md``)."""
    writers = {"anki": to_anki, "csv": to_csv, "md": to_markdown}
    return writers[fmt](bank)


def _theme_labels(bank: Bank, question: Question) -> list[str]:
    return [bank.themes[t].label if t in bank.themes else t for t in question.themes]


def to_anki(bank: Bank) -> str:
    """Anki's text import: question on the front; model answer and themes on the back."""
    out = io.StringIO()
    out.write("#separator:tab\n#html:true\n#columns:Front\tBack\tTags\n#tags column:3\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for question in bank.questions:
        back = html.escape(question.model_answer).replace("\n", "<br>")
        labels = _theme_labels(bank, question)
        if labels:
            back += "<br><br><b>Themes:</b> " + html.escape(", ".join(labels))
        tags = " ".join(filter(None, [bank.id, question.category or "", *question.themes]))
        writer.writerow([html.escape(question.prompt), back, tags])
    return out.getvalue()


def to_csv(bank: Bank) -> str:
    """One row per question; ``import`` reads it back unchanged."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in bank.questions:
        writer.writerow([formula_safe(cell) for cell in (
            q.id, q.prompt, q.model_answer, ";".join(q.themes), q.category or "",
            q.difficulty or "", " | ".join(q.tips), " | ".join(q.follow_ups),
        )])
    return out.getvalue()


def _md_escape(text: str) -> str:
    """Keep bank text literal in Markdown (no accidental headings, emphasis or HTML)."""
    escaped = html.escape(text, quote=False)
    for char in "\\`*_[]#|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def to_markdown(bank: Bank) -> str:
    """A study sheet grouped by theme: what each theme means, then its questions."""
    lines = [f"# {_md_escape(bank.title)}", "", _md_escape(bank.description), ""]
    for tid, theme in bank.themes.items():
        questions = [q for q in bank.questions if tid in q.themes]
        lines += [f"## {_md_escape(theme.label)}", "", _md_escape(theme.description), ""]
        if theme.hint:
            lines += [f"*Hint:* {_md_escape(theme.hint)}", ""]
        lines += _md_questions(questions)
    other = [q for q in bank.questions if not any(t in bank.themes for t in q.themes)]
    if other:
        lines += ["## Other questions", "", *_md_questions(other)]
    return "\n".join(lines).rstrip() + "\n"


def _md_questions(questions: list[Question]) -> list[str]:
    lines: list[str] = []
    for q in questions:
        lines += [f"### {_md_escape(q.prompt)}", ""]
        if q.model_answer:
            lines += [_md_escape(q.model_answer), ""]
        lines += [f"- {_md_escape(tip)}" for tip in q.tips]
        if q.tips:
            lines.append("")
    return lines
