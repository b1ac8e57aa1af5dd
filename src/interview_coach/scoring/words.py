"""Word lists the scorer reads: stopwords, negators, reversing verbs, harm words, pronoun slots,
fillers, hedges, STAR cues and the openers of questions and prompts.

About 600 lines on purpose: data only, each list with the comment that says which material
decided it; split by theme of list it would only scatter what one reading of an answer uses."""

from __future__ import annotations

import re

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
# "free" negates only before "of" or "from" ("free of graphic detail"; see senses._negates).
NEGATORS = frozenset(
    """
    not no never without hardly barely scarcely seldom rarely nobody nothing none neither nor
    cannot nowhere dont didnt doesnt isnt wasnt arent werent wont wouldnt shouldnt couldnt cant
    havent hasnt hadnt mustnt neednt aint free avoid avoids avoided avoiding
    """.split()
)
# A negator followed by one of these does not negate what comes next: "not only", "no doubt",
# and the double negatives "I wouldn't hesitate to", "never fail to", "never lose sight of".
_NOT_NEGATING_NEXT = frozenset(
    """only just doubt matter problem question hesitate hesitated fail failed stop stopped
    forget forgot forgotten ignore neglect underestimate lose lost mind and but""".split()
)
# ("and", "but": a negator whose verb is left out, "I'd explain why I can't and talk it
# through in supervision", negates nothing after it.)
# Nouns of a judgement that a negator denies instead of what follows "in" or "with": "I don't
# see any harm in meeting up", "nothing wrong with a coffee" approve of the act (document.negated).
NEGATED_EVALUATIONS = frozenset("harm wrong problem issue trouble".split())
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
_SCOPE_BREAKERS = frozenset(
    "but however although though whereas instead yet because unless until till".split()
)
# Contrastive leads: the word after each one, then what follows in the clause, is set aside
# like a negated phrase ("rather than calling it manipulative", "instead of telling them").
_CONTRASTIVE = {"rather": "than", "instead": "of"}
# Words marked like negators so that negated() looks at them, but that negate nothing alone.
_CONTRAST_MARKS = frozenset({*_CONTRASTIVE, "than"})
# "than" sets what follows aside when "rather" came up to this many words before it, in one
# sentence: "I'd rather walk someone into a new service and introduce them than hand them a
# leaflet".
RATHER_REACH = 16

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

_CONTRACTED_NOT = frozenset(
    "dont didnt doesnt isnt wasnt arent werent wont wouldnt shouldnt couldnt cant cannot".split()
)


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

# even think of breaking", "wouldn't want to leave").
_BEFORE_VERB = frozenset("ever even just really be have want to try dare deliberately".split())

# Acts of overreach a worker disowns: "it is not my job to rush them", "not my place to judge".
# A red flag or anti-cue followed by "to" and one of these (lemmas) disowns the act, not the
# duty, and does not count.
OVERREACH_VERBS = frozenset(
    """rush pressure pressurise pressurize force push judge fix decide diagnose lecture blame
    shame coerce persuade convince rescue control label moralise moralize preach impose
    interrogate correct cure""".split()
)
# Words that may stand between "to" and the act ("to try to fix", "to always judge").
_BEFORE_OVERREACH = frozenset("try to always ever just simply be".split())
# A phrase of telling followed by "to" and a verb tells someone to do something; it does not
# tell them something (session 14, ROUND36's good answer: "I don't tell anyone to stop, start or
# change a dose" is no secret kept). After "to", these words start where it is told instead
# ("I didn't tell anyone to the end", "... to her mum", "... to the team").
TELLING_WORDS = frozenset("tell tells telling told say says saying said".split())
TOLD_TO_WHOM = frozenset(
    """the a an my his her their our your its this that these those anyone anybody someone
    somebody everyone everybody nobody no one them him me us you people staff services
    social children's family friends mum mom dad police management""".split()
)

# Words that state the limits of what an anti-cue says, after it in its sentence, at the start
# of the next, or before it across a clause break: "what you tell me stays between us unless
# someone is at risk", "I'd keep it between us, but if I was worried about your safety I'd pass
# it on", "The one exception is...", "Unless there is a risk, ...". An anti-cue said with its
# limits is neither against the theme nor evidence for it (see _Assessment._qualified). Each
# entry is a sequence of words.
LIMIT_QUALIFIERS: tuple[tuple[str, ...], ...] = (
    ("unless",), ("except",), ("exception",), ("exceptions",), ("apart", "from"),
    ("other", "than"), ("only", "if"), ("only", "when"), ("but", "if"), ("but", "only"),
    ("but", "not", "if"), ("as", "long", "as"), ("have", "to", "share"), ("have", "to", "tell"),
    ("have", "to", "pass"), ("need", "to", "share"), ("need", "to", "tell"),
    # a risk named as the limit: "...pass something on without their agreement: if I thought
    # they were in serious danger"
    ("in", "danger"), ("serious", "danger"), ("at", "risk"), ("risk", "of", "harm"),
    ("seriously", "worried"), ("one", "situation"), ("one", "exception"),
    # the role's limits named: "lending money sits outside the peer role"
    ("outside", "the", "role"), ("outside", "my", "role"), ("outside", "the", "peer"),
    ("sits", "outside"), ("falls", "outside"), ("not", "allowed"), ("isn't", "allowed"),
    ("against", "the", "rules"), ("against", "policy"),
    ("limits", "of", "my", "role"), ("limits", "of", "the", "role"), ("limits", "of", "what"),
    ("explain", "the", "limits"),
    # the person's say first (session 14, FRESH4's good answer: "I won't pass anything on to
    # family, housing or anyone else without asking them first")
    ("without", "asking"), ("without", "checking", "with"), ("without", "their", "say-so"),
)
# The limits above that are conditions ("unless...", "the only exception is..."): one counts only
# when what follows it, within LIMIT_CONTENT_REACH words, names a risk, a duty or the person's
# consent ("unless someone is at risk", "except where I have to by law", "only if they agree");
# "the only exception is relatives" or "unless I feel like telling my friends" states no limit
# a panel would accept.
CONDITIONAL_LIMITS = frozenset({
    ("unless",), ("except",), ("exception",), ("exceptions",), ("apart", "from"),
    ("other", "than"), ("only", "if"), ("only", "when"), ("but", "if"), ("but", "only"),
    ("but", "not", "if"), ("as", "long", "as"),
})
LIMIT_CONTENT_REACH = 12
# Lemmas (see lexicon.lemma) and word beginnings that name a risk, a duty or consent.
LIMIT_CONTENT_WORDS = frozenset(
    """risk risky danger dangerous harm hurt safe safety unsafe suicidal suicide kill die dead
    death life emergency crisis abuse neglect worried worry concern concerned serious
    seriously threat threaten violence violent weapon child law legal legally court police
    consent agree permission say-so okay ok happy allow duty overdose injury injure plan
    wellbeing well-being vulnerable exploitation crime criminal""".split()
)
LIMIT_CONTENT_PREFIXES = ("suicid", "safeguard", "self-harm", "selfharm", "harm", "endanger",
                          "consent", "permi", "agree")
# Words that frame an anti-cue anywhere in its sentence as something other than the speaker's
# stance:
# - an impulse reported: "my first instinct was to get defensive, but I let him speak";
# - a past habit or a problem noticed, told as what changed: "I used to answer messages late at
#   night; now...", "I noticed I hadn't had a break in months, so I booked leave";
# - a view reported as wrong: "the myth that people with schizophrenia are violent";
# - the person's consent: "with his consent I let his employer know";
# - someone else's request or words: "she asked if we could be friends on Facebook".
# A request named with what is asked for after it (see FRAMES_FORWARD_ONLY).
_REQUESTS_FOR: tuple[tuple[str, ...], ...] = (
    ("asks", "for"), ("asked", "for"), ("asking", "for"), ("asks", "me", "for"),
    ("asked", "me", "for"), ("asks", "me", "to"), ("asked", "me", "to"), ("asking", "me", "to"),
    ("sent", "me", "a"), ("sends", "me", "a"), ("asked", "me"), ("asks", "me"), ("asking", "me"),
    # someone else asking or offering (session 8, ROUND25's good answers: "a man once asked to
    # add me on Facebook, and I said...", "he wanted to give me a bottle of whisky")
    ("asked", "to"), ("asks", "to"), ("asking", "to"), ("offered", "to"), ("offers", "to"),
    ("offered", "me"), ("offers", "me"), ("wanted", "to", "give", "me"),
    # someone else's act as a condition of the speaker's own clause (session 9, ROUND31's good
    # answers: "if someone starts going into graphic detail, I gently step in")
    ("if", "someone", "starts"), ("if", "someone", "begins"), ("when", "someone", "starts"),
    ("if", "anyone", "starts"), ("if", "a", "member", "starts"),
    # a question put to the speaker, answered in their own clause (session 13, ROUND40's poor
    # answers: "he asked if I'd help, so I suggested times when the nurse...")
    ("asked", "if"), ("asks", "if"), ("asking", "if"), ("asked", "whether"),
    ("asks", "whether"), ("asking", "whether"),
    # a plea for secrecy or a promise asked for (session 16, ROUND53's good answer)
    ("begged", "me"), ("begs", "me"), ("pleaded", "with", "me"), ("made", "me", "promise"),
    ("wanted", "me", "to"), ("wants", "me", "to"), ("made", "me", "swear"),
)
FRAME_QUALIFIERS: tuple[tuple[str, ...], ...] = (
    ("instinct",), ("impulse",), ("urge",), ("tempted",), ("temptation",), ("tempting",),
    ("first", "reaction"),
    # the early signs of over-involvement named (session 14, ROUND14 and ROUND17's good
    # answers: "now I notice the signs earlier, like wanting to rescue someone")
    ("the", "signs"), ("early", "signs"), ("warning", "signs"), ("like", "wanting"),
    ("like", "feeling"),
    # a pressure of the role named (ROUND48's good answer: "feeling you have to either act like
    # a clinician or be the rebel")
    ("feeling", "you", "have", "to"), ("feel", "you", "have", "to"), ("pressure", "to"),
    ("first", "feeling"),
    ("noticed",), ("realised",), ("realized",),
    # a question put to oneself, not a claim: "partly to check whether I'd over-promised"
    # (session 16, ROUND58's good answer)
    ("check", "whether"), ("checking", "whether"), ("checked", "whether"), ("wonder", "whether"),
    ("wondered", "whether"), ("wondered", "if"), ("ask", "myself"), ("asked", "myself"),
    ("myth",), ("myths",), ("untrue",), ("not", "true"), ("isn't", "true"), ("stereotype",),
    ("stereotypes",), ("misconception",), ("misconceptions",),
    ("with", "their", "consent"), ("with", "his", "consent"), ("with", "her", "consent"),
    ("with", "consent"), ("with", "their", "permission"), ("with", "his", "permission"),
    ("with", "her", "permission"), ("with", "their", "agreement"), ("their", "say-so"),
    ("with", "his", "agreement"), ("with", "her", "agreement"), ("his", "say-so"),
    ("her", "say-so"),
    ("asked", "if"), ("asked", "whether"), ("asks", "if"), ("asks", "whether"),
    # someone else's words reported: "when a colleague called her manipulative, I asked..."
    ("colleague", "called"), ("colleague", "said"), ("colleagues", "call"),
    ("colleagues", "called"), ("colleagues", "say"), ("colleagues", "said"), ("staff", "call"),
    ("staff", "called"), ("someone", "called"), ("people", "call"), ("others", "call"),
    # a view held by others, told to be answered: "too many people still think you should
    # pull yourself together"
    ("people", "think"), ("people", "still", "think"), ("people", "believe"),
    ("people", "assume"), ("still", "think"), ("still", "believe"), ("the", "media"),
    # a mistake owned and learned from: "I made a mistake early on by oversharing", "I took a
    # gift without thinking, and my supervisor helped me see why..."
    ("mistake",), ("mistakes",), ("without", "thinking"), ("helped", "me", "see"),
    ("not", "proud"), ("wasn't", "proud"),
    ("early", "in", "my", "career"), ("early", "in", "my", "first"), ("as", "a", "new"),
    ("when", "i", "was", "new"),
    ("made", "me", "realise"), ("made", "me", "realize"), ("in", "hindsight"),
    ("thought", "i", "could"),
    ("looking", "back"), ("learned", "from"), ("learnt", "from"),
    # words the speaker was told, reported: "I was told I'd never get better, and yet..."
    ("was", "told"), ("were", "told"), ("been", "told"),
    # someone else's joke reported: "when a colleague joked about psychos, I..."
    ("colleague", "joked"), ("colleagues", "joked"), ("staff", "joked"), ("someone", "joked"),
    ("people", "joke"),
    # a request reported: "if someone asked to be friends, I'd explain..."
    ("asked", "to", "be"), ("asks", "to", "be"), ("asked", "to", "stay"), ("asks", "to", "stay"),
    *_REQUESTS_FOR,
    # examples of words named to avoid them: "I avoid labels like addict or schizo"
    ("labels", "like"), ("words", "like"), ("terms", "like"), ("language", "like"),
    ("phrases", "like"), ("expressions", "like"), ("labels", "such", "as"),
    ("something", "like"), ("labels", "on", "people"),
    ("words", "such", "as"), ("phrases", "such", "as"),
    # a pull named as a risk: "an old connection can pull you into being more of a friend"
    ("pull", "you", "into"), ("pulls", "you", "into"), ("pulled", "me", "into"),
    ("drag", "you", "into"), ("slip", "into"), ("slide", "into"),
    # a promise someone asked for: "she made me promise not to tell anyone; I said I couldn't"
    ("made", "me", "promise"), ("me", "to", "promise"), ("asked", "me", "to", "promise"),
    # something the speaker leaves out: "I leave out graphic details of my self-harm"
    ("leave", "out"), ("leaves", "out"), ("left", "out"), ("leaving", "out"),
    # ... or holds back under a condition (session 14, ROUND43's good answer: "I'd also hold
    # back if it might make them think my way is the right way"; "if it would mean graphic
    # details ..., then no")
    ("hold", "back", "if"), ("hold", "back", "when"), ("hold", "it", "back", "if"),
    ("keep", "it", "back", "if"), ("keep", "it", "back", "when"), ("then", "no"),
    ("wouldn't", "share", "if"), ("won't", "share", "if"), ("don't", "share", "if"),
    # a family's view reported: "her mum thought she was just being lazy"
    ("mum", "thought"), ("mum", "thinks"), ("dad", "thought"), ("dad", "thinks"),
    ("family", "thought"), ("family", "thinks"), ("parents", "thought"), ("parents", "think"),
    ("used", "to", "say"),
    # a stance named in order to reject it: "treating everyone the same isn't enough"
    ("isn't", "enough"), ("is", "not", "enough"), ("isn't", "the", "answer"),
    ("can", "miss"), ("falls", "short"), ("backfire",), ("backfires",), ("backfired",),
)
# What a theme word said only to be praised is followed by: "boundaries are key", "self-care is
# essential", "empathy matters", "supervision and wellbeing all play a part". The word is
# named, not shown (see _Assessment.__init__): it is no evidence for its theme.
EVALUATED_AFTER: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split()) for phrase in (
        "is key", "are key", "is so key", "is important", "are important", "is so important",
        "are so important", "is really important", "are really important", "is very important",
        "are very important", "is vital", "are vital", "is essential", "are essential",
        "is crucial", "are crucial", "is everything", "are everything", "is central",
        "are central", "is paramount", "are paramount", "is a must", "matters", "matter",
        "really matters", "really matter", "play a part", "plays a part", "all play a part",
        "play a role", "plays a role", "all play a role", "is at the heart", "are at the heart",
        "is the key", "are the key", "is the foundation", "are the foundation",
    )
)
# The value words of a mission statement: with theme words, what a salad of values is made of
# ("a journey built on mutual respect, authenticity and belonging"; see policy.NAMING_VALUE_DENSITY).
VALUE_WORDS = frozenset(
    """empower empowering empowerment empowered inspire inspiring inspiration champion
    championing honour honouring honor honoring embrace embracing celebrate celebrating synergy
    holistic journey journeys authentic authenticity integrity values value valued valuing
    vision mission passion passionate bridge bridges heart lens space spaces thrive thriving
    flourish flourishing belonging humility allyship intersectionality transform transforms
    transformative transforming meaningful genuine genuineness compassion compassionate
    kindness dignity respect respectful mutual mutuality wellbeing wellness growth grow
    resilience resilient potential purpose purposeful commitment committed dedicated dedication
    excellence quality innovative innovation culture ethos philosophy principles principle core
    key essential vital truly deeply energy truth humanity amplify voices voice nurture
    nurturing foster fostering cultivate cultivating safe inclusive inclusion diversity equity
    person-centred person-centered strengths-based trauma-informed recovery-focused hope hopeful
    trust warmth connection connections community together shared collaboration collaborative
    partnership partnerships""".split()
)
# Subjects of a clause: one followed by a verb that is not an opinion ("I rang", not "I
# believe") is a person doing something (see _Assessment._measure_naming).
ACTING_SUBJECTS = frozenset("i we i'd we'd i'll we'll i've we've i'm they she he".split())
# Words between a subject and its verb that are skipped: "I'd usually ring".
ACTING_SKIPPED = frozenset(
    "just always would will then also usually often never still really wouldn't won't don't "
    "didn't can't couldn't".split()
)
# What the speaker did with a request, said after the anti-cue: "she asked me to keep it between
# us and I did" is the speaker's stance, whatever the request frames.
COMPLIANCE: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split()) for phrase in (
        "and i did", "so i did", "which i did", "so i didn't", "so i haven't", "i agreed", "and i agreed", "i said yes",
        "i went along", "i was happy to", "and i have", "so i have", "and i do", "i'd agree",
        "i would agree", "i'd say yes", "i'd go along", "i'd happily", "and i accepted",
        "so i accepted", "i accepted it", "i'd accept", "i'd happily accept", "i'd give it",
        "i'll give it", "i would give it", "i gave it", "i'd hand it", "i handed it",
        "i'd lend it", "i lent it", "i'd do it", "i did it", "i'd accept it",
        "i'd just say yes", "i would just say yes", "i'd happily say yes", "i'd just accept",
        "i'd just take it", "i took it",
        # a plea for secrecy granted (session 16: the tuning sets' poor answers after "begged me")
        "i gave him my word", "i gave her my word", "i gave them my word", "i kept my word",
        "i kept my promise", "i'd give my word", "i promised i wouldn't", "i promised not to",
        "i said i wouldn't", "i told her i wouldn't", "i told him i wouldn't",
        "i made the call to keep", "i'd keep it between us", "i kept it between us",
    )
)
# Frames that say nothing of the speaker's stance when they follow "if" ("if I'd made a
# mistake, I'd fix it quietly": a hypothetical mistake, not an owned one).
FRAMES_NOT_AFTER_IF = frozenset({("mistake",), ("mistakes",)})
# Frames whose object comes after them (a request names what is asked for): they frame nothing
# said before them. "I'd leave it alone unless they asked me for help" is the speaker's stance.
FRAMES_FORWARD_ONLY = frozenset(_REQUESTS_FOR)
# A past habit, before the anti-cue: "I used to answer messages late at night; now..." (after
# it, "my mum, who used to be a nurse" frames nothing).
HABIT_QUALIFIERS: tuple[tuple[str, ...], ...] = (
    ("used", "to"),
    # a habit given up: "I also stopped answering messages on my days off"
    ("i", "stopped"), ("i've", "stopped"), ("also", "stopped"), ("have", "stopped"),
    ("i", "no", "longer"), ("i", "gave", "up"),
    ("i", "quit"),
    ("when", "i", "started"), ("when", "i", "first", "started"),
)
# Words that turn a story into an owned mistake: an anti-cue told in the sentence before one of
# them, in the same sentence or in one of the next few (STORY_TURN_AFTER) is what went wrong,
# not the speaker's stance: "I gave one man my personal mobile. Within weeks he was texting at
# night... It was unfair on him", "I learned that the hard way. I...". Each is retrospective by
# nature; bare "now" or "learned that" are not (a poor answer can say "I've learned that rules
# don't always fit"), nor is "helped me see" (a poor answer of round 12 took an unrelated
# worry to supervision). A turn after "if" is hypothetical ("if I'd made a mistake, I'd fix
# it quietly"). Decided by the good answers of round 16 told as past mistakes, checked
# against every poor answer of the tuning sets (none says one of these).
STORY_TURNS: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split()) for phrase in (
        "the hard way", "that mistake", "a mistake", "my mistake", "big mistake",
        "scared me", "shook me", "i apologised", "i apologized",
        # the apology made to the person (session 14, ROUND10's good answer: "I talked it
        # through in supervision, apologised to him, and explained I couldn't do it anymore")
        "apologised to him", "apologised to her", "apologised to them", "apologized to him",
        "apologized to her", "apologized to them",
        "unfair on", "wasn't fair on", "i realised", "i realized", "since then",
        # someone else pointing the mistake out, not the speaker pointing something out (session
        # 14, ROUND47: "I pointed out which days the clinic was short-staffed")
        "supervisor pointed out", "manager pointed out", "colleague pointed out",
        "she pointed out", "he pointed out", "they pointed out", "someone pointed out",
        "pointed out to me", "pointed it out", "i should have", "i shouldn't have", "i regret", "in hindsight",
        "wake-up call", "got it wrong", "crossed a line", "i learned from", "i learnt from",
        "taught me a lesson", "not proud", "learned early", "learnt early", "got this wrong",
        "got that wrong",
    )
)
# Story turns that join the mistake in one sentence ("I once let someone text my own phone, so
# now I stick to work channels"): they frame an anti-cue of their own sentence only; the
# sentence before is not the mistake they speak of (session 8: PROBEH's safe lines; none in a
# poor answer of a tuning set; trying the app found "...never told a soul. Early on I gave
# someone my own mobile, so now I..." taken as owned).
OWN_SENTENCE_TURNS: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split()) for phrase in ("so now i", "after that i learnt", "after that i learned")
)
# Someone else's claim told to the speaker: "if someone tells me it's just a cry for help, I
# still...", "people tell me they feel better without their meds". It frames only an anti-cue
# or flag that starts within REPORTED_REACH words after it, in the same clause, and ends soon
# after: "she told me she had a plan and I kept it to myself" keeps its stance (the flag ends
# too far on), and "she told me to keep it quiet" is an instruction, not a claim.
REPORTED_TO_ME: frozenset[tuple[str, str]] = frozenset(
    {("tells", "me"), ("tell", "me"), ("told", "me"), ("telling", "me")}
)
# What a reported claim opens with ("tells me it's...", "told me they..."); "whatever they tell
# me is strictly between us" is the speaker's own claim.
REPORTED_OPENERS = frozenset(
    "it it's its that they they're they'd he he's he'd she she's she'd".split()
)
REPORTED_REACH = 4
# Verbs that report what someone else said or thinks; with a subject other than the speaker, the
# clause after them is that person's words: "he said everyone just ticks boxes", "staff had told
# her she was just attention seeking" (session 13, ROUND42's good answers).
SAYING_VERBS = frozenset(
    "said says say saying told tells tell telling reckoned reckons insisted insists claimed "
    "claims complained complains shouted yelled snapped muttered whispered wrote "
    "believed believes thought thinks".split()
)
# The object of a telling verb, before the reported clause: "told her she was ...".
SAYING_OBJECTS = frozenset("me him her them us you everyone people".split())
# How far back from a saying verb its subject is looked for, inside the sentence.
SAYING_SUBJECT_REACH = 6
# What after a saying verb is its object, not a clause of what was said ("say these things").
SAYING_NOT_A_CLAUSE = frozenset(
    "these those things stuff such so for to a an the anything something nothing".split())
# What after "it" or "that" makes a clause: "said it was fine", "said that would help".
SAYING_CLAUSE_VERBS = frozenset(
    "is was 's were are would will could should had has might must can".split())
# Words that make a saying clause subordinate: the main clause after it is the speaker's.
SAYING_SUBORDINATORS = frozenset(
    "when whenever if once because as since after before until unless while though although"
    .split())
# Words before a saying clause that make it a thing said, the object of the speaker's own claim
# ("what they tell me stays between us").
SAYING_HEADS = frozenset(
    "what whatever anything everything something things stuff all whoever".split())
# The speaker agreeing with what was said: "... and I agree".
AGREEING = frozenset(("agree", "agreed", "agreeing"))
REPORTED_SPAN = 9
# How many sentences after an anti-cue's sentence a story turn reaches (one before always).
STORY_TURN_AFTER = 3
# Only the start of the next sentence can state the limits ("The only exception is...").
LIMIT_NEXT_SENTENCE_WORDS = 8

# An anti-cue right after one of these is the object of explaining, not a claim: "I'm clear
# from the start about what stays between us".
LIMIT_OBJECT_WORDS = frozenset({"what", "which"})
# ... when the word before that is one of these ("explain what", "clear about what"); "I tell
# them that what worked for me will work for them" is a claim.
EXPLAIN_WORDS = frozenset(
    "about explain explained explaining discuss discussed agree agreed clarify clarified on".split()
)
# A subject pronoun between a negator and a keyword starts a clause of its own: in "when she
# couldn't afford it I paid it", "couldn't" does not reach "paid". After a verb of thinking or
# saying the negation still reaches ("I don't think I would share", "I never said I'd keep it"),
# and after a negator it heads a relative clause ("nothing I hear is totally confidential").
CLAUSE_SUBJECTS = frozenset(
    "i i'd i'll i'm i've we we'd we'll we're he he'd he's she she'd she's they they'd they'll "
    "they're it's".split()
)
# Words a phrase never skips as its one extra word: a new clause's subject, and a negator ("I'd
# never just stop turning up" is not "I'd just stop turning up"; session 9, PROBEJ's safe lines).
NOT_EXTRA = CLAUSE_SUBJECTS | frozenset(
    "not no never without nobody nothing none cannot don't didn't doesn't won't wouldn't can't "
    "isn't wasn't aren't weren't shouldn't couldn't haven't hasn't hadn't mustn't needn't "
    "dont didnt doesnt wont wouldnt cant isnt wasnt arent werent shouldnt couldnt havent "
    "hasnt hadnt mustnt neednt".split()
)
# A subject pronoun right after one of these heads a relative clause, not a clause of its own:
# "I don't connect with people I support on social media" still negates what follows.
RELATIVE_HEADS = frozenset(
    "people person someone somebody anyone anybody everyone everybody client clients man "
    "woman men women family families colleague colleagues".split()
)
# Verbs of aspect between another person named as a subject and an anti-cue that is then their
# act, not the speaker's: "the housing officer kept talking over her" (session 16, FRESH5's
# good answer, a kind listed as left alone in session 14).
OTHERS_ASPECT = frozenset(
    "kept keeps started starts began begins was were had has been would just always still "
    "then even constantly repeatedly".split())
# The speaker setting a scene, not acting in it: "I was supporting a man who told me he'd been
# giving his things away" reports what he said (session 16, ROUND54's good answer).
SCENE_SETTING: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in (
    "i was supporting", "i'd been supporting", "i had been supporting", "i was working with",
    "i'd been working with", "i was seeing", "i'd been seeing", "i was matched with"))
# Who can say something (see SAYING_VERBS): a person or a pronoun, the speaker included. Not
# "they're" or "we're": "they're told it's attention seeking" is told to them.
SAYING_SUBJECTS = RELATIVE_HEADS | frozenset(
    "i i'd i'll i'm i've we we'd we'll he she they he'd she'd they'd he's she's they've staff "
    "nurse nurses doctor doctors manager worker workers mum dad friend friends lad girl "
    "guy".split())
NEGATION_RAISING = frozenset(
    "think thought believe believed feel felt suppose expect imagine reckon guess say said "
    "that suggest suggested tell told advise advised recommend recommended encourage "
    "encouraged want wanted ask asked let make made mean meant promise promised know knew "
    "see saw assume assumed presume presumed confirm confirmed reveal revealed pretend "
    "pretended pretending like".split()
)

# A quality a person is said to have (rule 2 of the theme labels: a bare quality is at most a
# maybe). As a theme's own name it is not a strong cue: "it calls for empathy, lived experience
# and skill" and "resilience and commitment to recovery" name qualities a job asks for, where
# "boundaries blur" shows the theme. Decided from the false positives of the pages' train part
# (benchmarks/data/README.md, session 12).
QUALITY_WORDS = frozenset(
    """empathy empathic empathetic compassion compassionate resilience resilient patience
    patient kindness warmth honesty integrity sensitivity enthusiasm passion dedication
    commitment reliability dependability flexibility motivation""".split()
)

# A person who acts, in an answer: "I", "we", "they", "she", "someone"... An answer of theme
# words with almost none of these names values without saying what anyone does (see
# policy.NAMING_MAX_AGENTS).
AGENT_WORDS = frozenset(
    """i i'm i've i'd i'll me my myself we we're we've we'd we'll us our ourselves you you're
    you've you'd your yourself they they're they've they'd they'll them their themselves he
    he's he'd him his himself she she's she'd her herself someone somebody anyone anybody
    everyone everybody one's people person person's""".split()
)
# ... except the speaker framing an opinion ("I think", "I believe", "to me"): in "I believe
# recovery is about hope and empowerment" nobody does anything.
OPINION_HOLDERS = frozenset("i we".split())
OPINION_VERBS = frozenset(
    "think believe feel guess suppose reckon find mean".split()
)

# A keyword word next to words of another field is in another sense (rule 1 of the theme
# labels): by the word's stem, words that may stand within OTHER_SENSE_REACH words of it in its
# clause. "a boundary wall", "the boundary of the property", "human resources", "data
# recovery", "a quick recovery after a hamstring injury". Decided from the false positives of
# our theme passages (words in another sense).
OTHER_SENSE_REACH = 3
OTHER_SENSE_NEAR: dict[str, frozenset[str]] = {
    stem: frozenset(near.split()) for stem, near in {
        "boundari": "wall walls fence fences hedge hedges review reviews commission dispute "
                    "disputes map maps marker markers road property site county council parish "
                    "catchment field fields garden electoral constituency borough estate plot "
                    "land river estates properties sites roads councils counties parishes "
                    "districts states countries area areas postcode postcodes "
                    "zone zones geographical geographic respect respects respected respecting "
                    "car park grounds gate gates yard depot locality localities redraw redrawn "
                    "redrawing redrew",
        "recov": "data file files disaster economic market injury injuries hamstring knee "
                 "password account debt costs vehicle truck disk software deleted share shares "
                 "price prices stock stocks investor investors sales profit profits earnings "
                 "economy",
        "resourc": "human natural mineral",
    }.items()
}

