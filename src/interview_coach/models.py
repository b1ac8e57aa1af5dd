"""The bank format, schema version 1, as typed models that reject unknown keys.

Field names are a public contract: the scorer, the TUI, the importers and outside checks rely
on them. The JSON Schema shipped as ``question_banks/bank.schema.json`` is generated from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]
BUILTIN_CATEGORIES = ("motivation", "knowledge", "situational", "behavioural")


class _Model(BaseModel):
    """Shared settings: unknown keys are errors, text is never coerced from numbers or booleans."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


class Theme(_Model):
    """Something an interviewer listens for, with the words that show it."""

    label: Text
    description: Text = Field(description="What an interviewer listens for and why it matters.")
    keywords: Annotated[list[Text], Field(min_length=1)] = Field(
        description="Words and multi-word phrases that show the theme."
    )
    hint: str | None = Field(default=None, description="One line: how to bring the theme in.")
    weight: Annotated[float, Field(gt=0, le=10)] = 1.0
    shared_keywords: list[Text] = Field(
        default_factory=list,
        description="Keywords this theme shares with another theme on purpose.",
    )


class RedFlag(_Model):
    """A phrase an interviewer hears as a warning sign, and why."""

    phrase: Text
    why: Text


class Question(_Model):
    """One interview question with what a good answer covers."""

    id: Slug
    prompt: Text
    themes: list[Slug] = Field(default_factory=list, description="Theme ids the answer should cover.")
    model_answer: str = ""
    category: Annotated[str, StringConstraints(min_length=1, max_length=40)] | None = Field(
        default=None,
        description="motivation, knowledge, situational, behavioural, or a bank's own word.",
    )
    difficulty: Annotated[int, Field(ge=1, le=3)] | None = None
    tips: list[Text] = Field(default_factory=list)
    follow_ups: list[Text] = Field(default_factory=list)
    time_limit: Annotated[int, Field(gt=0, le=3600)] | None = Field(
        default=None, description="Seconds."
    )
    keywords: list[Text] = Field(default_factory=list, description="Extra question-specific terms.")


class ThemeLibrary(_Model):
    """A file holding only themes, included by banks that share them."""

    schema_: Literal[1] = Field(alias="schema")
    themes: dict[Slug, Theme] = Field(default_factory=dict)

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Bank(_Model):
    """A question bank: one YAML file."""

    schema_: Literal[1] = Field(alias="schema", description="The bank format version.")
    id: Slug
    title: Text
    description: Text
    role: Text = Field(description="The job the bank prepares for.")
    author: str | None = None
    license: str | None = None
    language: str = "en"
    include: list[Text] = Field(
        default_factory=list, description="Theme library files, relative to this bank."
    )
    themes: dict[Slug, Theme] = Field(default_factory=dict)
    red_flags: list[RedFlag] = Field(default_factory=list)
    questions: Annotated[list[Question], Field(min_length=1)]

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    # Filled in by the loader: where the bank came from and a hash of its content.
    _source: str = PrivateAttr(default="")
    _content_hash: str = PrivateAttr(default="")
    _lines: Mapping[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)

    @property
    def source(self) -> str:
        """The file the bank was loaded from ('' when built in memory)."""
        return self._source

    @property
    def content_hash(self) -> str:
        """A hash of the bank's content (with its includes), so history can tell versions apart."""
        return self._content_hash

    def line_of(self, *path: str | int) -> int:
        """The 1-based line of a key path in the source file (0 when unknown)."""
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return 0

    def question(self, question_id: str) -> Question:
        """The question with this id; ``KeyError`` naming the closest id otherwise."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)
