"""Theme detection on our labelled peer support passages: the data is sound and F1 keeps its floor."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import pytest
import yaml

from interview_coach.banks.loader import load_bank
from interview_coach.scoring import Scorer

REPO = Path(__file__).resolve().parents[1]
# Measured micro F1 on all 386 passages of benchmarks/data/theme_passages.yaml: 0.635
# (P 0.688, R 0.590), then 0.654 (P 0.714, R 0.603) after the scorer's typo and negation fixes;
# on all 446 passages 0.633 before and 0.702 (P 0.792, R 0.631) after the third round (pronoun
# slots, reversing verbs, word senses, questions and lists). The floor sits a little under so
# that a keyword or scorer change that loses detection fails here. Raise it when detection
# improves. Relabelled with `maybe` (README rules of the shared themes set) the old cues measure
# 0.678; the schema-2 cue data read by the untiered scorer (every weak cue such as "team" still
# covering a theme alone) 0.665 (P 0.734, R 0.607). The tiered scorer (one strong cue or two
# weak ones) measured 0.477 (P 0.938, R 0.319) on that data; with general first-person practice
# cues (CUES2, see benchmarks/data/README.md) 0.731 (P 0.958, R 0.592): tuning half 0.883,
# held-out half 0.532. Session 4 (CUES5-7, tuned on p001-p646; FRESH6 p647-p716 held out):
# 0.846 (P 0.927, R 0.778) on all 716 passages.
F1_FLOOR = 0.80
MIN_PASSAGES = 120
MIN_PER_THEME = 10


@pytest.fixture(scope="module")
def bench(benchmark_script: Callable[[str], ModuleType]) -> ModuleType:
    """benchmarks/themes.py."""
    return benchmark_script("themes")


def test_own_passages_are_well_formed(bench: ModuleType) -> None:
    """Enough passages, unique ids, known theme ids, every peer theme labelled often enough."""
    bank = load_bank(bench.PEER)
    passages = bench.load_passages(bench.OWN_DATA)
    assert len(passages) >= MIN_PASSAGES
    ids = [p.id for p in passages]
    assert len(ids) == len(set(ids))
    labelled = Counter(t for p in passages for t in p.themes)
    assert set(labelled) <= set(bank.themes)
    thin = {t: labelled[t] for t in bench.PEER_THEMES if labelled[t] < MIN_PER_THEME}
    assert not thin
    assert any(not p.themes for p in passages), "hard negatives with no theme are part of the set"


def test_own_passages_f1_stays_above_floor(bench: ModuleType) -> None:
    """Micro F1 of ThemeResult.covered against the labels does not fall under the floor."""
    bank = load_bank(bench.PEER)
    passages = bench.load_passages(bench.OWN_DATA)
    themes = bench.evaluated_themes(bank, passages)
    predictions, _ = bench.predict(Scorer(bank), bank.questions[0].id, passages, themes)
    total = bench.micro(bench.count(predictions, themes))
    assert total.f1 >= F1_FLOOR, f"F1 {total.f1:.3f} (P {total.precision:.3f}, R {total.recall:.3f})"


@pytest.mark.parametrize(
    "data",
    [
        [{"id": 1, "text": "a", "themes": ["x"]}],
        {"passages": [{"passage": "a", "labels": "x, y"}]},
        {"items": [{"answer": "a", "theme_ids": ["x"]}]},
        {"k1": {"text": "a", "themes": None}},
    ],
)
def test_parse_passages_accepts_other_layouts(bench: ModuleType, data: object) -> None:
    """The shared dev file may use another layout or other key names; all read the same."""
    passages = bench.parse_passages(data)
    assert len(passages) == 1
    assert passages[0].text == "a"


def test_parse_passages_rejects_text_less_items(bench: ModuleType) -> None:
    """A passage without text is a data error, not a crash."""
    with pytest.raises(bench.DataError):
        bench.parse_passages([{"themes": ["x"]}])


def test_two_labellings_are_read_as_the_outside_check_reads_them(bench: ModuleType) -> None:
    """A theme both labellings call clear must be found; one either names (clear or maybe) is
    free; a passage labelled once is left out; the second file may hold labels only."""
    first = bench.parse_passages([
        {"id": "p1", "text": "t", "themes": ["a", "b"], "maybe": ["c"]},
        {"id": "p2", "text": "u", "themes": ["a"]},
    ])
    second = bench.parse_passages([{"id": "p1", "themes": ["a", "d"]}], labels_only=True)
    (both,) = bench.double_labelled(first, second)
    assert both.id == "p1" and both.text == "t"
    assert both.themes == {"a"} and both.maybe == {"b", "c", "d"}
    with pytest.raises(bench.DataError):
        bench.parse_passages([{"id": "p1", "themes": ["a"]}])


def test_the_held_out_blocks_second_labels_match_their_passages(bench: ModuleType) -> None:
    """Every id of the second labelling is a passage of our set, with known theme ids."""
    bank = load_bank(bench.PEER)
    own = {p.id for p in bench.load_passages(bench.OWN_DATA)}
    second = bench.load_passages(REPO / "benchmarks" / "data" / "theme_passages_second.yaml",
                                 labels_only=True)
    assert len(second) == 120 and {p.id for p in second} <= own
    assert {t for p in second for t in p.themes | p.maybe} <= set(bank.themes)


def test_the_pages_passages_keep_their_parts_apart(bench: ModuleType) -> None:
    """The passages restating real pages: unique ids, known themes, a page for each, and a train
    part and a held part that share no website (a held passage's page is never learnt from)."""
    bank = load_bank(bench.PEER)
    data = yaml.safe_load(bench.PAGES_DATA.read_text(encoding="utf-8"))["passages"]
    passages = bench.load_passages(bench.PAGES_DATA)
    assert len({p.id for p in passages}) == len(passages) >= 1000
    assert {t for p in passages for t in p.themes | p.maybe} <= set(bank.themes)
    assert {p.part for p in passages} == {"train", "held"}
    assert all(str(item["source"]).startswith(("http://", "https://")) for item in data)
    sites = {part: {urlsplit(item["source"]).netloc.removeprefix("www.") for item in data
                    if item["part"] == part} for part in ("train", "held")}
    assert sites["train"] and sites["held"] and not sites["train"] & sites["held"]


def test_the_pages_held_part_is_labelled_twice(bench: ModuleType) -> None:
    """The second labelling covers exactly the held part, with known theme ids."""
    bank = load_bank(bench.PEER)
    held = {p.id for p in bench.load_passages(bench.PAGES_DATA) if p.part == "held"}
    second = bench.load_passages(bench.SECOND_LABELS[1], labels_only=True)
    assert {p.id for p in second} == held and len(second) == len(held) >= 200
    assert {t for p in second for t in p.themes | p.maybe} <= set(bank.themes)


def test_the_report_gives_each_part_and_the_passages_labelled_twice(
        bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file whose passages name a part is reported whole and by part; second labels from
    several files are read together."""
    data = tmp_path / "p.yaml"
    data.write_text(yaml.safe_dump({"passages": [
        {"id": "a1", "part": "train", "text": "I never share what people tell me without "
         "their consent.", "themes": ["confidentiality"]},
        {"id": "a2", "part": "held", "text": "The bus was late again today.", "themes": []},
        {"id": "a3", "part": "held", "text": "We met by the river.", "themes": []},
    ]}), encoding="utf-8")
    first, second = tmp_path / "s1.yaml", tmp_path / "s2.yaml"
    first.write_text(yaml.safe_dump([{"id": "a2", "themes": []}]), encoding="utf-8")
    second.write_text(yaml.safe_dump([{"id": "a3", "themes": []}]), encoding="utf-8")
    assert bench.main(["--data", str(data), "--second", str(first), "--second",
                       str(second)]) == 0
    out = capsys.readouterr().out
    assert "p.yaml (all): 3 passages" in out
    assert "p.yaml (train part): 1 passages" in out
    assert "p.yaml (held part): 2 passages" in out
    assert "labelled twice: both clear must be found, either's free): 2 passages" in out


def test_the_reading_learns_from_the_pages_train_part_only(trainer: ModuleType) -> None:
    """The theme reading's examples hold every train passage of the pages and no held one."""
    texts = set(trainer.reading_examples()[0])
    data = yaml.safe_load((REPO / "benchmarks" / "data" / "theme_passages_pages.yaml")
                          .read_text(encoding="utf-8"))["passages"]
    assert all(item["text"] in texts for item in data if item["part"] == "train")
    assert not any(item["text"] in texts for item in data if item["part"] == "held")
    assert REPO / "benchmarks" / "data" / "theme_passages_pages.yaml" in trainer.training_inputs()


def test_even_odd_split_uses_id_numbers(bench: ModuleType) -> None:
    """Ids like p002 go to the even half; ids without digits fall back to position."""
    passage = bench.Passage
    assert bench.is_even(passage("p002", "t", frozenset()), 0)
    assert not bench.is_even(passage("p013", "t", frozenset()), 0)
    assert bench.is_even(passage("abc", "t", frozenset()), 1)


def test_shared_dev_set_reads_when_present(bench: ModuleType) -> None:
    """The project brief's dev file (../shared/data/themes) parses, when this machine has it."""
    if not bench.SHARED_DATA.exists():
        pytest.skip("shared dev passages not present")
    assert bench.load_passages(bench.SHARED_DATA)


# --------------------------------------------------------------------------- CUES3 kinds
# Sentences written for these tests (not taken from any data file), one per kind of error that
# CUES3 (benchmarks/data/README.md) answered with general cue data.

BANKS = (REPO / "question_banks" / "peer_support_worker.yaml",
         REPO / "question_banks" / "general_behavioural.yaml")


@pytest.fixture(scope="module")
def peer() -> tuple[Scorer, str]:
    """A scorer for the peer bank and one of its question ids (every theme is judged)."""
    bank = load_bank(BANKS[0])
    return Scorer(bank), bank.questions[0].id


def _reading(cue: str) -> str:
    """One plain reading of a cue: the first alternative of each ``{a|b}``, gaps dropped."""
    text = re.sub(r"\{([^}|]*)[^}]*\}", r"\1", cue).replace("...", " ")
    return re.sub(r"\s+", " ", text).strip()


def _names_label(cue: str, label: str) -> bool:
    """Whether a cue is a run of words of the theme's label (the scorer's theme-name rule)."""
    words = re.findall(r"[a-z][a-z'-]*", label.lower())
    wanted = cue.lower().split()
    return any(words[k:k + len(wanted)] == wanted for k in range(len(words) - len(wanted) + 1))


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_no_weak_cue_covers_its_theme_alone(path: Path) -> None:
    """Two distinct weak cues cover a theme; a weak cue that contains another weak cue of its
    theme ("team meeting" and "team") would be two cues in one phrase and cover it alone. Only
    the theme's own name may (a phrase of its label, read as a strong cue where few themes are)."""
    bank = load_bank(path)
    bank._stance_path = ""  # the cues alone: the theme reading is another mechanism
    scorer = Scorer(bank)
    question_id = bank.questions[0].id
    alone = []
    for theme_id, theme in bank.themes.items():
        for cue in theme.weak:
            reading = _reading(cue)
            result = scorer.score(question_id, f"Then {reading} happened.")
            covered = {t.id for t in result.themes if t.covered}
            if theme_id in covered and not _names_label(reading, theme.label):
                alone.append((theme_id, cue))
    assert not alone


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # an everyday phrase in its everyday sense is no theme
        ("We worked together on the quiz for the charity night.", "collaboration"),
        ("He twisted his ankle and spent the evening in A&E.", "crisis_safety"),
        ("That film stayed with her for weeks afterwards.", "crisis_safety"),
        ("I sat with him on the train because the other seats were taken.", "empathy_listening"),
        ("I'll get back to you about the rota by Friday.", "recovery_hope"),
        ("The traffic slowed us down on the way to the venue.", "empathy_listening"),
        ("Everyone who completed the course got a certificate.", "professional_development"),
        # one weak phrase is not two weak cues
        ("She describes herself as a team player.", "collaboration"),
        # the person's own plan, someone else's history, named as such
        ("My own wellbeing plan is pinned above my desk.", "recovery_hope"),
        ("Some of the people we see have been in and out of services for years.",
         "lived_experience"),
        # generic words of a mission statement
        ("Our charity is built on research, growth and genuine partnership.",
         "professional_development"),
        ("Our charity is built on research, growth and genuine partnership.", "trust_rapport"),
        # "boundaries" of a place, a service's patch, or limits others respect (session 11,
        # from the training blocks' false positives; shared rule 1)
        ("Since April the area boundaries put everyone north of the canal with the other "
         "team.", "boundaries"),
        ("Please leave your bike by the gate at the boundary of the staff car park.",
         "boundaries"),
        ("The reception staff respect your boundaries and will only ring if you say so.",
         "boundaries"),
        # supervision is self-care and learning, not by itself the role's limits
        ("After a session that went badly I took it to supervision the next day.", "boundaries"),
        # a quality the job asks for, named, is no practice (session 12, from the pages' train
        # part; shared rule 2): QUALITY_WORDS keep a theme's own name a weak cue
        ("The post calls for empathy, lived experience and professional skill.",
         "empathy_listening"),
        ("A strong candidate shows resilience and a commitment to recovery.", "self_care"),
        # phrases that name a service or a right rather than practice are weak cues (session 12)
        ("The client's right to choose is written into the service charter.",
         "advocacy_resources"),
        ("The helpline is staffed by volunteers with lived experience.", "advocacy_resources"),
        ("The drop-in is meant to be a safe space for anyone who walks in.", "trust_rapport"),
        ("Peer workers build relationships with the people they support.", "collaboration"),
        ("Referrals move between services more slowly in the winter.", "collaboration"),
        # what a good week looks like for them is a goal, not listening (session 13)
        ("We talked about what a good week would look like for them.", "empathy_listening"),
    ],
)
def test_everyday_wordings_show_no_theme(peer: tuple[Scorer, str], text: str, theme: str) -> None:
    """Words that also occur in a theme's cues, said in their everyday sense, cover nothing."""
    scorer, question_id = peer
    result = scorer.score(question_id, text)
    assert theme not in {t.id for t in result.themes if t.covered}


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("After a rough week I said no to extra shifts and took a proper lunch break.",
         "self_care"),
        ("When I'm shaken I tell my supervisor I'm struggling rather than sitting on it.",
         "self_care"),
        ("I asked the ward to use her name rather than calling her a frequent attender; I said "
         "I'd rather we used her name.", "stigma"),
        ("It's an illness, not a flaw in your character.", "stigma"),
        ("Recovery didn't mean the voices stopped; it meant they stopped running my life.",
         "recovery_hope"),
        ("I spent a year barely leaving the house during my depression, so I know where they are.",
         "lived_experience"),
        ("I tell them I've had anxiety myself, then hand it back to them.", "lived_experience"),
        ("She did most of the talking on the phone and I only stepped in once.", "empowerment"),
        ("By the fourth visit he didn't need me there at all.", "empowerment"),
        ("If I say I'll call on Monday, I call on Monday.", "trust_rapport"),
        ("In the team chat we never use names.", "confidentiality"),
        ("I said it sounded like she'd been carrying that on her own for a long time.",
         "empathy_listening"),
        ("We found him a counsellor who works in Polish, so he could talk in Polish.",
         "inclusion"),
        ("We wrote the complaint together and I made sure her view was heard.",
         "advocacy_resources"),
        ("Lending money is outside the peer role, so I said no kindly.", "boundaries"),
        ("I've since done the suicide awareness training our trust runs.",
         "professional_development"),
        ("Compassion goes a long way towards de-escalating tension on the ward.", "crisis_safety"),
        # session 13, tried as a new user would
        ("I keep well through supervision and regular breaks.", "self_care"),
        # session 13, ROUND42's plain good answers
        ("First I'd want to know what anxiety is like for them.", "empathy_listening"),
        ("I pay attention to what they light up about, and what they skip past.",
         "empathy_listening"),
        ("I was careful not to pretend our experiences were the same.", "inclusion"),
        ("When I first got unwell I waited months for an appointment.", "lived_experience"),
        # session 14, plain good answers to the shared dev set's questions (ROUND42 to 44)
        ("In the group I gently bring in the quieter people.", "inclusion"),
        ("I keep an eye out for whoever's gone quiet and invite them in.", "inclusion"),
        ("I make sure everyone gets a say before we move on.", "inclusion"),
        ("My job is to see that one person doesn't take over the session.", "inclusion"),
        ("Some staff treat peer workers as an extra pair of hands for escorts.", "stigma"),
        ("Colleagues saw me as a former patient rather than a colleague.", "stigma"),
        ("The hardest part was the role not being taken seriously.", "stigma"),
        ("People assume that lived experience means you're fragile.", "stigma"),
        ("I took it to supervision, because it had really got to me.", "self_care"),
        ("It really stung, and I took it to supervision.", "self_care"),
        ("When I don't know something about a faith, I look it up myself.",
         "professional_development"),
        ("I told her I could see how let down she felt.", "empathy_listening"),
        ("I'd ask what they'd like to be different by the summer.", "empowerment"),
        ("I said I'd make the call with her there if she wanted.", "empowerment"),
        # session 14, ROUND47 and ROUND48 (tuning)
        ("I'd rather bring in the team with him than behind his back.", "empowerment"),
        ("I told him I was glad he'd told me.", "empathy_listening"),
        ("I thanked her for trusting me with it.", "empathy_listening"),
    ],
)
def test_plain_practice_shows_its_theme(peer: tuple[Scorer, str], text: str, theme: str) -> None:
    """Practice said in plain words, without the theme's name, covers the theme."""
    scorer, question_id = peer
    result = scorer.score(question_id, text)
    assert theme in {t.id for t in result.themes if t.covered}
