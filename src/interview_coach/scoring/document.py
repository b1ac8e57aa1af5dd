"""The token document: an answer cut into words with its pattern hits, cheap to edit at the end.

About 740 lines on purpose: the tokens, the scan for pattern hits and the negation judgement of
each hit share the document's per-token arrays (words, gaps, negators, keys), which a live
document edits in place at its end; split apart, every piece would pass those arrays around.
"""

from __future__ import annotations

import bisect
import operator
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import cast

from interview_coach.banks.models import Question
from interview_coach.scoring import textnorm
from interview_coach.scoring.results import Match
from interview_coach.scoring.senses import (
    NEGATION_WINDOW,
    _is_reversing,
    _negates,
    _other_sense,
    _verb_after_negator,
)
from interview_coach.scoring.stance import StanceModel
from interview_coach.scoring.star import Star, StarReader, common_prefix
from interview_coach.scoring.tables import (
    _ANTI,
    _FLAG,
    _INFO_ENTRY,
    _INFO_GAP_REACH,
    _INFO_KEY_SET,
    _INFO_NEGATOR,
    _INFO_NOVEL,
    _INFO_REACH,
    _INFO_STOP,
    _QTERM,
    _THEME,
    ANY,
    ANY_KEY,
    GAP_WORDS,
    Hit,
    _Branch,
    _Info,
    _Node,
    _Resolved,
    _Start,
    _View,
    gap_reach_of,
    reach_of,
)
from interview_coach.scoring.textnorm import GAP_CLAUSE, GAP_JOIN, GAP_SENTENCE
from interview_coach.scoring.words import (
    _CONTRAST_MARKS,
    _CONTRASTIVE,
    _SCOPE_BREAKERS,
    CLAUSE_SUBJECTS,
    NEGATED_EVALUATIONS,
    NEGATION_RAISING,
    NEGATORS,
    NOT_EXTRA,
    RATHER_REACH,
    RELATIVE_HEADS,
    STOPWORDS,
)

_ORDER = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)
# Words joining two parallel phrases: a negator before one does not pair with one in the other.
_COORDINATORS = frozenset(("and", "or", "nor"))
# Alternatives under one negation: "never A or B" denies both.
_ALTERNATIVES = frozenset(("or", "nor"))
_RELATIVE_PRONOUNS = frozenset(("who", "who's", "whom", "whose"))
_EVALUATION_LINKS = frozenset(("in", "with"))  # "no harm in", "nothing wrong with"
# Hit(pattern, first, last, similarity) without the Python-level __new__ of a NamedTuple:
# ``_new_hit(Hit, (pattern, first, last, similarity))`` makes the same tuple, one call less.
_new_hit = tuple.__new__
# From this many tokens to scan, words with nothing to start are skipped by the key-set mask
# (see _Doc._scan); fewer are visited when their entry is not None.
_MASK_FROM = 40
# From this many tokens to scan, a sentence said again word for word is scanned once (see
# _Doc._scan_sentences): a long paste often repeats text. Looking costs about 5% of a scan
# with no repeats, so typing and answers of a few thousand words (which seldom repeat) skip it.
_MEMO_FROM = 5000
_PENDING = (-1, 0, 0)  # a sentence of the run not yet scanned (see _Doc._scan_sentences)


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
        # Per token, what its word stands for (keys, stopword?, novel?, start entry...).
        self.infos: list[_Info] = []
        self.hits: list[Hit] = []
        self.hit_starts: list[int] = []
        self.hit_negated: list[bool] = []  # worked out once: it only looks back
        # Per hit, worked out once when first assessed (see plain_theme_hits).
        self.hit_plain: list[bool] = []
        # Per hit, the Match it reports, made on first use: a kept hit reports the same one.
        self.hit_match: list[Match | None] = []
        self.stop_count = 0  # stopwords among the tokens, kept up to date
        # (first token, end, asks a question?) of the sentences judged so far that another
        # sentence follows: each depends only on its words and the text up to the next one.
        self.sentences: list[tuple[int, int, bool]] = []
        self.novel_count = 0  # content words the question does not hold
        self.counts: Counter[str] = Counter()  # word -> occurrences (zeros left behind)
        # Per token, as lists of their own for slices read at C speed:
        self.negators: list[int] = []  # 1 for a negator ("not", "never", any "n't")
        self.key_sets: list[frozenset[str]] = []  # _Info.key_set
        # Shared by every document of one question: the same words recur, so look once.
        self._info = q.info
        self._star: StarReader | None = None  # made on first use (behavioural questions)

    def star(self) -> Star:
        """The STAR parts of the text, re-reading only the sentences from the last change on."""
        if self._star is None:
            self._star = StarReader()
        return self._star.read(self.text)

    def set_text(self, text: str) -> None:
        """Make the document hold ``text``, re-reading only what changed since the last call."""
        keep, lo = self._tokens_to_keep(text)
        self._truncate(keep, lo)
        self.text = text
        offset = self.ends[-1] if self.ends else 0
        # Hard-wrapped lines are read as the sentences they wrap (the text keeps its breaks).
        self._append_tokens(textnorm.join_wrapped(text, offset), offset)
        self._scan(lo)

    def _tokens_to_keep(self, text: str) -> tuple[int, int]:
        """How many leading tokens are unchanged in ``text``; the first token whose hits may
        change: max_span back, or the changed sentence's start (no hit spans a sentence)."""
        prefix = common_prefix(self.text, text)
        keep = bisect.bisect_left(self.ends, prefix)  # tokens ending strictly before the change
        # One more back: the gap after the last kept token must be unchanged to keep it.
        keep = max(0, keep - 1)
        # One character can become several words ("¼" is "1⁄4"): never split its words.
        while 0 < keep < len(self.starts) and self.starts[keep] < self.ends[keep - 1]:
            keep -= 1
        lo = max(0, keep - self.tables.max_span)
        back = self.gaps[lo + 1:keep][::-1]  # the sentences before keep their hits
        return keep, (keep - 1 - back.index(GAP_SENTENCE) if GAP_SENTENCE in back else lo)

    def _truncate(self, keep: int, lo: int) -> None:
        if keep < len(self.words):
            self.counts.subtract(self.words[keep:])
            gone = self.infos[keep:]
            self.stop_count -= sum(map(_INFO_STOP, gone))
            self.novel_count -= sum(map(_INFO_NOVEL, gone))
        for seq in (self.words, self.starts, self.ends, self.gaps, self.infos, self.negators,
                    self.key_sets):
            del seq[keep:]
        cut = bisect.bisect_left(self.hit_starts, lo)
        for hit_seq in (self.hits, self.hit_starts, self.hit_negated, self.hit_plain, self.hit_match):
            del hit_seq[cut:]
        sentences = self.sentences
        while sentences and sentences[-1][1] >= keep:
            sentences.pop()  # its next sentence's first word changed or went

    def _word_info(self, word: str) -> _Info:
        is_stop = word in STOPWORDS
        novel = not is_stop and textnorm.stem(word) not in self.question_stems
        resolved = self.tables.resolve(word)
        # Contrastive leads ("rather" than, "instead" of, and "than" itself) are marked too:
        # negated() reads them.
        negator = int(word in NEGATORS or word.endswith("n't") or word in _CONTRAST_MARKS)
        entry = self.view.entry(word, resolved)
        info = _Info(resolved, int(is_stop), int(novel), entry, negator,
                     frozenset([ANY_KEY, *(key for key, _sim in resolved)]), reach_of(entry),
                     gap_reach_of(entry))
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
            cached_gaps = [k or textnorm.gap_kind(g)
                           for k, g in zip(cached_gaps, gap_texts, strict=True)]
        new_gaps = cast("list[int]", cached_gaps)
        # Where each gap and word ends: [start, start of word 0, its end, start of word 1...].
        bounds = list(accumulate(map(len, parts[:-1]), initial=offset if norm.identity else 0))
        starts, ends = bounds[1::2], bounds[2::2]
        if not norm.identity:
            starts = [s + offset for s in norm.starts_of(starts)]
            ends = [e + offset for e in norm.ends_of(ends)]
        cached_infos = list(map(self._info.get, new_words))
        if not all(cached_infos):  # an _Info is a non-empty tuple: only a miss is false
            # A word missed twice is worked out once: its first miss fills the cache.
            word_info, info_get = self._word_info, self._info.get
            cached_infos = [i or info_get(w) or word_info(w)
                            for i, w in zip(cached_infos, new_words, strict=True)]
        infos = cast("list[_Info]", cached_infos)
        if offset == 0:
            new_gaps[0] = textnorm.GAP_SENTENCE  # nothing comes before the first word
        self.words += new_words
        self.gaps += new_gaps
        self.starts += starts
        self.ends += ends
        self.infos += infos
        # One C-level pass per field: zip(*infos) would make an iterator per token.
        self.stop_count += sum(map(_INFO_STOP, infos))
        self.novel_count += sum(map(_INFO_NOVEL, infos))
        self.negators += map(_INFO_NEGATOR, infos)
        self.key_sets += map(_INFO_KEY_SET, infos)
        self.counts.update(new_words)

    def _scan(self, lo: int) -> None:
        """Find every pattern hit starting at token ``lo`` or later."""
        n = len(self.infos)
        if lo >= n:
            return
        found_before = len(self.hits)
        if n - lo < _MEMO_FROM:
            self._scan_range(lo, n)
        else:
            self._scan_sentences(lo, n)
        self._judge_hits(found_before)

    def _scan_sentences(self, lo: int, n: int) -> None:
        """_scan_range(lo, n), each sentence that recurs word for word scanned once.

        No hit reaches past its sentence, and what the scan finds in a sentence depends only on
        its words and the gaps between them: a sentence said again has the same hits, moved
        (a paste often repeats text). The first part may be the end of a sentence: the same
        holds for it.
        """
        gaps, words, hits = self.gaps, self.words, self.hits
        firsts = [lo, *compress(range(lo + 1, n), map(GAP_SENTENCE.__le__, gaps[lo + 1:n]))]
        # (words, gaps) of a sentence -> (its first token, its hits' slice of self.hits) where
        # it was first scanned; _PENDING while it waits in the run of new sentences (scanned
        # together, before any sentence after them is replayed: hits keep the text's order).
        seen: dict[tuple[tuple[str, ...], bytes], tuple[int, int, int]] = {}
        run: list[tuple[tuple[tuple[str, ...], bytes], int, int]] = []  # new, not yet scanned
        for a, b in zip(firsts, [*firsts[1:], n], strict=True):
            key = (tuple(words[a:b]), bytes(gaps[a + 1:b]))
            found = seen.get(key)
            if found is None:
                seen[key] = _PENDING
                run.append((key, a, b))
                continue
            if run:  # the new sentences before this one come first
                self._scan_run(run, seen)
                found = seen[key]  # (set now if it was one of them)
            first, start, stop = found
            if start < stop:
                shift = a - first
                hits += [_new_hit(Hit, (pattern, i + shift, j + shift, sim))
                         for pattern, i, j, sim in hits[start:stop]]
        self._scan_run(run, seen)

    def _scan_run(self, run: list[tuple[tuple[tuple[str, ...], bytes], int, int]],
                  seen: dict[tuple[tuple[str, ...], bytes], tuple[int, int, int]]) -> None:
        """Scan a run of consecutive new sentences at once; note where each one's hits lie."""
        if not run:
            return
        hits = self.hits
        before = len(hits)
        self._scan_range(run[0][1], run[-1][2])
        firsts = list(map(_SECOND, hits[before:]))  # hits come in the order of their tokens
        for key, a, b in run:
            seen[key] = (a, before + bisect.bisect_left(firsts, a),
                         before + bisect.bisect_left(firsts, b))
        run.clear()

    def _scan_range(self, lo: int, hi: int) -> None:
        """Find every pattern hit starting at a token from ``lo`` up to ``hi`` (excluded);
        the hits are judged by the caller (_judge_hits)."""
        infos, gaps, key_sets, words = self.infos, self.gaps, self.key_sets, self.words
        pairs_at, start_gapped = self._pairs_at, self._start_gapped
        n = len(infos)
        hits = self.hits
        add = hits.append
        any_extra = self.view.any_extra
        no_keys: _Resolved = ()
        # Most words start nothing, or only patterns whose second key the next words do not
        # stand for: visit only the others, found at C speed (see _Info.reach).
        work: Iterable[object]
        # Per token from lo: whether the next word (near1) or the one after (near2) may hold
        # a second key of a pattern starting here (None: not told, look always).
        near1: list[bool] | None = None
        near2: list[bool] | None = None
        if hi - lo < _MASK_FROM:  # a few words: the mask would cost more than it saves
            work = map(_INFO_ENTRY, infos[lo:hi])
        else:
            reach = list(map(_INFO_REACH, infos[lo:hi]))
            disjoint = frozenset.isdisjoint
            # (Past the last token: ANY, so that a word with work of its own is visited.)
            near1 = list(map(operator.not_, map(disjoint, reach, [*key_sets[lo + 1:hi + 1], ANY])))
            work = near1
            if any_extra:
                near2 = list(map(operator.not_, map(disjoint, reach,
                                                    [*key_sets[lo + 2:hi + 2], ANY, ANY])))
                work = map(operator.or_, near1, near2)
            # Words that start a pattern with a gap after them: visited when a key wanted
            # after the gap stands within reach (as _start_gapped looks).
            gap_reach = list(map(_INFO_GAP_REACH, infos[lo:hi]))
            if any(gap_reach):
                mask = list(work)
                for k in compress(range(len(mask)), gap_reach):
                    if not mask[k] and not all(map(gap_reach[k].isdisjoint,
                                                   key_sets[lo + k + 1: lo + k + 2 + GAP_WORDS])):
                        mask[k] = True
                work = mask
        for i in compress(range(lo, hi), work):
            entry = infos[i][3]  # _Info.entry (by index: the quickest look-up)
            if entry is None:
                continue  # never: a word with no entry has an empty reach
            items, head = entry
            j = i + 1
            # The keys of the next word and of the one after (when extras are allowed), in
            # the same clause: a second key of a pattern may stand there.
            # (Skipped when the mask tells that no second key stands there: the reach holds
            # every second key of the word's patterns.)
            keys_j = keys_k = no_keys
            if j < n and gaps[j] < GAP_CLAUSE:
                if near1 is None or near1[i - lo]:
                    keys_j = infos[j][0]  # _Info.keys
                if any_extra and j + 1 < n and gaps[j + 1] < GAP_CLAUSE and \
                        (near2 is None or near2[i - lo]) and words[j] not in NOT_EXTRA:
                    keys_k = infos[j + 1][0]  # one extra word: not a clause's subject, nor a negator
            for sim, singles, gapped, followers in items:
                if gapped is None:
                    for pattern in singles:
                        add(_new_hit(Hit, (pattern, i, i, sim)))
                else:
                    want = gapped.want
                    # As _start_gapped looks: a key wanted after the gap within reach.
                    if gapped.plain or want is None or \
                            not all(map(want.isdisjoint, key_sets[j: j + 1 + GAP_WORDS])):
                        start_gapped(i, sim, gapped)
                if followers is None:
                    continue
                # A pair whose patterns all go on is matched on only when a key they take
                # next stands within reach (told at C speed; _pairs_at looks exactly).
                for key2, sim2 in keys_j:
                    found = followers.get(key2)
                    if found:
                        branches, want, width = found
                        if want is None or \
                                not all(map(want.isdisjoint, key_sets[j + 1: j + 1 + width])):
                            pairs_at(i, j, sim, sim2, branches)
                for key2, sim2 in keys_k:
                    found = followers.get(key2)
                    if found:
                        branches, want, width = found
                        if want is None or \
                                not all(map(want.isdisjoint, key_sets[j + 2: j + 2 + width])):
                            pairs_at(i, j + 1, sim, sim2, branches)
            if head and j < n and gaps[j] <= GAP_JOIN:
                self._scan_compound(i)

    def _start_gapped(self, i: int, sim: float, start: _Start) -> None:
        """The one-word patterns at token ``i`` and those with a gap after their first word,
        in the order of their bucket."""
        out = [(order, _new_hit(Hit, (pattern, i, i, sim)))
               for order, pattern in zip(start.orders, start.plain, strict=True)] \
            if start.plain else []
        key_sets = self.key_sets
        last = min(i + 1 + GAP_WORDS, len(key_sets) - 1)
        for max_extra, exact, root in start.gapped:
            if root.ends or root.want:  # never: a gap follows the first key (see _Start)
                self._walk(root, i, i, sim, max_extra, 1, exact, out)
            elif not all(map(root.gap_want.isdisjoint, key_sets[i + 1: last + 1])):
                # As _walk would: the next key after the gap, within reach.
                self._walk_on(root.gap_next, True, last, i, i, sim, max_extra, 2, exact, out)
        if out:
            self._add_sorted(out)

    def _pairs_at(self, i: int, j: int, sim: float, sim2: float,
                  branches: tuple[_Branch, ...]) -> None:
        """Patterns whose first two words are tokens ``i`` and ``j``: match the rest."""
        skipped = j - i - 1
        out: list[tuple[int, Hit]] = []
        key_sets = self.key_sets
        n = len(key_sets)
        # _walk(root, i, j, sim + sim2, max_extra - skipped, 2, exact, out), written out: most
        # pairs go no further, and are told so without a call.
        for max_extra, exact, root in branches:
            if skipped > max_extra:
                continue
            if exact and (sim < 1.0 or sim2 < 1.0):
                continue
            total = sim + sim2
            if root.ends:  # two-word patterns: their readings end here
                similarity = round(total / 2, 3)
                for order, pattern in root.ends:
                    out.append((order, _new_hit(Hit, (pattern, i, j, similarity))))
            want = root.want
            if want:
                extra = max_extra - skipped
                last = min(j + 1 + extra, n - 1)
                if not all(map(want.isdisjoint, key_sets[j + 1: last + 1])):
                    self._walk_on(root.next, False, last, i, j, total, extra, 3, exact, out)
            want = root.gap_want
            if want:
                last = min(j + 1 + GAP_WORDS, n - 1)
                if not all(map(want.isdisjoint, key_sets[j + 1: last + 1])):
                    self._walk_on(root.gap_next, True, last, i, j, total, max_extra - skipped, 3,
                                  exact, out)
        if out:
            self._add_sorted(out)

    def _add_sorted(self, out: list[tuple[int, Hit]]) -> None:
        """Add hits found in one bucket in the bucket's order of patterns."""
        if len(out) > 1:
            out.sort(key=_ORDER)
        self.hits += map(_SECOND, out)

    def _walk(self, node: _Node, i: int, j: int, total: float, extra: int, depth: int,
              exact: bool, out: list[tuple[int, Hit]]) -> None:
        """Match the rest of the patterns of a trie whose node ``node`` (``depth`` keys, the
        last at token ``j``) is reached: one clause, few extras; after a gap "...", up to
        GAP_WORDS words in one sentence. Each reading of a pattern matches as on its own: each
        next key at the first token within reach that stands for it (see _Node)."""
        if node.ends:
            similarity = round(total / depth, 3)
            for order, pattern in node.ends:
                out.append((order, _new_hit(Hit, (pattern, i, j, similarity))))
        want, gap_want = node.want, node.gap_want
        if not (want or gap_want):
            return
        key_sets = self.key_sets
        n = len(key_sets)
        # Most walks find nothing: when no token within reach stands for a child's key (told
        # by the key sets, at C speed), the tokens are not visited one by one.
        if want:
            last = j + 1 + extra
            if last >= n:
                last = n - 1
            if not all(map(want.isdisjoint, key_sets[j + 1: last + 1])):
                self._walk_on(node.next, False, last, i, j, total, extra, depth + 1, exact, out)
        if gap_want:
            last = j + 1 + GAP_WORDS
            if last >= n:
                last = n - 1
            if not all(map(gap_want.isdisjoint, key_sets[j + 1: last + 1])):
                self._walk_on(node.gap_next, True, last, i, j, total, extra, depth + 1, exact,
                              out)

    def _walk_on(self, children: dict[str, _Node], gap: bool, last: int, i: int, j: int,
                 total: float, extra: int, depth: int, exact: bool,
                 out: list[tuple[int, Hit]]) -> None:
        """The step of _walk to the children of a node (after a gap or not), ``depth`` keys
        deep, looking up to token ``last``."""
        gaps, infos = self.gaps, self.infos
        stop = GAP_SENTENCE if gap else GAP_CLAUSE
        taken: set[str] | None = None
        t = j + 1
        while t <= last and gaps[t] < stop:
            if not gap and t > j + 1 and self.words[t - 1] in NOT_EXTRA:
                break  # an extra word inside a phrase: never a clause's subject or a negator
            for key, sim in infos[t][0]:  # _Info.keys
                child = children.get(key)
                if child is None or not sim or (exact and sim < 1.0):
                    continue
                if taken is None:
                    taken = {key}
                elif key in taken:
                    continue  # an earlier token stood for it
                else:
                    taken.add(key)
                if child.want or child.gap_want:
                    self._walk(child, i, t, total + sim,
                               extra if gap else extra - (t - j - 1), depth, exact, out)
                else:  # a leaf: its readings end here
                    similarity = round((total + sim) / depth, 3)
                    for order, pattern in child.ends:
                        out.append((order, _new_hit(Hit, (pattern, i, t, similarity))))
            t += 1

    def _scan_compound(self, i: int) -> None:
        """A keyword written as one word found as two ("self care" for "selfcare"), joined
        exactly: "add it" is not a typo of "addict", since a typo is only ever an unknown
        answer word, never two known ones joined."""
        for key, sim in self.tables.resolve(self.words[i] + self.words[i + 1]):
            if sim < 1.0:
                continue
            for pattern in self.view.single.get(key, ()):
                # One-word patterns only: a pattern with a gap after its first word also sits
                # in this bucket, and its other words are not here.
                if len(pattern.keys) == 1 and pattern.kind in (_THEME, _QTERM, _FLAG, _ANTI):
                    self.hits.append(Hit(pattern, i, i + 1, sim))

    def _judge_hits(self, first: int) -> None:
        """What is worked out once per hit, for the hits from number ``first`` on: where each
        starts, whether it is negated (it only looks back), its Match to be made."""
        new = self.hits[first:]
        self.hit_starts += map(_SECOND, new)
        self.hit_match += [None] * len(new)
        negators, out = self.negators, self.hit_negated
        widest = 3 * NEGATION_WINDOW  # the furthest back _negation_start ever looks
        for hit in new:
            pattern, first_token, last, _ = hit
            # No negator before it in reach, none inside it: not negated (the usual case, at C
            # speed; negated() and _negated_inside() start with the same tests). Most hits have
            # no negator even in the widest reach: told without working out the exact one.
            if pattern.harm:
                out.append(False)
            elif 1 not in negators[max(0, first_token - widest):last] or \
                    1 not in negators[self._negation_start(first_token):last]:
                out.append(self._too_to(first_token))  # "too much to keep it to myself"
            else:
                out.append(self.negated(first_token)
                           or (last > first_token and self._negated_inside(hit)))

    def _negated_inside(self, hit: Hit) -> bool:
        """Whether the answer puts a negator inside a phrase that holds none there: "peer
        support is not a form of therapy" against "peer support is a form of therapy". A
        negator the phrase itself holds ("{never|not} tell anyone") is part of it. A gap
        ("...") holds any words: in a gapped phrase only a negator in the clause where the
        phrase ends counts ("...planning to hurt himself, I would never keep it to myself");
        one in an earlier clause negates something else ("keep it secret and never tell
        anyone, even if they were at risk": the secret is kept)."""
        said = sum(self.negators[hit.first + 1: hit.last])
        if not said:
            return False
        words, lo = self.words, hit.first + 1
        if hit.pattern.gaps:
            gaps = self.gaps
            for t in range(hit.last, hit.first, -1):
                if gaps[t] >= GAP_CLAUSE:
                    lo = t
                    break
        said = sum(1 for t in range(lo, hit.last)
                   if self.negators[t] and words[t] not in _CONTRAST_MARKS and _negates(words, t))
        written = sum(1 for k in hit.pattern.keys
                      if k == "@not" or k in NEGATORS or k.endswith("n't"))
        return said > written

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
        append = out.append
        for pattern, i, j, _ in hits[done:]:
            if pattern.kind != _THEME:
                append(True)
                continue
            over = covering.get(i)
            if over:
                owner, width = pattern.owner, j - i
                for a, b, other in over:
                    if a <= i and j <= b and b - a > width and other != owner:
                        break  # inside a longer hit of another theme ("care" in "self-care")
                else:
                    over = None
                if over:
                    append(False)
                    continue
            append(i != j or not _other_sense(self, pattern, i))
        return out

    def _negation_start(self, i: int, or_after: bool | None = None) -> int:
        """The first token whose negator may reach token ``i``: NEGATION_WINDOW back, or three
        windows when an "or" lies within the first or follows ("never A, B or C": see negated;
        ``or_after``, when given, is _or_follows(i) worked out already)."""
        lo = max(0, i - NEGATION_WINDOW)
        if or_after is None:
            or_after = self._or_follows(i)
        if or_after or not _ALTERNATIVES.isdisjoint(self.words[lo:i]):
            lo = max(0, i - 3 * NEGATION_WINDOW)
        return lo

    def _or_follows(self, i: int) -> bool:
        """Whether an "or" or "nor" follows token ``i`` in its sentence, within NEGATION_WINDOW
        words: token ``i`` may be a middle item of a list ("I don't lend money, give lifts or
        accept gifts")."""
        words = self.words
        if _ALTERNATIVES.isdisjoint(words[i + 1:i + 1 + NEGATION_WINDOW]):
            return False  # the usual case, decided at C speed
        gaps = self.gaps
        for u in range(i + 1, min(len(words), i + 1 + NEGATION_WINDOW)):
            if gaps[u] >= GAP_SENTENCE:
                return False
            if words[u] in _ALTERNATIVES:
                return True
        return False

    def negated(self, i: int) -> bool:
        """Whether token ``i`` is preceded, in its clause, by a negator."""
        listed = self._or_follows(i)  # "never A, B or C" denies each: B may be token i
        if 1 not in self.negators[self._negation_start(i, listed): i]:
            # the usual case, decided at C speed (contrastives count as 1 too); but for
            # "too much to keep it to myself", which denies what follows it
            return self._too_to(i)
        words, gaps = self.words, self.gaps
        if words[i] in _SCOPE_BREAKERS:
            return False  # a phrase starting "unless...", "because...": a clause of its own
        if words[i] in CLAUSE_SUBJECTS and i > 0 and self._opens_clause(i):
            return False  # "if she didn't go, she'd lose her place": a clause of its own
        t = i - 1
        reversed_ = False  # a reversing verb lies between the negator and the keyword
        joined = False  # an "and" lies between: "without judging and giving them hope"
        labelled = False  # an "as" lies between: "never dismiss it as attention seeking"
        # (listed: an "or" lies between, or follows)
        reach = 3 * NEGATION_WINDOW if listed else NEGATION_WINDOW
        while t >= 0 and i - t <= reach and \
                (gaps[t + 1] < GAP_CLAUSE or (listed and gaps[t + 1] < GAP_SENTENCE)):
            word = words[t]
            if word in _ALTERNATIVES and not listed:
                # "I'd never share my number with the people I support or give them my
                # address": a negation reaches each alternative of "or", across the commas of
                # a list, as it reaches the first.
                listed = True
                reach = i - t + 2 * NEGATION_WINDOW
            if word in _CONTRASTIVE and t + 1 < i and words[t + 1] == _CONTRASTIVE[word]:
                return True  # "rather than calling it...", "instead of saying..."
            if word == "than" and self._rather_before(t):
                return True  # "I'd rather rest than push through"
            if word == "and":
                joined = True
            if word == "as":
                labelled = True
            if word in _EVALUATION_LINKS and t > 0 and words[t - 1] in NEGATED_EVALUATIONS:
                return False  # "I wouldn't see any harm in meeting up": the harm is denied
            if word in _SCOPE_BREAKERS or (word in _RELATIVE_PRONOUNS and i - t <= 3) or \
                    (word == "case" and t > 0 and words[t - 1] == "in"):
                # "...but", "because", "in case it gives them ideas"; and a relative clause
                # just before is not what the negation denies: "I'd avoid putting anyone who's
                # psychotic..." (further on, its clause may have ended: "I never assume people
                # who talk about dying rarely mean it")
                return False
            if word in CLAUSE_SUBJECTS and (t == 0 or self._opens_clause(t)):
                return False  # "when she couldn't afford it I paid it": a clause of its own
            if self.negators[t] and word not in _CONTRAST_MARKS and _negates(words, t):
                if reversed_:
                    return False  # "never break confidentiality": the breaking is negated
                if word == "without" and (joined or self._negated_before(t)):
                    # "listening without judging and giving them hope": "without" takes the
                    # word after it, not a second verb joined by "and"; "never share without
                    # consent": two negations cancel
                    return False
                return True
            if _is_reversing(words, t) and _verb_after_negator(words, t) and not labelled:
                # (not across "as": in "I'd never dismiss it as attention seeking" the label
                # after "as" is what is denied, not the dismissing)
                reversed_ = True
            t -= 1
        return False

    def _too_to(self, i: int) -> bool:
        """Whether token ``i`` follows "too" + one or two words + "to" ("cared about her too
        much to keep that to myself", "too important to ignore"): it is what the speaker would
        not do. Not across a clause break; asked only where no negator is in reach (a negated
        "never too late to ask" is judged by the usual rule)."""
        words, gaps = self.words, self.gaps
        t = i - 1
        if t < 2 or words[t] != "to":
            return False
        for u in (t - 2, t - 3):
            if u < 0 or any(gaps[v] >= GAP_CLAUSE for v in range(u + 1, t + 1)):
                return False
            if words[u] == "too":
                return True
        return False

    def _opens_clause(self, t: int) -> bool:
        """Whether the subject pronoun at token ``t`` (t > 0) opens a clause of its own: not
        after a verb that raises a negation ("I don't think I'd"), a negator, "one" or the head
        of a relative clause ("the people I support")."""
        before = self.words[t - 1]
        return before not in NEGATION_RAISING and not self.negators[t - 1] and \
            before != "one" and before not in RELATIVE_HEADS

    def _rather_before(self, t: int) -> bool:
        """Whether "rather" comes before token ``t`` ("than") in its sentence, within
        RATHER_REACH words: "I'd rather walk someone in and introduce them than hand them a
        leaflet"."""
        words, gaps = self.words, self.gaps
        u = t - 1
        while u >= 0 and t - u <= RATHER_REACH and gaps[u + 1] < GAP_SENTENCE:
            if words[u] == "rather":
                return True
            u -= 1
        return False

    def _negated_before(self, t: int) -> bool:
        """Whether another negator precedes token ``t`` in its clause, close enough to pair."""
        words, gaps = self.words, self.gaps
        u = t - 1
        while u >= 0 and t - u <= NEGATION_WINDOW and gaps[u + 1] < GAP_CLAUSE:
            if words[u] in _SCOPE_BREAKERS or words[u] in _COORDINATORS:
                return False  # "without arguing and without pretending": two in a row
            if self.negators[u] and words[u] not in _CONTRAST_MARKS and _negates(words, u):
                return True
            u -= 1
        return False


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
    stance: StanceModel | None = None  # the bank's stance model, when it names one
    stance_error: str = ""  # why the bank's stance model could not be read ('' when it could)


