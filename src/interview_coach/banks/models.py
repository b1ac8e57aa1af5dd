"""The bank format, schema versions 1 and 2, as typed models that reject unknown keys.

Field names are a public contract: the scorer, the TUI, the importers and outside checks rely
on them. The JSON Schema shipped as ``question_banks/bank.schema.json`` is generated from here.

Schema 2 adds evidence tiers, anti-cues, red-flag severities and regions:

* A theme lists ``strong`` cues (each shows the theme on its own: "clear boundaries", "kept it
  confidential"), ``weak`` cues (general words that support it: two distinct weak cues close
  together, in the same or the next sentence, show it; one leaves it *touched*) and
  ``anti_cues`` (what an answer says when it goes against the theme; said without negation the
  theme is *contradicted*, said under negation, "I never give out my personal number", it is a
  strong cue).
* ``keywords`` (the only cue list of schema 1, still accepted in schema 2) take a tier by
  default: a keyword of two or more words is a strong cue, a single word a weak cue.
* A red flag has a ``severity``: ``minor``, ``major`` (the default, as in schema 1) or
  ``critical`` (a safety-critical stance: the score is capped low, as an interviewer would stop
  there).
* ``regions`` say which countries the bank's wording fits, with the local terms for each;
  a question's ``region_tips`` give the local equivalents for one question.

Cue, anti-cue and red-flag phrases share one syntax: words match by stem and word form,
pronouns are slots ("their own pace" matches "his own pace"), ``...`` is a gap of a few words
inside one sentence ("give ... personal number"), and ``{a|b}`` lists alternatives, each one or
more words ("{share|give out} my {personal|private} number"). An anti-cue or red flag may name a
``context``: words of which one must be said near it (in its sentence, the three before or the
one after) for it to count, or a list of such word lists, each of which must be. A general act ("I'd keep it to myself", "I wouldn't pass it on")
goes against a theme only with what makes it unsafe near it (a plan, an overdose, cuts).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]
BUILTIN_CATEGORIES = ("motivation", "knowledge", "situational", "behavioural")


class _Model(BaseModel):
    """Shared settings: unknown keys are errors, text is never coerced from numbers or booleans."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


_CONTEXT_HELP = (
    "Schema 2: words of which one must be said in the same sentence, the three before or the "
    "one after for the phrase to count, in the phrase syntax ({a|b} alternatives; a word "
    "ending in * matches every word it starts): \"keep it to myself\" is a stance against "
    "the theme only with a risk near it. A list: each one must be said near it."
)


class AntiCue(_Model):
    """What an answer says when it goes against a theme, and what an interviewer objects to."""

    phrase: Text
    why: Text
    context: Text | list[Text] | None = Field(default=None, description=_CONTEXT_HELP)
    critical: bool = Field(
        default=False,
        description="A safety-critical stance (a risk kept secret, suicidal talk dismissed): "
        "said, it is also a critical red flag and caps the score as one does.",
    )


class Theme(_Model):
    """Something an interviewer listens for, with the words that show it and that go against it."""

    label: Text
    description: Text = Field(description="What an interviewer listens for and why it matters.")
    strong: list[Text] = Field(
        default_factory=list, description="Schema 2: cues that show the theme on their own."
    )
    weak: list[Text] = Field(
        default_factory=list,
        description="Schema 2: general words that support the theme; two close together show it.",
    )
    # After strong and weak, so that its validator sees them.
    keywords: list[Text] = Field(
        default_factory=list,
        description="Cues with a default tier: two or more words strong, one word weak.",
    )
    anti_cues: list[AntiCue] = Field(
        default_factory=list,
        description="Schema 2: what an answer says when it goes against the theme.",
    )
    hint: str | None = Field(default=None, description="One line: how to bring the theme in.")
    weight: Annotated[float, Field(gt=0, le=10)] = 1.0
    shared_keywords: list[Text] = Field(
        default_factory=list,
        description="Keywords this theme shares with another theme on purpose.",
    )

    @field_validator("keywords")
    @classmethod
    def _keywords_not_empty(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if not value and not (info.data.get("strong") or info.data.get("weak")):
            raise PydanticCustomError("too_short", "the keyword list is empty")
        return value

    @model_validator(mode="after")
    def _has_cues(self) -> Theme:
        if not (self.keywords or self.strong or self.weak):
            raise ValueError("a theme needs at least one cue: 'keywords', 'strong' or 'weak'")
        return self

    def strong_cues(self) -> list[str]:
        """The strong cues: ``strong`` and every keyword of two or more words."""
        return [*self.strong, *(k for k in self.keywords if len(k.split()) > 1)]

    def weak_cues(self) -> list[str]:
        """The weak cues: ``weak`` and every one-word keyword."""
        return [*self.weak, *(k for k in self.keywords if len(k.split()) <= 1)]

    def all_cues(self) -> list[str]:
        """Every cue of the theme, strong and weak, in file order."""
        return [*self.keywords, *self.strong, *self.weak]


class RedFlag(_Model):
    """A phrase an interviewer hears as a warning sign, and why."""

    phrase: Text
    why: Text
    severity: Literal["minor", "major", "critical"] = Field(
        default="major",
        description="minor, major (schema 1's only kind) or critical (a safety-critical stance).",
    )
    context: Text | list[Text] | None = Field(default=None, description=_CONTEXT_HELP)


class Region(_Model):
    """A country or service system the bank's wording fits, with its local terms."""

    label: Text
    notes: list[Text] = Field(
        default_factory=list,
        description="Local equivalents: crisis lines, qualification routes, privacy terms.",
    )


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
    region_tips: dict[Slug, Text] = Field(
        default_factory=dict, description="Schema 2: local equivalents, by region id."
    )


class ThemeLibrary(_Model):
    """A file holding only themes, included by banks that share them."""

    schema_: Literal[1, 2] = Field(alias="schema")
    themes: dict[Slug, Theme] = Field(default_factory=dict)

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Bank(_Model):
    """A question bank: one YAML file."""

    schema_: Literal[1, 2] = Field(alias="schema", description="The bank format version.")
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
    regions: dict[Slug, Region] = Field(
        default_factory=dict, description="Schema 2: the countries the wording fits."
    )
    stance_model: Text | None = Field(
        default=None,
        description="A stance model file (JSON, made by benchmarks/train_stance.py), relative to "
        "this bank, or builtin:NAME for the one shipped with a built-in bank "
        "(builtin:peer_support_worker): a sentence it reads as an unsafe stance is a red flag.",
    )
    questions: Annotated[list[Question], Field(min_length=1)]

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    # Filled in by the loader: where the bank came from and a hash of its content.
    _source: str = PrivateAttr(default="")
    _content_hash: str = PrivateAttr(default="")
    _lines: Mapping[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)
    _stance_path: str = PrivateAttr(default="")

    @property
    def stance_path(self) -> str:
        """The stance model file the bank names, resolved by the loader ('' for none)."""
        return self._stance_path

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
