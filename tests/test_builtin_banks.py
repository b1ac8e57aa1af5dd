"""The shipped banks: they load, their themes are well formed, and their model answers pass their own scorer."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest
import snowballstemmer
import yaml

from interview_coach.banks.loader import load_bank
from interview_coach.banks.models import Bank, Question, ThemeLibrary

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
# A run of this many words shared with a seed document counts as copied text.
COPY_RUN = 8
BANKS_DIR = REPO / "question_banks"
SHIPPED = ("peer_support_worker.yaml", "general_behavioural.yaml")
PEER = BANKS_DIR / "peer_support_worker.yaml"
WORKPLACE = BANKS_DIR / "themes" / "workplace.yaml"
REQUIRED_PEER_THEMES = (
    "boundaries", "confidentiality", "lived_experience", "self_care", "empathy_listening",
    "recovery_hope", "empowerment", "collaboration", "crisis_safety", "inclusion",
    "advocacy_resources", "trust_rapport", "professional_development", "stigma",
)
# Words that show a behavioural (STAR) answer states its result explicitly.
RESULT_MARKERS = ("as a result", "the outcome", "the result", "in the end", "by the end")

_STEMMER = snowballstemmer.stemmer("english")


def _load(name: str) -> Bank:
    """Load a shipped bank by file name; a missing bank is a failure, since both must ship."""
    path = BANKS_DIR / name
    if not path.exists():
        pytest.fail(f"shipped bank {name} is missing from question_banks/")
    return load_bank(path)


def _norm(phrase: str) -> tuple[str, ...]:
    """A keyword as the scorer sees it, near enough: lower-cased, tokenised, stemmed."""
    tokens = re.findall(r"[a-z0-9+]+", phrase.lower().replace("'", ""))
    return tuple(_STEMMER.stemWord(t) for t in tokens)


def _word_count(text: str) -> int:
    """Words as a reader counts them."""
    return len(text.split())


def _all_questions() -> list[tuple[str, str]]:
    """(bank file, question id) for every question of every shipped bank that exists."""
    pairs = []
    for name in SHIPPED:
        path = BANKS_DIR / name
        if path.exists():
            pairs += [(name, q.id) for q in load_bank(path).questions]
    return pairs


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_bank_loads(name: str) -> None:
    """Both built-in banks load through the project's loader and have questions."""
    bank = _load(name)
    assert bank.questions
    assert bank.id == name.removesuffix(".yaml")


@pytest.mark.parametrize("path", sorted(BANKS_DIR.glob("*.yaml")) + sorted(BANKS_DIR.glob("themes/*.yaml")))
def test_shipped_files_start_with_schema_line(path: Path) -> None:
    """Editors check a shipped bank while it is typed, via the yaml-language-server line."""
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")


def test_workplace_library_is_a_theme_library() -> None:
    """The shared theme file holds only schema and themes, and the peer bank includes it."""
    data = yaml.safe_load(WORKPLACE.read_text("utf-8"))
    assert set(data) == {"schema", "themes"}
    library = ThemeLibrary.model_validate(data)
    assert {"collaboration", "professional_development"} <= set(library.themes)
    peer = yaml.safe_load(PEER.read_text("utf-8"))
    assert "themes/workplace.yaml" in peer["include"]


def test_questions_is_last_key_of_peer_bank() -> None:
    """Questions come last, so contributors append to the end of the file."""
    data = yaml.safe_load(PEER.read_text("utf-8"))
    assert list(data)[-1] == "questions"


def test_peer_bank_required_themes() -> None:
    """Every theme the issue names exists, with a description, a hint, enough cues and anti-cues."""
    bank = load_bank(PEER)
    missing = [t for t in REQUIRED_PEER_THEMES if t not in bank.themes]
    assert not missing
    for theme_id, theme in bank.themes.items():
        assert len(theme.all_cues()) >= 12, theme_id
        assert len(theme.strong_cues()) >= 5, theme_id
        assert len(theme.anti_cues) >= 8, theme_id
        assert all(anti.why.strip() for anti in theme.anti_cues), theme_id
        assert theme.hint and theme.hint.strip(), theme_id
        assert len(theme.description.split()) >= 20, theme_id


def test_peer_bank_red_flags() -> None:
    """At least ten red flags, each with a reason."""
    bank = load_bank(PEER)
    assert len(bank.red_flags) >= 10
    assert all(flag.why.strip() for flag in bank.red_flags)
    phrases = [_norm(flag.phrase) for flag in bank.red_flags]
    assert len(phrases) == len(set(phrases))


@pytest.mark.parametrize("name", SHIPPED)
def test_no_keyword_shared_between_themes(name: str) -> None:
    """Two themes of a bank's merged set never share a keyword unless marked as intended."""
    bank = _load(name)
    clashes = []
    for (a_id, a), (b_id, b) in combinations(bank.themes.items(), 2):
        allowed = {_norm(k) for k in a.shared_keywords + b.shared_keywords}
        shared = ({_norm(k) for k in a.all_cues()} & {_norm(k) for k in b.all_cues()}) - allowed
        clashes += [f"{' '.join(k)!r} in {a_id} and {b_id}" for k in sorted(shared)]
    assert not clashes


def test_no_duplicate_keyword_within_a_theme() -> None:
    """Inflections are matched by stemming, so a theme lists each idea once (strong and weak together)."""
    for name in SHIPPED:
        for theme_id, theme in _load(name).themes.items():
            normed = [_norm(k) for k in theme.all_cues()]
            assert len(normed) == len(set(normed)), (name, theme_id)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_banks_use_tiered_cues(name: str) -> None:
    """Schema 2: every theme lists deliberate strong and weak cues and at least 8 anti-cues."""
    bank = _load(name)
    assert bank.schema_ == 2
    for theme_id, theme in bank.themes.items():
        assert not theme.keywords, f"{theme_id}: untiered keywords left"
        assert theme.strong and theme.weak, theme_id
        assert len(theme.anti_cues) >= 8, theme_id


def test_peer_questions_are_complete() -> None:
    """Each peer question has 1-4 known themes, a model answer of 80-200 words, tips and follow-ups."""
    bank = load_bank(PEER)
    problems = []
    for q in bank.questions:
        words = _word_count(q.model_answer)
        if not 80 <= words <= 200:
            problems.append(f"{q.id}: model answer has {words} words")
        if not 1 <= len(q.themes) <= 4 or not set(q.themes) <= set(bank.themes):
            problems.append(f"{q.id}: themes {q.themes}")
        if len(q.tips) < 2 or len(q.follow_ups) < 1:
            problems.append(f"{q.id}: needs 2+ tips and 1+ follow-up")
        if q.category is None or q.difficulty is None:
            problems.append(f"{q.id}: needs a category and a difficulty")
    assert not problems


def test_peer_behavioural_answers_state_a_result() -> None:
    """Behavioural model answers follow STAR and say the result out loud."""
    bank = load_bank(PEER)
    behavioural = [q for q in bank.questions if q.category == "behavioural"]
    assert behavioural
    for q in behavioural:
        text = q.model_answer.lower()
        assert any(marker in text for marker in RESULT_MARKERS), q.id


@pytest.mark.parametrize("name", SHIPPED)
def test_model_answers_never_contain_red_flag_text(name: str) -> None:
    """A good answer never says a red-flag phrase, not even to deny it."""
    bank = _load(name)
    for q in bank.questions:
        answer = " ".join(_norm(q.model_answer))
        for flag in bank.red_flags:
            assert " ".join(_norm(flag.phrase)) not in answer, (q.id, flag.phrase)


def _check_self_consistency(bank: Bank, question: Question) -> list[str]:
    """What the project's scorer finds wrong with a model answer: uncovered themes, red flags."""
    from interview_coach.scoring import Scorer

    result = Scorer(bank).score(question, question.model_answer)
    by_id = {t.id: t for t in result.themes}
    # Issue 12's tiers: a one-word schema-1 keyword is a weak cue. Until a theme lists its own
    # strong cues (CUES is rewriting the built-in banks), touched counts as shown here.
    problems = [
        f"theme {t} not covered" for t in question.themes
        if t not in by_id or not (
            by_id[t].covered
            or (by_id[t].state == "touched" and not bank.themes[t].strong)
        )
    ]
    problems += [f"red flag {hit.phrase!r} at {hit.text!r}" for hit in result.red_flags]
    return problems


@pytest.mark.parametrize(("name", "question_id"), _all_questions())
def test_model_answer_passes_own_scorer(name: str, question_id: str) -> None:
    """Scored by the project's scorer, a model answer covers its themes and trips no red flag."""
    bank = load_bank(BANKS_DIR / name)
    question = bank.question(question_id)
    assert not _check_self_consistency(bank, question)


def _word_runs(text: str, n: int) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive words, lower-cased, with curly apostrophes folded."""
    words = re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents are not available here")
def test_banks_do_not_copy_the_seeds() -> None:
    """Content is written in our own words: no long run of words is lifted from a seed."""
    seed_runs: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        seed_runs |= _word_runs(seed.read_text("utf-8", errors="replace"), COPY_RUN)
    files = sorted(BANKS_DIR.glob("*.yaml")) + sorted(BANKS_DIR.glob("themes/*.yaml"))
    copied = {
        f"{path.name}: {' '.join(run)}"
        for path in files
        for run in _word_runs(path.read_text("utf-8"), COPY_RUN) & seed_runs
    }
    assert not copied


# Things a worrying candidate might say, each of which a peer-bank red flag must catch.
RISKY_SAYINGS = (
    "If they asked me to, I would promise to keep it secret from everyone.",
    "I would tell them it stays just between us.",
    "I would give them my personal phone number so they can call me any time.",
    "I'd give them my mobile number in case they need me at night.",
    "I tell people what to do because I have been there.",
    "I can usually diagnose them quickly.",
    "I know exactly how they feel because I went through the same thing.",
    "I would tell them my whole life story so they feel comfortable.",
    "Honestly I never need support, I am very resilient.",
    "I could lend them some money if they were short.",
    "I would become their best friend.",
    "I would wait until the next session to talk about it.",
    "Some of them are just attention seeking.",
    "I'd tell them to come off their meds.",
)
# What a sound candidate might say, often naming the very thing they would not do.
SOUND_SAYINGS = (
    "I would never promise to keep a secret if someone was at risk.",
    "I don't tell them what to do; I offer options.",
    "I would not diagnose anyone, that is for clinicians.",
    "I never say I know exactly how you feel, because every experience is different.",
    "I would not give them my personal number.",
    "I share my story briefly and only when it helps.",
    "I need support like everyone else, and I use supervision every fortnight.",
    "I would not wait until our next session; I would act the same day.",
    "I do not see distress as attention seeking.",
    "I would encourage them to talk to their prescriber before changing any medication.",
)


def _flags_said(text: str) -> list[str]:
    """The peer bank's red flags the scorer finds in ``text``."""
    from interview_coach.scoring import Scorer

    bank = load_bank(PEER)
    return [hit.phrase for hit in Scorer(bank).score(bank.questions[0], text).red_flags]


@pytest.mark.parametrize("saying", RISKY_SAYINGS)
def test_peer_red_flags_catch_risky_sayings(saying: str) -> None:
    """Each worrying statement trips at least one red flag of the peer bank."""
    assert _flags_said(saying)


@pytest.mark.parametrize("saying", SOUND_SAYINGS)
def test_peer_red_flags_spare_sound_sayings(saying: str) -> None:
    """Denying a bad practice, or describing a good one, trips no red flag."""
    assert not _flags_said(saying)
