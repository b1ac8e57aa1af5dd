"""Scoring an answer against a question of a bank: themes, red flags, closeness, delivery.

Core module: never imports Textual. The result is deterministic and explains every point.

Use::

    scorer = Scorer(bank)                  # compiles the bank's keyword tables once
    result = scorer.score("q-id", answer)  # a ScoreResult; result.to_dict() is the --json form

    live = scorer.live(question)           # for an editor: rescoring as the user types
    result = live.update(text)             # reuses the work done for the previous text;
                                           # result.truncated is True (and nothing is scored)
                                           # when text is longer than live.max_chars

The overall score is explained part by part in ``result.parts``; SCORE_FORMULA (below) is the
formula in words, for the README and the help screen. Closeness to the model answer comes from
:mod:`interview_coach.similarity`.

How matching works: answers and keywords are normalised (:mod:`interview_coach.textnorm`),
cut into words and stemmed twice (Snowball English). A keyword word matches an answer word with
the same stem, or, when the answer word has five letters or more and its stem is not a keyword
stem, a keyword stem or word one typo away (two when the compared strings have nine letters or
more; a substitution in a shorter string must be between neighbouring keys of a keyboard; a swap
of two letters is one typo; same first letter). Multi-word keywords match
as a phrase of stems within one clause with one extra word allowed inside ("set clear
boundaries" for "set boundaries"), and "self care", "self-care" and "selfcare" are one word.
A match preceded in its clause (up to six words back) by a negator ("not", "never", "no",
"without", "hardly", any "n't") is reported as negated and does not count, unless its keyword
names a harm (HARM_WORDS: "not embarrassed", "nobody is left out" still speak to the theme)
or a breach ("I'd never overstep"), or a reversing verb stands between the negator and the match
("I would never break confidentiality": REVERSING_VERBS), or "without" follows another negator
("never ... without consent"). In multi-word keywords, pronouns are slots ("at their own pace"
matches "at her own pace", "on someone's behalf" "on his behalf"), "not" matches any "n't", and
an irregular form matches only as written ("been there" is not "being there").
A match does not count when it is in a question ("How do you keep boundaries?"), in a bare list
of keywords or an answer that reads the question back, or when its word is used in another
sense: stance adverbs ("Honestly, ..."), a first-person wish ("I hope to hear from you"), an
agent noun for an activity keyword ("supervisor" for "supervision"), an organisation ("the
Trust").
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from itertools import accumulate, compress
from typing import Any, cast

from rapidfuzz.distance import OSA, Levenshtein
from rapidfuzz.process import extract

from interview_coach import textnorm
from interview_coach._util.errors import ScoringError
from interview_coach._util.gcpause import gc_paused
from interview_coach.banks.models import Bank, Question
from interview_coach.textnorm import GAP_CLAUSE, GAP_JOIN

SCORE_FORMULA = """\
Overall score (0-100), the sum of these parts, rounded:

* themes (60 points, 85 when the question has no model answer): for each expected theme,
  weight x strength if it is covered (at least one match that is not negated), divided by the
  total weight of the expected themes. Question-specific keywords, when the question lists any,
  count as one more expected theme of average weight. A theme's strength is
  1 - 0.4 ** (sum over its distinct keywords matched of the match similarity): one exact keyword
  gives 0.6, two give 0.84, three 0.94.
* model answer (25 points): reference_similarity / 0.6, at most 1 (a similarity of 0.6 or
  more already reads as a full answer).
* delivery (15 points): 1 from 40 to 300 words, words/40 below 40, and falling by 1/600 per word
  above 300 down to 0.5; multiplied by min(1, content / 0.5), where content is the fraction of
  the theme and model-answer points earned, so length alone earns nothing.
* red flags: minus 10 points per distinct red flag said without negation (at most minus 30).
* caps: an answer that mostly reads the question back (under 30% of its content words are new)
  scores at most 10; a bare list of keywords scores at most 20: from 3 words, under 20% of
  them function words ("I", "the", "would"...); from 6 words, also over 60% of the words inside
  keyword matches, or clauses (split at commas, full stops, line breaks) under 3 words long on
  average. A bare list (mostly keywords, or clauses under 3 words long on average) or a
  read-back covers no theme at all: it names themes without showing them.

A question with no expected themes (and no question keywords) is scored on the model answer
alone: model answer 100 points, then red flags and caps. A question with neither scores 0.
An empty or whitespace-only answer scores 0.
"""

THEME_POINTS = 60.0
MODEL_POINTS = 25.0
DELIVERY_POINTS = 15.0
RED_FLAG_PENALTY = 10.0
RED_FLAG_MAX_PENALTY = 30.0
READBACK_CAP = 10.0
KEYWORD_LIST_CAP = 20.0
SIMILARITY_FULL = 0.6
STRENGTH_BASE = 0.4
TOO_SHORT_WORDS = 40
TOO_LONG_WORDS = 300
WORDS_PER_MINUTE = 140.0
LIVE_MAX_CHARS = 20_000
NEGATION_WINDOW = 6

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't done down during each either else even ever every few for from further
    get gets got had hadn't has hasn't have haven't having he he'd he'll he's her here hers
    herself him himself his how i i'd i'll i'm i've if in into is isn't it it's its itself just
    let let's me might more most much must my myself no nor not now of off on once only or other
    our ours ourselves out over own same shall she she'd she'll she's should shouldn't so some
    such than that that's the their theirs them themselves then there there's these they they'd
    they'll they're they've this those though through to too under until up upon us very was
    wasn't we we'd we'll we're we've were weren't what what's when where which while who whom
    whose why will with within without won't would wouldn't yet you you'd you'll you're you've
    your yours yourself yourselves im ive id dont didnt doesnt cant wont isnt wasnt really
    """.split()
)
NEGATORS = frozenset(
    """
    not no never without hardly barely scarcely seldom rarely nobody nothing none neither nor
    cannot nowhere dont didnt doesnt isnt wasnt arent werent wont wouldnt shouldnt couldnt cant
    havent hasnt hadnt mustnt neednt aint
    """.split()
)
# A negator followed by one of these does not negate what comes next: "not only", "no doubt",
# and the double negatives "I wouldn't hesitate to", "never fail to", "never lose sight of".
_NOT_NEGATING_NEXT = frozenset(
    """only just doubt matter problem question hesitate hesitated fail failed stop stopped
    forget forgot forgotten ignore neglect underestimate lose lost""".split()
)
# Verbs that reverse what they act on: negating one affirms its object ("I would never break
# confidentiality", "never leave someone alone at risk", "I'd never ignore warning signs"),
# whereas "I never take breaks" or "I don't believe in boundaries" stay negated. Stems, so every
# form counts; "left" is listed as written (it is also a direction).
REVERSING_VERBS = frozenset(
    """break breach violat compromi betray abandon desert ignor overlook dismiss neglect
    disregard cross overstep miss skip undermin leav risk jeopardi jeopard interrupt
    overrid""".split()
)
# "give up on": the verb and its particle.
_REVERSING_PHRASAL = frozenset({("give", "up"), ("gave", "up"), ("giving", "up"), ("given", "up"),
                                ("let", "down"), ("lets", "down"), ("letting", "down")})
# Words naming a harm or a problem. A keyword holding one counts even when negated: "I'm not
# embarrassed about my diagnosis" or "nobody is left out" still speaks to stigma or inclusion,
# whereas "I don't believe in boundaries" rejects what the theme asks for. (Red flags are still
# cancelled by a negation.)
HARM_WORDS = frozenset(
    """
    shame shameful ashamed embarrassed embarrassment stigma stigmatised stigmatized stigmatising
    prejudice prejudiced stereotype stereotypes stereotyping taboo judged judgemental judgmental
    discrimination discriminated isolated isolation lonely loneliness excluded exclusion left
    burnout burnt burned harm harmful abuse abused neglect neglected exploited exploitation
    blame blamed dismissed patronising patronizing ignored rejected rejection labelled labeled
    labels myths misconceptions fear afraid frightened scared hopeless helpless worthless
    weakness failure overwhelmed alone
    """.split()
)
# Word classes inside multi-word keywords: a keyword written with one member matches any
# member ("at their own pace" matches "at her own pace", "on someone's behalf" matches "on his
# behalf", "harm themselves" matches "harm himself", "not a friend" matches "isn't a friend").
# Only pronouns are slots in a keyword ("person" in "person-first language" stays a word); in
# an answer, a person named by a noun fills the slot too ("let people talk").
_OBJECT_WORDS = frozenset(
    "them him her someone somebody people person client clients peer peers".split()
)
_POSSESSIVE_WORDS = frozenset(
    """their his her someone's somebody's people's person's client's clients' peer's
    peers'""".split()
)
_SUBJECT_WORDS = frozenset("they he she someone somebody people person".split())
_REFLEXIVE_WORDS = frozenset("themselves themself himself herself oneself".split())
# Keyword words that are slots, by class.
_SLOT_OF_KEYWORD_WORD = {
    "them": "@obj", "him": "@obj", "someone": "@obj", "somebody": "@obj",
    "their": "@poss", "his": "@poss", "someone's": "@poss", "somebody's": "@poss",
    "they": "@subj", "he": "@subj", "she": "@subj",
    "themselves": "@self", "himself": "@self", "herself": "@self",
    "not": "@not",
}
# "say no" refuses something; it does not negate what follows ("I say no and explain why").
_NO_AS_OBJECT_AFTER = frozenset("say says said saying".split())
# Words that end the reach of a negation inside a sentence.
_SCOPE_BREAKERS = frozenset("but however although though whereas instead yet".split())

FILLERS = ("um", "umm", "uh", "uhm", "er", "erm", "like", "you know", "basically", "actually",
           "literally", "sort of", "kind of", "i mean")
HEDGES = ("i think", "maybe", "perhaps", "i guess", "probably", "i'm not sure", "im not sure",
          "i suppose", "i feel like", "might be", "not really sure")
# "like" is a filler only next to a pause or after these words ("I was like, ...").
_LIKE_FILLER_AFTER = frozenset("was were is i'm it's um uh so and".split())
# "kind of"/"sort of" after these words is a noun phrase ("what kind of support").
_KIND_OF_NOUN_AFTER = frozenset(
    "what which this that a the any every some same different all one other another no".split()
)

STAR_CUES: dict[str, tuple[str, ...]] = {
    "situation": (
        "there was a time", "a time when", "at the time", "one day", "last year", "in my last",
        "in my previous", "i was working", "i was volunteering", "a few years ago", "recently",
        "the situation", "when i was", "i remember", "once",
    ),
    "task": (
        "i needed to", "i had to", "my role", "my job was", "my responsibility", "responsible for",
        "the aim was", "the goal was", "my task", "i was asked to", "i wanted to make sure",
        "needed to", "my aim",
    ),
    "action": (
        "i decided", "so i", "i spoke", "i talked", "i asked", "i listened", "i made sure",
        "i took", "i explained", "i offered", "i suggested", "i arranged", "i contacted",
        "i called", "i sat down", "i helped", "i reached out", "first i", "then i", "i agreed",
        "i worked with", "i went", "i encouraged", "i supported",
    ),
    "result": (
        "as a result", "in the end", "the outcome", "the result", "which meant", "this meant",
        "that meant", "led to", "afterwards", "eventually", "ended up", "by the end",
        "turned out", "i learned", "i learnt", "since then", "looking back", "it worked",
        "thanked me", "improved", "resolved", "felt better", "went on to",
    ),
}
_BEHAVIOURAL_PROMPT = re.compile(
    r"\b(?:describe|tell (?:me|us) about|give (?:me |us )?an example of|talk (?:me |us )?through"
    r"|share|recall|think of)\s+(?:a|an|one)\s+(?:\w+\s+)?(?:time|situation|occasion|moment)\b"
    r"|\bhave you ever\b|\bwhen (?:have|did) you\b"
)
_BEHAVIOURAL_CATEGORIES = frozenset({"behavioural", "behavioral"})

# Pattern kinds.
_THEME, _QTERM, _FLAG, _FILLER, _HEDGE, _STAR = range(6)

# Keyboard neighbours (QWERTY): a substitution typo in a short word must be one of these.
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    """Letters next to each letter on a QWERTY keyboard."""
    where = {c: (r, i) for r, row in enumerate(_KEY_ROWS) for i, c in enumerate(row)}
    out: dict[str, frozenset[str]] = {}
    for c, (r, i) in where.items():
        out[c] = frozenset(
            d for d, (r2, i2) in where.items() if d != c and abs(r2 - r) <= 1 and abs(i2 - i) <= 1
        )
    return out


_NEIGHBOURS = _keyboard_neighbours()


# --------------------------------------------------------------------------- public results


@dataclass(frozen=True)
class Match:
    """One keyword found in the answer: ``answer[start:end] == text``."""

    keyword: str
    text: str
    start: int
    end: int
    similarity: float
    negated: bool = False


@dataclass
class ThemeResult:
    """How one theme of the bank shows in the answer."""

    id: str
    label: str
    expected: bool
    covered: bool
    strength: float
    negated: bool
    matches: list[Match] = field(default_factory=list)
    hint: str | None = None


@dataclass(frozen=True)
class RedFlagHit:
    """A warning-sign phrase found in the answer."""

    phrase: str
    why: str
    text: str
    start: int
    end: int


@dataclass
class Delivery:
    """How the answer would sound: length, fillers, hedges, STAR parts."""

    words: int
    speaking_seconds: float
    fillers: dict[str, int] = field(default_factory=dict)
    hedges: dict[str, int] = field(default_factory=dict)
    repeated: list[tuple[str, int]] = field(default_factory=list)
    too_short: bool = False
    too_long: bool = False
    star: dict[str, bool] | None = None
    star_missing_result: bool = False


@dataclass(frozen=True)
class ScorePart:
    """One part of the overall score: how many points it gave out of how many."""

    name: str
    points: float
    max_points: float
    detail: str


@dataclass
class ScoreResult:
    """Everything the scorer found, with the overall score 0-100."""

    bank_id: str
    question_id: str
    score: int
    reference_similarity: float
    words: int
    themes: list[ThemeResult]
    red_flags: list[RedFlagHit]
    delivery: Delivery
    parts: list[ScorePart]
    feedback: list[str]
    truncated: bool = False
    # Matches of the question's own ``keywords`` (None when the question lists none).
    question_terms: ThemeResult | None = None
    # Why the score was capped ("" when it was not): "read back", "keyword list".
    capped: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``--json`` format of ``score``)."""
        return asdict(self)


# --------------------------------------------------------------------------- compiled tables


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A keyword, red-flag phrase, filler or STAR cue as a sequence of keys."""

    keys: tuple[str, ...]
    kind: int
    owner: str
    keyword: str
    max_extra: int
    exact: bool
    harm: bool = False  # names a harm: a negation does not cancel it (see HARM_WORDS)


_Resolved = tuple[tuple[str, float], ...]
# Per word: pattern keys, stopword (0/1), new to the question (0/1), where patterns start,
# negator (0/1).
_Info = tuple[_Resolved, int, int, "_Entry | None", int]
_INFO_KEYS, _INFO_STOP, _INFO_NOVEL, _INFO_ENTRY, _INFO_NEGATOR = (
    operator.itemgetter(k) for k in range(5)
)
# A hit: pattern, first token, last token, similarity.
_Hit = tuple[_Pattern, int, int, float]


def _surface(word: str) -> str:
    """The key of an exact (unstemmed) word."""
    return "=" + word


class _Tables:
    """A bank's keyword tables: first key -> patterns, typo lookup, per-word cache."""

    def __init__(self, bank: Bank) -> None:
        self.single: dict[str, list[_Pattern]] = {}
        self.pairs: dict[str, dict[str, list[_Pattern]]] = {}
        self.vocab: set[str] = set()
        self.compound_heads: set[str] = set()
        # Stems of keyword words of five letters or more: only these may be reached by a typo.
        self.typo_targets: set[str] = set()
        # The same keyword words as written (normalised) -> their stem: a typo may hide a stem.
        self.typo_words: dict[str, str] = {}
        self._cache: dict[str, _Resolved] = {}
        self.classes: set[str] = set()  # word-class keys some keyword uses
        for theme_id, theme in bank.themes.items():
            for keyword in dict.fromkeys([*theme.all_cues(), *theme.shared_keywords]):
                self._add_keyword(keyword, _THEME, theme_id, 1)
        for question in bank.questions:
            for keyword in dict.fromkeys(question.keywords):
                self._add_keyword(keyword, _QTERM, question.id, 1)
        for index, flag in enumerate(bank.red_flags):
            words = textnorm.words(flag.phrase)
            self._add_keyword(flag.phrase, _FLAG, str(index), 1 if len(words) <= 3 else 2)
        for phrase in FILLERS:
            self._add_exact(phrase, _FILLER, phrase)
        for phrase in HEDGES:
            self._add_exact(phrase, _HEDGE, phrase)
        for part, cues in STAR_CUES.items():
            for cue in cues:
                self._add(tuple(textnorm.stem(w) for w in textnorm.words(cue)), _STAR, part, cue,
                          0, True)
        spans = [len(p.keys) + p.max_extra for ps in self.single.values() for p in ps]
        spans += [len(p.keys) + p.max_extra for d in self.pairs.values() for ps in d.values()
                  for p in ps]
        self.max_span = 2 + max(spans, default=1)
        self.any_extra = any(p.max_extra for d in self.pairs.values() for ps in d.values()
                             for p in ps)
        self._fuzzy = _buckets(self.typo_targets)
        self._fuzzy_words = _buckets(set(self.typo_words))

    def _add(self, keys: tuple[str, ...], kind: int, owner: str, keyword: str, extra: int,
             exact: bool) -> None:
        if not keys:
            return
        harm = kind in (_THEME, _QTERM) and _names_harm(textnorm.words(keyword))
        pattern = _Pattern(keys, kind, owner, keyword, extra if len(keys) > 1 else 0, exact, harm)
        if len(keys) == 1:
            bucket = self.single.setdefault(keys[0], [])
        else:
            bucket = self.pairs.setdefault(keys[0], {}).setdefault(keys[1], [])
        if pattern not in bucket:
            bucket.append(pattern)
        self.vocab.update(keys)

    def _add_keyword(self, keyword: str, kind: int, owner: str, extra: int) -> None:
        words = textnorm.words(keyword)
        keys = tuple(textnorm.stem(w) for w in words)
        if len(words) > 1 and kind in (_THEME, _QTERM):
            keys = tuple(_SLOT_OF_KEYWORD_WORD.get(w, k) for w, k in zip(words, keys, strict=True))
            # An irregular form in a phrase is chosen on purpose: "been there" (lived through
            # it) is not "being there".
            keys = tuple(_surface(w) if textnorm.is_irregular_form(w) else k
                         for w, k in zip(words, keys, strict=True))
            self.classes.update(k for k in keys if k.startswith("@"))
        self._add(keys, kind, owner, keyword, extra, False)
        for word in words:
            if len(word) >= 5 and word.isalpha():
                self.typo_targets.add(textnorm.stem(word))
                self.typo_words.setdefault(word, textnorm.stem(word))
        if 2 <= len(words) <= 3:
            # "self care" may be written "selfcare": the joined form is a keyword too.
            self._add((textnorm.stem("".join(words)),), kind, owner, keyword, 0, False)
        elif len(words) == 1 and len(words[0]) >= 6:
            # ...and "selfcare" may be written "self care" or "self-care".
            word = words[0]
            self.compound_heads.update(word[:i] for i in range(3, len(word) - 2))

    def _add_exact(self, phrase: str, kind: int, owner: str) -> None:
        self._add(tuple(_surface(w) for w in textnorm.words(phrase)), kind, owner, phrase, 0, True)

    def view(self, question_id: str, behavioural: bool) -> _View:
        """The patterns that matter for one question: its own terms, STAR cues if behavioural."""

        def wanted(p: _Pattern) -> bool:
            if p.kind == _QTERM:
                return p.owner == question_id
            return behavioural or p.kind != _STAR

        single = {k: [p for p in ps if wanted(p)] for k, ps in self.single.items()}
        pairs = {
            k: {k2: [p for p in ps if wanted(p)] for k2, ps in d.items()}
            for k, d in self.pairs.items()
        }
        pairs = {k: {k2: ps for k2, ps in d.items() if ps} for k, d in pairs.items()}
        return _View(
            self,
            {k: tuple(ps) for k, ps in single.items() if ps},
            {k: {k2: tuple(ps) for k2, ps in d.items()} for k, d in pairs.items() if d},
        )

    def resolve(self, word: str) -> _Resolved:
        """The pattern keys a normalised answer word stands for, with similarities."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        found: list[tuple[str, float]] = []
        surface = _surface(word)
        if surface in self.vocab:
            found.append((surface, 1.0))
        key = textnorm.stem(word)
        if key in self.vocab:
            found.append((key, 1.0))
        elif len(word) >= 5:
            found.extend(self._typo(word, key))
        found.extend((cls, 1.0) for cls in _class_keys(word) if cls in self.classes)
        result = tuple(found)
        if len(self._cache) > 200_000:
            self._cache.clear()  # a stream of unique junk words must not grow memory forever
        self._cache[word] = result
        return result

    def _typo(self, word: str, key: str) -> list[tuple[str, float]]:
        """Keyword stems one typo away (two from nine letters), by stem or by written word.

        Comparing stems finds "boundries" (boundri ~ boundari); comparing words finds
        "expereince" (~ experience), whose stem the stemmer cuts differently.
        """
        if len(word) > 30 or not key or not word.isalpha():
            return []  # typos of keywords are letters only; junk and numbers skip the search
        best: dict[str, float] = {}
        for cand, sim in _near(key, self._fuzzy, keep_ending=True):
            best[cand] = max(best.get(cand, 0.0), sim)
        for cand, sim in _near(word, self._fuzzy_words):
            target = self.typo_words[cand]
            best[target] = max(best.get(target, 0.0), sim)
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:3]


# Where a word may start patterns: for each key it stands for, (similarity, one-word patterns,
# second key -> longer patterns); plus whether it may be the first half of a compound.
_Entry = tuple[tuple[tuple[float, tuple[_Pattern, ...], dict[str, tuple[_Pattern, ...]] | None],
                     ...], bool]


class _View:
    """A bank's tables seen from one question, with a per-word cache of where patterns start."""

    def __init__(self, tables: _Tables, single: dict[str, tuple[_Pattern, ...]],
                 pairs: dict[str, dict[str, tuple[_Pattern, ...]]]) -> None:
        self.tables = tables
        self.single = single
        self.pairs = pairs
        self.any_extra = tables.any_extra

    def entry(self, word: str, resolved: _Resolved) -> _Entry | None:
        """Where ``word`` may start a pattern (None for most words: nothing starts there)."""
        items = []
        for key, sim in resolved:
            singles = tuple(p for p in self.single.get(key, ()) if sim >= 1.0 or not p.exact)
            followers = self.pairs.get(key)
            if singles or followers:
                items.append((sim, singles, followers))
        head = word in self.tables.compound_heads
        if not items and not head:
            return None
        return (tuple(items), head)


def _class_keys(word: str) -> tuple[str, ...]:
    """The keyword slots a normalised answer word fills ("her": object and possessive)."""
    out: list[str] = []
    if word in _OBJECT_WORDS:
        out.append("@obj")
    if word in _POSSESSIVE_WORDS:
        out.append("@poss")
    if word in _SUBJECT_WORDS:
        out.append("@subj")
    if word in _REFLEXIVE_WORDS:
        out.append("@self")
    if word == "not" or word.endswith("n't") or word in _CONTRACTED_NOT:
        out.append("@not")
    return tuple(out)


_CONTRACTED_NOT = frozenset(
    "dont didnt doesnt isnt wasnt arent werent wont wouldnt shouldnt couldnt cant cannot".split()
)


def _buckets(keys: set[str]) -> dict[tuple[str, int], list[str]]:
    """Strings that a typo may reach, by first letter and length."""
    buckets: dict[tuple[str, int], list[str]] = {}
    for key in sorted(keys):
        if len(key) >= 4:
            buckets.setdefault((key[0], len(key)), []).append(key)
    return buckets


def _near(text: str, buckets: dict[tuple[str, int], list[str]],
          keep_ending: bool = False) -> list[tuple[str, float]]:
    """Bucketed strings one edit from ``text``, two from nine letters (a swap is one edit).

    With ``keep_ending`` (comparing stems) the last letter may not be the one edited: stems of
    different words often differ only there ("includ" and "inclus").
    """
    limit = 1 if len(text) < 9 else 2
    bucket: list[str] = []
    for length in range(len(text) - limit, len(text) + limit + 1):
        bucket.extend(buckets.get((text[0], length), ()))
    out: list[tuple[str, float]] = []
    for cand, dist, _ in extract(text, bucket, scorer=OSA.distance, score_cutoff=limit,
                                 limit=None):
        if keep_ending and not _ending_kept(text, cand):
            continue
        if dist and _plausible_typo(text, cand, len(text)):
            out.append((cand, round(1.0 - dist / max(len(text), len(cand)), 3)))
    return out


def _ending_kept(typed: str, meant: str) -> bool:
    """Whether every edit from ``meant`` to ``typed`` lies before the last letter of both."""
    return all(
        op.src_pos < len(meant) - 1 and op.dest_pos < len(typed) - 1
        for op in Levenshtein.editops(meant, typed)
    )


def _plausible_typo(typed: str, meant: str, word_len: int) -> bool:
    """A substitution in a short word must hit a neighbouring key; long words may differ more."""
    if word_len >= 9:
        return True
    for op in Levenshtein.editops(meant, typed):
        if op.tag != "replace":
            continue
        if typed[op.dest_pos] not in _NEIGHBOURS.get(meant[op.src_pos], frozenset()):
            # A swap of two neighbouring letters is two replacements: allow it.
            if not (len(typed) == len(meant) and _is_swap(typed, meant)):
                return False
    return True


def _is_swap(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with two adjacent letters swapped."""
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and \
        a[diffs[1]] == b[diffs[0]]


# --------------------------------------------------------------------------- the analysis


def _similarity_function() -> Callable[[str, str], Callable[[str], float]]:
    """A factory (reference, question) -> answer -> similarity, from the similarity module."""
    from interview_coach.similarity import Reference

    def factory(reference: str, question: str) -> Callable[[str], float]:
        return Reference(reference, question).similarity

    return factory


class _Doc:
    """An answer cut into tokens, with its pattern hits; cheap to extend or change at the end."""

    def __init__(self, q: _QuestionTables) -> None:
        self.view = q.view
        self.tables = q.view.tables
        self.question_stems = q.stems
        self.text = ""
        self.words: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.gaps: list[int] = []
        self.keys: list[_Resolved] = []
        self.stop: list[int] = []  # 1 for a stopword
        self.novel: list[int] = []  # 1 for a content word the question does not hold
        self.hits: list[_Hit] = []
        self.hit_starts: list[int] = []
        self.hit_negated: list[bool] = []  # worked out once: it only looks back
        # Per hit, worked out once when first assessed (see plain_theme_hits).
        self.hit_plain: list[bool] = []
        # Per hit, the Match it reports, made on first use: a kept hit reports the same one.
        self.hit_match: list[Match | None] = []
        self.stop_count = 0  # sum(self.stop), kept up to date
        # (first token, end, asks a question?) of the sentences judged so far that another
        # sentence follows: each depends only on its words and the text up to the next one.
        self.sentences: list[tuple[int, int, bool]] = []
        self.novel_count = 0  # sum(self.novel)
        self.counts: Counter[str] = Counter()  # word -> occurrences (zeros left behind)
        self.entries: list[_Entry | None] = []
        self.negators: list[int] = []  # 1 for a negator ("not", "never", any "n't")
        # Shared by every document of one question: the same words recur, so look once.
        self._info = q.info

    def set_text(self, text: str) -> None:
        """Make the document hold ``text``, re-reading only what changed since the last call."""
        keep = self._tokens_to_keep(text)
        self._truncate(keep)
        self.text = text
        offset = self.ends[-1] if self.ends else 0
        self._append_tokens(text[offset:], offset)
        self._scan(max(0, keep - self.tables.max_span))

    def _tokens_to_keep(self, text: str) -> int:
        """How many leading tokens are unchanged in ``text``."""
        prefix = _common_prefix(self.text, text)
        keep = bisect.bisect_left(self.ends, prefix)  # tokens ending strictly before the change
        # One more back: the gap after the last kept token must be unchanged to keep it.
        keep = max(0, keep - 1)
        # One character can become several words ("¼" is "1⁄4"): never split its words.
        while 0 < keep < len(self.starts) and self.starts[keep] < self.ends[keep - 1]:
            keep -= 1
        return keep

    def _truncate(self, keep: int) -> None:
        if keep < len(self.words):
            self.counts.subtract(self.words[keep:])
            self.stop_count -= sum(self.stop[keep:])
            self.novel_count -= sum(self.novel[keep:])
        for seq in (self.words, self.starts, self.ends, self.gaps, self.keys, self.stop,
                    self.novel, self.entries, self.negators):
            del seq[keep:]
        cut = bisect.bisect_left(self.hit_starts, max(0, keep - self.tables.max_span))
        del self.hits[cut:]
        del self.hit_starts[cut:]
        del self.hit_negated[cut:]
        del self.hit_plain[cut:]
        del self.hit_match[cut:]
        sentences = self.sentences
        while sentences and sentences[-1][1] >= keep:
            sentences.pop()  # its next sentence's first word changed or went

    def _word_info(self, word: str) -> _Info:
        is_stop = word in STOPWORDS
        novel = not is_stop and textnorm.stem(word) not in self.question_stems
        resolved = self.tables.resolve(word)
        negator = int(word in NEGATORS or word.endswith("n't"))
        info = (resolved, int(is_stop), int(novel), self.view.entry(word, resolved), negator)
        if len(self._info) > 100_000:
            self._info.clear()
        self._info[word] = info
        return info

    def _append_tokens(self, text: str, offset: int) -> None:
        """Tokenise ``text`` (which starts at ``offset`` of the answer) onto the end.

        Written as whole-list steps rather than one loop: this is the scorer's hottest code.
        """
        norm = textnorm.normalise(text)
        # [gap, word, gap, word, ..., trailing text]: the same (gap, word) pairs as
        # TOKEN_RE.findall, as one flat list of strings (no tuple per token to build and free).
        parts = textnorm.split_words(norm.text)
        if len(parts) < 2:
            return
        gap_texts, new_words = parts[0:-1:2], parts[1::2]
        # Cache look-ups at C speed; the rare miss (None) is filled in afterwards.
        cached_gaps = list(map(textnorm.GAP_CACHE.get, gap_texts))
        if None in cached_gaps:
            gap_kind = textnorm.gap_kind
            cached_gaps = [k or gap_kind(g) for k, g in zip(cached_gaps, gap_texts, strict=True)]
        new_gaps = cast("list[int]", cached_gaps)
        word_lengths = list(map(len, new_words))
        ends = list(accumulate(map(operator.add, map(len, gap_texts), word_lengths)))
        starts = list(map(operator.sub, ends, word_lengths))
        if norm.identity:
            if offset:
                starts = [s + offset for s in starts]
                ends = [e + offset for e in ends]
        else:
            starts = [s + offset for s in norm.starts_of(starts)]
            ends = [e + offset for e in norm.ends_of(ends)]
        cached_infos = list(map(self._info.get, new_words))
        if None in cached_infos:
            word_info = self._word_info
            cached_infos = [i or word_info(w) for i, w in zip(cached_infos, new_words,
                                                              strict=True)]
        infos = cast("list[_Info]", cached_infos)
        if offset == 0:
            new_gaps[0] = textnorm.GAP_SENTENCE  # nothing comes before the first word
        self.words += new_words
        self.gaps += new_gaps
        self.starts += starts
        self.ends += ends
        # One C-level pass per field: zip(*infos) would make an iterator per token.
        self.keys += map(_INFO_KEYS, infos)
        new_stop = list(map(_INFO_STOP, infos))
        new_novel = list(map(_INFO_NOVEL, infos))
        self.stop += new_stop
        self.novel += new_novel
        self.stop_count += sum(new_stop)
        self.novel_count += sum(new_novel)
        self.entries += map(_INFO_ENTRY, infos)
        self.negators += map(_INFO_NEGATOR, infos)
        self.counts.update(new_words)

    def _scan(self, lo: int) -> None:
        """Find every pattern hit starting at token ``lo`` or later."""
        entries, keys, gaps = self.entries, self.keys, self.gaps
        add, pairs_at = self._add_hit, self._pairs_at
        n = len(entries)
        any_extra = self.view.any_extra
        # Most words start nothing: visit only those that may (their entry is not None).
        for i in compress(range(lo, n), entries[lo:]):
            entry = entries[i]
            if entry is None:
                continue
            items, head = entry
            j = i + 1
            follows = j < n and gaps[j] < GAP_CLAUSE
            for sim, singles, followers in items:
                for pattern in singles:
                    add((pattern, i, i, sim))
                if followers is None or not follows:
                    continue
                for key2, sim2 in keys[j]:
                    found = followers.get(key2)
                    if found:
                        pairs_at(i, j, sim, sim2, found)
                if any_extra and j + 1 < n and gaps[j + 1] < GAP_CLAUSE:
                    for key2, sim2 in keys[j + 1]:
                        found = followers.get(key2)
                        if found:
                            pairs_at(i, j + 1, sim, sim2, found)
            if head and j < n and gaps[j] <= GAP_JOIN:
                self._scan_compound(i)

    def _pairs_at(self, i: int, j: int, sim: float, sim2: float,
                  patterns: tuple[_Pattern, ...]) -> None:
        """Patterns whose first two words are tokens ``i`` and ``j``: match the rest."""
        skipped = j - i - 1
        for pattern in patterns:
            if skipped > pattern.max_extra:
                continue
            if pattern.exact and (sim < 1.0 or sim2 < 1.0):
                continue
            hit = self._extend(pattern, i, j, sim + sim2, pattern.max_extra - skipped)
            if hit is not None:
                self._add_hit(hit)

    def _scan_compound(self, i: int) -> None:
        """A keyword written as one word found as two ("self care" for "selfcare")."""
        for key, sim in self.tables.resolve(self.words[i] + self.words[i + 1]):
            for pattern in self.view.single.get(key, ()):
                if pattern.kind in (_THEME, _QTERM, _FLAG):
                    self._add_hit((pattern, i, i + 1, sim))

    def _add_hit(self, hit: _Hit) -> None:
        self.hits.append(hit)
        self.hit_starts.append(hit[1])
        self.hit_negated.append(not hit[0].harm and self.negated(hit[1]))
        self.hit_match.append(None)

    def plain_theme_hits(self) -> list[bool]:
        """Per hit: for a theme hit, whether it may be evidence as far as its own place
        tells (not inside a longer hit of another theme, its word not in another sense).

        Both only look at hits starting no later and at words up to the next one, which a
        change further on keeps (hits near a change are found and judged again): so each
        hit is judged once, and typing at the end judges only the new hits.
        """
        done, hits, out = len(self.hit_plain), self.hits, self.hit_plain
        if done == len(hits):
            return out
        # A longer hit covering a new one starts at most max_span tokens before it.
        lo = bisect.bisect_left(self.hit_starts, self.hit_starts[done] - self.tables.max_span)
        covering: dict[int, list[tuple[int, int, str]]] = {}  # token -> long hits over it
        for pattern, i, j, _ in hits[lo:]:
            if j > i and pattern.kind == _THEME:
                for t in range(i, j + 1):
                    covering.setdefault(t, []).append((i, j, pattern.owner))
        for pattern, i, j, _ in hits[done:]:
            if pattern.kind != _THEME:
                out.append(True)
                continue
            over = covering.get(i)
            if over and any(a <= i and j <= b and b - a > j - i and owner != pattern.owner
                            for a, b, owner in over):
                out.append(False)  # inside a longer hit of another theme ("care" in "self-care")
            else:
                out.append(i != j or not _other_sense(self, pattern, i))
        return out

    def _extend(self, pattern: _Pattern, i: int, j: int, total: float, extra: int) -> _Hit | None:
        """Match the rest of a pattern after its second word at ``j`` (one clause, few extras)."""
        keys = pattern.keys
        n, gaps, tok_keys = len(self.words), self.gaps, self.keys
        for want in keys[2:]:
            j += 1
            while True:
                if j >= n or gaps[j] >= GAP_CLAUSE:
                    return None
                got = _key_similarity(tok_keys[j], want, pattern.exact)
                if got:
                    total += got
                    break
                if extra <= 0:
                    return None
                extra -= 1
                j += 1
        return (pattern, i, j, round(total / len(keys), 3))

    def negated(self, i: int) -> bool:
        """Whether token ``i`` is preceded, in its clause, by a negator."""
        if 1 not in self.negators[max(0, i - NEGATION_WINDOW) : i]:
            return False  # the usual case, decided at C speed
        words, gaps = self.words, self.gaps
        t = i - 1
        reversed_ = False  # a reversing verb lies between the negator and the keyword
        while t >= 0 and i - t <= NEGATION_WINDOW and gaps[t + 1] < GAP_CLAUSE:
            word = words[t]
            if word in _SCOPE_BREAKERS:
                return False
            if self.negators[t] and _negates(words, t):
                if reversed_:
                    return False  # "never break confidentiality": the breaking is negated
                if word == "without" and self._negated_before(t):
                    return False  # "never share without consent": two negations cancel
                return True
            if _is_reversing(words, t) and _verb_after_negator(words, t):
                reversed_ = True
            t -= 1
        return False

    def _negated_before(self, t: int) -> bool:
        """Whether another negator precedes token ``t`` in its clause, close enough to pair."""
        words, gaps = self.words, self.gaps
        u = t - 1
        while u >= 0 and t - u <= NEGATION_WINDOW and gaps[u + 1] < GAP_CLAUSE:
            if words[u] in _SCOPE_BREAKERS:
                return False
            if self.negators[u] and _negates(words, u):
                return True
            u -= 1
        return False


def _names_harm(words: list[str]) -> bool:
    """Whether a keyword names a harm or a breach: it counts even when negated ("I'd never
    overstep", "I never let people down" still speak to the theme)."""
    return any(w in HARM_WORDS for w in words) or (bool(words) and _is_reversing(words, 0))


# A sentence opening with one of these and ending with "?" asks rather than answers.
_QUESTION_OPENERS = frozenset(
    """what how why when where who whom whose which do does did would could can will have has
    is are should shall may might""".split()
)
# An interview prompt, with or without a question mark: "Tell us about a time...", "Describe how".
_PROMPT_OPENERS = frozenset(
    (a, b) for a, bs in {"tell": "me us", "talk": "me us", "give": "me us an",
                         "describe": "a an how what your"}.items() for b in bs.split()
)
_PROMPT_FIRST_WORDS = frozenset(a for a, _ in _PROMPT_OPENERS)
# Stance adverbs say how the speaker means a sentence, not that the quality is there:
# "Honestly, ..." is not honesty, "He genuinely seemed..." is not genuineness, "Hopefully..."
# is a wish.
_STANCE_ADVERBS = frozenset(
    "honestly genuinely hopefully truly frankly seriously personally".split()
)
# "I hope to hear from you", "we're hoping": a first-person wish, not hope held for someone.
_FIRST_PERSON = frozenset("i we i'm im we're i'd we'd i've we've".split())
_WISH_STEM = "hope"
_WISH_ADVERBS = frozenset("really do also just still always truly sincerely am was so".split())
# Agent nouns (supervisor, employer, coordinator) name a person, not the activity a keyword in
# -ion, -ment or -ing names (supervision, employment, training).
_AGENT_ENDINGS = ("er", "or", "ers", "ors", "er's", "or's")
_ACTIVITY_ENDINGS = ("ion", "ment", "ing")


@functools.lru_cache(maxsize=4096)
def _keyword_words(keyword: str) -> tuple[str, ...]:
    """The normalised words of a keyword (cached: asked once per match)."""
    return tuple(textnorm.words(keyword))


def _other_sense(doc: _Doc, pattern: _Pattern, i: int) -> bool:
    """Whether the one-word match at token ``i`` uses its word in another sense."""
    word = doc.words[i]
    kw_words = _keyword_words(pattern.keyword)
    if word in _STANCE_ADVERBS and word not in kw_words:
        return True
    if word.endswith(_AGENT_ENDINGS) and len(word) >= 6 and kw_words and \
            kw_words[0].endswith(_ACTIVITY_ENDINGS) and not kw_words[0].endswith(_AGENT_ENDINGS):
        return True
    if textnorm.stem(word) == _WISH_STEM and _is_wish(doc, i):
        return True
    return _is_proper_name(doc, i)


def _is_wish(doc: _Doc, i: int) -> bool:
    """'I hope...', 'we're hoping...', 'hoping to...': the speaker's own wish."""
    words, gaps = doc.words, doc.gaps
    if doc.words[i] in ("hoping", "hoped") and i + 1 < len(words) and words[i + 1] == "to":
        return True
    t = i - 1
    # "I hope", "we're hoping", "I really do hope"; not "I bring hope".
    while t >= 0 and i - t <= 3 and gaps[t + 1] < GAP_CLAUSE:
        if words[t] in _FIRST_PERSON:
            return True
        if words[t] not in _WISH_ADVERBS:
            return False
        t -= 1
    return False


def _is_proper_name(doc: _Doc, i: int) -> bool:
    """'the Trust', "the trust's policy", "an NHS trust": a keyword word naming an
    organisation."""
    if i == 0 or doc.gaps[i] >= GAP_CLAUSE:
        return False
    if doc.words[i - 1] == "nhs":
        return True
    if doc.words[i - 1] != "the":
        return False
    written = doc.text[doc.starts[i]: doc.ends[i]]
    return written[:1].isupper() or doc.words[i].endswith("'s")


def _is_reversing(words: list[str], t: int) -> bool:
    """Whether token ``t`` is a reversing verb (see REVERSING_VERBS) or the start of one."""
    word = words[t]
    if t + 1 < len(words) and (word, words[t + 1]) in _REVERSING_PHRASAL:
        return True
    return word == "left" or textnorm.stem(word) in REVERSING_VERBS


# Words that may stand between a negator and the verb it negates ("never ever break", "don't
# even think of breaking", "wouldn't want to leave").
_BEFORE_VERB = frozenset("ever even just really be have want to try dare deliberately".split())


def _verb_after_negator(words: list[str], t: int) -> bool:
    """Whether token ``t`` is the verb a negator just before it negates.

    After "without" only an -ing form is a verb ("without breaking confidentiality"; "without
    breaks" is a noun).
    """
    u = t - 1
    while u >= 0 and t - u <= 3 and words[u] in _BEFORE_VERB:
        u -= 1
    if u < 0 or t - u > 3 or not (words[u] in NEGATORS or words[u].endswith("n't")):
        return False
    return words[u] != "without" or words[t].endswith("ing")


def _negates(words: list[str], t: int) -> bool:
    """Whether the negator at ``t`` negates what follows ("not only" and "say no" do not)."""
    if words[t + 1] in _NOT_NEGATING_NEXT:
        return False
    return not (words[t] == "no" and t > 0 and words[t - 1] in _NO_AS_OBJECT_AFTER)


def _key_similarity(resolved: _Resolved, want: str, exact: bool) -> float:
    """The similarity with which a token stands for key ``want`` (0 when it does not)."""
    for key, sim in resolved:
        if key == want and (sim >= 1.0 or not exact):
            return sim
    return 0.0


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of two strings (fast for long equal stretches)."""
    if b.startswith(a):
        return len(a)
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # binary search on slice equality: O(n log n) in C, not O(n) in Python
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


# --------------------------------------------------------------------------- the scorer


@dataclass
class _QuestionTables:
    """What a question needs beyond the bank tables: its stems, closeness function, STAR flag."""

    question: Question
    stems: frozenset[str]
    similarity: Callable[[str], float]
    behavioural: bool
    expected: list[str]
    view: _View
    # word -> (pattern keys, stopword?, novel?, start entry) for this question's documents.
    info: dict[str, _Info] = field(default_factory=dict)


# Compiled tables of the banks alive in this process, so that a new Scorer for a bank already
# seen (the TUI makes one per screen) costs nothing. Keyed by identity; entries leave with the bank.
_TABLES: dict[int, tuple[weakref.ref[Bank], _Tables]] = {}


def _tables_for(bank: Bank) -> _Tables:
    """The compiled tables of ``bank``, built once per bank object."""
    key = id(bank)
    cached = _TABLES.get(key)
    if cached is not None and cached[0]() is bank:
        return cached[1]
    tables = _Tables(bank)

    def forget(_ref: weakref.ref[Bank]) -> None:
        _TABLES.pop(key, None)

    _TABLES[key] = (weakref.ref(bank, forget), tables)
    return tables


class Scorer:
    """Scores answers for one bank; keeps compiled keyword tables between calls.

    Tables are shared by every Scorer of the same bank object; a bank changed in place after
    its first Scorer needs ``Scorer(bank, fresh=True)``.
    """

    def __init__(self, bank: Bank, fresh: bool = False) -> None:
        self.bank = bank
        self._tables: _Tables | None = None
        if fresh:
            _TABLES.pop(id(bank), None)
        self._questions: dict[str, _QuestionTables] = {}
        self._similarity_factory = _similarity_function()

    @property
    def tables(self) -> _Tables:
        """The bank's compiled keyword tables (built on first use)."""
        if self._tables is None:
            self._tables = _tables_for(self.bank)
        return self._tables

    def _question(self, question: Question | str) -> _QuestionTables:
        qid = question if isinstance(question, str) else question.id
        cached = self._questions.get(qid)
        if cached is not None and (isinstance(question, str) or cached.question is question):
            return cached
        if isinstance(question, str):
            try:
                question = self.bank.question(question)
            except KeyError:
                raise ScoringError(f"no question {qid!r} in bank {self.bank.id!r}") from None
        compiled = _QuestionTables(
            question=question,
            stems=frozenset(textnorm.stem(w) for w in textnorm.words(question.prompt)
                            if w not in STOPWORDS),
            similarity=self._similarity_factory(question.model_answer, question.prompt),
            behavioural=_is_behavioural(question),
            expected=[t for t in question.themes if t in self.bank.themes],
            view=self.tables.view(question.id, _is_behavioural(question)),
        )
        self._questions[qid] = compiled
        return compiled

    def score(self, question: Question | str, answer: str) -> ScoreResult:
        """Score ``answer`` to ``question`` (a Question or its id)."""
        q = self._question(question)
        with gc_paused(len(answer) >= _GC_PAUSE_CHARS):
            doc = _Doc(q)
            doc.set_text(answer)
            return _Assessment(self.bank, q, doc).result()

    def live(self, question: Question | str, max_chars: int = LIVE_MAX_CHARS) -> LiveScore:
        """A live scorer for one question: ``update(text)`` rescoring as the user types."""
        return LiveScore(self, question, max_chars)


# From this many characters, scoring pauses Python's cyclic garbage collector: a huge paste
# makes hundreds of thousands of small objects, none of them in a cycle, and the collections
# they trigger (each one walking every object of the process) cost a third of the time.
_GC_PAUSE_CHARS = 100_000


class LiveScore:
    """Rescoring one answer as it is typed, reusing the work done for the previous text.

    ``update(text)`` returns the same ScoreResult as ``Scorer.score`` would, but only re-reads
    the text from the first change on (typing at the end costs a few words, not the answer).
    Text longer than ``max_chars`` is not scored: the result has ``truncated=True``, score 0 and
    a feedback line saying so, and the caller keeps the text.

    One LiveScore belongs to one editor: it is not meant to be updated from two threads at once
    (give a worker its own, or serialise the calls). Typing one more word at the end of a
    300-word answer costs well under a millisecond.
    """

    def __init__(self, scorer: Scorer, question: Question | str,
                 max_chars: int = LIVE_MAX_CHARS) -> None:
        self.scorer = scorer
        self.max_chars = max_chars
        self._q = scorer._question(question)
        self._doc = _Doc(self._q)
        self._last: ScoreResult | None = None

    @property
    def question(self) -> Question:
        """The question being answered."""
        return self._q.question

    def update(self, text: str) -> ScoreResult:
        """Score ``text``, re-reading only what changed since the previous call."""
        if len(text) > self.max_chars:
            return self._too_long(text)
        if self._last is not None and text == self._doc.text:
            return self._last  # nothing changed (the cursor moved, a key did nothing)
        self._doc.set_text(text)
        self._last = _Assessment(self.scorer.bank, self._q, self._doc).result()
        return self._last

    def _too_long(self, text: str) -> ScoreResult:
        q = self._q
        message = (f"The answer is {len(text):,} characters long; live scoring stops at "
                   f"{self.max_chars:,}. Your text is kept; score it when you submit.")
        return ScoreResult(
            bank_id=self.scorer.bank.id, question_id=q.question.id, score=0,
            reference_similarity=0.0, words=0, themes=[], red_flags=[],
            delivery=Delivery(words=0, speaking_seconds=0.0), parts=[], feedback=[message],
            truncated=True,
        )


def _is_behavioural(question: Question) -> bool:
    """A question asking for a story from the candidate's past."""
    if (question.category or "").casefold() in _BEHAVIOURAL_CATEGORIES:
        return True
    return _BEHAVIOURAL_PROMPT.search(textnorm.normalise_text(question.prompt)) is not None


class _Assessment:
    """Turns a document's hits and counts into a ScoreResult."""

    def __init__(self, bank: Bank, q: _QuestionTables, doc: _Doc) -> None:
        self.bank, self.q, self.doc = bank, q, doc
        self.answer = doc.text
        self.by_kind: dict[int, list[tuple[_Hit, bool]]] = {k: [] for k in range(6)}
        qid = q.question.id
        by_kind = self.by_kind
        # A theme hit speaks for its theme when it is not inside a longer hit of another
        # theme, its word is not used in another sense (both judged once per hit, by the
        # document) and it is not in a question.
        # Id of a theme or question-term hit -> its index in doc.hits (for doc.hit_match).
        where: dict[int, int] = {}
        self._where = where
        for index, (hit, negated, plain) in enumerate(
            zip(doc.hits, doc.hit_negated, doc.plain_theme_hits(), strict=True)
        ):
            pattern = hit[0]
            kind = pattern.kind
            if kind == _QTERM and pattern.owner != qid:
                continue
            if plain:
                by_kind[kind].append((hit, negated))
                if kind in (_THEME, _QTERM):
                    where[id(hit)] = index
        self._questions: list[tuple[int, int]] | None = None  # question sentences, when needed
        self._shape: tuple[int, int, bool] | None = None  # see _list_shape
        if by_kind[_THEME] and self._question_ranges():
            by_kind[_THEME] = [item for item in by_kind[_THEME]
                               if not self._in_question(item[0][1])]

    def _question_ranges(self) -> list[tuple[int, int]]:
        """The question sentences, found on first use."""
        if self._questions is None:
            self._questions = self._question_sentences()
        return self._questions

    def _in_question(self, i: int) -> bool:
        """Whether token ``i`` lies in a sentence that asks a question ("How do you...?")."""
        questions = self._question_ranges()
        if not questions:
            return False  # the usual case
        at = bisect.bisect_right(questions, (i, len(self.doc.words))) - 1
        return at >= 0 and questions[at][0] <= i < questions[at][1]

    def _question_sentences(self) -> list[tuple[int, int]]:
        """(first token, end) of each sentence that asks a question or is an interview prompt."""
        doc = self.doc
        words, counts = doc.words, doc.counts
        if "?" not in doc.text and not any(counts.get(w) for w in _PROMPT_FIRST_WORDS):
            return []
        # Sentences followed by another were judged by earlier assessments of this document
        # (see _Doc.sentences); judge the rest.
        judged = doc.sentences
        first = judged[-1][1] if judged else 0
        gaps = doc.gaps
        starts = list(compress(range(first, len(gaps)),
                               map(textnorm.GAP_SENTENCE.__eq__, gaps[first:])))
        last: list[tuple[int, int]] = []
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(words)
            if start + 1 < len(words) and (words[start], words[start + 1]) in _PROMPT_OPENERS:
                asks = True  # "Tell us about a time you worked in a team."
            elif words[start] in _QUESTION_OPENERS:
                after = doc.text[doc.ends[end - 1]: doc.starts[end] if end < len(words) else None]
                asks = "?" in after[:8]
            else:
                asks = False
            if end < len(words):
                judged.append((start, end, asks))
            elif asks:
                last.append((start, end))
        return [(start, end) for start, end, asks in judged if asks] + last

    def result(self) -> ScoreResult:
        """The full result."""
        q, doc = self.q, self.doc
        words = len(doc.words)
        themes = self._themes()
        if words and (self._reads_question_back() or self._is_bare_list()):
            # A bare list of keywords or the question read back names themes; it does not
            # show them.
            themes = [_uncovered(t) for t in themes]
        qterms = self._question_terms()
        flags = self._red_flags() if words else []
        delivery = self._delivery()
        if not words:
            similarity = 0.0
        else:
            similarity = round(min(1.0, max(0.0, q.similarity(self.answer))), 4)
        parts, capped = self._parts(themes, qterms, flags, delivery, similarity)
        total = sum(p.points for p in parts)
        score = int(min(100.0, max(0.0, total)) + 0.5) if words else 0
        return ScoreResult(
            bank_id=self.bank.id, question_id=q.question.id, score=score,
            reference_similarity=similarity, words=words, themes=themes, red_flags=flags,
            delivery=delivery, parts=parts,
            feedback=self._feedback(themes, qterms, flags, delivery, capped),
            question_terms=qterms, capped=capped,
        )

    # ----- themes

    def _matches(self, hits: list[tuple[_Hit, bool]]) -> list[Match]:
        """Matches for hits of one owner: overlapping ones collapsed, longest first."""
        doc, answer, where, made = self.doc, self.answer, self._where, self.doc.hit_match
        out: list[Match] = []
        last_end = -1
        for hit, negated in _best_per_start(hits):
            pattern, i, j, sim = hit
            if i <= last_end:
                continue  # inside a longer match of the same theme
            last_end = j
            index = where[id(hit)]
            match = made[index]
            if match is None:
                start, end = doc.starts[i], doc.ends[j]
                match = made[index] = Match(pattern.keyword, answer[start:end], start, end, sim,
                                            negated)
            out.append(match)
        return out

    def _theme_result(self, theme_id: str, label: str, expected: bool,
                      hits: list[tuple[_Hit, bool]], hint: str | None) -> ThemeResult:
        matches = self._matches(hits)
        best: dict[str, float] = {}
        for m in matches:
            if not m.negated:
                best[m.keyword] = max(best.get(m.keyword, 0.0), m.similarity)
        covered = bool(best)
        strength = round(1.0 - STRENGTH_BASE ** sum(best.values()), 3) if covered else 0.0
        negated = not covered and bool(matches)
        return ThemeResult(theme_id, label, expected, covered, strength, negated, matches, hint)

    def _themes(self) -> list[ThemeResult]:
        grouped: dict[str, list[tuple[_Hit, bool]]] = {}
        for item in self.by_kind[_THEME]:
            grouped.setdefault(item[0][0].owner, []).append(item)
        expected = set(self.q.expected)
        return [
            self._theme_result(theme_id, theme.label, theme_id in expected,
                               grouped.get(theme_id, []), theme.hint)
            for theme_id, theme in self.bank.themes.items()
        ]

    def _question_terms(self) -> ThemeResult | None:
        if not self.q.question.keywords:
            return None
        return self._theme_result("question-terms", "Terms of this question", True,
                                  self.by_kind[_QTERM], None)

    # ----- red flags

    def _red_flags(self) -> list[RedFlagHit]:
        out: list[RedFlagHit] = []
        seen: set[tuple[str, int]] = set()
        for (pattern, i, j, _sim), negated in self.by_kind[_FLAG]:
            if negated or (pattern.owner, i) in seen:
                continue
            seen.add((pattern.owner, i))
            flag = self.bank.red_flags[int(pattern.owner)]
            start, end = self.doc.starts[i], self.doc.ends[j]
            out.append(RedFlagHit(flag.phrase, flag.why, self.answer[start:end], start, end))
        out.sort(key=lambda h: (h.start, h.phrase))
        return out

    # ----- delivery

    def _phrase_counts(self, kind: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for (pattern, i, _j, _sim), _neg in self.by_kind[kind]:
            if kind == _FILLER and not self._is_filler(pattern.keyword, i):
                continue
            counts[pattern.keyword] = counts.get(pattern.keyword, 0) + 1
        return dict(sorted(counts.items()))

    def _is_filler(self, phrase: str, i: int) -> bool:
        """'like', 'kind of' and 'sort of' are fillers only in some places."""
        words, gaps = self.doc.words, self.doc.gaps
        previous = words[i - 1] if i > 0 and gaps[i] < GAP_CLAUSE else ""
        if phrase == "like":
            pause_before = i == 0 or gaps[i] >= GAP_CLAUSE
            pause_after = i + 1 < len(words) and gaps[i + 1] >= GAP_CLAUSE
            return pause_before or pause_after or previous in _LIKE_FILLER_AFTER
        if phrase in ("kind of", "sort of"):
            return previous not in _KIND_OF_NOUN_AFTER
        return True

    def _delivery(self) -> Delivery:
        doc = self.doc
        words = len(doc.words)
        repeated = sorted(((w, c) for w, c in doc.counts.items()
                           if c >= 3 and len(w) > 2 and w not in STOPWORDS),
                          key=lambda wc: (-wc[1], wc[0]))[:5]
        star: dict[str, bool] | None = None
        missing_result = False
        if self.q.behavioural:
            parts = {hit[0].owner for hit, negated in self.by_kind[_STAR] if not negated}
            star = {part: part in parts for part in STAR_CUES}
            missing_result = words > 0 and not star["result"]
        return Delivery(
            words=words,
            speaking_seconds=round(words / WORDS_PER_MINUTE * 60.0, 1),
            fillers=self._phrase_counts(_FILLER),
            hedges=self._phrase_counts(_HEDGE),
            repeated=repeated,
            too_short=words < TOO_SHORT_WORDS,
            too_long=words > TOO_LONG_WORDS,
            star=star,
            star_missing_result=missing_result,
        )

    # ----- the score

    def _parts(self, themes: list[ThemeResult], qterms: ThemeResult | None,
               flags: list[RedFlagHit], delivery: Delivery,
               similarity: float) -> tuple[list[ScorePart], str]:
        expected = [t for t in themes if t.expected]
        weights = {tid: self.bank.themes[tid].weight for tid in self.q.expected}
        has_model = bool(self.q.question.model_answer.strip())
        parts: list[ScorePart] = []
        if not expected and qterms is None:
            if not has_model:
                return [ScorePart("themes", 0.0, 0.0,
                                  "the question has no expected themes and no model answer")], ""
            closeness = min(1.0, similarity / SIMILARITY_FULL)
            parts.append(ScorePart("model answer", round(100.0 * closeness, 2), 100.0,
                                   f"similarity {similarity:.2f} (full marks from "
                                   f"{SIMILARITY_FULL:.2f}); no expected themes"))
        else:
            theme_max = THEME_POINTS if has_model else THEME_POINTS + MODEL_POINTS
            parts.append(self._theme_part(expected, qterms, weights, theme_max))
            if has_model:
                closeness = min(1.0, similarity / SIMILARITY_FULL)
                parts.append(ScorePart("model answer", round(MODEL_POINTS * closeness, 2),
                                       MODEL_POINTS, f"similarity {similarity:.2f} (full marks "
                                       f"from {SIMILARITY_FULL:.2f})"))
            parts.append(self._delivery_part(delivery, parts))
        if flags:
            distinct = sorted({f.phrase for f in flags})
            penalty = min(RED_FLAG_MAX_PENALTY, RED_FLAG_PENALTY * len(distinct))
            parts.append(ScorePart("red flags", -penalty, 0.0,
                                   f"{len(distinct)} red flag(s): " + "; ".join(distinct)))
        return self._caps(parts)

    def _theme_part(self, expected: list[ThemeResult], qterms: ThemeResult | None,
                    weights: dict[str, float], theme_max: float) -> ScorePart:
        items = [(t, weights.get(t.id, 1.0)) for t in expected]
        if qterms is not None:
            average = sum(weights.values()) / len(weights) if weights else 1.0
            items.append((qterms, average))
        total_weight = sum(w for _, w in items) or 1.0
        earned = sum(w * t.strength for t, w in items if t.covered)
        covered = sum(1 for t, _ in items if t.covered)
        detail = f"{covered} of {len(items)} expected covered (weighted strength " \
                 f"{earned / total_weight:.2f})"
        return ScorePart("themes", round(theme_max * earned / total_weight, 2), theme_max, detail)

    def _delivery_part(self, delivery: Delivery, content_parts: list[ScorePart]) -> ScorePart:
        words = delivery.words
        if words < TOO_SHORT_WORDS:
            length = words / TOO_SHORT_WORDS
        elif words > TOO_LONG_WORDS:
            length = max(0.5, 1.0 - (words - TOO_LONG_WORDS) / 600.0)
        else:
            length = 1.0
        got = sum(p.points for p in content_parts)
        out_of = sum(p.max_points for p in content_parts) or 1.0
        gate = min(1.0, (got / out_of) / 0.5)
        points = round(DELIVERY_POINTS * length * gate, 2)
        detail = f"{words} words (length factor {length:.2f}, content factor {gate:.2f})"
        return ScorePart("delivery", points, DELIVERY_POINTS, detail)

    def _caps(self, parts: list[ScorePart]) -> tuple[list[ScorePart], str]:
        """Cap answers that read the question back or only list keywords."""
        total = sum(p.points for p in parts)
        reason, cap = "", 100.0
        if self._reads_question_back():
            reason, cap = "read back", READBACK_CAP
        elif self._is_keyword_list():
            reason, cap = "keyword list", KEYWORD_LIST_CAP
        if reason and total > cap:
            text = ("mostly repeats the question" if reason == "read back"
                    else "a list of keywords, not sentences")
            parts.append(ScorePart(f"cap: {reason}", round(cap - total, 2), 0.0,
                                   f"the answer is {text}: at most {cap:.0f} points"))
        return parts, reason

    def _reads_question_back(self) -> bool:
        doc = self.doc
        content = len(doc.words) - doc.stop_count
        return content >= 3 and doc.novel_count < 0.3 * content

    def _is_keyword_list(self) -> bool:
        doc = self.doc
        words = len(doc.words)
        if words < 3:
            return False
        if doc.stop_count < 0.2 * words:
            return True
        if words < 6:
            return False  # too short to tell a list from a terse sentence
        mostly_keywords, short_clauses = self._list_shape()
        return mostly_keywords or short_clauses

    def _is_bare_list(self) -> bool:
        """A list whose keywords name themes without showing them: under 20% function words,
        and several keywords making up most of the words or clauses under three words long on
        average. (A terse job-advert line, or short sentences such as "I listen. I don't
        judge.", is not one.)"""
        doc = self.doc
        words = len(doc.words)
        if words < 3 or doc.stop_count >= 0.2 * words:
            return False
        mostly_keywords, short_clauses = self._list_shape(min_hits=3)
        return mostly_keywords or short_clauses

    def _list_shape(self, min_hits: int = 1) -> tuple[bool, bool]:
        """(over 60% of the words inside keyword matches, from ``min_hits`` matches; clauses
        under three words long on average)."""
        if self._shape is None:
            self._shape = self._measure_shape()
        in_matches, found, short_clauses = self._shape
        words = len(self.doc.words)
        return in_matches > 0.6 * words and found >= min_hits, short_clauses

    def _measure_shape(self) -> tuple[int, int, bool]:
        """(words inside non-negated theme or question-term matches, those matches, whether
        clauses are under three words long on average), once per assessment."""
        doc = self.doc
        spans = sorted((i, j) for kind in (_THEME, _QTERM)
                       for (_p, i, j, _s), negated in self.by_kind[kind] if not negated)
        in_matches, reach = 0, -1  # words covered so far; the last covered token
        for i, j in spans:
            if j > reach:
                in_matches += j - max(i, reach + 1) + 1
                reach = j
        # Breaks between words (the first word's gap is not one), plus one.
        gaps = doc.gaps
        breaks = gaps.count(GAP_CLAUSE) + gaps.count(textnorm.GAP_SENTENCE)
        clauses = 1 + breaks - (gaps[0] >= GAP_CLAUSE)
        return in_matches, len(spans), clauses >= 3 and len(doc.words) / clauses < 3.0

    # ----- feedback

    def _feedback(self, themes: list[ThemeResult], qterms: ThemeResult | None,
                  flags: list[RedFlagHit], delivery: Delivery, capped: str) -> list[str]:
        if not self.doc.words:
            return ["No answer yet: write a few sentences to get a score."]
        out: list[str] = []
        for theme in themes:
            if not theme.expected:
                continue
            if theme.covered:
                best = _strongest(theme.matches)
                out.append(f"Covered {theme.label}: \u201c{best.text}\u201d.")
            elif theme.negated:
                out.append(f"{theme.label} is only mentioned in a negative way; say what you "
                           f"would do. {theme.hint or ''}".rstrip())
            else:
                hint = theme.hint or self.bank.themes[theme.id].description
                out.append(f"Missing {theme.label}: {hint}")
        if qterms is not None and not qterms.covered:
            terms = ", ".join(self.q.question.keywords[:5])
            out.append(f"Terms this question listens for, none used: {terms}.")
        for flag in flags:
            out.append(f"Red flag \u201c{flag.text}\u201d: {flag.why}")
        out.extend(_delivery_feedback(delivery))
        if capped == "read back":
            out.append("Most of the answer repeats the question: answer it in your own words.")
        elif capped == "keyword list":
            out.append("The answer lists keywords: put them into sentences with an example.")
        return out


def _best_per_start(hits: list[tuple[_Hit, bool]]) -> list[tuple[_Hit, bool]]:
    """Of hits sorted by start (as the scan makes them), the best at each start: the longest,
    then the most similar, then by keyword."""
    out: list[tuple[_Hit, bool]] = []
    for item in hits:
        if out and out[-1][0][1] == item[0][1]:
            if _rank(item) < _rank(out[-1]):
                out[-1] = item
        else:
            out.append(item)
    return out


def _rank(item: tuple[_Hit, bool]) -> tuple[int, float, str]:
    pattern, i, j, sim = item[0]
    return (i - j, -sim, pattern.keyword)


def _uncovered(theme: ThemeResult) -> ThemeResult:
    """The same theme result, not counted as covered (its matches kept as found)."""
    if not theme.covered:
        return theme
    return ThemeResult(theme.id, theme.label, theme.expected, False, 0.0, False, theme.matches,
                       theme.hint)


def _strongest(matches: list[Match]) -> Match:
    """The best evidence: highest similarity, then longest, then first."""
    live = [m for m in matches if not m.negated]
    return min(live, key=lambda m: (-m.similarity, -(m.end - m.start), m.start))


def _delivery_feedback(delivery: Delivery) -> list[str]:
    out: list[str] = []
    if delivery.too_short:
        out.append(f"Short answer ({delivery.words} words): aim for at least {TOO_SHORT_WORDS}.")
    if delivery.too_long:
        out.append(f"Long answer ({delivery.words} words): aim for under {TOO_LONG_WORDS}.")
    fillers = sum(delivery.fillers.values())
    if fillers >= 3:
        out.append(f"{fillers} filler words ({', '.join(delivery.fillers)}): pause instead.")
    if delivery.star_missing_result:
        out.append("Your story has no clear result: end with what changed and what you learned.")
    return out


def score_answer(bank: Bank, question: Question | str, answer: str) -> ScoreResult:
    """Convenience: score one answer without keeping a Scorer."""
    return Scorer(bank).score(question, answer)
