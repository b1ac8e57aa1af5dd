"""Turning a document's hits and counts into a ScoreResult: themes, red flags, delivery,
feedback.

About 860 lines on purpose: one assessment's steps share its per-answer caches (sentence
numbers, question sentences, themes per sentence, the document's Match per hit); split apart
they would pass them around.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate, compress
from typing import Any, cast

from interview_coach.banks.models import Bank, Theme
from interview_coach.scoring import textnorm
from interview_coach.scoring.context import CONTEXT_BEFORE, compile_context, said_in
from interview_coach.scoring.document import _Doc, _QuestionTables
from interview_coach.scoring.lexicon import ABSTRACT_ENDING, ABSTRACT_MIN_LENGTH, is_common, lemma
from interview_coach.scoring.policy import (
    ABSTRACT_DENSITY,
    CORE_MAX_THEMES,
    COVERED_FLOOR,
    NAMING_DENSITY,
    NAMING_MAX_AGENTS,
    NAMING_MIN_ACTIONS,
    NAMING_MIN_CONTENT,
    NAMING_VALUE_DENSITY,
    STRENGTH_BASE,
    TOO_LONG_WORDS,
    TOO_SHORT_WORDS,
    TOUCHED_CREDIT,
    WEAK_WEIGHT,
    WORDS_PER_MINUTE,
    score_parts,
)
from interview_coach.scoring.results import (
    CONTRADICTED,
    COVERED,
    MISSED,
    TOUCHED,
    AntiCueHit,
    Delivery,
    Match,
    RedFlagHit,
    ScoreResult,
    ThemeResult,
    new_matches,
)
from interview_coach.scoring.similarity import Reference
from interview_coach.scoring.stance import READING_KEYWORD, STANCE_FLAG_PREFIX, StanceModel
from interview_coach.scoring.star import Star
from interview_coach.scoring.tables import (
    _ANTI,
    _FILLER,
    _FLAG,
    _HEDGE,
    _QTERM,
    _THEME,
    KINDS,
    Hit,
)
from interview_coach.scoring.textnorm import GAP_CLAUSE
from interview_coach.scoring.words import (
    _BEFORE_OVERREACH,
    _KIND_OF_NOUN_AFTER,
    _LIKE_FILLER_AFTER,
    _PROMPT_FIRST_WORDS,
    _PROMPT_OPENERS,
    _QUESTION_OPENERS,
    ACTING_SKIPPED,
    ACTING_SUBJECTS,
    AGENT_WORDS,
    AGREEING,
    CLAUSE_SUBJECTS,
    COMPLIANCE,
    CONDITIONAL_LIMITS,
    EVALUATED_AFTER,
    EXPLAIN_WORDS,
    FRAME_QUALIFIERS,
    FRAMES_FORWARD_ONLY,
    FRAMES_NOT_AFTER_IF,
    HABIT_QUALIFIERS,
    LIMIT_CONTENT_PREFIXES,
    LIMIT_CONTENT_REACH,
    LIMIT_CONTENT_WORDS,
    LIMIT_NEXT_SENTENCE_WORDS,
    LIMIT_OBJECT_WORDS,
    LIMIT_QUALIFIERS,
    OPINION_HOLDERS,
    OPINION_VERBS,
    OTHERS_ASPECT,
    OVERREACH_VERBS,
    OWN_SENTENCE_TURNS,
    QUALITY_WORDS,
    RELATIVE_HEADS,
    REPORTED_OPENERS,
    REPORTED_REACH,
    REPORTED_SPAN,
    REPORTED_TO_ME,
    SAYING_CLAUSE_VERBS,
    SAYING_HEADS,
    SAYING_NOT_A_CLAUSE,
    SAYING_OBJECTS,
    SAYING_SUBJECT_REACH,
    SAYING_SUBJECTS,
    SAYING_SUBORDINATORS,
    SAYING_VERBS,
    SCENE_SETTING,
    STOPWORDS,
    STORY_TURN_AFTER,
    STORY_TURNS,
    TELLING_WORDS,
    TOLD_TO_WHOM,
    VALUE_WORDS,
)

_QUOTE_CHARS = ('"', "\u201c", "'", "\u2018")
# The first words of a sentence that may ask a question or be an interview prompt.
_OPENING_WORDS = _QUESTION_OPENERS | _PROMPT_FIRST_WORDS


def _by_first(seqs: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Word sequences by their first word (a qualifier is looked for only where its first
    word is)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        if seq:
            out.setdefault(seq[0], []).append(seq)
    return {first: tuple(found) for first, found in out.items()}


_FRAME_BY_FIRST = _by_first(FRAME_QUALIFIERS)
_PRAISE_BY_FIRST = _by_first(EVALUATED_AFTER)
_PRAISE_OR_AND = frozenset((*_PRAISE_BY_FIRST, "and"))
# A single quotation mark opening a quotation (at a word's start) and one closing it (at a
# word's end): an apostrophe inside a word ("didn't") is neither.
_OPEN_SINGLE = re.compile(r"(?:^|(?<=[\s(\[:\u2014\u2013-]))['\u2018](?=\w)")
_CLOSE_SINGLE = re.compile(r"(?<=[\w.,!?])['\u2019](?=[\s.,;:!?)\]]|$)")
# "even when", "even if", "even though": a concession (see _Assessment._qualified).
_CONCESSIVE = frozenset(("when", "if", "though"))
_HABIT_BY_FIRST = _by_first(HABIT_QUALIFIERS)
_TURN_BY_FIRST = _by_first(STORY_TURNS)
_OWN_TURN_BY_FIRST = _by_first(OWN_SENTENCE_TURNS)
_COMPLIANCE_BY_FIRST = _by_first(COMPLIANCE)
_REQUEST_BY_FIRST = _by_first(tuple(FRAMES_FORWARD_ONLY))
# The speaker as a subject: a clause of their own inside a reported claim's reach.
_SPEAKER = frozenset(("i", "i'd", "i'll", "i'm", "i've", "we", "we'd", "we'll"))
# The speaker's words as subject or object: one of them before "who" makes the relative clause
# the speaker's ("I'm someone who...", "people like me who...").
_SPEAKER_WORDS = _SPEAKER | {"me", "my", "myself"}
# What opens a noun phrase named as another person: "the housing officer", "her mum".
_DETERMINERS = frozenset("the his her their a an this that".split())
# What opens the clause of what is asked: "asked me if I could...", "whether we could".
_REQUEST_CLAUSE_OPENERS = frozenset(("if", "whether", "that"))
# What may open a clause of what someone else said, besides a subject: "said that...", "said
# there was...", "said nobody..." (see _another_speaks).
_REPORTED_CLAUSE_OPENERS = frozenset(("that", "there", "it", "nobody", "no", "everyone",
                                      "everybody", "nothing", "life", "things"))
# A frame in a sentence's first words ("Looking back, ...", "With his consent, ...") frames
# the whole sentence (see _Assessment._qualified).
_FRAME_OPENING = 3
# The speaker's own words introduced, right before a quotation: "I always say", "I'd tell them",
# "I just said to her".
_OWN_WORDS = re.compile(
    r"\bI(?:'d|\u2019d|'ll|\u2019ll| would| will)?(?: \w+)? (?:say|said|tell|told)"
    r"(?: (?:them|him|her|people|everyone|the person))?(?: to (?:them|him|her))?[,:]? *$",
    re.IGNORECASE)
_LIMIT_FIRST_WORDS = frozenset(seq[0] for seq in CONDITIONAL_LIMITS) | {"if"}
_NOT_AFTER_IF_FIRST = frozenset(seq[0] for seq in FRAMES_NOT_AFTER_IF if len(seq) == 1)
_FRAME_AFTER_BY_FIRST = _by_first(tuple(seq for seq in FRAME_QUALIFIERS
                                         if seq not in FRAMES_FORWARD_ONLY))
_LIMIT_BY_FIRST = _by_first(LIMIT_QUALIFIERS)


class _Assessment:
    """Turns a document's hits and counts into a ScoreResult."""

    def __init__(self, bank: Bank, q: _QuestionTables, doc: _Doc) -> None:
        self.bank, self.q, self.doc = bank, q, doc
        self.answer = doc.text
        self.by_kind: dict[int, list[tuple[Hit, bool]]] = {k: [] for k in range(KINDS)}
        qid = q.question.id
        by_kind = self.by_kind
        # A theme hit speaks for its theme when it is not inside a longer hit of another
        # theme, its word is not used in another sense (both judged once per hit, by the
        # document) and it is not in a question.
        # Id of a theme or question-term hit -> its index in doc.hits (for doc.hit_match).
        where: dict[int, int] = {}
        self._where = where
        hits, hit_negated = doc.hits, doc.hit_negated
        plain = doc.plain_theme_hits()
        themes = by_kind[_THEME]
        for index in compress(range(len(hits)), plain):  # the usual hit: plain
            hit = hits[index]
            pattern = hit[0]  # Hit.pattern
            kind = pattern.kind
            if kind == _THEME:
                themes.append((hit, hit_negated[index]))
                where[id(hit)] = index
            elif kind != _QTERM:
                by_kind[kind].append((hit, hit_negated[index]))
            elif pattern.owner == qid:
                by_kind[kind].append((hit, hit_negated[index]))
                where[id(hit)] = index
        self._questions: list[tuple[int, int]] | None = None  # question sentences, when needed
        self._shape: tuple[int, int, bool] | None = None  # see _list_shape
        self._naming: bool | None = None  # see _names_only
        self._cue_set: frozenset[int] | None = None  # see _cue_tokens
        self._sentence_starts: list[int] | None = None  # see _sentence_of
        self._sentence_index: list[int] | None = None  # see _sentences
        self._crowded: set[int] | None = None  # see _crowded_sentences
        contexts = doc.tables.contexts
        if contexts:
            # An anti-cue or red flag with a context counts only with its context said near
            # it (scoring/context.py): "I'd keep it to myself" about a plan to overdose.
            for kind in (_ANTI, _FLAG):
                if by_kind[kind]:
                    by_kind[kind] = [item for item in by_kind[kind]
                                     if self._in_context(item[0], contexts)]
        if any(negated for _hit, negated in by_kind[_ANTI]):
            # An anti-cue inside a longer one said under negation, of any theme, is negated
            # with it: "I try not to ... tell people everything will be fine" denies both.
            by_kind[_ANTI] = _negated_within(by_kind[_ANTI])
        if by_kind[_ANTI] and by_kind[_THEME]:
            # An anti-cue inside a longer strong cue of its own theme is read as that cue:
            # "I keep my personal number private" says no "my personal number".
            by_kind[_ANTI] = _inside_own_cue(by_kind[_ANTI], by_kind[_THEME], doc.words)
        # Theme words only praised ("boundaries are key"): named, not shown. They are no
        # evidence, but they still count as theme words for NAMING (_measure_naming).
        self._praised_hits: list[tuple[Hit, bool]] = []
        if by_kind[_THEME]:
            kept: list[tuple[Hit, bool]] = []
            for item in by_kind[_THEME]:
                (self._praised_hits if self._praised(item[0]) else kept).append(item)
            by_kind[_THEME] = kept
        for kind in (_THEME, _ANTI):
            if by_kind[kind] and self._question_ranges():
                asked = self._question_tokens()
                by_kind[kind] = [item for item in by_kind[kind] if not asked[item[0].first]]
        quotes = any(c in self.answer for c in _QUOTE_CHARS)
        for kind in (_ANTI, _FLAG):
            if by_kind[kind]:
                by_kind[kind] = [item for item in by_kind[kind]
                                 if not self._disowns_overreach(item[0].last)
                                 and not self._tells_to_do(item[0])
                                 and not (quotes and self._quoted(item[0]))
                                 and not self._said_of_another(item[0])
                                 and not (kind == _ANTI and self._done_by_another(item[0]))]
        for kind in (_ANTI, _FLAG):  # said with its limits or framed: not a stance
            if by_kind[kind]:
                by_kind[kind] = [item for item in by_kind[kind]
                                 if item[1] or not self._qualified(item[0])]

    def _in_context(self, hit: Hit, contexts: dict[tuple[int, str, str], str | list[str]]) -> bool:
        """Whether a hit needs no context, or its context (each of them, for a list) is said in
        its sentence, the CONTEXT_BEFORE before it or the one after."""
        pattern = hit.pattern
        text = contexts.get((pattern.kind, pattern.owner, pattern.keyword))
        if text is None:
            return True  # the usual phrase: no context
        return _context_said(text, self._near(hit.first))

    def _near(self, first: int) -> list[str]:
        """The words where a context may be said for a phrase starting at token ``first``: its
        sentence, the CONTEXT_BEFORE before it and the one after."""
        sentence = self._sentence_of(first)
        starts = self._sentence_starts or []
        words = self.doc.words
        lo = starts[sentence - CONTEXT_BEFORE] if sentence >= CONTEXT_BEFORE else 0
        hi = starts[sentence + 2] if sentence + 2 < len(starts) else len(words)
        return words[lo:hi]

    def _praised(self, hit: Hit) -> bool:
        """Whether a theme hit is followed, in its clause, by words that only praise it
        (EVALUATED_AFTER: "boundaries are key", "wellbeing and boundaries all play a part")."""
        words, gaps = self.doc.words, self.doc.gaps
        t = hit.last + 1
        n = len(words)
        if t >= n or words[t] not in _PRAISE_OR_AND:
            return False  # the usual hit: no praise starts after it
        if gaps[t] < textnorm.GAP_CLAUSE and words[t] == "and":
            # "boundaries and self-care are key": the praise comes after the next word or two
            t += 2 if t + 1 < n and t + 2 < n and gaps[t + 2] < textnorm.GAP_CLAUSE else 1
        if t >= n or gaps[t] >= textnorm.GAP_CLAUSE:
            return False
        return any(tuple(words[t:t + len(seq)]) == seq
                   and all(g < textnorm.GAP_CLAUSE for g in gaps[t + 1:t + len(seq)])
                   for seq in _PRAISE_BY_FIRST.get(words[t], ()))

    def _quoted(self, hit: Hit) -> bool:
        """Whether a phrase is inside quotation marks in its sentence: mentioned, not used
        ("some call it \u201cattention seeking\u201d, but...")."""
        doc, text = self.doc, self.answer
        start, end = doc.starts[hit.first], doc.ends[hit.last]
        sentence = self._sentence_of(hit.first)
        starts = self._sentence_starts or [0]
        lo = doc.starts[starts[sentence]] if sentence >= 0 else 0
        hi = doc.starts[starts[sentence + 1]] if sentence + 1 < len(starts) else len(text)
        before, after = text[lo:start], text[end:hi]
        # A quotation the speaker introduces as their own words ("I always say 'ring me any
        # time'") is their stance, not a mention.
        if before.count('"') % 2 == 1 and '"' in after:
            return not _OWN_WORDS.search(before, 0, before.rfind('"'))
        if before.count("\u201c") > before.count("\u201d") and "\u201d" in after:
            return not _OWN_WORDS.search(before, 0, before.rfind("\u201c"))
        # Single quotes only right at the phrase's edges (an apostrophe is the same mark)...
        if text[start - 1: start] in ("'", "\u2018") and text[end: end + 1] in ("'", "\u2019"):
            return not _OWN_WORDS.search(before, 0, len(before) - 1)
        # ...or opening a quotation before it (at a word's start) and closing one after it (at a
        # word's end), with no closing one between: "'I didn't tell my boss for years'".
        opened = None
        for found in _OPEN_SINGLE.finditer(before):
            opened = found.end()
        if opened is None or _CLOSE_SINGLE.search(before, opened):
            return False
        return _CLOSE_SINGLE.search(after) is not None and \
            not _OWN_WORDS.search(before, 0, opened - 1)

    def _qualified(self, hit: Hit) -> bool:
        """Whether the sentence of an anti-cue states its limits (LIMIT_QUALIFIERS: there or at
        the start of the next sentence, "it stays between us unless you are at risk"), frames it
        as something other than the speaker's stance (FRAME_QUALIFIERS: an impulse, a past habit,
        a myth, the person's consent, someone else's request), or the anti-cue is what is
        explained ("what stays between us")."""
        doc = self.doc
        words, gaps = doc.words, doc.gaps
        if hit.first > 1 and words[hit.first - 1] in LIMIT_OBJECT_WORDS and \
                words[hit.first - 2] in EXPLAIN_WORDS:
            return True
        sentence = self._sentence_of(hit.first)
        starts = self._sentence_starts or [0]
        lo = starts[sentence] if sentence >= 0 else 0
        hi = starts[sentence + 1] if sentence + 1 < len(starts) else len(words)
        end = hi  # frames are read in the sentence; limits also at the next one's start
        if hi < len(words):
            nxt = starts[sentence + 2] if sentence + 2 < len(starts) else len(words)
            hi = min(nxt, hi + LIMIT_NEXT_SENTENCE_WORDS)
        def _condition_end(start: int) -> int:
            # A condition's content is its own clause ("as long as he stopped, and we made a
            # plan" names no risk), after its first two words ("unless, of course, ...").
            stop = min(start + LIMIT_CONTENT_REACH, len(words))
            for u in range(start + 2, stop):
                if gaps[u] >= textnorm.GAP_CLAUSE:
                    return u
            return stop

        def said(t: int, seqs: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
            # Only the qualifiers starting with this word can be said here.
            return any(tuple(words[t:t + len(seq)]) == seq
                       and all(gaps[u] < textnorm.GAP_SENTENCE
                               for u in range(t + 1, t + len(seq)))
                       and (seqs is not _LIMIT_BY_FIRST or seq not in CONDITIONAL_LIMITS
                            or _names_limit(words[t + len(seq): _condition_end(t + len(seq))]))
                       for seq in seqs.get(words[t], ()))

        for t in range(max(lo, hit.first - REPORTED_REACH - 2), hit.first - 1):
            # "if someone tells me it's just a cry for help": a claim reported, not held
            told = t + 2
            if (words[t], words[t + 1]) in REPORTED_TO_ME and words[told] in REPORTED_OPENERS \
                    and hit.last - told < REPORTED_SPAN and \
                    not _SPEAKER.intersection(words[told:hit.first]) and \
                    all(gaps[u] < textnorm.GAP_CLAUSE for u in range(t + 1, hit.first + 1)):
                return True
        if self._reported_by_another(hit, lo):
            return True
        # A request frames what is asked, not the speaker's own clause after it ("if someone
        # asked me to use 'they' I'd stick to their name"). One the speaker says they went
        # along with, there or in the next sentence, frames nothing: "she asked me to keep it
        # between us and I did", "... sent me a friend request. I didn't want her to feel
        # rejected, so I accepted it".
        after_next = starts[sentence + 2] if sentence + 2 < len(starts) else len(words)

        def answered(t: int) -> bool:
            return said(t, _REQUEST_BY_FIRST) and (
                self._speaker_answers(t, hit.first)
                or any(said(u, _COMPLIANCE_BY_FIRST) for u in range(hit.first, after_next)))

        for t in range(lo, end):
            if (t < hit.first or t > hit.last) and \
                    said(t, _FRAME_BY_FIRST if t < hit.first else _FRAME_AFTER_BY_FIRST) and \
                    not answered(t) and \
                    not (words[t] in _NOT_AFTER_IF_FIRST and "if" in words[max(lo, t - 4):t]) \
                    and (t > hit.last
                         or all(gaps[u] < textnorm.GAP_CLAUSE for u in range(t + 1, hit.first + 1))
                         or (t - lo < _FRAME_OPENING and any(
                             gaps[u] >= textnorm.GAP_CLAUSE
                             for u in range(t + 1, min(hit.first, t + _FRAME_OPENING + 2))))):
                # A frame before the anti-cue frames its own clause ("she made me promise not
                # to tell", not "..., and I gave her my word"), or the whole sentence when it
                # is a short opening phrase of its own ("Looking back, I shared too much").
                return True
        # A concession after the main clause: in "I don't decide for people, even when I think
        # I know best" the stance is the main clause's; what "even when" grants is not it.
        t = hit.first - 1
        while t > lo and gaps[t + 1] < textnorm.GAP_CLAUSE:
            if words[t] == "even" and words[t + 1] in _CONCESSIVE and gaps[t] >= textnorm.GAP_CLAUSE:
                return True
            t -= 1
        for t in range(lo, hit.first):
            if said(t, _HABIT_BY_FIRST):
                return True
            # "Unless you are at risk, it stays between us": a limit before the anti-cue
            # counts when a clause break parts them; "unless I feel like telling my friends"
            # does not qualify what it says itself.
            if said(t, _LIMIT_BY_FIRST) and \
                    any(gaps[u] >= textnorm.GAP_CLAUSE for u in range(t + 1, hit.first + 1)):
                return True
        # "... even if they were at risk" is no limit: it says the stance holds through it.
        if any(said(t, _LIMIT_BY_FIRST) and "even" not in words[hit.first:t]
               for t in range(hit.last + 1, hi)):
            return True
        # An owned mistake told as a story: a story turn (STORY_TURNS) in the sentence before,
        # the anti-cue's own sentence or one of the STORY_TURN_AFTER sentences after it; not
        # after "if" (a hypothetical mistake).
        story_lo = starts[max(sentence - 1, 0)] if starts else 0
        last = sentence + STORY_TURN_AFTER
        story_hi = starts[last + 1] if last + 1 < len(starts) else len(words)
        return any(not hit.first <= t <= hit.last and "if" not in words[max(story_lo, t - 4):t]
                   and (said(t, _TURN_BY_FIRST) or (lo <= t < end and said(t, _OWN_TURN_BY_FIRST)))
                   for t in range(story_lo, story_hi))

    def _reported_by_another(self, hit: Hit, lo: int) -> bool:
        """Whether the hit is inside what someone other than the speaker said or thinks: a
        saying verb (SAYING_VERBS) before it in the sentence, whose subject is not the speaker,
        with no word of the speaker's and no clause break between ("he was angry and said
        everyone just ticks boxes"; not "I said...", nor "he said it was fine, so I kept it")."""
        words, gaps = self.doc.words, self.doc.gaps
        for t in range(max(lo, hit.first - REPORTED_SPAN), hit.first):
            if words[t] not in SAYING_VERBS:
                continue
            start = t + 1
            if start < hit.first and words[start] in SAYING_OBJECTS:
                start += 1  # "told her she was..."
            if start >= len(words) or not _opens_reported_clause(words, start):
                continue  # "people say these things for attention": no clause reported
            if hit.last - start >= REPORTED_SPAN or \
                    _SPEAKER.intersection(words[start:hit.first]) or \
                    any(gaps[u] >= textnorm.GAP_CLAUSE for u in range(t + 1, hit.first + 1)):
                continue
            at = next((u for u in range(t - 1, max(lo, t - SAYING_SUBJECT_REACH) - 1, -1)
                       if words[u] in SAYING_SUBJECTS), None)
            if at is None or words[at] in _SPEAKER:
                continue
            if at > lo and words[at - 1] in SAYING_HEADS:
                continue  # "what they tell me stays between us": the speaker's own claim
            if at > lo and words[at - 1] in SAYING_SUBORDINATORS:
                continue  # "when people say they want to die they're after a reaction"
            # ... unless the speaker goes on to agree: "... and I agree"
            end = min(len(words), hit.last + 1 + 2 * REPORTED_SPAN)
            return not any(words[u] in _SPEAKER and AGREEING.intersection(words[u + 1:u + 4])
                           for u in range(hit.last + 1, end))
        return False

    def _speaker_answers(self, frame: int, first: int) -> bool:
        """Whether the speaker's own clause starts between a request at ``frame`` and an
        anti-cue at ``first`` ("asked me to use 'they' I'd stick to their name"); "asked me if
        I could lend her..." is still the request."""
        words = self.doc.words
        return any(words[u] in _SPEAKER and words[u - 1] not in _REQUEST_CLAUSE_OPENERS
                   for u in range(frame + 1, first))

    def _disowns_overreach(self, j: int) -> bool:
        """Whether the phrase ending at token ``j`` goes on "to" + an act of overreach: "it is
        not my job to rush them" disowns rushing, not the job (see OVERREACH_VERBS)."""
        words, gaps = self.doc.words, self.doc.gaps
        t = j + 1
        if t >= len(words) or words[t] != "to" or gaps[t] >= GAP_CLAUSE:
            return False
        for u in range(t + 1, min(t + 4, len(words))):
            if gaps[u] >= GAP_CLAUSE:
                return False
            if lemma(words[u]) in OVERREACH_VERBS:
                return True
            if words[u] not in _BEFORE_OVERREACH:
                return False
        return False

    def _said_of_another(self, hit: Hit) -> bool:
        """Whether the phrase is the act of another person in a relative clause: right after
        "who", with no word of the speaker's in the clause before it. "There's always one who
        says nothing" describes a group member (session 16, ROUND57's good answer); "I'm
        someone who keeps it to myself" is the speaker's own."""
        words, gaps = self.doc.words, self.doc.gaps
        at = hit.first - 1
        if at < 1 or words[at] != "who" or gaps[hit.first] >= GAP_CLAUSE:
            return False
        t = at - 1
        while t >= 0 and at - t <= REPORTED_SPAN:
            if words[t] in _SPEAKER_WORDS:
                return False
            if gaps[t + 1] >= GAP_CLAUSE and t < at - 1:
                break
            t -= 1
        return True

    def _done_by_another(self, hit: Hit) -> bool:
        """Whether an anti-cue that holds no subject of its own is the act of another person
        named just before it: a noun phrase ("the housing officer", "her mum") then one to
        three verbs of aspect (OTHERS_ASPECT: "kept", "was", "started"), in one clause, with
        no word of the speaker's, the anti-cue starting with a verb form in "-ing" or "-ed".
        "The housing officer kept talking over her" is the officer's act; "I kept talking
        over her", "he can ring me any time" and "the neighbours were just normal people" are
        not read so (the speaker as subject, no verb of aspect, a label not an act)."""
        words, gaps = self.doc.words, self.doc.gaps
        if not words[hit.first].endswith(("ing", "ed")):
            return False  # an act told as one ("talking", "shouted"), not a label or a claim
        t = hit.first - 1
        while t >= 0 and hit.first - t <= 3 and words[t] in OTHERS_ASPECT and \
                gaps[t + 1] < GAP_CLAUSE:
            t -= 1
        if t < 0 or t == hit.first - 1 or gaps[t + 1] >= GAP_CLAUSE:
            return False  # no verb of aspect, or a clause break: not a named subject's act
        if words[t] in STOPWORDS or words[t] in OTHERS_ASPECT:
            return False  # the subject must be a noun ("officer", "mum"), not a pronoun
        for u in range(t - 1, max(-1, t - 4), -1):
            if gaps[u + 1] >= GAP_CLAUSE or words[u] in _SPEAKER:
                return False
            if words[u] in _DETERMINERS:
                return True
            if words[u] in STOPWORDS:
                return False
        return False

    def _tells_to_do(self, hit: Hit) -> bool:
        """Whether a phrase of telling ("never tell anyone") goes on "to" + a verb: "I don't tell
        anyone to stop their medication" tells nobody to do anything, it keeps nothing back."""
        words, gaps = self.doc.words, self.doc.gaps
        t = hit.last + 1
        if t + 1 >= len(words) or words[t] != "to" or gaps[t] >= GAP_CLAUSE or \
                gaps[t + 1] >= GAP_CLAUSE:
            return False
        return words[t + 1] not in TOLD_TO_WHOM and \
            not TELLING_WORDS.isdisjoint(words[hit.first:hit.last + 1])

    def _another_speaks(self, first: int, last: int) -> bool:
        """Whether the sentence of tokens ``first``..``last`` reports what someone else said
        and the speaker does nothing in it: a saying verb whose subject is another person, and
        no word of the speaker's but inside a relative clause ("a young woman I'd been seeing
        went quiet and then said she didn't see the point") or setting the scene (SCENE_SETTING:
        "I was supporting a man, and he told me..."). A sentence the stance model reads as
        unsafe is then what the other person said, not the speaker's stance."""
        words = self.doc.words
        if any(words[u] in _SPEAKER and not (u > first and words[u - 1] in RELATIVE_HEADS)
               and not any(tuple(words[u:u + len(seq)]) == seq for seq in SCENE_SETTING)
               for u in range(first, last + 1)):
            return False
        for t in range(first + 1, last):
            if words[t] not in SAYING_VERBS:
                continue
            start = t + 1 if words[t + 1] not in SAYING_OBJECTS else t + 2
            if start > last or (words[start] not in CLAUSE_SUBJECTS
                                and words[start] not in RELATIVE_HEADS
                                and words[start] not in _REPORTED_CLAUSE_OPENERS):
                continue  # "until they calm down and say goodnight": no clause reported
            if any(words[u] in SAYING_SUBJECTS and words[u] not in _SPEAKER
                   for u in range(first, t)):
                return True
        return False

    def _sentences(self) -> list[int]:
        """The number of the sentence of token ``i`` (what _sentence_of tells) at ``i + 1``,
        for every token at once."""
        if self._sentence_index is None:
            self._sentence_index = list(accumulate(
                map(textnorm.GAP_SENTENCE.__eq__, self.doc.gaps), initial=-1))
        return self._sentence_index

    def _question_tokens(self) -> list[bool]:
        """Per token, whether it lies in a sentence that asks a question ("How do you...?")."""
        out = [False] * len(self.doc.words)
        for start, end in self._question_ranges():
            out[start:end] = [True] * (end - start)
        return out

    def _sentence_of(self, i: int) -> int:
        """The number of the sentence token ``i`` is in."""
        if self._sentence_starts is None:
            gaps = self.doc.gaps
            self._sentence_starts = list(compress(range(len(gaps)),
                                                  map(textnorm.GAP_SENTENCE.__eq__, gaps)))
        return bisect.bisect_right(self._sentence_starts, i) - 1

    def _question_ranges(self) -> list[tuple[int, int]]:
        """The question sentences, found on first use."""
        if self._questions is None:
            self._questions = self._question_sentences()
        return self._questions

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
        gaps, n = doc.gaps, len(words)
        starts = list(compress(range(first, len(gaps)),
                               map(textnorm.GAP_SENTENCE.__eq__, gaps[first:])))
        ends = starts[1:]
        ends.append(n)
        asks = [False] * len(starts)
        # Only a sentence opening with a question word or a prompt's first word can ask.
        for k in compress(range(len(starts)),
                          map(_OPENING_WORDS.__contains__, map(words.__getitem__, starts))):
            start, end = starts[k], ends[k]
            if start + 1 < n and (words[start], words[start + 1]) in _PROMPT_OPENERS:
                asks[k] = True  # "Tell us about a time you worked in a team."
            elif words[start] in _QUESTION_OPENERS:
                after = doc.text[doc.ends[end - 1]: doc.starts[end] if end < n else None]
                asks[k] = "?" in after[:8]
        # Every sentence but the last is followed by another: kept for later assessments.
        judged.extend(zip(starts[:-1], ends[:-1], asks[:-1], strict=True))
        last = [(starts[-1], n)] if asks and asks[-1] else []
        return [(start, end) for start, end, asked in judged if asked] + last

    def result(self) -> ScoreResult:
        """The full result."""
        q, doc = self.q, self.doc
        words = len(doc.words)
        themes = self._themes()
        naming = bool(words) and (self._reads_question_back() or self._is_bare_list()
                                  or self._names_only())
        if naming:
            # A bare list of keywords, the question read back or theme words dressed as
            # sentences name themes; they do not show them.
            themes = [_uncovered(t) for t in themes]
        qterms = self._question_terms()
        flags = self._red_flags() + self._critical_anti_cues(themes) if words else []
        if words and q.stance is not None:
            flags += self._stance_flags(q.stance, themes, flags)
            if not naming:
                themes = self._read_themes(q.stance, themes, flags)
        flags.sort(key=lambda h: (h.start, h.phrase))
        delivery = self._delivery()
        if not words:
            similarity = 0.0
        else:
            similarity = round(min(1.0, max(0.0, self._closeness())), 4)
        parts, capped = score_parts(
            self.bank, q.question, q.expected, themes, qterms, flags, delivery, similarity,
            self._reads_question_back, self._is_keyword_list, self._names_only,
            self._values_only)
        total = sum(p.points for p in parts)
        score = int(min(100.0, max(0.0, total)) + 0.5) if words else 0
        return ScoreResult(
            bank_id=self.bank.id, question_id=q.question.id, score=score,
            reference_similarity=similarity, words=words, themes=themes, red_flags=flags,
            delivery=delivery, parts=parts,
            feedback=self._feedback(themes, qterms, flags, delivery, capped)
            + ([q.stance_error] if q.stance_error and words else []),
            question_terms=qterms, capped=capped,
        )

    def _closeness(self) -> float:
        """Closeness to the model answer; a Reference reuses the document's words."""
        closeness = self.q.similarity
        reference = getattr(closeness, "__self__", None)
        if isinstance(reference, Reference):  # its bound ``similarity`` (see Scorer)
            return reference.similarity_of_text(self.answer, self.doc.words)
        return closeness(self.answer)

    # ----- themes

    def _matches(self, hits: list[tuple[Hit, bool]]) -> list[Match]:
        """Matches for hits of one owner: overlapping ones collapsed, longest first."""
        where, made = self._where, self.doc.hit_match
        starts, ends, answer = self.doc.starts, self.doc.ends, self.answer
        out: list[Match | None] = []
        todo: list[tuple[int, int]] = []  # (place in out, hit index) of Matches to make
        rows: list[tuple[str, str, int, int, float, bool, bool]] = []
        last_end = -1
        for item in _best_per_start(hits):
            hit = item[0]
            pattern, i, j, sim = hit
            if i <= last_end:
                continue  # inside a longer match of the same theme
            last_end = j
            index = where[id(hit)]
            match = made[index]
            if match is None:  # made on first use (a live document keeps those of kept hits)
                todo.append((len(out), index))
                start, end = starts[i], ends[j]
                rows.append((pattern.keyword, answer[start:end], start, end, sim, item[1],
                             pattern.strong))
            out.append(match)
        if rows:
            for (k, index), match in zip(todo, new_matches(rows), strict=True):
                out[k] = made[index] = match
        return cast("list[Match]", out)

    def _theme_result(self, theme_id: str, label: str, expected: bool,
                      hits: list[tuple[Hit, bool]], hint: str | None,
                      anti: list[tuple[Hit, bool]] | None = None) -> ThemeResult:
        """A theme's result. With ``anti`` (None for question terms, which have no tiers) the
        evidence tiers and anti-cues apply: see ThemeResult."""
        matches = self._matches(hits)
        if anti is None:
            best: dict[str, float] = {}
            for m in matches:
                if not m.negated:
                    best[m.keyword] = max(best.get(m.keyword, 0.0), m.similarity)
            covered = bool(best)
            strength = round(1.0 - STRENGTH_BASE ** sum(best.values()), 3) if covered else 0.0
            negated = not covered and bool(matches)
            return ThemeResult(theme_id, label, expected, covered, strength, negated, matches,
                               hint, COVERED if covered else MISSED)
        anti_matches = self._anti_matches(theme_id, anti)
        if any(not h.negated for h in anti_matches):
            # Contradicted: no credit whatever the cues say, so they are not weighed.
            return ThemeResult(theme_id, label, expected, False, 0.0, False, matches, hint,
                               CONTRADICTED, anti_matches)
        evidence: dict[str, float] = {}  # keyword -> weighted similarity
        weak: list[tuple[int, str]] = []  # (sentence, keyword) of each weak cue said
        core = False
        if hits:
            core = self._weigh(label, hits, matches, evidence, weak)
        for hit in anti_matches:  # "I never give out my personal number": a strong cue
            evidence[hit.phrase] = 1.0
        if core or anti_matches or any(m.strong and not m.negated for m in matches) or \
                _weak_pair(weak):
            strength = max(COVERED_FLOOR, round(1.0 - STRENGTH_BASE ** sum(evidence.values()), 3))
            state = COVERED
        elif weak:
            state, strength = TOUCHED, TOUCHED_CREDIT
        else:
            state, strength = MISSED, 0.0
        return ThemeResult(theme_id, label, expected, state == COVERED, strength,
                           state == MISSED and bool(matches), matches, hint, state, anti_matches)

    def _weigh(self, label: str, hits: list[tuple[Hit, bool]], matches: list[Match],
               evidence: dict[str, float], weak: list[tuple[int, str]]) -> bool:
        """Weigh the cues of one theme's hits into ``evidence`` (keyword -> weighted
        similarity, the best of its hits) and ``weak`` ((sentence, keyword) of each weak cue
        said); whether the theme's own name was said where few themes are (a strong cue)."""
        core = False
        names: dict[str, bool] = {}  # keyword -> whether it names the theme (_names_theme)
        sentences, crowded = self._sentences(), self._crowded_sentences()
        # A cue inside a longer phrase said under negation is negated with it: "I didn't tell
        # her any more of my story" says no "my story" (the matches shown agree). Matches
        # come one per start, in order: their spans are sorted.
        negated_spans = [(m.start, m.end) for m in matches if m.negated]
        span_starts = [a for a, _b in negated_spans]
        reach = list(accumulate((b for _a, b in negated_spans), max))  # furthest end so far
        starts, ends = self.doc.starts, self.doc.ends
        best = evidence.get
        for (pattern, i, j, sim), negated in hits:
            if negated:
                continue
            if negated_spans:
                k = bisect.bisect_right(span_starts, starts[i]) - 1
                if k >= 0 and reach[k] >= ends[j]:
                    continue
            keyword = pattern.keyword
            if pattern.strong:
                if sim >= best(keyword, 0.0):
                    evidence[keyword] = sim
                continue
            names_it = names.get(keyword)
            if names_it is None:
                names_it = names[keyword] = _names_theme(keyword, label)
            sentence = sentences[i + 1]
            if names_it and sentence not in crowded:
                if sim >= best(keyword, 0.0):
                    evidence[keyword] = sim
                core = True
            else:
                weighted = WEAK_WEIGHT * sim
                if weighted >= best(keyword, 0.0):
                    evidence[keyword] = weighted
                weak.append((sentence, keyword))
        return core

    def _crowded_sentences(self) -> set[int]:
        """The numbers of the sentences that speak of more than CORE_MAX_THEMES themes: a
        weak cue that is the theme's own name (a phrase of its label) said elsewhere counts
        as a strong one ("boundaries blur and burnout creeps in" shows the themes; a sentence
        naming many themes is a list)."""
        if self._crowded is None:
            by: dict[int, set[str]] = {}
            sentences = self._sentences()
            # Praised theme words count too: a sentence naming many themes is a list.
            for hit, negated in (*self.by_kind[_THEME], *self._praised_hits):
                if not negated:
                    by.setdefault(sentences[hit.first + 1], set()).add(hit.pattern.owner)
            self._crowded = {n for n, themes in by.items() if len(themes) > CORE_MAX_THEMES}
        return self._crowded

    def _anti_matches(self, theme_id: str, hits: list[tuple[Hit, bool]]) -> list[AntiCueHit]:
        """The anti-cues of a theme found, one per place (the longest)."""
        if not hits:
            return []
        why = {a.phrase: a.why for a in self.bank.themes[theme_id].anti_cues}
        doc, out, last_end = self.doc, [], -1
        for (pattern, i, j, _sim), negated in _best_per_start(hits):
            if i <= last_end:
                continue
            last_end = j
            start, end = doc.starts[i], doc.ends[j]
            out.append(AntiCueHit(pattern.keyword, why.get(pattern.keyword, ""),
                                  self.answer[start:end], start, end, negated))
        return out

    def _themes(self) -> list[ThemeResult]:
        grouped: dict[str, list[tuple[Hit, bool]]] = {}
        for item in self.by_kind[_THEME]:
            grouped.setdefault(item[0].pattern.owner, []).append(item)
        anti: dict[str, list[tuple[Hit, bool]]] = {}
        for item in self.by_kind[_ANTI]:
            anti.setdefault(item[0].pattern.owner, []).append(item)
        expected = set(self.q.expected)
        return [
            self._theme_result(theme_id, theme.label, theme_id in expected,
                               grouped[theme_id] if theme_id in grouped else [], theme.hint,
                               anti[theme_id] if theme_id in anti else [])
            if theme_id in grouped or theme_id in anti else
            # Nothing said of this theme (the usual case for most themes): missed.
            ThemeResult(theme_id, theme.label, theme_id in expected, False, 0.0, False, [],
                        theme.hint, MISSED, [])
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
            out.append(RedFlagHit(flag.phrase, flag.why, self.answer[start:end], start, end,
                                  flag.severity))
        return out  # sorted with the critical anti-cues in result()

    def _critical_anti_cues(self, themes: list[ThemeResult]) -> list[RedFlagHit]:
        """Anti-cues marked critical (a risk kept secret, suicidal talk dismissed) that a theme
        was contradicted by: each is also a critical red flag, so the score is capped as for
        one. Negated or limited ones never contradict, so never count."""
        out: list[RedFlagHit] = []
        for theme in themes:
            if theme.state != CONTRADICTED or theme.id not in self.bank.themes:
                continue
            critical = {a.phrase for a in self.bank.themes[theme.id].anti_cues if a.critical}
            out.extend(RedFlagHit(hit.phrase, hit.why, hit.text, hit.start, hit.end, "critical")
                       for hit in theme.anti_matches if not hit.negated and hit.phrase in critical)
        return out

    def _stance_flags(self, model: StanceModel, themes: list[ThemeResult],
                      flags: list[RedFlagHit]) -> list[RedFlagHit]:
        """Sentences the bank's stance model reads as unsafe (see scoring.stance), each a major
        red flag named after the theme it goes against; a sentence where a red flag or a
        contradicting anti-cue already starts is left to them."""
        taken = [f.start for f in flags]
        taken += [hit.start for theme in themes if theme.state == CONTRADICTED
                  for hit in theme.anti_matches if not hit.negated]
        out: list[RedFlagHit] = []
        for start, end, _probability, theme_id in model.unsafe(self.answer):
            if any(start <= at < end for at in taken) or self._stance_qualified(start, end):
                continue
            theme = self.bank.themes.get(theme_id)
            label = theme.label if theme is not None else theme_id.replace("_", " ")
            critical = theme is not None and self._critical_context(theme, start)
            why = (f"read as a whole, this sentence states a stance against {label.lower()} that "
                   "a panel would question (the bank's stance model, not a listed phrase)"
                   + (", with a risk to someone's life named near it" if critical else "")
                   + ": say what you would do, and where its limits are.")
            out.append(RedFlagHit(f"{STANCE_FLAG_PREFIX}{label}", why,
                                  self.answer[start:end], start, end,
                                  "critical" if critical else "major"))
        return out

    def _read_themes(self, model: StanceModel, themes: list[ThemeResult],
                     flags: list[RedFlagHit]) -> list[ThemeResult]:
        """Themes the bank's theme reading finds in how the answer is said (see
        scoring.stance): one not already covered, that no anti-cue contradicts and no stance
        flag reads as going against, is covered, shown by the sentence that reads most as it
        (a strong cue's credit, COVERED_FLOOR)."""
        if AGENT_WORDS.isdisjoint(self.doc.words):
            # Nobody in the answer (no I, we, they, people...) does anything: what reads as a
            # theme there is a topic or another field ("little hope of a recovery in its share
            # price"), not practice shown.
            return themes
        found = {r.theme: r for r in model.reads(self.answer)}
        if not found:
            return themes
        against = {f.phrase[len(STANCE_FLAG_PREFIX):] for f in flags
                   if f.phrase.startswith(STANCE_FLAG_PREFIX)}
        out = []
        for theme in themes:
            reading = found.get(theme.id)
            if reading is None or theme.covered or theme.state == CONTRADICTED \
                    or theme.label in against:
                out.append(theme)
                continue
            match = Match(READING_KEYWORD, self.answer[reading.start:reading.end],
                          reading.start, reading.end, reading.probability, False, True)
            out.append(ThemeResult(theme.id, theme.label, theme.expected, True, COVERED_FLOOR,
                                   False, [*theme.matches, match], theme.hint, COVERED,
                                   theme.anti_matches))
        return out

    def _critical_context(self, theme: Theme, start: int) -> bool:
        """Whether what makes one of the theme's critical anti-cues critical (its context: a
        suicide, an overdose...) is said near the sentence starting at ``start`` (as for an
        anti-cue: there, the CONTEXT_BEFORE sentences before it or the one after): a stance
        the model reads against that theme is then critical too."""
        contexts = {repr(a.context): a.context for a in theme.anti_cues
                    if a.critical and a.context}
        if not contexts:
            return False
        words = self.doc.words
        near = self._near(min(bisect.bisect_left(self.doc.starts, start),
                              max(len(words) - 1, 0)))
        return any(_context_said(c, near) for c in contexts.values() if c is not None)

    def _stance_qualified(self, start: int, end: int) -> bool:
        """Whether a sentence the stance model reads as unsafe is read by the anti-cues' own
        rules as something else: it states its limits ("it stays between us, but if you are in
        danger I'll pass it on"), frames what it says, or tells an owned mistake as a story
        (``_qualified``, applied from the start of each of its clauses)."""
        doc_starts = self.doc.starts
        first = bisect.bisect_left(doc_starts, start)
        last = bisect.bisect_left(doc_starts, end) - 1
        if first > last:
            return False
        sentence_starts = self._sentence_starts or []
        opening = {max(first, sentence_starts[s]) if 0 <= s < len(sentence_starts) else first
                   for s in {self._sentence_of(t) for t in range(first, last + 1)}}
        if any(self._qualified(Hit(cast(Any, None), t, t, 1.0)) for t in sorted(opening)):
            return True
        # Someone else's words reported, with nothing the speaker does (session 14, ROUND39).
        sentences = sorted({self._sentence_of(t) for t in range(first, last + 1)})
        bounds = [(max(first, sentence_starts[s]) if 0 <= s < len(sentence_starts) else first,
                   min(last, sentence_starts[s + 1] - 1) if s + 1 < len(sentence_starts)
                   else last) for s in sentences]
        return all(self._another_speaks(lo, hi) for lo, hi in bounds)

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
        counts = doc.counts
        often = compress(counts.items(), map((3).__le__, counts.values()))  # count >= 3
        repeated = sorted([(w, c) for w, c in often if len(w) > 2 and w not in STOPWORDS],
                          key=lambda wc: (-wc[1], wc[0]))[:5]
        star: Star | None = None
        missing_result = False
        if self.q.behavioural:
            star = self.doc.star()
            missing_result = words > 0 and star.story and not star.get("result").present
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

    def _names_only(self) -> bool:
        """Theme words dressed as sentences: from NAMING_MIN_CONTENT content words, at least
        NAMING_DENSITY of them inside cue, anti-cue or question-term matches, and under
        NAMING_MAX_AGENTS of all words a person who acts ("Safety and crisis are at the heart
        of it, and empathy is key to safety.")."""
        if self._naming is None:
            self._naming = self._measure_naming()
        return self._naming

    def _measure_naming(self) -> bool:
        doc = self.doc
        words = len(doc.words)
        content = words - doc.stop_count
        if content < NAMING_MIN_CONTENT:
            return False
        return self._names_by_cues(words, content)

    def _values_only(self) -> bool:
        """Value words and theme words strung together with almost nobody doing anything
        (NAMING_VALUE_DENSITY, NAMING_MIN_ACTIONS), or abstract nouns and value words however
        framed (ABSTRACT_DENSITY): a cap on the score, not on the themes."""
        doc = self.doc
        words = len(doc.words)
        content = words - doc.stop_count
        return content >= NAMING_MIN_CONTENT and (self._abstract(content)
                                                  or self._names_values(words, content))

    def _abstract(self, content: int) -> bool:
        """Abstract nouns and value words making up ABSTRACT_DENSITY or more of the content
        words, whoever is said to act (counted over the answer's distinct words)."""
        ending, shortest = ABSTRACT_ENDING.search, ABSTRACT_MIN_LENGTH
        found = sum(count for word, count in self.doc.counts.items()
                    if count > 0 and word not in STOPWORDS
                    and (word in VALUE_WORDS or (len(word) >= shortest and ending(word))))
        return found >= ABSTRACT_DENSITY * content

    def _names_values(self, words: int, content: int) -> bool:
        """Value words and theme words strung together with almost nobody doing anything
        (NAMING_VALUE_DENSITY, NAMING_MIN_ACTIONS)."""
        doc = self.doc
        tokens, infos = doc.words, doc.infos
        # People doing things first: the usual answer has plenty, and is told apart by a walk
        # over its subjects alone (found at C speed).
        actions = 0
        last = len(tokens) - 1
        for t in compress(range(last), map(ACTING_SUBJECTS.__contains__, tokens)):
            u = t + 1
            if tokens[u] in ACTING_SKIPPED and u < last:
                u += 1
            verb = tokens[u]
            if verb not in OPINION_VERBS and verb not in VALUE_WORDS and verb not in STOPWORDS:
                actions += 1
        if actions >= NAMING_MIN_ACTIONS * words / 100:
            return False
        inside = self._cue_tokens()
        values = list(map(VALUE_WORDS.__contains__, tokens))  # at C speed
        if len(inside) + sum(values) < NAMING_VALUE_DENSITY * content:
            return False  # far too few theme and value words
        inside.update(compress(range(len(tokens)), values))
        return sum(1 for t in inside if not infos[t].stop) >= NAMING_VALUE_DENSITY * content

    def _cue_tokens(self) -> set[int]:
        """The tokens inside cue, anti-cue, question-term and praised theme-word matches (a
        new set each call; worked out once)."""
        if self._cue_set is None:
            inside: set[int] = set()
            for items in (self.by_kind[_THEME], self.by_kind[_QTERM], self.by_kind[_ANTI],
                          self._praised_hits):
                for (_p, i, j, _s), _negated in items:
                    inside.update(range(i, j + 1))
            self._cue_set = frozenset(inside)
        return set(self._cue_set)

    def _names_by_cues(self, words: int, content: int) -> bool:
        """Theme words with almost no person in the answer (NAMING_DENSITY, NAMING_MAX_AGENTS)."""
        doc = self.doc
        counts = doc.counts
        agents = sum(counts.get(w, 0) for w in AGENT_WORDS)
        opinions = sum(counts.get(w, 0) for w in OPINION_VERBS) + counts.get("me", 0)
        if agents - opinions >= NAMING_MAX_AGENTS * words:
            return False  # people act in it, whatever opinions are framed (the usual case)
        if agents >= NAMING_MAX_AGENTS * words:
            # "I think", "I believe", "to me" frame an opinion; they are no one acting.
            tokens = doc.words
            agents -= sum(1 for t in range(len(tokens) - 1)
                          if tokens[t] in OPINION_HOLDERS and tokens[t + 1] in OPINION_VERBS)
            agents -= sum(1 for t in range(1, len(tokens))
                          if tokens[t] == "me" and tokens[t - 1] in ("to", "for"))
            if agents >= NAMING_MAX_AGENTS * words:
                return False
        inside = self._cue_tokens()
        infos = doc.infos
        return sum(1 for t in inside if not infos[t].stop) >= NAMING_DENSITY * content

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
            if theme.state == CONTRADICTED:
                said = next(h for h in theme.anti_matches if not h.negated)
                out.append(f"Against {theme.label}: \u201c{said.text}\u201d. "
                           f"{said.why}".rstrip())
                continue
            if not theme.expected:
                continue
            if theme.covered:
                live = [m for m in theme.matches if not m.negated]
                text = _strongest(live).text if live else \
                    next(h.text for h in theme.anti_matches if h.negated)
                out.append(f"Covered {theme.label}: \u201c{text}\u201d.")
            elif theme.state == TOUCHED:
                best = _strongest(theme.matches)
                out.append(f"Touched on {theme.label} (\u201c{best.text}\u201d, partial credit): "
                           f"show it with what you would do. {theme.hint or ''}".rstrip())
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
        elif capped == "naming":
            out.append("The answer strings theme words together: say what you would do, with "
                       "an example.")
        elif capped == "values":
            out.append("The answer strings values and abstract nouns together: say what you "
                       "would do, with an example.")
        return out


@lru_cache(maxsize=4096)
def _names_theme(keyword: str, label: str) -> bool:
    """Whether a keyword is a phrase of the theme's label ("boundaries" of "Boundaries",
    "lived experience" of "Lived experience, used with purpose")."""
    words = re.findall(r"[a-z][a-z'-]*", label.lower())
    wanted = keyword.lower().split()
    n = len(wanted)
    if n == 1 and (is_common(wanted[0]) or wanted[0] in QUALITY_WORDS):
        # "trust", "recovery", "crisis": everyday words with other senses; "empathy",
        # "resilience": a quality claimed, not practice shown
        return False
    return any(words[k:k + n] == wanted for k in range(len(words) - n + 1))


def _opens_reported_clause(words: list[str], start: int) -> bool:
    """Whether what follows a saying verb at ``start`` is a clause of what was said ("everyone
    just ticks boxes", "it was fine", "that she was..."), not the saying's own object ("these
    things", "it for attention")."""
    word = words[start]
    if word in SAYING_NOT_A_CLAUSE:
        return False
    if word in ("it", "that", "this"):
        return start + 1 < len(words) and words[start + 1] in SAYING_CLAUSE_VERBS
    return True


def _weak_pair(weak: list[tuple[int, str]]) -> bool:
    """Whether two distinct weak cues were said in the same or the next sentence."""
    if len(weak) < 2:
        return False
    said: dict[int, set[str]] = {}  # sentence -> weak cues said in it
    for sentence, keyword in weak:
        said.setdefault(sentence, set()).add(keyword)
    # Two distinct cues in one sentence, or in two neighbouring ones.
    return any(len(cues) > 1 or len(cues | said.get(sentence + 1, cues)) > 1
               for sentence, cues in said.items())


def _inside_own_cue(anti: list[tuple[Hit, bool]], themes: list[tuple[Hit, bool]],
                    words: list[str]) -> list[tuple[Hit, bool]]:
    """The anti-cue hits, less those inside a longer strong cue of their own theme said
    without negation (the longer phrase is what is said). A cue that goes on into a limit
    ("stays between us, unless") does not count here: whether the limit holds is the
    qualifiers' to judge (see _qualified)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for hit, negated in themes:
        if hit.pattern.strong and not negated:
            spans.setdefault(hit.pattern.owner, []).append((hit.first, hit.last))
    if not spans:
        return anti
    return [(hit, negated) for hit, negated in anti
            if not any(a <= hit.first and hit.last <= b and b - a > hit.last - hit.first
                       and _LIMIT_FIRST_WORDS.isdisjoint(words[hit.last + 1:b + 1])
                       for a, b in spans.get(hit.pattern.owner, ()))]


def _negated_within(items: list[tuple[Hit, bool]]) -> list[tuple[Hit, bool]]:
    """The hits, each inside a longer negated one (of any owner) marked negated too."""
    spans = [(hit.first, hit.last) for hit, negated in items if negated]
    return [(hit, negated or any(a <= hit.first and hit.last <= b and b - a > hit.last - hit.first
                                 for a, b in spans))
            for hit, negated in items]


def _names_limit(words: list[str]) -> bool:
    """Whether ``words`` (what follows a conditional limit) name a risk, a duty or consent."""
    return any(lemma(w) in LIMIT_CONTENT_WORDS or w in LIMIT_CONTENT_WORDS
               or w.startswith(LIMIT_CONTENT_PREFIXES) for w in words)


def _best_per_start(hits: list[tuple[Hit, bool]]) -> list[tuple[Hit, bool]]:
    """Of hits sorted by start (as the scan makes them), the best at each start: the longest,
    then the most similar, then by keyword."""
    out: list[tuple[Hit, bool]] = []
    for item in hits:
        if out and out[-1][0].first == item[0].first:
            if _rank(item) < _rank(out[-1]):
                out[-1] = item
        else:
            out.append(item)
    return out


def _rank(item: tuple[Hit, bool]) -> tuple[int, float, str]:
    pattern, i, j, sim = item[0]
    return (i - j, -sim, pattern.keyword)


def _context_said(text: str | list[str], near: list[str]) -> bool:
    """Whether a context (each of them, for a list) is said among ``near``."""
    if isinstance(text, str):
        return said_in(compile_context(text), near)
    return all(said_in(compile_context(one), near) for one in text)


def _uncovered(theme: ThemeResult) -> ThemeResult:
    """The same theme result, not counted as covered (its matches kept as found)."""
    if theme.state not in (COVERED, TOUCHED):
        return theme
    return ThemeResult(theme.id, theme.label, theme.expected, False, 0.0, False, theme.matches,
                       theme.hint, MISSED, theme.anti_matches)


def _strongest(matches: list[Match]) -> Match:
    """The best evidence: highest similarity, then longest, then first."""
    live = [m for m in matches if not m.negated] or matches
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

