"""STAR (Situation, Task, Action, Result) read from what an answer does, not from signpost words.

:func:`find_star` splits an answer into sentences and gives each sentence the roles its *shape*
shows:

situation
    a specific past scene: a sentence in the past tense (not a hypothetical "if ... would") with a
    time ("last spring", "two years ago", "one evening"), a setting ("in my previous job", "at a
    call centre", "while I was volunteering") or a particular person or event ("a man I was
    supporting", "a colleague", "there was a complaint"). An opinion or a description of a job as
    it is now has none.
task
    the goal, duty or problem the speaker (or the speaker's team) had: "I needed to", "my job
    was", "the aim was", "we had to", "my manager asked me to".
action
    the speaker's OWN past actions: "I" followed by a verb in the past tense that is done, not
    felt ("I set up", "I listened", "my colleague and I sat down"). "We did" with no "I" is not
    an action of the speaker's; "I would ..." and present habits ("I always listen") are not
    actions taken.
result
    an outcome, a consequence or a lesson, in a story: a consequence word ("as a result", "in
    the end", "which meant"), a change reported ("the bill was corrected", "complaints fell",
    "she felt calmer", "went out on time"), a lesson ("I learned", "since then", "looking
    back"), or a story that ends with what someone else did after the speaker acted. A general
    opinion with no story has no result.

A signposted answer ("Situation: ... Task: ... Action: ... Result: ...") is read section by
section: each labelled section counts for the part it names when its content has that part's
substance (an action section needs the speaker's "I"; a "we"-only section has no action).

Past tense is recognised by the regular ending "-ed" (with a short list of words that only look
like it) and by :data:`IRREGULAR_PAST`, the simple past forms of the common irregular English
verbs. That list is a closed class of a few hundred words that has not changed in centuries, so it
is kept here, documented, rather than taken from a package: the packages that carry it
(``lemminflect`` 0.2.3, last released 2022, needing numpy, 0.8 MB; ``nltk``/``spacy`` with
downloaded data) are far heavier than the list, and the npm ``english-verbs-irregular`` list is
not usable from Python. The list was checked against lemminflect's table (see below). Verbs whose past equals their present ("set", "put", "let") are in
:data:`AMBIGUOUS_PAST` and count as past only in a story already told in the past tense.

All patterns are compiled once; none nests quantifiers, so each search is linear in its text.
Answers longer than :data:`MAX_CHARS` are read on their first :data:`MAX_CHARS` characters
(about 2,000 words, six times a long interview answer), which bounds the cost of a huge paste.

This module is core: it depends on nothing else of the project and never imports Textual.
One module of about 800 lines on purpose: the word lists and the sentence reader share one
set of compiled patterns, and splitting them would scatter a single detector over files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

PARTS: tuple[str, ...] = ("situation", "task", "action", "result")

# An answer longer than this is read on its first MAX_CHARS characters (about 2,000 words,
# over six times the scorer's "long answer" mark of 300 words).
MAX_CHARS = 12_000

# Simple past forms of common irregular verbs, unambiguous ones only (their present differs).
# Checked against the inflection table of lemminflect 0.2.3 (MIT; 292 irregular simple pasts):
# the everyday ones are here; archaic forms ("bade", "smote") and forms that are also everyday
# nouns, adjectives or presents in other senses ("lay", "bore", "wound", "ground", "rose",
# "resent", "rent") are left out: they would make a present sentence look past.
IRREGULAR_PAST: frozenset[str] = frozenset("""
    was were had did went came saw said told took made got gave found felt thought knew left kept
    began brought bought sat stood ran met spoke wrote heard held lost paid sent spent built meant
    taught caught fought sought drove rode fell broke chose froze woke wore tore swore threw grew
    drew flew blew understood forgot forgave became overcame sang rang drank swam sank shook
    mistook undertook stole hid bit slid lit fed led bled fled sped slept swept wept crept dealt
    knelt dreamt learnt burnt spelt spoilt leapt lent bent won hung stuck struck dug spun sprang
    stung swung strode withdrew upheld withheld overheard overtook oversaw foresaw ate sold
    shone shot bound forbade arose awoke beheld clung dove slung spat strove underwent withstood
    wrung rebuilt retold rewrote misunderstood laid mislaid dwelt flung foretold leant spilt
    shrank stank strung trod wove outgrew outdid outran overdid overpaid overran overslept
    oversold overthrew redid remade repaid reran rethought retook undid befell partook
""".split())

# Verbs whose simple past is spelt like their present: past only in a story told in the past.
AMBIGUOUS_PAST: frozenset[str] = frozenset("""
    set put let cut hit read shut quit cost hurt spread bet cast upset reset burst split beat
    fit thrust bid knit rid slit wet misread reread undercut
""".split())

# Words ending in "-ed" that are not past forms of a verb.
_NOT_PAST_ED = (
    "bed red shed sled shred hundred hundreds kindred sacred naked wicked hatred rugged ragged "
    "jagged wretched crooked beloved embed ted fred med sped"
).split()

# Past forms that say what the speaker felt, knew or was, not something the speaker did.
_NOT_ACTIONS = (
    "was were had felt thought knew wanted needed hoped wished seemed believed remembered used "
    "loved liked hated enjoyed realised realized noticed saw heard understood learned learnt "
    "became got missed forgot lost worried wondered expected assumed guessed feared panicked "
    "struggled"
).split()

# Adverbs that may stand between "I" and the verb of an action. Habits ("always", "usually",
# "never") are left out on purpose: "I always listened" is not one action taken.
_ACTION_ADVERBS = (
    "then also first just quickly immediately gently calmly eventually finally personally "
    "actually really simply carefully later soon again still initially instantly slowly "
    "politely privately briefly firmly together myself straight promptly swiftly basically "
    "kind_of sort_of"
).split()

_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_SEASONS = "spring summer autumn fall winter".split()
_PERIODS = "day days week weeks month months year years decade decades".split()

# Where a scene can take place ("in my previous job", "at a call centre").
_SETTINGS = (
    "job role post position placement team workplace company firm office ward service hospital "
    "surgery clinic school college university shop store supermarket cafe café restaurant bar "
    "pub hotel charity organisation organization group project shift centre center hostel "
    "unit department warehouse factory site branch library home drop-in helpline practice "
    "agency council gym cinema church kitchen business workshop meeting session course "
    "internship apprenticeship"
).split()

# People and events a scene can be about ("a man", "a colleague", "a complaint").
_PEOPLE = (
    "man men woman women lady gentleman boy girl person people client customer patient resident "
    "tenant colleague co-worker coworker volunteer student member user participant peer friend "
    "neighbour neighbor manager supervisor family parent mother father carer caller guest "
    "visitor teenager couple regular learner pupil child service-user guy bloke lad chap kid "
    "youngster starter trainee apprentice intern recruit driver officer nurse doctor"
).split()
_EVENTS = (
    "conflict disagreement complaint incident crisis emergency argument dispute mistake error "
    "problem issue deadline audit inspection outbreak breakdown accident fight row change "
    "restructure merger"
).split()
_PERSON_ADJECTIVES = (
    "young older elderly new regular particular former local senior junior female male "
    "vulnerable distressed angry upset frustrated difficult"
).split()

# Outcome verbs: a change reported in the past ("resolved", "complaints fell").
_OUTCOME_VERBS = (
    "resolved improved settled calmed eased recovered achieved completed finished delivered "
    "cleared fixed solved reduced increased dropped fell rose doubled halved tripled stabilised "
    "stabilized restarted returned passed won saved raised thanked praised succeeded"
).split()


def _alt(words: list[str] | frozenset[str] | tuple[str, ...]) -> str:
    """A non-capturing alternation of literal words, built as a trie so that matching it costs a
    few steps per position however many words it has (``re`` tries alternatives in turn)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        keys = sorted(k for k in node if k)
        if not keys:
            return ""
        branches = [re.escape(k) + emit(node[k]) for k in keys]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return "(?:" + emit(trie) + ")"


# Every pattern below reads the answer lowercased (same length, so offsets stay true). Most open
# with one "\b" and then alternatives that each start with a letter, which ``re`` skips in one
# step when that letter is not there.

# A regular or irregular past form; "-ed" words other than the look-alikes, and not "-eed"
# words ("need", "succeed") except the verbs whose past really ends so.
_PAST_WORD = (
    r"(?:" + _alt(IRREGULAR_PAST | {"agreed", "disagreed", "freed", "guaranteed", "decreed"}) +
    r"\b|(?!" + _alt(_NOT_PAST_ED) + r"\b)[a-z]{2,}(?<!e)ed\b)"
)
# A past form right after one of these words is a participle or an adjective, not the past
# tense: "I have worked", "I'm interested", "it is needed", "to be supported".
_AUX = frozenset(
    "have has 've i've we've you've they've am is are 'm i'm 're we're you're they're 's he's "
    "she's it's that's be been being feel feels get gets to will would can could should must "
    "might".split())
# Adverbs that may stand between the auxiliary and the participle ("have always believed").
_AUX_ADVERBS = frozenset(
    "always never often also just already really ever recently not still truly genuinely "
    "quite very so".split())

_HABIT = re.compile(r"\b(?:always|usually|often|generally|normally|sometimes|typically|"
                    r"tend\s+to|every\s+time|whenever)\b")
# A hypothetical: "if"/"whenever"/"imagine" (not "asked him if", which means "whether") in a
# sentence with a modal ("would", "will", "'d").
_WHETHER_BEFORE = frozenset(
    "him her them me us you asked ask asks asking wondered wonder wondering know knew see saw "
    "seeing check checked checking sure unsure tell told find found out whether decide "
    "decided".split())

_SCENE_TIME = re.compile(
    r"\b(?:last\s+" + _alt(_SEASONS + _MONTHS + _DAYS + [
        "year", "month", "week", "weekend", "term", "semester", "night", "christmas", "easter",
        "time"]) + r"\b"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|few|"
    r"couple\s+of|several|many|some)\s+" + _alt(_PERIODS) + r"\s+ago\b"
    r"|(?:one|that|on\s+(?:a|one|that))\s+(?:(?:busy|quiet|late|early|cold|hot|rainy|"
    r"particular|sunny|night|weekend|friday|monday)\s+)?(?:day|morning|afternoon|evening|night|"
    r"weekend|shift|occasion|time|visit|session)\b"
    # "once" as a time ("Once, on a late shift"), not "once a week" or "once I had ...".
    r"|once\b(?!\s+(?:a|an|every|per|more|again|i|we|you|he|she|they|it|the|that|this)\b)"
    r"|(?:recently|yesterday|previously|back\s+in|at\s+the\s+time|at\s+that\s+(?:time|point)|"
    r"a\s+while\s+(?:back|ago)|earlier\s+(?:this|that|in\s+the)\s+(?:year|month|week|term|day)|"
    r"this\s+(?:past\s+)?(?:year|month|week|spring|summer|autumn|winter|morning))\b"
    r"|in\s+(?:(?:early|late|mid)[\s-]+)?(?:19|20)\d\d\b"
    r"|in\s+" + _alt(_MONTHS) + r"\b"
    r"|(?:on|in)\s+my\s+(?:first|second|third|last|final)\s+(?:day|week|month|shift|year)\b"
    r"|during\s+(?:my|our|the|a|an|one|that|this|his|her|their)\b"
    r"|(?:a|one|the)\s+(?:time|day|night|moment)\s+when\b)")
_SCENE_PLACE = re.compile(
    r"\b(?:(?:in|at|on|from)\s+(?:my|our|a|an|the|one|his|her|their)\s+"
    r"(?:[\w-]+\s+){0,2}?" + _alt(_SETTINGS) + r"s?\b"
    r"|as\s+an?\s+(?:[\w-]+\s+){0,2}?" + _alt((
        "volunteer", "worker", "assistant", "manager", "lead", "leader", "receptionist",
        "student", "trainee", "apprentice", "carer", "nurse", "teacher", "cashier", "waiter",
        "waitress", "coordinator", "officer", "advisor", "adviser", "mentor", "member", "intern",
        "supervisor")) + r"\b"
    r"|(?:when|while|whilst)\s+(?:i\s+was|i\s+worked|i\s+volunteered|i\s+had|working|"
    r"volunteering|studying|training)\b"
    # settings named without an article: "at university", "at work", "in hospital"
    r"|(?:at|in)\s+(?:university|uni|college|school|work|hospital|church|prison|sixth\s+form)\b)")
_SCENE_PERSON = re.compile(
    r"\b(?:(?:a|an|one|another)\s+(?:" + _alt(_PERSON_ADJECTIVES) + r"\s+)?" + _alt(_PEOPLE) +
    r"(?:s|\s+of\s+mine)?\b"
    r"|an?\s+(?:[\w-]+\s+)?" + _alt(_EVENTS) + r"\b"
    r"|(?:someone|somebody)\s+(?:i|we)\s+(?:was|were|had)\b"
    r"|one\s+of\s+(?:my|our|the)\s+\w+"
    r"|there\s+was\s+(?:a|an|one|this)\b"
    r"|(?:two|three|four|both)\s+(?:of\s+)?(?:my\s+|our\s+|the\s+)?(?:colleagues|volunteers|"
    r"clients|members|regulars|residents|customers|staff|people|students|tenants|patients)\b"
    r"|(?:my|our)\s+(?:new\s+)?(?:manager|supervisor|colleague|boss|client|team\s+leader|"
    r"line\s+manager)\b)")

_TASK = re.compile(
    r"\b(?:(?:i|we)\s+(?:(?:really|also|still|first|urgently|then|just|now)\s+)?(?:needed|had|"
    r"wanted|hoped|aimed|planned|was\s+(?:asked|told|expected|supposed|required|meant|due|"
    r"determined|trying|hoping)|were\s+(?:asked|told|expected|supposed|required|trying)|"
    r"set\s+out|had\s+been\s+asked|decided)\s+to\b"
    r"|(?:i|we)\s+(?:really\s+)?needed\b"
    r"|(?:my|our|the)\s+(?:(?:main|first|only|own|key|biggest|immediate|real|overall)\s+)?"
    r"(?:task|job|role|responsibility|aim|goal|objective|priority|challenge|problem|issue|"
    r"concern|focus|mission|brief|remit|plan|target|duty)\s+(?:was|were|became|had\s+been)\b"
    r"|(?:it|this)\s+was\s+(?:my|our)\s+(?:[\w-]+\s+)?(?:job|responsibility|role|task|duty|"
    r"call|decision)\b"
    r"|(?:it|this)\s+was\s+(?:up|down)\s+to\s+(?:me|us)\b"
    r"|(?:i|we)\s+(?:was|were)\s+(?:responsible|in\s+charge|tasked|given\s+the\s+(?:job|task)|"
    r"put\s+in\s+charge)\b"
    r"|(?:asked|told|needed|wanted|expected|trusted)\s+(?:me|us)\s+to\b)")

_ADV = _alt(_ACTION_ADVERBS).replace("_", r"\s+")  # "kind_of" stands for "kind of"
# "I" + up to two adverbs + a past verb of doing; not "when I ...", "while I ..." (a scene).
_ACTION = re.compile(
    r"\bi(?<!\bwhen i)(?<!\bwhile i)(?<!\bwhilst i)(?<!\bas i)\s+(?:" + _ADV + r",?\s+){0,3}"
    r"(?:(?P<verb>(?!" + _alt(_NOT_ACTIONS) + r"\b)(?!did\s+(?:not|nothing|never)\b)" +
    _PAST_WORD + r")|(?P<amb>" + _alt(AMBIGUOUS_PAST) + r")\b)")
_WE_ACTION = re.compile(
    r"\bwe\s+(?:" + _ADV + r",?\s+){0,2}(?!" + _alt(_NOT_ACTIONS) + r"\b)" + _PAST_WORD)

# Words that tie what follows to what went before as its consequence.
_CONSEQUENCE = re.compile(
    r"\b(?:as\s+a\s+(?:result|consequence)\b|in\s+the\s+end\b|by\s+the\s+end\b"
    r"|at\s+the\s+end\s+of\s+(?:it|that|the\s+day)\b|eventually\b|finally\b"
    r"|afterwards?\b|later\s+on\b|since\s+then\b|ever\s+since\b|from\s+then\s+on\b"
    r"|(?:the|an?)\s+(?:outcome|result|upshot|impact|effect|consequence)\s+(?:was|were)\b"
    r"|(?:which|this|that|it)(?<!\bhow it)\s+(?:really\s+|also\s+)?(?:meant|led|resulted|worked|"
    r"helped|made\s+(?:a|all\s+the)\s+difference)\b|led\s+to\b|ended\s+up\b|turned\s+out\b"
    r"|ended\s+(?:the\s+(?:day|week|month|year|session|meeting|shift|term)|with)\b)")
# A state reached or a change reported: "went out on time", "she felt calmer", "no longer".
_OUTCOME = re.compile(
    r"\b(?:(?:managed|was\s+able|were\s+able)\s+to\b"
    r"|(?:on\s+time|on\s+track|in\s+time|ahead\s+of\s+schedule|under\s+budget)\b"
    r"|successful(?:ly)?\b|succeeded\b"
    r"|thank(?:ed|ing)?\s+(?:me|us)\b"
    r"|by\s+(?:the\s+(?:time|next)|then|" + _alt(_MONTHS + _DAYS) + r")\b"
    r"|(?:felt|seemed|was|were|looked|sounded)\s+(?:much\s+|a\s+lot\s+|far\s+|so\s+|a\s+bit\s+)?"
    r"(?:better|calmer|safer|heard|relieved|happier|valued|supported|reassured|settled|fine|"
    r"(?:more|less)\s+\w+|listened\s+to)\b"
    r"|(?:made|makes)\s+(?:him|her|them|me|us|everyone)\s+(?:feel\s+)?(?:better|calmer|"
    r"(?:more|less)\s+\w+)\b"
    r"|no\s+longer\b|never\s+(?:again|happened\s+again)\b|didn'?t\s+happen\s+again\b"
    r"|(?:went|got)\s+(?:well|smoothly|ahead|better|back\s+on\s+track)\b)")
_LESSON = re.compile(
    r"\b(?:i\s+(?:have\s+|'ve\s+)?(?:learned|learnt|realised|realized|discovered)\b"
    r"|(?:taught|showed|reminded)\s+me\b|looking\s+back\b|in\s+hindsight\b"
    r"|next\s+time\b|if\s+i\s+did\s+it\s+again\b|(?:do|did)\s+(?:it|things)\s+differently\b"
    r"|now\s+i\b|i\s+now\b)")
_NOT_BEFORE_OUTCOME = frozenset(("i", "to"))
# The subject that opens a sentence about someone else: "He moved ...", "The bill was ...".
_OTHER_SUBJECT = re.compile(
    r"(?:he|she|they|it|this|that|everyone|everybody|nobody|no\s+one|both|all|each|every|the|"
    r"his|her|their|its)\b")

# A signpost label opening a section: "Situation:", "**Task** -", "Result —".
_LABELS = {
    "situation": "situation", "context": "situation", "background": "situation",
    "task": "task", "goal": "task", "objective": "task", "challenge": "task", "problem": "task",
    "action": "action", "actions": "action", "what i did": "action",
    "result": "result", "results": "result", "outcome": "result", "outcomes": "result",
}
# The initials, as in "S: ... T: ... A: ... R: ...", count only before a colon.
_INITIALS = {"s": "situation", "t": "task", "a": "action", "r": "result"}
# Whether the answer may be signposted at all (one search, before sentences are split).
_LABEL_ANYWHERE = re.compile(_alt(tuple(_LABELS)) + r"[\s*_)\]]*[:\-–—]|\b[star]\s*:")
# What may stand between a label and its colon or dash, and the longest label.
_LABEL_TRIM = frozenset("*_)]")  # and any space
_LONGEST_LABEL = max(map(len, _LABELS))
_LABEL_START = re.compile(r"[\s*_#>\-(\[]*(?:(" + _alt(tuple(_LABELS)) + r")[\s*_)\]]*[:\-–—]"
                          r"|([star])[*_)\]]*\s*:)\s*")
# A capitalised label in the middle of a line opens a new section: "... in 2021 Task: ...".
# (Read on the original text, where case still shows.)
_LABEL_MID = re.compile(
    r"(?<=[\s*_])[*_]*"
    + _alt(tuple(w.capitalize() for w in _LABELS) + tuple(w.upper() for w in _LABELS))
    + r"[*_]*\s*:")
_EMPTY_SECTION = re.compile(
    r"\s*(?:none|n/?a|nothing|unknown|not\s+sure|tbc|tbd|don'?t\s+know|-+|\.+|\?+)?\s*[.!]?\s*$")
_FIRST_PERSON = re.compile(r"\b(?:i|me|myself)\b")
_HAS_WORD = re.compile(r"[^\W\d_]{2,}")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_ED_PAST = frozenset(("agreed", "disagreed", "freed", "guaranteed", "decreed"))
_NEGATED_PAST = frozenset(("wasn't", "weren't", "didn't", "hadn't", "couldn't"))
_NOT_PAST_ED_SET = frozenset(_NOT_PAST_ED)


_PAST_FORMS = IRREGULAR_PAST | _ED_PAST | _NEGATED_PAST
# Where a sentence may hold an "-ed" word; a literal, so ``re`` finds it fast.
_ED_END = re.compile(r"ed\b")


def _is_past(word: str) -> bool:
    """Whether a lowercased word is a simple past form (ambiguous ones like "set" excluded)."""
    if word in _PAST_FORMS:
        return True
    return (len(word) >= 4 and word.endswith("ed") and not word.endswith("eed")
            and word not in _NOT_PAST_ED_SET)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A pattern can only match a sentence holding one of its trigger words, so a sentence without
# any is not searched (most sentences of an opinion hold none). Each set lists, for every
# alternative of its pattern, a word that alternative cannot match without.
_TASK_TRIGGERS = _words(
    "needed had wanted hoped aimed planned asked told expected supposed required meant due "
    "determined trying hoping set decided task job role responsibility aim goal objective "
    "priority challenge problem issue concern focus mission brief remit plan target duty call "
    "decision up down responsible charge tasked given put trusted")
_CONSEQUENCE_TRIGGERS = _words(
    "result consequence end eventually finally afterwards afterward later since then outcome "
    "upshot impact effect meant led resulted worked helped made ended turned")
_OUTCOME_TRIGGERS = _words(
    "managed able time track schedule budget successful successfully succeeded thank thanked "
    "thanking by better calmer safer heard relieved happier valued supported reassured settled "
    "fine more less listened longer again well smoothly ahead")
_LESSON_TRIGGERS = _words(
    "learned learnt realised realized discovered taught showed reminded looking hindsight next "
    "again differently now")
_OUTCOME_VERB_SET = frozenset(_OUTCOME_VERBS)
_IF_TRIGGERS = _words("if whenever suppose supposing imagine")
_MODAL_WORDS = _words("would will could should might must can")
_LABEL_FIRST = frozenset(label.split()[0] for label in [*_LABELS, *_INITIALS])


def _label_part(label: re.Match[str]) -> str:
    """The STAR part a label names."""
    word = label.group(1)
    return _LABELS[word] if word else _INITIALS[label.group(2)]

# Sentence ends: a run of these marks that holds a line break or is followed by a space, a
# closing quote or bracket, or the end ("2.5" and "e.g." inside a word do not end a sentence).
_BOUNDARY = re.compile(r"[.!?;\n]+")
_AFTER_BOUNDARY = frozenset(" \t\r\n\f\v\"')]*")


@dataclass(frozen=True)
class StarPart:
    """One STAR part: whether the answer has it, where (``answer[start:end] == text``) and why."""

    name: str
    present: bool
    start: int
    end: int
    text: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "present": self.present, "start": self.start,
                "end": self.end, "text": self.text, "why": self.why}


@dataclass(frozen=True)
class Star:
    """The four STAR parts of an answer, in the order situation, task, action, result."""

    parts: tuple[StarPart, ...]

    def get(self, name: str) -> StarPart:
        """The part called ``name`` (KeyError for a name that is not a STAR part)."""
        for part in self.parts:
            if part.name == name:
                return part
        raise KeyError(name)

    def as_flags(self) -> dict[str, bool]:
        """The old shape of ``Delivery.star``: part name -> present."""
        return {part.name: part.present for part in self.parts}

    @property
    def story(self) -> bool:
        """Whether the answer tells a story at all (a past scene or an action of the speaker's);
        a missing result is worth pointing out only then."""
        return self.get("situation").present or self.get("action").present

    @property
    def missing(self) -> tuple[str, ...]:
        """Names of the absent parts, in STAR order."""
        return tuple(part.name for part in self.parts if not part.present)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """JSON-ready: part name -> its fields."""
        return {part.name: part.to_dict() for part in self.parts}

    @classmethod
    def from_flags(cls, flags: Mapping[str, bool]) -> Star:
        """A Star from the stored part -> present shape (spans and reasons are not stored)."""
        return cls(tuple(StarPart(name, bool(flags.get(name, False)), 0, 0, "", "")
                         for name in PARTS))


# A reader's state after a sentence: (found parts as (name, start, end, why, open), seen_past,
# story, acted_at, we_action, hypothetical, label, last).
_State = tuple[tuple[tuple[str, int, int, str, bool], ...], bool, bool, int, "str | None",
               "str | None", "str | None", "tuple[int, int, int] | None"]


@dataclass
class _Found:
    """Evidence for one part while reading: first sentence span, run end, the why."""

    start: int
    end: int
    why: str
    open: bool = True  # still extending over following sentences that show the same part


def _raw_sentences(text: str, n: int, pos: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of the sentences of text[:n] from ``pos`` on, untrimmed and unsplit.

    A sentence is found from its start and the text up to one character past its end, so
    one that ends before a change of the text (with that character) is found again as it was.
    """
    search = _BOUNDARY.search
    while pos < n:
        end = n
        at = pos
        while True:
            m = search(text, at, n)
            if m is None:
                break
            at = m.end()
            if at >= n or text[at] in _AFTER_BOUNDARY or "\n" in m.group():
                end = at
                break
        yield pos, end
        pos = end


def _split_labels(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cuts = []
    if text.find(":", start, end) >= 0:
        cuts = [m.start() for m in _LABEL_MID.finditer(text, start, end) if m.start() > start]
    for a, b in zip([start, *cuts], [*cuts, end], strict=True):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            yield a, b


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Reader:
    """Reads one answer sentence by sentence and keeps the first evidence for each part.

    ``text`` is the answer (curly apostrophes straightened) and ``low`` the same lowercased, of
    the same length: patterns run on ``low``, quotes and spans come from ``text``.
    """

    def __init__(self, text: str, low: str) -> None:
        self.text = text
        self.low = low
        self.found: dict[str, _Found] = {}
        self.seen_past = False
        self.story = False          # a scene or an action of the speaker's was seen
        self.acted_at = -1          # index of the last sentence with an action (I or we)
        self.we_action: str | None = None
        self.hypothetical: str | None = None
        self.label: str | None = None
        self.last: tuple[int, int, int] | None = None  # (index, start, end) of the last sentence

    # ----- features of one sentence

    def _past(self, tokens: list[str], words: frozenset[str], start: int, end: int) -> str | None:
        """The first real past-tense form among a sentence's words."""
        if words.isdisjoint(_PAST_FORMS) and not _ED_END.search(self.low, start, end):
            return None  # the common case in an opinion: nothing can be past
        for i, word in enumerate(tokens):
            if not _is_past(word):
                continue
            j = i - 1
            if j >= 0 and tokens[j] in _AUX_ADVERBS:
                j -= 1
            if j >= 0 and tokens[j] in _AUX:
                continue  # "have worked", "is needed", "to be supported"
            if word == "used" and i + 1 < len(tokens) and tokens[i + 1] == "to":
                continue  # "used to": a habit, not one past event
            return word
        return None

    def _action(self, start: int, end: int, story_past: bool) -> re.Match[str] | None:
        for m in _ACTION.finditer(self.low, start, end):
            if m.group("verb") or story_past:
                return m
        return None

    @staticmethod
    def _hypothetical(tokens: list[str], words: frozenset[str]) -> bool:
        """Whether the sentence supposes ("if ... would") rather than tells what happened:
        "if"/"whenever"/"imagine" (not "asked him if", which means "whether") with a modal."""
        if words.isdisjoint(_IF_TRIGGERS):
            return False
        if words.isdisjoint(_MODAL_WORDS) and not any(t.endswith(("'d", "'ll")) for t in tokens):
            return False
        return any(word in _IF_TRIGGERS and (i == 0 or tokens[i - 1] not in _WHETHER_BEFORE)
                   for i, word in enumerate(tokens))

    # ----- reading

    def done(self) -> bool:
        """Whether every part is found and closed: later sentences change nothing."""
        return len(self.found) == 4 and not any(f.open for f in self.found.values())

    def snapshot(self) -> _State:
        """What the reader knows after a sentence (restored to read on from there)."""
        return (tuple((name, f.start, f.end, f.why, f.open) for name, f in self.found.items()),
                self.seen_past, self.story, self.acted_at, self.we_action, self.hypothetical,
                self.label, self.last)

    def restore(self, state: _State) -> None:
        found, self.seen_past, self.story, self.acted_at, self.we_action, self.hypothetical, \
            self.label, self.last = state
        self.found = {name: _Found(start, end, why, open_) for name, start, end, why, open_
                      in found}

    def _wanted(self, name: str) -> bool:
        """Whether evidence for ``name`` still matters: not found yet, or its run still open."""
        f = self.found.get(name)
        return f is None or f.open

    def _sentence(self, index: int, start: int, end: int, label: re.Match[str] | None) -> None:
        text, low = self.text, self.low
        shown: dict[str, str] = {}
        at: dict[str, int] = {}  # where a part's text starts when not at the sentence start
        body = start
        if label:
            self.label = _label_part(label)
            body = label.end()
        tokens = _TOKEN.findall(low, body, end)
        words = frozenset(tokens)
        past = self._past(tokens, words, body, end)
        hyp = self._hypothetical(tokens, words)
        if hyp and self.hypothetical is None:
            self.hypothetical = _quote(text[body:end])
        real_past = past is not None and not hyp
        story_past = real_past or (self.seen_past and not hyp)
        # An action needs "I" and a past form (or, in a story told in the past, "I set up").
        action = None
        if not hyp and "i" in words and (past is not None
                                         or (story_past and not words.isdisjoint(AMBIGUOUS_PAST))):
            action = self._action(body, end, story_past)
        if real_past:
            self.seen_past = True
        we = None if not real_past or "we" not in words else _WE_ACTION.search(low, body, end)
        if action or (real_past and we):
            self.acted_at = index
        if we and self.we_action is None:
            self.we_action = text[we.start():we.end()]

        if self.label is not None:
            why = self._labelled(self.label, body, end, past, action, hyp)
            if why:
                shown[self.label] = why
        else:
            if real_past and self._wanted("situation"):
                scene = self._scene(body, end)
                if scene:
                    shown["situation"] = (f"A specific past scene: '{_quote(scene)}' with the past "
                                          f"tense '{past}'.")
            task = None
            # Every way of stating a task is in the past ("needed to", "my job was").
            if not hyp and (past is not None or "set" in words) \
                    and not words.isdisjoint(_TASK_TRIGGERS):
                task = _TASK.search(low, body, end)
            if task:
                shown["task"] = f"A goal or duty to meet: '{self._quote(task)}'."
            if action:
                shown["action"] = f"The speaker's own action: '{self._quote(action)}'."
                at["action"] = action.start()
            if "situation" in shown or "action" in shown:
                self.story = True
            # An outcome or a lesson belongs to a story: read from its first scene or action on.
            if self.story and self._wanted("result"):
                # The sentence that states the goal or sets the scene describes the problem
                # ("to get it back on track", "the project fell apart"): there only a
                # consequence word, a lesson, or a change told after the speaker's action counts.
                plain_from: int | None = body
                if task is not None:
                    plain_from = None
                elif "situation" in shown and "situation" not in self.found:
                    plain_from = action.end() if action else None
                result = self._result(body, end, tokens, words, hyp, plain_from)
                if result:
                    shown["result"] = result
        if "situation" in shown or "action" in shown:
            self.story = True
        for rank, name in enumerate(PARTS):
            f = self.found.get(name)
            if f is None:
                if name in shown:
                    self.found[name] = _Found(at.get(name, body), end, shown[name])
            elif f.open:
                # A part's text runs on over the next sentences that show it and no later part
                # (the situation stops where the task, the action or the result begins).
                if name in shown and not any(later in shown for later in PARTS[rank + 1:]):
                    f.end = end
                else:
                    f.open = False
        self.last = (index, body, end)

    def _quote(self, m: re.Match[str]) -> str:
        return _quote(self.text[m.start():m.end()])

    def _labelled(self, part: str, start: int, end: int, past: str | None,
                  action: re.Match[str] | None, hyp: bool) -> str | None:
        """Why a labelled section shows its part, or None when its content does not."""
        text, low = self.text, self.low
        if _EMPTY_SECTION.match(low, start, end) or not _HAS_WORD.search(low, start, end):
            return None
        if part == "action":
            if action:
                return f"Labelled action, with the speaker's own action '{self._quote(action)}'."
            if not hyp and _FIRST_PERSON.search(low, start, end):
                return "Labelled action, told in the first person."
            return None
        if part == "situation":
            if past is not None and not hyp:
                return f"Labelled situation, set in the past ('{past}')."
            scene = self._scene(start, end)
            if scene:
                return f"Labelled situation: '{_quote(scene)}'."
            return None
        return f"Labelled {part}: '{_quote(text[start:end])}'."

    def _scene(self, start: int, end: int) -> str | None:
        """What makes text[start:end] a specific scene: a time, a setting, a person or event."""
        low = self.low
        for pattern in (_SCENE_TIME, _SCENE_PLACE):
            m = pattern.search(low, start, end)
            if m:
                return self.text[m.start():m.end()].strip(" ,:")
        m = _SCENE_PERSON.search(low, start, end)
        if m and not _HABIT.search(low, start, end):
            return self.text[m.start():m.end()]
        return None

    def _result(self, start: int, end: int, tokens: list[str], words: frozenset[str],
                hyp: bool, plain_from: int | None) -> str | None:
        """Why text[start:end] shows a result: a lesson, a consequence word, or (from
        ``plain_from`` on, when not None) a state reached or a change reported."""
        low = self.low
        lesson = None
        if not words.isdisjoint(_LESSON_TRIGGERS):
            lesson = _LESSON.search(low, start, end)
        if lesson:
            return f"A lesson drawn: '{self._quote(lesson)}'."
        if hyp:
            return None
        m = None
        if not words.isdisjoint(_CONSEQUENCE_TRIGGERS):
            m = _CONSEQUENCE.search(low, start, end)
        if m is None and plain_from is not None:
            if plain_from != start:
                tokens = _TOKEN.findall(low, plain_from, end)
            if not words.isdisjoint(_OUTCOME_TRIGGERS):
                m = _OUTCOME.search(low, plain_from, end)
            if m is None and not words.isdisjoint(_OUTCOME_VERB_SET):
                return self._outcome_verb(tokens)
        if m:
            return f"An outcome: '{self._quote(m)}'."
        return None

    @staticmethod
    def _outcome_verb(tokens: list[str]) -> str | None:
        """A change reported with an outcome verb ("complaints fell", "it was resolved"); not
        after "I" (an action) or "to" (a goal), nor before "to" ("helped to")."""
        for i, word in enumerate(tokens):
            if word not in _OUTCOME_VERB_SET:
                continue
            if i > 0 and tokens[i - 1] in _NOT_BEFORE_OUTCOME:
                continue
            if i + 1 < len(tokens) and tokens[i + 1] == "to":
                continue
            return f"An outcome: '{word}'."
        return None

    def _ending(self) -> None:
        """A story whose last sentence says what someone else did after the speaker acted."""
        if "result" in self.found or self.last is None or self.label is not None:
            return
        index, start, end = self.last
        if not (0 <= self.acted_at < index) or not _OTHER_SUBJECT.match(self.low, start, end):
            return
        tokens = _TOKEN.findall(self.low, start, end)
        words = frozenset(tokens)
        if self._past(tokens, words, start, end) is None or self._hypothetical(tokens, words):
            return
        self.found["result"] = _Found(
            start, end, f"Ends with what happened next: '{_quote(self.text[start:end])}'.", False)

    # ----- the parts

    def parts(self) -> tuple[StarPart, ...]:
        out = []
        for name in PARTS:
            f = self.found.get(name)
            # An outcome counts only in a story (a scene or an action) or a signposted answer.
            if f is not None and (name != "result" or self.story or self.label is not None):
                out.append(StarPart(name, True, f.start, f.end, self.text[f.start:f.end], f.why))
            else:
                out.append(StarPart(name, False, 0, 0, "", self._missing(name)))
        return tuple(out)

    def _missing(self, name: str) -> str:
        if name == "situation":
            if self.hypothetical:
                return (f"Only a hypothetical ('{self.hypothetical}'), not a scene that "
                        "happened: say when and where it did.")
            if not self.seen_past:
                return "No story told: nothing in the past tense with a time, place or person."
            return "No specific past scene: say when and where it happened, or who was involved."
        if name == "task":
            return "No goal, duty or problem to solve is stated: say what you needed to do."
        if name == "action":
            if self.we_action:
                return (f"Only 'we' acted ('{_quote(self.we_action)}'): say what you did "
                        "yourself ('I ...').")
            if self.hypothetical:
                return "Only what you would do, not what you did ('I did ...')."
            return "No action of your own in the past tense ('I did ...')."
        if not self.story:
            return "No story, so no outcome: an opinion has no result."
        return "No outcome, consequence or lesson is stated: say what changed or what you learned."


def _lower(text: str) -> str:
    """``text`` lowercased with its length kept (a few characters lowercase to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class StarReader:
    """Reads the STAR parts of one answer as it is typed or edited: :meth:`read` gives what
    :func:`find_star` gives, re-reading only the sentences from the first change on.

    Each sentence's reading depends only on the text up to one character past its end and on
    the reading of the sentences before it, which is kept for every sentence; only whether
    the answer is signposted (two different labels anywhere) depends on the whole text, and a
    change of it re-reads everything.
    """

    def __init__(self, remember: bool = True) -> None:
        # Without ``remember`` nothing is kept for the next read (one answer read once).
        self._remember = remember
        self._text = ""
        self._low = ""
        self._raw_ends: list[int] = []  # end of each unsplit sentence found so far
        self._raw_stops: list[int] = []  # number of spans up to and including each of them
        self._spans: list[tuple[int, int]] = []
        self._labels: list[re.Match[str] | None] = []  # per span, while labels are read
        self._signposted = False
        self._states: list[_State] = []  # the reading after each span read
        self._label_searched = False  # whether _LABEL_ANYWHERE was searched for
        self._label_end: int | None = None  # where the first label it found ends

    def read(self, answer: str) -> Star:
        """The STAR parts of ``answer``, each with its span in ``answer`` and a one-line why."""
        if not answer or not answer.strip():
            return _empty_star()
        # Curly apostrophes read as straight ones; same length, so spans stay true.
        text = answer[:MAX_CHARS].replace("\u2019", "'").replace("\u2018", "'")
        low = _lower(text)
        same = min(common_prefix(self._text, text), common_prefix(self._low, low))
        self._forget_after(same)
        self._text, self._low = text, low
        n = len(text)
        spans = self._spans
        signposted = False
        if (low.find(":", 0, n) >= 0 or low.find("-", 0, n) >= 0 or low.find("\u2013", 0, n) >= 0
                or low.find("\u2014", 0, n) >= 0) and self._may_be_signposted(same):
            for _ in self._more_spans(len(spans)):
                pass  # every sentence is needed to tell
            labels = self._labels
            for a, b in spans[len(labels):]:
                first = _TOKEN.search(low, a, b)
                labels.append(_LABEL_START.match(low, a, b)
                              if first is not None and first.group() in _LABEL_FIRST else None)
            # Labels are read as signposts only when the answer uses at least two different
            # ones (a lone "Problem:" inside a story is just a word).
            signposted = len({_label_part(m) for m in labels if m}) >= 2
        if signposted != self._signposted:
            self._states.clear()
            self._signposted = signposted
        states = self._states
        reader = _Reader(text, low)
        start = len(states)
        if start:
            reader.restore(states[-1])
        if not (start and reader.done()):
            for index in range(start, len(spans)):
                a, b = spans[index]
                self._read_one(reader, index, a, b)
                if reader.done():
                    break
            else:
                for index, (a, b) in self._more_spans(len(spans)):
                    self._read_one(reader, index, a, b)
                    if reader.done():
                        break
                else:
                    reader._ending()
        return Star(tuple(StarPart(p.name, p.present, p.start, p.end, answer[p.start:p.end],
                                   p.why) for p in reader.parts()))

    def _may_be_signposted(self, same: int) -> bool:
        """Whether a label may be anywhere in the text (``same`` characters unchanged since
        the last call): a label found before the change is still there, and a new one can
        only end after the change, starting at most a label and its trimmings before it."""
        low = self._low
        found = self._label_end
        if found is not None and found <= same:
            return True
        pos = 0
        if found is None and self._label_searched:
            pos = same
            while pos > 0 and (low[pos - 1] in _LABEL_TRIM or low[pos - 1].isspace()):
                pos -= 1
            pos = max(0, pos - _LONGEST_LABEL)
        m = _LABEL_ANYWHERE.search(low, pos)
        self._label_end = None if m is None else m.end()
        self._label_searched = True
        return m is not None

    def _read_one(self, reader: _Reader, index: int, start: int, end: int) -> None:
        reader._sentence(index, start, end, self._labels[index] if self._signposted else None)
        if self._remember:
            self._states.append(reader.snapshot())

    def _more_spans(self, index: int) -> Iterator[tuple[int, tuple[int, int]]]:
        """(index, span) of the sentences after the first ``index`` spans, found as needed."""
        pos = self._raw_ends[-1] if self._raw_ends else 0
        for a, b in _raw_sentences(self._text, len(self._text), pos):
            found = list(_split_labels(self._text, a, b))
            self._spans += found
            self._raw_ends.append(b)
            self._raw_stops.append(len(self._spans))
            for span in found:
                yield index, span
                index += 1

    def _forget_after(self, same: int) -> None:
        """Drop what depends on the text from character ``same`` on (the first that changed)."""
        ends = self._raw_ends
        while ends and ends[-1] >= same:  # kept: the end and the character after it unchanged
            ends.pop()
            self._raw_stops.pop()
        keep = self._raw_stops[-1] if ends else 0
        del self._spans[keep:]
        del self._labels[keep:]
        del self._states[keep:]


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of two strings (fast for long equal stretches; the live
    document uses it too)."""
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


def _empty_star() -> Star:
    return Star(tuple(StarPart(name, False, 0, 0, "", "The answer is empty.") for name in PARTS))


def find_star(answer: str) -> Star:
    """The STAR parts of ``answer``, each with its span in ``answer`` and a one-line why."""
    return StarReader(remember=False).read(answer)
